"""Text measures Taobao uses: titles count each non-ASCII (full-width) character as 2 bytes."""

from __future__ import annotations


def taobao_bytes(text: str) -> int:
    """Length as Taobao counts it: ASCII = 1, any other character = 2."""
    if text.isascii():
        return len(text)
    ascii_count = len(text.encode("ascii", "ignore"))
    return 2 * len(text) - ascii_count


def has_astral(text: str) -> bool:
    """True if ``text`` holds characters outside the BMP (emoji and the like)."""
    return not text.isascii() and max(text) > "\uffff"


def astral_chars(text: str) -> str:
    return "".join(ch for ch in text if ord(ch) > 0xFFFF)


def shorten(text: str, limit: int = 20) -> str:
    """``text`` cut for a message: the first ``limit`` characters and an ellipsis."""
    return text if len(text) <= limit else text[:limit] + "…"
