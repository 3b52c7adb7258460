"""The sheet file itself, seen from the rows side: 写回表格 (a corrected copy, never the user's
file) and the offer to read the sheet again when it changes on disk."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from app.excel.writeback import CopyResult, copy_path
from app.ui.edit_session import EditSession
from app.ui.filter_bar import FilterBar


class SheetFile(QObject):
    reload_requested = Signal()

    def __init__(self, bar: FilterBar, session: EditSession, parent: QWidget) -> None:
        super().__init__(parent)
        self._bar, self._session, self._parent = bar, session, parent
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_file_changed)
        session.copied.connect(self._on_copied)
        session.copy_failed.connect(lambda text: bar.show_notice(
            self.tr("Could not save the copy: %1").replace("%1", text)))

    def save_copy(self) -> None:
        """Ask where (beside the sheet, ``<name>_已修改``) and write the corrected copy."""
        review = self._session.review
        if review is None:
            return
        source = Path(review.sheet.path)
        name, _ = QFileDialog.getSaveFileName(
            self._parent, self.tr("Save a corrected copy"), str(copy_path(source)),
            self.tr("Same type as the sheet (*%1)").replace("%1", source.suffix))
        if name:
            self._bar.show_notice(self.tr("Saving the copy…"))
            self._session.write_copy(Path(name))

    def _on_copied(self, result: CopyResult, missing: list[str]) -> None:
        text = self.tr("Copy saved: %1. It keeps everything of your sheet (pictures, formatting, "
                       "formulas, other sheets); only the %2 corrected cell(s) differ. Your own "
                       "file is unchanged.").replace("%1", str(result.path))
        text = text.replace("%2", str(len(result.written)))
        if result.formulas_replaced:
            text += self.tr(" These cells held formulas and now hold the values: %1.").replace(
                "%1", "、".join(result.formulas_replaced))
        lines = [*missing, *result.not_written]
        if lines:
            text += self.tr(" Not in the copy: %1").replace("%1", "；".join(lines))
        self._bar.show_notice(text)

    def watch(self, path: Path) -> None:
        files = self._watcher.files()
        if files:
            self._watcher.removePaths(files)
        if path.exists():
            self._watcher.addPath(str(path))

    def _on_file_changed(self, name: str) -> None:
        if Path(name).exists() and name not in self._watcher.files():
            self._watcher.addPath(name)  # Excel saves by replacing the file
        self._bar.show_notice(
            self.tr("The sheet file has changed on disk (saved in Excel or WPS?). Read it "
                    "again? Your corrections here are kept."),
            self.tr("Read again"), self.reload_requested.emit)
