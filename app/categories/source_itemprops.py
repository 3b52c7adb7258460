"""Category data through ``taobao.itemcats.get``, ``taobao.itemprops.get`` and
``taobao.itempropvalues.get`` (taobao-props.md §2–§3).

A leaf's rules cost 2 calls (props with their flags; then every value of the enumerable props in
one ``itempropvalues.get``) plus one ``itemprops.get`` per value that has sub-props
(``child_path``, values included), at most ``max_child_calls`` of them; paths left unread are
listed in ``CategoryRules.unfetched``. Withdrawn props and values (``status`` deleted) are
dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from app.catalog.categories import CategoryNode
from app.catalog.category_rules import CategoryProp, CategoryRules, PropValue
from app.top.calls import ItemCat, Listed
from app.top.response import unwrap_list

MAX_CHILD_CALLS = 30
SOURCE_NAME = "taobao.itemprops.get"


class CategoryClient(Protocol):
    def item_cats(self, *, parent_cid: int | None = None,
                  cids: Sequence[int] = ()) -> list[ItemCat]: ...

    def item_props(self, cid: int, *, child_path: str | None = None,
                   with_values: bool = False) -> Listed: ...

    def item_prop_values(self, cid: int, pids: Sequence[int]) -> Listed: ...


def _flag(row: Mapping[str, Any], key: str, default: bool = False) -> bool:
    value = row.get(key, default)
    return value is True or str(value).lower() == "true"


def _int(row: Mapping[str, Any], key: str) -> int:
    try:
        return int(row.get(key) or 0)
    except (TypeError, ValueError):
        return 0


def node_of(cat: ItemCat) -> CategoryNode:
    return CategoryNode(cat.cid, cat.parent_cid, cat.name, cat.is_parent, cat.status,
                        cat.sort_order, dict(cat.features))


def _values(rows: Sequence[Mapping[str, Any]]) -> dict[int, list[PropValue]]:
    by_pid: dict[int, list[tuple[int, PropValue]]] = {}
    for row in rows:
        if str(row.get("status") or "normal") != "normal":
            continue
        value = PropValue(_int(row, "vid"), str(row.get("name", "")),
                          str(row.get("name_alias") or ""), _flag(row, "is_parent"))
        by_pid.setdefault(_int(row, "pid"), []).append((_int(row, "sort_order"), value))
    return {pid: [v for _o, v in sorted(pairs, key=lambda p: p[0])]
            for pid, pairs in by_pid.items()}


def _prop(
    row: Mapping[str, Any], values: Sequence[PropValue], parent: tuple[int, int],
) -> CategoryProp:
    parent_pid = _int(row, "parent_pid") or parent[0]
    parent_vid = _int(row, "parent_vid") or parent[1]
    return CategoryProp(
        pid=_int(row, "pid"), name=str(row.get("name", "")), required=_flag(row, "must"),
        multi=_flag(row, "multi"), sale=_flag(row, "is_sale_prop"),
        colour=_flag(row, "is_color_prop"), enum=_flag(row, "is_enum_prop", True),
        input_allowed=_flag(row, "is_input_prop"), alias_allowed=_flag(row, "is_allow_alias"),
        key=_flag(row, "is_key_prop"), material=_flag(row, "is_material"),
        parent_pid=parent_pid, parent_vid=parent_vid, values=tuple(values),
    )


def _live(rows: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [r for r in rows if str(r.get("status") or "normal") == "normal"]


class TreeCalls:
    """The category tree through ``taobao.itemcats.get``, counting calls: both rules sources
    read the tree this way (the schema API has no tree of its own)."""

    client: Any
    calls: int

    def children(self, parent_cid: int) -> list[CategoryNode]:
        self.calls += 1
        return [node_of(c) for c in self.client.item_cats(parent_cid=parent_cid)]

    def leaves(self, cids: Sequence[int]) -> list[CategoryNode]:
        wanted = list(dict.fromkeys(cids))
        if not wanted:
            return []
        self.calls += -(-len(wanted) // 999)
        return [node_of(c) for c in self.client.item_cats(cids=wanted)]


class ItemPropsSource(TreeCalls):
    """`RulesSource` over the classic APIs; ``client`` is a `TopClient` (or anything with the
    category calls)."""

    name = SOURCE_NAME

    def __init__(self, client: CategoryClient, *, max_child_calls: int = MAX_CHILD_CALLS) -> None:
        self.client = client
        self.max_child_calls = max_child_calls
        self.calls = 0

    def fetch_rules(self, cid: int) -> CategoryRules:
        self.calls += 1
        top = self.client.item_props(cid)
        rows = _live(top.rows)
        enum_pids = [_int(r, "pid") for r in rows if _flag(r, "is_enum_prop", True)]
        values: dict[int, list[PropValue]] = {}
        if enum_pids:
            self.calls += 1
            values = _values(self.client.item_prop_values(cid, enum_pids).rows)
        props = [_prop(r, values.get(_int(r, "pid"), ()), (0, 0)) for r in rows]
        unfetched = self._children(cid, props)
        return CategoryRules(cid, tuple(props), SOURCE_NAME, top.last_modified, tuple(unfetched))

    def _children(self, cid: int, props: list[CategoryProp]) -> list[str]:
        """Read the sub-props under every value with ``is_parent`` (breadth first, bounded);
        appends them to ``props``; returns the child paths left unread."""
        queue = [(p, v, f"{p.pid}:{v.vid}") for p in props for v in p.values if v.is_parent]
        budget = self.max_child_calls
        unread: list[str] = []
        while queue:
            prop, value, path = queue.pop(0)
            if budget <= 0:
                unread.append(path)
                continue
            budget -= 1
            self.calls += 1
            listed = self.client.item_props(cid, child_path=path, with_values=True)
            for row in _live(listed.rows):
                pid = _int(row, "pid")
                child_values = _values([{**v, "pid": pid}
                                        for v in unwrap_list(row, "prop_values", "prop_value")])
                child = _prop(row, child_values.get(pid, ()), (prop.pid, value.vid))
                props.append(child)
                queue.extend((child, v, f"{path};{child.pid}:{v.vid}")
                             for v in child.values if v.is_parent)
        return unread

