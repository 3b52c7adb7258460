"""上架状态: 是/否 answer the column's own question, so their meaning comes from the header."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.catalog.keys import assign_keys
from app.catalog.rules import row_issues, validate
from app.catalog.settings import ListingDefaults
from app.excel.fields import field_for_header
from app.excel.reader import read_sheet
from tests.sheetgen import HEADER, build_xlsx, product_row

LIST_NOW = ["上架状态", "立即上架", "是否上架", "是否立即上架", "上架方式", "approve_status",
            "*上架状态", "上架状态（是/否）"]
WAREHOUSE = ["放入仓库", "是否放入仓库"]


@pytest.mark.parametrize("header", LIST_NOW + WAREHOUSE)
def test_every_alias_names_the_status_column(header: str) -> None:
    assert field_for_header(header) == "approve_status"


def statuses(tmp_path: Path, header: str, values: list[object]) -> list[str | None]:
    rows: list[list[object]] = [[*HEADER, header]]
    rows += [[*product_row(i, "https://x.cn/a.jpg"), v] for i, v in enumerate(values, start=1)]
    sheet = read_sheet(build_xlsx(tmp_path / "s.xlsx", rows))
    assign_keys(sheet.products)
    result = validate(sheet.products, ListingDefaults())
    assert not [i for p in sheet.products for i in row_issues(p, result)
                if i.field == "approve_status"]
    return [p.approve_status for p in sheet.products]


@pytest.mark.parametrize("header", LIST_NOW)
def test_yes_means_list_now(tmp_path: Path, header: str) -> None:
    got = statuses(tmp_path, header, ["是", "否", "Y", "N", True, False])
    assert got == ["onsale", "instock", "onsale", "instock", "onsale", "instock"]


@pytest.mark.parametrize("header", WAREHOUSE)
def test_yes_means_warehouse_in_a_warehouse_column(tmp_path: Path, header: str) -> None:
    got = statuses(tmp_path, header, ["是", "否", "yes", "no", True, False])
    assert got == ["instock", "onsale", "instock", "onsale", "instock", "onsale"]


@pytest.mark.parametrize("header", ["上架状态", "放入仓库"])
def test_words_mean_what_they_say_whatever_the_header(tmp_path: Path, header: str) -> None:
    got = statuses(tmp_path, header, ["出售中", "仓库中", "立即上架", "放入仓库", "onsale"])
    assert got == ["onsale", "instock", "onsale", "instock", "onsale"]
