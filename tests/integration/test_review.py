"""`app.review.review_sheet`: the one path from a file to checked rows (window and `check`)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from app.catalog.pricing import Ending, PricingRule
from app.catalog.settings import ListingDefaults
from app.excel import prefs
from app.review import review_sheet
from tests.sheetgen import build_xlsx, picture


def _rows() -> list[list[object]]:
    header = ["宝贝标题", "成本价", "价格", "库存", "类目ID", "宝贝描述", "主图"]
    return [
        header,
        ["纯棉短袖T恤 白色", 25, None, 10, 50000671, "100% 纯棉，舒适透气。", None],
        ["纯棉短袖T恤 黑色", 25, 88, 10, 50000671, "100% 纯棉，舒适透气。", None],
    ]


def test_saved_price_rule_and_defaults_apply(tmp_path: Path) -> None:
    path = build_xlsx(
        tmp_path / "cost.xlsx",
        _rows(),
        floating={
            "G2": picture(900, 900, (10, 20, 30)),
            "G3": picture(1000, 800, (30, 20, 10)),
        },
    )
    prefs.save_pricing(PricingRule(markup_percent=Decimal(100), ending=Ending.NINETY_NINE))
    defaults = ListingDefaults(location_state="浙江", location_city="杭州")

    review = review_sheet(path, defaults)

    first, second = review.products
    assert first.price == Decimal("50.99")
    assert first.price_computed
    assert second.price == Decimal("88.00")  # the sheet's own price is kept
    assert not second.price_computed
    assert (first.location_state, first.location_city) == ("浙江", "杭州")
    assert first.stuff_status == "new"
    assert first.key is not None
    assert first.key.startswith("TS")
    assert not any(i.is_error for i in review.row_issues(first))
    # the second row's main picture is not square: a warning naming it as 主图
    warnings = [i for i in review.row_issues(second) if i.field == "image"]
    assert warnings
    assert "主图" in warnings[0].message
    assert not any(i.is_error for i in warnings)


def test_defaults_fill_the_rows_but_not_the_rows_as_read(tmp_path: Path) -> None:
    path = build_xlsx(tmp_path / "plain.xlsx", _rows())
    defaults = ListingDefaults(location_state="浙江", location_city="杭州")

    review = review_sheet(path, defaults, check_pictures=False)

    assert [(p.location_state, p.location_city) for p in review.products] == [
        ("浙江", "杭州"), ("浙江", "杭州")]
    assert review.edits is not None
    assert [(p.location_state, p.location_city) for p in review.edits.as_read.values()] == [
        (None, None), (None, None)]  # what the sheet says: the window's "as read" values
