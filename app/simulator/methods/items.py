"""Item methods: add, quantity/price updates and the outer_id lookup used to reconcile."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.simulator.clock import parse_timestamp
from app.simulator.errors import bad_type, invalid, missing
from app.simulator.methods.base import CallContext
from app.simulator.methods.pictures import store_item_image
from app.simulator.props import check_item_props
from app.simulator.rules import (
    check_choice,
    check_desc,
    check_freight,
    check_leaf_cid,
    check_num,
    check_outer_id,
    check_props,
    check_sell_point,
    check_skus_against_item,
    check_title,
    not_found,
    optional,
    parse_int,
    parse_price,
    parse_skus,
    required,
)
from app.simulator.state import Item, Sku, stamp

CUSTOM_GET_MAX = 40
# Fields items.custom.get can return (others asked for are ignored, like the real API).
ITEM_FIELDS = (
    "num_iid", "outer_id", "title", "num", "price", "approve_status", "cid", "type",
    "stuff_status", "pic_path", "created", "modified", "desc", "nick", "location", "skus",
    "item_imgs", "props", "sell_point", "seller_cids", "freight_payer", "postage_id",
)


def _list_time(value: str | None) -> str | None:
    if value is not None and parse_timestamp(value) is None:
        raise invalid("list_time", f"上架时间 list_time“{value}”格式错误，应为 yyyy-MM-dd HH:mm:ss")
    return value


def item_add(ctx: CallContext) -> dict[str, Any]:
    """taobao.item.add: validate like the item service, store, answer num_iid + created."""
    item = build_item(ctx)
    with ctx.state.lock:
        ctx.state.items[item.num_iid] = item
    return {"item": {"num_iid": item.num_iid, "created": item.created}}


def build_item(ctx: CallContext, num_iid: int | None = None) -> Item:
    """Every item.add rule on ``ctx.params``; the item (a new ``num_iid`` unless given), not
    stored. ``alibaba.item.publish.submit`` and ``alibaba.item.edit.submit`` use it too."""
    p = ctx.params
    num = check_num(required(p, "num"))
    item_type = check_choice("type", required(p, "type"), ("fixed", "auction"))
    stuff_status = check_choice("stuff_status", required(p, "stuff_status"), ("new", "second"))
    title = required(p, "title")
    desc = required(p, "desc")
    state_name = required(p, "location.state")
    city = required(p, "location.city")
    cid = check_leaf_cid(required(p, "cid"))
    price = parse_price("price", required(p, "price"))
    check_title(title)
    check_desc(desc)
    outer_id = optional(p, "outer_id")
    if outer_id is not None:
        check_outer_id(outer_id)
    approve_status = check_choice(
        "approve_status", optional(p, "approve_status") or "onsale", ("onsale", "instock"),
    )
    extra: dict[str, str] = {}
    if (props := optional(p, "props")) is not None:
        extra["props"] = check_props(props)
    if (sell_point := optional(p, "sell_point")) is not None:
        extra["sell_point"] = check_sell_point(sell_point)
    if (seller_cids := optional(p, "seller_cids")) is not None:
        if any(part and not part.strip().isdigit() for part in seller_cids.split(",")):
            raise invalid(
                "seller_cids", f"店铺分类 seller_cids“{seller_cids}”格式错误，应为逗号分隔的数字",
            )
        extra["seller_cids"] = seller_cids
    if (list_time := _list_time(optional(p, "list_time"))) is not None:
        extra["list_time"] = list_time
    extra.update(check_freight(p))
    skus = parse_skus(p)
    check_skus_against_item(skus, num, price)
    extra.update(check_item_props(ctx, cid, skus, price))
    pic_path = _main_picture(ctx)
    with ctx.state.lock:
        now_text = stamp(ctx.now)
        return Item(
            num_iid=num_iid or ctx.state.new_num_iid(), app_key=ctx.app_key, nick=ctx.shop,
            outer_id=outer_id, title=title, desc=desc, price=price, num=num, cid=cid,
            type=item_type, stuff_status=stuff_status, location_state=state_name,
            location_city=city, pic_path=pic_path, approve_status=approve_status,
            created=now_text, modified=now_text,
            skus=[Sku(ctx.state.new_small_id(), s.properties, s.quantity, s.price, s.outer_id)
                  for s in skus],
            extra=extra,
        )


def _main_picture(ctx: CallContext) -> str | None:
    """``pic_path`` (must be in the shop's picture space; wins) or the ``image`` file part."""
    pic_path = optional(ctx.params, "pic_path")
    if pic_path is not None:
        picture = ctx.state.find_picture(ctx.app_key, ctx.shop, pic_path)
        if picture is None:
            raise invalid("pic_path", f"图片 {pic_path} 不在当前店铺的图片空间中，请先上传图片")
        return picture.picture_path
    upload = ctx.files.get("image")
    if upload is None:
        return None
    return store_item_image(ctx, upload.data)


def _shop_item(ctx: CallContext) -> Item:
    num_iid = parse_int("num_iid", required(ctx.params, "num_iid"))
    item = ctx.state.shop_item(ctx.app_key, ctx.shop, num_iid)
    if item is None:
        raise not_found(num_iid)
    return item


def item_quantity_update(ctx: CallContext) -> dict[str, Any]:
    """taobao.item.quantity.update: type 1 sets, type 2 adds; per SKU by sku_id or outer_id."""
    item = _shop_item(ctx)
    quantity = parse_int("quantity", required(ctx.params, "quantity"))
    kind = parse_int("type", optional(ctx.params, "type") or "1")
    if kind not in (1, 2):
        raise invalid("type", f"库存更新方式 type={kind} 无效，只能是 1（全量）或 2（增量）")
    sku_id_text = optional(ctx.params, "sku_id")
    sku_outer = optional(ctx.params, "outer_id")
    with ctx.state.lock:
        target: Sku | None = None
        if sku_id_text is not None or sku_outer is not None:
            sku_id = parse_int("sku_id", sku_id_text) if sku_id_text is not None else None
            for sku in item.skus:
                if (sku_id is not None and sku.sku_id == sku_id) or (
                    sku_id is None and sku.outer_id == sku_outer
                ):
                    target = sku
            if target is None:
                raise invalid("sku_id", f"商品 {item.num_iid} 没有这个 SKU")
        current = target.quantity if target is not None else item.num
        new_value = quantity if kind == 1 else current + quantity
        check_num(str(new_value), "quantity")
        if target is not None:
            target.quantity = new_value
            item.num = sum(sku.quantity for sku in item.skus)
        elif item.skus:
            raise invalid("quantity", f"商品 {item.num_iid} 有 SKU，请按 SKU 更新库存")
        else:
            item.num = new_value
        item.modified = stamp(ctx.now)
        return {"item": {"num_iid": item.num_iid, "num": item.num, "modified": item.modified}}


def item_price_update(ctx: CallContext) -> dict[str, Any]:
    """taobao.item.price.update: a new price (inside the SKU price range when SKUs exist)."""
    item = _shop_item(ctx)
    price = parse_price("price", required(ctx.params, "price"))
    with ctx.state.lock:
        if item.skus:
            low = min(sku.price for sku in item.skus)
            high = max(sku.price for sku in item.skus)
            if not low <= price <= high:
                raise invalid("price", f"商品价格 {price} 必须在 SKU 价格范围 {low} 到 {high} 之间")
        item.price = Decimal(price)
        item.modified = stamp(ctx.now)
        return {"item": {"num_iid": item.num_iid, "modified": item.modified}}


def items_custom_get(ctx: CallContext) -> dict[str, Any]:
    """taobao.items.custom.get: this shop's items whose outer_id is in the list (≤ 40)."""
    outer_text = optional(ctx.params, "outer_id")
    if outer_text is None:
        raise missing("outer_id")
    fields_text = optional(ctx.params, "fields")
    if fields_text is None:
        raise missing("fields")
    wanted = [o.strip() for o in outer_text.split(",") if o.strip()]
    if len(wanted) > CUSTOM_GET_MAX:
        raise bad_type("outer_id", f"outer_id 最多 {CUSTOM_GET_MAX} 个，收到 {len(wanted)} 个")
    fields = [f.strip() for f in fields_text.split(",") if f.strip() in ITEM_FIELDS]
    wanted_set = set(wanted)
    with ctx.state.lock:
        rows = []
        for item in ctx.state.items.values():
            if item.app_key != ctx.app_key or item.nick != ctx.shop or item.deleted:
                continue
            if item.outer_id not in wanted_set:
                continue
            full = item.to_json()
            full["skus"] = {"sku": full["skus"]} if full["skus"] else None
            full["item_imgs"] = {"item_img": full["item_imgs"]} if full["item_imgs"] else None
            rows.append({f: full[f] for f in fields if full.get(f) is not None})
    return {"items": {"item": rows}} if rows else {}
