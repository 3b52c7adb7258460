"""The price rule: a price computed from the cost column (markup % and/or a fixed add, rounded).

The computed price is marked (`Product.price_computed`) so the table and the report show it as such.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from enum import StrEnum

from app.catalog.model import Product

CENT = Decimal("0.01")


class Ending(StrEnum):
    """How a computed price ends. Non-exact endings round *up* so the margin is never cut."""

    EXACT = "exact"  # to the cent, half up
    ZERO = ".00"  # 12.00
    NINETY = ".90"  # 12.90
    NINETY_NINE = ".99"  # 12.99


@dataclass(frozen=True, slots=True)
class PricingRule:
    markup_percent: Decimal = Decimal(0)  # 30 -> cost * 1.30
    add: Decimal = Decimal(0)  # fixed yuan added after the markup
    ending: Ending = Ending.EXACT
    override: bool = False  # also replace prices the sheet already has


def compute_price(cost: Decimal, rule: PricingRule) -> Decimal:
    """``cost * (1 + markup/100) + add`` then rounded to the rule's ending."""
    raw = cost * (1 + rule.markup_percent / 100) + rule.add
    if rule.ending is Ending.EXACT:
        return raw.quantize(CENT, rounding=ROUND_HALF_UP)
    cents = Decimal(rule.ending.value)  # .00 / .90 / .99
    whole = (raw - cents).quantize(Decimal(1), rounding=ROUND_CEILING)
    return (whole + cents).quantize(CENT)


def apply_pricing(products: Iterable[Product], rule: PricingRule) -> int:
    """Set ``price`` from ``cost`` on each product with a cost (and no price unless overriding).

    Returns how many prices were computed. Products are changed in place.
    """
    changed = 0
    for p in products:
        cost = p.cost
        if cost is None or cost <= 0:
            continue
        if p.price is not None and not rule.override and not p.price_computed:
            continue
        p.price = compute_price(cost, rule)
        p.price_computed = True
        changed += 1
    return changed
