"""The detail pane's section on a row's item on the shop: the changes Taobao does not have yet
(what 同步修改 sends, and why the others cannot be sent), what the last run sent, or that an
undo took the item back — with 上架记录 one click away to put it back on sale.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.ui.row_state import ON_SHOP, RowState, Status
from app.upload.journal_runs import Shelf

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


def listing_section(state: RowState, open_history: Callable[[int | None], object]
                    ) -> list[QWidget]:
    """The widgets to show (none for a row without an item)."""
    if state.status not in ON_SHOP or state.num_iid is None:
        return []
    if state.status is Status.UNDONE:
        return _taken_back(state, open_history)
    details = state.listed_details()
    if not details:
        return []
    return [pane_header(translate("DetailPane", "The item on Taobao")),
            *(pane_label(line) for line in details)]


def _taken_back(state: RowState, open_history: Callable[[int | None], object]
                ) -> list[QWidget]:
    run = state.shelf_run
    item = str(state.num_iid)
    if state.shelf in (Shelf.DELETED, Shelf.DELETE_SENT):
        text = translate(
            "DetailPane", "Item ID %1 was deleted when upload no. %2 was taken back. Uploads "
            "leave this row alone; to publish it as a new item, give the row a new outer ID.")
    else:
        text = translate(
            "DetailPane", "Item ID %1 was taken off sale when upload no. %2 was taken back: "
            "it is in the warehouse. Uploads leave this row alone; to put it back on sale, "
            "use Put back on sale in Upload history.")
    text = text.replace("%1", item).replace("%2", str(run) if run else "?")
    button = QPushButton(translate("DetailPane", "Upload history…"))
    button.setObjectName("openHistory")
    button.clicked.connect(lambda: open_history(run))
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(pane_label(text), 1)
    layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
    return [pane_header(translate("DetailPane", "Taken back")), box]


def pane_label(text: str, *, small: bool = False, selectable: bool = False) -> QLabel:
    """A line of the detail pane: plain text, wrapped; ``small`` greyed, ``selectable``."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if small:
        label.setStyleSheet("color: #52606d;")
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def pane_header(text: str) -> QLabel:
    """A section heading of the detail pane: bold, a little space above."""
    label = pane_label(text)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    label.setContentsMargins(0, 8, 0, 0)
    return label
