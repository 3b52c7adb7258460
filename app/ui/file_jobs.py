"""The files the window writes for the user: the result sheet (导出结果) and the template
(下载模板). Both are written off the GUI thread, never over the open sheet, through a temporary
file (a failure leaves no half-written file); the save dialog asks before replacing a file.
Afterwards the window says where the file went and offers 打开文件夹.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app import paths
from app.excel.report import write_report
from app.excel.template import write_template
from app.ui.loaders import SheetLoader
from app.ui.sheet_session import SheetSession
from app.upload.results import report_rows

SHEET_FILTER = "*.xlsx *.xlsm *.csv"  # .xls is refused by the reader: not offered
SHEET_SUFFIXES = {".xlsx", ".xlsm", ".csv", ".xls"}  # dropped .xls: the reader says what to do
TEMPLATE_NAME = "淘上架模板.xlsx"


def user_folder() -> Path:
    """The user's Documents (else Desktop, else home): never the program's folder."""
    for location in (
        QStandardPaths.StandardLocation.DocumentsLocation,
        QStandardPaths.StandardLocation.DesktopLocation,
    ):
        found = QStandardPaths.writableLocation(location)
        if found and Path(found).is_dir():
            return Path(found)
    return Path.home()


def sheet_from_mime(urls: list[QUrl]) -> Path | None:
    """The first sheet among dropped files."""
    for url in urls:
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in SHEET_SUFFIXES:
                return path
    return None


def export_folder(sheet: Path, *, demo: bool) -> Path:
    """Where 导出结果 opens: the sheet's own folder; the demo's sheet lives in the program's
    hidden data folder, so its results go to the user's Documents instead."""
    folder = sheet.resolve().parent
    if demo or folder.is_relative_to(paths.data_dir().resolve()):
        return user_folder()
    return folder


def _replace_from_temporary(path: Path, write: object) -> Path:
    temporary = path.with_name(f".{path.stem}.{os.getpid()}.tmp{path.suffix}")
    try:
        write(temporary)  # type: ignore[operator]
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path


class FileJobs(QObject):
    saved = Signal(object)  # the Path written
    message = Signal(str)

    def __init__(self, window: QWidget, loader: SheetLoader, session: SheetSession, *,
                 demo: bool) -> None:
        super().__init__(window)
        self._window, self._loader, self._session, self._demo = window, loader, session, demo
        self.notice: QMessageBox | None = None  # the last "saved" box (打开文件夹)
        loader.signals.done.connect(self._done)
        loader.signals.done_failed.connect(self._failed)

    def export(self) -> None:
        """导出结果: the last run's results of the sheet shown."""
        session = self._session
        sheet_path, review, summary = session.path, session.review, session.results
        if sheet_path is None or review is None or summary is None:
            return
        suggested = export_folder(sheet_path, demo=self._demo) / f"{sheet_path.stem}_上架结果.xlsx"
        name, _ = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Save results"),
            str(suggested),
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
        )
        if not name:
            return
        path = Path(name)
        if path.resolve() == sheet_path.resolve():
            self.message.emit(self.tr("The results cannot replace the sheet itself: choose"
                                      " another name."))
            return
        rows = report_rows(summary)
        sheet = review.sheet
        if path.suffix.lower() == ".csv":  # two files: no temporary name for the second one
            self._loader.run(lambda: write_report(path, sheet, rows))
        else:
            self._loader.run(lambda: _replace_from_temporary(
                path, lambda out: write_report(out, sheet, rows)))

    def template(self) -> None:
        """下载模板: the template workbook, where the user says."""
        name, _ = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Save the template"),
            str(user_folder() / TEMPLATE_NAME),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        if self._session.path is not None and path.resolve() == self._session.path.resolve():
            self.message.emit(self.tr("The template cannot replace the open sheet: choose"
                                      " another name."))
            return
        self._loader.run(lambda: _replace_from_temporary(path, write_template))

    @Slot(object)
    def _done(self, written: object) -> None:
        if not isinstance(written, Path):
            return
        self.message.emit(self.tr("Saved: %1").replace("%1", str(written)))
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Saved"),
            self.tr("Saved to:\n%1").replace("%1", str(written)),
            QMessageBox.StandardButton.Close,
            self._window,
        )
        folder = box.addButton(self.tr("Open folder"), QMessageBox.ButtonRole.ActionRole)
        folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(
            str(written.parent))))
        box.finished.connect(box.deleteLater)
        self.notice = box
        box.open()
        self.saved.emit(written)

    @Slot(str)
    def _failed(self, why: str) -> None:
        self.message.emit(self.tr("Could not save the file: %1").replace("%1", why))
