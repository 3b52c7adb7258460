"""A filled schema ↔ the item.add parameters the item centre checks (the same checks for both
publishers: taobao-props.md §8 "publish runs the same item-centre checks").

``to_item_params`` reads checked schema values into ``taobao.item.add`` parameters, so submit
creates an item exactly as item.add would; ``item_values`` shows an item as schema values (what
``alibaba.item.edit.schema.get`` answers). ``remap`` names a schema field in an item-centre error
that named an item.add parameter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from app.simulator.catprops import Prop, props_of
from app.simulator.errors import ApiError
from app.simulator.schema_check import Scope, is_disabled
from app.simulator.schema_leaf import (
    CAT_PROP,
    CITY,
    CUSTOM_INPUT,
    DESC,
    FEES,
    FREIGHT,
    FREIGHT_PAYER,
    IMAGE_COUNT,
    IMAGES,
    LIST_TIME,
    LOCATION,
    OUTER_ID,
    PRICE,
    PROV,
    QUANTITY,
    SALE_ALIAS,
    SALE_CUSTOM,
    SALE_PROP,
    SALE_VALUE,
    SELL_POINT,
    SHOP_CATS,
    SKU,
    SKU_OUTER_ID,
    SKU_PRICE,
    SKU_PROPS,
    SKU_STOCK,
    START_INSTOCK,
    START_NOW,
    START_TIME,
    START_TIMED,
    STUFF_STATUS,
    STUFF_VALUES,
    TEMPLATE,
    TITLE,
    WIRELESS_DESC,
    image_field_id,
    input_field_id,
    prop_field_id,
)
from app.simulator.schema_model import SField, Value
from app.simulator.state import Item

# item.add parameter named in an item-centre error → the schema field to name instead.
PARAM_FIELDS: dict[str, str] = {
    "title": TITLE, "price": PRICE, "num": QUANTITY, "outer_id": OUTER_ID, "desc": DESC,
    "sell_point": SELL_POINT, "props": CAT_PROP, "input_pids": CAT_PROP, "input_str": CAT_PROP,
    "input_custom_cpv": SALE_PROP, "property_alias": SALE_PROP, "sku_properties": SKU,
    "sku_quantities": SKU, "sku_prices": SKU, "sku_outer_ids": SKU, "pic_path": IMAGES,
    "location.state": LOCATION, "location.city": LOCATION, "list_time": LIST_TIME,
    "seller_cids": SHOP_CATS, "freight_payer": FREIGHT, "postage_id": FREIGHT,
    "wireless_desc": WIRELESS_DESC, "stuff_status": STUFF_STATUS, "cid": "cat_id",
}
_RENAMED = ("isv.invalid-parameter:", "isv.missing-parameter:", "isv.forbidden-word:")


def remap(error: ApiError) -> ApiError:
    """The same error with the schema field id in its sub_code (item-centre codes are kept)."""
    sub = error.sub_code or ""
    for prefix in _RENAMED:
        name = sub.removeprefix(prefix)
        if sub.startswith(prefix) and name in PARAM_FIELDS:
            code = 15 if error.code == 40 else error.code
            return ApiError(code, None, prefix.replace("missing", "invalid") + PARAM_FIELDS[name],
                            error.sub_msg)
    return error


@dataclass
class ItemParams:
    """item.add parameters and the extra pictures (``images_1`` …) of a filled schema."""

    params: dict[str, str] = field(default_factory=dict)
    extra_images: list[str] = field(default_factory=list)


def _text(values: Mapping[str, Value], key: str) -> str | None:
    value = values.get(key)
    return value.strip() or None if isinstance(value, str) else None


def _cat_props(fields: SField | None, cat: Mapping[str, Value], scope: Scope
               ) -> tuple[list[str], list[tuple[str, str]]]:
    pairs: list[str] = []
    typed: list[tuple[str, str]] = []
    for child in fields.children if fields else ():
        value = cat.get(child.id)
        if not child.id.startswith("p-") or value in (None, "", []) or is_disabled(child, scope):
            continue
        pid = child.id.removeprefix("p-")
        if child.type == "input":
            typed.append((pid, str(value)))
        elif child.type == "singleCheck" and value == CUSTOM_INPUT:
            typed.append((pid, str(cat.get(input_field_id(int(pid))) or "")))
        elif isinstance(value, list):
            pairs.extend(f"{pid}:{v}" for v in value)
        else:
            pairs.append(f"{pid}:{value}")
    return pairs, typed


def _sale(sale: Mapping[str, Value]) -> tuple[list[str], list[str], list[str]]:
    pairs: list[str] = []
    aliases: list[str] = []
    custom: list[str] = []
    for key, entries in sale.items():
        pid = key.removeprefix("p-")
        for entry in entries:  # checked: a custom value has its name, a listed one no custom
            vid = str(entry.get(SALE_VALUE, ""))
            pairs.append(f"{pid}:{vid}")
            if vid.startswith("-"):
                custom.append(f"{pid}:{vid}:{str(entry.get(SALE_CUSTOM) or '').strip()}")
            elif name := str(entry.get(SALE_ALIAS) or "").strip():
                aliases.append(f"{pid}:{vid}:{name}")
    return pairs, aliases, custom


def _skus(entries: list[dict[str, Value]], params: dict[str, str]) -> None:
    if not entries:
        return
    props = [";".join(f"{k.removeprefix('p-')}:{v}" for k, v in e.get(SKU_PROPS, {}).items())
             for e in entries]
    params["sku_properties"] = ",".join(props)
    params["sku_quantities"] = ",".join(str(e.get(SKU_STOCK, "")) for e in entries)
    params["sku_prices"] = ",".join(str(e.get(SKU_PRICE, "")) for e in entries)
    outer = [str(e.get(SKU_OUTER_ID) or "") for e in entries]
    if any(outer):
        params["sku_outer_ids"] = ",".join(outer)


def to_item_params(cid: int, fields: tuple[SField, ...], values: Mapping[str, Value]
                   ) -> ItemParams:
    """item.add parameters of a checked, filled schema."""
    scope = Scope([values])
    out = ItemParams({"cid": str(cid), "type": "fixed"})
    p = out.params
    p["stuff_status"] = STUFF_VALUES.get(str(values.get(STUFF_STATUS) or "5"), "new")
    for key, name in ((TITLE, "title"), (SELL_POINT, "sell_point"), (PRICE, "price"),
                      (QUANTITY, "num"), (OUTER_ID, "outer_id"), (DESC, "desc"),
                      (WIRELESS_DESC, "wireless_desc")):
        if (text := _text(values, key)) is not None:
            p[name] = text
    location = values.get(LOCATION) or {}
    p["location.state"] = str(location.get(PROV, ""))
    p["location.city"] = str(location.get(CITY, ""))
    start = str(values.get(START_TIME) or START_NOW)
    if start == START_INSTOCK:
        p["approve_status"] = "instock"
    elif start == START_TIMED and (when := _text(values, LIST_TIME)):
        p["list_time"] = when
    if shop_cats := values.get(SHOP_CATS):
        p["seller_cids"] = ",".join(shop_cats)
    freight = values.get(FREIGHT) or {}
    if freight:
        p["freight_payer"] = str(freight.get(FREIGHT_PAYER) or "seller")
        if p["freight_payer"] == "buyer":
            if template := _text(freight, TEMPLATE):
                p["postage_id"] = template
            for fid, name in FEES.items():
                if fee := _text(freight, fid):
                    p[name] = fee
    cat_field = next((f for f in fields if f.id == CAT_PROP), None)
    cat = values.get(CAT_PROP) or {}
    pairs, typed = _cat_props(cat_field, cat, scope.inner(cat))
    sale_pairs, aliases, custom = _sale(values.get(SALE_PROP) or {})
    if pairs or sale_pairs:
        p["props"] = ";".join(pairs + sale_pairs)
    if typed:
        p["input_pids"] = ",".join(pid for pid, _ in typed)
        p["input_str"] = ",".join(text for _, text in typed)
    if aliases:
        p["property_alias"] = ";".join(aliases)
    if custom:
        p["input_custom_cpv"] = ";".join(custom) + ";"
    _skus(values.get(SKU) or [], p)
    images = values.get(IMAGES) or {}
    if main := _text(images, image_field_id(0)):
        p["pic_path"] = main
    out.extra_images = [url for n in range(1, IMAGE_COUNT)
                        if (url := _text(images, image_field_id(n)))]
    return out


# -- an item as schema values (edit.schema.get) ---------------------------------------------
def _split(text: str, sep: str) -> list[str]:
    return [part for part in text.split(sep) if part.strip()]


def _prop_values(item: Item, props: dict[int, Prop]) -> tuple[dict[str, Value], dict[str, Value]]:
    cat: dict[str, Value] = {}
    sale: dict[str, list[dict[str, Value]]] = {}
    names = {tuple(e.split(":", 2)[:2]): e.split(":", 2)[2]
             for e in _split(item.extra.get("property_alias", ""), ";")
             + _split(item.extra.get("input_custom_cpv", ""), ";") if e.count(":") >= 2}
    for pair in _split(item.extra.get("props", ""), ";"):
        pid_text, _, vid = pair.partition(":")
        prop = props.get(int(pid_text))
        if prop is None:
            continue
        if prop.is_sale_prop:
            entry: dict[str, Value] = {SALE_VALUE: vid}
            if (pid_text, vid) in names:
                entry[SALE_CUSTOM if vid.startswith("-") else SALE_ALIAS] = names[(pid_text, vid)]
            sale.setdefault(prop_field_id(prop.pid), []).append(entry)
        elif prop.multi:
            cat.setdefault(prop_field_id(prop.pid), []).append(vid)
        else:
            cat[prop_field_id(prop.pid)] = vid
    typed = zip(_split(item.extra.get("input_pids", ""), ","),
                item.extra.get("input_str", "").split(","), strict=False)
    for pid_text, text in typed:
        prop = props.get(int(pid_text))
        if prop is not None and prop.is_enum_prop:
            cat[prop_field_id(prop.pid)] = CUSTOM_INPUT
            cat[input_field_id(prop.pid)] = text
        elif prop is not None:
            cat[prop_field_id(prop.pid)] = text
    return cat, dict(sale)


def item_values(item: Item) -> dict[str, Value]:
    """An item's current values, by schema field id."""
    props = {p.pid: p for p in props_of(item.cid)}
    cat, sale = _prop_values(item, props)
    values: dict[str, Value] = {
        STUFF_STATUS: "6" if item.stuff_status == "second" else "5", TITLE: item.title,
        PRICE: f"{item.price:.2f}", QUANTITY: str(item.num), DESC: item.desc,
        LOCATION: {PROV: item.location_state, CITY: item.location_city},
        START_TIME: START_INSTOCK if item.approve_status == "instock" else START_NOW,
        CAT_PROP: cat, SALE_PROP: sale,
    }
    if item.outer_id:
        values[OUTER_ID] = item.outer_id
    for key, name in ((SELL_POINT, "sell_point"), (WIRELESS_DESC, "wireless_desc")):
        if item.extra.get(name):
            values[key] = item.extra[name]
    if item.extra.get("seller_cids"):
        values[SHOP_CATS] = _split(item.extra["seller_cids"], ",")
    if item.extra.get("list_time") and item.approve_status != "instock":
        values[START_TIME], values[LIST_TIME] = START_TIMED, item.extra["list_time"]
    if payer := item.extra.get("freight_payer"):
        freight: dict[str, Value] = {FREIGHT_PAYER: payer}
        if item.extra.get("postage_id"):
            freight[TEMPLATE] = item.extra["postage_id"]
        freight.update({fid: item.extra[name] for fid, name in FEES.items()
                        if item.extra.get(name)})
        values[FREIGHT] = freight
    images = {image_field_id(0): item.pic_path} if item.pic_path else {}
    images.update({image_field_id(img.position): img.url for img in item.images
                   if 0 < img.position < IMAGE_COUNT})
    values[IMAGES] = images
    if item.skus:
        values[SKU] = [{
            SKU_PROPS: {prop_field_id(int(pair.split(":")[0])): pair.split(":")[1]
                        for pair in sku.properties.split(";")},
            SKU_PRICE: f"{sku.price:.2f}", SKU_STOCK: str(sku.quantity),
            **({SKU_OUTER_ID: sku.outer_id} if sku.outer_id else {}),
        } for sku in item.skus]
    return values
