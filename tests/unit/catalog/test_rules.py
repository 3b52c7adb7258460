"""Table tests of the validation rules: each limit from taobao-api.md, just inside and just out."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.catalog.model import ImageRef, ImageSource, Issue, Product, Severity, Sku
from app.catalog.rules import check_product, count, row_issues, validate
from app.catalog.settings import ListingDefaults, apply_defaults
from app.catalog.text import taobao_bytes, utf8_bytes

DEFAULTS = ListingDefaults(location_state="浙江", location_city="杭州")


def good(**changes: object) -> Product:
    p = Product(row=2, outer_id="A-1", title="夏季纯棉短袖T恤", desc="纯棉面料，舒适透气",
                price=Decimal("59.90"), num=10, cid=50000671, location_state="浙江",
                location_city="杭州", stuff_status="new", type="fixed",
                images=[ImageRef(ImageSource.URL, "https://example.com/a.jpg")])
    for k, v in changes.items():
        setattr(p, k, v)
    return p


def codes(p: Product, defaults: ListingDefaults = DEFAULTS) -> set[str]:
    return {i.code for i in check_product(p, defaults)}


def test_a_good_row_has_no_issue() -> None:
    assert check_product(good(), DEFAULTS) == []


@pytest.mark.parametrize(("title", "expected"), [
    ("a" * 60, set()),
    ("a" * 61, {"title.too_long"}),
    ("汉" * 30, set()),
    ("汉" * 30 + "a", {"title.too_long"}),
    ("汉" * 29 + "ab", set()),
    ("", {"title.missing"}),
    ("好看的T恤😀", {"title.emoji"}),
    ("汉" * 2000, {"title.too_long"}),
])
def test_title(title: str, expected: set[str]) -> None:
    assert codes(good(title=title)) & {"title.too_long", "title.missing", "title.emoji"} == expected


def test_title_message_names_bytes_and_limit() -> None:
    issue = next(i for i in check_product(good(title="汉" * 34), DEFAULTS))
    assert issue.message.startswith("标题 68 字节，超过 60 字节上限（约 30 个汉字）")
    assert issue.field == "title"
    assert issue.severity is Severity.ERROR


def test_taobao_bytes() -> None:
    assert taobao_bytes("abc") == 3
    assert taobao_bytes("T恤") == 3
    assert taobao_bytes("，") == 2
    assert utf8_bytes("T恤") == 4
    assert utf8_bytes("编" * 22) == 66


@pytest.mark.parametrize(("desc", "code"), [
    ("12345", None), ("1234", "desc.too_short"), ("x" * 25000, None),
    ("x" * 25001, "desc.too_long"), (None, "desc.missing"),
])
def test_desc(desc: str | None, code: str | None) -> None:
    found = {c for c in codes(good(desc=desc)) if c.startswith("desc")}
    assert found == ({code} if code else set())


def test_desc_default_fills_missing() -> None:
    assert "desc.missing" not in codes(good(desc=None), ListingDefaults(
        location_state="浙江", location_city="杭州", desc="默认描述文字"))


@pytest.mark.parametrize(("price", "expected"), [
    ("0.01", set()), ("0.00", {"price.too_low"}), ("100000000", set()),
    ("100000000.01", {"price.too_high"}), ("19.999", {"price.decimals"}),
    ("19.90", set()), ("19.9", set()), ("-1", {"price.too_low"}),
    (None, {"price.missing"}),
])
def test_price(price: str | None, expected: set[str]) -> None:
    p = good(price=Decimal(price) if price is not None else None)
    assert {c for c in codes(p) if c.startswith("price")} == expected


def test_three_decimals_message() -> None:
    msg = next(i.message for i in check_product(good(price=Decimal("19.999")), DEFAULTS))
    assert "19.999" in msg
    assert "3 位小数" in msg


@pytest.mark.parametrize(("num", "expected"), [
    (0, set()), (900_000_000, set()), (900_000_001, {"num.too_high"}), (-1, {"num.negative"}),
    (None, {"num.missing"}),
])
def test_num(num: int | None, expected: set[str]) -> None:
    assert {c for c in codes(good(num=num)) if c.startswith("num")} == expected


@pytest.mark.parametrize(("oid", "expected"), [
    ("A" * 64, set()), ("A" * 65, {"outer_id.too_long"}), ("汉" * 33, {"outer_id.too_long"}),
    ("A,B", {"outer_id.comma"}), (None, {"outer_id.missing"}),
])
def test_outer_id(oid: str | None, expected: set[str]) -> None:
    assert {c for c in codes(good(outer_id=oid)) if c.startswith("outer_id")} == expected


def test_comma_in_outer_id_is_one_error_naming_its_cell() -> None:
    """The only comma rule (the plan relies on it): a row error with the cell to fix."""
    p = good(outer_id="A,B", row=7, columns={"outer_id": "B", "title": "C"})
    (issue,) = [i for i in check_product(p, DEFAULTS) if i.code == "outer_id.comma"]
    assert issue.severity is Severity.ERROR
    assert issue.message.startswith("B7 商家编码「A,B」")
    assert "逗号" in issue.message


@pytest.mark.parametrize(("oid", "too_long"), [
    ("编" * 21, False),  # 63 UTF-8 bytes
    ("编" * 21 + "a", False),  # 64
    ("编" * 22, True),  # 66: 44 bytes at 2 per character, which is how check used to count
    ("编" * 21 + "ab", True),  # 65
], ids=["21cjk", "21cjk+1", "22cjk", "21cjk+2"])
def test_outer_id_counts_utf8_bytes_as_the_gateway_does(oid: str, too_long: bool) -> None:
    issues = [i for i in check_product(good(outer_id=oid), DEFAULTS)
              if i.code == "outer_id.too_long"]
    assert bool(issues) is too_long
    if too_long:
        assert issues[0].message.startswith(f"商家编码 {utf8_bytes(oid)} 字节")
        assert "一个汉字算 3 字节" in issues[0].message


def test_sku_outer_id_over_64_utf8_bytes_is_an_error() -> None:
    skus = [Sku("1:1", 5, Decimal("10"), "编" * 21), Sku("1:2", 5, Decimal("10"), "编" * 22)]
    issues = [i for i in check_product(good(skus=skus, num=10, price=Decimal("10")), DEFAULTS)
              if i.code == "sku_outer_ids.too_long"]
    assert len(issues) == 1
    assert "第 2 个SKU" in issues[0].message
    assert "66 字节" in issues[0].message


def test_missing_outer_id_is_a_warning_naming_the_generated_key() -> None:
    p = good(outer_id=None, generated_key="TSABCDEFGHIJKL")
    issue = next(i for i in check_product(p, DEFAULTS) if i.field == "outer_id")
    assert issue.severity is Severity.WARNING
    assert "TSABCDEFGHIJKL" in issue.message


@pytest.mark.parametrize(("field", "attr", "value", "code"), [
    ("location.state", "location_state", None, None),  # default fills it
    ("stuff_status", "stuff_status", "used", "stuff_status.invalid"),
    ("stuff_status", "stuff_status", None, None),
    ("type", "type", "拍", "type.invalid"),
    ("approve_status", "approve_status", "instock", None),
    ("approve_status", "approve_status", "x", "approve_status.invalid"),
    ("freight_payer", "freight_payer", "buyer", None),
    ("cid", "cid", None, "cid.missing"),
    ("cid", "cid", 0, "cid.invalid"),
])
def test_fields_with_defaults(field: str, attr: str, value: object, code: str | None) -> None:
    found = {c for c in codes(good(**{attr: value})) if c.startswith(field)}
    assert found == ({code} if code else set())


def test_required_location_without_default_is_an_error() -> None:
    issues = check_product(good(location_state=None, location_city=None), ListingDefaults())
    fields = {i.field for i in issues if i.is_error}
    assert fields == {"location.state", "location.city"}


def test_missing_picture_is_an_error() -> None:
    assert "image.missing" in codes(good(images=[]))


def test_missing_picture_not_repeated_when_reader_said_why() -> None:
    p = good(images=[])
    p.cell_issues.append(Issue(Severity.ERROR, "image", "image.file_missing",
                               "G2 图片文件不存在：a.jpg"))
    assert "image.missing" not in codes(p)


@pytest.mark.parametrize(("skus", "num", "price", "expected"), [
    ([Sku("1:1", 5, Decimal("10")), Sku("1:2", 5, Decimal("20"))], 10, Decimal("20"), set()),
    # inside the range but no in-stock SKU's price: Taobao refuses it (taobao-props.md §4)
    ([Sku("1:1", 5, Decimal("10")), Sku("1:2", 5, Decimal("20"))], 10, Decimal("15"),
     {"price.not_sku_price"}),
    ([Sku("1:1", 0, Decimal("10")), Sku("1:2", 10, Decimal("20"))], 10, Decimal("10"),
     {"price.not_sku_price"}),
    ([Sku("1:1", 0, Decimal("10")), Sku("1:2", 0, Decimal("20"))], 0, Decimal("10"), set()),
    ([Sku("1:1", 5, Decimal("10")), Sku("1:2", 4, Decimal("20"))], 10, Decimal("10"),
     {"num.sku_sum"}),
    ([Sku("1:1", 5, Decimal("10")), Sku("1:2", 5, Decimal("20"))], 10, Decimal("25"),
     {"price.sku_range"}),
    ([Sku("1:1", None, Decimal("10"))], 10, Decimal("10"), {"sku_quantities.missing"}),
    ([Sku("1:1", 10, None)], 10, Decimal("10"), {"sku_prices.missing"}),
    ([Sku("red", 10, Decimal("10"))], 10, Decimal("10"), {"sku_properties.format"}),
    ([Sku("1:1", 10, Decimal("10.001"))], 10, Decimal("10.001"), {"sku_prices.decimals",
                                                                   "price.decimals"}),
    ([Sku("1:1", 5, Decimal("10"), "X"), Sku("1:2", 5, Decimal("10"), "X")], 10, Decimal("10"),
     {"sku_outer_ids.duplicate"}),
])
def test_skus(skus: list[Sku], num: int, price: Decimal, expected: set[str]) -> None:
    found = codes(good(skus=skus, num=num, price=price))
    assert found == expected


@pytest.mark.parametrize("props", [("1:1;2:2", "1:1;2:2"), ("1:1;2:2", "2:2;1:1")],
                         ids=["same", "reordered"])
def test_duplicate_sku_properties_are_a_row_error(props: tuple[str, str]) -> None:
    """The gateway refuses them (宝贝销售属性出错（重复）, taobao-props.md §8)."""
    skus = [Sku(props[0], 5, Decimal("10")), Sku("1:3", 5, Decimal("10")),
            Sku(props[1], 5, Decimal("10"))]
    issues = [i for i in check_product(good(skus=skus, num=15, price=Decimal("10")), DEFAULTS)
              if i.code == "sku_properties.duplicate"]
    assert len(issues) == 1
    assert issues[0].severity is Severity.ERROR
    assert issues[0].field == "sku_properties"
    assert "第 1、3 个SKU" in issues[0].message
    assert "宝贝销售属性出错（重复）" in issues[0].message


@pytest.mark.parametrize(("title", "words"), [
    ("全网最低价纯棉T恤", ["最"]),
    ("销量第一 国家级品质 纯棉T恤", ["第一", "国家级"]),
    ("顶级极品 羊绒围巾", ["顶级", "极品"]),
    ("夏季纯棉短袖T恤", []),
])
def test_absolute_words_in_title_are_a_warning(title: str, words: list[str]) -> None:
    issues = [i for i in check_product(good(title=title), DEFAULTS)
              if i.code == "title.absolute_word"]
    if not words:
        assert issues == []
        return
    assert len(issues) == 1
    assert issues[0].severity is Severity.WARNING
    assert issues[0].field == "title"
    for word in words:
        assert f"「{word}」" in issues[0].message
    assert "广告法" in issues[0].message


def test_props_and_sell_point() -> None:
    assert "props.too_many" in codes(good(props=";".join(f"{i}:{i}" for i in range(36))))
    assert "props.format" in codes(good(props="颜色红"))
    assert "sell_point.too_long" in codes(good(sell_point="卖" * 151))
    assert codes(good(props="20000:3275069;1627207:28341", sell_point="卖" * 150)) == set()


def test_duplicates_across_rows() -> None:
    a, b, c = good(), good(), good(outer_id="B-2")
    a.row, b.row, c.row = 2, 3, 4
    result = validate([a, b, c], DEFAULTS)
    assert {i.code for i in result[2]} == {"outer_id.duplicate", "title.duplicate"}
    assert "第 3 行" in next(i.message for i in result[2] if i.code == "outer_id.duplicate")
    assert {i.code for i in result[4]} == {"title.duplicate"}
    assert all(not i.is_error for i in result[4])
    assert count(result) == (2, 3)


def test_validate_puts_reader_findings_first_and_keeps_every_row() -> None:
    p = good(price=None)
    p.cell_issues.append(Issue(Severity.ERROR, "price", "price.invalid", "C2 价格「abc」不是数字"))
    q = good(outer_id="Z", title="另一个宝贝")
    q.row = 3
    result = validate([p, q], DEFAULTS)
    assert result[2] == []  # no extra "price.missing"; the reader's finding is not repeated
    assert [i.code for i in row_issues(p, result)] == ["price.invalid"]
    assert result[3] == []


def test_apply_defaults() -> None:
    p = apply_defaults(good(location_state=None, stuff_status=None), DEFAULTS)
    assert (p.location_state, p.stuff_status, p.type) == ("浙江", "new", "fixed")
    loaded = ListingDefaults.from_dict({"location_state": "广东", "bogus": 1})
    assert loaded.location_state == "广东"
