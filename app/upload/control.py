"""Run control shared by the workers: pause/resume/cancel, bans, auth and quota, and `Caller`,
the one place an API call is sent, audited and retried by the policy."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from app.top.client import TopClient
from app.top.errors import CallCancelledError, TopError
from app.upload.audit import call_context
from app.upload.events import Event, PauseReason, RunPaused, RunResumed
from app.upload.policy import Decision, RetryPolicy, Waiter
from app.upload.session import ReauthNeeded, SessionProvider

T = TypeVar("T")
MAX_AUTH_RETRIES = 3


class Stopped(Exception):  # noqa: N818
    """The run is stopping (cancel, fatal error, daily quota, re-auth needed headless)."""


class QuotaStop(Stopped):
    """The daily quota is gone and the run does not wait for the reset."""


class Doubt(Exception):  # noqa: N818
    """item.add may have created the item: reconcile by outer_id before sending again."""

    def __init__(self, err: TopError) -> None:
        super().__init__(str(err))
        self.err = err


class CallFailed(Exception):  # noqa: N818
    """The policy gave up on this call for this row (row error or retries exhausted)."""

    def __init__(self, err: TopError) -> None:
        super().__init__(str(err))
        self.err = err


class RunControl:
    """The gate every call passes: open (running), closed (paused), or stopping."""

    def __init__(self, client: TopClient, sessions: SessionProvider | None,
                 emit: Callable[[Event], None], *, wait_for_quota: bool,
                 waiter: Waiter | None = None) -> None:
        self.client = client
        self.sessions = sessions
        self.emit = emit
        self.wait_for_quota = wait_for_quota
        self.cancel = threading.Event()  # stop sending (user cancel or a stop reason)
        self.waiter = waiter or Waiter(self.cancel)
        self.waiter.cancel = self.cancel
        client.cancel_event = self.cancel
        self._cond = threading.Condition()
        self._pauses: set[PauseReason] = set()
        self.stop_reason: str | None = None  # StopReason value once stopping
        self.stop_message = ""
        self.reset_at: datetime | None = None
        self.quota_message = "今日调用额度已用完"
        self._session_gen = 0
        self._auth_lock = threading.Lock()
        self.token_margin = timedelta(minutes=10)
        # the picture space is full: (error, bytes of the refused picture) → the run's message
        self.on_picture_space: Callable[[TopError, int | None], str] | None = None

    # -- gate -------------------------------------------------------------------------------
    def wait_open(self) -> None:
        with self._cond:
            while self._pauses and not self.cancel.is_set():
                self._cond.wait(0.25)
        if self.cancel.is_set():
            raise QuotaStop() if self.stop_reason == "quota" else Stopped()

    def pause(self, reason: PauseReason, message: str = "", until: datetime | None = None) -> None:
        with self._cond:
            new = reason not in self._pauses
            self._pauses.add(reason)
        if new:
            self.emit(RunPaused(reason, message, until))

    def resume(self, reason: PauseReason | None = None) -> None:
        with self._cond:
            if reason is None:
                self._pauses.clear()
            else:
                self._pauses.discard(reason)
            opened = not self._pauses
            self._cond.notify_all()
        if opened:
            self.emit(RunResumed())

    @property
    def paused(self) -> bool:
        with self._cond:
            return bool(self._pauses)

    def stop(self, reason: str, message: str = "") -> None:
        """Stop sending: calls in flight finish, nothing new leaves."""
        with self._cond:
            if self.stop_reason is None:
                self.stop_reason = reason
                self.stop_message = message
            self.cancel.set()
            self._cond.notify_all()
        self.client.limiter.wake_all()

    # -- events from calls ------------------------------------------------------------------
    def picture_space_full(self, err: TopError, size: int | None) -> None:
        """A call answered PICTURE_OVER_AVAILSPACE: stop the run with one message."""
        handler = self.on_picture_space
        message = (handler(err, size) if handler is not None
                   else f"图片空间容量不足，上架已停止：{err.user_message}")
        self.stop("picture_space", message)

    def ban(self, seconds: float) -> None:
        """Every worker waits out a ban (the limiter holds all slots back); listeners are told
        with ``RunPaused(BAN, until=...)``, which ends by itself (no RunResumed follows)."""
        self.client.limiter.ban(seconds)
        until = self.waiter.utcnow() + timedelta(seconds=seconds)
        self.emit(RunPaused(PauseReason.BAN, f"淘宝限流，全部请求暂停约 {seconds:.0f} 秒后自动继续",
                            until))

    def set_wait_for_quota(self, wait: bool) -> None:
        """Change, during a run, what the daily quota does: wait for the reset, or stop. Turned
        off while the run waits for the reset, the run stops as if it had never waited."""
        with self._cond:
            self.wait_for_quota = wait
            waiting = PauseReason.QUOTA in self._pauses
        if not wait and waiting:
            self.stop("quota", self.quota_message)

    def quota(self, err: TopError) -> bool:
        """Daily quota gone. True: waited until the reset (send again); False: stop."""
        self.reset_at = err.reset_at
        self.quota_message = err.user_message
        until = err.reset_at
        if not self.wait_for_quota or until is None:
            self.stop("quota", err.user_message)
            return False
        if until <= self.waiter.utcnow():  # an answer sent before the reset we waited for
            return not self.cancel.is_set()
        self.pause(PauseReason.QUOTA, err.user_message, until)
        if not self.wait_for_quota:  # switched off meanwhile (set_wait_for_quota)
            self.stop("quota", err.user_message)
        ok = self.waiter.sleep_until(until)
        self.resume(PauseReason.QUOTA)
        return ok

    def session_generation(self) -> int:
        return self._session_gen

    def renew_session(self, err: Exception | None, seen_gen: int,
                      failed_session: str | None = None) -> None:
        """After an auth error (or ahead of expiry): get a new session, or pause for re-auth.

        Only the first worker to see a given session fail renews it; the others just retry.
        """
        with self._auth_lock:
            if seen_gen != self._session_gen:
                return
            try:
                if self.sessions is None:
                    raise ReauthNeeded("店铺授权已失效，需要重新授权后继续。")
                token = (self.sessions.on_auth_error(err, failed_session) if err is not None
                         else self.sessions.session_for_run(margin=self.token_margin))
            except ReauthNeeded as exc:
                self.pause(PauseReason.REAUTH, str(exc) or "需要重新授权")
                self.wait_open()  # resume_with(session) or cancel
                return
            self.client.session = token
            self._session_gen += 1

    def resume_with(self, session: str) -> None:
        """The user authorised again: go on with the new session."""
        self.client.session = session
        self._session_gen += 1
        self.resume(PauseReason.REAUTH)


class Caller:
    """Sends one API call under the run control and applies the policy. The audit log hears
    every HTTP attempt from the client itself; the Caller only says what it is for."""

    def __init__(self, control: RunControl, policy: RetryPolicy) -> None:
        self.control = control
        self.policy = policy

    def call(self, method: str, send: Callable[[], T], *, row: int | None = None,
             key: str | None = None, creates: bool = False, **info: object) -> T:
        attempt = 0
        auth_tries = 0
        while True:
            self.control.wait_open()
            attempt += 1
            gen = self.control.session_generation()
            used_session = self.control.client.session
            try:
                with call_context(row=row, outer_id=key, attempt=attempt, **info):
                    return send()
            except CallCancelledError:
                raise Stopped() from None
            except TopError as err:
                verdict = self.policy.decide(err, attempt, creates=creates)
                d = verdict.decision
                if d is Decision.RETRY:
                    if not self.control.waiter.sleep(verdict.delay):
                        raise Stopped() from None
                elif d is Decision.WAIT_BAN:
                    self.control.ban(verdict.delay)
                elif d is Decision.AUTH:
                    auth_tries += 1
                    if auth_tries > MAX_AUTH_RETRIES:
                        raise CallFailed(err) from None
                    self.control.renew_session(err, gen, used_session)
                elif d is Decision.QUOTA:
                    if not self.control.quota(err):
                        raise QuotaStop() from None
                    attempt = 0
                elif d is Decision.RECONCILE:
                    raise Doubt(err) from None
                elif d is Decision.PICTURE_SPACE:
                    size = info.get("size")
                    self.control.picture_space_full(err, size if isinstance(size, int) else None)
                    raise Stopped() from None
                elif d is Decision.FATAL:
                    self.control.stop("fatal", err.user_message)
                    raise CallFailed(err) from None
                else:
                    raise CallFailed(err) from None
