"""SKU rules: the four aligned lists, their sums and the item price inside the SKU price range."""

from __future__ import annotations

from app.catalog import limits as lim
from app.catalog.checks import check_num, check_price
from app.catalog.model import Issue, Product, Severity
from app.catalog.text import utf8_bytes


def check_skus(p: Product, defaults: object = None) -> list[Issue]:
    """Checks ``p.skus`` (already split by the reader) against the item's num and price."""
    if not p.skus:
        return []
    out: list[Issue] = []
    for index, sku in enumerate(p.skus, start=1):
        label = f"第 {index} 个SKU（{sku.properties}）"
        if not sku.properties or any(x.count(":") != 1 for x in sku.properties.split(";") if x):
            out.append(Issue(Severity.ERROR, "sku_properties", "sku_properties.format",
                             f"{label}的销售属性格式不对，应为 pid:vid;pid:vid"))
        if sku.quantity is None:
            out.append(Issue(Severity.ERROR, "sku_quantities", "sku_quantities.missing",
                             f"{label}没有数量：SKU数量要与销售属性一一对应"))
        else:
            out += check_num(sku.quantity, "sku_quantities", f"{label}的数量")
        if sku.price is None:
            out.append(Issue(Severity.ERROR, "sku_prices", "sku_prices.missing",
                             f"{label}没有价格：SKU价格要与销售属性一一对应"))
        else:
            out += check_price(sku.price, "sku_prices", f"{label}的价格")
        if sku.outer_id and utf8_bytes(sku.outer_id) > lim.OUTER_ID_MAX_BYTES:
            out.append(Issue(Severity.ERROR, "sku_outer_ids", "sku_outer_ids.too_long",
                             f"{label}的商家编码 {utf8_bytes(sku.outer_id)} 字节，超过 "
                             f"{lim.OUTER_ID_MAX_BYTES} 字节上限（一个汉字算 3 字节）"))
    quantities = [s.quantity for s in p.skus if s.quantity is not None]
    if p.num is not None and len(quantities) == len(p.skus) and sum(quantities) != p.num:
        out.append(Issue(Severity.ERROR, "num", "num.sku_sum",
                         f"库存 {p.num} 与各SKU数量之和 {sum(quantities)} 不相等"))
    prices = [s.price for s in p.skus if s.price is not None]
    if p.price is not None and prices and not min(prices) <= p.price <= max(prices):
        out.append(Issue(Severity.ERROR, "price", "price.sku_range",
                         f"价格 {p.price} 不在SKU价格范围 {min(prices)}–{max(prices)} 之内"))
    out += _duplicate_properties(p)
    outer_ids = [s.outer_id for s in p.skus if s.outer_id]
    if len(set(outer_ids)) != len(outer_ids):
        out.append(Issue(Severity.ERROR, "sku_outer_ids", "sku_outer_ids.duplicate",
                         "同一宝贝的SKU商家编码有重复"))
    return out


def _duplicate_properties(p: Product) -> list[Issue]:
    """Two SKUs with the same sale-property pairs (in any order): Taobao refuses the item with
    宝贝销售属性出错（重复） (taobao-props.md §8)."""
    by_combination: dict[frozenset[str], list[int]] = {}
    for index, sku in enumerate(p.skus, start=1):
        pairs = frozenset(x.strip() for x in sku.properties.split(";") if x.strip())
        if pairs:
            by_combination.setdefault(pairs, []).append(index)
    out: list[Issue] = []
    for indexes in by_combination.values():
        if len(indexes) > 1:
            which = "、".join(str(i) for i in indexes)
            shown = p.skus[indexes[0] - 1].properties
            out.append(Issue(Severity.ERROR, "sku_properties", "sku_properties.duplicate",
                             f"第 {which} 个SKU的销售属性相同（{shown}）："
                             "淘宝会拒绝（宝贝销售属性出错（重复）），请合并或删除重复的SKU"))
    return out
