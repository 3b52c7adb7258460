"""`TopClient`: signs and sends calls through one pooled session under a shared rate limiter.

The client retries only short code-7 bans (after the shared limiter waited them out,
at most ``cfg.max_ban_retries`` times); every other failure is raised as a `TopError`
for the engine to decide. Typed calls (``add_item``…) live in `app.top.calls`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import requests

from app.top.calls import TypedCalls
from app.top.chinatime import utc_now
from app.top.config import TopConfig
from app.top.errors import CallCancelledError, ErrorKind, TopError
from app.top.ratelimit import RateLimiter
from app.top.request import FilePart, build_call
from app.top.response import parse_response
from app.top.schema_calls import SchemaCalls
from app.top.transport import new_http_session, post, status_error, transport_error

__all__ = ["CallRecord", "FilePart", "TopClient", "TopConfig"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CallRecord:
    """One HTTP attempt, as told to the client's observer (no parameters: no secrets)."""

    method: str
    duration: float  # seconds
    error: TopError | None  # None = success
    request_id: str | None
    ban_retry: int  # 0 = first send; n = the n-th resend after a short code-7 ban


class TopClient(TypedCalls, SchemaCalls):
    """A thread-safe TOP client for one app and one shop session.

    ``observer`` (settable) is told of every HTTP attempt — including resends after a short
    ban — on the calling thread; the upload engine's audit log listens there.
    """

    def __init__(
        self,
        cfg: TopConfig,
        secret: str,
        session: str | None = None,
        limiter: RateLimiter | None = None,
        *,
        http: requests.Session | None = None,
        clock: Callable[[], datetime] = utc_now,
        cancel_event: threading.Event | None = None,
        observer: Callable[[CallRecord], None] | None = None,
    ) -> None:
        if not secret:
            raise ValueError("secret is empty")
        self.cfg = cfg
        self._secret = secret
        self._session = session
        # without a shared limiter, a private one still honours bans
        self.limiter = limiter if limiter is not None else RateLimiter(qps=None)
        self._http = http if http is not None else new_http_session(
            cfg.pool_size, use_proxy_settings=not cfg.is_loopback)
        self._owns_http = http is None
        self._clock = clock
        self.cancel_event = cancel_event
        self._lock = threading.Lock()
        self._calls_made = 0
        self.observer = observer

    def __repr__(self) -> str:
        return f"TopClient(app_key={self.cfg.app_key!r}, gateway_url={self.cfg.gateway_url!r})"

    @property
    def session(self) -> str | None:
        """The shop's access token (settable after a re-authorisation)."""
        return self._session

    @session.setter
    def session(self, token: str | None) -> None:
        with self._lock:
            self._session = token

    @property
    def calls_made(self) -> int:
        """HTTP requests sent so far (every attempt counts)."""
        with self._lock:
            return self._calls_made

    def close(self) -> None:
        """Close the pooled connections (only if this client created the session)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> TopClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def call(
        self,
        method: str,
        params: Mapping[str, object],
        files: Mapping[str, FilePart] | None = None,
    ) -> dict[str, Any]:
        """Send one call; the unwrapped ``<method>_response`` object, or raise `TopError`."""
        retries = 0
        while True:
            if not self.limiter.acquire(self.cancel_event):
                raise CallCancelledError(method)
            try:
                return self._send_once(method, params, files, retries)
            except TopError as err:
                if not self._retry_after_ban(err, retries):
                    raise
                retries += 1

    def _retry_after_ban(self, err: TopError, retries: int) -> bool:
        """On a short code-7 ban: ban the shared limiter and say whether to try again."""
        if err.kind is not ErrorKind.RATE_LIMITED or err.daily_quota:
            return False
        seconds = err.ban_seconds if err.ban_seconds is not None else 1
        self.limiter.ban(seconds)
        if seconds > self.cfg.max_ban_wait or retries >= self.cfg.max_ban_retries:
            return False
        log.info("TOP %s banned for %s s (attempt %d): waiting", err.method, seconds, retries + 1)
        return True

    def _send_once(
        self,
        method: str,
        params: Mapping[str, object],
        files: Mapping[str, FilePart] | None,
        ban_retry: int = 0,
    ) -> dict[str, Any]:
        cfg = self.cfg
        with self._lock:
            session = self._session
        prepared = build_call(
            method, params, files, app_key=cfg.app_key, secret=self._secret, session=session,
            sign_method=cfg.sign_method, timestamp=self._clock(), partner_id=cfg.partner_id,
            simplify=cfg.simplify,
        )
        with self._lock:
            self._calls_made += 1
        started = time.monotonic()
        failure: TopError | None = None
        try:
            response = post(self._http, cfg.gateway_url, prepared,
                            (cfg.connect_timeout, cfg.read_timeout))
        except requests.RequestException as exc:
            failure = transport_error(exc, method)
        if failure is not None:  # raised outside `except`: no chained text holding the URL
            self._done(method, started, ban_retry, failure)
            raise failure
        status, content = response.status_code, response.content
        response.close()
        failure = status_error(status, method)
        if failure is not None:
            self._done(method, started, ban_retry, failure)
            raise failure
        try:
            hide = (self._secret, prepared.query.get("session", ""), prepared.query.get("sign", ""))
            payload = parse_response(method, content, self._clock(), hide)
        except TopError as err:
            self._done(method, started, ban_retry, err)
            raise
        request_id = payload.get("request_id")
        self._done(method, started, ban_retry, None, str(request_id) if request_id else None)
        return payload

    def _done(self, method: str, started: float, ban_retry: int, err: TopError | None,
              request_id: str | None = None) -> None:
        """Log one attempt and tell the observer (an observer's failure never fails the call)."""
        duration = time.monotonic() - started
        if err is None:
            log.debug("TOP %s ok in %.0f ms request_id=%s", method, duration * 1000, request_id)
        else:
            log.info("TOP %s failed in %.0f ms: %s", method, duration * 1000, err)
        observer = self.observer
        if observer is None:
            return
        record = CallRecord(method, duration, err,
                            request_id if err is None else err.request_id, ban_retry)
        try:
            observer(record)
        except Exception:
            log.exception("call observer failed for %s", method)
