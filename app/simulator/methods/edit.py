"""Editing an item through the schema API (taobao-props.md §7): ``alibaba.item.edit.schema.get``,
``.submit`` (the whole item again, every rule) and ``.fastupdate`` (only light fields: title,
price, stock, 商家编码, 卖点 and existing SKUs' price/stock/商家编码; it cannot add SKUs).

Works on any item of the shop, listed by item.add or by submit. The answer of both writes is
``item_id``, ``update_time``, ``market``. An edit keeps the item's shelf state (on sale / in the
warehouse: that is ``operate.upshelf``/``downshelf``), its id, creation time and SKU ids.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.simulator.errors import invalid, isv
from app.simulator.methods.base import CallContext
from app.simulator.methods.publish import MARKET, check_leaf, checked, item_from_schema
from app.simulator.props import NOT_IN_SKU_PRICE
from app.simulator.rules import (
    check_num,
    check_outer_id,
    check_sell_point,
    check_title,
    not_found,
    optional,
    parse_int,
    parse_price,
    required,
)
from app.simulator.schema_item import item_values
from app.simulator.schema_leaf import (
    OUTER_ID,
    PRICE,
    QUANTITY,
    SELL_POINT,
    SKU,
    SKU_OUTER_ID,
    SKU_PRICE,
    SKU_PROPS,
    SKU_STOCK,
    TITLE,
    leaf_fields,
)
from app.simulator.schema_model import render
from app.simulator.state import Item, Sku, stamp

FAST_FIELDS = (TITLE, PRICE, QUANTITY, OUTER_ID, SELL_POINT, SKU)
MAX_FIELDS = 999


def shop_item(ctx: CallContext, name: str = "item_id") -> Item:
    num_iid = parse_int(name, required(ctx.params, name))
    item = ctx.state.shop_item(ctx.app_key, ctx.shop, num_iid)
    if item is None:
        raise not_found(num_iid)
    return item


def _answer(item: Item) -> dict[str, Any]:
    return {"item_id": item.num_iid, "update_time": item.modified, "market": MARKET}


def edit_schema_get(ctx: CallContext) -> dict[str, Any]:
    """The item's leaf schema with its current values (``fields`` trims it to those ids)."""
    item = shop_item(ctx)
    fields = leaf_fields(item.cid)
    wanted = [f.strip() for f in (optional(ctx.params, "fields") or "").split(",") if f.strip()]
    if len(wanted) > MAX_FIELDS:
        raise invalid("fields", f"fields 最多 {MAX_FIELDS} 个，收到 {len(wanted)} 个")
    if wanted:
        fields = tuple(f for f in fields if f.id in wanted)
    with ctx.state.lock:
        values = item_values(item)
    return {"result": render(fields, values)}


def edit_submit(ctx: CallContext) -> dict[str, Any]:
    """Replace the item with the filled schema (``cat_id`` only to move it to another leaf)."""
    item = shop_item(ctx)
    cat_text = optional(ctx.params, "cat_id")
    cid = check_leaf(cat_text) if cat_text is not None else item.cid
    fields, values = checked(cid, required(ctx.params, "schema"))
    own = frozenset(url for url in (item.pic_path, *(i.url for i in item.images)) if url)
    new = item_from_schema(ctx, cid, fields, values, num_iid=item.num_iid, own=own)
    with ctx.state.lock:
        old_ids = {frozenset(s.properties.split(";")): s.sku_id for s in item.skus}
        for sku in new.skus:
            sku.sku_id = old_ids.get(frozenset(sku.properties.split(";")), sku.sku_id)
        new.created, new.approve_status = item.created, item.approve_status
        new.prop_imgs = item.prop_imgs
        if "market" not in item.extra:  # listed by item.add: the door shows it as it was
            new.extra.pop("market", None)
        new.modified = stamp(ctx.now)
        ctx.state.items[item.num_iid] = new
    return _answer(new)


def _sku_updates(item: Item, entries: list[dict[str, Any]]) -> list[tuple[Sku, dict[str, Any]]]:
    found: list[tuple[Sku, dict[str, Any]]] = []
    for entry in entries:
        props = entry.get(SKU_PROPS, {})
        pairs = frozenset(f"{k.removeprefix('p-')}:{v}" for k, v in props.items())
        sku = next((s for s in item.skus if frozenset(s.properties.split(";")) == pairs), None)
        if sku is None:
            raise invalid(SKU, f"增量更新不能新增 SKU（{';'.join(sorted(pairs))}）："
                               "新增 SKU 请用 alibaba.item.edit.submit")
        found.append((sku, entry))
    return found


def edit_fastupdate(ctx: CallContext) -> dict[str, Any]:
    """Change light fields only; everything is checked before anything changes."""
    item = shop_item(ctx)
    _fields, values = checked(item.cid, required(ctx.params, "schema"), partial=True)
    other = [key for key in values if key not in FAST_FIELDS]
    if other:
        raise invalid(other[0], f"增量更新不能修改字段 {other[0]}，请用 alibaba.item.edit.submit")
    if not values:
        raise invalid("schema", "增量更新的 schema 中没有要修改的字段")
    with ctx.state.lock:
        updates = _sku_updates(item, values.get(SKU) or [])
        if updates and not item.skus:
            raise invalid(SKU, "这个商品没有 SKU")
        stock = {sku.sku_id: sku.quantity for sku in item.skus}
        prices = {sku.sku_id: sku.price for sku in item.skus}
        for sku, entry in updates:
            if SKU_STOCK in entry:
                stock[sku.sku_id] = check_num(entry[SKU_STOCK], "sku_quantities")
            if SKU_PRICE in entry:
                prices[sku.sku_id] = parse_price("sku_prices", entry[SKU_PRICE])
            if entry.get(SKU_OUTER_ID):
                check_outer_id(entry[SKU_OUTER_ID])
        num = sum(stock.values()) if item.skus else item.num
        if QUANTITY in values:
            given = check_num(values[QUANTITY], "num")
            if item.skus and given != num:
                raise invalid(QUANTITY, f"总库存 {given} 必须等于各 SKU 数量之和 {num}")
            num = given
        price = parse_price("price", values[PRICE]) if PRICE in values else item.price
        _check_price(item, price, stock, prices)
        if TITLE in values:
            check_title(values[TITLE])
        if OUTER_ID in values:
            check_outer_id(values[OUTER_ID])
        if SELL_POINT in values:
            check_sell_point(values[SELL_POINT])
        for sku, entry in updates:
            sku.quantity, sku.price = stock[sku.sku_id], prices[sku.sku_id]
            if entry.get(SKU_OUTER_ID):
                sku.outer_id = entry[SKU_OUTER_ID]
        item.num, item.price = num, price
        item.title = values.get(TITLE, item.title)
        item.outer_id = values.get(OUTER_ID, item.outer_id)
        if SELL_POINT in values:
            item.extra["sell_point"] = values[SELL_POINT]
        item.modified = stamp(ctx.now)
    return _answer(item)


def _check_price(item: Item, price: Decimal, stock: dict[int, int],
                 prices: dict[int, Decimal]) -> None:
    """With SKUs the price must be an in-stock SKU's (any SKU's when none has stock)."""
    if not item.skus:
        return
    in_stock = [prices[i] for i, q in stock.items() if q > 0] or list(prices.values())
    if price not in in_stock:
        shown = "、".join(sorted({f"{p:.2f}" for p in in_stock}))
        raise isv(NOT_IN_SKU_PRICE, f"一口价必须与有库存的宝贝规格价格一致：一口价 {price:.2f}，"
                                    f"有库存的规格价格为 {shown}")
