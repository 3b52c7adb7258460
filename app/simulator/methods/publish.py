"""The schema publish flow (taobao-props.md §7): ``alibaba.item.publish.market.get``,
``.schema.get``, ``.props.get`` and ``.submit``.

``submit`` checks the filled schema against the leaf's own rules (``schema_check``), reads it into
item.add parameters and runs every item.add rule on them (``items.build_item``): both publishers
meet the same item centre, and its item is stored like item.add's (same ``outer_id`` lookup). The
answer carries ``item_id`` directly (the Go/Java SDK models read it there; the doc allows
``result`` too: clients accept both).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from app.simulator import categories
from app.simulator.catprops import prop_of
from app.simulator.errors import ApiError, invalid
from app.simulator.methods.base import CallContext
from app.simulator.methods.items import build_item
from app.simulator.rules import optional, parse_int, required
from app.simulator.schema_check import Scope, check_fields
from app.simulator.schema_item import ItemParams, remap, to_item_params
from app.simulator.schema_leaf import CAT_PROP, cascade_fields, leaf_fields, prop_field_id
from app.simulator.schema_model import SField, Value, parse_filled, render
from app.simulator.state import Item, ItemImage, stamp

MARKET = "taobao"
MARKETS = ("taobao", "tmall", "litetao")


def check_market(ctx: CallContext) -> str:
    market = required(ctx.params, "market")
    if market not in MARKETS:
        raise invalid("market", f"市场 market“{market}”无效，只能是 {' / '.join(MARKETS)}")
    if market != MARKET:
        raise invalid("market",
                      f"当前店铺不能发布到市场 {market}（天猫商品请用 tmall.item.* 接口）")
    return market


def check_leaf(text: str, name: str = "cat_id") -> int:
    cid = parse_int(name, text)
    category = categories.get(cid)
    if category is None:
        raise invalid(name, f"类目 {cid} 不存在")
    if category.is_parent:
        raise invalid(name, f"类目 {cid}（{category.name}）不是叶子类目，请选择最末级类目")
    return cid


def publish_market_get(ctx: CallContext) -> dict[str, Any]:
    """The markets this shop may publish to: ``taobao`` for a C shop."""
    del ctx
    return {"markets": MARKET}


def publish_schema_get(ctx: CallContext) -> dict[str, Any]:
    """A leaf's schema XML, as a JSON string in ``result``."""
    check_market(ctx)
    cid = check_leaf(required(ctx.params, "cat_id"))
    item_type = optional(ctx.params, "item_type") or "b"
    if item_type not in ("a", "b"):
        raise invalid("item_type",
                      f"商品类型 item_type“{item_type}”无效，只能是 b（一口价）或 a（拍卖）")
    if item_type == "a":
        raise invalid("item_type", "拍卖商品不能用这个接口发布")
    return {"result": render(leaf_fields(cid))}


def publish_props_get(ctx: CallContext) -> dict[str, Any]:
    """The props cascading from ``prop_id``'s chosen value in ``schema`` (empty when none)."""
    check_market(ctx)
    cid = check_leaf(required(ctx.params, "cat_id"))
    pid = parse_int("prop_id", required(ctx.params, "prop_id"))
    if prop_of(cid, pid) is None:
        raise invalid("prop_id", f"类目 {cid} 没有属性 {pid}")
    values = parse_filled(required(ctx.params, "schema"))
    cat = values.get(CAT_PROP, values)
    chosen = cat.get(prop_field_id(pid)) if isinstance(cat, dict) else None
    if not isinstance(chosen, str) or not chosen.lstrip("-").isdigit():
        return {"result": render(())}
    return {"result": render(cascade_fields(cid, pid, int(chosen)))}


def checked(cid: int, text: str, *, partial: bool = False
            ) -> tuple[tuple[SField, ...], dict[str, Value]]:
    """The leaf's fields and the schema's values, every rule checked."""
    fields = leaf_fields(cid)
    values = parse_filled(text)
    check_fields(fields, values, Scope([values]), partial=partial)
    return fields, values


def item_from_schema(ctx: CallContext, cid: int, fields: tuple[SField, ...],
                     values: dict[str, Value], num_iid: int | None = None, *,
                     own: frozenset[str] = frozenset()) -> Item:
    """Every item.add rule on the schema's item; the item with its extra pictures (not stored).
    ``own``: an edited item's current pictures, kept whichever way they were uploaded."""
    read: ItemParams = to_item_params(cid, fields, values)
    for url in read.extra_images:
        if url not in own and ctx.state.find_picture(ctx.app_key, ctx.shop, url) is None:
            raise invalid("images", f"图片 {url} 不在当前店铺的图片空间中，请先上传图片")
    params = dict(read.params)
    kept = params.pop("pic_path", None) if params.get("pic_path") in own else None
    try:
        item = build_item(dataclasses.replace(ctx, params=params, files={}), num_iid)
    except ApiError as error:
        raise remap(error) from None
    if kept is not None:
        item.pic_path = kept
    with ctx.state.lock:
        item.images = [ItemImage(ctx.state.new_small_id(), url, position, stamp(ctx.now))
                       for position, url in enumerate(read.extra_images, 1)]
    item.extra["market"] = MARKET
    return item


def publish_submit(ctx: CallContext) -> dict[str, Any]:
    """Create the item the filled schema describes: ``item_id``, ``create_time``, ``market``."""
    market = check_market(ctx)
    cid = check_leaf(required(ctx.params, "cat_id"))
    fields, values = checked(cid, required(ctx.params, "schema"))
    item = item_from_schema(ctx, cid, fields, values)
    with ctx.state.lock:
        ctx.state.items[item.num_iid] = item
    return {"item_id": item.num_iid, "create_time": item.created, "market": market}
