"""Picture methods: picture space uploads and an item's extra images."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from app.simulator.errors import invalid, missing
from app.simulator.images import check_image
from app.simulator.methods.base import CallContext
from app.simulator.methods.picture_space import check_space
from app.simulator.rules import not_found, optional, parse_int, required
from app.simulator.state import ItemImage, Picture, stamp

MAX_ITEM_IMAGES = 5  # main picture (position 0) + 4 extra


def _cdn_url(user_id: str, kind: str) -> str:
    """A picture URL shaped like Taobao's image CDN."""
    token = secrets.token_hex(10).upper()
    shard = secrets.randbelow(4) + 1
    return f"https://img.alicdn.com/imgextra/i{shard}/{user_id}/O1CN01{token}_!!{user_id}.{kind}"


def picture_upload(ctx: CallContext) -> dict[str, Any]:
    """taobao.picture.upload: store an image in the shop's picture space."""
    upload = ctx.files.get("img")
    if upload is None:
        raise missing("img")
    title = required(ctx.params, "image_input_title")
    category = parse_int("picture_category_id", optional(ctx.params, "picture_category_id") or "0")
    if category < 0:
        raise invalid("picture_category_id", f"图片分类 {category} 无效")
    facts = check_image(upload.data, "img")
    with ctx.state.lock:  # re-entrant: the space check and the store are one step
        check_space(ctx, facts.size)
        picture = Picture(
            picture_id=ctx.state.new_picture_id(), app_key=ctx.app_key, nick=ctx.shop,
            picture_path=_cdn_url(ctx.state.user_id(ctx.shop), facts.kind), title=title,
            category_id=category, pixel=facts.pixel, sizes=facts.size, format=facts.kind,
            sha256=hashlib.sha256(upload.data).hexdigest(), created=stamp(ctx.now),
        )
        ctx.state.pictures[picture.picture_id] = picture
    return {
        "picture": {
            "picture_id": picture.picture_id, "picture_path": picture.picture_path,
            "pixel": picture.pixel, "sizes": picture.sizes, "title": picture.title,
            "picture_category_id": picture.category_id, "created": picture.created,
            "status": "pass",
        },
    }


def store_item_image(ctx: CallContext, data: bytes) -> str:
    """Check an item image sent as a file part (code 3 if bad) and give it a CDN URL."""
    facts = check_image(data, "image")
    return _cdn_url(ctx.state.user_id(ctx.shop), facts.kind)


def _position(ctx: CallContext) -> int:
    text = optional(ctx.params, "position")
    position = parse_int("position", text) if text is not None else 1
    if not 0 <= position < MAX_ITEM_IMAGES:
        raise invalid(
            "position", f"图片位置 position={position} 无效，只能是 0 到 {MAX_ITEM_IMAGES - 1}",
        )
    return position


def _attach(ctx: CallContext, url: str) -> dict[str, Any]:
    num_iid = parse_int("num_iid", required(ctx.params, "num_iid"))
    position = _position(ctx)
    major = (optional(ctx.params, "is_major") or "false") == "true" or position == 0
    with ctx.state.lock:
        item = ctx.state.shop_item(ctx.app_key, ctx.shop, num_iid)
        if item is None:
            raise not_found(num_iid)
        if major:
            item.pic_path = url
            position = 0
        image = ItemImage(ctx.state.new_small_id(), url, position, stamp(ctx.now))
        # One image per position (1-4 extra, 0 main): a new upload replaces the old one.
        item.images = [img for img in item.images if img.position != position]
        item.images.append(image)
        item.images.sort(key=lambda img: img.position)
        item.modified = stamp(ctx.now)
    return {"item_img": {"id": image.id, "url": image.url, "position": image.position,
                         "created": image.created}}


def item_img_upload(ctx: CallContext) -> dict[str, Any]:
    """taobao.item.img.upload: an extra (or main, position 0 / is_major) image as a file."""
    required(ctx.params, "num_iid")
    upload = ctx.files.get("image")
    if upload is None:
        raise missing("image")
    return _attach(ctx, store_item_image(ctx, upload.data))


def item_joint_img(ctx: CallContext) -> dict[str, Any]:
    """taobao.item.joint.img: attach a picture-space picture to an item by its path."""
    required(ctx.params, "num_iid")
    pic_path = required(ctx.params, "pic_path")
    picture = ctx.state.find_picture(ctx.app_key, ctx.shop, pic_path)
    if picture is None:
        raise invalid("pic_path", f"图片 {pic_path} 不在当前店铺的图片空间中，请先上传图片")
    return _attach(ctx, picture.picture_path)
