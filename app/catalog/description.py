"""The item description of a row with detail pictures (详情图), as Taobao's editor writes it (pure).

taobao-props.md §6: the 描述 text becomes paragraphs (one per line, HTML-escaped), followed by
one paragraph per picture, in order, each the absolute picture-space URL:
``<p><img align="absmiddle" src="URL" style="max-width:750px" /></p>``. The final HTML must be
6–24,999 characters. The URLs are known only after upload, so the length is checked before the
run with every URL counted at `MAX_PICTURE_URL_CHARS` (an upper bound of the URL shape
``https://img.alicdn.com/imgextra/i3/<uid>/O1CN01<22 chars>_!!<uid>.jpg``, ~100 characters).

A row without detail pictures sends its 描述 as written (the catalog's plain rule applies).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from app.catalog.model import Issue, Product, Severity

HTML_MIN_CHARS = 6  # "more than 5": one picture paragraph alone is longer
HTML_MAX_CHARS = 24_999  # "fewer than 25000"
MAX_PICTURE_URL_CHARS = 128
_LINES = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
_PICTURE = '<p><img align="absmiddle" src="{}" style="max-width:750px" /></p>'


def paragraphs(text: str | None) -> list[str]:
    """The non-empty lines of the 描述 text, stripped."""
    return [line.strip() for line in _LINES.split(text or "") if line.strip()]


def text_html(text: str | None) -> str:
    return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in paragraphs(text))


def picture_html(url: str) -> str:
    return _PICTURE.format(html.escape(url, quote=True))


def compose(text: str | None, urls: Sequence[str]) -> str:
    """The description sent to item.add: text paragraphs, then the pictures in order."""
    return text_html(text) + "".join(picture_html(u) for u in urls)


def estimated_length(text: str | None, pictures: int) -> int:
    """Characters of `compose` with every URL at its longest (an upper bound)."""
    return len(text_html(text)) + pictures * len(picture_html("x" * MAX_PICTURE_URL_CHARS))


def description_issues(p: Product) -> list[Issue]:
    """A row with detail pictures whose final description would be too long (checked before
    anything is sent; one picture alone already makes it longer than the minimum)."""
    if not p.detail_images:
        return []
    n = estimated_length(p.desc, len(p.detail_images))
    if n <= HTML_MAX_CHARS:
        return []
    text = len(text_html(p.desc))
    per = len(picture_html("x" * MAX_PICTURE_URL_CHARS))
    return [Issue(Severity.ERROR, "desc", "desc.html_too_long", (
        f"描述加上 {len(p.detail_images)} 张详情图后约 {n} 个字符，超过淘宝 {HTML_MAX_CHARS} 字符"
        f"上限（文字约 {text} 个字符，每张详情图约 {per} 个字符）：请减少详情图或缩短描述"))]
