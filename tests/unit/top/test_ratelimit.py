"""RateLimiter: even spacing, sliding-window safety, bans, rate changes, cancellation."""

from __future__ import annotations

import itertools
import threading
import time

import pytest

from app.top.ratelimit import RateLimiter


class FakeTime:
    """A clock that only moves when someone sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds > 0
        self.now += seconds


def _limiter(qps: float | None, ft: FakeTime, **kw: object) -> RateLimiter:
    return RateLimiter(qps, clock=ft.clock, sleep=ft.sleep, ban_jitter=(0.1, 0.1), **kw)  # type: ignore[arg-type]


def _grants(limiter: RateLimiter, ft: FakeTime, n: int) -> list[float]:
    times = []
    for _ in range(n):
        assert limiter.acquire()
        times.append(ft.now)
    return times


def _max_in_window(times: list[float], window: float = 1.0) -> int:
    """Most calls inside any half-open window (t - window, t]."""
    return max(sum(1 for u in times if t - window < u <= t) for t in times)


@pytest.mark.parametrize("qps", [2, 5, 20, 50])
def test_spacing_and_sliding_window(qps: int) -> None:
    ft = FakeTime()
    limiter = _limiter(qps, ft)
    times = _grants(limiter, ft, qps * 5 + 1)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) == pytest.approx(1.03 / qps)
    # never more than qps calls in any 1-second window, even a closed one
    assert max(sum(1 for u in times if t <= u <= t + 1.0) for t in times) <= qps
    rate = (len(times) - 1) / (times[-1] - times[0])
    assert rate >= 0.95 * qps
    assert limiter.granted == len(times)


def test_after_a_pause_no_burst() -> None:
    ft = FakeTime()
    limiter = _limiter(10, ft)
    times = _grants(limiter, ft, 3)
    ft.now += 0.5  # the caller was busy: the next call may go at once...
    times += _grants(limiter, ft, 12)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 0.103 - 1e-9  # ...but no burst to make up for the pause
    assert times[3] == pytest.approx(times[2] + 0.5)
    assert _max_in_window(times) <= 10


def test_no_rate_means_no_wait() -> None:
    ft = FakeTime()
    limiter = _limiter(None, ft)
    start = ft.now
    _grants(limiter, ft, 100)
    assert ft.now == start


def test_ban_holds_every_acquire_until_it_ends() -> None:
    ft = FakeTime()
    limiter = _limiter(10, ft)
    _grants(limiter, ft, 2)
    banned_at = ft.now
    limiter.ban(3)
    assert limiter.banned_for() == pytest.approx(3.1)
    times = _grants(limiter, ft, 5)
    assert times[0] >= banned_at + 3.1 - 1e-9
    assert [round(b - a, 6) for a, b in itertools.pairwise(times)] == [0.103] * 4
    assert limiter.banned_for() == 0
    limiter.ban(1)
    limiter.ban(0.2)  # a shorter ban never shortens a longer one
    assert limiter.banned_for() == pytest.approx(1.1)


def test_set_rate() -> None:
    ft = FakeTime()
    limiter = _limiter(10, ft, safety=0.0)
    first = _grants(limiter, ft, 2)
    assert first[1] - first[0] == pytest.approx(0.1)
    limiter.set_rate(2)
    later = _grants(limiter, ft, 3)
    assert later[0] - first[1] == pytest.approx(0.5)
    assert later[2] - later[1] == pytest.approx(0.5)
    assert limiter.qps == 2
    with pytest.raises(ValueError):
        limiter.set_rate(0)


class WaitingSpy:
    """A real monotonic clock that tells when another thread has read it: that thread is
    inside `acquire`, about to wait for its slot (it reads the clock with the lock held)."""

    def __init__(self) -> None:
        self.owner = threading.get_ident()
        self.other_reading = threading.Event()

    def __call__(self) -> float:
        if threading.get_ident() != self.owner:
            self.other_reading.set()
        return time.monotonic()


def _waiting_acquire(limiter: RateLimiter, spy: WaitingSpy,
                     cancel: threading.Event | None = None) -> tuple[threading.Thread, list[bool]]:
    assert limiter.acquire()  # takes the only slot for the next ~17 minutes
    result: list[bool] = []
    waiter = threading.Thread(target=lambda: result.append(limiter.acquire(cancel)), daemon=True)
    waiter.start()
    assert spy.other_reading.wait(10)
    return waiter, result


def test_wake_all_wakes_a_cancelled_waiter() -> None:
    """No periodic re-check: only `wake_all` can make the waiter see its cancel event."""
    spy = WaitingSpy()
    limiter = RateLimiter(0.001, clock=spy, recheck=None)  # 1030 s between slots
    cancel = threading.Event()
    waiter, result = _waiting_acquire(limiter, spy, cancel)
    try:
        cancel.set()
        limiter.wake_all()
        waiter.join(timeout=10)
        assert not waiter.is_alive(), "wake_all did not wake the waiter"
        assert result == [False]
        assert not limiter.acquire(cancel)  # already cancelled: no slot
    finally:
        limiter.close()


def test_cancel_without_wake_all_is_noticed_by_the_periodic_recheck() -> None:
    spy = WaitingSpy()
    limiter = RateLimiter(0.001, clock=spy)  # default re-check (safety net)
    cancel = threading.Event()
    waiter, result = _waiting_acquire(limiter, spy, cancel)
    try:
        cancel.set()
        waiter.join(timeout=10)
        assert not waiter.is_alive()
        assert result == [False]
    finally:
        limiter.close()


def test_close_releases_waiters() -> None:
    spy = WaitingSpy()
    limiter = RateLimiter(0.001, clock=spy, recheck=None)
    waiter, result = _waiting_acquire(limiter, spy)
    limiter.close()
    waiter.join(timeout=10)
    assert not waiter.is_alive(), "close did not wake the waiter"
    assert result == [False]
    assert not limiter.acquire()


def test_infinite_rate_means_no_pacing_and_nonsense_rates_are_refused() -> None:
    limiter = RateLimiter(float("inf"))
    assert limiter.qps is None
    assert limiter.interval == 0.0
    for bad in (0.0, -1.0, float("nan"), float("-inf")):
        with pytest.raises(ValueError):
            RateLimiter(bad)


def test_ban_reaches_threads_already_waiting() -> None:
    limiter = RateLimiter(20, ban_jitter=(0.0, 0.0))
    assert limiter.acquire()
    start = time.monotonic()
    limiter.ban(0.6)
    times: list[float] = []
    lock = threading.Lock()

    def worker() -> None:
        assert limiter.acquire()
        with lock:
            times.append(time.monotonic())

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert len(times) == 4
    assert min(times) - start >= 0.6


def test_threads_share_the_pace() -> None:
    qps = 40
    limiter = RateLimiter(qps)
    times: list[float] = []
    lock = threading.Lock()
    total = 60

    def worker() -> None:
        while True:
            with lock:
                if len(times) >= total:
                    return
            assert limiter.acquire()
            with lock:
                times.append(time.monotonic())

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    times.sort()
    # what a server's sliding window checks: never more than qps calls per second (the slots
    # are >= 1.02 s apart; 10 ms of the 20 ms slack is allowed for this test's own recording)
    assert all(b - a >= 1.01 for a, b in zip(times, times[qps:], strict=False))


def test_a_thread_that_wakes_late_does_not_leave_right_behind_the_next() -> None:
    """Under CPU load a worker can wake well after its slot. The next worker must still wait one
    interval after it actually left, or two calls reach the server's 1-s window back to back."""
    qps = 10.0
    late = 0.09  # thread A oversleeps by 90 ms, B's slot is 103 ms after A's
    a_sleeping = threading.Event()

    def sleep(seconds: float) -> None:
        if threading.current_thread().name == "A":
            a_sleeping.set()
            time.sleep(seconds + late)
        else:
            time.sleep(seconds)

    limiter = RateLimiter(qps, sleep=sleep)
    assert limiter.acquire()  # the first slot is now; A and B queue behind it
    granted: dict[str, float] = {}

    def take(name: str) -> None:
        assert limiter.acquire()
        granted[name] = time.monotonic()

    a = threading.Thread(target=take, args=("A",), name="A")
    a.start()
    assert a_sleeping.wait(5)
    b = threading.Thread(target=take, args=("B",), name="B")  # reserves the slot after A's
    b.start()
    a.join(5)
    b.join(5)
    assert granted["B"] - granted["A"] >= limiter.interval * 0.99
