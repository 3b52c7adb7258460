"""The shop's picture space: taobao.picture.userinfo.get and the full-space refusal.

Answer shape from the SDKs' ``UserInfo``: ``picture_userinfo_get_response.user_info`` with
``available_space`` (ordered + free), ``free_space``, ``order_space``, ``used_space``,
``remaining_space``, ``order_expiry_date``, ``water_mark``, all strings. The unit is not
documented: here every space is a count of bytes. Capacity: ``state.picture_space_bytes`` (all
free space, nothing ordered), set by ``set_faults(picture_space_bytes=N)``.
"""

from __future__ import annotations

from typing import Any

from app.simulator.errors import isv
from app.simulator.methods.base import CallContext

OVER_SPACE = "isv.pictureServiceClient-service-error:PICTURE_OVER_AVAILSPACE"


def check_space(ctx: CallContext, size: int) -> None:
    """Refuse an upload that does not fit in the shop's remaining picture space."""
    with ctx.state.lock:
        used = ctx.state.used_picture_space(ctx.app_key, ctx.shop)
        capacity = ctx.state.picture_space_bytes
    if used + size > capacity:
        raise isv(OVER_SPACE, f"图片空间容量不足：总容量 {capacity} 字节，已使用 {used} 字节，"
                              f"剩余 {max(0, capacity - used)} 字节，这张图片 {size} 字节")


def picture_userinfo_get(ctx: CallContext) -> dict[str, Any]:
    with ctx.state.lock:
        used = ctx.state.used_picture_space(ctx.app_key, ctx.shop)
        capacity = ctx.state.picture_space_bytes
    return {
        "user_info": {
            "available_space": str(capacity), "free_space": str(capacity), "order_space": "0",
            "used_space": str(used), "remaining_space": str(max(0, capacity - used)),
            "order_expiry_date": "", "water_mark": "",
        },
    }
