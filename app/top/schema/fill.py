"""Fill a schema from the same field dict item.add gets (`app.upload.fields.item_fields`).

So both publishers list the same product: ``title``, ``price``, ``num``, ``outer_id``, ``desc``,
``props`` (``pid:vid;…``), ``input_pids``/``input_str``, ``property_alias``,
``input_custom_cpv``, ``sku_*``, ``sell_point``, ``stuff_status``, ``approve_status``/``list_time``,
``location.*``, ``seller_cids``, freight, plus the picture-space URLs of the main and extra
pictures. Pure: no I/O. The schema's own values (an edit schema's current values, defaults) are
kept where the product says nothing. What cannot be put anywhere is named in ``Filled.unsent``
(an item.add field the schema has no place for) or ``Filled.issues`` (a value it refuses).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from app.top.schema.errors import SchemaIssue
from app.top.schema.fill_props import fill_props, text_of
from app.top.schema.mapping import DEFAULT_MAP, FieldMap, Slot, option_by_name
from app.top.schema.model import Field, FieldType, Schema, Values

# item.add fields with no schema field: the call's own parameters or implied by the schema.
IMPLIED = frozenset({"cid", "type", "pic_path"})


@dataclass
class Filled:
    values: Values
    explicit: frozenset[str] = frozenset()  # paths the product set ("title", "catProp/p-20000")
    unsent: tuple[str, ...] = ()
    issues: list[SchemaIssue] = field(default_factory=list)


class _Filler:
    def __init__(self, schema: Schema, fields: Mapping[str, object], fmap: FieldMap) -> None:
        self.schema = schema
        self.fields = fields
        self.map = fmap
        self.values: Values = schema.initial_values()
        self.explicit: set[str] = set()
        self.unsent: list[str] = []
        self.issues: list[SchemaIssue] = []
        self.used: set[str] = set(IMPLIED)

    def issue(self, f: Field, path: str, text: str) -> None:
        self.issues.append(SchemaIssue(path, f.id, f.name, "fill", f"「{f.name}」{text}"))

    def put(self, slot: Slot, value: object, *sources: str) -> Field | None:
        self.used.update(sources)
        target = slot.find(self.schema)
        if target is None:
            self.unsent.extend(s for s in sources if text_of(self.fields, s) is not None)
            return None
        self.values[target.id] = value
        self.explicit.add(target.id)
        return target

    def simple(self) -> None:
        m = self.map
        for slot, name in ((m.title, "title"), (m.sell_point, "sell_point"), (m.price, "price"),
                           (m.quantity, "num"), (m.outer_id, "outer_id"), (m.desc, "desc"),
                           (m.wireless_desc, "wireless_desc")):
            if (text := text_of(self.fields, name)) is not None:
                self.put(slot, text, name)
        if (status := text_of(self.fields, "stuff_status")) is not None:
            target = m.stuff_status.find(self.schema)
            names = [n for key, n in m.stuff_names if key == status]
            value = option_by_name(target, *names) if target is not None else None
            if target is not None and value is None:
                self.used.add("stuff_status")
                self.issue(target, target.id, f"没有“{status}”这个选项")
            else:
                self.put(m.stuff_status, value, "stuff_status")

    def shelf(self) -> None:
        m = self.map
        status = text_of(self.fields, "approve_status")
        when = text_of(self.fields, "list_time")
        target = m.start_time.find(self.schema)
        self.used.update(("approve_status", "list_time"))
        if target is None:
            self.unsent.extend(n for n, v in (("approve_status", status), ("list_time", when))
                               if v is not None and not (n == "approve_status" and v == "onsale"))
            return
        wanted = m.start_instock if status == "instock" else (
            m.start_timed if when else m.start_now)
        value = option_by_name(target, wanted)
        if value is None:
            self.issue(target, target.id, f"没有“{wanted}”这个选项")
            return
        self.put(m.start_time, value)
        if when and status != "instock":
            self.put(m.list_time, when, "list_time")

    def nested(self) -> None:
        m = self.map
        state, city = text_of(self.fields, "location.state"), text_of(self.fields, "location.city")
        if state or city:
            self.put(m.location, {k: v for k, v in ((m.prov, state), (m.city, city)) if v},
                     "location.state", "location.city")
        if (cids := text_of(self.fields, "seller_cids")) is not None:
            self.put(m.shop_cats, [c.strip() for c in cids.split(",") if c.strip()],
                     "seller_cids")
        payer = text_of(self.fields, "freight_payer")
        if payer is not None:
            freight: Values = {m.freight_payer: payer}
            if (template := text_of(self.fields, "postage_id")) is not None:
                freight[m.template] = template
            for name, fid in m.fees:
                if (fee := text_of(self.fields, name)) is not None:
                    freight[fid] = fee
            self.put(m.freight, freight, "freight_payer", "postage_id",
                     *(name for name, _ in m.fees))

    def pictures(self, pictures: Sequence[str]) -> None:
        urls = [p for p in pictures if p and p.strip()]
        if not urls and (main := text_of(self.fields, "pic_path")) is not None:
            urls = [main if "://" in main else self.map.picture_host + main.lstrip("/")]
        if not urls:
            return
        target = self.map.images.find(self.schema)
        if target is None:
            self.unsent.append("pictures")
            return
        slots = [c for c in target.children if c.type is FieldType.INPUT]
        if len(urls) > len(slots):
            self.issue(target, target.id, f"最多 {len(slots)} 张，商品有 {len(urls)} 张")
        self.put(self.map.images, {c.id: u for c, u in zip(slots, urls, strict=False)})


def fill(schema: Schema, fields: Mapping[str, object], *, pictures: Sequence[str] = (),
         field_map: FieldMap = DEFAULT_MAP) -> Filled:
    """The schema's values for one product (validate them with `validate.validate`)."""
    filler = _Filler(schema, fields, field_map)
    filler.simple()
    filler.shelf()
    filler.nested()
    filler.pictures(pictures)
    fill_props(filler)
    leftover = [name for name, value in fields.items()
                if name not in filler.used and value is not None and str(value).strip()]
    unsent = tuple(dict.fromkeys([*filler.unsent, *leftover]))
    return Filled(filler.values, frozenset(filler.explicit), unsent, filler.issues)
