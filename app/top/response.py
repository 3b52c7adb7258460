"""Reading TOP answers: unwrap ``<method>_response``, turn ``error_response`` into `TopError`."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any, Final
from urllib.parse import quote

from app.top.catalogue import explain, explain_network, is_daily_quota, parse_ban_seconds
from app.top.chinatime import next_china_midnight
from app.top.errors import ErrorKind, TopError

K = ErrorKind
KIND_BY_CODE: Final[dict[int, ErrorKind]] = {
    3: K.ROW,
    7: K.RATE_LIMITED,
    10: K.TRANSIENT,
    11: K.FATAL, 12: K.FATAL, 13: K.FATAL,
    21: K.FATAL, 22: K.FATAL,
    25: K.FATAL,
    26: K.AUTH, 27: K.AUTH,
    28: K.FATAL, 29: K.FATAL,
    30: K.FATAL, 31: K.FATAL,
    40: K.ROW, 41: K.ROW, 43: K.ROW,
    # malformed request: a bug on our side
    9: K.FATAL, 23: K.FATAL, 24: K.FATAL, 32: K.FATAL, 33: K.FATAL, 34: K.FATAL,
    42: K.FATAL, 47: K.FATAL,
}


def error_kind(code: int | None, sub_code: str | None) -> ErrorKind:
    """The kind for a code/sub_code pair (doc table; code 15 and unknown codes by sub_code).

    Unknown codes: ``isp.*`` → transient, ``isv.*`` → row, anything else → fatal (stop and let
    a person look rather than hammer the server with something we do not understand).
    """
    sub = sub_code or ""
    if code in KIND_BY_CODE and code != 15:
        return KIND_BY_CODE[code]
    if sub.startswith("isp."):
        return K.TRANSIENT
    if sub.startswith("isv.") or code == 15:
        return K.ROW
    return K.FATAL


def response_key(method: str) -> str:
    """``taobao.item.add`` → ``item_add_response`` (other prefixes are kept)."""
    return method.removeprefix("taobao.").replace(".", "_") + "_response"


def _int_or_none(value: object) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def _text_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def _hidden(text: str | None, hide: Collection[str]) -> str | None:
    """``text`` with every value of ``hide`` (and its URL-encoded spelling) replaced by ***."""
    if not text:
        return text
    for value in hide:
        if value:
            text = text.replace(value, "***").replace(quote(value, safe=""), "***")
    return text


def error_from_response(err: Mapping[str, Any], method: str, now: datetime,
                        hide: Collection[str] = ()) -> TopError:
    """The `TopError` for one ``error_response`` object. A server may echo what it received in
    ``msg``/``sub_msg``: the values in ``hide`` (secret, session, sign) are blanked out."""
    code = _int_or_none(err.get("code"))
    msg = _hidden(str(err.get("msg") or ""), hide) or ""
    sub_code = _text_or_none(err.get("sub_code"))
    sub_msg = _hidden(_text_or_none(err.get("sub_msg")), hide)
    kind = error_kind(code, sub_code)
    explanation, action = explain(code, sub_code, sub_msg, msg)
    ban_seconds = None
    reset_at = None
    daily = False
    if code == 7:
        ban_seconds = parse_ban_seconds(sub_msg)
        if ban_seconds is None:
            ban_seconds = parse_ban_seconds(msg)
        daily = is_daily_quota(sub_code)
        if daily:
            reset_at = next_china_midnight(now)
    return TopError(
        kind,
        code=code,
        msg=msg,
        sub_code=sub_code,
        sub_msg=sub_msg,
        request_id=_text_or_none(err.get("request_id")),
        method=method,
        explanation=explanation,
        action=action,
        ban_seconds=ban_seconds,
        reset_at=reset_at,
        daily_quota=daily,
        maybe_executed=(sub_code or "").startswith("isp."),
    )


def network_error(
    reason: str, method: str, detail: str, *, maybe_executed: bool,
    kind: ErrorKind = ErrorKind.TRANSIENT,
) -> TopError:
    """A transport failure (``code=None``); ``detail`` must already be free of secrets."""
    explanation, action = explain_network(reason)
    return TopError(
        kind, msg=detail, method=method, explanation=explanation, action=action,
        maybe_executed=maybe_executed,
    )


def parse_response(method: str, content: bytes, now: datetime,
                   hide: Collection[str] = ()) -> dict[str, Any]:
    """The payload of a successful answer, or raise the `TopError` it carries (with the values
    in ``hide`` blanked out of its text)."""
    try:
        payload = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        payload = None
    if payload is None:
        raise network_error("bad-response", method, f"answer is not JSON ({len(content)} bytes)",
                            maybe_executed=True)
    if not isinstance(payload, dict):
        raise network_error("bad-response", method, "answer is not a JSON object",
                            maybe_executed=True)
    if "error_response" in payload:
        err = payload["error_response"]
        raise error_from_response(err if isinstance(err, Mapping) else {}, method, now, hide)
    key = response_key(method)
    if key in payload:
        inner = payload[key]
    else:
        wrapped = [k for k in payload if k.endswith("_response")]
        # simplify=true answers come unwrapped; tolerate a prefix spelled differently
        inner = payload[wrapped[0]] if len(payload) == 1 and wrapped else payload
    if not isinstance(inner, dict):
        raise network_error("bad-response", method, "answer payload is not an object",
                            maybe_executed=True)
    return inner


def unwrap_list(payload: Mapping[str, Any], outer: str, inner: str) -> list[dict[str, Any]]:
    """``{"items": {"item": [...]}}`` → the list; an absent key (empty list) → ``[]``."""
    box = payload.get(outer)
    if box is None or box == "":
        return []
    value = box.get(inner, []) if isinstance(box, Mapping) else box
    if isinstance(value, Mapping):  # a single element not wrapped in a list
        return [dict(value)]
    return [dict(v) for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []
