"""SKU rules: the four aligned lists, their sums and the item price inside the SKU price range."""

from __future__ import annotations

from app.catalog import limits as lim
from app.catalog.checks import check_num, check_price
from app.catalog.model import Issue, Product, Severity, Sku
from app.catalog.text import utf8_bytes


def check_skus(p: Product, defaults: object = None) -> list[Issue]:
    """Checks ``p.skus`` (already split by the reader) against the item's num and price."""
    if not p.skus:
        return []
    out: list[Issue] = []
    for index, sku in enumerate(p.skus, start=1):
        label = _label(sku, index)
        named = bool(sku.values) or sku.row is not None  # one SKU per row: resolved by name
        if not named and (not sku.properties or any(
                x.count(":") != 1 for x in sku.properties.split(";") if x)):
            out.append(Issue(Severity.ERROR, "sku_properties", "sku_properties.format",
                             f"{label}的销售属性格式不对，应为 pid:vid;pid:vid"))
        if sku.quantity is None:
            cell = sku.cells.get("quantity")
            out.append(Issue(Severity.ERROR, "sku_quantities", "sku_quantities.missing",
                             f"{label}没有库存：" + ("请在 SKU库存（或库存）列填写" if named
                                                  else "SKU数量要与销售属性一一对应"), cell))
        else:
            out += check_num(sku.quantity, "sku_quantities", f"{label}的库存")
        if sku.price is None:
            out.append(Issue(Severity.ERROR, "sku_prices", "sku_prices.missing",
                             f"{label}没有价格：" + ("请在 SKU价格（或价格）列填写" if named
                                                  else "SKU价格要与销售属性一一对应")))
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
    elif p.price is not None and len(prices) == len(p.skus):
        out += _in_stock_price(p)
    if not any(s.values for s in p.skus):  # by name: the resolution step names the rows
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


def _label(sku: Sku, index: int) -> str:
    if sku.row is not None:
        shown = "/".join(sku.values.values())
        return f"第 {sku.row} 行的SKU" + (f"（{shown}）" if shown else "")
    return f"第 {index} 个SKU（{sku.properties}）"


def _in_stock_price(p: Product) -> list[Issue]:
    """Taobao wants the item's price to be the price of a SKU with stock (taobao-props.md §4,
    IC_CHECKSTEP_ITME_NOT_IN_SKU_PRICE); any SKU's when none has stock."""
    in_stock = [s.price for s in p.skus if s.price is not None and (s.quantity or 0) > 0]
    allowed = in_stock or [s.price for s in p.skus if s.price is not None]
    if not allowed or p.price in allowed:
        return []
    shown = "、".join(f"{x:.2f}" for x in sorted(set(allowed)))
    return [Issue(Severity.ERROR, "price", "price.not_sku_price",
                  f"价格 {p.price:.2f} 要等于某个有库存的SKU的价格（{shown}），否则淘宝会拒绝"
                  "（一口价必须与有库存的宝贝规格价格一致）：可以把价格留空，会自动用最低的"
                  "有库存SKU价格", p.cell("price"))]
