"""The run bar's numbers, from the engine's events: every decided row, counted once.

A row is decided when it gets its last word for this run: listed now, already on the shop,
failed, blocked by the sheet's errors, skipped by the user (跳过这一行: blocked by the plan, told
apart by its message), refused before and unchanged (skipped), or 结果待核对 (unknown: the next
run checks it first). Rows left by a cancel or waiting for the quota are not
decided. The bar is decided / rows of the run, so a finished run fills it.

Time left counts only time the run was sending: a pause (the user's, a ban, the quota, a
re-authorisation) freezes it. No Qt here; the clock is injectable.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from enum import StrEnum

from app.review_edits import SKIP_REASON
from app.upload.events import (
    PauseReason,
    Progress,
    RowFailed,
    RowListed,
    RowOutcome,
    RowSkipped,
    RowStatus,
    RunPaused,
    RunResumed,
    RunStarted,
)


class Decided(StrEnum):
    LISTED = "listed"  # listed by this run (created, or found by the reconcile)
    UPDATED = "updated"  # on the shop before; this run sent its changes (同步修改)
    ALREADY = "already"  # on the shop before this run
    FAILED = "failed"
    BLOCKED = "blocked"  # errors in the sheet: not sent
    USER_SKIPPED = "user_skipped"  # 跳过这一行: the user chose not to send it
    REFUSED = "refused"  # Taobao refused it before and it is unchanged: not sent again
    UNKNOWN = "unknown"  # 结果待核对


_SKIPPED = {
    RowStatus.BLOCKED: Decided.BLOCKED,
    RowStatus.SKIPPED: Decided.REFUSED,
    RowStatus.UNKNOWN: Decided.UNKNOWN,
}


def decided(outcome: RowOutcome) -> Decided | None:
    """What a not-sent outcome counts as (None: not decided, e.g. waiting for the quota)."""
    kind = _SKIPPED.get(outcome.status)
    if kind is Decided.BLOCKED and outcome.message == SKIP_REASON:
        return Decided.USER_SKIPPED
    return kind


class RunTally:
    def __init__(self, total: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.total = total  # rows of the run
        self._clock = clock
        self._rows: dict[int, Decided] = {}
        self._started_at: float | None = None
        self._at_start = 0  # rows decided before the workers started (no work to time)
        self.to_do = 0  # rows with work (RunStarted)
        self._paused: set[PauseReason] = set()
        self._paused_since: float | None = None
        self._ban_until: float | None = None
        self._paused_total = 0.0
        self._frozen_eta: float | None = None
        self.calls_per_second = 0.0
        self.quota_reset: datetime | None = None  # the daily quota ran out; it resets then
        self.waiting_quota = 0
        self.left = 0

    # -- events -------------------------------------------------------------------------------
    def apply(self, event: object) -> bool:
        """Count one engine event; True if a number the bar shows changed."""
        now = self._clock()
        if isinstance(event, RowListed):
            self._rows[event.row] = {"already": Decided.ALREADY, "updated": Decided.UPDATED
                                     }.get(event.how, Decided.LISTED)
        elif isinstance(event, RowFailed):
            self._rows[event.outcome.row] = Decided.FAILED
        elif isinstance(event, RowSkipped):
            status, kind = event.outcome.status, decided(event.outcome)
            if kind is not None:
                self._rows[event.outcome.row] = kind
            elif status is RowStatus.WAITING_QUOTA:
                self.waiting_quota += 1
            else:
                self.left += 1
        elif isinstance(event, RunStarted):
            self._started_at = now
            self._at_start = len(self._rows)
            self.to_do = event.to_do
        elif isinstance(event, Progress):
            self.calls_per_second = event.calls_per_second
        elif isinstance(event, RunPaused):
            self._pause(event, now)
        elif isinstance(event, RunResumed):
            self._resume_all(now)
        else:
            return False
        return True

    def user_paused(self, paused: bool) -> None:
        """The window's own pause button (the engine's RunPaused may come a moment later)."""
        now = self._clock()
        if paused:
            self._pause(RunPaused(PauseReason.USER), now)
        else:
            self._paused.discard(PauseReason.USER)
            if not self._paused:
                self._resume_all(now)

    def _pause(self, event: RunPaused, now: float) -> None:
        if event.reason is PauseReason.BAN:  # ends by itself at `until`
            seconds = (event.until - datetime.now(UTC)).total_seconds() if event.until else 1.0
            self._ban_until = max(self._ban_until or now, now + max(seconds, 0.0))
            return
        if event.reason is PauseReason.QUOTA:
            self.quota_reset = event.until
        if not self._paused and self._paused_since is None:
            self._frozen_eta = self._eta(now)
            self._paused_since = now
        self._paused.add(event.reason)

    def _resume_all(self, now: float) -> None:
        self._paused.clear()
        if self._paused_since is not None:
            self._paused_total += now - self._paused_since
            self._paused_since = None
        self._frozen_eta = None

    # -- numbers ------------------------------------------------------------------------------
    def count(self, *kinds: Decided) -> int:
        return sum(1 for d in self._rows.values() if d in kinds)

    def counts(self) -> Counter[Decided]:
        return Counter(self._rows.values())

    @property
    def done(self) -> int:
        return len(self._rows)

    @property
    def paused(self) -> bool:
        return bool(self._paused)

    @property
    def pause_reasons(self) -> frozenset[PauseReason]:
        """Why the run waits now (a ban that still lasts included)."""
        reasons = set(self._paused)
        if self.banned_until() is not None:
            reasons.add(PauseReason.BAN)
        return frozenset(reasons)

    def banned_until(self) -> float | None:
        """Monotonic time a ban ends, while one lasts."""
        if self._ban_until is not None and self._ban_until > self._clock():
            return self._ban_until
        return None

    def eta_seconds(self) -> float | None:
        """Seconds left at the pace so far (None: not known yet). Frozen while paused."""
        now = self._clock()
        if self._paused_since is not None:
            return self._frozen_eta
        return self._eta(now)

    def _eta(self, now: float) -> float | None:
        if self._started_at is None:
            return None
        worked = self.done - self._at_start
        remaining = max(0, self.to_do - worked)
        if remaining == 0:
            return 0.0
        if worked <= 0:
            return None
        banned = max(0.0, (self._ban_until or now) - now)  # a ban still to wait out
        active = now - self._started_at - self._paused_total
        return remaining * max(active, 0.001) / worked + banned

    def settle(self, outcomes: dict[int, RowOutcome]) -> None:
        """The run's last word on rows no event told about (a listed row: on the shop before)."""
        for row, outcome in outcomes.items():
            if row in self._rows:
                continue
            if outcome.status is RowStatus.LISTED:
                self._rows[row] = Decided.ALREADY
            elif outcome.status is RowStatus.FAILED:
                self._rows[row] = Decided.FAILED
            elif (kind := decided(outcome)) is not None:
                self._rows[row] = kind
