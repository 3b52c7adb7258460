"""Which changes of a listed row are not on Taobao: the journal's record of what was sent
(`app.upload.fields.sent_fields` at the create, then each edit that reached Taobao) against the
row now. Every run sends them (`app.upload.edits`) except `UNSENDABLE` ones, and names what it
did not send (Chinese, as the sheet's columns are called, with the reason).
"""

from __future__ import annotations

from collections.abc import Mapping

from app.excel.fields import BY_NAME

# Sent fields that are not a column of their own in the sheet
_OWN_LABELS = {"main_image": "主图", "extra_images": "附图", "outer_id": "商家编码",
               "location.state": "所在地", "location.city": "所在地",
               "detail_images": "详情图", "sku_images": "颜色图"}
# Changes no edit call may make to a listed item, with the reason shown for them
UNSENDABLE = {
    "cid": "已上架的商品不能用本程序换类目，请在千牛里修改，或换一个商家编码作为新商品上架",
    "type": "出售方式不能修改",
    "approve_status": "上架状态请在 上架记录 或千牛里修改",
    "list_time": "定时上架时间只在发布时有效",
}


def label(field: str) -> str:
    """The Chinese name of a sent field (the sheet's column name; the field name if unknown)."""
    if field in _OWN_LABELS:
        return _OWN_LABELS[field]
    spec = BY_NAME.get(field)
    return spec.label if spec is not None else field


def changed_fields(sent: Mapping[str, object], now: Mapping[str, object]) -> list[str]:
    """Fields whose value differs (or that exist on one side only), in the order of ``now``."""
    order = [*now, *(k for k in sent if k not in now)]
    return [k for k in order if sent.get(k) != now.get(k)]


def labels(fields: list[str]) -> tuple[str, ...]:
    """Chinese names of ``fields``, each once, in order."""
    return tuple(dict.fromkeys(label(f) for f in fields))


def unsent_text(unsent: tuple[str, ...]) -> str:
    """The sentence every surface shows for a listed row with changes Taobao lacks."""
    return f"以下修改未同步到淘宝：{'、'.join(unsent)}"
