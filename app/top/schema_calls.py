"""Typed calls of the schema publish API (taobao-props.md §7) and of taking items down.

``alibaba.item.publish.*`` and ``alibaba.item.edit.*`` answer under ``alibaba_…_response``
(`app.top.response` keeps the prefix); their ``result`` is the schema XML as a JSON string,
unwrapped here. Submit's ``item_id`` may sit directly in the answer or inside ``result`` (as an
object, a JSON text or the bare number): all are accepted. A missing or unreadable id after a
submit is a `TopError` with ``maybe_executed`` (the item may exist: reconcile by 商家编码).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from app.top.errors import ErrorKind, TopError
from app.top.request import FilePart
from app.top.schema.errors import SchemaError, SchemaInvalidError

MARKET: Final = "taobao"
EDIT_FIELDS_MAX: Final = 999


@dataclass(frozen=True)
class SubmittedItem:
    """A created or edited item: ``item_id`` (the 宝贝ID), the time Taobao gave, the market."""

    item_id: int
    time: str
    market: str
    request_id: str


def _bad_answer(method: str, what: str, *, maybe_executed: bool) -> TopError:
    return TopError(
        ErrorKind.TRANSIENT, msg=f"answer without {what}", method=method,
        explanation="淘宝的返回内容缺少必要字段，请求可能已经执行。",
        action="程序会先按商家编码核对结果，再稍后重试。" if maybe_executed else "请稍后重试。",
        maybe_executed=maybe_executed,
    )


def schema_top_error(error: SchemaError | SchemaInvalidError, method: str) -> TopError:
    """A codec failure as the `TopError` the engine and the window already show (a row error:
    nothing was sent)."""
    code = error.code if isinstance(error, SchemaError) else "schema.invalid"
    # a SchemaError's message already says what to do
    action = "请按提示修改这一行后重试。" if isinstance(error, SchemaInvalidError) else ""
    return TopError(ErrorKind.ROW, msg=code, sub_code=code, method=method,
                    explanation=error.message, action=action, maybe_executed=False)


def xml_result(answer: Mapping[str, Any], method: str) -> str:
    """The ``result`` string (schema XML) of a schema.get / props.get answer."""
    result = answer.get("result")
    if not isinstance(result, str) or not result.strip():
        raise _bad_answer(method, "result", maybe_executed=False)
    return result


def item_id_of(answer: Mapping[str, Any], method: str) -> int:
    """``item_id`` directly in the answer, or inside ``result``."""
    candidates: list[object] = [answer.get("item_id")]
    result = answer.get("result")
    if isinstance(result, str) and result.strip().startswith("{"):
        try:
            result = json.loads(result)
        except ValueError:
            result = None
    if isinstance(result, Mapping):
        candidates.append(result.get("item_id"))
    elif isinstance(result, str | int) and not isinstance(result, bool):
        candidates.append(result)
    for value in candidates:
        text = str(value).strip() if value is not None else ""
        if text.isdigit() and int(text) > 0:
            return int(text)
    raise _bad_answer(method, "item_id", maybe_executed=True)


def _submitted(answer: Mapping[str, Any], method: str, time_key: str) -> SubmittedItem:
    result = answer.get("result")
    inner = result if isinstance(result, Mapping) else {}
    return SubmittedItem(
        item_id=item_id_of(answer, method),
        time=str(answer.get(time_key) or inner.get(time_key) or ""),
        market=str(answer.get("market") or inner.get("market") or MARKET),
        request_id=str(answer.get("request_id", "")),
    )


def _done(answer: Mapping[str, Any], method: str) -> None:
    """``result`` "true" (or absent) is success; "false" means Taobao did not do it."""
    result = answer.get("result")
    if result is False or str(result).strip().lower() == "false":
        raise TopError(ErrorKind.ROW, msg="result false", method=method,
                       explanation="淘宝没有完成这个操作。",
                       action="请稍后重试，或到千牛卖家中心查看这个宝贝。")


class SchemaCalls:
    """Mixin: needs ``call(method, params, files=None) -> dict`` (`TopClient` has it)."""

    def call(
        self, method: str, params: Mapping[str, object],
        files: Mapping[str, FilePart] | None = None,
    ) -> dict[str, Any]:
        raise NotImplementedError

    def publish_markets(self) -> list[str]:
        """``alibaba.item.publish.market.get``: the markets the shop may publish to (a cheap
        probe of the schema path)."""
        answer = self.call("alibaba.item.publish.market.get", {})
        return [m.strip() for m in str(answer.get("markets") or "").split(",") if m.strip()]

    def publish_schema(self, cat_id: int, *, market: str = MARKET) -> str:
        """``alibaba.item.publish.schema.get``: the leaf's schema XML (一口价 items)."""
        method = "alibaba.item.publish.schema.get"
        return xml_result(self.call(method, {"market": market, "cat_id": cat_id}), method)

    def publish_props(self, cat_id: int, schema_xml: str, prop_id: int, *,
                      market: str = MARKET) -> str:
        """``alibaba.item.publish.props.get``: the props cascading from ``prop_id``'s value in
        ``schema_xml`` (the category props filled so far), as schema XML."""
        method = "alibaba.item.publish.props.get"
        answer = self.call(method, {"market": market, "cat_id": cat_id, "schema": schema_xml,
                                    "prop_id": prop_id})
        return xml_result(answer, method)

    def publish_submit(self, cat_id: int, schema_xml: str, *, market: str = MARKET
                       ) -> SubmittedItem:
        """``alibaba.item.publish.submit``: create the item (there is no validate-only call)."""
        method = "alibaba.item.publish.submit"
        answer = self.call(method, {"market": market, "cat_id": cat_id, "schema": schema_xml})
        return _submitted(answer, method, "create_time")

    def edit_schema(self, item_id: int, fields: Sequence[str] = ()) -> str:
        """``alibaba.item.edit.schema.get``: the item's schema with its current values
        (``fields`` trims it, ≤ 999 ids)."""
        method = "alibaba.item.edit.schema.get"
        if len(fields) > EDIT_FIELDS_MAX:
            raise ValueError(f"at most {EDIT_FIELDS_MAX} fields")
        params: dict[str, object] = {"item_id": item_id}
        if fields:
            params["fields"] = ",".join(fields)
        return xml_result(self.call(method, params), method)

    def edit_submit(self, item_id: int, schema_xml: str, *, cat_id: int | None = None
                    ) -> SubmittedItem:
        """``alibaba.item.edit.submit``: the whole item again (``cat_id`` only to move it)."""
        method = "alibaba.item.edit.submit"
        answer = self.call(method, {"item_id": item_id, "schema": schema_xml, "cat_id": cat_id})
        return _submitted(answer, method, "update_time")

    def edit_fastupdate(self, item_id: int, schema_xml: str) -> SubmittedItem:
        """``alibaba.item.edit.fastupdate``: only the fields in ``schema_xml`` (price, stock,
        title and the like; it cannot add SKUs)."""
        method = "alibaba.item.edit.fastupdate"
        answer = self.call(method, {"item_id": item_id, "schema": schema_xml})
        return _submitted(answer, method, "update_time")

    def upshelf(self, item_id: int, quantity: int | None = None) -> None:
        """``alibaba.item.operate.upshelf``: put an item back on sale."""
        method = "alibaba.item.operate.upshelf"
        _done(self.call(method, {"item_id": item_id, "quantity": quantity}), method)

    def downshelf(self, item_id: int) -> None:
        """``alibaba.item.operate.downshelf``: take an item off sale (into the warehouse)."""
        method = "alibaba.item.operate.downshelf"
        _done(self.call(method, {"item_id": item_id}), method)

    def delete_item(self, item_id: int) -> None:
        """``alibaba.item.operate.delete``: delete an item for good."""
        method = "alibaba.item.operate.delete"
        _done(self.call(method, {"item_id": item_id}), method)

    def delist(self, num_iid: int) -> str:
        """``taobao.item.update.delisting`` (item.add shops): off sale; the ``modified`` time."""
        method = "taobao.item.update.delisting"
        item = self.call(method, {"num_iid": num_iid}).get("item")
        return str(item.get("modified", "")) if isinstance(item, Mapping) else ""

    def relist(self, num_iid: int, num: int) -> str:
        """``taobao.item.update.listing``: back on sale with ``num`` in stock (> 0; an item with
        SKUs keeps their sum); the ``modified`` time."""
        method = "taobao.item.update.listing"
        item = self.call(method, {"num_iid": num_iid, "num": num}).get("item")
        return str(item.get("modified", "")) if isinstance(item, Mapping) else ""
