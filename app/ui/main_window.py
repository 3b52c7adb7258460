"""The main window: assembles the start page, the rows, the run bar, the banners, the menus and
the shortcuts. Behaviour lives elsewhere: which sheet is shown in `SheetSession`, the run in
`RunCoordinator` (with `UploadController` below it), what each state allows in `run_state`,
the files the window writes in `FileJobs`.
"""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.review import Review, review_sheet, thumbnail_for, with_pictures
from app.ui import window_menus
from app.ui.confirm_dialog import env_name
from app.ui.file_jobs import SHEET_FILTER, FileJobs, user_folder
from app.ui.loaders import SheetLoader
from app.ui.mapping_dialog import ColumnMappingDialog
from app.ui.reauth_bar import ReauthBar
from app.ui.recent_files import RecentFiles
from app.ui.run_banner import RunBanner
from app.ui.run_coordinator import RunCoordinator, RunParts
from app.ui.run_panel import RunPanel
from app.ui.run_state import Act, RunState, RunStateMachine, refusal
from app.ui.sheet_session import SheetSession
from app.ui.start_page import StartPage
from app.ui.table_model import ProductTableModel
from app.ui.table_pane import TablePane
from app.ui.upload_controller import UploadController
from app.ui.wording import for_window
from app.upload.connection import Connection, connect

SHEET_SUFFIXES = {".xlsx", ".xlsm", ".csv", ".xls"}  # dropped .xls: the reader says what to do
START_PAGE, ROWS_PAGE = 0, 1


class MainWindow(QMainWindow):
    def __init__(
        self,
        *,
        demo: bool = False,
        connection: Callable[[], Connection] | None = None,
        loader: SheetLoader | None = None,
        open_browser: Callable[[str], object] = webbrowser.open,
        recent: RecentFiles | None = None,
    ) -> None:
        super().__init__()
        self._demo = demo
        self._open_browser = open_browser
        self.setWindowTitle(self.tr("TaoShelf") + (self.tr(" — demo") if demo else ""))
        self.setAcceptDrops(True)
        self.loader = loader or SheetLoader(
            partial(review_sheet, check_pictures=False), thumbnail_for, self, with_pictures)
        self.recent = recent or RecentFiles()
        self.session = SheetSession(self.loader, self.recent, self)
        self.machine = RunStateMachine(self)
        self.runs = UploadController(self)
        self._build()
        parts = RunParts(self.machine, self.session, self.runs, self.rows, self.run_panel,
                         self.run_banner, self.reauth_bar)
        shop = connection or (lambda: connect("production"))
        self.coordinator = RunCoordinator(self, parts, shop)
        self.files = FileJobs(self, self.loader, self.session, demo=demo)
        self.menus = window_menus.build(self)
        self._connect()
        self._mapped_signatures: set[str] = set()  # headers the 列对应 dialog was shown for
        self.mapping_dialog: ColumnMappingDialog | None = None
        self._shown: object = None  # the sheet whose rows are shown, pictures pending
        self.start_page.set_recent(self.recent.load())
        self._sync()
        self.resize(1100, 680)

    # --- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.open_button = QPushButton(self.tr("Open sheet…"))
        self.mapping_button = QPushButton(self.tr("Match columns…"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.open_button)
        bar.addWidget(self.mapping_button)
        bar.addWidget(self.summary, 1)

        self.start_page = StartPage()
        self.rows = TablePane()  # the rows side: replaced by the products panel
        self.pages = QStackedWidget()
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(self.rows)
        self.run_panel = RunPanel()
        self.run_banner = RunBanner()
        self.reauth_bar = ReauthBar()

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(bar)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.run_banner)
        layout.addWidget(self.reauth_bar)
        layout.addWidget(self.run_panel)
        self.setCentralWidget(central)
        self.shop_label = QLabel()  # the shop and environment (the shops dialog fills it)
        self.statusBar().addPermanentWidget(self.shop_label)
        if self._demo:
            self.statusBar().showMessage(
                self.tr(
                    "Demo mode: connected to the built-in Taobao simulator, nothing is sent"
                    " to Taobao."
                )
            )

    def _connect(self) -> None:
        c, panel = self.coordinator, self.run_panel
        self.open_button.clicked.connect(self.choose_sheet)
        self.mapping_button.clicked.connect(self.edit_mapping)
        self.start_page.open_clicked.connect(self.choose_sheet)
        self.start_page.template_clicked.connect(self.files.template)
        self.start_page.recent_chosen.connect(lambda path: self.open_sheet(Path(path)))
        panel.start_clicked.connect(c.start)
        panel.retry_clicked.connect(self.retry_failed)
        self.rows.retry_rows.connect(lambda rows: c.start(frozenset(rows)))  # 重试这一行
        panel.pause_clicked.connect(c.pause)
        panel.resume_clicked.connect(c.resume)
        panel.cancel_clicked.connect(c.cancel)
        panel.export_clicked.connect(self.export)
        self.reauth_bar.reauthorize_clicked.connect(self._reauthorize)
        self.reauth_bar.cancel_clicked.connect(c.cancel)
        self.runs.reauthorized.connect(self.reauth_bar.hide)
        self.runs.reauthorize_failed.connect(self.reauth_bar.failed)
        self.session.rows_shown.connect(self._on_rows_shown)
        self.session.loaded.connect(self._on_loaded)
        self.session.failed.connect(self._on_failed)
        self.session.thumbnails.connect(self.rows.set_thumbnails)
        self.machine.changed.connect(self._sync)
        c.sending_changed.connect(self._sync)
        c.message.connect(self.tell)
        c.connected.connect(self._show_shop)
        c.close_ready.connect(self.close)
        self.files.message.connect(self.tell)

    # --- state ----------------------------------------------------------------------------------
    @Slot()
    def _sync(self, *_: object) -> None:
        """Enable what the state allows (and the data makes sensible)."""
        m, panel, session = self.machine, self.run_panel, self.session
        rows = self.rows.row_count()
        empty = self.pages.currentIndex() == START_PAGE  # the start page has its own buttons
        for widget in (self.open_button, self.mapping_button, panel):
            widget.setVisible(not empty)
        self.open_button.setEnabled(m.allows(Act.OPEN))
        self.mapping_button.setEnabled(m.allows(Act.MAP_COLUMNS) and session.review is not None)
        panel.start_action.setEnabled(m.allows(Act.START) and rows > 0)
        panel.retry_action.setEnabled(m.allows(Act.RETRY) and bool(self.rows.failed_keys()))
        panel.export_action.setEnabled(m.allows(Act.EXPORT) and session.results is not None)
        panel.pause_action.setEnabled(m.allows(Act.PAUSE) and self.coordinator.sending)
        panel.resume_action.setEnabled(m.allows(Act.RESUME))
        panel.cancel_action.setEnabled(m.allows(Act.CANCEL))
        panel.wait_for_quota.setEnabled(m.state is not RunState.FINISHING)
        window_menus.sync(self)

    def tell(self, text: str) -> None:
        """A notice in the run bar's line (refusals, where a file went)."""
        self.run_panel.show_message(text)

    @Slot(str, str)
    def _show_shop(self, shop: str, env: str) -> None:
        colour = "#c0392b" if env == "production" else "#1f6feb"
        self.shop_label.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.shop_label.setText(self.tr("Shop: %1 · %2").replace("%1", shop)
                                .replace("%2", env_name(env)))

    # --- opening sheets -------------------------------------------------------------------------
    def open_sheet(self, path: Path) -> int | None:
        """Read ``path``; refused (with a message) while a run owns the window. Returns the
        load's generation (None: refused)."""
        if not self.machine.allows(Act.OPEN):
            self.tell(refusal(Act.OPEN, self.machine.state))
            return None
        self.machine.go(RunState.LOADING)
        self.summary.setText(self.tr("Reading %1 …").replace("%1", path.name))
        return self.session.open(path)

    @Slot()
    def choose_sheet(self) -> None:
        if not self.machine.allows(Act.OPEN):
            self.tell(refusal(Act.OPEN, self.machine.state))
            return
        start = self.session.path.parent if self.session.path is not None else user_folder()
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open product sheet"), str(start),
            self.tr("Product sheets (%1)").replace("%1", SHEET_FILTER),
        )
        if name:
            self.open_sheet(Path(name))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _sheet_from_mime(event.mimeData().urls()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _sheet_from_mime(event.mimeData().urls())
        if path is not None:
            event.acceptProposedAction()
            self.open_sheet(path)

    @Slot(int, object)
    def _on_rows_shown(self, generation: int, review: Review) -> None:
        """The rows are read: show them; the pictures are checked next."""
        self._shown = review.sheet
        self.rows.set_review(review)
        self.pages.setCurrentIndex(ROWS_PAGE)
        self._sync()
        self.start_page.set_recent(self.recent.load())
        self._update_summary()
        self.summary.setText(self.summary.text() + self.tr(" — checking the pictures…"))

    @Slot(int, object)
    def _on_loaded(self, generation: int, review: Review) -> None:
        if self._shown is review.sheet:
            self.rows.refresh_issues(review)  # the same rows: their pictures' issues join
        else:
            self.rows.set_review(review)
            self.pages.setCurrentIndex(ROWS_PAGE)
            self._sync()
            self.start_page.set_recent(self.recent.load())
        self._shown = None
        self._sheet_ready(generation)

    def _sheet_ready(self, generation: int) -> None:
        review = self.session.review
        if review is None:
            return
        self._update_summary()
        self.machine.go(RunState.READY)
        self.coordinator.sheet_loaded(generation)
        signature = review.sheet.signature
        if review.sheet.unknown_headers and signature not in self._mapped_signatures:
            self._mapped_signatures.add(signature)
            self.edit_mapping()  # unrecognised headers: ask at once

    @Slot(int, str, str)
    def _on_failed(self, generation: int, name: str, message: str) -> None:
        why = for_window(message)
        text = self.tr("Could not read %1: %2").replace("%1", name).replace("%2", why)
        shown = self.session.path
        if self.session.review is not None and shown is not None:  # it stays the current one
            text += " " + self.tr("(still showing %1)").replace("%1", shown.name)
        self.summary.setText(text)
        if not self.session.pictures_pending:  # else ready once the shown sheet's are checked
            self.machine.go(RunState.READY if self.session.review else RunState.IDLE)
        self.coordinator.sheet_failed(name)

    @Slot()
    def edit_mapping(self) -> None:
        review = self.session.review
        if review is None or not self.machine.allows(Act.MAP_COLUMNS):
            self.tell(refusal(Act.MAP_COLUMNS, self.machine.state))
            return
        dialog = ColumnMappingDialog(review.sheet, self)
        dialog.accepted.connect(lambda: self.apply_mapping(dialog.chosen()))
        dialog.finished.connect(dialog.deleteLater)
        self.mapping_dialog = dialog
        dialog.open()

    def apply_mapping(self, letter_to_field: dict[str, str]) -> None:
        """Remember the user's column choices for sheets like this one and read it again."""
        review, path = self.session.review, self.session.path
        if review is None or path is None or not self.machine.allows(Act.MAP_COLUMNS):
            return
        review.sheet.remember_mapping(letter_to_field)
        self.open_sheet(path)

    # --- run and results --------------------------------------------------------------------------
    @Slot()
    def retry_failed(self) -> None:
        """重试失败: read the sheet again (the user may have fixed it), then plan a run of the
        rows that failed. If that read fails, nothing starts."""
        keys = self.rows.failed_keys()
        if not self.machine.allows(Act.RETRY) or self.session.path is None:
            self.tell(refusal(Act.RETRY, self.machine.state))
            return
        if not keys:
            self.tell(self.tr("No failed rows to retry."))
            return
        self.coordinator.start_after(self.open_sheet(self.session.path), keys)

    def open_and_continue(self, path: Path) -> None:
        """Open ``path`` and, once it is read, plan a run of it (the resume offer)."""
        self.coordinator.start_after(self.open_sheet(path))

    @Slot()
    def export(self) -> None:
        if not self.machine.allows(Act.EXPORT):
            self.tell(refusal(Act.EXPORT, self.machine.state))
            return
        self.files.export()

    @Slot()
    def _reauthorize(self) -> None:
        self.reauth_bar.waiting_for_browser()
        self.runs.reauthorize(self._open_browser)

    def offer_unfinished(self) -> QMessageBox | None:
        """At start: offer to resume an unfinished run of a recent sheet (without blocking)."""
        return window_menus.offer_unfinished(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.coordinator.may_close():
            event.ignore()  # asked first, or stopping: `close_ready` closes the window later
            return
        self.hide()
        self.loader.shutdown()
        self.runs.shutdown()
        super().closeEvent(event)

    # --- summary --------------------------------------------------------------------------------
    def _update_summary(self) -> None:
        review, path = self.session.review, self.session.path
        if review is None:
            return
        rows = self.rows.model.rows()
        errors = sum(1 for r in rows if any(i.is_error for i in r.issues))
        warnings = sum(1 for r in rows if r.issues and not any(i.is_error for i in r.issues))
        text = (
            self.tr("%1: %2 rows — %3 ready to upload, %4 with errors, %5 with warnings")
            .replace("%1", path.name if path else "")
            .replace("%2", str(len(rows)))
            .replace("%3", str(len(rows) - errors))
            .replace("%4", str(errors))
            .replace("%5", str(warnings))
        )
        unknown = len(review.sheet.unknown_headers)
        if unknown:
            text += self.tr("; %1 column(s) not recognised — use Match columns").replace(
                "%1", str(unknown))
        self.summary.setText(text)

    @property
    def model(self) -> ProductTableModel:
        return self.rows.model

    @property
    def review(self) -> Review | None:
        return self.session.review


def _sheet_from_mime(urls: list) -> Path | None:
    for url in urls:
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in SHEET_SUFFIXES:
                return path
    return None

