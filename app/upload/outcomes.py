"""Every row's outcome in one run: recorded once, counted for progress, told to listeners, and
summed up at the end (rows left by a stop, rows still in doubt, a dry run's outcomes)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import datetime

from app.upload import progress as progress_mod
from app.upload.events import (
    Event,
    RowFailed,
    RowOutcome,
    RowSkipped,
    RowStatus,
    RunSummary,
    StopReason,
)
from app.upload.journal import Journal, RowState, Scope
from app.upload.pipeline import listed
from app.upload.plan import Action, Plan, RowWork

UNKNOWN_MESSAGE = "上架结果未知（核对商家编码时查询失败），下次运行会先核对，不会重复上架。"
LEFT_MESSAGE = "未处理（运行已停止），再次运行会继续"
QUOTA_MESSAGE = "今日调用额度已用完，额度恢复后继续"
DRY_RUN_MESSAGE = "试运行：没有发送"
DRY_RUN_ACTIONS = {Action.CREATE: "将新建", Action.RECONCILE: "将先核对",
                   Action.ATTACH: "将补传附图", Action.UPDATE: "将修改"}


class Outcomes:
    """The outcome per sheet row (thread-safe); ``tracker`` counts them for progress."""

    def __init__(self, emit: Callable[[Event], None]) -> None:
        self._emit = emit
        self._lock = threading.Lock()
        self.by_row: dict[int, RowOutcome] = {}
        self.has_work: set[int] = set()  # sheet rows the run had something to do for
        self.tracker: progress_mod.Tracker | None = None

    def settle(self, outcome: RowOutcome) -> None:
        with self._lock:
            self.by_row[outcome.row] = outcome
        if self.tracker is not None:
            self.tracker.settled(outcome.status, had_work=outcome.row in self.has_work)
        if outcome.status is RowStatus.FAILED:
            self._emit(RowFailed(outcome))
        elif outcome.status is not RowStatus.LISTED:
            self._emit(RowSkipped(outcome))

    def count(self, status: RowStatus) -> int:
        with self._lock:
            return sum(1 for o in self.by_row.values() if o.status is status)

    def unknown(self, w: RowWork) -> None:
        self.settle(RowOutcome(w.product.row, w.key, RowStatus.UNKNOWN, message=UNKNOWN_MESSAGE))

    def leftovers(self, left: Iterable[tuple[Action, RowWork]], doubts: Iterable[RowWork],
                  journal: Journal, scope: Scope, *, quota: bool) -> None:
        """Rows a stop left behind: ``waiting_quota`` when the daily quota stopped a create that
        had not been sent, else left as they are; rows still in doubt are unknown."""
        for action, w in left:
            if quota and action is Action.CREATE:
                rec = journal.get(scope, w.key)
                if rec is not None and rec.state in (RowState.PENDING, RowState.IMAGES_UPLOADED,
                                                     RowState.FAILED, RowState.WAITING_QUOTA):
                    journal.set_state(scope, w.key, RowState.WAITING_QUOTA)
                    self.settle(RowOutcome(w.product.row, w.key, RowStatus.WAITING_QUOTA,
                                           message=QUOTA_MESSAGE))
                    continue
            self.settle(RowOutcome(w.product.row, w.key, RowStatus.LEFT, message=LEFT_MESSAGE))
        for w in doubts:
            self.unknown(w)

    def summary(self, plan: Plan, *, elapsed: float, calls: int, lookup_calls: int,
                stop_reason: StopReason, message: str, reset_at: datetime | None) -> RunSummary:
        with self._lock:
            by_row = dict(self.by_row)
        return progress_mod.summarize(
            plan, by_row, hows=self.tracker.hows if self.tracker else {}, elapsed=elapsed,
            calls=calls, lookup_calls=lookup_calls, stop_reason=stop_reason, message=message,
            reset_at=reset_at)


def dry_run_summary(plan: Plan, *, lookup_calls: int, elapsed: float) -> RunSummary:
    """What `Engine.run` answers under ``settings.dry_run``: nothing sent, nothing written;
    rows with work are left (the plan's action is in the message)."""
    by_row: dict[int, RowOutcome] = {}
    for w in plan.works:
        row = w.product.row
        if w.action is Action.BLOCKED:
            by_row[row] = RowOutcome(row, w.key, RowStatus.BLOCKED, message="；".join(w.reasons))
        elif w.action is Action.SKIP and w.num_iid is not None and not w.undone:
            by_row[row] = listed(w, w.num_iid)
        elif w.action is Action.SKIP:
            by_row[row] = RowOutcome(row, w.key, RowStatus.SKIPPED, message="；".join(w.reasons))
        else:
            by_row[row] = RowOutcome(row, w.key, RowStatus.LEFT,
                                     message=f"{DRY_RUN_MESSAGE}（{DRY_RUN_ACTIONS[w.action]}）")
    return progress_mod.summarize(
        plan, by_row, hows={}, elapsed=elapsed, calls=0, lookup_calls=lookup_calls,
        stop_reason=StopReason.COMPLETED, message=DRY_RUN_MESSAGE, reset_at=None)


def summary_counts(s: RunSummary) -> dict[str, int]:
    """The numbers of a run the journal keeps for the run list (`taoshelf runs`)."""
    return {"total": s.total, "listed": s.listed, "created": s.created, "found": s.found,
            "updated": s.updated, "failed": s.failed, "blocked": s.blocked,
            "skipped": s.skipped, "waiting_quota": s.waiting_quota, "unknown": s.unknown,
            "left": s.left, "calls": s.calls}
