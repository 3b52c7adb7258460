"""Rows sharing a 商家编码 are one product, one SKU per row (pure; the reader calls `group_rows`).

The product's columns (标题, 类目, 主图, 描述, location …) come from its first row and may be left
empty on the others; a filled one that differs is an error naming both cells. Each row is one
SKU: its 颜色/尺码 (`Sku.values`), its other columns (`Sku.extra`: a sale property the reader
cannot know, such as 适用手机型号, is claimed from there against the leaf's rules), its price
(SKU价格, else the row's 价格), stock (SKU库存, else the row's 库存), SKU商家编码 and 颜色图.

The item's stock is the SKUs' sum; its price is the lowest price of a SKU with stock (the price
Taobao wants, taobao-props.md §4), unless the product gives its own price (价格 beside a SKU价格
column). The one-row form (SKU属性/SKU数量/SKU价格/SKU商家编码 as aligned lists) stays one
product, its stock and price filled the same way when left empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from app.catalog.model import ImageRef, Issue, Product, Severity, Sku
from app.catalog.text import shorten

# Product columns: the first row's value is the product's; a later row may only repeat it.
PRODUCT_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "标题"), ("desc", "描述"), ("cid", "类目"), ("category_text", "类目"),
    ("props_text", "宝贝属性"), ("location_state", "省份"), ("location_city", "城市"),
    ("stuff_status", "新旧程度"), ("type", "出售方式"), ("approve_status", "上架状态"),
    ("seller_cids", "店铺分类"), ("sell_point", "卖点"), ("postage_id", "运费模板"),
    ("freight_payer", "运费承担"), ("cost", "成本价"), ("post_fee", "平邮费用"),
    ("express_fee", "快递费用"), ("ems_fee", "EMS费用"), ("list_time", "定时上架"),
    ("has_invoice", "发票"), ("has_warranty", "保修"), ("has_discount", "会员打折"),
)
# The column a Product attribute is read from (for naming cells)
_COLUMN_OF = {"category_text": "cid", "props_text": "props", "location_state": "location.state",
              "location_city": "location.city"}


def _picture_key(ref: ImageRef) -> object:
    return (ref.source, ref.location) if ref.data is None else ref.data


def _cell(p: Product, row: int, attr: str) -> str:
    letter = p.columns.get(_COLUMN_OF.get(attr, attr))
    return f"{letter}{row}" if letter else f"第 {row} 行"


def _shown(value: object) -> str:
    return shorten(str(value), 20)


def rows_text(rows: Sequence[int]) -> str:
    """[6, 7, 8] -> "6–8", [6] -> "6", [6, 8] -> "6、8"."""
    if len(rows) > 1 and list(rows) == list(range(rows[0], rows[-1] + 1)):
        return f"{rows[0]}–{rows[-1]}"
    return "、".join(str(r) for r in rows)


def group_rows(rows: Sequence[Product]) -> list[Product]:
    """Products in sheet order: rows with the same 商家编码 merged into one (see module doc)."""
    groups: dict[str, list[Product]] = {}
    out: list[Product | list[Product]] = []
    for p in rows:
        key = p.outer_id
        if not key:
            out.append(p)
            continue
        group = groups.get(key)
        if group is None:
            groups[key] = group = [p]
            out.append(group)
        else:
            group.append(p)
    products = [_merge(item) if isinstance(item, list) else item for item in out]
    for p in products:
        finish_skus(p)
        if p.skus and not p.outer_id and not p.title and p.skus[0].row is not None:
            p.cell_issues.append(Issue(
                Severity.ERROR, "outer_id", "outer_id.sku_row",
                f"第 {p.row} 行只写了SKU（{_sku_label(p.skus[0])}），没有商家编码和标题："
                "同一个宝贝的每个SKU行都要填写相同的商家编码，程序靠它把这些行合成一个宝贝"))
    return products


def _sku_label(sku: Sku) -> str:
    return "、".join(sku.values.values()) or sku.properties or "没有销售属性"


def _merge(rows: list[Product]) -> Product:
    first = rows[0]
    if len(rows) == 1:
        return first
    own_price = "sku_prices" in first.columns  # 价格 beside SKU价格: the product's own price
    own_num = "sku_quantities" in first.columns
    fields = [*PRODUCT_FIELDS]
    if own_price:
        fields.append(("price", "价格"))
    if own_num:
        fields.append(("num", "库存"))
    for later in rows[1:]:
        for attr, label in fields:
            _conflict(first, later, attr, label)
        _pictures(first, later, "images", "主图")
        _pictures(first, later, "detail_images", "详情图")
    if any(len(r.skus) > 1 or (r.skus and r.skus[0].row is None) for r in rows):
        listed = next(r for r in rows if len(r.skus) > 1 or (r.skus and r.skus[0].row is None))
        first.cell_issues.append(Issue(
            Severity.ERROR, "sku_properties", "variant.two_forms",
            f"商家编码「{shorten(first.outer_id or '')}」的宝贝有 {len(rows)} 行，第 {listed.row} "
            "行又用SKU属性列表写了多个SKU：一个宝贝的SKU请只用一种写法（每行一个SKU，商家编码相同；"
            "或一行里的SKU属性列表）"))
        return first
    if not any(r.skus for r in rows) and all(r.extra == first.extra for r in rows):
        others = "、".join(str(r.row) for r in rows[1:])
        first.cell_issues.append(Issue(
            Severity.ERROR, "outer_id", "outer_id.duplicate",
            f"商家编码「{shorten(first.outer_id or '')}」在第 {others} 行也出现了：同一商家编码的"
            "几行是同一个宝贝的不同SKU，要在每行填写颜色、尺码等；不同的宝贝请用不同的商家编码"))
    skus: list[Sku] = []
    for r in rows:
        sku = r.skus[0] if r.skus else Sku(properties="", row=r.row)
        _fill_from_row(sku, r, own_price=own_price, own_num=own_num)
        skus.append(sku)
        if r is not first:
            first.cell_issues.extend(r.cell_issues)
    first.skus = skus
    if not own_price:
        first.price = None  # the first row's 价格 is its SKU's: the item's comes from the SKUs
    if not own_num:
        first.num = None
    return first


def _fill_from_row(sku: Sku, row: Product, *, own_price: bool, own_num: bool) -> None:
    """A SKU row's price/stock from 价格/库存 when the sheet has no SKU价格/SKU库存 column."""
    sku.row = row.row
    sku.extra = row.extra
    if sku.price is None and not own_price and row.price is not None:
        sku.price = row.price
        sku.cells.setdefault("price", _cell(row, row.row, "price"))
    if sku.quantity is None and not own_num and row.num is not None:
        sku.quantity = row.num
        sku.cells.setdefault("quantity", _cell(row, row.row, "num"))


def finish_skus(p: Product) -> None:
    """A product with SKUs: a one-SKU row takes 价格/库存 as its SKU's; the item's stock is the
    sum and its price the lowest in-stock SKU price, where the sheet does not give them."""
    if not p.skus:
        return
    if len(p.skus) == 1 and p.skus[0].row == p.row:
        sku = p.skus[0]
        sku.extra = p.extra
        if "sku_prices" not in p.columns:
            sku.price, p.price = sku.price if sku.price is not None else p.price, None
        if "sku_quantities" not in p.columns:
            sku.quantity, p.num = sku.quantity if sku.quantity is not None else p.num, None
    if p.price is not None and p.skus[0].row is not None:
        for sku in p.skus:  # 价格 given for the product, SKU价格 left empty: the same price
            if sku.price is None:
                sku.price = p.price
    quantities = [s.quantity for s in p.skus]
    if p.num is None and all(q is not None for q in quantities):
        p.num = sum(q for q in quantities if q is not None)
    if p.price is None:
        p.price = item_price(p.skus)


def item_price(skus: Sequence[Sku]) -> Decimal | None:
    """The lowest price among SKUs with stock (any SKU's when none has stock)."""
    in_stock = [s.price for s in skus if s.price is not None and (s.quantity or 0) > 0]
    prices = in_stock or [s.price for s in skus if s.price is not None]
    return min(prices) if prices else None


def _conflict(first: Product, later: Product, attr: str, label: str) -> None:
    mine, theirs = getattr(first, attr), getattr(later, attr)
    if theirs in (None, "", mine):
        return
    shown = f"「{_shown(mine)}」" if mine not in (None, "") else "是空的"
    field_name = _COLUMN_OF.get(attr, attr)
    cell = _cell(later, later.row, attr)
    first.cell_issues.append(Issue(
        Severity.ERROR, field_name, f"{field_name}.differs",
        f"{cell} {label}「{_shown(theirs)}」与第 {first.row} 行"
        f"（{_cell(first, first.row, attr)}）{shown}不同：同一商家编码的几行是同一个宝贝，"
        f"{label}以第一行为准，其他行请留空或填写相同的内容", cell if cell[0] != "第" else None))


def _pictures(first: Product, later: Product, attr: str, label: str) -> None:
    mine: list[ImageRef] = getattr(first, attr)
    theirs: list[ImageRef] = getattr(later, attr)
    if not theirs or [_picture_key(r) for r in theirs] == [_picture_key(r) for r in mine]:
        return
    field_name = "image" if attr == "images" else "detail_image"
    first.cell_issues.append(Issue(
        Severity.ERROR, field_name, f"{field_name}.differs",
        f"第 {later.row} 行的{label}与第 {first.row} 行不同：同一商家编码的几行是同一个宝贝，"
        f"{label}放在第一行，其他行请留空（颜色的图片请放在“颜色图”列）"))
