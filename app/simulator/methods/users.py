"""taobao.user.seller.get: who the session's shop is (its nick and numeric user id)."""

from __future__ import annotations

from typing import Any

from app.simulator.errors import missing
from app.simulator.methods.base import CallContext
from app.simulator.rules import optional

# Fields this simulator knows for a seller (others asked for are ignored, like the real API).
SELLER_FIELDS = ("user_id", "nick", "type", "has_shop", "status")


def user_seller_get(ctx: CallContext) -> dict[str, Any]:
    """The seller the session belongs to; ``fields`` is required (code 40 without it)."""
    fields_text = optional(ctx.params, "fields")
    if fields_text is None:
        raise missing("fields")
    nick = ctx.shop
    full: dict[str, Any] = {
        "user_id": int(ctx.state.user_id(nick)), "nick": nick, "type": "C", "has_shop": True,
        "status": "normal",
    }
    wanted = [f.strip() for f in fields_text.split(",") if f.strip() in SELLER_FIELDS]
    return {"user": {f: full[f] for f in wanted}}
