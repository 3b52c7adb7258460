from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from app.excel.fields import field_for_header
from app.excel.grid import CellError
from app.excel.values import (
    normalize_location,
    parse_bool,
    parse_choice,
    parse_date,
    parse_int,
    parse_price,
    split_list,
)


@pytest.mark.parametrize(("raw", "value", "problem"), [
    (19.899999999, Decimal("19.90"), None),
    (19.9, Decimal("19.90"), None),
    (0.1 + 0.2, Decimal("0.30"), None),
    (19.999, Decimal("19.999"), None),  # real third decimal kept: the rules reject it
    (100.0, Decimal("100.00"), None),
    ("59.9", Decimal("59.90"), None),
    ("¥1,299.00", Decimal("1299.00"), False),
    ("99元", Decimal("99.00"), False),
    ("￥ 8.8", Decimal("8.80"), False),
    ("abc", None, True),
    ("", None, None),
    (True, None, True),
])
def test_parse_price(raw: object, value: Decimal | None, problem: bool | None) -> None:
    got, issue = parse_price(raw, "价格")  # type: ignore[arg-type]
    assert got == value
    if value is not None:
        assert str(got) == str(value)
    assert (issue[0] if issue else None) == problem


def test_price_error_names_the_value() -> None:
    _, issue = parse_price("abc", "价格")
    assert issue == (True, "价格「abc」不是数字")


@pytest.mark.parametrize(("raw", "value", "problem"), [
    (5.0, 5, None), ("12", 12, None), ("1,000", 1000, False), ("30件", 30, False),
    (-3.0, -3, None), (5.5, None, True), ("x", None, True), ("5.0", 5, None),
])
def test_parse_int(raw: object, value: int | None, problem: bool | None) -> None:
    got, issue = parse_int(raw, "库存")  # type: ignore[arg-type]
    assert got == value
    assert (issue[0] if issue else None) == problem


def test_parse_date_and_bool() -> None:
    assert parse_date(45972.5, "定时上架")[0] == datetime(2025, 11, 11, 12, 0)
    assert parse_date("2026-11-11 20:00", "定时上架")[0] == datetime(2026, 11, 11, 20, 0)
    assert parse_date("2026年11月11日", "定时上架")[0] == datetime(2026, 11, 11)
    assert parse_date("明天", "定时上架")[1] is not None
    assert parse_bool("是", "发票") == (True, None)
    assert parse_bool("否", "发票") == (False, None)
    assert parse_bool(True, "发票") == (True, None)
    assert parse_bool("也许", "发票")[1] is not None


def test_choices_locations_lists() -> None:
    assert parse_choice("全新", "stuff_status") == "new"
    assert parse_choice("二手", "stuff_status") == "second"
    assert parse_choice("一口价", "type") == "fixed"
    assert parse_choice("仓库中", "approve_status") == "instock"
    assert parse_choice("九成新", "stuff_status") == "九成新"  # kept: the rules report it
    assert normalize_location("浙江省") == "浙江"
    assert normalize_location("杭州市") == "杭州"
    assert normalize_location("广西壮族自治区") == "广西"
    assert normalize_location("上海") == "上海"
    assert split_list("1:1;2:2, 1:2;2:2，1:3") == ["1:1;2:2", "1:2;2:2", "1:3"]
    assert parse_price(CellError("#VALUE!"), "价格")[1] is not None


@pytest.mark.parametrize(("header", "field"), [
    ("标题", "title"), ("宝贝标题", "title"), ("商品标题", "title"), ("Title", "title"),
    ("*标题", "title"), ("宝贝标题（30字以内）", "title"), ("价格", "price"),
    ("一口价", "price"), ("售价(元)", "price"), ("price", "price"), ("库存", "num"),
    ("数量", "num"), ("num", "num"), ("类目ID", "cid"), ("类目", "cid"), ("cid", "cid"),
    ("商家编码", "outer_id"), ("货号", "outer_id"), ("outer_id", "outer_id"),
    ("描述", "desc"), ("宝贝描述", "desc"), ("desc", "desc"), ("主图", "image"),
    ("图片", "image"), ("图片2", "image"), ("主图_3", "image"), ("image", "image"),
    ("省份", "location.state"), ("所在地省", "location.state"),
    ("location.state", "location.state"), ("城市", "location.city"),
    ("location.city", "location.city"), ("新旧程度", "stuff_status"),
    ("stuff_status", "stuff_status"), ("成本价", "cost"), ("cost", "cost"),
    ("运费模板", "postage_id"), ("postage_id", "postage_id"), ("SKU属性", "sku_properties"),
    ("sku_quantities", "sku_quantities"), ("SKU价格", "sku_prices"),
    ("SKU商家编码", "sku_outer_ids"), ("备注", None), ("", None),
])
def test_header_aliases(header: str, field: str | None) -> None:
    assert field_for_header(header) == field
