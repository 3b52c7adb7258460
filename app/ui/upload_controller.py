"""The bridge between the window and the upload engine.

A worker QObject lives on its own QThread and runs the plain-Python engine: it connects to the
shop, prepares the plan (journal + outer_id lookups), emits `planned` with the plan's counts and
waits for the user's answer (`answer`), then runs — or, refused, releases the shop's run lock
and ends with nothing sent. The engine's events — delivered on engine threads — are re-emitted
as a Qt signal, which Qt queues to the GUI thread. The controller starts, pauses, resumes and
cancels the run and cleans the thread up (quit → wait → deleteLater).
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal, Slot

from app.catalog.model import Issue, Product
from app.review_edits import SKIP_REASON
from app.top.client import TopClient
from app.top.errors import TopError
from app.ui.shop_text import connect_error_text
from app.ui.wording import event_for_window, for_window, summary_for_window
from app.upload.changes import labels
from app.upload.connection import ConnectError, Connection, open_engine, reauthorize
from app.upload.control import CallFailed, Stopped
from app.upload.engine import Engine
from app.upload.events import Event, RunSummary
from app.upload.plan import Action, Plan
from app.upload.runlock import RunLockedError
from app.upload.settings import UploadSettings

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RunRequest:
    connect: Callable[[], Connection]  # called on the worker thread (keyring, token refresh)
    sheet_identity: str
    sheet_dir: Path
    products: list[Product]
    issues: dict[int, list[Issue]]
    settings: UploadSettings
    sheet_name: str = ""  # the file's name: what 上架记录 shows
    rows: frozenset[int] | None = None  # only these sheet rows (重试这一行, 重试失败); None: all
    # called on the worker thread once connected, before prepare: resolves the products'
    # categories and properties with fresh data and gives the issues to plan with
    resolve: Callable[[Connection, TopClient], dict[int, list[Issue]]] | None = None


@dataclass(frozen=True, slots=True)
class RunPlan:
    """What the confirmation shows: the plan's counts and where the rows go."""

    shop: str
    env: str  # local | sandbox | production
    total: int
    to_send: int  # rows that will be listed (or finished: reconciled, pictures attached)
    already: int  # already on the shop: skipped
    refused: int  # Taobao refused them before and they are unchanged: skipped
    blocked: int  # errors in the sheet: not sent
    user_skipped: int = 0  # 跳过这一行 (the plan blocks them with SKIP_REASON): not sent
    edits: int = 0  # on the shop already, edited in the sheet: the edits are sent
    edit_fields: tuple[tuple[str, int], ...] = ()  # (标题, rows whose 标题 is sent), most first

    @classmethod
    def of(cls, plan: Plan, connection: Connection) -> RunPlan:
        skips = plan.of(Action.SKIP)
        already = sum(1 for w in skips if w.num_iid is not None)
        blocks = plan.of(Action.BLOCKED)
        chosen = sum(1 for w in blocks if w.reasons == (SKIP_REASON,))
        edits = len(plan.of(Action.UPDATE))
        fields = Counter(name for w in plan.of(Action.UPDATE, Action.ATTACH)
                         for name in labels(list(w.edits)))
        return cls(connection.shop, connection.env, len(plan.works),
                   len(plan.works) - len(skips) - len(blocks) - edits, already,
                   len(skips) - already, len(blocks) - chosen, chosen, edits,
                   tuple(fields.most_common()))


class UploadWorker(QObject):
    event = Signal(object)  # an app.upload.events event (messages in the window's wording)
    planned = Signal(object)  # RunPlan: answer() decides whether the run goes on
    finished = Signal(object, str)  # RunSummary | None, error message ("" when none)

    def __init__(self, request: RunRequest) -> None:
        super().__init__()
        self._request = request
        self.connection: Connection | None = None  # set once connected (re-authorisation)
        self.engine: Engine | None = None  # set on the worker thread; read by the controller
        self._lock = threading.Lock()
        self._cancelled = False
        self._answered = threading.Event()
        self._go = False

    # -- called from the GUI thread (thread-safe) ---------------------------------------------
    def answer(self, go: bool) -> None:
        """The user's answer to `planned` (also: cancel/close before it came)."""
        if not self._answered.is_set():
            self._go = go
            self._answered.set()

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            engine = self.engine
        self.answer(False)
        if engine is not None:
            engine.cancel()

    # -- the worker thread --------------------------------------------------------------------
    def _emit(self, event: Event) -> None:
        self.event.emit(event_for_window(event))

    @Slot()
    def run(self) -> None:
        summary: RunSummary | None = None
        error = ""
        request = self._request
        try:
            summary = self._run(request)
        except CallFailed as exc:
            err = exc.err
            error = err.user_message if isinstance(err, TopError) else str(err)
            log.warning("upload run failed: %s", error)
        except Stopped as exc:
            error = "" if self._cancelled else (str(exc) or "已停止")
        except ConnectError as exc:  # no secret/token/shop: what to do in the window (by code)
            error = connect_error_text(exc)
            log.warning("could not connect to the shop (%s): %s", exc.code, exc)
        except RunLockedError as exc:  # the shop is busy in another window or command
            error = str(exc)
            log.warning("upload refused: %s", error)
        except Exception as exc:
            log.exception("upload run failed")
            error = str(exc) or type(exc).__name__
        finally:
            self.finished.emit(summary, for_window(error))

    def _run(self, request: RunRequest) -> RunSummary | None:
        self.connection = connection = request.connect()
        products = request.products
        if request.rows is not None:
            products = [p for p in products if p.row in request.rows]
        with open_engine(connection, request.sheet_identity, request.sheet_dir,
                         request.settings, self._emit, sheet_name=request.sheet_name) as engine:
            with self._lock:
                if self._cancelled:
                    return None
                self.engine = engine
            issues = request.issues
            if request.resolve is not None:  # fresh category data for the shop (calls)
                issues = request.resolve(connection, engine.client)
                if self._cancelled:
                    return None
            plan = engine.prepare(products, issues)  # takes the shop's run lock
            self.planned.emit(RunPlan.of(plan, connection))
            self._answered.wait()
            if not self._go or self._cancelled:
                log.info("run not started: the user said no")
                return None  # open_engine releases the run lock
            return summary_for_window(engine.run(plan))


class _ReauthSignals(QObject):
    done = Signal(str)  # the new session
    failed = Signal(str)  # what went wrong, in Chinese


class _Reauthorization(QRunnable):
    """Runs the browser authorisation off the GUI thread (it waits minutes for the callback).
    Its signals object has no Qt parent, so a window closed meanwhile is no problem."""

    def __init__(
        self, connection: Connection, open_browser: Callable[[str], object], signals: _ReauthSignals
    ) -> None:
        super().__init__()
        self._connection, self._open_browser = connection, open_browser
        self._signals = signals

    def run(self) -> None:
        try:
            session = reauthorize(self._connection, self._open_browser)
        except ConnectError as exc:
            log.warning("re-authorisation failed (%s): %s", exc.code, exc)
            self._signals.failed.emit(connect_error_text(exc))
            return
        self._signals.done.emit(session)


class UploadController(QObject):
    """Owns one run at a time."""

    event = Signal(object)
    planned = Signal(object)  # RunPlan
    finished = Signal(object, str)  # summary (None: not run), error ("" with None: declined)
    reauthorized = Signal()
    reauthorize_failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: UploadWorker | None = None
        self._reauth = _ReauthSignals()  # no parent: see _Reauthorization
        self._reauth.done.connect(self._on_reauth_done)
        self._reauth.failed.connect(self.reauthorize_failed)

    @property
    def running(self) -> bool:
        return self._thread is not None

    @property
    def _engine(self) -> Engine | None:
        return self._worker.engine if self._worker is not None else None

    def start(self, request: RunRequest) -> None:
        if self.running:
            raise RuntimeError("a run is already in progress")
        thread = QThread(self)
        thread.setObjectName("upload-run")
        worker = UploadWorker(request)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.event.connect(self.event)
        worker.planned.connect(self.planned)
        worker.finished.connect(self._on_finished)
        self._thread, self._worker = thread, worker
        rows = len(request.rows) if request.rows is not None else len(request.products)
        log.info("run starting: %d rows", rows)
        thread.start()

    def answer(self, go: bool) -> None:
        """Go on with the planned run (True) or end it with nothing sent (False)."""
        if self._worker is not None:
            self._worker.answer(go)

    def pause(self) -> None:
        if self._engine is not None:
            self._engine.pause()

    def resume(self, session: str | None = None) -> None:
        if self._engine is not None:
            self._engine.resume(session=session)

    def cancel(self) -> None:
        """Calls in flight finish; nothing new starts (also before the engine exists).
        `finished` follows."""
        if self._worker is not None:
            self._worker.cancel()

    def set_wait_for_quota(self, wait: bool) -> None:
        """Wait for the daily quota's reset (True) or stop when it runs out (False)."""
        if self._engine is not None:
            self._engine.control.set_wait_for_quota(wait)

    def reauthorize(self, open_browser: Callable[[str], object]) -> None:
        """Authorise the shop again (browser); the paused run resumes with the new session."""
        connection = self._worker.connection if self._worker is not None else None
        if connection is None:
            return
        QThreadPool.globalInstance().start(_Reauthorization(connection, open_browser, self._reauth))

    @Slot(str)
    def _on_reauth_done(self, session: str) -> None:
        self.resume(session=session)
        self.reauthorized.emit()

    def shutdown(self) -> None:
        """Cancel and wait for the thread (the window is going away)."""
        self.cancel()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()

    @Slot(object, str)
    def _on_finished(self, summary: RunSummary | None, error: str) -> None:
        thread, worker = self._thread, self._worker
        self._thread = self._worker = None
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()
        if worker is not None:
            worker.deleteLater()
        if summary is None:
            log.info("run did not start: %s", error or "declined or cancelled")
        else:
            log.info(
                "run finished (%s): %d rows, %d listed, %d failed, %d not sent, %d left",
                summary.stop_reason, summary.total, summary.listed,
                summary.failed + summary.unknown, summary.blocked + summary.skipped,
                summary.left + summary.waiting_quota,
            )
        self.finished.emit(summary, error)
