"""Numbers in cells: NaN, infinities and huge values are row errors (never a crash), and a comma is
read only when its meaning is certain (a price is never silently multiplied by 100)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from app.catalog.checks import check_num, check_price
from app.catalog.keys import assign_keys
from app.catalog.rules import row_issues, validate
from app.catalog.settings import ListingDefaults
from app.excel.reader import read_sheet
from app.excel.values import parse_int, parse_price
from tests.sheetgen import build_xlsx

DEFAULTS = ListingDefaults(location_state="浙江", location_city="杭州")
BAD = ["NaN", "nan", "sNaN", "inf", "-Infinity", "1e26", "1E+30", "-1e26",
       "123456789012345678901234567890", "9" * 5000, "1e999999999"]


@pytest.mark.parametrize("text", BAD)
def test_price_parser_refuses_non_finite_and_huge(text: str) -> None:
    value, problem = parse_price(text, "价格")
    assert value is None
    assert problem is not None
    assert problem[0] is True
    assert problem[1].startswith("价格「")
    assert len(problem[1]) < 80  # a 5000-digit cell is shortened in the message


@pytest.mark.parametrize("text", BAD)
def test_int_parser_refuses_non_finite_and_huge(text: str) -> None:
    value, problem = parse_int(text, "库存")
    assert value is None
    assert problem is not None
    assert problem[0] is True


@pytest.mark.parametrize("number", [float("nan"), float("inf"), -float("inf"), 1e26, 1e300])
def test_numeric_cells_refused_too(number: float) -> None:
    assert parse_price(number, "价格")[0] is None
    assert parse_int(number, "库存")[0] is None


def test_negative_zero_and_tiny_values_are_read_not_crashed() -> None:
    assert str(parse_price("-0", "价格")[0]) == "0.00"
    assert str(parse_price(-0.0, "价格")[0]) == "0.00"
    tiny, _ = parse_price("1e-30", "价格")
    assert tiny is not None
    assert [i.code for i in check_price(tiny)] == ["price.decimals", "price.too_low"]


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"),
                                   Decimal("-Infinity"), Decimal("1E+26"), Decimal("-1E+26"),
                                   Decimal("1E+999999"), Decimal("-1E-999999")])
def test_price_rule_is_safe_for_any_decimal(value: Decimal) -> None:
    issues = check_price(value, "sku_prices", "SKU价格")
    assert issues
    assert all(i.is_error and i.field == "sku_prices" for i in issues)


def test_num_rule_with_a_huge_integer() -> None:
    [issue] = check_num(10 ** 40)
    assert issue.code == "num.too_high"


def test_every_numeric_column_gives_a_row_error_naming_the_cell(tmp_path: Path) -> None:
    header = ["商家编码", "标题", "价格", "库存", "类目ID", "成本价", "平邮费用", "快递费用",
              "EMS费用", "运费模板", "SKU属性", "SKU数量", "SKU价格"]
    rows: list[list[object]] = [header]
    cases = [("NaN", "nan"), ("1e26", "1E+30"), ("inf", "-inf"), (1e26, 1e300)]
    for n, (a, b) in enumerate(cases, start=1):
        rows.append([f"A{n}", f"宝贝{n}", a, b, b, a, a, a, a, b, "1627207:28341",
                     str(b), str(a)])
    sheet = read_sheet(build_xlsx(tmp_path / "nan.xlsx", rows))
    assign_keys(sheet.products)
    result = validate(sheet.products, DEFAULTS)  # the rules run on what was read: no crash
    assert len(sheet.products) == 4
    letters = {"price": "C", "num": "D", "cid": "E", "cost": "F", "post_fee": "G",
               "express_fee": "H", "ems_fee": "I", "postage_id": "J",
               "sku_quantities": "L", "sku_prices": "M"}
    for p in sheet.products:
        issues = row_issues(p, result)
        for field, letter in letters.items():
            found = [i for i in issues if i.field == field and i.is_error]
            assert found, (p.row, field, issues)
            assert found[0].message.startswith(f"{letter}{p.row} "), found[0].message
        assert p.price is None
        assert p.num is None
        assert p.cost is None


@pytest.mark.parametrize(("text", "value"), [
    ("60,90", "60.90"), ("59，9", "59.90"), ("0,5", "0.50"), ("¥60,90", "60.90"),
    ("60,90元", "60.90"), ("1.299,50", "1299.50"),
])
def test_decimal_comma_read_with_a_warning_that_says_so(text: str, value: str) -> None:
    got, problem = parse_price(text, "价格")
    assert str(got) == value
    assert problem is not None
    assert problem[0] is False
    assert f"已读作 {value}" in problem[1]
    assert "小数点" in problem[1]


@pytest.mark.parametrize(("text", "value"), [
    ("1,299", "1299.00"), ("1,299.00", "1299.00"), ("¥1,299", "1299.00"),
    ("12,345,678", "12345678.00"), ("60,900", "60900.00"), ("￥１，２９９", "1299.00"),
])
def test_thousands_separators_stay_thousands(text: str, value: str) -> None:
    got, problem = parse_price(text, "价格")
    assert str(got) == value
    assert problem is not None
    assert problem[0] is False
    assert "千位分隔符" in problem[1]


@pytest.mark.parametrize(("text", "readings"), [
    ("1,2345", ("12345", "1.2345")), ("0,500", ("500", "0.500")),
    ("12,3456", ("123456", "12.3456")),
])
def test_undecidable_comma_is_an_error_naming_both_readings(text: str,
                                                            readings: tuple[str, str]) -> None:
    got, problem = parse_price(text, "价格")
    assert got is None
    assert problem is not None
    assert problem[0] is True
    assert all(r in problem[1] for r in readings), problem[1]


@pytest.mark.parametrize("text", ["1,2,3", "1,23,4", "1.2,345", "1,299,5"])
def test_misplaced_commas_are_errors(text: str) -> None:
    got, problem = parse_price(text, "价格")
    assert got is None
    assert problem is not None
    assert problem[0] is True


@pytest.mark.parametrize(("text", "readings"), [("1,5", ("15", "1.5")), ("1,00", ("100", "1.00"))])
def test_stock_with_a_decimal_comma_is_never_guessed(text: str,
                                                     readings: tuple[str, str]) -> None:
    got, problem = parse_int(text, "库存")
    assert got is None
    assert problem is not None
    assert problem[0] is True
    assert all(r in problem[1] for r in readings), problem[1]
    assert parse_int("1,000", "库存")[0] == 1000


def test_decimal_comma_in_a_csv_sheet(tmp_path: Path) -> None:
    path = tmp_path / "eu.csv"
    path.write_text("标题;价格;库存\nT恤;60,90;3\n衬衫;59，9;4\n外套;1,2345;5\n", encoding="utf-8")
    sheet = read_sheet(path)
    first, second, third = sheet.products
    assert (str(first.price), str(second.price), third.price) == ("60.90", "59.90", None)
    assert first.cell_issues[0].message.startswith("B2 价格「60,90」里的逗号当作小数点")
    assert third.cell_issues[0].is_error
    assert third.cell_issues[0].message.startswith("B4 ")
