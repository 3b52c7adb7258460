"""The rows side of the window: filter bar with counts, search, the table (on a sort/filter
proxy), the detail pane and the per-row actions; corrections go through an `EditSession`.

Public API (for the window shell):

Signals
- ``retry_rows(list[int])``: 重试这一行 — start a run on these sheet rows only.
- ``retry_failed()``: 重试全部失败.
- ``skip_rows(list[int], bool)``: rows were skipped (True) or un-skipped; already saved and
  re-checked (the upload plan will not send skipped rows).
- ``open_item(int)``: 打开宝贝页面 was used for this num_iid (the page is already opened).
- ``reload_requested()``: 重新读取, or the user accepted to reload a sheet changed on disk.
- ``review_changed(object)``: the `Review` after a correction — what a run must send.
- ``counts_changed(object)``: the rows' statuses were counted again (`Counter[Status]`).
- ``sync_rows(list[int])``: 同步修改 on these listed rows; ``open_history(run | None)``.

Methods and attributes
- ``set_review(review)``: a sheet was loaded (the only reset of the table);
  ``refresh_issues(review)``: the same sheet with its picture pass done (the window shows the
  rows before the pictures are checked); ``row_count()``.
- ``review``: the current `Review` (with the corrections); ``model``; ``proxy``; ``table``.
- ``set_thumbnail(sheet_row, pixmap)``; ``set_thumbnails([(row, pixmap)])``: one repaint.
- ``before_run(rows)``: a run the user confirmed starts on these sheet rows (None: all): their
  last run's word goes (rows on the shop stay 已上架). ``failed_keys()``: the keys of the rows
  whose upload failed (重试失败 reads the sheet again and finds them by key).
- ``apply_run_event(event)``, ``apply_run_events(events)`` (many, one repaint),
  ``apply_outcomes(outcomes)``: a run's events and last word.
- ``set_run_active(bool)``: no editing or skipping while a run uses the rows.
- ``set_shop(shop, env)``: the journal identity of the current shop and its environment
  (production / sandbox / local): rows the journal has as listed show 已上架 and the 宝贝ID
  (queried off the GUI thread now and after each correction). ``set_shop_resolver(fn)``:
  the same, worked out by ``fn() -> (shop, env) | None`` off the GUI thread on each load.
- ``set_listed_status(found)``: apply an `app.upload.status.listed_status` result directly;
  ``refresh_listed()``: ask the journal again; ``rows_to_sync()``: what 同步修改 sends.
- ``settled``: False while a correction is being re-checked (``review`` does not hold it
  yet); ``when_settled(fn)`` calls ``fn`` once it does (now, if nothing is pending). Start a
  run only when settled, or the run sends the value before the correction.
- ``focus_search()`` (Ctrl+F), ``set_filter(Filter)``, ``selected_rows() -> list[int]``,
  ``context_menu() -> QMenu``, ``shutdown()`` (window closing).
"""

from __future__ import annotations

import webbrowser
from collections import Counter
from collections.abc import Callable, Collection, Mapping
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QMenu,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.review import Review
from app.review_apply import value_text
from app.ui.cell_editors import CellEditor, PictureDialog
from app.ui.detail_pane import DetailPane, item_page
from app.ui.edit_session import EditSession
from app.ui.filter_bar import FilterBar
from app.ui.journal_status import JournalStatusLoader
from app.ui.picture_facts import PictureInspector, pictures_of
from app.ui.review_steps import ReviewSteps
from app.ui.row_actions import SENDABLE, RowActions, error_text, syncable
from app.ui.row_editing import RowEditing
from app.ui.row_filter import RowFilter
from app.ui.row_heights import RowHeights
from app.ui.row_state import ON_SHOP, Filter, RowState, Status
from app.ui.sheet_file import SheetFile
from app.ui.table_layout import ColumnFit, setup_view
from app.ui.table_model import Column, ProductTableModel
from app.upload.events import RowOutcome
from app.upload.status import JournalStatus


class ProductsPanel(QWidget):
    retry_rows = Signal(list)
    retry_failed = Signal()
    skip_rows = Signal(list, bool)
    open_item = Signal(object)  # num_iid (beyond 32 bits)
    reload_requested = Signal()
    review_changed = Signal(object)
    counts_changed = Signal(object)  # Counter[Status]
    sync_rows = Signal(list)  # 同步修改: send these listed rows' changes
    open_history = Signal(object)  # 上架记录 with this upload run chosen (None: none)

    def __init__(self, parent: QWidget | None = None, *,
                 open_browser: Callable[[str], object] = webbrowser.open) -> None:
        super().__init__(parent)
        self._open_browser = open_browser
        self._running = False
        self.env: str | None = None
        self.model = ProductTableModel(self)
        self.proxy = RowFilter(self.model)
        self.session = EditSession(self)
        self.pictures = PictureInspector(self)
        self.journal = JournalStatusLoader(self)
        self.actions = RowActions(self)
        self.bar = FilterBar()
        self.table = QTableView()
        self.detail = DetailPane(self.actions.buttons())
        self.category_edits = RowEditing(self, self.session, lambda: self._running)
        self._build()
        self._connect()

    # --- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        table = self.table
        table.setModel(self.proxy)
        table.setItemDelegate(CellEditor(table, lambda index: self.model.editable(
            self.proxy.source_state(index), Column(index.column()))))
        setup_view(table)
        self.heights = RowHeights(table, self.proxy, self.model)
        self._steps = ReviewSteps(self.model, self.heights.fit_sheet_rows, self._on_applied, self)
        self.text_height = self.heights.text_height
        self.picture_height = self.heights.picture_height
        self.columns = ColumnFit(table)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 1)  # the table takes a resize; the pane keeps its width
        split.setStretchFactor(1, 0)
        split.setChildrenCollapsible(False)
        self.splitter = split
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(split, 1)
        self.sheet_file = SheetFile(self.bar, self.session, self)
        self._counts = QTimer(self)
        self._counts.setSingleShot(True)
        self._counts.setInterval(60)
        self._detail_due = QTimer(self)
        self._detail_due.setSingleShot(True)
        self._detail_due.setInterval(0)

    def _connect(self) -> None:
        bar, model, proxy, session = self.bar, self.model, self.proxy, self.session
        bar.filter_chosen.connect(lambda choice: self.set_filter(Filter(choice)))
        bar.search_changed.connect(proxy.set_search)
        bar.reload_button.clicked.connect(self.reload_requested)
        bar.write_back_button.clicked.connect(self.sheet_file.save_copy)
        self.sheet_file.reload_requested.connect(self.reload_requested)
        bar.retry_failed_button.clicked.connect(self.retry_failed)
        model.edit_requested.connect(session.edit)
        model.modelReset.connect(self._counts.start)
        model.dataChanged.connect(self._on_data_changed)
        self._counts.timeout.connect(self._update_counts)
        self._detail_due.timeout.connect(self._refresh_detail)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.customContextMenuRequested.connect(self._context_menu_at)
        self.table.doubleClicked.connect(self._on_double_click)
        session.revised.connect(self._on_revised)
        session.failed.connect(lambda text: bar.show_notice(
            self.tr("Could not check the correction: %1").replace("%1", text)))
        self.pictures.ready.connect(lambda *_: self._detail_due.start())
        self.journal.found.connect(self._on_journal)
        self.detail.undo_edit.connect(self._undo)
        self.detail.discard_stale.connect(
            lambda row: None if self._running else session.discard_stale([row]))
        self.detail.edit_pictures.connect(self.edit_pictures)
        self.detail.copy_text.connect(self._copy)
        self.detail.open_page.connect(self._open_page)
        self.detail.open_history.connect(self.open_history)
        actions = self.actions
        actions.retry.triggered.connect(self._retry_selected)
        actions.skip.triggered.connect(self._skip_selected)
        actions.sync.triggered.connect(
            lambda: self.sync_rows.emit([s.product.row for s in self.selected_states()
                                         if syncable(s)]))
        actions.copy_error.triggered.connect(self._copy_selected)
        actions.open_page.triggered.connect(self._open_selected)
        actions.undo.triggered.connect(self._undo_selected)
        actions.retry_all.triggered.connect(self.retry_failed)

    # --- public API -----------------------------------------------------------------------------
    @property
    def review(self) -> Review | None:
        return self.session.review

    def set_review(self, review: Review) -> None:
        self.session.start(review)
        self.model.set_review(review)
        self.bar.hide_notice()
        stale = self.session.stale()
        if stale:
            self.bar.show_notice(
                self.tr("Corrections on %1 row(s) are not applied: those rows have changed in "
                        "the file since. Select a row to see them.").replace("%1",
                                                                              str(len(stale))),
                self.tr("Discard them"), self.session.discard_stale)
        self.sheet_file.watch(Path(review.sheet.path))
        self.journal.forget_shop()
        self.journal.query(review.products)
        self._update_write_back()
        self._refresh_detail()

    @property
    def settled(self) -> bool:
        return not self.session.pending

    @property
    def applying(self) -> bool:
        """A re-check is still reaching the table (a slice per event-loop turn)."""
        return self._steps.busy

    def when_settled(self, fn: Callable[[], object]) -> None:
        self.session.when_settled(fn)

    def refresh_issues(self, review: Review) -> None:
        """The sheet shown, with its pictures checked now: their issues join the rows.
        Corrections made meanwhile are checked again on top of it (`EditSession.adopt`)."""
        self.session.adopt(review)
        if self.session.review is not None:
            self.model.update_review(self.session.review)
        self._detail_due.start()

    def row_count(self) -> int:
        return self.model.rowCount()

    def set_thumbnail(self, sheet_row: int, pixmap: QPixmap) -> None:
        self.model.set_thumbnail(sheet_row, pixmap)

    def set_thumbnails(self, batch: list[tuple[int, QPixmap]]) -> None:
        self.model.set_thumbnails(batch)

    def before_run(self, rows: Collection[int] | None) -> None:
        self.model.forget_run(rows)

    def failed_keys(self) -> set[str]:
        return {s.product.key for s in self.model.rows()
                if s.status is Status.FAILED and s.product.key}

    def apply_run_event(self, event: object) -> None:
        self.model.apply_run_event(event)

    def apply_run_events(self, events: list[object]) -> None:
        self.model.apply_run_events(events)

    def apply_outcomes(self, outcomes: Mapping[int, RowOutcome]) -> None:
        self.model.apply_outcomes(outcomes)

    def set_run_active(self, active: bool) -> None:
        self._running = active
        self.model.set_locked(active)
        self.bar.reload_button.setEnabled(not active)
        self.bar.retry_failed_button.setEnabled(not active)
        self._update_actions()

    def set_shop(self, shop: str, env: str) -> None:
        self.env = env
        self.journal.set_shop(shop, env)
        if self.review is not None:
            self.journal.query(self.review.products)

    def set_shop_resolver(self, resolve: Callable[[], tuple[str, str] | None]) -> None:
        self.journal.set_resolver(resolve)

    def set_listed_status(self, found: Mapping[int, JournalStatus]) -> None:
        self.model.set_journal_status(found)

    def refresh_listed(self) -> None:  # 上架记录 took items back, or put them back on sale
        if self.review is not None:
            self.journal.query(self.review.products)

    def rows_to_sync(self) -> list[int]:
        return [s.product.row for s in self.model.rows() if syncable(s)]

    def focus_search(self) -> None:
        self.bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.bar.search.selectAll()

    def set_filter(self, choice: Filter) -> None:
        if self.proxy.current_filter != choice:
            self.bar.buttons[choice].setChecked(True)
            self.proxy.set_filter(choice)

    def selected_states(self) -> list[RowState]:
        rows = self.table.selectionModel().selectedRows()
        return sorted((self.proxy.source_state(i) for i in rows), key=lambda s: s.product.row)

    def selected_rows(self) -> list[int]:
        return [s.product.row for s in self.selected_states()]

    def context_menu(self) -> QMenu:
        self._update_actions()
        return self.actions.menu(self)

    def edit_pictures(self, sheet_row: int) -> None:
        state = self.model.row_state(sheet_row)
        if state is None or self._running:
            return
        dialog = PictureDialog(value_text(state.product, "image"), self)
        if dialog.exec() == PictureDialog.DialogCode.Accepted:
            self.session.edit(sheet_row, "image", dialog.text())

    def shutdown(self) -> None:
        self.session.shutdown()
        self.pictures.shutdown()
        self.journal.shutdown()

    # --- reactions ------------------------------------------------------------------------------
    def _on_revised(self, review: Review) -> None:
        self._steps.apply(review)  # the table, a slice per turn (the review holds it already)
        self._update_write_back()
        self.journal.query(review.products)
        self.review_changed.emit(review)

    def _on_applied(self, _review: Review) -> None:
        self._detail_due.start()

    def _on_journal(self, env: str, found: dict[int, JournalStatus]) -> None:
        self.env = env
        self.model.set_journal_status(found)
        self._detail_due.start()

    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex,
                         roles: list[int] | None = None) -> None:
        if roles == [Qt.ItemDataRole.DecorationRole]:
            return  # thumbnails: no status or value changed
        if not self._counts.isActive():  # a run changes rows every 50 ms: count them anyway
            self._counts.start()
        current = self.detail.sheet_row
        if current is None:
            return
        position = self.model.position_of(current)
        if position is not None and top.row() <= position <= bottom.row():
            self._detail_due.start()

    def _on_selection(self, *_: object) -> None:
        self._refresh_detail()

    def _refresh_detail(self) -> None:
        self._update_actions()
        states = self.selected_states()
        if not states or self.review is None:
            self.detail.show_nothing()
            return
        state = states[0]
        if self.detail.editing() and self.detail.sheet_row == state.product.row:
            QTimer.singleShot(400, self, self._refresh_detail)  # shown once committed
            return
        stale = [e for e in self.session.stale() if e.row == state.product.row]
        entries = pictures_of(state.product)
        facts = self.pictures.facts(entries, self.review.base_dir) if entries else []
        self.detail.show_row(state, env=self.env, stale=stale, pictures=facts,
                             **self.category_edits.detail_args(state))

    def _update_actions(self) -> None:
        failed = self.model.counts()[Status.FAILED] > 0 if self.model.rowCount() else False
        self.actions.update_for(self.selected_states(), env=self.env, any_failed=failed,
                                running=self._running)

    def _update_counts(self) -> None:
        counts: Counter[Status] = self.model.counts()
        self.bar.show_counts(counts)
        self._update_actions()
        self.counts_changed.emit(counts)

    def _update_write_back(self) -> None:
        overlay = self.session.overlay
        self.bar.write_back_button.setEnabled(overlay is not None and len(overlay) > 0)

    def _on_double_click(self, index: QModelIndex) -> None:
        product = self.proxy.source_state(index).product
        if index.column() == Column.PICTURE:
            self.edit_pictures(product.row)
        else:  # the 类目 cell: the picker; a variant's price or stock: where to correct it
            self.category_edits.double_clicked(Column(index.column()), product)

    def _context_menu_at(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid() and not self.table.selectionModel().isRowSelected(index.row()):
            self.table.selectRow(index.row())
        self.context_menu().exec(self.table.viewport().mapToGlobal(pos))

    # --- actions --------------------------------------------------------------------------------
    def _retry_selected(self) -> None:
        rows = [s.product.row for s in self.selected_states() if s.status in SENDABLE]
        if rows:
            self.retry_rows.emit(rows)

    def _skip_selected(self) -> None:
        skip = self.actions.skipping
        rows = [s.product.row for s in self.selected_states()
                if s.status not in ON_SHOP]
        if rows:
            self.session.set_skip(rows, skip)
            self.skip_rows.emit(rows, skip)

    def _copy_selected(self) -> None:
        self._copy("\n\n".join(error_text(s) for s in self.selected_states()))

    def _copy(self, text: str) -> None:
        if text:
            QGuiApplication.clipboard().setText(text)

    def _open_selected(self) -> None:
        states = self.selected_states()
        if len(states) == 1 and states[0].num_iid is not None:
            self._open_page(states[0].num_iid)

    def _open_page(self, num_iid: int) -> None:
        self._open_browser(item_page(num_iid))
        self.open_item.emit(num_iid)

    def _undo_selected(self) -> None:
        for row in self.selected_rows():
            self._undo(row, "")

    def _undo(self, row: int, name: str) -> None:
        if not self._running:
            self.session.undo(row, name)
