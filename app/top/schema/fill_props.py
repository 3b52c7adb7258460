"""Category properties, typed values, sale values and SKUs into the schema (taobao-props.md §4).

item.add's ``props`` pairs split in two: a sale prop's pairs (its pid has a field under
``saleProp`` or ``sku/props``) become ``saleProp/p-<pid>`` entries (``value`` = vid, ``alias`` =
its ``property_alias`` name, ``custom`` = a negative vid's ``input_custom_cpv`` name); every other
pair goes to ``catProp/p-<pid>`` (``singleCheck``: the vid; ``multiCheck``: the vids). A typed
value (``input_pids``/``input_str``) goes to ``catProp/p-<pid>`` when that field is free text,
or to ``catProp/in-<pid>`` with ``p-<pid>`` set to the "typed" option. Each SKU becomes one
``sku`` entry: ``props/p-<pid>`` per pair, ``skuPrice``, ``skuStock``, ``skuOuterId``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from app.top.schema.model import Field, FieldType, Values

if TYPE_CHECKING:
    from app.top.schema.fill import _Filler

PROP_SOURCES = ("props", "input_pids", "input_str", "property_alias", "input_custom_cpv",
                "sku_properties", "sku_quantities", "sku_prices", "sku_outer_ids")


def text_of(fields: Mapping[str, object], name: str) -> str | None:
    """A field's text, None when absent or blank."""
    value = fields.get(name)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def pairs_of(text: str) -> list[tuple[str, str]]:
    """``pid:vid;pid:vid`` → [(pid, vid)]."""
    out: list[tuple[str, str]] = []
    for part in text.split(";"):
        pid, sep, vid = part.strip().partition(":")
        if sep and pid.strip() and vid.strip():
            out.append((pid.strip(), vid.strip()))
    return out


def named_of(text: str) -> dict[tuple[str, str], str]:
    """``pid:vid:名称;…`` (property_alias, input_custom_cpv) → {(pid, vid): 名称}."""
    found: dict[tuple[str, str], str] = {}
    for part in text.split(";"):
        bits = part.strip().split(":", 2)
        if len(bits) == 3 and bits[2].strip():
            found[(bits[0].strip(), bits[1].strip())] = bits[2].strip()
    return found


def _split(text: str | None, sep: str) -> list[str]:
    return [] if text is None else [part.strip() for part in text.split(sep)]


def _sale_pids(f: _Filler, sale: Field | None, sku: Field | None) -> set[str]:
    pids = {c.id for c in sale.children} if sale is not None else set()
    props = sku.child(f.map.sku_props) if sku is not None else None
    if props is not None:
        pids |= {c.id for c in props.children}
    return pids


def fill_props(f: _Filler) -> None:
    """Props, typed values, sale values and SKUs of ``f.fields`` into ``f.values``."""
    f.used.update(PROP_SOURCES)
    m = f.map
    cat = m.cat_prop.find(f.schema)
    sale = m.sale_prop.find(f.schema)
    sku = m.sku.find(f.schema)
    sale_ids = _sale_pids(f, sale, sku)
    pairs = pairs_of(text_of(f.fields, "props") or "")
    aliases = named_of(text_of(f.fields, "property_alias") or "")
    customs = named_of(text_of(f.fields, "input_custom_cpv") or "")
    typed = list(zip(_split(text_of(f.fields, "input_pids"), ","),
                     _split(text_of(f.fields, "input_str"), ","), strict=False))
    cat_values: Values = dict(f.values.get(cat.id) or {}) if cat is not None else {}
    sale_values: Values = {}
    chosen: set[str] = set()
    for pid, vid in pairs:
        fid = m.prop_id(pid)
        if fid in sale_ids:
            entry = {m.sale_value: vid}
            if (pid, vid) in customs:
                entry[m.sale_custom] = customs[(pid, vid)]
            elif (pid, vid) in aliases:
                entry[m.sale_alias] = aliases[(pid, vid)]
            sale_values.setdefault(fid, []).append(entry)
        else:
            _cat_pair(f, cat, cat_values, chosen, (pid, vid))
    for pid, text in typed:
        _cat_typed(f, cat, cat_values, chosen, (pid, text))
    if cat is not None and (pairs or typed):
        f.values[cat.id] = cat_values
        f.explicit.update(f"{cat.id}/{key}" for key in cat_values)
        f.explicit.add(cat.id)
    if sale_values:
        if sale is None:
            f.unsent.append("props")
        else:
            f.values[sale.id] = sale_values
            f.explicit.add(sale.id)
    _skus(f, sku)


def _cat_pair(f: _Filler, cat: Field | None, values: Values, chosen: set[str],
              pair: tuple[str, str]) -> None:
    pid, vid = pair
    fid = f.map.prop_id(pid)
    target = cat.child(fid) if cat is not None else None
    if cat is None:
        f.unsent.append("props")
        return
    if target is None:
        f.issue(cat, f"{cat.id}/{fid}", f"中没有属性 {pid}（{pid}:{vid}），请检查这个类目的属性")
        return
    path = f"{cat.id}/{fid}"
    if target.type is FieldType.MULTI_CHECK:
        values[fid] = [*(values.get(fid) if fid in chosen else []), vid]
    elif target.type is FieldType.SINGLE_CHECK:
        if fid in chosen and values.get(fid) != vid:
            f.issue(target, path, "只能选一个值")
        values[fid] = vid
    else:
        f.issue(target, path, f"需要填写文字，不能选择值 {vid}")
    chosen.add(fid)


def _cat_typed(f: _Filler, cat: Field | None, values: Values, chosen: set[str],
               typed: tuple[str, str]) -> None:
    pid, text = typed
    m = f.map
    target = cat.child(m.prop_id(pid)) if cat is not None else None
    if cat is None or target is None:
        if cat is None:
            f.unsent.append("input_str")
        else:
            f.issue(cat, f"{cat.id}/{m.prop_id(pid)}", f"中没有属性 {pid}（填写的是“{text}”）")
        return
    if target.id in chosen:
        f.issue(target, f"{cat.id}/{target.id}", f"既选了列表中的值，又填写了“{text}”，只能二选一")
        return
    chosen.add(target.id)
    if target.type is FieldType.INPUT:
        values[target.id] = text
        return
    typed_field = cat.child(m.input_id(pid))
    if target.type is FieldType.SINGLE_CHECK and typed_field is not None \
            and target.has_option(m.typed_option):
        values[target.id] = m.typed_option
        values[typed_field.id] = text
        return
    f.issue(target, f"{cat.id}/{target.id}", f"只能从列表中选择，不能填写“{text}”")


def _skus(f: _Filler, sku: Field | None) -> None:
    m = f.map
    props = _split(text_of(f.fields, "sku_properties"), ",")
    if not props or props == [""]:
        return
    if sku is None:
        f.unsent.extend(("sku_properties", "sku_quantities", "sku_prices"))
        return
    quantities = _split(text_of(f.fields, "sku_quantities"), ",")
    prices = _split(text_of(f.fields, "sku_prices"), ",")
    outer_ids = _split(text_of(f.fields, "sku_outer_ids"), ",")
    entries: list[Values] = []
    for n, properties in enumerate(props):
        entry: Values = {m.sku_props: {m.prop_id(pid): vid
                                       for pid, vid in pairs_of(properties)}}
        for key, column in ((m.sku_price, prices), (m.sku_stock, quantities),
                            (m.sku_outer_id, outer_ids)):
            if n < len(column) and column[n]:
                entry[key] = column[n]
        entries.append(entry)
    f.values[sku.id] = entries
    f.explicit.add(sku.id)
