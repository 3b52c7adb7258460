"""Look at the first bytes of a file: what it really is, and its pixel size from the header.

Used before Pillow decodes anything, so that a decompression bomb is refused from its header
and a web page saved as ``.jpg`` gets its own message.
"""

from __future__ import annotations

import struct

# Kinds of non-pictures that users actually end up with under a picture name.
HTML = "html"
PDF = "pdf"
ZIP = "zip"
HEIC = "heic"
TEXT = "text"
SVG = "svg"

_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1")
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<title")


def sniff_kind(data: bytes) -> str | None:
    """Name a known non-picture kind from the content, or None if it may be a picture."""
    head = data[:1024]
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if any(marker in stripped[:512] for marker in _HTML_MARKERS):
        return HTML
    if b"<svg" in stripped:
        return SVG
    if head.startswith(b"%PDF"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return ZIP
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return HEIC
    if stripped[:1] in (b"{", b"[", b"<") or (head and _looks_like_text(head)):
        return TEXT
    return None


def _looks_like_text(head: bytes) -> bool:
    text = head.decode("utf-8", "ignore")
    if len(text.encode("utf-8")) < len(head) - 4:  # a cut multi-byte character is fine
        return False
    return all(ch.isprintable() or ch in "\r\n\t" for ch in text)


def header_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) as stored, read from the header of PNG, GIF, JPEG, WebP or BMP data."""
    try:
        if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
            return struct.unpack(">II", data[16:24])
        if data[:6] in (b"GIF87a", b"GIF89a"):
            return struct.unpack("<HH", data[6:10])
        if data.startswith(b"\xff\xd8"):
            return _jpeg_size(data)
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return _webp_size(data)
        if data.startswith(b"BM") and len(data) >= 26:
            width, height = struct.unpack("<ii", data[18:26])
            return abs(width), abs(height)
    except struct.error:
        return None
    return None


def png_bit_depth(data: bytes) -> int | None:
    """Bits per channel of a PNG (1, 2, 4, 8 or 16), from IHDR."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 24:
        return data[24]
    return None


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    n = len(data)
    while i + 4 <= n:
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD9)):
            i += 2
            continue
        length = struct.unpack(">H", data[i + 2 : i + 4])[0]
        if marker in _SOF:
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        if marker == 0xDA:  # start of scan before any frame header: malformed
            return None
        i += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":
        bits = struct.unpack("<I", data[21:25])[0]
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    return None
