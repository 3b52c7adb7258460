"""Pixel conversions used by the fixer and the thumbnailer: upright, RGB on white, resized."""

from __future__ import annotations

import io

from PIL import Image, ImageCms

_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_SIXTEEN_BIT = {"I;16", "I;16B", "I;16L", "I;16N", "I"}
WHITE = (255, 255, 255)


def upright(im: Image.Image, orientation: int) -> Image.Image:
    """Apply an EXIF orientation (1..8) to the pixels."""
    method = _TRANSPOSE.get(orientation)
    return im.transpose(method) if method is not None else im


def _cmyk_to_rgb(im: Image.Image) -> Image.Image:
    icc = im.info.get("icc_profile")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(
                im, source, ImageCms.createProfile("sRGB"), outputMode="RGB"
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            converted = None
        if converted is not None:
            return converted
    return im.convert("RGB")


def to_rgb(im: Image.Image) -> Image.Image:
    """8-bit RGB: CMYK through its ICC profile, 16-bit scaled down, transparency on white."""
    mode = im.mode
    if mode == "RGB":
        return im
    if mode == "CMYK":
        return _cmyk_to_rgb(im)
    if mode in _SIXTEEN_BIT:
        gray = im.convert("I").point(lambda v: v * (1 / 256))
        return gray.convert("L").convert("RGB")
    if mode == "F":
        return im.convert("L").convert("RGB")
    if mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in im.info:
        rgba = im.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, WHITE)
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    return im.convert("RGB")


def pad_square(im: Image.Image) -> Image.Image:
    """Centre ``im`` on a white square whose side is its longer side."""
    width, height = im.size
    if width == height:
        return im
    side = max(width, height)
    canvas = Image.new("RGB", (side, side), WHITE)
    canvas.paste(im, ((side - width) // 2, (side - height) // 2))
    return canvas


def scale_short_side(im: Image.Image, short: int) -> Image.Image:
    """Downscale so that the shorter side is ``short`` px (never upscales)."""
    width, height = im.size
    current = min(width, height)
    if short >= current:
        return im
    if width <= height:
        size = (short, max(short, round(height * short / width)))
    else:
        size = (max(short, round(width * short / height)), short)
    return im.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
