"""Thumbnails for the table (96 px) and the preview (480 px), rendered in a pool, cached on disk.

Files live under ``cache_dir()/thumbs/<key[:2]>/<key>_<size>.<png|jpg>``; ``key`` is the
sha256 of the picture bytes they were made from: the fixed bytes (``PreparedImage.sha256``) or,
before fixing, the source bytes (``ImageInfo.sha256``), so the table shows pictures at once.
A cached thumbnail is read from disk without decoding anything. Table sizes (≤ 128 px) are
PNG, larger previews JPEG (a 480 px photo: ~300 KB as PNG, ~40 KB as JPEG); Qt's
``loadFromData`` reads both. No Qt here: `submit` returns a `concurrent.futures.Future`,
usable from any thread (a Qt worker bridges it to a signal; the done-callback runs in a pool
thread, not in the GUI thread).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from app import paths
from app.images.convert import to_rgb, upright
from app.images.errors import ImageError
from app.images.inspect import load_pixels, open_image, orientation_of

SMALL = 96
PREVIEW = 480
THUMB_SIZES = (SMALL, PREVIEW)
_KEY = re.compile(r"^[0-9a-f]{16,128}$")
DEFAULT_CACHE_BYTES = 500 * 1024 * 1024
PNG_MAX_SIDE = 128  # thumbnails up to this size are PNG, larger ones JPEG


def thumb_format(size: int) -> str:
    """``PNG`` for table thumbnails, ``JPEG`` for previews."""
    return "PNG" if size <= PNG_MAX_SIDE else "JPEG"


def key_of(data: bytes) -> str:
    """The cache key of picture bytes (sha256 hex)."""
    return hashlib.sha256(data).hexdigest()


def render_thumbnails(data: bytes, sizes: Sequence[int] = THUMB_SIZES) -> dict[int, bytes]:
    """Thumbnails (longest side = size, upright, transparency on white) of picture bytes.

    A plain top-level function so that a process pool can run it. JPEGs are decoded at
    reduced scale (``draft``), which is several times faster than a full decode.
    """
    biggest = max(sizes)
    im = open_image(data)  # in memory: left to the GC, closing would free shared pixels
    if getattr(im, "is_animated", False):
        im.seek(0)
    if im.format in ("JPEG", "MPO"):
        im.draft(None, (biggest, biggest))
    load_pixels(im)
    current = upright(to_rgb(im), orientation_of(im))
    out: dict[int, bytes] = {}
    for size in sorted(set(sizes), reverse=True):  # each from the previous, larger one
        current = current.copy()
        current.thumbnail((size, size), Image.Resampling.LANCZOS, reducing_gap=2.0)
        buf = io.BytesIO()
        if thumb_format(size) == "PNG":
            current.save(buf, "PNG", compress_level=3)
        else:
            current.save(buf, "JPEG", quality=85)
        out[size] = buf.getvalue()
    return out


@dataclass(slots=True)
class CacheStats:
    """Counters (thread-safe through the cache's lock): disk hits, misses, decodes, failures."""

    hits: int = 0
    misses: int = 0
    renders: int = 0
    errors: int = 0


@dataclass(slots=True)
class ThumbBatch:
    """Result of `ThumbnailCache.make_many`: thumbnails and errors by key."""

    thumbs: dict[str, dict[int, bytes]] = field(default_factory=dict)
    errors: dict[str, ImageError] = field(default_factory=dict)


class ThumbnailCache:
    """Disk cache of thumbnails with a rendering pool (threads by default; any Executor works)."""

    def __init__(
        self,
        root: Path | None = None,
        executor: Executor | None = None,
        max_workers: int | None = None,
    ) -> None:
        self.root = root or paths.cache_dir() / "thumbs"
        self.root.mkdir(parents=True, exist_ok=True)
        self._own_executor = executor is None
        self._executor = executor or ThreadPoolExecutor(
            max_workers=max_workers or min(4, os.cpu_count() or 2),
            thread_name_prefix="thumbs",
        )
        self._lock = threading.Lock()
        self._inflight: dict[tuple[str, tuple[int, ...]], Future[dict[int, bytes]]] = {}
        self.stats = CacheStats()

    # -- disk -----------------------------------------------------------------------------
    def path_for(self, key: str, size: int) -> Path:
        if not _KEY.match(key):
            raise ValueError("thumbnail key must be a lowercase hex digest")
        ext = "png" if thumb_format(size) == "PNG" else "jpg"
        return self.root / key[:2] / f"{key}_{int(size)}.{ext}"

    def get(self, key: str, size: int) -> bytes | None:
        """The cached thumbnail, or None. Never decodes."""
        try:
            data = self.path_for(key, size).read_bytes()
        except OSError:
            data = None
        with self._lock:
            if data:
                self.stats.hits += 1
            else:
                self.stats.misses += 1
        return data or None

    def put(self, key: str, size: int, data: bytes) -> None:
        """Store a thumbnail (atomically: written aside, then renamed into place)."""
        path = self.path_for(key, size)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(data)
            os.replace(tmp, path)
        except OSError:  # the cache is best effort (e.g. the file is open elsewhere on Windows)
            tmp.unlink(missing_ok=True)

    # -- rendering ------------------------------------------------------------------------
    def submit(
        self, data: bytes, sizes: Sequence[int] = THUMB_SIZES, key: str | None = None
    ) -> Future[dict[int, bytes]]:
        """Thumbnails of ``data`` by size. Cached sizes come from disk (an already-done
        Future when all are cached); the rest are rendered in the pool, written, returned.
        The same picture submitted twice while rendering shares one job."""
        key = key or key_of(data)
        wanted = tuple(sorted(set(sizes)))
        cached = {size: thumb for size in wanted if (thumb := self.get(key, size)) is not None}
        missing = tuple(size for size in wanted if size not in cached)
        if not missing:
            done: Future[dict[int, bytes]] = Future()
            done.set_result(cached)
            return done
        with self._lock:
            running = self._inflight.get((key, wanted))
            if running is not None:
                return running
            outer: Future[dict[int, bytes]] = Future()
            self._inflight[(key, wanted)] = outer
            self.stats.renders += 1
        inner = self._executor.submit(render_thumbnails, data, missing)
        inner.add_done_callback(lambda job: self._finish(job, outer, key, wanted, cached))
        return outer

    def _finish(
        self,
        job: Future[dict[int, bytes]],
        outer: Future[dict[int, bytes]],
        key: str,
        wanted: tuple[int, ...],
        cached: dict[int, bytes],
    ) -> None:
        try:
            rendered = job.result()
        except BaseException as exc:  # noqa: BLE001 (handed to the waiting caller)
            with self._lock:
                self.stats.errors += 1
                self._inflight.pop((key, wanted), None)
            outer.set_exception(exc)
            return
        for size, thumb in rendered.items():
            self.put(key, size, thumb)
        with self._lock:
            self._inflight.pop((key, wanted), None)
        outer.set_result({**cached, **rendered})

    def make(self, data: bytes, size: int = SMALL, key: str | None = None) -> bytes:
        """One thumbnail, blocking (raises `ImageError` for a bad picture)."""
        return self.submit(data, (size,), key).result()[size]

    def from_source(self, data: bytes, size: int = SMALL) -> bytes:
        """The fast path for the table: a thumbnail of the sheet's own picture bytes (keyed
        by their sha256), before any fixing. Blocking; raises `ImageError`."""
        return self.make(data, size)

    def make_many(
        self, pictures: Iterable[bytes], sizes: Sequence[int] = THUMB_SIZES
    ) -> ThumbBatch:
        """Thumbnails of many pictures in parallel, keyed by the sha256 of each picture."""
        jobs: dict[str, Future[dict[int, bytes]]] = {}
        for data in pictures:
            key = key_of(data)
            if key not in jobs:
                jobs[key] = self.submit(data, sizes, key)
        wait(jobs.values())
        batch = ThumbBatch()
        for key, job in jobs.items():
            exc = job.exception()
            if exc is None:
                batch.thumbs[key] = job.result()
            elif isinstance(exc, ImageError):
                batch.errors[key] = exc
            else:
                raise exc
        return batch

    def prune(self, max_bytes: int = DEFAULT_CACHE_BYTES) -> int:
        """Delete the least recently written thumbnails until the cache is ≤ ``max_bytes``.
        Returns how many files were removed. Call it at start-up or exit, not mid-render."""
        files = []
        for path in self.root.glob("*/*_*.*"):
            try:
                stat = path.stat()
            except OSError:
                continue
            files.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _, size, _ in files)
        removed = 0
        for _, size, path in sorted(files):
            if total <= max_bytes:
                break
            try:
                path.unlink()
            except OSError:
                continue
            total -= size
            removed += 1
        return removed

    def close(self) -> None:
        """Stop the pool if this cache created it (pending renders are cancelled)."""
        if self._own_executor:
            self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ThumbnailCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
