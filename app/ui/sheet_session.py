"""Which sheet the window holds: the one loaded (path + review + last run's results) and the one
being read.

A sheet is adopted only once it has been read: a failed open leaves the loaded sheet — its path,
review and results — as the current one, so 重试失败, 列对应, 导出结果 and 重新读取 never point
at a file whose rows the window does not show. Loads carry a generation: the results of a load
the user has already replaced are dropped.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QPixmap

from app.review import Review
from app.ui.loaders import SheetLoader
from app.ui.recent_files import RecentFiles
from app.ui.table_model import ProductTableModel
from app.upload.events import RunSummary

log = logging.getLogger(__name__)


class SheetSession(QObject):
    loaded = Signal(int, object)  # generation, Review: the new current sheet
    failed = Signal(int, str, str)  # generation, the file's name, why (the current sheet stays)
    thumbnail = Signal(int, QPixmap)  # sheet row, its picture fitted to THUMB_SIZE

    def __init__(self, loader: SheetLoader, recent: RecentFiles,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.loader = loader
        self.recent = recent
        self.path: Path | None = None  # the sheet shown
        self.review: Review | None = None
        self.results: RunSummary | None = None  # its last run, for 导出结果
        self.loading: Path | None = None  # being read now
        loader.signals.loaded.connect(self._on_loaded)
        loader.signals.failed.connect(self._on_failed)
        loader.signals.thumbnail.connect(self._on_thumbnail)

    def open(self, path: Path) -> int:
        """Read ``path``; `loaded` or `failed` follows with the returned generation."""
        if self.loading == path:
            return self.loader.generation
        self.loading = path
        return self.loader.load(path)

    def reload(self) -> int | None:
        """Read the current sheet again (the user may have fixed it)."""
        return None if self.path is None else self.open(self.path)

    @Slot(int, object)
    def _on_loaded(self, generation: int, review: Review) -> None:
        if generation != self.loader.generation:
            return
        path = self.loading or Path(review.sheet.path)
        self.path, self.review, self.results, self.loading = path, review, None, None
        self.recent.add(path, review.sheet.identity)
        self.loaded.emit(generation, review)
        self._thumbnails(generation, review)

    def _thumbnails(self, generation: int, review: Review) -> None:
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
        if self.review is not None:  # the shown sheet's thumbnails stopped when the load began
            self._thumbnails(generation, self.review)

    @Slot(int, int, bytes)
    def _on_thumbnail(self, generation: int, sheet_row: int, data: bytes) -> None:
        if generation != self.loader.generation:
            return
        pixmap = QPixmap()  # already rendered to fit THUMB_SIZE off the GUI thread
        if pixmap.loadFromData(data):
            self.thumbnail.emit(sheet_row, pixmap)
