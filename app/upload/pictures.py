"""Pictures for the upload: made uploadable once, uploaded to the picture space once per shop.

Decision (documented in app/upload/README.md): a picture used by only one row travels inside the
call that needs it (the main picture as item.add's ``image`` part, an extra one through
item.img.upload) — one call, no picture.upload. A picture several rows share is uploaded once
with picture.upload; its path goes into the journal's pictures table (shop + env + sha256) and
every row uses it (``pic_path`` / item.joint.img), in this run and the next ones. The price of
the first choice: the path of an inlined picture is not known, so if a later run shares it, it is
uploaded once more then. Detail pictures (in the description) and colour pictures
(item.joint.propimg) need a picture-space path, so they always go through picture.upload, once
per content and shop likewise.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from app.catalog.model import ImageRef, ImageSource
from app.images.download import Downloader
from app.images.errors import DownloadError, ImageError
from app.images.fix import FixOptions, prepare
from app.images.options import MAX_UPLOAD_BYTES
from app.images.picture_path import resolve_picture_path
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


TYPICAL_PICTURE_BYTES = 300 * 1024  # a picture whose size is unknown before it is read (a URL)


def size_hint(preparer: PicturePreparer, ref: ImageRef) -> int:
    """About how many bytes ``ref`` will upload, without reading it: the preparer's own guess
    (``size_hint(ref)``, if it has one) capped at 3 MB, else `TYPICAL_PICTURE_BYTES`."""
    guess = getattr(preparer, "size_hint", None)
    size = guess(ref) if callable(guess) else None
    return min(size, MAX_UPLOAD_BYTES) if size is not None else TYPICAL_PICTURE_BYTES


class FilePreparer:
    """Read (path, URL or embedded) and fix a picture with `app.images`."""

    def __init__(self, base_dir: Path, options: FixOptions | None = None) -> None:
        self.base_dir = base_dir
        self._downloader = Downloader()
        self._options = options or FixOptions()  # the shop's auto-fix settings

    def __call__(self, ref: ImageRef, is_main: bool) -> ReadyPicture:
        try:
            data = load_ref(ref, self.base_dir, self._downloader)
            ready = prepare(data, self._options, is_main=is_main,
                            label="主图" if is_main else "图片")
        except DownloadError as exc:
            raise PictureProblem(_text(exc, ref), retryable=True) from None
        except (ImageError, OSError) as exc:
            raise PictureProblem(_text(exc, ref)) from None
        errors = [i.message for i in ready.issues if i.is_error]
        if errors:
            raise PictureProblem(f"图片“{ref.location}”无法使用：" + "；".join(errors))
        return ReadyPicture(ready.data, ready.sha256, ready.filename)

    def size_hint(self, ref: ImageRef) -> int | None:
        """The file's or embedded picture's size; None for a URL or a file that is not there."""
        if ref.data is not None:
            return len(ref.data)
        if ref.source is not ImageSource.PATH or "://" in ref.location:
            return None
        try:
            return resolve_picture_path(ref.location, self.base_dir).stat().st_size
        except (ImageError, OSError, ValueError):
            return None


def default_preparer(base_dir: Path, options: FixOptions | None = None) -> PicturePreparer:
    """Read (path, URL or embedded) and fix a picture with `app.images` (``options``: the
    shop's auto-fix settings)."""
    return FilePreparer(base_dir, options)


def no_pictures(ref: ImageRef, is_main: bool) -> ReadyPicture:
    """The preparer of an engine given none: every picture is a problem."""
    raise PictureProblem(f"图片“{ref.location}”无法读取（未配置图片处理）")


def _text(exc: Exception, ref: ImageRef) -> str:
    message = getattr(exc, "message", "") or str(exc)
    return f"图片“{ref.location}”无法使用：{message}"


class FixedPreparer:
    """Pictures prepared beforehand, by `image_identity` (benchmarks, tests, the GUI cache)."""

    def __init__(self, pictures: Mapping[str, ReadyPicture]) -> None:
        self._pictures = pictures

    def __call__(self, ref: ImageRef, is_main: bool) -> ReadyPicture:
        try:
            return self._pictures[image_identity(ref)]
        except KeyError:
            raise PictureProblem(f"图片“{ref.location}”没有准备好") from None

    def size_hint(self, ref: ImageRef) -> int | None:
        ready = self._pictures.get(image_identity(ref))
        return ready.size if ready is not None else None


def fixed_preparer(pictures: Mapping[str, ReadyPicture]) -> PicturePreparer:
    """Pictures prepared beforehand, by `image_identity` (benchmarks, tests, the GUI cache)."""
    return FixedPreparer(pictures)


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

    def ensure_uploaded(self, pic: ReadyPicture, upload: Callable[[ReadyPicture], tuple[str, int]],
                        *, ref: ImageRef | None = None) -> str:
        """The picture-space path of ``pic``, calling ``upload`` (→ path, picture_id) at most
        once across threads. With ``ref``, the journal remembers which picture it became."""
        with self._lock_for("sha:" + pic.sha256):
            path = self.known_path(pic)
            if path is None:
                path, picture_id = upload(pic)
                self._journal.put_picture(self._shop, self._env, pic.sha256, path,
                                          picture_id=picture_id, size=pic.size)
        if ref is not None:
            self._journal.put_picture_source(self._shop, self._env, image_identity(ref),
                                             pic.sha256)
        return path

    def uploaded(self, refs: Iterable[ImageRef]) -> set[str]:
        """Identities among ``refs`` whose picture (as last prepared) is in the picture space."""
        return self._journal.uploaded_sources(self._shop, self._env,
                                              (image_identity(r) for r in refs))
