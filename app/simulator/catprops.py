"""Category properties as the item centre knows them (taobao-props.md §3): the model and lookups.

The data per leaf is in ``catprops_data.py``. A property answers ``itemprops.get`` with the
field names of the real API; ``item.add`` checks ``props``/SKUs against it (``props.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# When the leaves' properties last changed (itemprops.get / itempropvalues.get ``last_modified``).
PROPS_LAST_MODIFIED = "2025-10-20 04:00:00"


@dataclass(frozen=True)
class Value:
    vid: int
    name: str
    name_alias: str = ""
    is_parent: bool = False
    status: str = "normal"


@dataclass(frozen=True)
class Prop:
    pid: int
    name: str
    must: bool = False
    multi: bool = False
    is_key_prop: bool = False
    is_sale_prop: bool = False
    is_color_prop: bool = False
    is_enum_prop: bool = True
    is_input_prop: bool = False
    is_allow_alias: bool = False
    is_item_prop: bool = True
    is_material: bool = False
    parent_pid: int = 0
    parent_vid: int = 0
    values: tuple[Value, ...] = ()

    def value(self, vid: int) -> Value | None:
        for value in self.values:
            if value.vid == vid:
                return value
        return None

    @property
    def typeable(self) -> bool:
        """A value may be typed (``input_pids``): free-text props and enumerable-yet-input ones."""
        return self.is_input_prop or not self.is_enum_prop

    def value_json(self, value: Value, cid: int) -> dict[str, Any]:
        return {
            "cid": cid, "pid": self.pid, "prop_name": self.name, "vid": value.vid,
            "name": value.name, "name_alias": value.name_alias, "is_parent": value.is_parent,
            "status": value.status, "sort_order": self.values.index(value) + 1,
        }

    def to_json(self, cid: int, sort_order: int) -> dict[str, Any]:
        """Every field itemprops.get can return for this prop (the caller picks ``fields``)."""
        values = [self.value_json(v, cid) for v in self.values]
        return {
            "pid": self.pid, "name": self.name, "must": self.must, "multi": self.multi,
            "is_key_prop": self.is_key_prop, "is_sale_prop": self.is_sale_prop,
            "is_color_prop": self.is_color_prop, "is_enum_prop": self.is_enum_prop,
            "is_input_prop": self.is_input_prop, "is_allow_alias": self.is_allow_alias,
            "is_item_prop": self.is_item_prop, "is_material": self.is_material,
            "is_taosir": False, "parent_pid": self.parent_pid, "parent_vid": self.parent_vid,
            "child_template": "", "status": "normal", "sort_order": sort_order,
            "prop_values": {"prop_value": values} if values else None,
        }


def props_of(cid: int) -> tuple[Prop, ...]:
    """Every property of a leaf (top-level and child props); empty for an unknown cid."""
    from app.simulator.catprops_data import LEAF_PROPS

    return LEAF_PROPS.get(cid, ())


def prop_of(cid: int, pid: int) -> Prop | None:
    for prop in props_of(cid):
        if prop.pid == pid:
            return prop
    return None
