"""Taking items down and putting them back (the undo of a run).

Schema API: ``alibaba.item.operate.upshelf`` (``item_id``, optional ``quantity``),
``.downshelf`` and ``.delete`` (``item_id``) → ``result: "true"`` (a string in the SDK models).
Classic API: ``taobao.item.update.delisting`` (``num_iid``) and ``taobao.item.update.listing``
(``num_iid``, ``num``: required, > 0; an item with SKUs keeps the sum of its SKUs) →
``item: {num_iid, modified}``.

State at the test door: ``approve_status`` onsale / instock / deleted. Taking down an item that
is already down, or putting up one already on sale, succeeds and changes nothing (our choice: an
undo that is run twice must not fail). A deleted item is gone for the shop: every later call
answers ``isv.item-not-exist`` and ``items.custom.get`` no longer finds it.
"""

from __future__ import annotations

from typing import Any

from app.simulator.errors import invalid, isv
from app.simulator.methods.base import CallContext
from app.simulator.methods.edit import shop_item
from app.simulator.rules import check_num, optional, parse_int, required
from app.simulator.state import DELETED, Item, stamp

ZERO_STOCK = "isv.item-service-error:FORBIDDEN_QUANTITY_ZERO_ERROR"


def _put_on_sale(ctx: CallContext, item: Item, quantity: int | None, name: str) -> None:
    """On sale; ``quantity`` sets the stock of an item without SKUs (ignored with SKUs)."""
    with ctx.state.lock:
        num = item.num
        if quantity is not None and not item.skus:
            num = quantity
        if num <= 0:
            raise isv(ZERO_STOCK, f"上架的数量必须大于0：商品 {item.num_iid} 的库存为 {num}"
                                  f"（请提供 {name}）")
        changed = item.approve_status != "onsale" or num != item.num
        item.num, item.approve_status = num, "onsale"
        if changed:
            item.modified = stamp(ctx.now)


def _take_down(ctx: CallContext, item: Item) -> None:
    with ctx.state.lock:
        if item.approve_status != "instock":
            item.approve_status = "instock"
            item.modified = stamp(ctx.now)


def operate_upshelf(ctx: CallContext) -> dict[str, Any]:
    item = shop_item(ctx)
    text = optional(ctx.params, "quantity")
    quantity = check_num(text, "quantity") if text is not None else None
    _put_on_sale(ctx, item, quantity, "quantity")
    return {"result": "true"}


def operate_downshelf(ctx: CallContext) -> dict[str, Any]:
    _take_down(ctx, shop_item(ctx))
    return {"result": "true"}


def operate_delete(ctx: CallContext) -> dict[str, Any]:
    item = shop_item(ctx)
    with ctx.state.lock:
        item.approve_status = DELETED
        item.modified = stamp(ctx.now)
    return {"result": "true"}


def update_delisting(ctx: CallContext) -> dict[str, Any]:
    item = shop_item(ctx, "num_iid")
    _take_down(ctx, item)
    return {"item": {"num_iid": item.num_iid, "modified": item.modified}}


def update_listing(ctx: CallContext) -> dict[str, Any]:
    item = shop_item(ctx, "num_iid")
    num = parse_int("num", required(ctx.params, "num"))
    if num <= 0:
        raise invalid("num", f"上架数量 num={num} 无效，必须是大于零的整数")
    _put_on_sale(ctx, item, check_num(str(num)), "num")
    return {"item": {"num_iid": item.num_iid, "modified": item.modified}}
