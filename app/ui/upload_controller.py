"""The bridge between the window and the upload engine.

A worker QObject lives on its own QThread and runs the plain-Python engine (prepare, then run);
the engine's events — delivered on engine threads — are re-emitted as a Qt signal, which Qt queues
to the GUI thread. The controller starts, pauses, resumes and cancels the run and cleans the
thread up (quit → wait → deleteLater).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal, Slot

from app.catalog.model import Issue, Product
from app.top.client import TopClient
from app.top.errors import TopError
from app.ui.shop_text import connect_error_text
from app.upload.connection import ConnectError, Connection, open_engine, reauthorize
from app.upload.control import CallFailed, Stopped
from app.upload.engine import Engine
from app.upload.events import RunSummary
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
    # called on the worker thread once connected, before prepare: resolves the products'
    # categories and properties with fresh data and gives the issues to plan with
    resolve: Callable[[Connection, TopClient], dict[int, list[Issue]]] | None = None


class UploadWorker(QObject):
    event = Signal(object)  # an app.upload.events event
    finished = Signal(object, str)  # RunSummary | None, error message ("" when none)
    engine_ready = Signal(object)

    def __init__(self, request: RunRequest) -> None:
        super().__init__()
        self._request = request
        self.connection: Connection | None = None  # set once connected (re-authorisation)

    @Slot()
    def run(self) -> None:
        summary: RunSummary | None = None
        error = ""
        request = self._request
        try:
            self.connection = request.connect()
            with open_engine(
                self.connection,
                request.sheet_identity,
                request.sheet_dir,
                request.settings,
                self.event.emit,
            ) as engine:
                self.engine_ready.emit(engine)
                issues = request.issues
                if request.resolve is not None:
                    issues = request.resolve(self.connection, engine.client)
                plan = engine.prepare(request.products, issues)
                summary = engine.run(plan)
        except CallFailed as exc:
            err = exc.err
            error = err.user_message if isinstance(err, TopError) else str(err)
        except Stopped as exc:
            error = str(exc) or "已停止"
        except ConnectError as exc:  # no secret/token: what to do in the window
            error = connect_error_text(exc)
        except RunLockedError as exc:  # shop busy elsewhere
            error = str(exc)
        except Exception as exc:
            log.exception("upload run failed")
            error = str(exc)
        finally:
            self.finished.emit(summary, error)


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
            self._signals.failed.emit(connect_error_text(exc))
            return
        self._signals.done.emit(session)


class UploadController(QObject):
    """Owns one run at a time."""

    event = Signal(object)
    finished = Signal(object, str)
    reauthorized = Signal()
    reauthorize_failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: UploadWorker | None = None
        self._engine: Engine | None = None
        self._reauth = _ReauthSignals()  # no parent: see _Reauthorization
        self._reauth.done.connect(self._on_reauth_done)
        self._reauth.failed.connect(self.reauthorize_failed)

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self, request: RunRequest) -> None:
        if self.running:
            raise RuntimeError("a run is already in progress")
        thread = QThread(self)
        thread.setObjectName("upload-run")
        worker = UploadWorker(request)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.event.connect(self.event)
        worker.engine_ready.connect(self._on_engine_ready)
        worker.finished.connect(self._on_finished)
        self._thread, self._worker = thread, worker
        log.info("run starting: %d rows", len(request.products))
        thread.start()

    def pause(self) -> None:
        if self._engine is not None:
            self._engine.pause()

    def resume(self, session: str | None = None) -> None:
        if self._engine is not None:
            self._engine.resume(session=session)

    def cancel(self) -> None:
        """Calls in flight finish; nothing new starts. `finished` follows."""
        if self._engine is not None:
            self._engine.cancel()

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
        """Cancel and wait for the thread (window closing)."""
        self.cancel()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()

    @Slot(object)
    def _on_engine_ready(self, engine: Engine) -> None:
        self._engine = engine

    @Slot(object, str)
    def _on_finished(self, summary: RunSummary | None, error: str) -> None:
        thread, worker = self._thread, self._worker
        self._thread = self._worker = self._engine = None
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()
        if worker is not None:
            worker.deleteLater()
        if summary is None:
            log.info("run did not start: %s", error)
        else:
            log.info(
                "run finished (%s): %d rows, %d listed, %d failed, %d not sent, %d left",
                summary.stop_reason, summary.total, summary.listed,
                summary.failed + summary.unknown, summary.blocked + summary.skipped,
                summary.left + summary.waiting_quota,
            )
        self.finished.emit(summary, error)
