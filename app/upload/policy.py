"""Retry policy: what the engine does with a failed call, by error kind (pure, injectable time).

- transient: retry with exponential backoff and full jitter, bounded; on ``item.add`` when the
  server may have acted (``maybe_executed``) the row is reconciled by outer_id instead.
- rate_limited: short bans are waited out by the client; a longer ban pauses every worker for its
  duration; the daily quota stops the run (or sleeps until the reset with ``--wait-for-quota``).
- auth: pause, ask the token manager for a new session (refresh) or the user (re-authorise).
- row: the row fails with its Chinese explanation; retried after the user edits it.
- fatal: the run stops and says what to check.
- a full picture space (``PICTURE_OVER_AVAILSPACE``, whatever the call): the run stops with one
  message; rows not reached stay as they are (taobao-props.md §8: "pause run", not a row error).
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Protocol

from app.top.errors import ErrorKind


class ApiError(Protocol):
    """The fields of `app.top.errors.TopError` the policy reads."""

    kind: ErrorKind
    maybe_executed: bool
    daily_quota: bool
    ban_seconds: int | None
    reset_at: datetime | None


PICTURE_SPACE_FULL = "PICTURE_OVER_AVAILSPACE"
PICTURE_SPACE_FULL_TEXT = "图片空间容量不足"


def is_picture_space_full(err: object) -> bool:
    """``isv.pictureServiceClient-service-error:PICTURE_OVER_AVAILSPACE`` (or its text)."""
    sub_code = str(getattr(err, "sub_code", None) or "")
    sub_msg = str(getattr(err, "sub_msg", None) or "")
    return sub_code.endswith(PICTURE_SPACE_FULL) or PICTURE_SPACE_FULL_TEXT in sub_msg


class Decision(StrEnum):
    RETRY = "retry"  # wait `Verdict.delay`, send again
    RECONCILE = "reconcile"  # item.add outcome unknown: look the outer_id up first
    WAIT_BAN = "wait_ban"  # pause all workers `delay` seconds, then send again
    QUOTA = "quota"  # daily quota gone: stop (or wait for the reset)
    AUTH = "auth"  # new session needed
    FAIL_ROW = "fail_row"  # give up on this row for this run
    FATAL = "fatal"  # stop the run
    PICTURE_SPACE = "picture_space"  # the shop's picture space is full: stop the run


@dataclass(frozen=True, slots=True)
class Verdict:
    decision: Decision
    delay: float = 0.0


@dataclass(slots=True)
class RetryPolicy:
    max_attempts: int = 6  # sends of one call, first included
    base_delay: float = 0.5
    max_delay: float = 30.0
    max_ban_wait: float = 600.0  # a longer non-daily ban is treated like the daily quota
    rng: random.Random = field(default_factory=random.Random)

    def backoff(self, attempt: int) -> float:
        """Full jitter: uniform(0, min(cap, base * 2**(attempt-1))) for attempt 1, 2, ..."""
        ceiling = min(self.max_delay, self.base_delay * (2 ** max(0, attempt - 1)))
        return self.rng.uniform(0.0, ceiling)

    def decide(self, err: ApiError, attempt: int, *, creates: bool = False) -> Verdict:
        """What to do after send number ``attempt`` (1-based) of one call failed with ``err``.

        ``creates`` is True for the call that creates the item (item.add).
        """
        kind = err.kind
        if is_picture_space_full(err):
            return Verdict(Decision.PICTURE_SPACE)
        if kind is ErrorKind.TRANSIENT:
            if creates and err.maybe_executed:
                return Verdict(Decision.RECONCILE)
            if attempt < self.max_attempts:
                return Verdict(Decision.RETRY, self.backoff(attempt))
            return Verdict(Decision.FAIL_ROW)
        if kind is ErrorKind.RATE_LIMITED:
            if err.daily_quota:
                return Verdict(Decision.QUOTA)
            seconds = float(err.ban_seconds) if err.ban_seconds else self.backoff(attempt) + 1.0
            if seconds > self.max_ban_wait:
                return Verdict(Decision.QUOTA)
            if attempt < self.max_attempts:
                return Verdict(Decision.WAIT_BAN, seconds + self.rng.uniform(0.0, 0.5))
            return Verdict(Decision.FAIL_ROW)
        if kind is ErrorKind.AUTH:
            return Verdict(Decision.AUTH)
        if kind is ErrorKind.ROW:
            return Verdict(Decision.FAIL_ROW)
        return Verdict(Decision.FATAL)


class Clock(Protocol):
    """Where the engine's waits get their time; `SystemClock` by default, a fake in tests."""

    def monotonic(self) -> float: ...

    def utcnow(self) -> datetime: ...

    def wait(self, event: threading.Event, seconds: float) -> bool:
        """Block up to ``seconds`` or until ``event`` is set; True if it is set."""
        ...


class SystemClock:
    """The real clocks; waits are `threading.Event.wait` (woken at once by a cancel)."""

    def monotonic(self) -> float:
        return time.monotonic()

    def utcnow(self) -> datetime:
        return datetime.now(UTC)

    def wait(self, event: threading.Event, seconds: float) -> bool:
        return event.wait(seconds)


class Waiter:
    """Cancellable sleeping on an injectable `Clock` (pass ``Engine(waiter=Waiter(clock=...))``)."""

    def __init__(self, cancel: threading.Event | None = None, *,
                 clock: Clock | None = None) -> None:
        self.cancel = cancel or threading.Event()
        self.clock: Clock = clock or SystemClock()

    def monotonic(self) -> float:
        return self.clock.monotonic()

    def utcnow(self) -> datetime:
        return self.clock.utcnow()

    def sleep(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; False if cancelled meanwhile."""
        if seconds > 0:
            self.clock.wait(self.cancel, seconds)
        return not self.cancel.is_set()

    def sleep_until(self, when: datetime, slack: float = 5.0) -> bool:
        """Sleep until an aware UTC ``when`` (+ ``slack`` seconds) by the clock, in slices of
        at most a minute (a PC that slept or a clock that was set is noticed); False if
        cancelled."""
        while not self.cancel.is_set():
            left = (when - self.clock.utcnow()).total_seconds() + slack
            if left <= 0:
                return True
            self.clock.wait(self.cancel, min(left, 60.0))
        return False
