"""One rate limiter shared by every worker: evenly spaced send slots plus server bans.

Design for a server that counts calls in a sliding 1-second window: calls are spaced by
``(1 + safety) / qps`` seconds, never sent in bursts, so any R+1 consecutive calls span more
than one second even with some send jitter (``safety`` 3 % ≈ 30 ms of slack per window,
≈ 97 % of ``qps`` sustained). Callers reserve slots in arrival order; a slot not used (its
caller was cancelled) is simply skipped.

``ban(seconds)`` makes every waiting and future `acquire` wait until the ban ends plus a small
jitter. `acquire` returns False when its ``cancel_event`` is set or the limiter is closed;
`wake_all` makes waiters re-check at once (call it after setting a cancel event). As a safety
net a waiter also re-checks every ``recheck`` seconds (0.25 s; ``None``: only when woken).
"""

from __future__ import annotations

import math
import random
import threading
import time
from collections.abc import Callable

MAX_WAIT_SLICE = 0.25  # waiters re-check cancel events at least this often (default)


class RateLimiter:
    """Thread-safe pacing of TOP calls. ``qps=None`` (or infinity) means no pacing (bans still
    apply)."""

    def __init__(
        self,
        qps: float | None = 5.0,
        *,
        safety: float = 0.03,
        ban_jitter: tuple[float, float] = (0.05, 0.25),
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] | None = None,
        rng: random.Random | None = None,
        recheck: float | None = MAX_WAIT_SLICE,
    ) -> None:
        if safety < 0:
            raise ValueError("safety must be >= 0")
        self._recheck = recheck
        self._cond = threading.Condition(threading.Lock())
        self._clock = clock
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._safety = safety
        self._ban_jitter = ban_jitter
        self._interval = 0.0
        self._qps: float | None = None
        self._next_slot = float("-inf")
        self._last_grant = float("-inf")  # when the previous slot was actually handed out
        self._ban_until = float("-inf")
        self._closed = False
        self._granted = 0
        self.set_rate(qps)

    @property
    def qps(self) -> float | None:
        return self._qps

    @property
    def interval(self) -> float:
        """Seconds between two granted slots."""
        return self._interval

    @property
    def granted(self) -> int:
        """How many slots were handed out."""
        return self._granted

    def set_rate(self, qps: float | None) -> None:
        """Change the pace (takes effect from the next slot). ``None`` or infinity: no pacing."""
        if qps is not None and math.isinf(qps) and qps > 0:
            qps = None
        if qps is not None and not qps > 0:  # 0, negative, NaN
            raise ValueError("qps must be > 0 or None")
        with self._cond:
            old = self._interval
            self._qps = qps
            self._interval = 0.0 if qps is None else (1.0 + self._safety) / qps
            if self._next_slot != float("-inf"):
                # the next slot keeps the spacing of the new rate from the last grant
                self._next_slot += self._interval - old
            self._cond.notify_all()

    def ban(self, seconds: float) -> None:
        """No slot is granted until ``seconds`` from now (+ jitter); waiters are re-timed."""
        jitter = self._rng.uniform(*self._ban_jitter)
        with self._cond:
            until = self._clock() + max(0.0, seconds) + jitter
            self._ban_until = max(self._ban_until, until)
            self._cond.notify_all()

    def banned_for(self) -> float:
        """Seconds until the current ban ends (0 when none)."""
        with self._cond:
            return max(0.0, self._ban_until - self._clock())

    def wake_all(self) -> None:
        """Make every waiter re-check its cancel event now."""
        with self._cond:
            self._cond.notify_all()

    def close(self) -> None:
        """Release every waiter with False; later acquires return False too."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def acquire(self, cancel_event: threading.Event | None = None) -> bool:
        """Wait for the next send slot. False when cancelled or closed (nothing may be sent).

        Each caller reserves its own slot and sleeps until exactly then, so one thread wakes
        per slot (no herd). A grant also waits one interval after the previous *actual* grant:
        a thread that woke late (a loaded CPU) cannot leave right behind the next one, so no
        burst ever reaches the server's one-second window.
        """
        with self._cond:
            slot: float | None = None
            while True:
                if self._closed or (cancel_event is not None and cancel_event.is_set()):
                    return False
                now = self._clock()
                if slot is None or slot < self._ban_until:  # first pass, or a ban came since
                    slot = max(self._next_slot, self._ban_until, now)
                    self._next_slot = slot + self._interval
                due = max(slot, self._last_grant + self._interval)
                if due <= now:
                    self._granted += 1
                    self._last_grant = now
                    return True
                wait = due - now
                self._wait(wait if self._recheck is None else min(wait, self._recheck))

    def _wait(self, delay: float) -> None:
        """Called with the lock held; gives it up while waiting."""
        if self._sleep is None:
            self._cond.wait(delay)
            return
        self._cond.release()
        try:
            self._sleep(delay)
        finally:
            self._cond.acquire()
