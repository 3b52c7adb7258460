"""Injected faults: random rates (seedable) and the deterministic one-shot ``script``."""

from __future__ import annotations

import random
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.simulator.errors import ApiError

# Realistic transient sub-codes (taobao-api.md) with a Chinese sub_msg.
ISP_ERRORS: tuple[tuple[str, str], ...] = (
    ("isp.top-remote-connection-timeout", "调用淘宝后端服务超时，请稍后重试"),
    ("isp.top-remote-service-unavailable", "淘宝后端服务暂时不可用，请稍后重试"),
    ("isp.remote-service-timeout", "远程服务超时，请稍后重试"),
    ("isp.service-error", "服务内部错误，请稍后重试"),
    (
        "isp.item-update-service-error:IC_SYSTEM_NOT_READY_TRY_AGAIN_LATER",
        "商品中心繁忙，请稍后重试",
    ),
)

SCRIPT_FAULTS = frozenset({
    "drop", "create_then_drop", "then_drop", "http502", "isp", "ban", "error", "delay",
    "result",
})
RATE_KEYS = ("fault_rate", "http502_rate", "drop_rate", "create_then_drop_rate", "isp_commit_rate")


# What a missing API answers (taobao-props.md §1): code 11 lists the scope ids the app lacks.
PERMISSION_SUB_CODES = ("isv.permission-api-package-limit",
                        "isv.permission-api-package-not-allowed",
                        "isv.permission-api-package-empty")
DENIED_SCOPES = "scope ids is 381 382 11430"


class FaultSpecError(ValueError):
    """A fault setting or script entry that makes no sense (HTTP 400 at the door)."""


@dataclass
class Decision:
    """What to do to one call. ``commit``: run the method before the fault answer."""

    fault: str | None = None
    commit: bool = False
    delay_ms: int = 0
    error: ApiError | None = None
    ban_seconds: float = 0.0
    ban_scope: str = "app"
    extra: dict[str, Any] = field(default_factory=dict)


def isp_error(rng: random.Random, sub_code: str | None = None) -> ApiError:
    if sub_code:
        return ApiError(15, None, sub_code, "服务暂时不可用，请稍后重试")
    code, text = rng.choice(ISP_ERRORS)
    return ApiError(15, None, code, text)


def _check_script_entry(entry: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(entry, Mapping):
        raise FaultSpecError("script entries must be objects")
    fault = entry.get("fault")
    if fault not in SCRIPT_FAULTS:
        raise FaultSpecError(f"unknown script fault {fault!r}; known: {sorted(SCRIPT_FAULTS)}")
    method = entry.get("method", "*")
    if not isinstance(method, str) or not method:
        raise FaultSpecError("script entry method must be a method name or '*'")
    if fault == "error" and not isinstance(entry.get("code"), int):
        raise FaultSpecError("an 'error' script entry needs an integer code")
    if fault == "result" and not isinstance(entry.get("result"), str):
        raise FaultSpecError("a 'result' script entry needs the text to answer with")
    return {**dict(entry), "method": method}


def check_denial(entry: Any) -> dict[str, Any]:
    """A ``deny_api`` entry: ``method`` (default taobao.item.add), ``code`` 11 or 22,
    ``app_key`` (absent = every app), ``sub_code`` (11 only; one of `PERMISSION_SUB_CODES`)."""
    if not isinstance(entry, Mapping):
        raise FaultSpecError("deny_api entries must be objects")
    method = entry.get("method", "taobao.item.add")
    code = entry.get("code", 11)
    app_key = entry.get("app_key")
    sub_code = entry.get("sub_code", PERMISSION_SUB_CODES[0])
    if not isinstance(method, str) or not method:
        raise FaultSpecError("deny_api method must be a method name")
    if code not in (11, 22) or isinstance(code, bool):
        raise FaultSpecError("deny_api code must be 11 (no permission) or 22 (API offline)")
    if app_key is not None and not isinstance(app_key, str):
        raise FaultSpecError("deny_api app_key must be a string")
    if sub_code not in PERMISSION_SUB_CODES:
        raise FaultSpecError(f"deny_api sub_code must be one of {list(PERMISSION_SUB_CODES)}")
    return {"method": method, "code": code, "app_key": app_key, "sub_code": sub_code,
            "sub_msg": f"{DENIED_SCOPES}（应用没有接口 {method} 的权限）"}


class FaultState:
    """Current fault settings; ``decide`` is called once per authenticated call."""

    def __init__(
        self, *, latency_ms: int = 0, fault_rate: float = 0.0, http502_rate: float = 0.0,
        drop_rate: float = 0.0, create_then_drop_rate: float = 0.0,
        isp_commit_rate: float = 0.5, seed: int | None = None,
    ) -> None:
        self._lock = threading.Lock()
        self.latency_ms = latency_ms
        self.rates: dict[str, float] = {
            "fault_rate": fault_rate, "http502_rate": http502_rate, "drop_rate": drop_rate,
            "create_then_drop_rate": create_then_drop_rate, "isp_commit_rate": isp_commit_rate,
        }
        self.rng = random.Random(seed)
        self.script: list[dict[str, Any]] = []
        self.denials: list[dict[str, Any]] = []

    def set_latency(self, value: Any) -> None:
        if not isinstance(value, int | float) or value < 0:
            raise FaultSpecError("latency_ms must be a number >= 0")
        with self._lock:
            self.latency_ms = int(value)

    def set_rate(self, key: str, value: Any) -> None:
        if not isinstance(value, int | float) or not 0 <= value <= 1:
            raise FaultSpecError(f"{key} must be a fraction between 0 and 1")
        with self._lock:
            self.rates[key] = float(value)

    def set_script(self, entries: Any, *, append: bool = False) -> None:
        if not isinstance(entries, list):
            raise FaultSpecError("script must be a list")
        checked = [_check_script_entry(entry) for entry in entries]
        with self._lock:
            self.script = [*self.script, *checked] if append else checked

    def set_denials(self, entries: Any) -> None:
        """Replace the ``deny_api`` switches (``[]`` clears them)."""
        if not isinstance(entries, list):
            raise FaultSpecError("deny_api must be a list")
        checked = [check_denial(entry) for entry in entries]
        with self._lock:
            self.denials = checked

    def denial(self, app_key: str, method: str) -> dict[str, Any] | None:
        """The switch that makes ``method`` answer 11 or 22 for this app, if any."""
        with self._lock:
            return next((d for d in self.denials if d["method"] == method
                         and d["app_key"] in (None, app_key)), None)

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {"latency_ms": self.latency_ms, **self.rates, "script": list(self.script),
                    "deny_api": [dict(d) for d in self.denials]}

    def _take_script(self, method: str) -> dict[str, Any] | None:
        for index, entry in enumerate(self.script):
            if entry["method"] in ("*", method):
                return self.script.pop(index)
        return None

    def decide(self, method: str, *, is_write: bool, is_add: bool) -> Decision:
        """The fault (if any) for this call: the first matching script entry wins, then dice."""
        with self._lock:
            entry = self._take_script(method)
            if entry is not None:
                return self._from_script(entry)
            roll = self.rng.random
            if roll() < self.rates["drop_rate"]:
                return Decision(fault="drop")
            if roll() < self.rates["http502_rate"]:
                return Decision(fault="http502")
            if is_add and roll() < self.rates["create_then_drop_rate"]:
                return Decision(fault="create_then_drop", commit=True)
            if roll() < self.rates["fault_rate"]:
                commit = is_write and roll() < self.rates["isp_commit_rate"]
                return Decision(fault="isp", commit=commit, error=isp_error(self.rng))
            return Decision()

    def _from_script(self, entry: dict[str, Any]) -> Decision:
        fault = entry["fault"]
        if fault in ("create_then_drop", "then_drop"):
            return Decision(fault="create_then_drop", commit=True, extra=entry)
        if fault == "isp":
            error = isp_error(self.rng, entry.get("sub_code"))
            return Decision(fault="isp", commit=bool(entry.get("commit")), error=error, extra=entry)
        if fault == "error":
            error = ApiError(
                int(entry["code"]), entry.get("msg"), entry.get("sub_code"), entry.get("sub_msg"),
            )
            return Decision(fault="error", commit=bool(entry.get("commit")), error=error,
                            extra=entry)
        if fault == "ban":
            return Decision(
                fault="ban", ban_seconds=float(entry.get("seconds", 1)),
                ban_scope=str(entry.get("scope", "app")), extra=entry,
            )
        if fault == "delay":
            return Decision(fault="delay", delay_ms=int(entry.get("ms", 1000)), extra=entry)
        return Decision(fault=fault, extra=entry)  # drop, http502
