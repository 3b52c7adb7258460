"""The typed errors of the TOP client. Every failure the engine sees is one `TopError`."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum


class ErrorKind(StrEnum):
    """What the UI and the retry policy act on (see docs/architecture.md)."""

    TRANSIENT = "transient"  # network, timeout, 5xx, code 10, isp.*: retry with backoff
    RATE_LIMITED = "rate_limited"  # code 7: wait the ban; daily quota stops the run
    AUTH = "auth"  # 26/27: pause, re-authorise, go on
    ROW = "row"  # 40/41/43/15+isv.*, local validation: the user fixes the row
    FATAL = "fatal"  # configuration or a bug: stop and say what to check


class TopError(Exception):
    """One failed TOP call (or OAuth exchange), classified.

    ``maybe_executed`` is True when the server may have acted although we got no success
    answer (read timeout, connection dropped after sending, HTTP 5xx, ``isp.*``).
    Built only from server fields and our own wording: never holds the secret, the session
    or the sign (nor a URL, whose query carries them).
    """

    def __init__(
        self,
        kind: ErrorKind,
        *,
        code: int | None = None,
        msg: str = "",
        sub_code: str | None = None,
        sub_msg: str | None = None,
        request_id: str | None = None,
        method: str | None = None,
        explanation: str = "",
        action: str = "",
        ban_seconds: int | None = None,
        reset_at: datetime | None = None,
        daily_quota: bool = False,
        maybe_executed: bool = False,
    ) -> None:
        self.kind = kind
        self.code = code
        self.msg = msg
        self.sub_code = sub_code
        self.sub_msg = sub_msg
        self.request_id = request_id
        self.method = method
        self.explanation = explanation
        self.action = action
        self.ban_seconds = ban_seconds
        self.reset_at = reset_at
        self.daily_quota = daily_quota
        self.maybe_executed = maybe_executed
        super().__init__(self._summary())

    def _summary(self) -> str:
        parts = [f"[{self.kind.value}]"]
        if self.method:
            parts.append(self.method)
        if self.code is not None:
            parts.append(f"code={self.code}")
        if self.sub_code:
            parts.append(f"sub_code={self.sub_code}")
        text = self.sub_msg or self.msg
        if text:
            parts.append(text)
        if self.request_id:
            parts.append(f"request_id={self.request_id}")
        return " ".join(parts)

    def __str__(self) -> str:
        return self._summary()

    def __repr__(self) -> str:
        return (
            f"TopError(kind={self.kind.value!r}, code={self.code!r}, sub_code={self.sub_code!r}, "
            f"msg={self.msg!r}, sub_msg={self.sub_msg!r}, method={self.method!r}, "
            f"request_id={self.request_id!r}, maybe_executed={self.maybe_executed!r}, "
            f"ban_seconds={self.ban_seconds!r}, daily_quota={self.daily_quota!r})"
        )

    @property
    def user_message(self) -> str:
        """The Chinese text to show a shop owner: what happened, what to do, the request id."""
        text = self.explanation or self.sub_msg or self.msg
        if self.action:
            text = f"{text}（{self.action}）" if text else self.action
        if self.request_id:
            text = f"{text} [request_id: {self.request_id}]"
        return text


class CallCancelledError(TopError):
    """The caller's cancel event was set while the call waited for its rate-limit slot."""

    def __init__(self, method: str | None = None) -> None:
        super().__init__(
            ErrorKind.TRANSIENT,
            msg="cancelled before sending",
            method=method,
            explanation="已取消，请求没有发出。",
            action="可以稍后继续。",
            maybe_executed=False,
        )
