"""The upload engine: plan (with outer_id lookups), then a few workers run the rows.

Usage (CLI and GUI alike; the engine knows nothing of Excel or Qt)::

    engine = Engine(client, journal, scope, settings, sessions=..., preparer=..., on_event=cb)
    plan = engine.prepare(products, issues)     # synchronous, before any thread starts
    summary = engine.run(plan)                  # blocks; pause()/resume()/cancel() from others

``on_event`` (and every callback given to ``engine.subscribe(cb)``, which returns a function
that unsubscribes it) is called from engine threads with the dataclasses of `app.upload.events`.
With ``settings.dry_run`` `run` sends nothing and writes nothing: it answers what it would do.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from app.top.client import TopClient
from app.upload import progress as progress_mod
from app.upload.audit import AuditLog
from app.upload.control import Caller, CallFailed, Doubt, RunControl, Stopped
from app.upload.edits import RowEditor
from app.upload.events import (
    Event,
    Listeners,
    PauseReason,
    RowListed,
    RowOutcome,
    RowStarted,
    RowStatus,
    RunFinished,
    RunStarted,
    RunSummary,
    StopReason,
)
from app.upload.journal import Journal, Scope, journal_notice
from app.upload.outcomes import Outcomes, dry_run_summary, summary_counts
from app.upload.pictures import PicturePreparer, PictureSpace, no_pictures
from app.upload.pipeline import CategoryErrorHook, RowPipeline, listed
from app.upload.plan import Action, Plan, RowWork
from app.upload.planning import Planner
from app.upload.policy import RetryPolicy, Waiter
from app.upload.propimg import ColourPid
from app.upload.publishers import SCHEMA, PublishRoute
from app.upload.reconcile import Doubts, lookup
from app.upload.room import PictureRoom
from app.upload.runlock import RunLock
from app.upload.session import SessionProvider
from app.upload.settings import UploadSettings

log = logging.getLogger(__name__)
MAX_LOOKUP_FAILURES = 5  # a row still unknown after this many failed lookups stays add_sent
MAX_ADD_ATTEMPTS = 5  # item.add sends of one row found not created, before giving up this run


@dataclass(frozen=True, slots=True)
class _Task:
    action: Action
    work: RowWork
    num_iid: int | None = None
    start: int = 0


class Engine(Planner):
    def __init__(self, client: TopClient, journal: Journal, scope: Scope,
                 settings: UploadSettings | None = None, *,
                 sessions: SessionProvider | None = None,
                 preparer: PicturePreparer | None = None, audit: AuditLog | None = None,
                 policy: RetryPolicy | None = None,
                 on_event: Callable[[Event], None] | None = None,
                 waiter: Waiter | None = None, colour_pid: ColourPid | None = None,
                 on_category_error: CategoryErrorHook | None = None,
                 on_publisher_switch: Callable[[str], None] | None = None) -> None:
        """``colour_pid``: cid → the leaf's colour property id (cached category rules; without
        it the known colour pids are used). ``on_category_error``: see `CategoryErrorHook`.
        ``on_publisher_switch(when)``: 自动 switched the shop to the schema API (remember it)."""
        self.client = client
        self.journal = journal
        self.scope = scope
        self.settings = settings or UploadSettings()
        self._listeners = Listeners()
        if on_event is not None:
            self._listeners.add(on_event)
        self.control = RunControl(client, sessions, self.emit,
                                  wait_for_quota=self.settings.wait_for_quota, waiter=waiter)
        self.control.token_margin = self.settings.token_margin
        self.caller = Caller(self.control, policy or RetryPolicy())
        if audit is not None:
            client.observer = audit.observe  # every HTTP attempt, ban resends included
        self.preparer = preparer
        self.route = PublishRoute(client, self.settings.publisher,
                                  switched=self.settings.auto_switched, emit=self.emit,
                                  on_switch=on_publisher_switch)
        self.colour_pid = colour_pid
        self.on_category_error = on_category_error
        self.lookup_calls = 0
        self._lock = threading.Lock()
        self._queue: queue.Queue[_Task | None] = queue.Queue()
        self._pending = 0  # tasks queued or running
        self._wake = threading.Event()
        self._doubts = Doubts()
        self._left: list[_Task] = []
        self._outcomes = Outcomes(self.emit)
        self._looked_up: set[str] = set()
        self._calls_at_start: int | None = None
        self._adds: Counter[str] = Counter()  # doubtful item.add sends per row, this run
        self._runlock = RunLock(scope.shop, scope.env)
        self._tracker: progress_mod.Tracker | None = None

    # -- public control ---------------------------------------------------------------------
    def emit(self, event: Event) -> None:
        if isinstance(event, RowListed) and self._tracker is not None:
            self._tracker.listed_how(event.how)
        self._listeners(event)

    def subscribe(self, callback: Callable[[Event], None]) -> Callable[[], None]:
        """Call ``callback`` too with every event from now on (on engine threads, after the
        listeners subscribed before it). Returns a function that unsubscribes it."""
        return self._listeners.add(callback)

    def pause(self) -> None:
        self.control.pause(PauseReason.USER)

    def resume(self, session: str | None = None) -> None:
        """Resume after a user pause, or after re-authorisation with the new ``session``."""
        if session is not None:
            self.control.resume_with(session)
        self.control.resume(PauseReason.USER)

    def cancel(self, reason: StopReason = StopReason.CANCELLED, message: str = "") -> None:
        """Finish the calls in flight, then stop. Rows not reached stay as they are."""
        self.control.stop(reason, message)
        self._wake.set()

    # -- run --------------------------------------------------------------------------------
    def run(self, plan: Plan) -> RunSummary:
        """Execute the plan (blocking). One run per Engine. A dry run (``settings.dry_run``)
        sends nothing: its summary lists what would be done."""
        if self.settings.dry_run:
            self._runlock.release()
            summary = dry_run_summary(plan, lookup_calls=self.lookup_calls, elapsed=0.0)
            self.emit(RunFinished(summary))
            return summary
        self._runlock.acquire()  # already held after prepare()
        try:
            return self._run(plan)
        finally:
            self._runlock.release()

    def _run(self, plan: Plan) -> RunSummary:
        started = time.monotonic()
        calls_before = (self._calls_at_start if self._calls_at_start is not None
                        else self.client.calls_made)
        run_id = self.journal.start_run(self.scope, len(plan.works),
                                        sheet_name=self.scope.sheet_name,
                                        publisher=self.route.path)
        preparer = self.preparer or no_pictures
        pictures = PictureSpace(self.journal, self.scope.shop, self.scope.env, preparer)
        room_settings = (replace(self.settings, inline_unique_pictures=False)
                         if self.route.path == SCHEMA else self.settings)  # all in the space
        self.room = PictureRoom(self.client, pictures, preparer, room_settings, self.colour_pid)
        self.control.on_picture_space = self.room.on_full
        self.pipeline = RowPipeline(journal=self.journal, scope=self.scope, run_id=run_id,
                                    client=self.client, caller=self.caller, pictures=pictures,
                                    settings=self.settings, emit=self.emit, route=self.route,
                                    colour_pid=self.colour_pid,
                                    on_category_error=self.on_category_error)
        self.editor = RowEditor(self.pipeline)
        self._tracker = self._outcomes.tracker = progress_mod.Tracker(self.client, calls_before)
        to_do = self._tracker.to_do = self._seed(plan)
        skipped = self._outcomes.count(RowStatus.SKIPPED)
        blocked = plan.counts[Action.BLOCKED]
        self.emit(RunStarted(run_id, len(plan.works), to_do, skipped, blocked, self.lookup_calls,
                             journal_notice(self.journal), self.route.describe(),
                             plan.counts[Action.UPDATE]))
        if self.control.sessions is not None and not self.control.cancel.is_set():
            self._check_session()
        if not self.control.cancel.is_set() and not self.room.check(
                w for w in plan.works if w.num_iid is None or w.action is Action.ATTACH):
            self.control.stop(StopReason.PICTURE_SPACE, "图片空间容量不足")  # message: _summary
        threads = [threading.Thread(target=self._worker, name=f"upload-{i}", daemon=True)
                   for i in range(max(1, self.settings.workers))]
        for t in threads:
            t.start()
        try:
            self._coordinate()
        except BaseException:
            self.cancel(StopReason.FATAL, "程序内部错误，已停止。")
            raise
        finally:
            for _ in threads:
                self._queue.put(None)
            for t in threads:
                t.join()
        summary = self._summary(plan, started, calls_before)
        self.journal.finish_run(run_id, summary.stop_reason, summary.message,
                                counts=summary_counts(summary), publisher=summary.publisher)
        self.emit(RunFinished(summary))
        return summary

    def _seed(self, plan: Plan) -> int:
        """Record immediate outcomes, queue the rest; returns how many rows have work."""
        to_do = 0
        self.journal.ensure_rows(self.scope, [
            (w.key, w.product.row, w.fingerprint)
            for w in plan.works if w.action is not Action.BLOCKED])
        for w in plan.works:
            if w.adopt_from is not None:
                self.pipeline.adopt(w)
            if w.action is Action.BLOCKED:
                self._settle(RowOutcome(w.product.row, w.key, RowStatus.BLOCKED,
                                        message="；".join(w.reasons)))
                continue
            if w.action is Action.SKIP:
                if w.num_iid is not None and not w.undone:
                    self._settle(self.pipeline.already_listed(w, w.num_iid))
                else:
                    self._settle(RowOutcome(w.product.row, w.key, RowStatus.SKIPPED, w.num_iid,
                                            "undone" if w.undone else None,
                                            message="；".join(w.reasons)))
                continue
            to_do += 1
            self._outcomes.has_work.add(w.product.row)
            if w.action is Action.RECONCILE:
                if w.num_iid is not None:
                    self._found(w, w.num_iid)
                elif w.key in self._looked_up:
                    self._enqueue(_Task(Action.CREATE, w))
                else:
                    self._doubts.add(w, 0.0)
            elif w.action is Action.ATTACH:
                self._enqueue(_Task(Action.ATTACH, w, w.num_iid, w.extras_done))
            else:
                self._enqueue(_Task(w.action, w, w.num_iid))
        return to_do

    def _enqueue(self, task: _Task) -> None:
        with self._lock:
            self._pending += 1
        self._queue.put(task)

    def _settle(self, outcome: RowOutcome) -> None:
        self._outcomes.settle(outcome)

    def _found(self, w: RowWork, num_iid: int) -> None:
        """Reconciled: our create call made the item. Attach what it did not carry."""
        start = self.pipeline.attach_start(w)
        self.journal.mark_listed(self.scope, w.key, num_iid, extras_done=start, created=True)
        self.emit(RowListed(w.product.row, w.key, num_iid, "found", w.unsent))
        if self.pipeline.steps_after_add(w) > start:
            self._enqueue(_Task(Action.ATTACH, w, num_iid, start))
        else:
            self._settle(listed(w, num_iid))

    def _worker(self) -> None:
        while True:
            task = self._queue.get()
            if task is None:
                return
            try:
                self._run_task(task)
            finally:
                with self._lock:
                    self._pending -= 1
                self._wake.set()

    def _run_task(self, task: _Task) -> None:
        w = task.work
        if self.control.cancel.is_set():
            self._left.append(task)
            return
        self.emit(RowStarted(w.product.row, w.key, task.action))
        try:
            if task.action is Action.CREATE:
                outcome = self.pipeline.create(w)
            elif task.action is Action.ATTACH:
                assert task.num_iid is not None
                outcome = self.pipeline.attach(w, task.num_iid, start=task.start)
                if w.edits and outcome.status is RowStatus.LISTED:
                    outcome = self.editor.edit(w)
            else:
                outcome = self.editor.edit(w)
        except Doubt:
            self._doubts.add(w, time.monotonic() + self.settings.reconcile_delay)
            return
        except Stopped:
            self._left.append(task)
            return
        except Exception as exc:
            log.exception("upload worker failed on row %s", w.product.row)
            self.cancel(StopReason.FATAL, f"程序内部错误（{type(exc).__name__}），已停止。")
            self._left.append(task)
            return
        self._settle(outcome)

    def _coordinate(self) -> None:
        last_token_check = time.monotonic()
        while True:
            with self._lock:
                idle = self._pending == 0
            if idle and (self.control.cancel.is_set() or len(self._doubts) == 0):
                return
            if not self.control.cancel.is_set() and not self.control.paused:
                self._reconcile_due()
                now = time.monotonic()
                if (self.control.sessions is not None
                        and now - last_token_check >= self.settings.token_check_interval):
                    last_token_check = now
                    self._check_session()
            if self._tracker is not None:
                self._tracker.maybe_emit(self.emit)
            self._wake.wait(0.05)
            self._wake.clear()

    def _check_session(self) -> None:
        """Refresh ahead of expiry; if only the user can help, the run pauses (REAUTH)."""
        try:
            self.control.renew_session(None, self.control.session_generation())
        except Stopped:
            return

    def _reconcile_due(self) -> None:
        now = time.monotonic()
        batch = self._doubts.take_due(now)
        if not batch:
            return
        keys = [d.work.key for d in batch]
        try:
            found = self.caller.call("taobao.items.custom.get",
                                     lambda: lookup(self._find, keys), outer_ids=len(keys))
        except (CallFailed, Stopped) as exc:
            # unknown, never "not listed": look again later (or on the next run)
            failed_lookup = isinstance(exc, CallFailed)
            give_up = [d for d in batch if failed_lookup and d.failures + 1 >= MAX_LOOKUP_FAILURES]
            keep = [d for d in batch if d not in give_up]
            self._doubts.put_back(keep, now + self.caller.policy.backoff(3) + 1.0,
                                  failed=failed_lookup)
            for d in give_up:
                self._outcomes.unknown(d.work)
            return
        for d in batch:
            w = d.work
            if w.key in found:
                self._found(w, found[w.key])
                continue
            with self._lock:
                self._adds[w.key] += 1
                tries = self._adds[w.key]
            if tries >= MAX_ADD_ATTEMPTS:
                self._settle(self.pipeline.give_up(w, tries))
            else:
                self._enqueue(_Task(Action.CREATE, w))

    def _summary(self, plan: Plan, started: float, calls_before: int) -> RunSummary:
        self._outcomes.leftovers(((t.action, t.work) for t in self._left), self._doubts.drain(),
                                 self.journal, self.scope,
                                 quota=self.control.stop_reason == StopReason.QUOTA)
        if self._tracker is not None:
            self._tracker.maybe_emit(self.emit, force=True)
        stop = StopReason(self.control.stop_reason or StopReason.COMPLETED)
        message = (self.room.message([t.work for t in self._left])
                   if stop is StopReason.PICTURE_SPACE else self.control.stop_message)
        summary = self._outcomes.summary(
            plan, elapsed=time.monotonic() - started,
            calls=self.client.calls_made - calls_before, lookup_calls=self.lookup_calls,
            stop_reason=stop, message=message, reset_at=self.control.reset_at)
        summary.publisher = self.route.used
        return summary

