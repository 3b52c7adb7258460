"""Open a picture safely and describe it: real format, displayed size, bytes, mode, animation.

Every way a file can fail to be a usable picture becomes an `ImageError` with its own code and
a plain-Chinese message. Pixel counts are checked from the header before anything is decoded.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from app.images import sniff
from app.images.errors import ImageError, short_label
from app.images.source import read_image_file

__all__ = ["MAX_PIXELS", "ImageError", "ImageInfo", "inspect_bytes", "inspect_path", "open_image"]

# Largest picture we agree to decode (100 MP ≈ 300 MB as RGB). Pillow's own limit is set to the
# same value so that its check and ours agree; its warning band is turned into an error (we
# catch it), so a bomb never reaches the log as a stray DecompressionBombWarning.
MAX_PIXELS = 100_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
warnings.filterwarnings("error", category=Image.DecompressionBombWarning)

# EXIF orientations that swap width and height when applied.
_TRANSPOSED = {5, 6, 7, 8}
_ALPHA_MODES = {"RGBA", "LA", "PA", "RGBa", "La"}


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """What a picture is. ``width``/``height`` are as displayed (after EXIF orientation)."""

    format: str  # Pillow's name from the content: JPEG, PNG, GIF, WEBP, BMP, TIFF, MPO...
    width: int
    height: int
    stored_width: int
    stored_height: int
    orientation: int  # EXIF orientation 1..8 (1 = upright)
    size: int  # bytes
    mode: str  # Pillow mode: RGB, L, CMYK, P, RGBA, I;16...
    animated: bool
    frames: int
    bit_depth: int | None  # bits per channel when the header says (PNG)
    has_alpha: bool
    has_icc: bool
    sha256: str  # of the bytes inspected

    @property
    def is_square(self) -> bool:
        return self.width == self.height

    @property
    def short_side(self) -> int:
        return min(self.width, self.height)

    @property
    def pixels(self) -> int:
        return self.width * self.height


def _label(name: str) -> str:
    return f"图片「{short_label(name)}」" if name else "图片"


def _bomb_error(name: str, size: tuple[int, int] | None) -> ImageError:
    limit = f"{MAX_PIXELS // 100_000_000} 亿像素"
    if size:
        width, height = size
        count = f"{width * height / 100_000_000:.1f} 亿像素"
        text = f"{_label(name)}尺寸 {width}×{height}（{count}），超过 {limit}上限，已拒绝打开"
    else:
        text = f"{_label(name)}像素数超过 {limit}上限，已拒绝打开"
    return ImageError("image.too_many_pixels", text + "（可能是恶意或损坏的文件）")


def _not_image_error(data: bytes, name: str) -> ImageError:
    label = _label(name)
    kind = sniff.sniff_kind(data)
    if kind == sniff.HEIC:
        return ImageError(
            "image.heic",
            f"{label}是 HEIC 格式（苹果手机照片），暂不支持，请在手机或电脑上导出为 JPG 后再试",
        )
    if kind == sniff.SVG:
        return ImageError("image.svg", f"{label}是 SVG 矢量图，淘宝不支持，请导出为 JPG 或 PNG")
    explain = {
        sniff.PDF: "是 PDF 文档",
        sniff.ZIP: "是压缩包或 Office 文档",
        sniff.TEXT: "是文本文件",
    }.get(kind or "", "的内容无法识别")
    return ImageError(
        "image.not_image", f"{label}{explain}，不是图片。请换成 JPG、PNG 或 GIF 图片文件"
    )


def _decode_error(exc: BaseException, name: str) -> ImageError:
    text = str(exc).lower()
    if isinstance(exc, EOFError) or "truncated" in text or "end of file" in text:
        return ImageError(
            "image.truncated",
            f"{_label(name)}文件不完整（被截断），可能没有下载或复制完整，请重新保存原图",
        )
    return ImageError("image.corrupt", f"{_label(name)}已损坏，无法读取图片内容，请换一张图片")


def open_image(data: bytes, name: str = "") -> Image.Image:
    """Open (lazily, header only) after the safety checks. Raises `ImageError`."""
    if not data:
        raise ImageError("image.empty", f"{_label(name)}是空文件（0 字节），请重新保存图片")
    if sniff.sniff_kind(data) == sniff.HTML:
        raise ImageError(
            "image.html",
            f"{_label(name)}其实是一个网页（HTML），不是图片，可能保存了出错页面。请重新下载原图",
        )
    size = sniff.header_size(data)
    if size and size[0] * size[1] > MAX_PIXELS:
        raise _bomb_error(name, size)
    try:
        im = Image.open(io.BytesIO(data))
    except UnidentifiedImageError:
        raise _not_image_error(data, name) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _bomb_error(name, None) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise _decode_error(exc, name) from None
    if im.width * im.height > MAX_PIXELS:
        raise _bomb_error(name, im.size)
    return im


def load_pixels(im: Image.Image, name: str = "") -> None:
    """Decode ``im`` (whatever draft is set), turning decoder failures into `ImageError`."""
    try:
        im.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _bomb_error(name, None) from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError) as exc:
        raise _decode_error(exc, name) from None


def orientation_of(im: Image.Image) -> int:
    """EXIF orientation (1..8); 1 when absent or unreadable."""
    try:
        value = im.getexif().get(0x0112, 1)
    except (OSError, SyntaxError, ValueError, TypeError, KeyError):
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def inspect_bytes(
    data: bytes, name: str = "", *, verify: bool = True, origin: str = ""
) -> ImageInfo:
    """Describe a picture given as bytes; ``verify`` decodes it to catch truncation/corruption.

    ``name`` (or ``origin``: where it came from, a path, URL or cell) names it in messages.
    JPEGs are verified at 1/8 scale (``draft``), which still reads the whole stream.
    """
    name = name or origin
    im = open_image(data, name)
    with im:
        fmt = im.format or "UNKNOWN"
        stored_w, stored_h = im.size
        mode = im.mode
        if verify:  # first: reading EXIF or frames may load the image and hide the error
            if fmt in ("JPEG", "MPO"):
                im.draft(None, (max(1, stored_w // 8), max(1, stored_h // 8)))
            load_pixels(im, name)
        orientation = orientation_of(im)
        frames = int(getattr(im, "n_frames", 1) or 1)
        animated = bool(getattr(im, "is_animated", False)) and fmt != "MPO"  # MPO: stills
        has_alpha = mode in _ALPHA_MODES or "transparency" in im.info
        has_icc = bool(im.info.get("icc_profile"))
    width, height = (stored_h, stored_w) if orientation in _TRANSPOSED else (stored_w, stored_h)
    return ImageInfo(
        format=fmt,
        width=width,
        height=height,
        stored_width=stored_w,
        stored_height=stored_h,
        orientation=orientation,
        size=len(data),
        mode=mode,
        animated=animated,
        frames=frames,
        bit_depth=sniff.png_bit_depth(data) if fmt == "PNG" else None,
        has_alpha=has_alpha,
        has_icc=has_icc,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def inspect_path(path: Path) -> ImageInfo:
    """Read and describe a picture file. A missing or unreadable file is an `ImageError`."""
    return inspect_bytes(read_image_file(path), path.name)
