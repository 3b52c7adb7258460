"""taobao.item.joint.propimg: tie a picture-space picture to one colour value of an item."""

from __future__ import annotations

import re
from typing import Any

from app.simulator.catprops import prop_of
from app.simulator.errors import invalid
from app.simulator.methods.base import CallContext
from app.simulator.rules import not_found, optional, parse_int, required
from app.simulator.state import PropImage, stamp

_PAIR_RE = re.compile(r"(\d+):(-?\d+)")


def item_joint_propimg(ctx: CallContext) -> dict[str, Any]:
    """``num_iid``, ``properties`` (one ``pid:vid`` of the item's colour prop), ``pic_path``
    (from this shop's picture space), optional ``id`` (replace that picture) and ``position``."""
    num_iid = parse_int("num_iid", required(ctx.params, "num_iid"))
    properties = required(ctx.params, "properties")
    pic_path = required(ctx.params, "pic_path")
    image_id = optional(ctx.params, "id")
    position = parse_int("position", optional(ctx.params, "position") or "0")
    if position < 0:
        raise invalid("position", f"图片位置 position={position} 无效，不能小于 0")
    match = _PAIR_RE.fullmatch(properties)
    if match is None:
        raise invalid("properties", f"属性 properties“{properties}”格式错误，应为 pid:vid")
    picture = ctx.state.find_picture(ctx.app_key, ctx.shop, pic_path)
    if picture is None:
        raise invalid("pic_path", f"图片 {pic_path} 不在当前店铺的图片空间中，请先上传图片")
    with ctx.state.lock:
        item = ctx.state.shop_item(ctx.app_key, ctx.shop, num_iid)
        if item is None:
            raise not_found(num_iid)
        prop = prop_of(item.cid, int(match.group(1)))
        if prop is None or not prop.is_color_prop:
            raise invalid("properties",
                          f"属性图片只能关联颜色属性，“{properties}”不是这个类目的颜色属性")
        pairs = (item.extra.get("props") or "").strip(";").split(";")
        if properties not in pairs:
            raise invalid("properties", f"商品 {num_iid} 的属性 props 中没有“{properties}”")
        existing = next((img for img in item.prop_imgs
                         if (image_id is not None and str(img.id) == image_id)
                         or (image_id is None and img.properties == properties)), None)
        if image_id is not None and existing is None:
            raise invalid("id", f"商品 {num_iid} 没有编号为 {image_id} 的属性图片")
        now = stamp(ctx.now)
        if existing is not None:
            existing.url, existing.properties, existing.position = (
                picture.picture_path, properties, position)
            image = existing
        else:
            image = PropImage(ctx.state.new_small_id(), properties, picture.picture_path,
                              position, now)
            item.prop_imgs.append(image)
        item.modified = now
    return {"prop_img": image.to_json()}
