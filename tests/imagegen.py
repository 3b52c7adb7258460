"""Generators of test pictures (Pillow). Every fixture image in the tests is made here."""

from __future__ import annotations

import io
import random
import struct
import zlib

from PIL import Image, ImageCms, ImageDraw

RED = (255, 0, 0)
BLUE = (0, 0, 255)


def encode(im: Image.Image, fmt: str, **params: object) -> bytes:
    buf = io.BytesIO()
    im.save(buf, fmt, **params)
    return buf.getvalue()


def solid(
    size: tuple[int, int], color: tuple[int, ...] = (200, 180, 40), mode: str = "RGB"
) -> Image.Image:
    return Image.new(mode, size, color)


def jpeg(
    size: tuple[int, int] = (1000, 1000),
    color: tuple[int, int, int] = (200, 180, 40),
    **params: object,
) -> bytes:
    """A plain RGB JPEG with a blue corner mark (top-left) so rotations are visible."""
    im = solid(size, color)
    ImageDraw.Draw(im).rectangle((0, 0, size[0] // 5, size[1] // 5), fill=BLUE)
    return encode(im, "JPEG", quality=90, **params)


def exif_rotated_jpeg(stored: tuple[int, int] = (1200, 900), orientation: int = 6) -> bytes:
    """Stored landscape with a red block at the stored top-left; EXIF says rotate."""
    im = solid(stored, (255, 255, 255))
    ImageDraw.Draw(im).rectangle((0, 0, stored[0] // 4, stored[1] // 4), fill=RED)
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "TestPhone"  # Make
    return encode(im, "JPEG", quality=90, exif=exif.tobytes())


def cmyk_jpeg(size: tuple[int, int] = (900, 900), with_icc: bool = False) -> bytes:
    im = Image.new("CMYK", size, (0, 255, 255, 0))  # pure red in CMYK
    params: dict[str, object] = {"quality": 90}
    if with_icc:
        params["icc_profile"] = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return encode(im, "JPEG", **params)


def rgba_png(size: tuple[int, int] = (900, 900)) -> bytes:
    """Fully transparent except an opaque blue square in the centre."""
    im = Image.new("RGBA", size, (0, 0, 0, 0))
    w, h = size
    ImageDraw.Draw(im).rectangle((w // 4, h // 4, 3 * w // 4, 3 * h // 4), fill=(*BLUE, 255))
    return encode(im, "PNG")


def png16(size: tuple[int, int] = (900, 900), value: int = 40000) -> bytes:
    """16-bit grayscale PNG with a uniform value (40000/65535 ≈ 156/255)."""
    im = Image.new("I;16", size, value)
    return encode(im, "PNG")


def palette_png(size: tuple[int, int] = (900, 900), transparent: bool = False) -> bytes:
    im = solid(size, (10, 200, 10)).convert("P", palette=Image.Palette.ADAPTIVE, colors=16)
    params: dict[str, object] = {}
    if transparent:
        params["transparency"] = im.getpixel((0, 0))
    return encode(im, "PNG", **params)


def animated_gif(size: tuple[int, int] = (800, 800), frames: int = 3, noisy: bool = False) -> bytes:
    """Solid-colour frames (first one red); ``noisy`` makes the later frames grain, so big."""
    colors = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0)]
    images = [solid(size, colors[i % len(colors)]).convert("P") for i in range(frames)]
    if noisy:
        images[1:] = [Image.effect_noise(size, 80).convert("P") for _ in images[1:]]
    return encode(images[0], "GIF", save_all=True, append_images=images[1:], duration=100, loop=0)


def noise_jpeg(side: int = 4000, seed: int = 1, quality: int = 92) -> bytes:
    """Random noise barely compresses: a ~6+ MB JPEG at 4000×4000."""
    rng = random.Random(seed)
    im = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
    return encode(im, "JPEG", quality=quality)


def bomb_png(side: int = 30000) -> bytes:
    """A valid 1-bit PNG of side×side (≈ 0.9 G pixels) that is tiny on disk."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)

    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    comp = zlib.compressobj(9)
    parts = [comp.compress(row * 1000) for _ in range(side // 1000)]
    parts.append(comp.compress(row * (side % 1000)))
    parts.append(comp.flush())
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", b"".join(parts))
        + chunk(b"IEND", b"")
    )


def html_page() -> bytes:
    return (
        "<!DOCTYPE html><html><head><title>404 Not Found</title></head>"
        "<body><h1>页面不存在</h1></body></html>"
    ).encode()


def truncated(data: bytes, keep: float = 0.5) -> bytes:
    return data[: int(len(data) * keep)]


def corrupted(data: bytes, seed: int = 3) -> bytes:
    """The same length, with the middle overwritten by garbage (header intact)."""
    rng = random.Random(seed)
    mid = len(data) // 3
    return data[:mid] + rng.randbytes(len(data) // 3) + data[2 * mid :]


def varied_photo(seed: int, side: int = 3000, grain: float = 0.0) -> Image.Image:
    """A distinct photo-like RGB picture (colour fields, shapes, optional sensor-like grain).

    ``grain`` is the noise sigma: 0 compresses very well, ~20 gives a typical 2-3 MB JPEG at
    3000×3000, ~35 goes over 3 MB."""
    rng = random.Random(seed)
    small = Image.merge(
        "RGB", [Image.effect_noise((48, 48), rng.uniform(40, 90)) for _ in range(3)]
    )
    im = small.resize((side, side), Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(im)
    for _ in range(12):
        x, y = rng.randrange(side), rng.randrange(side)
        r = rng.randrange(side // 20, side // 5)
        color = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=color)
    draw.text((side // 10, side // 10), f"TaoShelf #{seed}", fill=(255, 255, 255))
    if grain:
        noise = Image.effect_noise((side, side), grain).convert("RGB")
        im = Image.blend(im, noise, 0.25)
    return im


def tiff_header_only(width: int, height: int) -> bytes:
    """A little-endian TIFF whose header claims width×height (pixel data is a few bytes).

    Used for a size our own header sniffing does not read, so Pillow's check is what fires."""
    entries = [
        (256, 4, 1, width),  # ImageWidth
        (257, 4, 1, height),  # ImageLength
        (258, 3, 1, 1),  # BitsPerSample
        (259, 3, 1, 1),  # Compression: none
        (262, 3, 1, 1),  # Photometric: black is zero
        (273, 4, 1, 8),  # StripOffsets
        (277, 3, 1, 1),  # SamplesPerPixel
        (278, 4, 1, height),  # RowsPerStrip
        (279, 4, 1, 16),  # StripByteCounts
    ]
    ifd_offset = 8 + 16
    body = struct.pack("<2sHI", b"II", 42, ifd_offset) + b"\x00" * 16
    ifd = struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        packed = struct.pack("<I", value) if kind == 4 else struct.pack("<HH", value, 0)
        ifd += struct.pack("<HHI", tag, kind, count) + packed
    return body + ifd + struct.pack("<I", 0)


def jpeg_with_metadata(size: tuple[int, int] = (1000, 1000)) -> bytes:
    """An upright JPEG carrying EXIF (camera make, GPS position), a comment and an ICC profile."""
    im = solid(size, (30, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "TestPhone"
    exif[0x8825] = {1: "N", 2: (30.0, 15.0, 0.0), 3: "E", 4: (120.0, 10.0, 0.0)}  # GPS IFD
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return encode(im, "JPEG", quality=90, exif=exif.tobytes(), icc_profile=icc, comment=b"shop")


def mpo(size: tuple[int, int] = (900, 900)) -> bytes:
    """A camera "multi-picture" JPEG: the main picture plus a second one appended."""
    first = solid(size, (20, 160, 60))
    return encode(first, "MPO", save_all=True, append_images=[solid(size, (0, 0, 0))])
