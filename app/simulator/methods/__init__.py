"""The TOP methods the simulator implements, by name."""

from __future__ import annotations

from app.simulator.methods.base import CallContext, MethodSpec
from app.simulator.methods.catalog import itemcats_authorize_get, itemcats_get
from app.simulator.methods.itemprops import itemprops_get, itempropvalues_get
from app.simulator.methods.items import (
    item_add,
    item_price_update,
    item_quantity_update,
    items_custom_get,
)
from app.simulator.methods.picture_space import picture_userinfo_get
from app.simulator.methods.pictures import item_img_upload, item_joint_img, picture_upload
from app.simulator.methods.propimg import item_joint_propimg
from app.simulator.methods.users import user_seller_get

METHODS: dict[str, MethodSpec] = {
    "taobao.item.add": MethodSpec(item_add, needs_session=True, write=True),
    "taobao.picture.upload": MethodSpec(picture_upload, needs_session=True, write=True),
    "taobao.item.img.upload": MethodSpec(item_img_upload, needs_session=True, write=True),
    "taobao.item.joint.img": MethodSpec(item_joint_img, needs_session=True, write=True),
    "taobao.item.quantity.update": MethodSpec(item_quantity_update, needs_session=True, write=True),
    "taobao.item.price.update": MethodSpec(item_price_update, needs_session=True, write=True),
    "taobao.items.custom.get": MethodSpec(items_custom_get, needs_session=True, write=False),
    "taobao.itemcats.get": MethodSpec(itemcats_get, needs_session=False, write=False),
    # Category data (taobao-props.md §2–§3); session not required (unverified), ignored if sent.
    "taobao.itemcats.authorize.get": MethodSpec(
        itemcats_authorize_get, needs_session=True, write=False),
    "taobao.itemprops.get": MethodSpec(itemprops_get, needs_session=False, write=False),
    "taobao.itempropvalues.get": MethodSpec(itempropvalues_get, needs_session=False, write=False),
    "taobao.item.joint.propimg": MethodSpec(item_joint_propimg, needs_session=True, write=True),
    "taobao.picture.userinfo.get": MethodSpec(
        picture_userinfo_get, needs_session=True, write=False),
    "taobao.user.seller.get": MethodSpec(user_seller_get, needs_session=True, write=False),
}

__all__ = ["METHODS", "CallContext", "MethodSpec"]
