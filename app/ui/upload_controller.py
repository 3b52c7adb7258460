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
from app.top.errors import TopError
from app.upload.connection import ConnectError, Connection, open_engine, reauthorize
from app.upload.control import CallFailed, Stopped
from app.upload.engine import Engine
from app.upload.events import RunSummary
from app.upload.runlock import RunLockedError
from app.upload.settings import UploadSettings

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RunRequest:
    connection: Connection
    sheet_identity: str
    sheet_dir: Path
    products: list[Product]
    issues: dict[int, list[Issue]]
    settings: UploadSettings


class UploadWorker(QObject):
    event = Signal(object)  # an app.upload.events event
    finished = Signal(object, str)  # RunSummary | None, error message ("" when none)
    engine_ready = Signal(object)

    def __init__(self, request: RunRequest) -> None:
        super().__init__()
        self._request = request

    @Slot()
    def run(self) -> None:
        summary: RunSummary | None = None
        error = ""
        request = self._request
        try:
            with open_engine(
                request.connection,
                request.sheet_identity,
                request.sheet_dir,
                request.settings,
                self.event.emit,
            ) as engine:
                self.engine_ready.emit(engine)
                plan = engine.prepare(request.products, request.issues)
                summary = engine.run(plan)
        except CallFailed as exc:
            err = exc.err
            error = err.user_message if isinstance(err, TopError) else str(err)
        except Stopped as exc:
            error = str(exc) or "已停止"
        except RunLockedError as exc:  # another window or `taoshelf upload` is on this shop
            error = str(exc)
        except Exception as exc:
            log.exception("upload run failed")
            error = str(exc)
        finally:
            self.finished.emit(summary, error)


class _Reauthorization(QRunnable):
    """Runs the browser authorisation off the GUI thread (it waits for the callback)."""

    def __init__(
        self,
        connection: Connection,
        open_browser: Callable[[str], object],
        done: Signal,
        failed: Signal,
    ) -> None:
        super().__init__()
        self._connection, self._open_browser = connection, open_browser
        self._done, self._failed = done, failed

    def run(self) -> None:
        try:
            session = reauthorize(self._connection, self._open_browser)
        except ConnectError as exc:
            self._failed.emit(str(exc))
            return
        self._done.emit(session)


class UploadController(QObject):
    """Owns one run at a time."""

    event = Signal(object)
    finished = Signal(object, str)
    reauthorized = Signal()
    reauthorize_failed = Signal(str)
    _reauth_done = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: UploadWorker | None = None
        self._engine: Engine | None = None
        self._request: RunRequest | None = None
        self._reauth_done.connect(self._on_reauth_done)

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
        self._thread, self._worker, self._request = thread, worker, request
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
        if self._request is None:
            return
        QThreadPool.globalInstance().start(
            _Reauthorization(
                self._request.connection, open_browser, self._reauth_done, self.reauthorize_failed
            )
        )

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
        self._thread = self._worker = self._engine = self._request = None
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()
        if worker is not None:
            worker.deleteLater()
        self.finished.emit(summary, error)
