"""taobao.itemprops.get and taobao.itempropvalues.get (taobao-props.md §3)."""

from __future__ import annotations

import re
from typing import Any

from app.simulator import categories
from app.simulator.catprops import PROPS_LAST_MODIFIED, Prop, prop_of, props_of
from app.simulator.errors import bad_type, invalid, missing
from app.simulator.methods.base import CallContext
from app.simulator.methods.catalog import field_list, wrap
from app.simulator.rules import optional, parse_int

PROP_DEFAULT_FIELDS = ("pid", "name", "must", "multi", "prop_values")
VALUE_FIELDS_MAX = 20
FLAG_FILTERS = ("is_key_prop", "is_sale_prop", "is_color_prop", "is_enum_prop",
                "is_input_prop", "is_item_prop")
_PAIR_RE = re.compile(r"(\d+):(\d+)")


def _leaf(ctx: CallContext) -> int:
    text = optional(ctx.params, "cid")
    if text is None:
        raise missing("cid")
    cid = parse_int("cid", text)
    category = categories.get(cid)
    if category is None:
        raise invalid("cid", f"类目 {cid} 不存在")
    if category.is_parent:
        raise invalid("cid", f"类目 {cid}（{category.name}）不是叶子类目，请选择最末级类目")
    type_text = optional(ctx.params, "type") or "1"
    if type_text not in ("1", "2"):
        raise invalid("type", f"type={type_text} 无效，只能是 1（集市）或 2（天猫）")
    return cid


def _flag(ctx: CallContext, name: str) -> bool | None:
    text = optional(ctx.params, name)
    if text is None:
        return None
    if text not in ("true", "false"):
        raise bad_type(name, f"参数 {name} 只能是 true 或 false，收到“{text}”")
    return text == "true"


def _child_path(cid: int, text: str) -> tuple[int, int] | None:
    """The last pair of a valid ``pid:vid;pid:vid`` chain, else None (no sub-props there)."""
    parent = (0, 0)
    for pair in text.strip(";").split(";"):
        match = _PAIR_RE.fullmatch(pair.strip())
        if match is None:
            raise invalid("child_path", f"child_path“{text}”格式错误，应为 pid:vid;pid:vid")
        pid, vid = int(match.group(1)), int(match.group(2))
        prop = prop_of(cid, pid)
        value = prop.value(vid) if prop is not None else None
        if prop is None or value is None or (prop.parent_pid, prop.parent_vid) != parent:
            return None
        parent = (pid, vid)
    return parent


def _selected(ctx: CallContext, cid: int) -> list[Prop]:
    pid_text = optional(ctx.params, "pid")
    parent_text = optional(ctx.params, "parent_pid")
    path_text = optional(ctx.params, "child_path")
    if pid_text is not None and parent_text is not None:
        raise invalid("pid", "pid 和 parent_pid 不能同时指定")
    props = props_of(cid)
    if pid_text is not None:
        pid = parse_int("pid", pid_text)
        chosen = [p for p in props if p.pid == pid]
    elif parent_text is not None:
        parent_pid = parse_int("parent_pid", parent_text)
        chosen = [p for p in props if p.parent_pid == parent_pid and parent_pid != 0]
    elif path_text is not None:
        parent = _child_path(cid, path_text)
        chosen = [p for p in props if parent is not None and (p.parent_pid, p.parent_vid) == parent]
    else:
        chosen = [p for p in props if p.parent_pid == 0]
    for name in FLAG_FILTERS:
        wanted = _flag(ctx, name)
        if wanted is not None:
            chosen = [p for p in chosen if getattr(p, name) == wanted]
    return chosen


def itemprops_get(ctx: CallContext) -> dict[str, Any]:
    """A leaf's properties: first level by default; one (``pid``), children (``parent_pid``),
    sub-props under a value (``child_path``); filtered by flags; only the ``fields`` asked."""
    cid = _leaf(ctx)
    fields = field_list(optional(ctx.params, "fields"), PROP_DEFAULT_FIELDS)
    order = {p.pid: n for n, p in enumerate(props_of(cid), start=1)}
    rows = []
    for prop in _selected(ctx, cid):
        full = prop.to_json(cid, order[prop.pid])
        rows.append({k: full[k] for k in fields if full.get(k) is not None})
    return {**wrap("item_props", "item_prop", rows), "last_modified": PROPS_LAST_MODIFIED}


def _parse_pvs(cid: int, text: str) -> list[tuple[Prop, int | None]]:
    """``pid1;pid2``, ``pid1:vid1;pid2:vid2`` or ``pid1;pid2:vid2`` → (prop, vid or None)."""
    wanted: list[tuple[Prop, int | None]] = []
    for part in text.strip(";").split(";"):
        pid_text, _, vid_text = part.strip().partition(":")
        if not pid_text.isdigit() or (vid_text and not vid_text.isdigit()):
            raise invalid("pvs", f"pvs“{text}”格式错误，应为 pid1;pid2 或 pid1:vid1;pid2:vid2")
        prop = prop_of(cid, int(pid_text))
        if prop is not None:
            wanted.append((prop, int(vid_text) if vid_text else None))
    return wanted


def itempropvalues_get(ctx: CallContext) -> dict[str, Any]:
    """Values of a leaf's props (all, or those named by ``pvs``), with the ``fields`` asked."""
    cid = _leaf(ctx)
    fields_text = optional(ctx.params, "fields")
    if fields_text is None:
        raise missing("fields")
    fields = field_list(fields_text, ())
    if len(fields) > VALUE_FIELDS_MAX:
        raise bad_type("fields", f"fields 最多 {VALUE_FIELDS_MAX} 个，收到 {len(fields)} 个")
    pvs = optional(ctx.params, "pvs")
    wanted = _parse_pvs(cid, pvs) if pvs is not None else [(p, None) for p in props_of(cid)]
    rows = []
    for prop, vid in wanted:
        for value in prop.values:
            if vid is None or value.vid == vid:
                full = prop.value_json(value, cid)
                rows.append({k: full[k] for k in fields if k in full})
    return {**wrap("prop_values", "prop_value", rows), "last_modified": PROPS_LAST_MODIFIED}
