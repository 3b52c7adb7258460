"""The product table: one row per sheet row, its picture, values, issues, edits and status.

Rows change one by one (`dataChanged` for that row, with the roles listed); the model resets only
when a new sheet loads. Edits typed into a cell are not applied here: `edit_requested` carries
them to the edit session, which re-checks the sheet and hands back a review (`update_review`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QFont, QPixmap, QStandardItemModel

from app.catalog.model import Issue, Product
from app.catalog.rules import row_issues
from app.review import Review
from app.ui.row_state import (
    EDITED_COLOUR,
    ON_SHOP,
    STATUS_COLOURS,
    STATUS_INK,
    RowState,
    ShownReview,
    Status,
    build_states,
    states_of,
)
from app.ui.row_words import from_journal, from_outcome, listed_at_end, listed_by_run, shown
from app.ui.table_cells import (
    COLUMN_FIELDS,
    TYPED,
    Column,
    display,
    edit_text,
    edited,
    header_text,
    status_dot,
    tooltip,
)
from app.upload.events import (
    RowFailed,
    RowListed,
    RowOutcome,
    RowSkipped,
    RowStarted,
    RowStatus,
)
from app.upload.status import JournalStatus

__all__ = ["Column", "ProductRole", "ProductTableModel", "RowKeyRole", "RowState", "Status"]

ProductRole = Qt.ItemDataRole.UserRole + 1  # the backing RowState, works through proxies
RowKeyRole = Qt.ItemDataRole.UserRole + 2  # changes with what the proxy sorts and filters on

_Index = QModelIndex | QPersistentModelIndex
_R = Qt.ItemDataRole
ROW_ROLES = [_R.DisplayRole, _R.EditRole, _R.BackgroundRole, _R.ToolTipRole, _R.FontRole,
             _R.ForegroundRole, RowKeyRole]


class ProductTableModel(QStandardItemModel):
    """The rows of the sheet shown, answered from Python through `data`/`multiData`.

    It is a QStandardItemModel only for its C++ row and column counts, index and header: the
    table's proxy and view ask those from C++ for every painted cell, and each answer from
    Python would be one more call that must take the GIL, which workers hold while a sheet
    loads or a run goes. No QStandardItem is ever created; ``_rows`` holds the rows.
    """

    THUMB_SIZE = 56
    edit_requested = Signal(int, str, str)  # sheet row, field ("location": both), text typed

    def __init__(self, parent: Any = None) -> None:
        super().__init__(0, len(Column), parent)
        self.setHorizontalHeaderLabels([header_text(column) for column in Column])
        self._rows: list[RowState] = []
        self._by_sheet_row: dict[int, int] = {}
        self._locked = False
        self._batch: list[int] | None = None  # rows changed while applying many at once
        self.categories: dict[int, tuple[str, str]] = {}  # leaf → (name, path): the 类目 cell

    # --- loading and updating -------------------------------------------------------------------
    def set_review(self, review: Review) -> None:
        """A new sheet: the one place the model resets. A `ShownReview` brings its rows built
        already (off the GUI thread); they are taken once."""
        self.categories = category_names(review)
        states = review.rows if isinstance(review, ShownReview) else None
        if states is not None and len(states) == len(review.products):
            review.rows = None  # a row's state changes with runs: never shown twice
            self._reset(states)
        else:
            self._reset(build_states(review))

    def set_products(self, products: list[Product], issues: Mapping[int, list[Issue]]) -> None:
        self._reset(states_of(products, issues))

    def _reset(self, states: list[RowState]) -> None:
        self.beginResetModel()
        self._rows = states
        self._by_sheet_row = {state.product.row: i for i, state in enumerate(states)}
        self.blockSignals(True)  # the reset tells views everything; no row inserts besides
        try:
            self.setRowCount(len(states))
        finally:
            self.blockSignals(False)
        self.endResetModel()

    def update_review(self, review: Review) -> list[int]:
        """The same sheet re-checked after an edit: rows whose product, issues or edits changed
        get their new values (one dataChanged each). A run's failure on a changed row no longer
        holds (the next run sends it again): the row shows its issues, the outcome stays for the
        detail pane. Returns the sheet rows whose picture came or went (their height changes):
        category data read for a 10,000-row sheet changes every row, and resizing each one held
        the GUI thread ~150 ms."""
        return [row for part in self.review_steps(review, 0) for row in part]

    def review_steps(self, review: Review, step: int) -> Iterator[list[int]]:
        """`update_review` ``step`` products at a time (0: all at once), each step's rows told
        in one dataChanged; yields the rows whose picture came or went after each step. The
        window applies a re-check of 10,000 rows a step per event-loop turn (~50 ms at once)."""
        applied = review.edits.rows if review.edits is not None else {}
        names = category_names(review)
        every = names != self.categories  # category data read since: any 类目 cell may change
        self.categories = names
        products = review.products
        step = step or len(products) or 1
        for start in range(0, len(products), step):
            reshaped: list[int] = []
            positions: list[int] = []
            for product in products[start:start + step]:
                position = self._by_sheet_row.get(product.row)
                if position is None:
                    continue
                state = self._rows[position]
                had_picture = state.has_picture
                edits = dict(applied[product.row].edits) if product.row in applied else {}
                same = product is state.product or product == state.product  # compared once
                if not state.take(product, row_issues(product, review.issues), same=same,
                                  refresh=False) and edits == state.edits:
                    continue
                if not same and state.upload_status in (Status.FAILED, Status.WAITING):
                    state.upload_status, state.message = None, ""
                state.edits = edits
                state.refresh()
                positions.append(position)
                if state.has_picture != had_picture:
                    reshaped.append(product.row)
            if not every:
                self._changed_rows(positions)
            yield reshaped
        if every and self._rows:  # any row may show a new category name: all told at the end
            self._changed_rows(list(range(len(self._rows))))

    def forget_run(self, rows: Collection[int] | None) -> None:
        """A run starts on ``rows`` (None: all): their last run's word goes (failed, waiting
        for the quota, what the journal said of a failure); rows on the shop stay 已上架."""
        positions = []
        for position, state in enumerate(self._rows):
            if rows is not None and state.product.row not in rows:
                continue
            if state.upload_status not in (*ON_SHOP, None):
                state.upload_status, state.message, state.from_journal = None, "", False
                state.refresh()
                positions.append(position)
        self._changed_rows(positions)

    def set_journal_status(self, found: Mapping[int, JournalStatus]) -> None:
        """What the journal knows (`app.upload.status.listed_status`), by sheet row (the rules:
        `row_words.from_journal`)."""
        touched = []
        for position, state in enumerate(self._rows):
            before = shown(state)
            from_journal(state, found.get(state.product.row))
            if shown(state) != before:
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

    def set_thumbnails(self, batch: list[tuple[int, QPixmap]]) -> None:
        """Pictures for many rows, one repaint: a dataChanged per row costs the GUI thread far
        more than the pictures themselves when thousands arrive."""
        positions = []
        for sheet_row, pixmap in batch:
            position = self._by_sheet_row.get(sheet_row)
            if position is not None:
                self._rows[position].thumbnail = pixmap
                positions.append(position)
        if positions:
            self.dataChanged.emit(self.index(min(positions), Column.PICTURE),
                                  self.index(max(positions), Column.PICTURE), [_R.DecorationRole])

    def _changed_rows(self, positions: list[int]) -> None:
        """One signal for rows that changed together (a picture pass, a run's start)."""
        if len(positions) == 1:
            self._changed(positions[0])
        elif positions:
            self.dataChanged.emit(self.index(min(positions), 0),
                                  self.index(max(positions), len(Column) - 1), ROW_ROLES)

    def _changed(self, position: int) -> None:
        if self._batch is not None:
            self._batch.append(position)
            return
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(Column) - 1),
                              ROW_ROLES)

    def _batched(self, apply: Callable[[], object]) -> None:
        """``apply`` with the rows it changes told in one signal (thousands of run events or
        outcomes at once: one dataChanged each held the GUI thread for most of a second)."""
        self._batch = []
        try:
            apply()
        finally:
            positions, self._batch = self._batch, None
        self._changed_rows(positions)

    # --- a run's events -------------------------------------------------------------------------
    def apply_run_events(self, events: Sequence[object]) -> None:
        """Many events in their order, one signal for the rows they changed."""
        self._batched(lambda: [self.apply_run_event(event) for event in events])

    def apply_run_event(self, event: object) -> bool:
        """Show an upload engine event on its row; False when the event is not about a row."""
        if isinstance(event, RowStarted):
            self.set_upload_status(event.row, Status.RUNNING)
        elif isinstance(event, RowListed):
            state = self.row_state(event.row)
            if state is not None:
                self.set_upload_status(event.row, listed_by_run(state, event))
        elif isinstance(event, RowFailed | RowSkipped):
            self._show_outcome(event.outcome)
        else:
            return False
        return True

    def apply_outcomes(self, outcomes: Mapping[int, RowOutcome]) -> None:
        """The run's last word on every row. A row the journal already knew as listed gets no
        event during the run; without this it would still read "Ready" when the run is done."""
        self._batched(lambda: self._apply_outcomes(outcomes))

    def _apply_outcomes(self, outcomes: Mapping[int, RowOutcome]) -> None:
        for row, outcome in outcomes.items():
            state = self.row_state(row)
            if state is None:
                continue
            if outcome.status is RowStatus.LISTED:
                state.outcome = outcome
                if state.upload_status not in (Status.LISTED, Status.SKIPPED):
                    listed_at_end(state, outcome)
                    self.set_upload_status(row, Status.SKIPPED)
            elif state.outcome != outcome:  # no event told it during the run
                self._show_outcome(outcome)

    def _show_outcome(self, outcome: RowOutcome) -> None:
        state = self.row_state(outcome.row)
        if state is not None:
            self.set_upload_status(outcome.row, *from_outcome(state, outcome))

    # --- Qt model API ---------------------------------------------------------------------------
    # rowCount, columnCount, index, headerData and flags are QStandardItemModel's own (C++; no
    # item is ever created): see the class's note.

    def editable(self, state: RowState, column: Column) -> bool:
        """Can ``state``'s cell in ``column`` be typed into now? (The cell editor asks.)"""
        return (not self._locked and column in TYPED and state.status is not Status.RUNNING
                and not (column in (Column.PRICE, Column.NUM) and has_sku_rows(state.product)))

    def setData(self, index: _Index, value: Any, role: int = _R.EditRole) -> bool:
        if not index.isValid() or role != _R.EditRole or self._locked:
            return False
        column = Column(index.column())
        if column not in TYPED:
            return False
        state = self._rows[index.row()]
        name = "location" if column is Column.LOCATION else COLUMN_FIELDS[column][0]
        text = "" if value is None else str(value)
        if text.strip() == (edit_text(state, column) or "").strip():
            return False  # nothing changed
        self.edit_requested.emit(state.product.row, name, text)
        return True

    def data(self, index: _Index, role: int = _R.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self.role_value(self._rows[index.row()], Column(index.column()), role)

    def multiData(self, index: _Index, span: QModelRoleDataSpan) -> None:
        """Every role a view asks for a cell in one call (see `fill_roles`)."""
        if index.isValid():
            self.fill_roles(index.row(), index.column(), span)

    def fill_roles(self, position: int, column: int, span: QModelRoleDataSpan) -> None:
        """Fill a view's role span for one cell in one Python call.

        A delegate paints a cell with seven roles; answered one `data()` at a time, each is a
        call from C++ into Python that must take the GIL. A table repaint was ~1,900 such calls
        (with the proxy's `rowCount`/`columnCount` per mapped index and `flags` per cell), and
        while workers run Python (a load, a run, the category re-check) each waits for the
        interpreter: a repaint stalled the GUI thread 50–150 ms
        (tests/benchmarks/bench_window.py). Now it is one call per painted cell, ~80.
        """
        state, col = self._rows[position], Column(column)
        for slot in span:
            value = self.role_value(state, col, slot.role())
            if value is None:
                slot.clearData()
            else:
                slot.setData(value)

    def role_value(self, state: RowState, column: Column, role: int) -> Any:
        """What the cell of ``state`` in ``column`` holds for ``role`` (None: nothing)."""
        if role == _R.DisplayRole:
            return display(state, column, self.categories)
        if role == _R.EditRole:
            return edit_text(state, column)
        if role == _R.DecorationRole:
            if column is Column.PICTURE:
                return state.thumbnail
            return status_dot(state.status) if column is Column.STATUS else None
        if role == _R.ToolTipRole:
            return tooltip(state, column, self.categories)
        if role == _R.BackgroundRole:
            colour = STATUS_COLOURS.get(state.status)
            return QBrush(colour) if colour is not None else None
        if role == _R.ForegroundRole and column is Column.STATUS:
            return QBrush(STATUS_INK[state.status])
        if role in (_R.FontRole, _R.ForegroundRole) and edited(state, column):
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

def has_sku_rows(product: Product) -> bool:
    """A product whose SKUs have their own sheet rows: its price and stock come from them (the
    table's price and stock are not edited; its SKUs are, in the detail pane)."""
    return any(s.row is not None for s in product.skus)


def category_names(review: Review) -> dict[int, tuple[str, str]]:
    """Each leaf the review's category data knows: (its name, its path)."""
    data = review.categories
    return {cid: (node.name, data.paths.get(cid, node.name)) for cid, node in data.nodes.items()}

