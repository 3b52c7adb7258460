"""Row heights of the products table: rows with a picture are as tall as the thumbnail, the
others as tall as their text (no 64-px rows without pictures). Heights are set per view row, so
they follow the proxy's sorting and filtering.

New rows come in at the header's default size, which is the height most rows of the sheet want
(set at each reset): only the other rows are resized one by one. A sheet of 10,000 rows that all
have pictures costs no resize at all (10,000 `resizeSection` calls held the GUI thread ~30 ms).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QHeaderView, QTableView

from app.ui.row_filter import RowFilter
from app.ui.table_model import ProductTableModel


class RowHeights:
    def __init__(self, table: QTableView, proxy: RowFilter, model: ProductTableModel) -> None:
        self._table, self._proxy, self._model = table, proxy, model
        vertical = table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.text_height = table.fontMetrics().height() + 10
        self.picture_height = ProductTableModel.THUMB_SIZE + 8
        vertical.setDefaultSectionSize(self.text_height)
        # rows come in at the default height; the others are set (a sort moves them along)
        proxy.rowsInserted.connect(lambda _p, first, last: self.fit_rows(first, last))
        proxy.modelReset.connect(self._reset)

    def _reset(self) -> None:
        """A new sheet: the default height is the one most of its rows want."""
        wants = [state.has_picture for state in self._model.rows()]
        tall = sum(wants) * 2 > len(wants)
        self._table.verticalHeader().setDefaultSectionSize(
            self.picture_height if tall else self.text_height)
        self.fit_rows(0, self._proxy.rowCount() - 1, wants)

    def fit_rows(self, first: int, last: int, wants: list[bool] | None = None) -> None:
        """View rows ``first``..``last`` (new ones are at the default height already).
        ``wants``: has_picture by model row, when the caller has it."""
        header, proxy, model = self._table.verticalHeader(), self._proxy, self._model
        tall_default = header.defaultSectionSize() == self.picture_height
        other = self.text_height if tall_default else self.picture_height
        same = proxy.rowCount() == model.rowCount() and proxy.sortColumn() < 0  # no mapping
        for row in range(max(first, 0), last + 1):
            source = row if same else proxy.mapToSource(proxy.index(row, 0)).row()
            wanted = wants[source] if wants is not None else model.state_at(source).has_picture
            if wanted != tall_default:
                header.resizeSection(row, other)

    def fit_sheet_rows(self, sheet_rows: Iterable[int]) -> None:
        """Rows whose pictures were changed by a correction."""
        header, proxy, model = self._table.verticalHeader(), self._proxy, self._model
        for sheet_row in sheet_rows:
            position = model.position_of(sheet_row)
            if position is None:
                continue
            row = proxy.mapFromSource(model.index(position, 0)).row()
            if row >= 0:
                tall = model.state_at(position).has_picture
                header.resizeSection(row, self.picture_height if tall else self.text_height)
