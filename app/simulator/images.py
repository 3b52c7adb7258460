"""Image checks the gateway makes on uploads: type by magic bytes, size cap, pixel size."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from app.simulator.errors import upload_failed

MAX_IMAGE_BYTES = 3 * 1024 * 1024

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
)


@dataclass(frozen=True)
class ImageFacts:
    kind: str  # "jpg" | "png" | "gif"
    width: int
    height: int
    size: int

    @property
    def pixel(self) -> str:
        return f"{self.width}x{self.height}"


def sniff(data: bytes) -> str | None:
    """``jpg``/``png``/``gif`` from the first bytes, or None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def check_image(data: bytes, param: str) -> ImageFacts:
    """Facts of an uploaded image, or code 3 (empty, > 3 MB, not JPG/PNG/GIF, unreadable)."""
    size = len(data)
    if size == 0:
        raise upload_failed("isv.invalid-image", f"图片 {param} 是空文件")
    if size > MAX_IMAGE_BYTES:
        raise upload_failed(
            "isv.image-size-exceed",
            f"图片大小 {size / 1024 / 1024:.2f} MB 超过上限 3 MB（{MAX_IMAGE_BYTES} 字节）",
        )
    kind = sniff(data)
    if kind is None:
        raise upload_failed("isv.invalid-image-format", "图片格式不支持：只接受 JPG、PNG、GIF 图片")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise upload_failed("isv.invalid-image", "图片文件已损坏，无法读取") from exc
    return ImageFacts(kind, width, height, size)

