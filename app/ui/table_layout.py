"""The products table's look: how the view behaves, and the widths of its columns.

状态 is what a shop owner looks at first (listed with its 宝贝ID, refused with why, what is
wrong), so it sits right after 标题 and is never scrolled off: the narrow columns (行号,
主图, 商家编码, 价格, 库存, 类目, 所在地) are fitted to their text, and 标题 and 状态 share what
is left of the viewport (状态 a little more), again whenever the view is resized. A column
the user drags keeps its width: after 标题 is dragged, 状态 alone takes the rest; after 状态
is dragged, nothing is fitted any more. Both elide; the whole text is in the tooltip and the
detail pane.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from app.ui.table_model import Column, ProductTableModel

TITLE_SHARE = 0.42  # of the room 标题 and 状态 share
TITLE_MIN, TITLE_MAX = 120, 460
STATUS_MIN = 170
# the widest text each narrow column usually holds (sized with the table's own font)
_SAMPLES = {
    Column.ROW: "0000",
    Column.KEY: "LX-T001-XL-01",
    Column.PRICE: "1234.99",
    Column.NUM: "9999",
    Column.CID: "50000000",
    Column.LOCATION: "浙江 杭州",
}
PAD = 14  # the cell's margins
FIT = tuple(_SAMPLES)


def setup_view(table: QTableView) -> None:
    """Selection, editing, sorting, eliding and the thumbnail size of the products table."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                          | QAbstractItemView.EditTrigger.EditKeyPressed)
    table.setSortingEnabled(True)
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # sheet order until a click
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    side = ProductTableModel.THUMB_SIZE
    table.setIconSize(QSize(side, side))
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    header.setSortIndicatorShown(True)
    header.setTextElideMode(Qt.TextElideMode.ElideRight)


class ColumnFit(QObject):
    """Fits the columns of ``table`` (see the module's note); installed on its viewport."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self._table = table
        self._fitting = False
        self.title_dragged = False
        self.status_dragged = False
        header = table.horizontalHeader()
        metrics = table.fontMetrics()
        header_metrics = header.fontMetrics()
        self._fitting = True
        for column, sample in _SAMPLES.items():
            name = str(table.model().headerData(column, Qt.Orientation.Horizontal) or "")
            wanted = max(metrics.horizontalAdvance(sample), header_metrics.horizontalAdvance(name))
            table.setColumnWidth(column, wanted + PAD)
        table.setColumnWidth(Column.PICTURE, ProductTableModel.THUMB_SIZE + 10)
        table.setColumnWidth(Column.TITLE, TITLE_MIN)
        table.setColumnWidth(Column.STATUS, STATUS_MIN)
        self._fitting = False
        header.sectionResized.connect(self._resized)
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        """标题 and 状态 share the viewport's room left by the other columns."""
        if self.status_dragged:
            return
        table, header = self._table, self._table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in Column
                     if c not in (Column.TITLE, Column.STATUS) and not header.isSectionHidden(c))
        room = table.viewport().width() - others
        title = header.sectionSize(Column.TITLE)
        if not self.title_dragged:
            title = max(TITLE_MIN, min(TITLE_MAX, round(room * TITLE_SHARE)))
        status = max(STATUS_MIN, room - title)
        self._fitting = True
        try:
            if not self.title_dragged:
                header.resizeSection(Column.TITLE, title)
            header.resizeSection(Column.STATUS, status)
        finally:
            self._fitting = False

    def _resized(self, column: int, _old: int, _new: int) -> None:
        if self._fitting:
            return
        if column == Column.TITLE:
            self.title_dragged = True
        elif column == Column.STATUS:
            self.status_dragged = True
        if not self.status_dragged:
            self.fit()  # another column changed: 状态 takes up the difference
