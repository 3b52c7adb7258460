"""The description of a row with detail pictures: composed as Taobao's editor does, and its
length checked before the run with the longest URL shape."""

from __future__ import annotations

from decimal import Decimal

from app.catalog.description import (
    HTML_MAX_CHARS,
    compose,
    description_issues,
    estimated_length,
    paragraphs,
)
from app.catalog.model import ImageRef, ImageSource, Product
from app.catalog.rules import validate
from app.catalog.settings import ListingDefaults

REAL = "https://img.alicdn.com/imgextra/i3/2206612345678/O1CN01AbCdEfGhIjKlMnOpQrSt_!!2206612345678.jpg"


def detail(n: int) -> list[ImageRef]:
    return [ImageRef(ImageSource.PATH, f"pics/d{i}.jpg") for i in range(n)]


def test_lines_become_escaped_paragraphs_then_the_pictures_in_order() -> None:
    assert paragraphs("第一段\r\n\n  第二段 \r第三段\n") == ["第一段", "第二段", "第三段"]
    html = compose("尺码 <M> & \"L\"\n洗涤", ["https://img.alicdn.com/imgextra/a.jpg", REAL])
    assert html == (
        '<p>尺码 &lt;M&gt; &amp; "L"</p><p>洗涤</p>'
        '<p><img align="absmiddle" src="https://img.alicdn.com/imgextra/a.jpg" '
        'style="max-width:750px" /></p>'
        f'<p><img align="absmiddle" src="{REAL}" style="max-width:750px" /></p>')
    assert compose(None, [REAL]).startswith("<p><img ")


def test_the_estimate_is_never_below_the_real_length() -> None:
    text = "纯棉 <面料>\n透气 & 舒适"
    for n in (1, 3, 22):
        assert estimated_length(text, n) >= len(compose(text, [REAL] * n))
    assert estimated_length(text, 0) == len(compose(text, []))


def test_too_long_with_its_pictures_is_an_error_naming_both() -> None:
    fits = estimated_length("", 1)
    room = HTML_MAX_CHARS - fits - len("<p></p>")
    ok = Product(row=2, desc="字" * room, detail_images=detail(1))
    assert estimated_length(ok.desc, 1) == HTML_MAX_CHARS
    assert description_issues(ok) == []
    over = Product(row=2, desc="字" * (room + 1), detail_images=detail(1))
    [issue] = description_issues(over)
    assert issue.is_error
    assert issue.code == "desc.html_too_long"
    assert "1 张详情图" in issue.message
    assert str(HTML_MAX_CHARS) in issue.message
    assert description_issues(Product(row=2, desc="字" * 30_000)) == []  # no pictures: not here


def test_rules_check_the_final_description_and_allow_pictures_without_text() -> None:
    base = {"title": "T恤", "price": Decimal("10"), "num": 1, "cid": 50000671,
            "location_state": "浙江", "location_city": "杭州", "stuff_status": "new",
            "type": "fixed", "outer_id": "K",
            "images": [ImageRef(ImageSource.PATH, "m.jpg")]}
    only_pictures = Product(row=2, desc=None, detail_images=detail(2), **base)  # type: ignore[arg-type]
    too_long = Product(row=3, desc="字" * 24_900, detail_images=detail(2), **base)  # type: ignore[arg-type]
    found = validate([only_pictures, too_long], ListingDefaults())
    assert [i.code for i in found.get(2, []) if i.field == "desc"] == []
    assert [i.code for i in found[3] if i.field == "desc"] == ["desc.html_too_long"]
