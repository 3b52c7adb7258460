"""Background work for the window: reading a sheet and making thumbnails off the GUI thread.

Tasks run on the loader's own QThreadPool and report through queued signals; the GUI thread
turns thumbnail bytes into QPixmaps. Each load carries a generation number so that the results of
a sheet the user has already replaced are dropped. The signals object has no Qt parent: a task
still running when the window goes away emits into the void instead of onto a deleted object, and
`shutdown` (window closing) stops the remaining work and waits for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class LoaderSignals(QObject):
    loaded = Signal(int, object)  # generation, review result
    failed = Signal(int, str)  # generation, message for the user
    thumbnail = Signal(int, int, bytes)  # generation, sheet row, PNG/JPEG bytes
    done = Signal(object)  # the result of `run`
    done_failed = Signal(str)  # why `run` failed, for the user


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], None]) -> None:
        super().__init__()
        self._fn = fn

    def run(self) -> None:
        self._fn()


class SheetLoader(QObject):
    """Loads sheets and thumbnails in the background; results arrive as signals."""

    def __init__(
        self,
        review: Callable[[Path], Any],
        thumbnail: Callable[[Any, int], bytes | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.signals = LoaderSignals()  # no parent: outlives the window for tasks in flight
        self._review = review
        self._thumbnail = thumbnail
        self._current = [0]  # the live generation, shared with the tasks (plain Python)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)

    @property
    def generation(self) -> int:
        return self._current[0]

    @property
    def busy(self) -> bool:
        return self._pool.activeThreadCount() > 0

    def shutdown(self) -> None:
        """Drop queued work, let running tasks see they are stale, wait for them."""
        self._current[0] += 1
        self._pool.clear()
        self._pool.waitForDone()

    def load(self, path: Path) -> int:
        self._current[0] += 1
        generation = self._current[0]
        signals, review = self.signals, self._review

        def work() -> None:
            try:
                result = review(path)
            except Exception as exc:  # noqa: BLE001 - every failure becomes a message, never a crash
                log.warning("could not read %s: %s", path, exc)
                signals.failed.emit(generation, str(exc))
                return
            signals.loaded.emit(generation, result)

        self._pool.start(_Task(work))
        return generation

    def run(self, fn: Callable[[], object]) -> None:
        """Any other blocking job (writing the result sheet): `done` or `done_failed` follows."""
        signals = self.signals

        def work() -> None:
            try:
                result = fn()
            except Exception as exc:  # noqa: BLE001 - reported to the user, the window goes on
                log.warning("background job failed: %s", exc)
                signals.done_failed.emit(str(exc))
                return
            signals.done.emit(result)

        self._pool.start(_Task(work))

    def make_thumbnails(self, generation: int, jobs: list[tuple[int, Any]], size: int) -> None:
        """jobs: (sheet row, whatever the thumbnail function takes)."""
        signals, current, thumbnail = self.signals, self._current, self._thumbnail

        def work() -> None:
            for row, job in jobs:
                if generation != current[0]:
                    return
                try:
                    data = thumbnail(job, size)
                except Exception as exc:  # noqa: BLE001 - a bad picture is the row's issue, not a crash
                    log.info("no thumbnail for row %s: %s", row, exc)
                    continue
                if data:
                    signals.thumbnail.emit(generation, row, data)

        self._pool.start(_Task(work))
