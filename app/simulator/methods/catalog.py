"""taobao.itemcats.get over the built-in category tree."""

from __future__ import annotations

from typing import Any

from app.simulator import categories
from app.simulator.errors import bad_type, missing
from app.simulator.methods.base import CallContext
from app.simulator.rules import optional, parse_int

DEFAULT_FIELDS = ("cid", "parent_cid", "name", "is_parent")


def itemcats_get(ctx: CallContext) -> dict[str, Any]:
    """Categories by ``cids`` (comma list) or children of ``parent_cid`` (0 = top level)."""
    cids_text = optional(ctx.params, "cids")
    parent_text = optional(ctx.params, "parent_cid")
    fields_text = optional(ctx.params, "fields")
    fields = [f.strip() for f in fields_text.split(",")] if fields_text else list(DEFAULT_FIELDS)
    if cids_text is not None:
        cids = [parse_int("cids", c) for c in cids_text.split(",") if c.strip()]
        if len(cids) > 1000:
            raise bad_type("cids", f"cids 最多 1000 个，收到 {len(cids)} 个")
        found = [cat for cid in cids if (cat := categories.get(cid)) is not None]
    elif parent_text is not None:
        found = categories.children(parse_int("parent_cid", parent_text))
    else:
        raise missing("cids")
    rows = []
    for cat in found:
        full = {
            "cid": cat.cid, "parent_cid": cat.parent_cid, "name": cat.name,
            "is_parent": cat.is_parent, "status": "normal", "sort_order": 0,
        }
        rows.append({key: full[key] for key in fields if key in full})
    return {"item_cats": {"item_cat": rows}} if rows else {}
