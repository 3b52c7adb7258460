from __future__ import annotations

from decimal import Decimal

import pytest

from app.catalog.keys import assign_keys, content_key
from app.catalog.model import Product
from app.catalog.pricing import Ending, PricingRule, apply_pricing, compute_price


@pytest.mark.parametrize(("cost", "markup", "add", "ending", "expected"), [
    ("10", "50", "0", Ending.EXACT, "15.00"),
    ("10", "33.333", "0", Ending.EXACT, "13.33"),
    ("10", "0", "5", Ending.EXACT, "15.00"),
    ("10", "30", "2", Ending.EXACT, "15.00"),
    ("10", "52", "0", Ending.ZERO, "16.00"),
    ("10", "52", "0", Ending.NINETY, "15.90"),
    ("10", "60", "0", Ending.NINETY, "16.90"),
    ("10", "52", "0", Ending.NINETY_NINE, "15.99"),
    ("10", "50", "0", Ending.ZERO, "15.00"),
    ("10", "59.9", "0", Ending.NINETY, "16.90"),
])
def test_compute_price(cost: str, markup: str, add: str, ending: Ending, expected: str) -> None:
    rule = PricingRule(Decimal(markup), Decimal(add), ending)
    price = compute_price(Decimal(cost), rule)
    assert price == Decimal(expected)
    assert price >= Decimal(cost) * (1 + Decimal(markup) / 100) + Decimal(add) - Decimal("0.005")


def test_apply_pricing_marks_computed_and_respects_sheet_prices() -> None:
    a = Product(row=2, cost=Decimal("10"))
    b = Product(row=3, cost=Decimal("10"), price=Decimal("99.00"))
    c = Product(row=4)
    rule = PricingRule(Decimal(100), ending=Ending.NINETY_NINE)
    assert apply_pricing([a, b, c], rule) == 1
    assert (a.price, a.price_computed) == (Decimal("20.99"), True)  # rounds up, never down
    assert (b.price, b.price_computed) == (Decimal("99.00"), False)
    assert c.price is None
    assert apply_pricing([b], PricingRule(Decimal(100), override=True)) == 1
    assert b.price == Decimal("20.00")


def test_keys_stable_when_rows_are_inserted() -> None:
    rows = [Product(row=i + 2, title=f"宝贝{i}", cid=16) for i in range(5)]
    assign_keys(rows)
    before = {p.title: p.generated_key for p in rows}
    inserted = [Product(row=2, title="新插入的宝贝", cid=16)] + [
        Product(row=i + 3, title=f"宝贝{i}", cid=16) for i in range(5)]
    assign_keys(inserted)
    after = {p.title: p.generated_key for p in inserted}
    assert all(after[t] == k for t, k in before.items())
    assert len(set(after.values())) == 6


def test_keys_short_unique_and_skip_rows_with_outer_id() -> None:
    rows = [Product(row=2, title="同名", cid=1), Product(row=3, title="同名", cid=1),
            Product(row=4, title="同名", cid=1, outer_id="X")]
    assign_keys(rows)
    k1, k2 = rows[0].generated_key, rows[1].generated_key
    assert k1
    assert k2
    assert k1 != k2
    assert k1 == content_key("同名", 1)
    assert k2 == content_key("同名", 1, 2)
    assert k1.startswith("TS")
    assert len(k1.encode()) == 14
    assert k1.isalnum()
    assert rows[2].generated_key is None
    assert rows[2].key == "X"
    assert rows[0].key == k1
