"""Drop metadata segments from a JPEG without re-encoding it (lossless, byte-exact otherwise).

Removes EXIF/XMP (APP1), IPTC/Photoshop (APP13), comments and other application segments —
phone photos carry the GPS position of the shop in EXIF. Keeps what affects how pixels look:
JFIF (APP0), the ICC colour profile (APP2 ``ICC_PROFILE``) and Adobe's transform flag (APP14).
"""

from __future__ import annotations

import struct

_APP0, _APP2, _APP14, _SOS = 0xE0, 0xE2, 0xEE, 0xDA


def _keep(marker: int, payload: bytes) -> bool:
    if marker == _APP2:
        return payload.startswith(b"ICC_PROFILE\x00")
    if 0xE0 <= marker <= 0xEF:
        return marker in (_APP0, _APP14)
    return marker != 0xFE  # COM


def strip_jpeg_metadata(data: bytes) -> bytes:
    """``data`` without metadata segments; ``data`` itself if it is not a well-formed JPEG."""
    if not data.startswith(b"\xff\xd8"):
        return data
    out = [b"\xff\xd8"]
    i = 2
    n = len(data)
    while i + 4 <= n:
        if data[i] != 0xFF:
            return data
        marker = data[i + 1]
        if marker == 0xFF:
            i += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):
            out.append(data[i : i + 2])
            i += 2
            continue
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        end = i + 2 + length
        if length < 2 or end > n:
            return data
        if marker == _SOS:  # entropy-coded data follows: copy the rest verbatim
            out.append(data[i:])
            return b"".join(out)
        if _keep(marker, data[i + 4 : end]):
            out.append(data[i:end])
        i = end
    return data
