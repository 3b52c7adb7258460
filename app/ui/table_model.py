"""The product table: one row per sheet row, its picture, values, issues, edits and status.

Rows change one by one (`dataChanged` for that row, with the roles listed); the model resets only
when a new sheet loads. Edits typed into a cell are not applied here: `edit_requested` carries
them to the edit session, which re-checks the sheet and hands back a review (`update_review`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QFont, QPixmap

from app.catalog.model import Issue, Product
from app.catalog.perf import gc_paused
from app.catalog.rules import row_issues
from app.review import Review
from app.review_apply import value_text
from app.ui.row_state import (
    EDITED_COLOUR,
    STATUS_COLOURS,
    RowState,
    Status,
    listed_text,
    price_text,
)
from app.upload.events import (
    RowFailed,
    RowListed,
    RowOutcome,
    RowSkipped,
    RowStarted,
    RowStatus,
)
from app.upload.journal import RowState as JournalState
from app.upload.status import JournalStatus

__all__ = ["Column", "ProductRole", "ProductTableModel", "RowKeyRole", "RowState", "Status"]

ProductRole = Qt.ItemDataRole.UserRole + 1  # the backing RowState, works through proxies
RowKeyRole = Qt.ItemDataRole.UserRole + 2  # changes with what the proxy sorts and filters on

_Index = QModelIndex | QPersistentModelIndex
_R = Qt.ItemDataRole
ROW_ROLES = [_R.DisplayRole, _R.EditRole, _R.BackgroundRole, _R.ToolTipRole, _R.FontRole,
             _R.ForegroundRole, RowKeyRole]


class Column(IntEnum):
    ROW = 0
    PICTURE = 1
    KEY = 2
    TITLE = 3
    PRICE = 4
    NUM = 5
    CID = 6
    LOCATION = 7
    STATUS = 8


# the fields a column shows (and edits); LOCATION is two fields in one cell
COLUMN_FIELDS: dict[Column, tuple[str, ...]] = {
    Column.PICTURE: ("image",),
    Column.KEY: ("outer_id",),
    Column.TITLE: ("title",),
    Column.PRICE: ("price",),
    Column.NUM: ("num",),
    Column.CID: ("cid",),
    Column.LOCATION: ("location.state", "location.city"),
}
_TYPED = frozenset({Column.KEY, Column.TITLE, Column.PRICE, Column.NUM, Column.CID,
                    Column.LOCATION})


class ProductTableModel(QAbstractTableModel):
    THUMB_SIZE = 56
    edit_requested = Signal(int, str, str)  # sheet row, field ("location": both), text typed

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RowState] = []
        self._by_sheet_row: dict[int, int] = {}
        self._locked = False

    # --- loading and updating -------------------------------------------------------------------
    def set_review(self, review: Review) -> None:
        """A new sheet: the one place the model resets."""
        applied = review.edits.rows if review.edits is not None else {}
        self.set_products(review.products, review.issues)
        for row, entry in applied.items():
            state = self.row_state(row)
            if state is not None:
                state.edits = dict(entry.edits)

    def set_products(self, products: list[Product], issues: Mapping[int, list[Issue]]) -> None:
        self.beginResetModel()
        self._rows = []
        with gc_paused():  # 10,000 new objects: no collection passes in between
            for p in products:
                state = RowState(product=p)
                state.take(p, row_issues(p, issues))  # the skip marker becomes ``skipped``
                self._rows.append(state)
        self._by_sheet_row = {state.product.row: i for i, state in enumerate(self._rows)}
        self.endResetModel()

    def update_review(self, review: Review) -> list[int]:
        """The same sheet re-checked after an edit: rows whose product, issues or edits changed
        get their new values (one dataChanged each). A run's failure on a changed row no longer
        holds (the next run sends it again): the row shows its issues, the outcome stays for the
        detail pane. Returns the changed sheet rows."""
        applied = review.edits.rows if review.edits is not None else {}
        changed: list[int] = []
        for product in review.products:
            position = self._by_sheet_row.get(product.row)
            if position is None:
                continue
            state = self._rows[position]
            edits = dict(applied[product.row].edits) if product.row in applied else {}
            other_product = product != state.product
            if not state.take(product, row_issues(product, review.issues)) \
                    and edits == state.edits:
                continue
            if other_product and state.upload_status in (Status.FAILED, Status.WAITING):
                state.upload_status, state.message = None, ""
            state.edits = edits
            state.refresh()
            self._changed(position)
            changed.append(product.row)
        return changed

    def set_journal_status(self, found: Mapping[int, JournalStatus]) -> None:
        """What the journal knows (`app.upload.status.listed_status`) on rows no run of this
        window has spoken about; rows it no longer names lose what it said before."""
        touched = []
        for position, state in enumerate(self._rows):
            if state.upload_status is not None and not state.from_journal:
                continue
            known = found.get(state.product.row)
            before = (state.upload_status, state.message)
            if known is None:
                state.upload_status, state.message, state.from_journal = None, "", False
            else:
                state.from_journal = True
                state.num_iid = known.num_iid or state.num_iid
                state.upload_status, state.message = _journal_words(known)
                if known.state is JournalState.FAILED:
                    state.outcome = RowOutcome(
                        state.product.row, state.product.key or "", RowStatus.FAILED,
                        known.num_iid, "row", known.code, known.sub_code, known.message,
                        known.request_id)
            if (state.upload_status, state.message) != before:
                state.refresh()
                touched.append(position)
        if touched:  # one signal for the lot (a sheet of 10,000 listed rows)
            self.dataChanged.emit(self.index(min(touched), 0),
                                  self.index(max(touched), len(Column) - 1), ROW_ROLES)

    def row_state(self, sheet_row: int) -> RowState | None:
        position = self._by_sheet_row.get(sheet_row)
        return None if position is None else self._rows[position]

    def position_of(self, sheet_row: int) -> int | None:
        return self._by_sheet_row.get(sheet_row)

    def state_at(self, position: int) -> RowState:
        """The row at a model position (the proxy filters and sorts with it)."""
        return self._rows[position]

    def rows(self) -> list[RowState]:
        return list(self._rows)

    def counts(self) -> Counter[Status]:
        return Counter(state.status for state in self._rows)

    def set_locked(self, locked: bool) -> None:
        """No typing into cells (a run is using the rows)."""
        self._locked = locked

    def set_upload_status(self, sheet_row: int, status: Status | None, message: str = "") -> None:
        position = self._by_sheet_row.get(sheet_row)
        if position is None:
            return
        state = self._rows[position]
        state.upload_status, state.message, state.from_journal = status, message, False
        state.refresh()
        self._changed(position)

    def set_thumbnail(self, sheet_row: int, pixmap: QPixmap) -> None:
        position = self._by_sheet_row.get(sheet_row)
        if position is None:
            return
        self._rows[position].thumbnail = pixmap
        cell = self.index(position, Column.PICTURE)
        self.dataChanged.emit(cell, cell, [_R.DecorationRole])

    def _changed(self, position: int) -> None:
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(Column) - 1),
                              ROW_ROLES)

    # --- a run's events -------------------------------------------------------------------------
    def apply_run_event(self, event: object) -> bool:
        """Show an upload engine event on its row; False when the event is not about a row."""
        if isinstance(event, RowStarted):
            self.set_upload_status(event.row, Status.RUNNING)
        elif isinstance(event, RowListed):
            state = self.row_state(event.row)
            if state is not None:
                state.num_iid = event.num_iid
            self.set_upload_status(event.row, Status.SKIPPED if event.how == "already"
                                   else Status.LISTED,
                                   listed_text(event.num_iid, event.unsent,
                                               before=event.how == "already"))
        elif isinstance(event, RowFailed | RowSkipped):
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
                state.outcome = outcome
                if state.upload_status not in (Status.LISTED, Status.SKIPPED):
                    state.num_iid = outcome.num_iid
                    self.set_upload_status(row, Status.SKIPPED,
                                           listed_text(outcome.num_iid, outcome.unsent,
                                                       before=True))
            elif state.outcome != outcome:  # no event told it during the run
                self._show_outcome(outcome)

    def _show_outcome(self, outcome: RowOutcome) -> None:
        state = self.row_state(outcome.row)
        if state is None:
            return
        state.outcome = outcome
        status = outcome.status
        if status is RowStatus.SKIPPED and outcome.num_iid is not None:
            state.num_iid = outcome.num_iid
            self.set_upload_status(outcome.row, Status.SKIPPED,
                                   listed_text(outcome.num_iid, outcome.unsent, before=True))
        elif status is RowStatus.WAITING_QUOTA:
            self.set_upload_status(outcome.row, Status.WAITING, outcome.message)
        elif status in (RowStatus.FAILED, RowStatus.SKIPPED, RowStatus.UNKNOWN):
            # skipped without an item: Taobao refused it before and it has not been changed
            if outcome.num_iid is not None:
                state.num_iid = outcome.num_iid
            self.set_upload_status(outcome.row, Status.FAILED, outcome.message)
        else:  # blocked (its errors, or skipped by the user), or not reached: its issues again
            self.set_upload_status(outcome.row, None)

    # --- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = _R.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != _R.DisplayRole:
            return None
        return _header_text(Column(section))

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if (index.isValid() and not self._locked and index.column() in _TYPED
                and self._rows[index.row()].status is not Status.RUNNING):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: _Index, value: Any, role: int = _R.EditRole) -> bool:
        if not index.isValid() or role != _R.EditRole or self._locked:
            return False
        column = Column(index.column())
        if column not in _TYPED:
            return False
        state = self._rows[index.row()]
        name = "location" if column is Column.LOCATION else COLUMN_FIELDS[column][0]
        text = "" if value is None else str(value)
        if text.strip() == (_edit_text(state, column) or "").strip():
            return False  # nothing changed
        self.edit_requested.emit(state.product.row, name, text)
        return True

    def data(self, index: _Index, role: int = _R.DisplayRole) -> Any:
        if not index.isValid():
            return None
        state = self._rows[index.row()]
        column = Column(index.column())
        if role == _R.DisplayRole:
            return _display(state, column)
        if role == _R.EditRole:
            return _edit_text(state, column)
        if role == _R.DecorationRole and column is Column.PICTURE:
            return state.thumbnail
        if role == _R.ToolTipRole:
            return _tooltip(state, column)
        if role == _R.BackgroundRole:
            colour = STATUS_COLOURS.get(state.status)
            return QBrush(colour) if colour is not None else None
        if role in (_R.FontRole, _R.ForegroundRole) and _edited(state, column):
            if role == _R.ForegroundRole:
                return QBrush(EDITED_COLOUR)
            font = QFont()
            font.setItalic(True)
            return font
        if role == _R.TextAlignmentRole and column in (Column.PRICE, Column.NUM):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ProductRole:
            return state
        if role == RowKeyRole:
            return int(state.status)
        return None


def _journal_words(known: JournalStatus) -> tuple[Status, str]:
    if known.state is JournalState.LISTED:
        return Status.SKIPPED, listed_text(known.num_iid, known.unsent, before=True)
    if known.state is JournalState.WAITING_QUOTA:
        return Status.WAITING, ""
    return Status.FAILED, known.message


def _header_text(column: Column) -> str:
    return {
        Column.ROW: QCoreApplication.translate("ProductTableModel", "Row"),
        Column.PICTURE: QCoreApplication.translate("ProductTableModel", "Picture"),
        Column.KEY: QCoreApplication.translate("ProductTableModel", "Outer ID"),
        Column.TITLE: QCoreApplication.translate("ProductTableModel", "Title"),
        Column.PRICE: QCoreApplication.translate("ProductTableModel", "Price"),
        Column.NUM: QCoreApplication.translate("ProductTableModel", "Stock"),
        Column.CID: QCoreApplication.translate("ProductTableModel", "Category"),
        Column.LOCATION: QCoreApplication.translate("ProductTableModel", "Location"),
        Column.STATUS: QCoreApplication.translate("ProductTableModel", "Status"),
    }[column]


def _display(state: RowState, column: Column) -> str | None:
    product = state.product
    if column is Column.ROW:
        return str(product.row)
    if column is Column.KEY:
        return product.key or ""
    if column is Column.PRICE:
        if product.price is None:
            return ""
        return price_text(product.price) + (" *" if product.price_computed else "")
    if column is Column.STATUS:
        return state.status_text()
    if column is Column.PICTURE:
        return None
    return _edit_text(state, column)


def _edit_text(state: RowState, column: Column) -> str | None:
    """The value exactly as the sheet has it (49.999, 00123): what an editor starts from."""
    product = state.product
    if column is Column.LOCATION:
        return " ".join(x for x in (product.location_state, product.location_city) if x)
    fields = COLUMN_FIELDS.get(column)
    if fields is None:
        return None
    return value_text(product, fields[0])


def _edited(state: RowState, column: Column) -> bool:
    return bool(state.edits) and any(f in state.edits for f in COLUMN_FIELDS.get(column, ()))


def _tooltip(state: RowState, column: Column) -> str | None:
    text = state.tooltip()
    if _edited(state, column):
        was = "；".join(f"{e.label}「{e.old}」" for f, e in state.edits.items()
                       if f in COLUMN_FIELDS[column])
        note = QCoreApplication.translate("ProductTableModel", "Edited here; the sheet has %1")
        text = note.replace("%1", was) + ("\n" + text if text else "")
    return text or None
