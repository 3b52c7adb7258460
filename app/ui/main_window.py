"""The main window: assembles the start page, the products panel (filters, search, table, detail
pane, per-row actions), the run bar, the banners, the menus, the shop switcher and the shortcuts.

Behaviour lives elsewhere: which sheet is shown in `SheetSession`, the rows and their
corrections in `ProductsPanel`, the run in `RunCoordinator` (with `UploadController` below it),
what each state allows in `run_state`, the files the window writes in `FileJobs`, the current
shop and its settings in `ShopContext` (menus and switcher: `ShopUi`).
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

from app.categories.lookup import cached_categories
from app.review import Review, thumbnail_for, with_pictures
from app.ui import window_menus
from app.ui.category_line import attach as attach_categories
from app.ui.file_jobs import SHEET_FILTER, FileJobs, sheet_from_mime, user_folder
from app.ui.loaders import SheetLoader, background_workers, share_interpreter_with_the_gui
from app.ui.mapping_dialog import ColumnMappingDialog, ask_at_once
from app.ui.products_panel import ProductsPanel
from app.ui.reauth_bar import ReauthBar
from app.ui.recent_files import RecentFiles
from app.ui.row_state import read_for_table
from app.ui.run_banner import RunBanner
from app.ui.run_coordinator import RunCoordinator, RunParts
from app.ui.run_panel import RunPanel
from app.ui.run_state import Act, RunState, RunStateMachine, refusal
from app.ui.sheet_session import SheetSession, sheet_line
from app.ui.shop_context import ShopContext, shop_identity
from app.ui.shop_menu import ShopUi
from app.ui.start_page import StartPage
from app.ui.table_model import ProductTableModel
from app.ui.upload_controller import UploadController
from app.ui.window_placement import WindowPlacement
from app.ui.wording import for_window
from app.upload.connection import Connection

ROWS_PAGE = 1  # the start page is 0


class MainWindow(QMainWindow):
    def __init__(
        self,
        *,
        demo: bool = False,
        connection: Callable[[], Connection] | None = None,
        loader: SheetLoader | None = None,
        open_browser: Callable[[str], object] = webbrowser.open,
        recent: RecentFiles | None = None,
        env: str | None = None,
        gateway: str | None = None,
        shops: ShopContext | None = None,
    ) -> None:
        super().__init__()
        share_interpreter_with_the_gui()
        self._demo = demo
        self._open_browser = open_browser
        self.setWindowTitle(self.tr("TaoShelf") + (self.tr(" — demo") if demo else ""))
        self.setAcceptDrops(True)
        self.shops = shops or ShopContext(env=env, gateway=gateway, parent=self)
        identity = shop_identity(connection, self.shops)
        self.shop_identity = identity  # (journal shop, env) or None; any thread
        self.shop_connection = connection or self.shops.connection  # the run's thread
        self.loader = loader or SheetLoader(
            partial(read_for_table, categories=cached_categories(identity)), thumbnail_for,
            self, partial(with_pictures, workers=background_workers()))
        self.recent = recent or RecentFiles()
        self.session = SheetSession(self.loader, self.recent, self)
        self.machine = RunStateMachine(self)
        self.runs = UploadController(self)
        self._build()
        self.categories = attach_categories(self)  # category data read in the background
        self.top_bar.addWidget(self.categories.button)
        self.products.set_shop_resolver(identity)
        parts = RunParts(self.machine, self.session, self.runs, self.products, self.run_panel,
                         self.run_banner, self.reauth_bar)
        shops_of_run = self.shops  # not self: nothing a run holds may hold the window
        self.coordinator = RunCoordinator(
            self, parts, self.shop_connection,
            lambda wait: shops_of_run.upload_settings(wait_for_quota=wait))
        self.files = FileJobs(self, self.loader, self.session, demo=demo)
        self.menus = window_menus.build(self)
        self.shop_ui = ShopUi(self, self.shops, busy=partial(getattr, self.runs, "running"),
                              tell=self.statusBar().showMessage, open_browser=open_browser,
                              before=self.menus.help_menu.menuAction())
        self.statusBar().addPermanentWidget(self.shop_ui.switcher)
        self._connect()
        self._mapped_signatures: set[str] = set()  # headers the 列对应 dialog was shown for
        self.mapping_dialog: ColumnMappingDialog | None = None
        self._shown: object = None  # the sheet whose rows are shown, pictures pending
        self._failed_open = False  # the line over the table says why the last open failed
        self.start_page.set_recent(self.recent.load())
        self._shop_settings()
        self._sync()
        self.placement = WindowPlacement(self, self.products.splitter)
        self.placement.restore()  # as the user left it, else sized to the screen

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
        self.top_bar = bar

        self.start_page = StartPage()
        self.products = ProductsPanel(open_browser=self._open_browser)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(self.products)
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
        if self._demo:
            self.statusBar().showMessage(self.tr("Demo mode: connected to the built-in Taobao "
                                                 "simulator, nothing is sent to Taobao."))

    def _connect(self) -> None:
        c, panel, rows = self.coordinator, self.run_panel, self.products
        self.open_button.clicked.connect(self.choose_sheet)
        self.mapping_button.clicked.connect(self.edit_mapping)
        self.start_page.open_clicked.connect(self.choose_sheet)
        self.start_page.template_clicked.connect(self.files.template)
        self.start_page.recent_chosen.connect(lambda path: self.open_sheet(Path(path)))
        panel.start_clicked.connect(self.start_upload)
        panel.retry_clicked.connect(self.retry_failed)
        panel.pause_clicked.connect(c.pause)
        panel.resume_clicked.connect(c.resume)
        panel.cancel_clicked.connect(c.cancel)
        panel.export_clicked.connect(self.export)
        rows.retry_rows.connect(lambda chosen: self.start_upload(frozenset(chosen)))
        rows.sync_rows.connect(self.sync_changes)
        rows.open_history.connect(partial(window_menus.open_history, self))
        rows.retry_failed.connect(self.retry_failed)
        rows.reload_requested.connect(self.reload)
        rows.review_changed.connect(self._on_review_changed)
        rows.counts_changed.connect(self._on_counts)
        self.reauth_bar.reauthorize_clicked.connect(self._reauthorize)
        self.reauth_bar.cancel_clicked.connect(c.cancel)
        self.runs.reauthorized.connect(self.reauth_bar.hide)
        self.runs.reauthorize_failed.connect(self.reauth_bar.failed)
        self.session.rows_shown.connect(self._on_rows_shown)
        self.session.loaded.connect(self._on_loaded)
        self.session.failed.connect(self._on_failed)
        self.session.thumbnails.connect(rows.set_thumbnails)
        self.machine.changed.connect(self._sync)
        c.sending_changed.connect(self._sync)
        c.message.connect(self.tell)
        c.close_ready.connect(self.close)
        self.files.message.connect(self.tell)
        self.shops.switched.connect(self._reread_for_shop)
        self.shops.settings_saved.connect(self._reread_for_shop)
        self.categories.sync.line_changed.connect(self._update_summary)

    # --- state ----------------------------------------------------------------------------------
    @Slot()
    def _sync(self, *_: object) -> None:
        window_menus.sync(self)

    def tell(self, text: str) -> None:
        """A notice in the run bar's line (refusals, where a file went)."""
        self.run_panel.show_message(text)

    def _shop_settings(self) -> None:
        """The 等额度恢复后自动继续 switch starts as the current shop's setting."""
        if not self.machine.busy:
            self.run_panel.wait_for_quota.setChecked(self.shops.settings().run.wait_for_quota)

    @Slot()
    def _reread_for_shop(self) -> None:
        """Another shop or saved settings: its listing defaults and price rule apply, so the
        sheet is read again (the switcher refuses a switch during a run)."""
        self._shop_settings()
        path = self.session.path
        if path is not None and self.session.review is not None \
                and self.machine.allows(Act.OPEN):
            self.open_sheet(path)

    # --- opening sheets -------------------------------------------------------------------------
    def open_sheet(self, path: Path) -> int | None:
        """Read ``path``; refused (with a message) while a run owns the window. Returns the
        load's generation (None: refused)."""
        if not self.machine.allows(Act.OPEN):
            self.tell(refusal(Act.OPEN, self.machine.state))
            return None
        self._failed_open = False
        self.machine.go(RunState.LOADING)
        self.summary.setText(self.tr("Reading %1 …").replace("%1", path.name))
        return self.session.open(path)

    @Slot()
    def reload(self) -> None:
        """重新读取 (or the offer after the file changed on disk)."""
        if self.session.path is not None:
            self.open_sheet(self.session.path)

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
        if sheet_from_mime(event.mimeData().urls()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = sheet_from_mime(event.mimeData().urls())
        if path is not None:
            event.acceptProposedAction()
            self.open_sheet(path)

    @Slot(int, object)
    def _on_rows_shown(self, generation: int, review: Review) -> None:
        """The rows are read: show them; the pictures are checked next."""
        self._shown = review.sheet
        self._show(review)

    def _show(self, review: Review) -> None:
        self.products.set_review(review)
        self.pages.setCurrentIndex(ROWS_PAGE)
        self._sync()
        self.start_page.set_recent(self.recent.load())
        self._update_summary()

    @Slot(int, object)
    def _on_loaded(self, generation: int, review: Review) -> None:
        if self._shown is review.sheet:
            self.products.refresh_issues(review)  # the same rows: their pictures' issues join
        else:
            self._show(review)
        self._shown = None
        self._sheet_ready(generation)

    def _sheet_ready(self, generation: int) -> None:
        review = self.session.review
        if review is None:
            return
        self._update_summary()
        self.machine.go(RunState.READY)
        self.categories.sync.sheet_loaded(self.products.review or review)
        self.coordinator.sheet_loaded(generation)
        signature = review.sheet.signature
        if ask_at_once(review) and signature not in self._mapped_signatures:
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
        self._failed_open = True  # the line says so until the next open
        if not self.session.pictures_pending:  # else ready once the shown sheet's are checked
            self.machine.go(RunState.READY if self.session.review else RunState.IDLE)
        self.coordinator.sheet_failed(name)

    @Slot(object)
    def _on_review_changed(self, review: Review) -> None:
        """A correction or a skip: the next run sends the corrected rows."""
        self.session.revise(review)

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
    def start_upload(self, rows: frozenset[int] | None = None) -> None:
        """开始上架 (``rows``: 重试这一行, the selected rows), once corrections are checked."""
        self.coordinator.start_settled(rows)

    @Slot()
    def sync_changes(self, rows: list[int] | None = None) -> None:
        """同步修改: the changes of listed rows (``rows``: of these; None: every one) only."""
        self.coordinator.sync_changes(rows)

    @Slot()
    def retry_failed(self) -> None:
        """重试失败: read the sheet again (the user may have fixed it), then plan a run of the
        rows that failed. If that read fails, nothing starts."""
        keys = self.products.failed_keys()
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
        self.placement.save()
        self.hide()
        self.loader.shutdown()
        self.categories.sync.shutdown()
        self.runs.shutdown()
        self.products.shutdown()
        super().closeEvent(event)

    # --- summary --------------------------------------------------------------------------------
    @Slot(object)
    def _on_counts(self, _counts: object) -> None:
        """The rows were counted again (a correction, a skip, the journal, a run's word)."""
        self._update_summary()
        self._sync()

    def _update_summary(self) -> None:
        """The sheet's line over the table (not while another sheet is being read)."""
        review, path = self.session.review, self.session.path
        if review is None or self.session.loading is not None or self._failed_open:
            return
        unchecked = self.categories.unknown_text if review.resolution.unchecked else None
        self.summary.setText(sheet_line(path.name if path else "", self.products.model.counts(),
                                        len(review.sheet.unknown_headers),
                                        checking=self.session.pictures_pending,
                                        unknown_text=unchecked, categories=self.categories.text()))

    @property
    def model(self) -> ProductTableModel:
        return self.products.model

    @property
    def review(self) -> Review | None:
        """The sheet shown, with the corrections made in the window."""
        return self.session.review

