"""``/router/rest``: system checks in the gateway's order, flow control, faults, dispatch."""

from __future__ import annotations

import json
import secrets
import string
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from app.simulator.clock import parse_timestamp
from app.simulator.config import SimulatorConfig
from app.simulator.errors import ApiError
from app.simulator.faults import Decision, FaultState
from app.simulator.flow import API_LIMIT, APP_API_LIMIT, FlowControl, ban_error
from app.simulator.forms import FormError, ParsedForm, parse_body, parse_query
from app.simulator.methods import CREATING, METHODS, CallContext, MethodSpec
from app.simulator.methods.base import response_key
from app.simulator.signature import verify_sign
from app.simulator.state import SimState

JSON_TYPE = "application/json;charset=UTF-8"
XML_TYPE = "text/xml;charset=UTF-8"
_ID_ALPHABET = string.ascii_lowercase + string.digits


def new_request_id() -> str:
    """A request id shaped like TOP's (13 lower-case base-36 characters)."""
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(13))


@dataclass
class RouterReply:
    """What the HTTP layer must do: answer (status, body) or drop the connection."""

    action: str = "respond"  # "respond" | "drop"
    status: int = 200
    body: bytes = b""
    content_type: str = JSON_TYPE


def json_reply(payload: dict[str, Any], status: int = 200) -> RouterReply:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return RouterReply(status=status, body=body)


def xml_error(error: ApiError, request_id: str) -> RouterReply:
    parts = [f"<code>{error.code}</code>", f"<msg>{escape(error.msg)}</msg>"]
    if error.sub_code:
        parts.append(f"<sub_code>{escape(error.sub_code)}</sub_code>")
    if error.sub_msg:
        parts.append(f"<sub_msg>{escape(error.sub_msg)}</sub_msg>")
    parts.append(f"<request_id>{request_id}</request_id>")
    text = '<?xml version="1.0" encoding="utf-8" ?><error_response>' + "".join(parts)
    text += "</error_response>"
    return RouterReply(body=text.encode("utf-8"), content_type=XML_TYPE)


BAD_GATEWAY_HTML = (
    b"<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway"
    b"</h1></center><hr><center>Tengine</center></body></html>"
)


class _Verdict:
    """Mutable record of one call, appended to the call log when the call ends."""

    def __init__(self, request_id: str, now: float) -> None:
        self.entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(now, UTC).isoformat(timespec="milliseconds"),
            "method": None, "app_key": None, "nick": None, "verdict": "ok", "code": None,
            "sub_code": None, "request_id": request_id, "fault": None, "http_status": 200,
            "committed": None, "num_iid": None,
        }

    def error(self, err: ApiError, verdict: str = "error") -> None:
        self.entry.update(verdict=verdict, code=err.code, sub_code=err.sub_code)


class Router:
    """Answers one ``/router/rest`` request; thread-safe (state has its own locks)."""

    def __init__(
        self, config: SimulatorConfig, state: SimState, flow: FlowControl, faults: FaultState,
        *, clock: Callable[[], float] = time.time, sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.config = config
        self.state = state
        self.flow = flow
        self.faults = faults
        self.clock = clock
        self.sleep = sleep

    def handle(self, query: str, body: bytes, content_type: str | None) -> RouterReply:
        latency = self.faults.latency_ms
        if latency:
            self.sleep(latency / 1000)
        now = self.clock()
        request_id = new_request_id()
        verdict = _Verdict(request_id, now)
        try:
            return self._handle(
                query=query, body=body, content_type=content_type, now=now,
                request_id=request_id, verdict=verdict,
            )
        finally:
            self.state.record_call(verdict.entry)

    def _handle(
        self, *, query: str, body: bytes, content_type: str | None, now: float, request_id: str,
        verdict: _Verdict,
    ) -> RouterReply:
        try:
            form = parse_body(body, content_type)
            params = {**parse_query(query), **form.fields}
        except FormError as exc:
            error = ApiError(47, sub_msg=f"请求无法按 UTF-8 解码：{exc}")
            verdict.error(error)
            return json_reply(error.to_payload(request_id))
        verdict.entry["method"] = params.get("method") or None
        fmt = params.get("format") or "xml"
        if fmt != "json":
            error = ApiError(23, sub_msg=f"本模拟器只支持 format=json（收到 format={fmt}）")
            verdict.error(error)
            if fmt == "xml":
                return xml_error(error, request_id)
            return json_reply(error.to_payload(request_id))
        try:
            return self._dispatch(
                params=params, form=form, now=now, request_id=request_id, verdict=verdict,
            )
        except ApiError as error:
            if verdict.entry["verdict"] == "ok":
                verdict.error(error)
            return json_reply(error.to_payload(request_id))

    def _check_system(
        self, params: dict[str, str], app_key: str, now: float,
    ) -> tuple[str, MethodSpec]:
        """Method, version, timestamp and signature checks (after app key and flow control)."""
        method = params.get("method", "").strip()
        if not method:
            raise ApiError(21, sub_msg="缺少 method 参数")
        spec = METHODS.get(method)
        denied = self.faults.denial(app_key, method)
        if spec is None or (denied is not None and denied["code"] == 22):
            raise ApiError(22, sub_msg=f"接口 {method} 不存在或已下线")
        version = params.get("v", "").strip()
        if not version:
            raise ApiError(32, sub_msg="缺少 v 参数（应为 2.0）")
        if version == "1.0":
            raise ApiError(34, sub_msg="不再支持 v=1.0，请使用 v=2.0")
        if version != "2.0":
            raise ApiError(33, sub_msg=f"版本 v={version} 无效，应为 2.0")
        stamp = params.get("timestamp", "").strip()
        if not stamp:
            raise ApiError(30, sub_msg="缺少 timestamp 参数")
        sent_at = parse_timestamp(stamp)
        if sent_at is None:
            raise ApiError(
                31, sub_msg=f"时间戳“{stamp}”格式错误，应为 yyyy-MM-dd HH:mm:ss（北京时间）"
                "或 13 位毫秒时间戳",
            )
        skew = abs(sent_at - now)
        if skew > self.config.max_skew_seconds:
            raise ApiError(
                31, sub_msg=f"时间戳“{stamp}”与服务器（北京时间）相差 {int(skew)} 秒，"
                f"超过 {self.config.max_skew_seconds // 60} 分钟：请校准电脑时钟",
            )
        verify_sign(params, self.config.apps()[app_key])
        if denied is not None:
            raise ApiError(11, None, denied["sub_code"], denied["sub_msg"])
        return method, spec

    def _check_session(
        self, params: dict[str, str], app_key: str, spec: MethodSpec, now: float,
    ) -> str | None:
        if not spec.needs_session:
            return None
        token = params.get("session", "").strip()
        if not token:
            raise ApiError(26, sub_msg="缺少 session（店铺授权令牌），请先授权店铺")
        with self.state.lock:
            session = self.state.sessions.get(token)
            if session is None or session.app_key != app_key:
                raise ApiError(
                    27, None, "invalid-sessionkey", "session 无效：令牌不存在或不属于当前应用",
                )
            if session.expires_at <= now:
                raise ApiError(27, None, "session-expired", "session 已过期，请重新授权店铺")
            if spec.write and session.w1_expires_at <= now:
                raise ApiError(
                    27, None, "session-expired", "session 的写权限（w1）已过期，请重新授权店铺",
                )
            return session.nick

    def _dispatch(
        self, *, params: dict[str, str], form: ParsedForm, now: float, request_id: str,
        verdict: _Verdict,
    ) -> RouterReply:
        app_key = params.get("app_key", "").strip()
        if not app_key:
            raise ApiError(28, sub_msg="缺少 app_key 参数")
        if app_key not in self.config.apps():
            raise ApiError(29, sub_msg=f"app_key {app_key} 不存在")
        verdict.entry["app_key"] = app_key
        limited = self.flow.admit(app_key, params.get("method", ""), now)
        if limited is not None:
            verdict.error(limited, "banned")
            raise limited
        method, spec = self._check_system(params, app_key, now)
        nick = self._check_session(params, app_key, spec, now)
        verdict.entry["nick"] = nick
        decision = self.faults.decide(method, is_write=spec.write, is_add=method in CREATING)
        verdict.entry["fault"] = decision.fault
        ctx = CallContext(params, form.files, app_key, nick, now, self.state)
        return self._apply(
            decision=decision, spec=spec, method=method, ctx=ctx, request_id=request_id,
            verdict=verdict,
        )

    def _apply(
        self, *, decision: Decision, spec: MethodSpec, method: str, ctx: CallContext,
        request_id: str, verdict: _Verdict,
    ) -> RouterReply:
        """Run the method under the decided fault and shape the answer."""
        fault = decision.fault
        if fault == "drop":
            verdict.entry.update(verdict="dropped", http_status=None, committed=False)
            return RouterReply(action="drop")
        if fault == "http502":
            verdict.entry.update(verdict="502", http_status=502, committed=False)
            return RouterReply(status=502, body=BAD_GATEWAY_HTML, content_type="text/html")
        if fault == "ban":
            scope = decision.ban_scope
            self.flow.add_ban(
                ctx.app_key, decision.ban_seconds, ctx.now, scope=scope,
                method=method if scope == "api" else None,
            )
            error = ban_error(API_LIMIT if scope == "api" else APP_API_LIMIT, decision.ban_seconds)
            verdict.error(error, "banned")
            raise error
        if fault == "delay":
            self.sleep(decision.delay_ms / 1000)
            ctx.now = self.clock()
        payload: dict[str, Any] | None = None
        failure: ApiError | None = None
        if decision.commit or decision.error is None:
            try:
                payload = spec.handler(ctx)
            except ApiError as error:
                failure = error
        if payload is not None and isinstance(payload.get("item"), dict):
            verdict.entry["num_iid"] = payload["item"].get("num_iid")
        elif payload is not None and "item_id" in payload:
            verdict.entry["num_iid"] = payload["item_id"]
        if fault not in (None, "delay"):
            verdict.entry["committed"] = payload is not None
        if fault == "create_then_drop":
            verdict.entry.update(verdict="dropped", http_status=None)
            return RouterReply(action="drop")
        if fault == "result" and payload is not None:  # a hostile or broken answer
            payload = {**payload, "result": decision.extra["result"]}
        error = decision.error or failure
        if error is not None:
            verdict.error(error)
            raise error
        assert payload is not None
        return json_reply({response_key(method): {**payload, "request_id": request_id}})
