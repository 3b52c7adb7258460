"""Pictures for the upload: made uploadable once, uploaded to the picture space once per shop.

Decision (documented in app/upload/README.md): a picture used by only one row travels inside the
call that needs it (the main picture as item.add's ``image`` part, an extra one through
item.img.upload) — one call, no picture.upload. A picture several rows share is uploaded once
with picture.upload; its path goes into the journal's pictures table (shop + env + sha256) and
every row uses it (``pic_path`` / item.joint.img), in this run and the next ones. The price of
the first choice: the path of an inlined picture is not known, so if a later run shares it, it is
uploaded once more then.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from app.catalog.model import ImageRef
from app.images.download import Downloader
from app.images.errors import DownloadError, ImageError
from app.images.fix import FixOptions, prepare
from app.images.source import load_ref
from app.upload.journal import Journal
from app.upload.plan import image_identity


@dataclass(frozen=True, slots=True)
class ReadyPicture:
    """Bytes ready to send (what `app.images.fix.PreparedImage` gives), with their hash."""

    data: bytes
    sha256: str
    filename: str

    @property
    def size(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        return f"ReadyPicture({self.filename!r}, size={self.size})"


class PictureProblem(Exception):  # noqa: N818
    """A picture could not be read or fixed. ``str()`` is Chinese; ``retryable`` if it may pass
    later without an edit (a download that failed)."""

    def __init__(self, message: str, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


class PicturePreparer(Protocol):
    def __call__(self, ref: ImageRef, is_main: bool) -> ReadyPicture: ...


def default_preparer(base_dir: Path, options: FixOptions | None = None) -> PicturePreparer:
    """Read (path, URL or embedded) and fix a picture with `app.images` (``options``: the
    shop's auto-fix settings)."""
    downloader = Downloader()
    options = options or FixOptions()

    def run(ref: ImageRef, is_main: bool) -> ReadyPicture:
        try:
            data = load_ref(ref, base_dir, downloader)
            ready = prepare(data, options, is_main=is_main, label="主图" if is_main else "附图")
        except DownloadError as exc:
            raise PictureProblem(_text(exc, ref), retryable=True) from None
        except (ImageError, OSError) as exc:
            raise PictureProblem(_text(exc, ref)) from None
        errors = [i.message for i in ready.issues if i.is_error]
        if errors:
            raise PictureProblem(f"图片“{ref.location}”无法使用：" + "；".join(errors))
        return ReadyPicture(ready.data, ready.sha256, ready.filename)

    return run


def _text(exc: Exception, ref: ImageRef) -> str:
    message = getattr(exc, "message", "") or str(exc)
    return f"图片“{ref.location}”无法使用：{message}"


def fixed_preparer(pictures: Mapping[str, ReadyPicture]) -> PicturePreparer:
    """Pictures prepared beforehand, by `image_identity` (benchmarks, tests, the GUI cache)."""

    def run(ref: ImageRef, is_main: bool) -> ReadyPicture:
        try:
            return pictures[image_identity(ref)]
        except KeyError:
            raise PictureProblem(f"图片“{ref.location}”没有准备好") from None

    return run


class PictureSpace:
    """Shared pictures: prepared once per run, uploaded once per shop + env (journal-backed)."""

    def __init__(self, journal: Journal, shop: str, env: str, preparer: PicturePreparer) -> None:
        self._journal = journal
        self._shop = shop
        self._env = env
        self._preparer = preparer
        self._lock = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._ready: dict[str, ReadyPicture] = {}

    def _lock_for(self, ident: str) -> threading.Lock:
        with self._lock:
            return self._locks.setdefault(ident, threading.Lock())

    def prepare(self, ref: ImageRef, *, shared: bool, is_main: bool) -> ReadyPicture:
        """Fixed bytes of ``ref``; shared pictures are cached for the other rows."""
        if not shared:
            return self._preparer(ref, is_main)
        ident = f"{image_identity(ref)}|{is_main}"
        with self._lock_for(ident):
            ready = self._ready.get(ident)
            if ready is None:
                ready = self._preparer(ref, is_main)
                self._ready[ident] = ready
            return ready

    def known_path(self, pic: ReadyPicture) -> str | None:
        return self._journal.picture_path(self._shop, self._env, pic.sha256)

    def ensure_uploaded(self, pic: ReadyPicture, upload: Callable[[ReadyPicture], tuple[str, int]]
                        ) -> str:
        """The picture-space path of ``pic``, calling ``upload`` (→ path, picture_id) at most
        once across threads."""
        with self._lock_for("sha:" + pic.sha256):
            path = self.known_path(pic)
            if path is None:
                path, picture_id = upload(pic)
                self._journal.put_picture(self._shop, self._env, pic.sha256, path,
                                          picture_id=picture_id, size=pic.size)
            return path
