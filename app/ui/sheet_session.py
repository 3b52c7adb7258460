"""Which sheet the window holds: the one loaded (path + review + last run's results) and the one
being read.

A sheet is adopted only once it has been read: a failed open leaves the loaded sheet — its path,
review and results — as the current one, so 重试失败, 列对应, 导出结果 and 重新读取 never point
at a file whose rows the window does not show. Loads carry a generation: the results of a load
the user has already replaced are dropped.

A sheet's objects (tens of thousands of rows, issues, cells) live as long as it is shown: once
it is adopted they are moved out of the cyclic garbage collector's sight (`gc.freeze`), so the
full collections that the upload's threads trigger do not scan them again and again while
holding the interpreter (measured: 50–70 ms stalls of the GUI thread per collection on a
10,000-row sheet). They are still freed by reference counting when the next sheet replaces
them.

A sheet arrives in two steps: `rows_shown` as soon as it is read and checked against the rules
(the table fills at once), then `loaded` with its pictures checked too (a run waits for that).
"""

from __future__ import annotations

import gc
import logging
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QPixmap

from app.review import Review
from app.ui.loaders import SheetLoader
from app.ui.recent_files import RecentFiles
from app.ui.row_state import FILTER_STATUSES, Filter, Status
from app.ui.table_model import ProductTableModel
from app.upload.events import RunSummary

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")
PAINT_FIRST_MS = 50


class SheetSession(QObject):
    rows_shown = Signal(int, object)  # generation, Review without its pictures' issues yet
    loaded = Signal(int, object)  # generation, Review: the current sheet, wholly checked
    failed = Signal(int, str, str)  # generation, the file's name, why (the current sheet stays)
    thumbnails = Signal(list)  # [(sheet row, its picture fitted to THUMB_SIZE as a QPixmap)]

    def __init__(self, loader: SheetLoader, recent: RecentFiles,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.loader = loader
        self.recent = recent
        self.path: Path | None = None  # the sheet shown
        self.review: Review | None = None
        self.results: RunSummary | None = None  # its last run, for 导出结果
        self.loading: Path | None = None  # being read now
        self.pictures_pending = False  # the shown sheet's pictures are still being checked
        self._pixmaps: dict[bytes, QPixmap] = {}  # thumbnail bytes -> its pixmap, this sheet
        loader.signals.rows.connect(self._on_rows)
        loader.signals.loaded.connect(self._on_loaded)
        loader.signals.failed.connect(self._on_failed)
        loader.signals.thumbnails.connect(self._on_thumbnails)
        loader.signals.thumbnails_done.connect(self._on_thumbnails_done)
        self._thumbnails_pending = False
        self._after_thumbnails: list[Callable[[], object]] = []

    def open(self, path: Path) -> int:
        """Read ``path``; `loaded` or `failed` follows with the returned generation."""
        if self.loading == path:
            return self.loader.generation
        self.loading = path
        return self.loader.load(path)

    def reload(self) -> int | None:
        """Read the current sheet again (the user may have fixed it)."""
        return None if self.path is None else self.open(self.path)

    def revise(self, review: Review) -> None:
        """The shown sheet with the user's latest corrections (what a run sends, what 导出结果
        names)."""
        if self.review is not None and review.sheet.identity == self.review.sheet.identity:
            self.review = review
            gc.freeze()  # the corrected rows are new objects: out of the collector's sight too

    def _adopt(self, review: Review) -> None:
        path = self.loading or Path(review.sheet.path)
        self.path, self.review, self.results, self.loading = path, review, None, None
        self.recent.add(path, review.sheet.identity)
        self._after_thumbnails = []  # what waited was for the sheet shown before
        self._thumbnails_pending = True  # this sheet's are still to be made
        gc.freeze()

    @Slot(int, object)
    def _on_rows(self, generation: int, review: Review) -> None:
        if generation != self.loader.generation:
            return
        self._adopt(review)
        self.pictures_pending = True
        self.rows_shown.emit(generation, review)
        # the table paints its first rows before the picture pass and the thumbnails compete
        # with it for the interpreter
        QTimer.singleShot(PAINT_FIRST_MS, self, lambda: self._after_rows(generation, review))

    def _after_rows(self, generation: int, review: Review) -> None:
        if generation != self.loader.generation:
            return
        self.loader.check_pictures(generation, review)
        self._thumbnails(generation, review)

    @Slot(int, object)
    def _on_loaded(self, generation: int, review: Review) -> None:
        if generation != self.loader.generation:
            return
        shown = self.pictures_pending and self.review is not None
        if shown:  # the rows are on screen: only the pictures' issues are new
            self.review = review
            gc.freeze()
        else:
            self._adopt(review)
        self.pictures_pending = False
        self.loaded.emit(generation, review)
        if not shown:
            self._thumbnails(generation, review)

    def after_thumbnails(self, fn: Callable[[], object]) -> None:
        """``fn`` once the shown sheet's thumbnails are all made (now, if they are): heavy
        Python work in a worker beside the thumbnail workers starved the GUI thread of the
        interpreter (the category re-check of 10,000 rows: a 110–150 ms stall). Another sheet
        shown drops what waits."""
        if self._thumbnails_pending:
            self._after_thumbnails.append(fn)
        else:
            fn()

    def _on_thumbnails_done(self, generation: int) -> None:
        if generation != self.loader.generation:
            return
        self._thumbnails_pending = False
        waiting, self._after_thumbnails = self._after_thumbnails, []
        for fn in waiting:
            fn()

    def _thumbnails(self, generation: int, review: Review) -> None:
        self._pixmaps = {}
        self._thumbnails_pending = True
        jobs = [(p.row, (review, p)) for p in review.products if p.images]
        self.loader.make_thumbnails(generation, jobs, ProductTableModel.THUMB_SIZE)

    @Slot(int, str)
    def _on_failed(self, generation: int, message: str) -> None:
        if generation != self.loader.generation:
            return
        name = self.loading.name if self.loading is not None else ""
        self.loading = None
        log.info("could not open %s: %s", name, message)
        self.failed.emit(generation, name, message)
        if self.review is not None:  # the shown sheet's background work stopped at the load
            if self.pictures_pending:
                self.loader.check_pictures(generation, self.review)
            self._thumbnails(generation, self.review)

    @Slot(int, list)
    def _on_thumbnails(self, generation: int, batch: list) -> None:
        """(row, QImage) pairs decoded off the GUI thread; one QPixmap per distinct picture
        (rows sharing a picture share its pixmap: memory and time)."""
        if generation != self.loader.generation:
            return
        pixmaps = self._pixmaps
        shown = []
        for sheet_row, key, image in batch:
            pixmap = pixmaps.get(key)
            if pixmap is None:
                pixmap = pixmaps[key] = QPixmap.fromImage(image)
            shown.append((sheet_row, pixmap))
        self.thumbnails.emit(shown)


def sheet_line(name: str, counts: Counter[Status], unknown: int, *, checking: bool,
               unknown_text: Callable[[int], str] | None = None, categories: str = "") -> str:
    """The line over the table: the sheet's rows as they stand now (after corrections, skips,
    the journal's answer and runs), its unrecognised columns (``unknown_text``: how to name them
    while they may be category properties without the data to tell), the picture pass still
    going, and the category data being read (``categories``)."""
    ready = sum(counts[s] for s in FILTER_STATUSES[Filter.READY])
    line = translate("MainWindow",
                     "%1: %2 rows — %3 ready to upload, %4 with errors, %5 with warnings")
    text = (
        line.replace("%1", name)
        .replace("%2", str(sum(counts.values())))
        .replace("%3", str(ready))
        .replace("%4", str(counts[Status.ERROR]))
        .replace("%5", str(counts[Status.WARNING]))
    )
    for number, words in (  # during and after a run: where the other rows are
            (counts[Status.RUNNING], translate("MainWindow", ", %1 being uploaded")),
            (counts[Status.LISTED] + counts[Status.SKIPPED],
             translate("MainWindow", ", %1 listed")),
            (counts[Status.FAILED], translate("MainWindow", ", %1 failed"))):
        if number:
            text += words.replace("%1", str(number))
    if unknown and unknown_text is not None:
        text += unknown_text(unknown)
    elif unknown:
        more = translate("MainWindow", "; %1 column(s) not recognised — use Match columns")
        text += more.replace("%1", str(unknown))
    if checking:
        text += translate("MainWindow", " — checking the pictures…")
    if categories:
        text += translate("MainWindow", " — %1").replace("%1", categories)
    return text
