"""Progress numbers (listed/failed/left, calls per second, time left) and the run summary."""

from __future__ import annotations

import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Mapping
from datetime import datetime

from app.top.client import TopClient
from app.upload.events import Event, Progress, RowOutcome, RowStatus, RunSummary, StopReason
from app.upload.plan import Plan

WINDOW = 10.0  # seconds of history for calls per second
EMIT_EVERY = 0.5


class Tracker:
    """Counts settled rows and samples the client's call counter (thread-safe)."""

    def __init__(self, client: TopClient, calls_before: int) -> None:
        self.client = client
        self.calls_before = calls_before
        self.to_do = 0
        self.started = time.monotonic()
        self._lock = threading.Lock()
        self._status: Counter[RowStatus] = Counter()
        self._done_work = 0  # rows with work that got an outcome
        self.hows: Counter[str] = Counter()
        self._samples: deque[tuple[float, int]] = deque()
        self._last_emit = 0.0

    def settled(self, status: RowStatus, *, had_work: bool) -> None:
        with self._lock:
            self._status[status] += 1
            self._done_work += int(had_work)

    def listed_how(self, how: str) -> None:
        with self._lock:
            self.hows[how] += 1

    def snapshot(self) -> Progress:
        now = time.monotonic()
        calls = self.client.calls_made - self.calls_before
        with self._lock:
            self._samples.append((now, calls))
            while len(self._samples) > 2 and now - self._samples[0][0] > WINDOW:
                self._samples.popleft()
            t0, c0 = self._samples[0]
            rate = (calls - c0) / (now - t0) if now > t0 else 0.0
            listed = self._status[RowStatus.LISTED]
            failed = self._status[RowStatus.FAILED] + self._status[RowStatus.BLOCKED]
            left = max(0, self.to_do - self._done_work)
            done = self._done_work
        elapsed = now - self.started
        eta = left * elapsed / done if done and left else (0.0 if not left else None)
        return Progress(listed, failed, left, calls, rate, eta)

    def maybe_emit(self, emit: Callable[[Event], None], *, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._last_emit >= EMIT_EVERY:
            self._last_emit = now
            emit(self.snapshot())


def summarize(plan: Plan, outcomes: Mapping[int, RowOutcome], *, hows: Mapping[str, int],
              elapsed: float, calls: int, lookup_calls: int, stop_reason: StopReason,
              message: str, reset_at: datetime | None) -> RunSummary:
    s = RunSummary(total=len(plan.works), elapsed=elapsed, calls=calls,
                   lookup_calls=lookup_calls, stop_reason=stop_reason, message=message,
                   reset_at=reset_at)
    s.outcomes = dict(sorted(outcomes.items()))
    counts = Counter(o.status for o in outcomes.values())
    s.listed = counts[RowStatus.LISTED]
    s.skipped = counts[RowStatus.SKIPPED]
    s.blocked = counts[RowStatus.BLOCKED]
    s.failed = counts[RowStatus.FAILED]
    s.waiting_quota = counts[RowStatus.WAITING_QUOTA]
    s.unknown = counts[RowStatus.UNKNOWN]
    s.left = counts[RowStatus.LEFT]
    s.created = hows.get("created", 0)
    s.found = hows.get("found", 0)
    s.updated = hows.get("updated", 0)
    return s
