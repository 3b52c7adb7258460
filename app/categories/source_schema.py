"""Category data through the schema publish API (taobao-props.md §7): the second `RulesSource`.

The tree comes from ``taobao.itemcats.get`` (still listed); a leaf's rules from ONE
``alibaba.item.publish.schema.get``: the props, values and required flags the schema states, so a
shop on the schema path is checked before upload exactly like one on item.add. What the schema
tells (and how):

- ``catProp/p-<pid>``: a category prop; ``requiredRule`` → required; ``singleCheck`` → one listed
  value, ``multiCheck`` → several (``multi``), ``input`` → free text (``enum`` false); an
  ``in-<pid>`` beside it → listed yet typeable (``input_allowed``); a ``disableRule`` "enabled
  only while ``p-<parent>`` is V" → a child prop of (parent, V), and V ``is_parent``.
- ``saleProp/p-<pid>`` (or ``sku/props/p-<pid>``): a sale prop (``sale``, ``multi``); an
  ``alias`` child → values may be renamed (``alias_allowed``); colour = pid 1627207, 31889 or
  122276380 (§3) or a name with 颜色 (no flag exists in a schema).
- Option values that are not positive numbers (the "typed" option ``-1``, custom sale values
  ``-1 …``) are placeholders, not values. ``key`` and ``material`` cannot be read from a schema.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from app.catalog.category_rules import CategoryProp, CategoryRules, PropValue
from app.categories.source_itemprops import TreeCalls
from app.top.calls import ItemCat
from app.top.schema import DEFAULT_MAP, Field, FieldMap, FieldType, Schema, SchemaError
from app.top.schema import parse_schema as parse
from app.top.schema_calls import MARKET, schema_top_error

SOURCE_NAME = "alibaba.item.publish.schema.get"
COLOUR_PIDS = frozenset({1627207, 31889, 122276380})


class SchemaClient(Protocol):
    def item_cats(self, *, parent_cid: int | None = None,
                  cids: Sequence[int] = ()) -> list[ItemCat]: ...

    def publish_schema(self, cat_id: int, *, market: str = MARKET) -> str: ...


def _values(f: Field) -> tuple[PropValue, ...]:
    return tuple(PropValue(int(o.value), o.display_name) for o in f.options
                 if o.value.isdigit() and int(o.value) > 0)


def _parent(f: Field, fmap: FieldMap) -> tuple[int, int]:
    """(parent pid, vid) when the field is enabled only while a prop holds one value."""
    for rule in f.rules_named("disableRule"):
        group = rule.depend
        if group is None or group.groups or len(group.expressions) != 1:
            continue
        express = group.expressions[0]
        pid = fmap.pid_of(express.field_id)
        if pid is not None and express.symbol == "!=" and express.value.isdigit():
            return pid, int(express.value)
    return 0, 0


def _cat_props(cat: Field, fmap: FieldMap) -> list[CategoryProp]:
    typed = {c.id for c in cat.children if c.id.startswith(fmap.input_prefix)}
    props: list[CategoryProp] = []
    for f in cat.children:
        pid = fmap.pid_of(f.id)
        if pid is None or f.type not in (FieldType.INPUT, FieldType.SINGLE_CHECK,
                                         FieldType.MULTI_CHECK):
            continue
        parent_pid, parent_vid = _parent(f, fmap)
        props.append(CategoryProp(
            pid=pid, name=f.name, required=f.required, multi=f.type is FieldType.MULTI_CHECK,
            enum=f.type is not FieldType.INPUT, input_allowed=fmap.input_id(pid) in typed,
            parent_pid=parent_pid, parent_vid=parent_vid, values=_values(f)))
    return props


def _sale_props(schema: Schema, fmap: FieldMap, known: set[int]) -> list[CategoryProp]:
    sale = fmap.sale_prop.find(schema)
    sku = fmap.sku.find(schema)
    sku_props = sku.child(fmap.sku_props) if sku is not None else None
    fields = [*(sale.children if sale is not None else ()),
              *(sku_props.children if sku_props is not None else ())]
    props: list[CategoryProp] = []
    for f in fields:
        pid = fmap.pid_of(f.id)
        if pid is None or pid in known:
            continue
        known.add(pid)
        value_field = f.child(fmap.sale_value) if f.type is FieldType.MULTI_COMPLEX else f
        props.append(CategoryProp(
            pid=pid, name=f.name, multi=True, sale=True,
            colour=pid in COLOUR_PIDS or "颜色" in f.name,
            alias_allowed=f.child(fmap.sale_alias) is not None,
            values=_values(value_field) if value_field is not None else ()))
    return props


def rules_from_schema(schema: Schema, cid: int, field_map: FieldMap = DEFAULT_MAP
                      ) -> CategoryRules:
    """A leaf's `CategoryRules` as the schema states them (pure)."""
    cat = field_map.cat_prop.find(schema)
    props = _cat_props(cat, field_map) if cat is not None else []
    props += _sale_props(schema, field_map, {p.pid for p in props})
    parents = {(p.parent_pid, p.parent_vid) for p in props if p.parent_pid}
    props = [replace(p, values=tuple(replace(v, is_parent=(p.pid, v.vid) in parents)
                                     for v in p.values)) for p in props]
    return CategoryRules(cid, tuple(props), SOURCE_NAME)


class SchemaSource(TreeCalls):
    """`RulesSource` over the schema API: a leaf's rules cost one call (no per-value calls)."""

    name = SOURCE_NAME

    def __init__(self, client: SchemaClient, *, market: str = MARKET,
                 field_map: FieldMap = DEFAULT_MAP) -> None:
        self.client = client
        self.market = market
        self.field_map = field_map
        self.calls = 0

    def fetch_rules(self, cid: int) -> CategoryRules:
        """The leaf's rules from its schema; an unusable schema is a `TopError` (row kind)."""
        self.calls += 1
        text = self.client.publish_schema(cid, market=self.market)
        try:
            return rules_from_schema(parse(text), cid, self.field_map)
        except SchemaError as error:
            raise schema_top_error(error, SOURCE_NAME) from None
