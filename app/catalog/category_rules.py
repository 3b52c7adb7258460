"""A leaf category's rules: its properties, their flags and values (pure, JSON round-trip).

One shape whatever the source (``taobao.itemprops.get`` today, the schema publish API later).
Colour and size are found by the flags (taobao-props.md §3), never by the names, which differ by
leaf (1627207 is 颜色分类, 主要颜色 or 颜色). A value is found by name in the doc's order: exact
name, then ``name_alias``, then one "/"-part of the name (耐克/Nike); near-duplicates are never
folded (XXL ≠ 2XL, 浅灰色 ≠ 灰色); a part shared by two values finds neither, and measures
(165/88A: every part starts with a digit) are not split.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

SEASON_PID = 122216347  # 年份/季节: a 季节 or 适用季节 column maps here (§5)
SEASON_HEADERS = frozenset({"季节", "适用季节"})
SIZE_MARKS = ("码", "尺寸")
FORMAT_VERSION = 1
KEYS_REMEMBERED = 1 << 16  # value names and headers: the same few thousand in every leaf


@lru_cache(maxsize=KEYS_REMEMBERED)
def value_key(text: str) -> str:
    """How value names compare: width and case folded, outer spaces dropped, inner kept once."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@lru_cache(maxsize=KEYS_REMEMBERED)
def header_key(text: str) -> str:
    """How a column header compares to a prop name: no spaces or punctuation (年份/季节 =
    年份季节 = 年份 季节)."""
    norm = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in norm if ch.isalnum())


@dataclass(frozen=True)
class PropValue:
    vid: int
    name: str
    alias: str = ""
    is_parent: bool = False  # child props hang under this value


@dataclass(frozen=True)
class CategoryProp:
    """One property with its flags. ``enum`` false = free text (货号); ``input_allowed`` = listed
    yet typeable (品牌). Child props name their parent with ``parent_pid``/``parent_vid``."""

    pid: int
    name: str
    required: bool = False
    multi: bool = False
    sale: bool = False
    colour: bool = False
    enum: bool = True
    input_allowed: bool = False
    alias_allowed: bool = False
    key: bool = False
    material: bool = False
    parent_pid: int = 0
    parent_vid: int = 0
    values: tuple[PropValue, ...] = ()

    @property
    def typeable(self) -> bool:
        """A value may be typed (sent in ``input_pids``/``input_str``)."""
        return self.input_allowed or not self.enum

    def value(self, vid: int) -> PropValue | None:
        return self._by_vid.get(vid)

    @cached_property
    def _by_vid(self) -> dict[int, PropValue]:
        return {v.vid: v for v in self.values}

    @cached_property
    def _indexes(self) -> tuple[dict[str, PropValue], dict[str, PropValue], dict[str, PropValue]]:
        names: dict[str, PropValue] = {}
        aliases: dict[str, PropValue] = {}
        parts: dict[str, PropValue] = {}
        shared: set[str] = set()  # a part two values have finds neither
        for value in self.values:
            name = value.name
            whole = value_key(name)
            names.setdefault(whole, value)
            if value.alias:
                aliases.setdefault(value_key(value.alias), value)
            if "/" not in name:
                continue
            pieces = name.split("/")
            if all(p.strip()[:1].isdigit() for p in pieces):
                continue  # a measure (165/88A), not two names for one thing
            for part in pieces:
                key = value_key(part)
                if key and key != whole:
                    first = parts.setdefault(key, value)
                    if first is not value and first != value:
                        shared.add(key)
        for key in shared:
            del parts[key]
        return names, aliases, parts

    def value_by_name(self, text: str) -> PropValue | None:
        """Exact name, else ``name_alias``, else one "/"-part of a name (only if one value has
        it); None when nothing fits."""
        key = value_key(text)
        names, aliases, parts = self._indexes
        return names.get(key) or aliases.get(key) or parts.get(key)


@dataclass(frozen=True)
class CategoryRules:
    cid: int
    props: tuple[CategoryProp, ...]
    source: str = "taobao.itemprops.get"
    last_modified: str = ""
    unfetched: tuple[str, ...] = ()  # child paths (pid:vid;…) not read (call budget)

    def prop(self, pid: int) -> CategoryProp | None:
        return self._by_pid.get(pid)

    @cached_property
    def derived(self) -> dict[object, Any]:
        """What other layers work out from these rules, kept with them (`app.catalog.compose`
        keeps its `LeafIndex` here). The rules are frozen, so it never goes stale: rules read
        or fetched again are new objects, with nothing derived yet."""
        return {}

    @cached_property
    def _by_pid(self) -> dict[int, CategoryProp]:
        found: dict[int, CategoryProp] = {}
        for p in self.props:
            found.setdefault(p.pid, p)
        return found

    @property
    def top_props(self) -> list[CategoryProp]:
        return [p for p in self.props if not p.parent_pid]

    @property
    def required_props(self) -> list[CategoryProp]:
        return [p for p in self.top_props if p.required]

    @property
    def sale_props(self) -> list[CategoryProp]:
        return [p for p in self.props if p.sale]

    @property
    def colour_prop(self) -> CategoryProp | None:
        """The sale prop flagged as colour (``is_color_prop``)."""
        return next((p for p in self.sale_props if p.colour), None)

    @property
    def size_prop(self) -> CategoryProp | None:
        """The other sale prop whose name holds 码 or 尺寸 (§3); None if there is none."""
        return next((p for p in self.sale_props
                     if not p.colour and any(m in p.name for m in SIZE_MARKS)), None)

    def children(self, pid: int, vid: int) -> list[CategoryProp]:
        """Props shown under value ``vid`` of prop ``pid``."""
        return [p for p in self.props if (p.parent_pid, p.parent_vid) == (pid, vid)]

    def prop_by_header(self, header: str) -> CategoryProp | None:
        """The prop a sheet column means: its name ignoring spaces and punctuation; a colour or
        size header finds the flagged prop whatever its name here; 季节/适用季节 → 年份/季节."""
        key = header_key(header)
        if not key:
            return None
        for prop in self.props:
            if header_key(prop.name) == key:
                return prop
        if key in SEASON_HEADERS:
            return self.prop(SEASON_PID)
        if "颜色" in key and self.colour_prop is not None:
            return self.colour_prop
        if any(m in key for m in SIZE_MARKS) and self.size_prop is not None:
            return self.size_prop
        return None

    # -- JSON ---------------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {
            "version": FORMAT_VERSION, "cid": self.cid, "source": self.source,
            "last_modified": self.last_modified, "unfetched": list(self.unfetched),
            "props": [_prop_json(p) for p in self.props],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], shared: SharedProps | None = None) -> CategoryRules:
        """The rules saved by `to_json`. ``shared``: props already read (by the same reader)
        are reused when equal, built and indexed by name once (see `SharedProps`)."""
        if data.get("version") != FORMAT_VERSION:
            raise ValueError(f"unknown rules format {data.get('version')!r}")
        known = shared if shared is not None else {}
        return cls(
            cid=int(data["cid"]), source=str(data.get("source", "")),
            last_modified=str(data.get("last_modified", "")),
            unfetched=tuple(str(x) for x in data.get("unfetched", ())),
            props=tuple(_prop_from(p, known) for p in data["props"]),
        )


_FLAGS = ("required", "multi", "sale", "colour", "input_allowed", "alias_allowed", "key",
          "material")


def _prop_json(p: CategoryProp) -> dict[str, Any]:
    out: dict[str, Any] = {"pid": p.pid, "name": p.name}
    out.update({flag: True for flag in _FLAGS if getattr(p, flag)})
    if not p.enum:
        out["enum"] = False
    if p.parent_pid:
        out["parent"] = [p.parent_pid, p.parent_vid]
    if p.values:
        out["values"] = [[v.vid, v.name, v.alias, v.is_parent] for v in p.values]
    return out


# Props read, by everything they hold: the leaves of a shop share most of their lists (the
# standard colours, a 品牌 list of thousands), so a reader of many leaves builds each list, and
# its index by name, once. Props are frozen: sharing one is the same as holding two equal ones.
SharedProps = dict[tuple[Any, ...], CategoryProp]


def _prop_from(d: dict[str, Any], shared: SharedProps) -> CategoryProp:
    parent = d.get("parent") or [0, 0]
    values = tuple((int(v[0]), str(v[1]), str(v[2]), bool(v[3])) for v in d.get("values", ()))
    flags = tuple(bool(d.get(flag, False)) for flag in _FLAGS)
    key = (int(d["pid"]), str(d["name"]), bool(d.get("enum", True)), int(parent[0]),
           int(parent[1]), flags, values)
    prop = shared.get(key)
    if prop is None:
        pid, name, enum, parent_pid, parent_vid = key[:5]
        prop = shared[key] = CategoryProp(
            pid=pid, name=name, enum=enum, parent_pid=parent_pid, parent_vid=parent_vid,
            values=tuple(PropValue(*v) for v in values), **dict(zip(_FLAGS, flags, strict=True)))
    return prop
