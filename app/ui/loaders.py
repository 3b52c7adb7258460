"""Background work for the window: reading a sheet and making thumbnails off the GUI thread.

Tasks run on the global QThreadPool and report through queued signals; the GUI thread turns
thumbnail bytes into QPixmaps. Each load carries a generation number so that the results of a
sheet the user has already replaced are dropped.
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
        self.signals = LoaderSignals(self)
        self._review = review
        self._thumbnail = thumbnail
        self._generation = 0
        self._pool = QThreadPool.globalInstance()

    @property
    def generation(self) -> int:
        return self._generation

    def load(self, path: Path) -> int:
        self._generation += 1
        generation = self._generation
        signals = self.signals

        def work() -> None:
            try:
                result = self._review(path)
            except Exception as exc:  # noqa: BLE001 - every failure becomes a message, never a crash
                log.warning("could not read %s: %s", path, exc)
                signals.failed.emit(generation, str(exc))
                return
            signals.loaded.emit(generation, result)

        self._pool.start(_Task(work))
        return generation

    def make_thumbnails(self, generation: int, jobs: list[tuple[int, Any]], size: int) -> None:
        """jobs: (sheet row, whatever the thumbnail function takes)."""
        signals = self.signals

        def work() -> None:
            for row, job in jobs:
                if generation != self._generation:
                    return
                try:
                    data = self._thumbnail(job, size)
                except Exception as exc:  # noqa: BLE001 - a bad picture is the row's issue, not a crash
                    log.info("no thumbnail for row %s: %s", row, exc)
                    continue
                if data:
                    signals.thumbnail.emit(generation, row, data)

        self._pool.start(_Task(work))
