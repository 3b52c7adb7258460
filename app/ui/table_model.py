"""The product table: one row per sheet row, its picture, values, issues and upload status."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QPixmap

from app.catalog.model import Issue, Product
from app.catalog.rules import row_issues
from app.upload.events import (
    RowFailed,
    RowListed,
    RowOutcome,
    RowSkipped,
    RowStarted,
    RowStatus,
)

ProductRole = Qt.ItemDataRole.UserRole + 1  # the backing RowState, works through proxies

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    ROW = 0
    PICTURE = 1
    KEY = 2
    TITLE = 3
    PRICE = 4
    NUM = 5
    CID = 6
    STATUS = 7


class Status(IntEnum):
    READY = 0
    WARNING = 1
    ERROR = 2
    RUNNING = 3
    LISTED = 4
    FAILED = 5
    SKIPPED = 6  # already on the shop (listed before this run)


_STATUS_COLOURS = {
    Status.WARNING: QColor("#fff4d6"),
    Status.ERROR: QColor("#fde2e1"),
    Status.RUNNING: QColor("#e3efff"),
    Status.LISTED: QColor("#e2f6e5"),
    Status.SKIPPED: QColor("#e2f6e5"),  # already on the shop
    Status.FAILED: QColor("#fde2e1"),
}


@dataclass(slots=True)
class RowState:
    product: Product
    issues: list[Issue] = field(default_factory=list)
    upload_status: Status | None = None  # set by a run
    message: str = ""  # the run's last word on this row (num_iid or the error's explanation)
    thumbnail: QPixmap | None = None

    def describe(self) -> str:
        """The detail pane's text: the row, the run's last word, every issue."""
        product = self.product
        lines = [f"{product.row}  {product.key or ''}  {product.title or ''}"]
        if self.message:
            lines.append(self.message)
        lines += [f"{'✖' if issue.is_error else '⚠'} {issue.message}" for issue in self.issues]
        return "\n".join(lines)

    @property
    def status(self) -> Status:
        if self.upload_status is not None:
            return self.upload_status
        if any(issue.is_error for issue in self.issues):
            return Status.ERROR
        if self.issues:
            return Status.WARNING
        return Status.READY


class ProductTableModel(QAbstractTableModel):
    THUMB_SIZE = 56

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RowState] = []
        self._by_sheet_row: dict[int, int] = {}

    # --- loading and updating -------------------------------------------------------------------
    def set_products(self, products: list[Product], issues: dict[int, list[Issue]]) -> None:
        """A new sheet: the one place the model resets."""
        self.beginResetModel()
        self._rows = [RowState(product=p, issues=row_issues(p, issues)) for p in products]
        self._by_sheet_row = {state.product.row: i for i, state in enumerate(self._rows)}
        self.endResetModel()

    def row_state(self, sheet_row: int) -> RowState | None:
        position = self._by_sheet_row.get(sheet_row)
        return None if position is None else self._rows[position]

    def rows(self) -> list[RowState]:
        return list(self._rows)

    def set_upload_status(self, sheet_row: int, status: Status | None, message: str = "") -> None:
        position = self._by_sheet_row.get(sheet_row)
        if position is None:
            return
        state = self._rows[position]
        state.upload_status, state.message = status, message
        first, last = self.index(position, 0), self.index(position, Column.STATUS)
        self.dataChanged.emit(
            first,
            last,
            [
                Qt.ItemDataRole.DisplayRole,
                Qt.ItemDataRole.BackgroundRole,
                Qt.ItemDataRole.ToolTipRole,
            ],
        )

    def set_thumbnail(self, sheet_row: int, pixmap: QPixmap) -> None:
        position = self._by_sheet_row.get(sheet_row)
        if position is None:
            return
        self._rows[position].thumbnail = pixmap
        cell = self.index(position, Column.PICTURE)
        self.dataChanged.emit(cell, cell, [Qt.ItemDataRole.DecorationRole])

    def apply_run_event(self, event: object) -> bool:
        """Show an upload engine event on its row; False when the event is not about a row."""
        if isinstance(event, RowStarted):
            self.set_upload_status(event.row, Status.RUNNING)
        elif isinstance(event, RowListed) and event.how == "already":  # listed before this run
            self._show_already_listed(event.row, event.num_iid)
        elif isinstance(event, RowListed):
            text = QCoreApplication.translate("ProductTableModel", "Listed, item ID %1")
            self.set_upload_status(event.row, Status.LISTED, text.replace("%1", str(event.num_iid)))
        elif isinstance(event, RowFailed):
            self.set_upload_status(event.outcome.row, Status.FAILED, event.outcome.message)
        elif isinstance(event, RowSkipped):
            self._show_outcome(event.outcome)
        else:
            return False
        return True

    def apply_outcomes(self, outcomes: Mapping[int, RowOutcome]) -> None:
        """The run's last word on every row. A row the journal already knew as listed gets no
        event during the run; without this it would still read "Ready" when the run is done."""
        for row, outcome in outcomes.items():
            state = self.row_state(row)
            if state is None:
                continue
            if outcome.status is RowStatus.LISTED:
                if state.upload_status not in (Status.LISTED, Status.SKIPPED):
                    self._show_already_listed(row, outcome.num_iid)
            elif outcome.status is RowStatus.FAILED:
                if state.upload_status is not Status.FAILED or state.message != outcome.message:
                    self.set_upload_status(row, Status.FAILED, outcome.message)
            else:
                self._show_outcome(outcome)

    def _show_outcome(self, outcome: RowOutcome) -> None:
        if outcome.status is RowStatus.SKIPPED and outcome.num_iid is not None:
            self._show_already_listed(outcome.row, outcome.num_iid)
        elif outcome.status in (RowStatus.SKIPPED, RowStatus.UNKNOWN, RowStatus.WAITING_QUOTA):
            # skipped without an item: Taobao refused it before and it has not been changed
            self.set_upload_status(outcome.row, Status.FAILED, outcome.message)
        else:  # blocked by its own errors, or not reached: shows its issues again
            self.set_upload_status(outcome.row, None)

    def _show_already_listed(self, row: int, num_iid: int | None) -> None:
        text = QCoreApplication.translate("ProductTableModel", "Already listed, item ID %1")
        self.set_upload_status(row, Status.SKIPPED, text.replace("%1", str(num_iid)))

    # --- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return _header_text(Column(section))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        state = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(state, column)
        if role == Qt.ItemDataRole.DecorationRole and column is Column.PICTURE:
            return state.thumbnail
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(state)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = _STATUS_COLOURS.get(state.status)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.PRICE, Column.NUM):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ProductRole:
            return state
        return None


def _header_text(column: Column) -> str:
    return {
        Column.ROW: QCoreApplication.translate("ProductTableModel", "Row"),
        Column.PICTURE: QCoreApplication.translate("ProductTableModel", "Picture"),
        Column.KEY: QCoreApplication.translate("ProductTableModel", "Outer ID"),
        Column.TITLE: QCoreApplication.translate("ProductTableModel", "Title"),
        Column.PRICE: QCoreApplication.translate("ProductTableModel", "Price"),
        Column.NUM: QCoreApplication.translate("ProductTableModel", "Stock"),
        Column.CID: QCoreApplication.translate("ProductTableModel", "Category"),
        Column.STATUS: QCoreApplication.translate("ProductTableModel", "Status"),
    }[column]


def _display(state: RowState, column: Column) -> str | None:
    product = state.product
    if column is Column.ROW:
        return str(product.row)
    if column is Column.KEY:
        return product.key or ""
    if column is Column.TITLE:
        return product.title or ""
    if column is Column.PRICE:
        if product.price is None:
            return ""
        return _price_text(product.price) + (" *" if product.price_computed else "")
    if column is Column.NUM:
        return "" if product.num is None else str(product.num)
    if column is Column.CID:
        return "" if product.cid is None else str(product.cid)
    if column is Column.STATUS:
        return _status_text(state)
    return None


def _price_text(price: Decimal) -> str:
    """Two decimals, unless the price in the sheet has more: 49.999 must not read as 50.00
    next to the issue that says it has three decimals."""
    shown = f"{price:.2f}"
    return shown if Decimal(shown) == price else f"{price:f}"


def _status_text(state: RowState) -> str:
    status = state.status
    if status in (Status.LISTED, Status.FAILED, Status.SKIPPED) and state.message:
        return state.message
    if status in (Status.ERROR, Status.WARNING):
        first = next((i for i in state.issues if i.is_error), state.issues[0])
        more = len(state.issues) - 1
        # Chinese has no plural forms; a plain %1 keeps every lupdate version's parser happy
        suffix = QCoreApplication.translate("ProductTableModel", " (+%1 more)")
        return first.message + (suffix.replace("%1", str(more)) if more else "")
    return {
        Status.READY: QCoreApplication.translate("ProductTableModel", "Ready"),
        Status.RUNNING: QCoreApplication.translate("ProductTableModel", "Uploading…"),
        Status.SKIPPED: QCoreApplication.translate("ProductTableModel", "Already listed"),
    }.get(status, "")


def _tooltip(state: RowState) -> str | None:
    lines = [issue.message for issue in state.issues]
    if state.message:
        lines.insert(0, state.message)
    return "\n".join(lines) or None
