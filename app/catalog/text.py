"""Text measures Taobao uses.

Two byte counts, because the protocol doc gives two: a title counts each non-ASCII (full-width)
character as 2 bytes ("60 bytes = 30 Chinese characters"); every other byte limit (``outer_id``
≤ 64 bytes, SKU 商家编码) is counted in UTF-8, a Chinese character being 3 bytes — the count
the simulator (and a gateway reading the UTF-8 request) applies.
"""

from __future__ import annotations


def taobao_bytes(text: str) -> int:
    """Length as Taobao counts it: ASCII = 1, any other character = 2."""
    if text.isascii():
        return len(text)
    ascii_count = len(text.encode("ascii", "ignore"))
    return 2 * len(text) - ascii_count


def utf8_bytes(text: str) -> int:
    """Length in UTF-8 bytes (商家编码): ASCII = 1, Chinese = 3, emoji = 4."""
    return len(text.encode("utf-8", "surrogatepass"))


def words_in(text: str, words: tuple[str, ...]) -> list[str]:
    """The ``words`` that occur in ``text``, in list order, each once (a word inside a longer
    one found too is left out: 全网第一 hides 第一)."""
    found = [w for w in words if w in text]
    return [w for w in found if not any(w != other and w in other for other in found)]


def has_astral(text: str) -> bool:
    """True if ``text`` holds characters outside the BMP (emoji and the like)."""
    return not text.isascii() and max(text) > "\uffff"


def astral_chars(text: str) -> str:
    return "".join(ch for ch in text if ord(ch) > 0xFFFF)


def shorten(text: str, limit: int = 20) -> str:
    """``text`` cut for a message: the first ``limit`` characters and an ellipsis."""
    return text if len(text) <= limit else text[:limit] + "…"
