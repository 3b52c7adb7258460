"""Retry policy decisions and the cancellable waiter."""

from __future__ import annotations

import random
import threading
from datetime import UTC, datetime, timedelta

from app.top.errors import ErrorKind, TopError
from app.upload.policy import Decision, RetryPolicy, Waiter


def Err(kind: ErrorKind, **kw: object) -> TopError:
    return TopError(kind, **kw)  # type: ignore[arg-type]


def policy() -> RetryPolicy:
    return RetryPolicy(max_attempts=4, base_delay=1.0, max_delay=5.0, rng=random.Random(7))


def test_transient_backoff_is_bounded_full_jitter() -> None:
    p = policy()
    for attempt, ceiling in [(1, 1.0), (2, 2.0), (3, 4.0)]:
        delays = [p.decide(Err(ErrorKind.TRANSIENT), attempt).delay for _ in range(200)]
        assert all(0.0 <= d <= ceiling for d in delays)
        assert max(delays) > ceiling * 0.8  # full jitter spreads over the whole range
    assert p.backoff(10) <= 5.0
    assert p.decide(Err(ErrorKind.TRANSIENT), 4).decision is Decision.FAIL_ROW


def test_maybe_executed_create_is_reconciled_not_retried() -> None:
    p = policy()
    err = Err(ErrorKind.TRANSIENT, maybe_executed=True)
    assert p.decide(err, 1, creates=True).decision is Decision.RECONCILE
    assert p.decide(err, 1, creates=False).decision is Decision.RETRY
    not_sent = Err(ErrorKind.TRANSIENT, maybe_executed=False)
    assert p.decide(not_sent, 1, creates=True).decision is Decision.RETRY


def test_kinds() -> None:
    p = policy()
    assert p.decide(Err(ErrorKind.ROW), 1).decision is Decision.FAIL_ROW
    assert p.decide(Err(ErrorKind.AUTH), 1).decision is Decision.AUTH
    assert p.decide(Err(ErrorKind.FATAL), 1).decision is Decision.FATAL
    quota = Err(ErrorKind.RATE_LIMITED, daily_quota=True)
    assert p.decide(quota, 1).decision is Decision.QUOTA
    ban = p.decide(Err(ErrorKind.RATE_LIMITED, ban_seconds=3), 1)
    assert ban.decision is Decision.WAIT_BAN
    assert 3.0 <= ban.delay <= 3.5
    long_ban = Err(ErrorKind.RATE_LIMITED, ban_seconds=3600)
    assert p.decide(long_ban, 1).decision is Decision.QUOTA


class SteppingClock:
    """A clock that only moves when someone waits on it; can fire a cancel at a set time."""

    def __init__(self, start: datetime) -> None:
        self.now = start
        self.waits: list[float] = []
        self.cancel_at: datetime | None = None

    def monotonic(self) -> float:
        return (self.now - datetime(2026, 1, 1, tzinfo=UTC)).total_seconds()

    def utcnow(self) -> datetime:
        return self.now

    def wait(self, event: threading.Event, seconds: float) -> bool:
        if event.is_set():
            return True
        self.waits.append(seconds)
        self.now += timedelta(seconds=seconds)
        if self.cancel_at is not None and self.now >= self.cancel_at:
            event.set()
        return event.is_set()


def test_waiter_sleep_until_wakes_when_the_clock_passes_the_deadline() -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    clock = SteppingClock(start)
    waiter = Waiter(threading.Event(), clock=clock)
    assert waiter.sleep_until(start - timedelta(seconds=10))  # already past: no wait
    assert clock.waits == []
    deadline = start + timedelta(hours=5)
    assert waiter.sleep_until(deadline, slack=5.0)
    assert deadline + timedelta(seconds=5) <= clock.now < deadline + timedelta(seconds=65)
    assert max(clock.waits) <= 60.0  # re-checks the clock at least every minute


def test_waiter_sleep_until_stops_when_cancelled_midway() -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    clock = SteppingClock(start)
    cancel = threading.Event()
    waiter = Waiter(cancel, clock=clock)
    clock.cancel_at = start + timedelta(hours=1)
    assert not waiter.sleep_until(start + timedelta(hours=5))
    assert start + timedelta(hours=1) <= clock.now < start + timedelta(hours=1, minutes=2)
    assert not waiter.sleep(100.0)
    assert clock.now < start + timedelta(hours=1, minutes=2)  # a cancelled waiter does not wait


def test_a_full_picture_space_stops_the_run_whatever_the_kind() -> None:
    p = policy()
    full = Err(ErrorKind.ROW, code=15,
               sub_code="isv.pictureServiceClient-service-error:PICTURE_OVER_AVAILSPACE",
               sub_msg="图片空间容量不足")
    assert p.decide(full, 1).decision is Decision.PICTURE_SPACE
    by_text = Err(ErrorKind.ROW, code=15, sub_code="isv.x", sub_msg="图片空间容量不足，请扩容")
    assert p.decide(by_text, 1, creates=True).decision is Decision.PICTURE_SPACE
    other = Err(ErrorKind.ROW, code=15, sub_code="isv.invalid-parameter:title")
    assert p.decide(other, 1).decision is Decision.FAIL_ROW


def test_a_quota_answer_from_before_the_reset_does_not_pause_the_run_again() -> None:
    """Two workers hit the daily quota; the first waits until the reset and goes on. The second
    one's answer (sent before the reset) must not pause the run a second time."""
    from app.top.ratelimit import RateLimiter
    from app.upload.control import RunControl
    from app.upload.events import RunPaused
    from tests.upload_kit import JumpingClock

    class Client:  # what RunControl touches of a TopClient
        limiter = RateLimiter(qps=None)
        cancel_event: threading.Event | None = None

    events: list[object] = []
    clock = JumpingClock()
    control = RunControl(Client(), None, events.append, wait_for_quota=True,  # type: ignore[arg-type]
                         waiter=Waiter(threading.Event(), clock=clock))
    reset = datetime.now(UTC) + timedelta(hours=3)
    err = Err(ErrorKind.RATE_LIMITED, code=7, daily_quota=True, reset_at=reset)
    assert control.quota(err) is True  # the first waits (the clock jumps three hours)
    assert clock.utcnow() >= reset
    assert control.quota(err) is True  # the second: sent before the reset, just send again
    assert [type(e) for e in events].count(RunPaused) == 1
