"""The TOP methods the simulator implements, by name."""

from __future__ import annotations

from app.simulator.methods.base import CallContext, MethodSpec
from app.simulator.methods.catalog import itemcats_authorize_get, itemcats_get
from app.simulator.methods.edit import edit_fastupdate, edit_schema_get, edit_submit
from app.simulator.methods.itemprops import itemprops_get, itempropvalues_get
from app.simulator.methods.items import (
    item_add,
    item_price_update,
    item_quantity_update,
    items_custom_get,
)
from app.simulator.methods.operate import (
    operate_delete,
    operate_downshelf,
    operate_upshelf,
    update_delisting,
    update_listing,
)
from app.simulator.methods.picture_space import picture_userinfo_get
from app.simulator.methods.pictures import item_img_upload, item_joint_img, picture_upload
from app.simulator.methods.propimg import item_joint_propimg
from app.simulator.methods.publish import (
    publish_market_get,
    publish_props_get,
    publish_schema_get,
    publish_submit,
)
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
    # Schema publishing and editing (taobao-props.md §7), taking items down and back up.
    "alibaba.item.publish.market.get": MethodSpec(
        publish_market_get, needs_session=True, write=False),
    "alibaba.item.publish.schema.get": MethodSpec(
        publish_schema_get, needs_session=True, write=False),
    "alibaba.item.publish.props.get": MethodSpec(
        publish_props_get, needs_session=True, write=False),
    "alibaba.item.publish.submit": MethodSpec(publish_submit, needs_session=True, write=True),
    "alibaba.item.edit.schema.get": MethodSpec(edit_schema_get, needs_session=True, write=False),
    "alibaba.item.edit.submit": MethodSpec(edit_submit, needs_session=True, write=True),
    "alibaba.item.edit.fastupdate": MethodSpec(edit_fastupdate, needs_session=True, write=True),
    "alibaba.item.operate.upshelf": MethodSpec(operate_upshelf, needs_session=True, write=True),
    "alibaba.item.operate.downshelf": MethodSpec(
        operate_downshelf, needs_session=True, write=True),
    "alibaba.item.operate.delete": MethodSpec(operate_delete, needs_session=True, write=True),
    "taobao.item.update.delisting": MethodSpec(update_delisting, needs_session=True, write=True),
    "taobao.item.update.listing": MethodSpec(update_listing, needs_session=True, write=True),
}
# Methods that create an item: a create_then_drop fault (random or scripted) applies to them.
CREATING = frozenset({"taobao.item.add", "alibaba.item.publish.submit"})

__all__ = ["CREATING", "METHODS", "CallContext", "MethodSpec"]
