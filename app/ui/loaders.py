"""Background work for the window: reading a sheet, checking its pictures and making thumbnails
off the GUI thread.

Tasks run on the loader's own QThreadPool and report through queued signals; the GUI thread
turns thumbnail bytes into QPixmaps. Thumbnails travel in batches (at most `BATCH` or
`BATCH_SECONDS` apart): thousands of one-thumbnail signals queued at once would hold the GUI
thread for their whole burst. Each load carries a generation number so that the results of
a sheet the user has already replaced are dropped. The signals object has no Qt parent: a task
still running when the window goes away emits into the void instead of onto a deleted object, and
`shutdown` (window closing) stops the remaining work and waits for it.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage

log = logging.getLogger(__name__)


SWITCH_INTERVAL = 0.0002  # seconds; Python's default is 0.005
BATCH = 100  # thumbnails per signal at most
BATCH_SECONDS = 0.05
HOLD_SECONDS = 30.0  # the longest a run's planning holds the thumbnails



def share_interpreter_with_the_gui() -> None:
    """Keep the GUI thread's painting its own, and let it take the interpreter back quickly
    from busy worker threads.

    Qt's raster painter splits larger fills and image scaling across its own "QtGui" thread
    pool and waits for them on the GUI thread. With both cores busy (a run's workers, the
    category re-check) those pool threads waited to be scheduled, and the GUI thread with them:
    a scroll bar's repaint held it 50–90 ms at the start of a run. ``QT_NO_GUI_THREADPOOL``
    (Qt's own switch, read when that pool is first wanted, so before the first paint) makes
    the GUI thread paint inline; the window's widgets are small enough that this costs nothing
    measurable. A value already set in the environment is kept.

    Painting the table calls into Python for every cell (`RowFilter.multiData` and ``flags``),
    and each call must take the GIL. While a worker runs Python (re-checking 10,000 rows when
    category data arrives, planning a run), each of those calls waited up to the default switch
    interval of 5 ms: a repaint took 200–400 ms. At 0.2 ms a contended repaint takes ~10 ms
    (tests/benchmarks/bench_window.py) and the workers lose a few per cent.
    """
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
    if sys.getswitchinterval() > SWITCH_INTERVAL:
        sys.setswitchinterval(SWITCH_INTERVAL)
    preload_picture_formats()


def preload_picture_formats() -> None:
    """Import Pillow's common format plugins now, before any sheet is open. Left to the first
    picture a worker decodes, their import (a dozen modules, compiled where no bytecode is
    cached) held the interpreter just after a big sheet's rows appeared, and the GUI thread
    waited 40–100 ms (bench_window; thread samples showed the thumbnail worker importing
    PngImagePlugin)."""
    Image.preinit()


def background_workers() -> int:
    """Threads a CPU-heavy pass of the window (decoding every picture of a sheet) may keep busy
    at once: every core but one, which stays the GUI thread's (at least 1, at most 4). With all
    cores decoding, the GUI thread waited for a core and then for the interpreter: a repaint
    just after a big sheet's rows appeared held it up to 75 ms on 2 cores (bench_window)."""
    return max(1, min(4, (os.cpu_count() or 2) - 1))


class LoaderSignals(QObject):
    rows = Signal(int, object)  # generation, the review before its picture pass (show the rows)
    loaded = Signal(int, object)  # generation, the whole review (pictures checked)
    failed = Signal(int, str)  # generation, message for the user
    thumbnails = Signal(int, list)  # generation, [(sheet row, PNG/JPEG bytes, QImage)]
    thumbnails_done = Signal(int)  # generation: every thumbnail of that sheet was sent
    done = Signal(object)  # the result of `run`
    done_failed = Signal(str)  # why `run` failed, for the user


class Task(QRunnable):
    """A callable run on a `QThreadPool` (the window's background jobs)."""

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
        pictures: Callable[[Any], Any] | None = None,
    ) -> None:
        """``review`` reads a sheet. With ``pictures`` (the picture pass: review -> the whole
        review) a load says `rows` as soon as the sheet is read; `check_pictures` then runs the
        pass and says `loaded`."""
        super().__init__(parent)
        self.signals = LoaderSignals()  # no parent: outlives the window for tasks in flight
        self._review = review
        self._thumbnail = thumbnail
        self._pictures = pictures
        self._current = [0]  # the live generation, shared with the tasks (plain Python)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._go = threading.Event()  # cleared: the thumbnail work waits (`hold_thumbnails`)
        self._go.set()

    @property
    def generation(self) -> int:
        return self._current[0]

    @property
    def thumbnails_held(self) -> bool:
        return not self._go.is_set()

    def hold_thumbnails(self, hold: bool) -> None:
        """Hold the thumbnail work (between two thumbnails) or let it go on. A run holds it
        while it plans: its re-check of every row beside the thumbnails of a sheet just
        opened left the GUI thread waiting 50–60 ms for the interpreter (bench_window, a run
        started as soon as its sheet was shown). At most `HOLD_SECONDS` at a time."""
        if hold:
            self._go.clear()
        else:
            self._go.set()

    @property
    def busy(self) -> bool:
        return self._pool.activeThreadCount() > 0

    def shutdown(self) -> None:
        """Drop queued work, let running tasks see they are stale, wait for them."""
        self._current[0] += 1
        self._go.set()
        self._pool.clear()
        self._pool.waitForDone()

    def load(self, path: Path) -> int:
        self._current[0] += 1
        generation = self._current[0]
        signals, review, whole = self.signals, self._review, self._pictures is None

        def work() -> None:
            try:
                result = review(path)
            except Exception as exc:  # noqa: BLE001 - every failure becomes a message, never a crash
                log.warning("could not read %s: %s", path, exc)
                signals.failed.emit(generation, str(exc))
                return
            if whole:
                signals.loaded.emit(generation, result)
            else:  # the picture pass starts once the rows are on screen (`check_pictures`)
                signals.rows.emit(generation, result)

        self._pool.start(Task(work))
        return generation

    def check_pictures(self, generation: int, review: Any) -> None:
        """The picture pass of a review `rows` gave: `loaded` follows with the whole review."""
        if self._pictures is not None:
            self._pool.start(Task(lambda: self._check(generation, review)))

    def _check(self, generation: int, review: Any) -> None:
        if generation != self._current[0] or self._pictures is None:
            return
        try:
            whole = self._pictures(review)
        except Exception:  # a picture pass that breaks must not leave the sheet unusable
            log.exception("picture check failed")
            whole = review
        if generation == self._current[0]:
            self.signals.loaded.emit(generation, whole)

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

        self._pool.start(Task(work))

    def make_thumbnails(self, generation: int, jobs: list[tuple[int, Any]], size: int) -> None:
        """jobs: (sheet row, whatever the thumbnail function takes). Each distinct thumbnail is
        decoded to a QImage here, once; `thumbnails` carries (row, its bytes, the QImage)."""
        signals, current, thumbnail, go = self.signals, self._current, self._thumbnail, self._go

        def work() -> None:
            batch: list[tuple[int, bytes, QImage]] = []
            images: dict[bytes, QImage] = {}
            sent = time.monotonic()
            for row, job in jobs:
                if not go.is_set():
                    go.wait(HOLD_SECONDS)
                if generation != current[0]:
                    return
                try:
                    data = thumbnail(job, size)
                except Exception as exc:  # noqa: BLE001 - a bad picture is the row's issue, not a crash
                    log.info("no thumbnail for row %s: %s", row, exc)
                    continue
                if data:
                    image = images.get(data)
                    if image is None:
                        image = images[data] = QImage.fromData(data)
                    if not image.isNull():
                        batch.append((row, data, image))
                if len(batch) >= BATCH or (batch and time.monotonic() - sent >= BATCH_SECONDS):
                    signals.thumbnails.emit(generation, batch)
                    batch, sent = [], time.monotonic()
                    time.sleep(0)  # let the GUI thread have the interpreter
            if batch and generation == current[0]:
                signals.thumbnails.emit(generation, batch)
            signals.thumbnails_done.emit(generation)

        self._pool.start(Task(work))
