"""taobao.itemcats.get and taobao.itemcats.authorize.get over the built-in category tree."""

from __future__ import annotations

from typing import Any

from app.simulator import categories
from app.simulator.catprops import prop_of
from app.simulator.errors import bad_type, missing
from app.simulator.methods.base import CallContext
from app.simulator.rules import optional, parse_int

DEFAULT_FIELDS = ("cid", "parent_cid", "name", "is_parent")
CIDS_MAX = 999
AUTHORIZE_FIELDS_MAX = 20
# A Tmall (B) shop authorises brands and categories; C shops only see 新品 categories. Shops
# whose nick ends with this are played as Tmall shops.
TMALL_SUFFIX = "旗舰店"
XINPIN_LEAVES = (50000671, 50010850, 50000436)
TMALL_BRANDS = ((20000, 1128204128), (20000, 9200003))
TMALL_LEAVES = (50000671, 162104, 50010850)


def field_list(text: str | None, default: tuple[str, ...]) -> list[str]:
    if not text:
        return list(default)
    return [f.strip() for f in text.split(",") if f.strip()]


def wrap(outer: str, inner: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A list wrapped twice (``{"item_cats": {"item_cat": [...]}}``); empty lists omit the key."""
    return {outer: {inner: rows}} if rows else {}


def category_json(cat: categories.Category) -> dict[str, Any]:
    features = [{"attr_key": k, "attr_value": v} for k, v in cat.features.items()]
    return {
        "cid": cat.cid, "parent_cid": cat.parent_cid, "name": cat.name,
        "is_parent": cat.is_parent, "status": cat.status, "sort_order": cat.sort_order,
        "features": {"feature": features} if features else None, "taosir_cat": False,
    }


def _pick(full: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    return {key: full[key] for key in fields if full.get(key) is not None}


def itemcats_get(ctx: CallContext) -> dict[str, Any]:
    """Categories by ``cids`` (comma list, ≤ 999) or children of ``parent_cid`` (0 = top)."""
    cids_text = optional(ctx.params, "cids")
    parent_text = optional(ctx.params, "parent_cid")
    fields = field_list(optional(ctx.params, "fields"), DEFAULT_FIELDS)
    if cids_text is not None:
        cids = [parse_int("cids", c) for c in cids_text.split(",") if c.strip()]
        if len(cids) > CIDS_MAX:
            raise bad_type("cids", f"cids 最多 {CIDS_MAX} 个，收到 {len(cids)} 个")
        found = [cat for cid in cids if (cat := categories.get(cid)) is not None]
    elif parent_text is not None:
        found = categories.children(parse_int("parent_cid", parent_text))
    else:
        raise missing("cids")
    rows = [_pick(category_json(cat), fields) for cat in found]
    return {**wrap("item_cats", "item_cat", rows), "last_modified": categories.LAST_MODIFIED}


def _authorize_cats(cids: tuple[int, ...], fields: list[str], prefix: str) -> list[dict]:
    wanted = [f.removeprefix(prefix) for f in fields if f.startswith(prefix)]
    if not wanted:
        return []
    rows = []
    for cid in cids:
        cat = categories.get(cid)
        if cat is not None:
            rows.append(_pick(category_json(cat), wanted))
    return rows


def itemcats_authorize_get(ctx: CallContext) -> dict[str, Any]:
    """The shop's authorised brands and categories (Tmall) or its 新品 categories (C shop)."""
    fields_text = optional(ctx.params, "fields")
    if fields_text is None:
        raise missing("fields")
    fields = field_list(fields_text, ())
    if len(fields) > AUTHORIZE_FIELDS_MAX:
        raise bad_type("fields", f"fields 最多 {AUTHORIZE_FIELDS_MAX} 个，收到 {len(fields)} 个")
    tmall = ctx.shop.endswith(TMALL_SUFFIX)
    result: dict[str, Any] = {}
    if tmall:
        result.update(wrap("item_cats", "item_cat",
                           _authorize_cats(TMALL_LEAVES, fields, "item_cat.")))
        brand_fields = [f.removeprefix("brand.") for f in fields if f.startswith("brand.")]
        brands = []
        for pid, vid in TMALL_BRANDS if brand_fields else ():
            prop = prop_of(50000671, pid)
            value = prop.value(vid) if prop is not None else None
            if prop is not None and value is not None:
                full = {"vid": vid, "name": value.name, "pid": pid, "prop_name": prop.name}
                brands.append({k: full[k] for k in ("vid", "name", "pid", "prop_name")
                               if k in brand_fields or k in ("pid", "prop_name")})
        result.update(wrap("brands", "brand", brands))
    else:
        result.update(wrap("xinpin_item_cats", "item_cat",
                           _authorize_cats(XINPIN_LEAVES, fields, "xinpin_item_cat.")))
    return {"seller_authorize": result}
