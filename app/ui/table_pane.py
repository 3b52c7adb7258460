"""The rows side of the window as the shell sees it: the product table and the detail text.

A seam: the window talks to the rows only through these methods (`set_review`, `refresh_issues`,
`set_thumbnails`, `apply_run_event`, `apply_outcomes`, `before_run`, `failed_keys`,
`focus_search`), so the richer products panel (filters, search, fixing in place, per-row
actions) replaces this class without touching the shell.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QHeaderView,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.review import Review
from app.ui.table_model import Column, ProductRole, ProductTableModel, RowState, Status
from app.upload.events import RowOutcome


class TablePane(QWidget):
    retry_rows = Signal(list)  # sheet rows (the products panel's 重试这一行)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ProductTableModel(self)
        self._positions: dict[int, int] = {}  # sheet row -> table row
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(ProductTableModel.THUMB_SIZE + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in (
            (Column.ROW, 48),
            (Column.PICTURE, 72),
            (Column.KEY, 130),
            (Column.TITLE, 300),
            (Column.PRICE, 80),
            (Column.NUM, 64),
            (Column.CID, 90),
        ):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText(self.tr("Select a row to see what is wrong with it."))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    # --- what the shell calls ---------------------------------------------------------------
    def set_review(self, review: Review) -> None:
        self.model.set_products(review.products, review.issues)
        self._positions = {s.product.row: i for i, s in enumerate(self.model.rows())}

    def refresh_issues(self, review: Review) -> None:
        """The same rows with more issues (the picture pass, done after they were shown)."""
        for state in self.model.rows():
            state.issues = review.row_issues(state.product)
        if self.model.rowCount():
            last = self.model.index(self.model.rowCount() - 1, self.model.columnCount() - 1)
            self.model.dataChanged.emit(self.model.index(0, 0), last)
        self._refresh_detail()

    def set_thumbnails(self, batch: list[tuple[int, QPixmap]]) -> None:
        """Pictures for many rows, one repaint: a dataChanged per row costs the GUI thread far
        more than the pictures themselves when thousands arrive."""
        positions = []
        for sheet_row, pixmap in batch:
            position = self._positions.get(sheet_row)
            if position is not None:
                self.model.row_state(sheet_row).thumbnail = pixmap  # type: ignore[union-attr]
                positions.append(position)
        if positions:
            top, bottom = min(positions), max(positions)
            self.model.dataChanged.emit(self.model.index(top, Column.PICTURE),
                                        self.model.index(bottom, Column.PICTURE),
                                        [Qt.ItemDataRole.DecorationRole])

    def before_run(self, rows: Collection[int] | None) -> None:
        """A run starts on ``rows`` (None: all): their last run's word goes, except on rows that
        are on the shop (already listed stays 已上架)."""
        for state in self.model.rows():
            if rows is not None and state.product.row not in rows:
                continue
            if state.upload_status not in (Status.LISTED, Status.SKIPPED, None):
                self.model.set_upload_status(state.product.row, None)

    def apply_run_event(self, event: object) -> None:
        if self.model.apply_run_event(event) and _row_of(event) == self._selected_row():
            self._refresh_detail()

    def apply_outcomes(self, outcomes: Mapping[int, RowOutcome]) -> None:
        self.model.apply_outcomes(outcomes)
        self._refresh_detail()

    def failed_keys(self) -> set[str]:
        """The keys (商家编码 or generated) of the rows whose upload failed."""
        return {
            s.product.key for s in self.model.rows() if s.status is Status.FAILED and s.product.key
        }

    def row_count(self) -> int:
        return self.model.rowCount()

    def focus_search(self) -> None:
        """No search box here yet (the products panel has one)."""
        self.table.setFocus()

    # --- detail -----------------------------------------------------------------------------
    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, *_: object) -> None:
        self._refresh_detail()

    def _selected_row(self) -> int | None:
        indexes = self.table.selectionModel().selectedRows()
        return indexes[0].data(ProductRole).product.row if indexes else None

    def _refresh_detail(self) -> None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            self.detail.clear()
            return
        state: RowState = indexes[0].data(ProductRole)
        self.detail.setPlainText(state.describe())


def _row_of(event: object) -> int | None:
    outcome = getattr(event, "outcome", None)
    return outcome.row if outcome is not None else getattr(event, "row", None)
