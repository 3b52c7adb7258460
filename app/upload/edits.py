"""Edits of listed rows reach Taobao: what changed in the sheet since the journal's copy
(``rows.sent``) is sent, and only what was sent is recorded.

- **Price and stock** (item and SKU prices, stock, SKU 商家编码, the SKU combinations unchanged):
  ``alibaba.item.edit.fastupdate`` with just those fields (the XML is written from the leaf's
  schema, read once per run), or on the item.add path for an item without SKUs the classic
  ``taobao.item.price.update`` / ``taobao.item.quantity.update``.
- **Everything else** (标题, 主图/附图, 描述 and 详情图, properties and SKUs, 商家编码, 所在地,
  运费, 卖点, 新旧程度, 店铺分类): ``alibaba.item.edit.schema.get`` (the item's current values)
  → the changed groups filled in from the same `item_fields` as a create, every rule checked
  → ``alibaba.item.edit.submit``. Fields the product does not change keep Taobao's values.
- **颜色图**: ``taobao.item.joint.propimg`` per colour (sending a colour again replaces it).
- **Cannot be sent** (per row, with the reason, in `RowOutcome.unsent`): 类目, 出售方式, 上架状态,
  定时上架 (the plan says so), a field the item's edit schema has no place for, and everything
  but price/stock when the App has no ``alibaba.item.edit.*`` (code 11/22: remembered for the
  run, never a stop).

Journal: `Journal.mark_sent` takes exactly the fields of each call that succeeded; a refused
edit fails the row (it stays listed) and is not sent again until the row is edited.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import TypeVar

from app.top.errors import TopError
from app.top.schema import (
    DEFAULT_MAP,
    Schema,
    SchemaError,
    SchemaInvalidError,
    fill,
    parse_schema,
    to_text,
    validate,
)
from app.top.schema_calls import schema_top_error
from app.upload.changes import label, labels
from app.upload.control import CallFailed, Stopped
from app.upload.events import RowListed, RowOutcome, RowStatus
from app.upload.fields import image_identity, item_fields, money, sent_fields
from app.upload.pictures import PictureProblem
from app.upload.pipeline import RowPipeline, failed
from app.upload.plan import RowWork
from app.upload.propimg import ColourProblem
from app.upload.publishers import ITEM_ADD, is_unavailable

T = TypeVar("T")
M = DEFAULT_MAP
PROPS = ("props", "input_pids", "input_str", "property_alias", "input_custom_cpv",
         "sku_properties", "sku_quantities", "sku_prices", "sku_outer_ids", "price", "num")
LIGHT = frozenset({"price", "num", "sku_prices", "sku_quantities", "sku_outer_ids"})
FREIGHT = ("freight_payer", "postage_id", "post_fee", "express_fee", "ems_fee")
# a changed field → the fields sent with it (they are checked together by Taobao)
GROUPS: dict[str, tuple[str, ...]] = {
    **{f: PROPS for f in PROPS}, **{f: FREIGHT for f in FREIGHT},
    "desc": ("desc", "detail_images"), "detail_images": ("desc", "detail_images"),
    "main_image": ("main_image", "extra_images"), "extra_images": ("main_image", "extra_images"),
    "location.state": ("location.state", "location.city"),
    "location.city": ("location.state", "location.city"),
}
# simple fields an edit clears when the row no longer has them: field → its schema slot
CLEARABLE = {"sell_point": M.sell_point, "seller_cids": M.shop_cats, "outer_id": M.outer_id}
NO_EDIT_API = "此应用没有修改商品的接口权限（alibaba.item.edit）"
NO_PLACE = "淘宝的修改接口没有这一项"


class EditUnavailable(Exception):  # noqa: N818 (a state, not a bug)
    """alibaba.item.edit.* (or the schema it needs) answered 11/22: the App may not edit."""


def not_sent(fields: Iterable[str], why: str) -> tuple[str, ...]:
    """`RowOutcome.unsent` entries: each field's Chinese name with the reason."""
    return tuple(dict.fromkeys(f"{label(f)}（{why}）" for f in fields))


class RowEditor:
    """Sends a listed row's edits (`RowWork.edits`) through the run's pipeline (its caller,
    pictures, journal and publish route). Thread-safe."""

    def __init__(self, pipeline: RowPipeline) -> None:
        self.p = pipeline
        self._lock = threading.Lock()
        self.no_edit_api = False  # the App answered 11/22 to alibaba.item.edit.* this run

    def edit(self, work: RowWork) -> RowOutcome:
        num_iid = work.num_iid
        assert num_iid is not None
        product, now = work.product, sent_fields(work.product)
        changes = [f for f in work.edits if f != "sku_images"]
        sent: dict[str, object | None] = {}
        unsent: list[str] = list(work.unsent)
        try:
            if changes:
                sent.update(self._send(work, num_iid, set(changes), now, unsent))
            if "sku_images" in work.edits:
                self._colours(work, num_iid)
                sent["sku_images"] = now.get("sku_images")
        except CallFailed as exc:
            self._record(work, sent)
            message = f"商品已上架（{num_iid}），但修改没有发送：{exc.err.user_message}"
            return self.p.fail(work, failed(work, exc.err, message=message, num_iid=num_iid),
                                keep_state=True)
        except Stopped:  # what went so far is recorded; the rest goes next run
            self._record(work, sent)
            raise
        except (PictureProblem, ColourProblem) as exc:
            self._record(work, sent)
            return self.p.fail(work, failed(work, message=f"商品已上架（{num_iid}），但修改"
                                             f"没有发送：{exc}", num_iid=num_iid),
                                keep_state=True)
        self._record(work, sent)
        left = tuple(dict.fromkeys(unsent))
        went = labels([f for f in sent if f in work.edits])  # the changes (not their group)
        self.p.emit(RowListed(product.row, work.key, num_iid, "updated", left, went))
        message = f"已修改（宝贝ID {num_iid}）" + (
            f"；以下修改未同步到淘宝：{'、'.join(left)}" if left else "")
        return RowOutcome(product.row, work.key, RowStatus.LISTED, num_iid, message=message,
                          at=datetime.now(UTC), unsent=left, sent=went)

    def _record(self, work: RowWork, sent: dict[str, object | None]) -> None:
        if sent:
            self.p.journal.mark_sent(self.p.scope, work.key, sent, fingerprint=work.fingerprint)

    # -- routes -------------------------------------------------------------------------------
    def _send(self, work: RowWork, num_iid: int, changes: set[str], now: dict[str, object],
              unsent: list[str]) -> dict[str, object | None]:
        p = work.product
        classic_ok = changes <= {"price", "num"} and not p.skus
        if not (classic_ok and self.p.route.path == ITEM_ADD) and not self.no_edit_api:
            try:
                if changes <= LIGHT and "sku_properties" not in changes:
                    return self._fast(work, num_iid, now)
                return self._full(work, num_iid, changes, now, unsent)
            except EditUnavailable:
                with self._lock:
                    self.no_edit_api = True
        light = {"price", "num"} & changes if not p.skus else set()
        order = {name: i for i, name in enumerate(now)}
        rest = sorted(changes - light, key=lambda f: order.get(f, len(order)))
        unsent.extend(not_sent(rest, NO_EDIT_API))
        try:
            return self._classic(work, num_iid, light) if light else {}
        except EditUnavailable:
            unsent.extend(not_sent(sorted(light), "此应用没有修改价格和库存的接口权限"))
            return {}

    def _call(self, method: str, send: Callable[[], T], work: RowWork) -> T:
        """One call under the policy; 11/22 (the App may not call it) → `EditUnavailable`
        (the policy would stop the run: here it only means the edit cannot be sent)."""
        def guarded() -> T:
            try:
                return send()
            except TopError as err:
                if is_unavailable(err):
                    raise EditUnavailable(str(err)) from None
                raise
        return self.p.caller.call(method, guarded, row=work.product.row, key=work.key,
                                  num_iid=work.num_iid)

    def _classic(self, work: RowWork, num_iid: int, changes: set[str]
                 ) -> dict[str, object | None]:
        p, client, sent = work.product, self.p.client, {}
        if "price" in changes and p.price is not None:
            price = p.price
            self.p.progress(work, "update price")
            self._call("taobao.item.price.update", lambda: client.update_price(num_iid, price),
                       work)
            sent["price"] = money(price)
        if "num" in changes and p.num is not None:
            num = p.num
            self.p.progress(work, "update stock")
            self._call("taobao.item.quantity.update",
                       lambda: client.update_quantity(num_iid, num), work)
            sent["num"] = str(num)
        return sent

    def _leaf_schema(self, work: RowWork) -> Schema:
        cid = work.product.cid
        if cid is None:
            raise CallFailed(schema_top_error(SchemaError("schema.no_cid", "这一行没有类目。"),
                                              "alibaba.item.edit.fastupdate"))
        return self._call("alibaba.item.publish.schema.get",
                          lambda: self.p.route.schema.schema(cid), work)

    def _fast(self, work: RowWork, num_iid: int, now: dict[str, object]
              ) -> dict[str, object | None]:
        """Price and stock (with the SKUs') through fastupdate."""
        schema = self._leaf_schema(work)
        fields = {k: v for k, v in item_fields(work.product).items() if k in PROPS or k == "cid"}
        filled = fill(schema, {k: v for k, v in fields.items() if k not in (
            "props", "input_pids", "input_str", "property_alias", "input_custom_cpv")})
        ids = [f.id for f in (M.price.find(schema), M.quantity.find(schema), M.sku.find(schema))
               if f is not None]
        xml = to_text(schema, filled.values, only=ids)
        self.p.progress(work, "fastupdate")
        self._call("alibaba.item.edit.fastupdate",
                   lambda: self.p.client.edit_fastupdate(num_iid, xml), work)
        return {f: now.get(f) for f in LIGHT}

    def _full(self, work: RowWork, num_iid: int, changes: set[str], now: dict[str, object],
              unsent: list[str]) -> dict[str, object | None]:
        """The changed groups through edit.schema.get → edit.submit."""
        group = list(dict.fromkeys(f for c in changes for f in GROUPS.get(c, (c,))))
        self.p.progress(work, "edit")
        text = self._call("alibaba.item.edit.schema.get",
                          lambda: self.p.client.edit_schema(num_iid), work)
        try:
            schema = parse_schema(text)
        except SchemaError as error:
            raise CallFailed(schema_top_error(error, "alibaba.item.edit.schema.get")) from None
        pictures: list[str] = []
        if "main_image" in group:
            pictures = [self.p.store_url(work, ref, is_main=i == 0)
                        for i, ref in enumerate(work.product.images)]
        detail = ([self.p.store(work, ref) for ref in work.product.detail_images]
                  if "desc" in group and work.product.detail_images else None)  # as a create
        everything = item_fields(work.product, detail_urls=detail)
        fields = {k: v for k, v in everything.items() if k in group or k == "cid"}
        filled = fill(schema, fields, pictures=pictures)
        values = _edited_values(schema, filled.values, filled.explicit, group, now)
        issues = [*filled.issues, *validate(schema, values, filled.explicit)]
        if issues:
            raise CallFailed(schema_top_error(SchemaInvalidError(issues),
                                              "alibaba.item.edit.submit"))
        xml = to_text(schema, values)
        self.p.progress(work, "submit edit")
        self._call("alibaba.item.edit.submit",
                   lambda: self.p.client.edit_submit(num_iid, xml), work)
        no_place = [f for f in group if f in filled.unsent]
        unsent.extend(not_sent(no_place, NO_PLACE))
        return {f: now.get(f) for f in group if f not in no_place}

    def _colours(self, work: RowWork, num_iid: int) -> None:
        """The colours whose picture changed (the same colour sent again replaces its
        picture); a SKU list that changed without a colour's picture changing sends none."""
        rec = self.p.journal.get(self.p.scope, work.key)
        before = _colour_pictures(rec.sent if rec is not None else None)
        for c in self.p.colours(work):
            if before.get(c.properties) == image_identity(c.ref):
                continue
            path = self.p.store(work, c.ref)
            self.p.progress(work, f"colour {c.name}")
            self.p.caller.call(
                "taobao.item.joint.propimg",
                lambda c=c, path=path: self.p.client.joint_prop_image(num_iid, c.properties,
                                                                      path),
                row=work.product.row, key=work.key, num_iid=num_iid, properties=c.properties)


def _colour_pictures(sent: dict[str, object] | None) -> dict[str, str]:
    """``pid:vid`` → the picture identity each SKU's pair had in Taobao's copy."""
    if not sent:
        return {}
    props = str(sent.get("sku_properties") or "").split(",")
    images = sent.get("sku_images")
    found: dict[str, str] = {}
    if isinstance(images, list):
        for properties, identity in zip(props, images, strict=False):
            for pair in properties.split(";"):
                if identity:
                    found.setdefault(pair.strip(), str(identity))
    return found


def _edited_values(schema: Schema, values: dict, explicit: frozenset[str], group: list[str],
                   now: dict[str, object]) -> dict:
    """The filled values as an edit must send them: Taobao's current values for what is not
    edited, the item's shelf state left alone, and the edited groups exactly the row's (a
    property, SKU or text the row no longer has is removed)."""
    initial = schema.initial_values()
    for slot in (M.start_time, M.list_time):  # a create's 立刻上架 would put a taken-down item up
        target = slot.find(schema)
        if target is not None:
            if target.id in initial:
                values[target.id] = initial[target.id]
            else:
                values.pop(target.id, None)
    if "props" in group:
        cat = M.cat_prop.find(schema)
        if cat is not None and isinstance(values.get(cat.id), dict):
            values[cat.id] = {k: v for k, v in values[cat.id].items()
                              if f"{cat.id}/{k}" in explicit}
        for slot in (M.sale_prop, M.sku):
            target = slot.find(schema)
            if target is not None and target.id not in explicit:
                values.pop(target.id, None)
    for name, slot in CLEARABLE.items():
        target = slot.find(schema)
        if name in group and now.get(name) is None and target is not None:
            values.pop(target.id, None)
    return values
