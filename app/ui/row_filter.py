"""The table's proxy: the filter bar's choice, the search box, and sorting by column.

Filtering reads each row's cached status and search text (`RowState.refresh`). Sorting compares
plain values (the row number, the price as a number, the status), never display strings; the
values of the sorted column are kept in a list by model row, refreshed for the rows a
`dataChanged` names before the proxy re-sorts them, so a comparison is two list lookups.

While nothing filters or sorts (全部, no search, sheet order) the proxy is not dynamic: a
change of rows cannot move or hide any of them, and a dynamic proxy would still ask
`filterAcceptsRow` (Python) for every changed row — 10,000 calls when category data arrives for a
big sheet or a run's outcomes are applied, held on the GUI thread. Each filter, search or sort
turns it on again (and re-filters or re-sorts as it happens).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from app.ui.row_state import FILTER_STATUSES, Filter, RowState, Status
from app.ui.table_model import Column, ProductTableModel, RowKeyRole

_Index = QModelIndex | QPersistentModelIndex
_NO_NUMBER = float("-inf")  # empty prices and stocks sort first (ascending)


def sort_key(state: RowState, column: int) -> Any:
    p = state.product
    if column == Column.TITLE:
        return p.title or ""
    if column == Column.PRICE:
        return float(p.price) if p.price is not None else _NO_NUMBER
    if column == Column.NUM:
        return p.num if p.num is not None else -1
    if column == Column.CID:
        return p.cid if p.cid is not None else -1
    if column == Column.KEY:
        return p.key or ""
    if column == Column.LOCATION:
        return (p.location_state or "", p.location_city or "")
    if column == Column.STATUS:
        return int(state.status)
    if column == Column.PICTURE:
        return state.has_picture
    return p.row


class RowFilter(QSortFilterProxyModel):
    def __init__(self, model: ProductTableModel) -> None:
        super().__init__(model)
        self._model = model
        self._wanted: frozenset[Status] = FILTER_STATUSES[Filter.ALL]
        self._filter = Filter.ALL
        self._needle = ""
        self._keys: list[Any] = []  # sort values of the sorted column, by model row
        self._key_column = -1
        self.setSortRole(RowKeyRole)  # rows re-sort and re-filter when this role changes
        self.setFilterRole(RowKeyRole)
        # connected before the proxy connects itself: keys are fresh when it re-sorts
        model.dataChanged.connect(self._rows_changed)
        model.modelReset.connect(self._reset_keys)
        self.setSourceModel(model)
        self._follow_changes()

    @property
    def current_filter(self) -> Filter:
        return self._filter

    def set_filter(self, choice: Filter) -> None:
        if choice == self._filter:
            return
        self.beginFilterChange()
        self._filter, self._wanted = choice, FILTER_STATUSES[choice]
        self._follow_changes()
        self.endFilterChange()

    def set_search(self, text: str) -> None:
        needle = text.strip().lower()
        if needle == self._needle:
            return
        self.beginFilterChange()
        self._needle = needle
        self._follow_changes()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        state = self._model.state_at(source_row)
        if state.status not in self._wanted:
            return False
        return not self._needle or self._needle in state.search

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._build_keys(column)
        super().sort(column, order)
        self._follow_changes()

    def _follow_changes(self) -> None:
        wanted = self._filter != Filter.ALL or bool(self._needle) or self._key_column >= 0
        if wanted != self.dynamicSortFilter():
            self.setDynamicSortFilter(wanted)

    def lessThan(self, left: _Index, right: _Index) -> bool:
        keys = self._keys
        return bool(keys[left.row()] < keys[right.row()])

    def _build_keys(self, column: int) -> None:
        self._key_column = column
        if column < 0:
            self._keys = []
            return
        model = self._model
        self._keys = [sort_key(model.state_at(i), column) for i in range(model.rowCount())]

    def _rows_changed(self, top: QModelIndex, bottom: QModelIndex, *_: object) -> None:
        column, keys, model = self._key_column, self._keys, self._model
        if column < 0 or len(keys) != model.rowCount():
            return
        for row in range(top.row(), bottom.row() + 1):
            keys[row] = sort_key(model.state_at(row), column)

    def _reset_keys(self) -> None:
        self._build_keys(self._key_column)

    def multiData(self, index: _Index, span: QModelRoleDataSpan) -> None:
        """A cell's roles in one Python call (`ProductTableModel.fill_roles`); the proxy's own
        `data()` would ask the model once per role, each a GIL-taking call from C++."""
        if index.isValid():
            source = self.mapToSource(index)
            self._model.fill_roles(source.row(), source.column(), span)

    def source_state(self, index: QModelIndex) -> RowState:
        return self._model.state_at(self.mapToSource(index).row())
