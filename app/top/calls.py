"""Typed TOP calls on top of ``call()``: the few APIs the product uses, with typed answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final
from urllib.parse import urlsplit

from app.top.errors import ErrorKind, TopError
from app.top.request import FilePart
from app.top.response import unwrap_list

OUTER_ID_BATCH: Final = 40
DEFAULT_ITEM_FIELDS: Final = "num_iid,outer_id,title,num,price,approve_status"
CATEGORY_FIELDS: Final = "cid,parent_cid,name,is_parent"
SELLER_FIELDS: Final = "nick,user_id"
# Settled by taobao-props.md §6: item.add and item.joint.img (and item.joint.propimg) take the
# picture's RELATIVE path (``https://img.alicdn.com/imgextra/`` stripped); a description keeps
# the absolute URL. One constant, used only by `pic_path_for_item`.
SEND_ABSOLUTE_PIC_PATH: Final = False
PICTURE_HOST_PREFIX: Final = "imgextra/"  # img.alicdn.com path before ``i3/<uid>/O1CN01…``


@dataclass(frozen=True)
class AddedItem:
    num_iid: int
    created: str
    request_id: str


@dataclass(frozen=True)
class Picture:
    picture_id: int
    picture_path: str
    pixel: str
    size: int


@dataclass(frozen=True)
class ItemImage:
    id: int
    url: str


@dataclass(frozen=True)
class PropImage:
    id: int
    properties: str
    url: str


@dataclass(frozen=True)
class PictureRoom:
    """``taobao.picture.userinfo.get``: the shop's picture space. The unit is undocumented; the
    numbers are read as bytes (None: absent or not a number)."""

    available: int | None
    used: int | None
    remaining: int | None


def _count(value: object) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Seller:
    """The shop a session belongs to."""

    nick: str
    user_id: str | None


@dataclass(frozen=True)
class Category:
    cid: int
    parent_cid: int
    name: str
    is_parent: bool


def pic_path_for_item(picture_path: str, absolute: bool = SEND_ABSOLUTE_PIC_PATH) -> str:
    """The ``pic_path`` to send to item.add / item.joint.img / item.joint.propimg for a
    picture-space path: ``https://img.alicdn.com/imgextra/i3/1810749336/O1CN01…_!!1810749336.png``
    → ``i3/1810749336/O1CN01…_!!1810749336.png`` (a path given relative stays as it is)."""
    if absolute:
        return picture_path
    parts = urlsplit(picture_path)
    if not parts.scheme:
        return picture_path
    path = parts.path.lstrip("/")
    return path.removeprefix(PICTURE_HOST_PREFIX)


def _bad_answer(method: str, what: str) -> TopError:
    return TopError(
        ErrorKind.TRANSIENT, msg=f"answer without {what}", method=method,
        explanation="淘宝的返回内容缺少必要字段，请求可能已经执行。",
        action="程序会先核对结果，再稍后重试。", maybe_executed=True,
    )


def _as_bool(value: object) -> bool:
    return value is True or str(value).lower() == "true"


def _int_field(payload: Mapping[str, Any], key: str, method: str) -> int:
    try:
        return int(payload[key])
    except (KeyError, TypeError, ValueError):
        raise _bad_answer(method, key) from None


def _object(payload: Mapping[str, Any], key: str, method: str) -> dict[str, Any]:
    value = payload.get(key)
    if not isinstance(value, Mapping):
        raise _bad_answer(method, key)
    return dict(value)


# --- Category data: itemcats.get, itemprops.get, itempropvalues.get (taobao-props.md §2–§3) ---
ITEMCAT_FIELDS: Final = "cid,parent_cid,name,is_parent,status,sort_order,features"
ITEMPROP_FIELDS: Final = (
    "pid,name,must,multi,is_key_prop,is_sale_prop,is_color_prop,is_enum_prop,is_input_prop,"
    "is_allow_alias,is_item_prop,is_material,parent_pid,parent_vid,status,sort_order"
)
PROPVALUE_FIELDS: Final = "cid,pid,prop_name,vid,name,name_alias,is_parent,status,sort_order"
CIDS_PER_CALL: Final = 999


@dataclass(frozen=True)
class ItemCat:
    """One category of ``taobao.itemcats.get`` (``features``: attr_key → attr_value)."""

    cid: int
    parent_cid: int
    name: str
    is_parent: bool
    status: str = "normal"
    sort_order: int = 0
    features: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Listed:
    """A list answer (props or values as the API gives them) and its ``last_modified``."""

    rows: list[dict[str, Any]]
    last_modified: str


def _item_cat(row: Mapping[str, Any]) -> ItemCat:
    features = {
        str(f.get("attr_key")): str(f.get("attr_value"))
        for f in unwrap_list(row, "features", "feature") if isinstance(f, Mapping)
    }
    return ItemCat(
        cid=int(row.get("cid", 0)), parent_cid=int(row.get("parent_cid", 0)),
        name=str(row.get("name", "")), is_parent=_as_bool(row.get("is_parent")),
        status=str(row.get("status") or "normal"), sort_order=int(row.get("sort_order") or 0),
        features=features,
    )


class CategoryCalls:
    """Mixin: the category reads. Needs ``call(method, params) -> dict``."""

    def call(
        self, method: str, params: Mapping[str, object],
        files: Mapping[str, FilePart] | None = None,
    ) -> dict[str, Any]:
        raise NotImplementedError

    def item_cats(
        self, *, parent_cid: int | None = None, cids: Sequence[int] = (),
    ) -> list[ItemCat]:
        """Children of ``parent_cid`` (0 = top level) in one call, or the categories ``cids``
        (one call per 999)."""
        method = "taobao.itemcats.get"
        if parent_cid is not None:
            answer = self.call(method, {"parent_cid": parent_cid, "fields": ITEMCAT_FIELDS})
            return [_item_cat(r) for r in unwrap_list(answer, "item_cats", "item_cat")]
        wanted = list(dict.fromkeys(cids))
        found: list[ItemCat] = []
        for start in range(0, len(wanted), CIDS_PER_CALL):
            batch = ",".join(str(c) for c in wanted[start:start + CIDS_PER_CALL])
            answer = self.call(method, {"cids": batch, "fields": ITEMCAT_FIELDS})
            found.extend(_item_cat(r) for r in unwrap_list(answer, "item_cats", "item_cat"))
        return found

    def item_props(
        self, cid: int, *, child_path: str | None = None, with_values: bool = False,
    ) -> Listed:
        """A leaf's first-level props (or those under ``child_path``) with every flag; their
        values (``prop_values``) only if asked."""
        fields = ITEMPROP_FIELDS + (",prop_values" if with_values else "")
        answer = self.call("taobao.itemprops.get", {
            "cid": cid, "child_path": child_path, "fields": fields})
        return Listed(unwrap_list(answer, "item_props", "item_prop"),
                      str(answer.get("last_modified") or ""))

    def item_prop_values(self, cid: int, pids: Sequence[int]) -> Listed:
        """Every value of the props ``pids`` of a leaf, in one call."""
        answer = self.call("taobao.itempropvalues.get", {
            "cid": cid, "pvs": ";".join(str(p) for p in pids), "fields": PROPVALUE_FIELDS})
        return Listed(unwrap_list(answer, "prop_values", "prop_value"),
                      str(answer.get("last_modified") or ""))
# --- end of category data ---


class TypedCalls(CategoryCalls):
    """Mixin: needs ``call(method, params, files=None) -> dict``."""

    def call(
        self, method: str, params: Mapping[str, object],
        files: Mapping[str, FilePart] | None = None,
    ) -> dict[str, Any]:
        raise NotImplementedError

    def add_item(self, fields: Mapping[str, object], image: FilePart | None = None) -> AddedItem:
        """``taobao.item.add``: list one product; ``image`` is the main picture file."""
        method = "taobao.item.add"
        sent = dict(fields)
        pic_path = sent.get("pic_path")
        if isinstance(pic_path, str) and pic_path.strip():
            sent["pic_path"] = pic_path_for_item(pic_path)
        answer = self.call(method, sent, {"image": image} if image is not None else None)
        item = _object(answer, "item", method)
        return AddedItem(
            num_iid=_int_field(item, "num_iid", method),
            created=str(item.get("created", "")),
            request_id=str(answer.get("request_id", "")),
        )

    def upload_picture(self, data: bytes, filename: str, category_id: int = 0) -> Picture:
        """``taobao.picture.upload``: put a picture in the shop's picture space."""
        method = "taobao.picture.upload"
        answer = self.call(
            method,
            {"image_input_title": filename, "picture_category_id": category_id},
            {"img": FilePart(data, filename)},
        )
        pic = _object(answer, "picture", method)
        path = pic.get("picture_path")
        if not path:
            raise _bad_answer(method, "picture_path")
        return Picture(
            picture_id=_int_field(pic, "picture_id", method),
            picture_path=str(path),
            pixel=str(pic.get("pixel", "")),
            size=int(pic.get("sizes") or pic.get("size") or 0),
        )

    def upload_item_image(
        self, num_iid: int, data: bytes, filename: str, position: int
    ) -> ItemImage:
        """``taobao.item.img.upload``: add an extra picture file to an item."""
        method = "taobao.item.img.upload"
        answer = self.call(method, {"num_iid": num_iid, "position": position},
                           {"image": FilePart(data, filename)})
        return self._item_image(answer, method)

    def joint_item_image(self, num_iid: int, pic_path: str, position: int) -> ItemImage:
        """``taobao.item.joint.img``: attach a picture-space picture to an item."""
        method = "taobao.item.joint.img"
        answer = self.call(method, {"num_iid": num_iid, "pic_path": pic_path_for_item(pic_path),
                                    "position": position})
        return self._item_image(answer, method)

    def joint_prop_image(self, num_iid: int, properties: str, pic_path: str) -> PropImage:
        """``taobao.item.joint.propimg``: tie a picture-space picture to one colour value
        (``properties`` = ``pid:vid``); sending the same value again replaces its picture."""
        method = "taobao.item.joint.propimg"
        answer = self.call(method, {"num_iid": num_iid, "properties": properties,
                                    "pic_path": pic_path_for_item(pic_path)})
        img = _object(answer, "prop_img", method)
        return PropImage(id=_int_field(img, "id", method),
                         properties=str(img.get("properties", properties)),
                         url=str(img.get("url", "")))

    def picture_room(self) -> PictureRoom:
        """``taobao.picture.userinfo.get``: capacity, used and remaining picture space."""
        method = "taobao.picture.userinfo.get"
        info = _object(self.call(method, {}), "user_info", method)
        return PictureRoom(available=_count(info.get("available_space")),
                           used=_count(info.get("used_space")),
                           remaining=_count(info.get("remaining_space")))

    @staticmethod
    def _item_image(answer: Mapping[str, Any], method: str) -> ItemImage:
        img = _object(answer, "item_img", method)
        return ItemImage(id=_int_field(img, "id", method), url=str(img.get("url", "")))

    def update_quantity(
        self, num_iid: int, quantity: int, type: int = 1,  # the TOP parameter name
        sku_id: int | None = None, outer_id: str | None = None,
    ) -> dict[str, Any]:
        """``taobao.item.quantity.update`` (type 1 = set, 2 = add) → ``item``."""
        method = "taobao.item.quantity.update"
        answer = self.call(method, {"num_iid": num_iid, "quantity": quantity, "type": type,
                                    "sku_id": sku_id, "outer_id": outer_id})
        return _object(answer, "item", method)

    def update_price(self, num_iid: int, price: Decimal) -> dict[str, Any]:
        """``taobao.item.price.update`` → ``item``."""
        method = "taobao.item.price.update"
        return _object(self.call(method, {"num_iid": num_iid, "price": price}), "item", method)

    def find_items_by_outer_id(
        self, outer_ids: Sequence[str], fields: str = DEFAULT_ITEM_FIELDS
    ) -> list[dict[str, Any]]:
        """``taobao.items.custom.get`` in batches of 40 ids; items found, in answer order."""
        ids = list(dict.fromkeys(i.strip() for i in outer_ids if i and i.strip()))
        for outer_id in ids:
            if "," in outer_id:
                raise ValueError(f"outer_id {outer_id!r} contains a comma")
        found: list[dict[str, Any]] = []
        for start in range(0, len(ids), OUTER_ID_BATCH):
            batch = ids[start:start + OUTER_ID_BATCH]
            answer = self.call("taobao.items.custom.get",
                               {"outer_id": ",".join(batch), "fields": fields})
            found.extend(unwrap_list(answer, "items", "item"))
        return found

    def get_seller(self) -> Seller:
        """``taobao.user.seller.get``: whose shop the session is (needs the session)."""
        method = "taobao.user.seller.get"
        user = _object(self.call(method, {"fields": SELLER_FIELDS}), "user", method)
        nick = str(user.get("nick") or "").strip()
        if not nick:
            raise TopError(
                ErrorKind.TRANSIENT, msg="answer without nick", method=method,
                explanation="淘宝的返回内容里没有店铺名称。", action="请稍后重试。",
            )
        user_id = user.get("user_id")
        return Seller(nick=nick, user_id=str(user_id) if user_id not in (None, "") else None)

    def get_categories(
        self, cids: Sequence[int] | None = None, parent_cid: int | None = None
    ) -> list[Category]:
        """``taobao.itemcats.get`` by ``cids`` or children of ``parent_cid`` (0 = top level)."""
        params: dict[str, object] = {"fields": CATEGORY_FIELDS}
        if cids:
            params["cids"] = ",".join(str(c) for c in cids)
        else:
            params["parent_cid"] = 0 if parent_cid is None else parent_cid
        answer = self.call("taobao.itemcats.get", params)
        return [
            Category(
                cid=int(c.get("cid", 0)),
                parent_cid=int(c.get("parent_cid", 0)),
                name=str(c.get("name", "")),
                is_parent=_as_bool(c.get("is_parent")),
            )
            for c in unwrap_list(answer, "item_cats", "item_cat")
        ]
