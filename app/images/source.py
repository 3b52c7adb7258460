"""Get the bytes of a product picture from wherever the sheet says it is.

Paths are resolved by `app.images.picture_path.resolve_picture_path` (relative to the workbook's
folder; backslashes, ``file:`` URLs, quotes); URLs go through the `Downloader`; pictures
embedded in the workbook already carry their bytes (``ImageRef.data``).
"""

from __future__ import annotations

from pathlib import Path

from app.catalog.model import ImageRef, ImageSource
from app.images.download import Downloader
from app.images.errors import ImageError, human_size, short_label
from app.images.picture_path import resolve_picture_path

__all__ = ["load_ref", "read_image_file", "resolve_picture_path"]

MAX_FILE_BYTES = 50 * 1024 * 1024  # a picture file larger than this is not a product photo


def read_image_file(path: Path, label: str = "", max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """Bytes of a picture file; a missing, unreadable or huge file is an `ImageError`."""
    shown = short_label(label or str(path))
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImageError(
            "image.missing", f"找不到图片文件「{shown}」（查找位置：{path}）"
        ) from None
    except OSError as exc:
        raise ImageError(
            "image.unreadable", f"无法读取图片文件「{shown}」：{exc.strerror or exc}"
        ) from None
    if path.is_dir():
        raise ImageError("image.not_file", f"「{shown}」是文件夹，不是图片文件")
    if size > max_bytes:
        raise ImageError(
            "image.file_too_big",
            f"图片文件「{shown}」有 {human_size(size)}，超过 {human_size(max_bytes)}，无法处理",
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImageError(
            "image.unreadable",
            f"无法读取图片文件「{shown}」：{exc.strerror or exc}（没有权限或文件被占用）",
        ) from None


def _is_url(text: str) -> bool:
    return text.strip().lower().startswith(("http://", "https://"))


def load_ref(ref: ImageRef, base_dir: Path, downloader: Downloader | None = None) -> bytes:
    """The picture bytes of ``ref`` (raises `ImageError` / `DownloadError` with Chinese text).

    Without a ``downloader`` a URL is fetched with a temporary one (default limits).
    """
    if ref.data is not None:
        if not ref.data:
            raise ImageError("image.empty", f"表格里的图片 {ref.location} 是空的（0 字节）")
        return ref.data
    if ref.source is ImageSource.URL or (ref.source is ImageSource.PATH and _is_url(ref.location)):
        if downloader is not None:
            return downloader.fetch(ref.location)
        with Downloader() as temporary:
            return temporary.fetch(ref.location)
    if ref.source is ImageSource.PATH:
        return read_image_file(resolve_picture_path(ref.location, base_dir), ref.location)
    raise ImageError(
        "image.embedded_missing",
        f"表格里的图片 {ref.location} 没有读到内容（可能是链接到外部文件的图片，而不是嵌入的图片）",
    )
