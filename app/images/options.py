"""Settings of the picture pipeline and the Taobao limits they refer to."""

from __future__ import annotations

from dataclasses import dataclass

MAX_UPLOAD_BYTES = 3 * 1024 * 1024  # taobao.picture.upload / item.add image: ≤ 3 MB
MIN_SIDE = 800  # main picture ≥ 800×800 so buyers can zoom
UPLOAD_FORMATS = frozenset({"JPEG", "PNG", "GIF"})


@dataclass(frozen=True, slots=True)
class FixOptions:
    """How pictures are made uploadable.

    ``auto_fix`` (the user setting, on by default) rotates by EXIF, converts modes and formats
    and shrinks to ``max_bytes``; off, the original bytes are uploaded and every problem is an
    error. ``pad_to_square`` (opt-in) centres the picture on a white square.
    ``strip_metadata`` drops EXIF/GPS/XMP/comments from JPEGs (losslessly when nothing else
    changes).
    """

    auto_fix: bool = True
    pad_to_square: bool = False
    max_bytes: int = MAX_UPLOAD_BYTES
    min_side: int = MIN_SIDE
    strip_metadata: bool = True
    max_quality: int = 90
    min_quality: int = 60
