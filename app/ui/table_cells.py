"""The product table's columns and what each cell shows: the value exactly as the sheet has it
(49.999, 00123), the status line, the tooltip (the whole status, and what an edited cell was)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap

from app.review_apply import value_text
from app.ui.row_state import STATUS_INK, RowState, Status, price_text


class Column(IntEnum):
    """In the order shown: 状态 right after 标题, so what happened to a row is in view on a
    1366-px screen beside the detail pane (`table_layout.ColumnFit`)."""

    ROW = 0
    PICTURE = 1
    KEY = 2
    TITLE = 3
    STATUS = 4
    PRICE = 5
    NUM = 6
    CID = 7
    LOCATION = 8


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
# typed into the cell; the 类目 cell opens the category picker instead (double-click)
TYPED = frozenset({Column.KEY, Column.TITLE, Column.PRICE, Column.NUM, Column.LOCATION})


def header_text(column: Column) -> str:
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


def display(state: RowState, column: Column,
            categories: Mapping[int, tuple[str, str]] | None = None) -> str | None:
    """What a cell shows; the 类目 cell shows the category's name when ``categories`` (leaf →
    (name, path)) knows it, else what the sheet says."""
    product = state.product
    if column is Column.CID:
        known = categories.get(product.cid) if categories and product.cid else None
        if known is not None:
            return known[0]
        return product.category_text or value_text(product, "cid")
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
    return edit_text(state, column)


def edit_text(state: RowState, column: Column) -> str | None:
    """The value exactly as the sheet has it (49.999, 00123): what an editor starts from."""
    product = state.product
    if column is Column.LOCATION:
        return " ".join(x for x in (product.location_state, product.location_city) if x)
    fields = COLUMN_FIELDS.get(column)
    if fields is None:
        return None
    return value_text(product, fields[0])


def edited(state: RowState, column: Column) -> bool:
    return bool(state.edits) and any(f in state.edits for f in COLUMN_FIELDS.get(column, ()))


def tooltip(state: RowState, column: Column,
            categories: Mapping[int, tuple[str, str]] | None = None) -> str | None:
    text = state.tooltip()
    cid = state.product.cid
    if column is Column.CID and cid:
        known = categories.get(cid) if categories else None
        where = QCoreApplication.translate("ProductTableModel", "Category ID %1").replace(
            "%1", str(cid)) + (f" · {known[1]}" if known else "")
        text = where + ("\n" + text if text else "")
    if edited(state, column):
        was = "；".join(f"{e.label}「{e.old}」" for f, e in state.edits.items()
                       if f in COLUMN_FIELDS[column])
        note = QCoreApplication.translate("ProductTableModel", "Edited here; the sheet has %1")
        text = note.replace("%1", was) + ("\n" + text if text else "")
    return text or None


_DOTS: dict[Status, QPixmap] = {}


def status_dot(status: Status) -> QPixmap:
    """A small disc in the status's colour before its text: the row's state at a glance."""
    dot = _DOTS.get(status)
    if dot is None:
        dot = QPixmap(10, 10)
        dot.fill(QColor(0, 0, 0, 0))
        painter = QPainter(dot)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(STATUS_INK[status])
        painter.drawEllipse(1, 1, 8, 8)
        painter.end()
        _DOTS[status] = dot
    return dot
