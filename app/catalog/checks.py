"""Checks of one value against its Taobao limit (shared by item and SKU rules)."""

from __future__ import annotations

from decimal import Decimal

from app.catalog import limits as lim
from app.catalog.model import Issue, Severity

E = Severity.ERROR


def _issue(severity: Severity, field: str, code: str, message: str) -> Issue:
    return Issue(severity, field, code, message)


def decimals_of(value: Decimal) -> int:
    """Number of decimal places written in ``value`` (19.90 -> 2, 19.999 -> 3, 20 -> 0)."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def check_price(value: Decimal | None, field: str = "price", label: str = "价格") -> list[Issue]:
    """Price range 0.01–100000000 with at most two decimals; ``None`` is not checked here.

    Safe for any Decimal (NaN, infinity, 1E+30): nothing here quantizes a value out of range.
    """
    if value is None:
        return []
    if not value.is_finite():
        return [_issue(E, field, f"{field}.invalid", f"{label} {value} 不是有效数字")]
    if lim.PRICE_MIN <= value <= lim.PRICE_MAX:  # fast path: the usual valid price
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent >= -lim.PRICE_DECIMALS:
            return []
    if abs(value) > lim.PRICE_MAX:
        code, limit = ("too_high", f"超过上限 {lim.PRICE_MAX}") if value > 0 \
            else ("too_low", f"低于下限 {lim.PRICE_MIN}")
        return [_issue(E, field, f"{field}.{code}", f"{label} {value} {limit} 元")]
    out: list[Issue] = []
    places = decimals_of(value.normalize())
    if places > lim.PRICE_DECIMALS:
        out.append(_issue(E, field, f"{field}.decimals",
                          f"{label} {value} 有 {places} 位小数，"
                          f"淘宝只接受 {lim.PRICE_DECIMALS} 位小数"
                          f"（例如 {value.quantize(Decimal('0.01'))}）"))
    if value < lim.PRICE_MIN:
        out.append(_issue(E, field, f"{field}.too_low",
                          f"{label} {value} 低于下限 {lim.PRICE_MIN} 元"))
    return out


def check_num(value: int | None, field: str = "num", label: str = "库存") -> list[Issue]:
    if value is None:
        return []
    if value < lim.NUM_MIN:
        return [_issue(E, field, f"{field}.negative", f"{label} {value} 不能是负数（最小 0）")]
    if value > lim.NUM_MAX:
        return [_issue(E, field, f"{field}.too_high",
                       f"{label} {value} 超过上限 {lim.NUM_MAX}")]
    return []
