"""The main window: assembles the drop zone, the products panel (table, filters, detail pane,
per-row actions) and the run bar.

Behaviour lives elsewhere: reading and checking in `app.review` (through `SheetLoader`, off the
GUI thread), rows and their corrections in `ProductsPanel`.
"""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.categories.lookup import cached_categories
from app.excel.report import write_report
from app.review import Review, review_sheet, run_resolver, thumbnail_for
from app.ui.loaders import SheetLoader
from app.ui.mapping_dialog import ColumnMappingDialog
from app.ui.products_panel import ProductsPanel
from app.ui.reauth_bar import ReauthBar
from app.ui.run_panel import RunPanel
from app.ui.shop_context import ShopContext
from app.ui.shop_menu import ShopUi
from app.ui.table_model import ProductTableModel, Status
from app.ui.upload_controller import RunRequest, UploadController
from app.upload.connection import Connection
from app.upload.events import (
    PauseReason,
    Progress,
    RunPaused,
    RunStarted,
    RunSummary,
)
from app.upload.results import report_rows

SHEET_SUFFIXES = {".xlsx", ".xlsm", ".csv", ".xls"}


class MainWindow(QMainWindow):
    def __init__(
        self,
        *,
        demo: bool = False,
        connection: Callable[[], Connection] | None = None,
        loader: SheetLoader | None = None,
        open_browser: Callable[[str], object] = webbrowser.open,
        env: str | None = None,
        gateway: str | None = None,
        shops: ShopContext | None = None,
    ) -> None:
        super().__init__()
        self._demo = demo
        self.shops = shops or ShopContext(env=env, gateway=gateway, parent=self)
        self._connection = connection or self.shops.connection
        self.review: Review | None = None
        self._retry_after_load = False
        self.last_summary: RunSummary | None = None
        self.runs = UploadController(self)
        self.runs.event.connect(self._on_run_event)
        self.runs.finished.connect(self._on_run_finished)
        self._open_browser = open_browser
        self.setWindowTitle(self.tr("TaoShelf") + (self.tr(" — demo") if demo else ""))
        self.setAcceptDrops(True)
        self.products = ProductsPanel(open_browser=open_browser)
        self.model = self.products.model
        self.table = self.products.table
        # which shop's journal says what is listed already, and whose category data is cached;
        # not through self: the resolver runs off the GUI thread and must not hold the window
        identity = ((lambda: _identity(connection())) if connection is not None
                    else self.shops.journal_identity)
        self.products.set_shop_resolver(identity)
        self.loader = loader if loader is not None else _default_loader(self, identity)
        self.loader.signals.loaded.connect(self._on_loaded)
        self.loader.signals.failed.connect(self._on_failed)
        self.loader.signals.thumbnail.connect(self._on_thumbnail)
        self.loader.signals.done.connect(self._on_background_done)
        self.loader.signals.done_failed.connect(self._on_background_failed)
        self.sheet_path: Path | None = None
        self.shop_ui = ShopUi(self, self.shops, busy=partial(getattr, self.runs, "running"),
                              tell=self.statusBar().showMessage, open_browser=open_browser)
        self.shops.switched.connect(self._reread_for_shop)
        self.shops.settings_saved.connect(self._reread_for_shop)
        self._build()
        self.resize(1100, 680)

    # --- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.open_button = QPushButton(self.tr("Open sheet…"))
        self.open_button.clicked.connect(self._choose_sheet)
        self.mapping_button = QPushButton(self.tr("Match columns…"))
        self.mapping_button.setEnabled(False)
        self.mapping_button.clicked.connect(self._edit_mapping)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.open_button)
        bar.addWidget(self.mapping_button)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.shop_ui.switcher)

        self.drop_hint = QLabel(self.tr("Drag your product sheet (.xlsx / .csv) here"))
        self.drop_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_hint.setObjectName("dropHint")
        self.drop_hint.setStyleSheet(
            "#dropHint { border: 2px dashed #9aa5b1; border-radius: 12px; color: #52606d;"
            " font-size: 18px; padding: 40px; }"
        )

        self.products.review_changed.connect(self._on_review_changed)
        self.products.retry_rows.connect(self._retry_rows)
        self.products.retry_failed.connect(self.retry_failed)
        self.products.reload_requested.connect(self._reload)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.products.focus_search)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.drop_hint)
        self.pages.addWidget(self.products)

        self.run_panel = RunPanel()
        self.run_panel.start_clicked.connect(self.start_upload)
        self.run_panel.retry_clicked.connect(self.retry_failed)
        self.run_panel.pause_clicked.connect(self.runs.pause)
        self.run_panel.resume_clicked.connect(self.runs.resume)
        self.run_panel.cancel_clicked.connect(self.runs.cancel)
        self.run_panel.export_clicked.connect(self._export)

        self.reauth_bar = ReauthBar()
        self.reauth_bar.reauthorize_clicked.connect(self._reauthorize)
        self.reauth_bar.cancel_clicked.connect(self.runs.cancel)
        self.runs.reauthorized.connect(self.reauth_bar.hide)
        self.runs.reauthorize_failed.connect(self.reauth_bar.failed)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(bar)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.reauth_bar)
        layout.addWidget(self.run_panel)
        self.setCentralWidget(central)
        if self._demo:
            self.statusBar().showMessage(
                self.tr(
                    "Demo mode: connected to the built-in Taobao simulator, nothing is sent"
                    " to Taobao."
                )
            )

    # --- opening sheets -------------------------------------------------------------------------
    def open_sheet(self, path: Path) -> None:
        self.sheet_path = path
        self.summary.setText(self.tr("Reading %1 …").replace("%1", path.name))
        self.loader.load(path)

    @Slot()
    def _choose_sheet(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open product sheet"),
            "",
            self.tr("Product sheets (*.xlsx *.xlsm *.csv *.xls)"),
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
    def _on_loaded(self, generation: int, review: Review) -> None:
        if generation != self.loader.generation:
            return
        self.review = review
        self.last_summary = None
        self.products.set_review(review)
        self.pages.setCurrentIndex(1)
        self._update_summary()
        self._set_idle()
        jobs = [
            (state.product.row, (review, state.product))
            for state in self.model.rows()
            if state.product.images
        ]
        self.loader.make_thumbnails(generation, jobs, ProductTableModel.THUMB_SIZE)

    @Slot()
    def _edit_mapping(self) -> None:
        if self.review is None or self.runs.running:
            return
        dialog = ColumnMappingDialog(self.review.sheet, self)
        if dialog.exec() == ColumnMappingDialog.DialogCode.Accepted:
            self.apply_mapping(dialog.chosen())

    def apply_mapping(self, letter_to_field: dict[str, str]) -> None:
        """Remember the user's column choices for sheets like this one and read it again."""
        if self.review is None or self.sheet_path is None:
            return
        self.review.sheet.remember_mapping(letter_to_field)
        self.open_sheet(self.sheet_path)

    @Slot(int, str)
    def _on_failed(self, generation: int, message: str) -> None:
        if generation != self.loader.generation:
            return
        self.summary.setText(self.tr("Could not read the sheet: %1").replace("%1", message))

    @Slot(int, int, bytes)
    def _on_thumbnail(self, generation: int, sheet_row: int, data: bytes) -> None:
        if generation != self.loader.generation:
            return
        pixmap = QPixmap()  # already rendered to fit THUMB_SIZE off the GUI thread
        if pixmap.loadFromData(data):
            self.model.set_thumbnail(sheet_row, pixmap)

    # --- upload runs ------------------------------------------------------------------------------
    @Slot()
    def start_upload(self, only: list[int] | None = None) -> None:
        review = self.review
        if review is None or self.runs.running:
            return
        if not self.products.settled:  # a correction is being checked: send it, not the old value
            self.products.when_settled(lambda: self.start_upload(only))
            return
        wanted = set(only) if only else None
        products = [p for p in review.products if wanted is None or p.row in wanted]
        for state in self.model.rows():
            if state.upload_status is not Status.LISTED and (
                    wanted is None or state.product.row in wanted):
                self.model.set_upload_status(state.product.row, None)
        self.products.set_run_active(True)
        self.run_panel.set_running(len(products))
        self.runs.start(
            RunRequest(
                connect=self._connection,
                sheet_identity=review.sheet.identity,
                sheet_dir=review.base_dir,
                products=products,
                issues={row: list(found) for row, found in review.issues.items()},
                settings=self.shops.upload_settings(),
                resolve=run_resolver(review),
            )
        )

    @Slot()
    def _reread_for_shop(self) -> None:
        """Another shop or saved settings: read the sheet again with its defaults and price rule."""
        if self.sheet_path is not None and self.review is not None and not self.runs.running:
            self.open_sheet(self.sheet_path)

    @Slot()
    def retry_failed(self) -> None:
        """Read the sheet again (the user may have fixed it) and run: listed rows are skipped."""
        if self.sheet_path is None:
            return
        self._retry_after_load = True
        self.open_sheet(self.sheet_path)

    @Slot(list)
    def _retry_rows(self, rows: list[int]) -> None:
        self.start_upload(only=rows)

    @Slot(object)
    def _on_review_changed(self, review: Review) -> None:
        self.review = review  # a correction: the next run sends the corrected rows

    @Slot()
    def _reload(self) -> None:
        if self.sheet_path is not None and not self.runs.running:
            self.open_sheet(self.sheet_path)

    @Slot(object)
    def _on_run_event(self, event: object) -> None:
        self.products.apply_run_event(event)
        if isinstance(event, RunStarted):
            self.run_panel.show_message(
                self.tr("Uploading %1 products…").replace("%1", str(event.to_do))
            )
        elif isinstance(event, Progress):
            self.run_panel.show_progress(event)
        elif isinstance(event, RunPaused):
            if event.reason is PauseReason.REAUTH:
                self.reauth_bar.ask(event.message)
            elif event.message:
                self.run_panel.show_message(event.message)

    @Slot()
    def _reauthorize(self) -> None:
        self.reauth_bar.waiting_for_browser()
        self.runs.reauthorize(self._open_browser)

    @Slot(object, str)
    def _on_run_finished(self, summary: RunSummary | None, error: str) -> None:
        self.reauth_bar.hide()
        self.last_summary = summary
        self.products.set_run_active(False)
        if summary is not None:
            self.products.apply_outcomes(summary.outcomes)
        self._set_idle()
        self.run_panel.show_summary(summary, error)

    def _set_idle(self) -> None:
        failed = any(s.status is Status.FAILED for s in self.model.rows())
        self.run_panel.set_idle(
            can_start=bool(self.model.rows()),
            has_failed=failed,
            has_results=self.last_summary is not None,
        )
        if self._retry_after_load and self.review is not None:
            self._retry_after_load = False
            self.start_upload()

    @Slot()
    def _export(self) -> None:
        if self.last_summary is None or self.review is None or self.sheet_path is None:
            return
        suggested = str(self.sheet_path.with_name(self.sheet_path.stem + "_上架结果.xlsx"))
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save results"),
            suggested,
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
        )
        if name:
            path = Path(name)
            self.loader.run(lambda: self.export_results(path))  # a big workbook takes seconds

    @Slot(object)
    def _on_background_done(self, written: object) -> None:
        self.run_panel.show_message(self.tr("Results saved: %1").replace("%1", str(written)))

    @Slot(str)
    def _on_background_failed(self, message: str) -> None:
        text = self.tr("Could not save the results: %1")
        self.run_panel.show_message(text.replace("%1", message))

    def export_results(self, path: Path) -> Path:
        """Write the result sheet (any thread: the review and summary are not changed by it)."""
        if self.last_summary is None or self.review is None:
            raise RuntimeError("no run to export")
        return write_report(path, self.review.sheet, report_rows(self.last_summary))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.loader.shutdown()
        self.runs.shutdown()
        self.products.shutdown()
        super().closeEvent(event)

    # --- summary and details --------------------------------------------------------------------
    def _update_summary(self) -> None:
        rows = self.model.rows()
        errors = sum(1 for r in rows if r.status is Status.ERROR)
        warnings = sum(1 for r in rows if r.status is Status.WARNING)
        ready = len(rows) - errors
        name = self.sheet_path.name if self.sheet_path else ""
        unknown = len(self.review.sheet.unknown_headers) if self.review else 0
        self.mapping_button.setEnabled(self.review is not None)
        self.summary.setText(
            self.tr("%1: %2 rows — %3 ready to upload, %4 with errors, %5 with warnings")
            .replace("%1", name)
            .replace("%2", str(len(rows)))
            .replace("%3", str(ready))
            .replace("%4", str(errors))
            .replace("%5", str(warnings))
            + (
                self.tr("; %n column(s) not recognised — use Match columns", "", unknown)
                if unknown
                else ""
            )
        )


def _sheet_from_mime(urls: list) -> Path | None:
    for url in urls:
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in SHEET_SUFFIXES:
                return path
    return None


def _default_loader(parent: MainWindow,
                    identity: Callable[[], tuple[str, str] | None]) -> SheetLoader:
    return SheetLoader(partial(review_sheet, categories=cached_categories(identity)),
                       thumbnail_for, parent)


def _identity(connection: Connection) -> tuple[str, str]:
    return connection.shop, connection.env
