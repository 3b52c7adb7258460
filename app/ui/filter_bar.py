"""The bar above the table: 全部 / 可上架 / 有错误 / 有提醒 / 失败 / 已上架 with live counts, the
search box (title or 商家编码), 重新读取, 写回表格, and a line for notices with one button."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.row_state import FILTER_STATUSES, Filter, Status


class FilterBar(QWidget):
    filter_chosen = Signal(int)  # Filter
    search_changed = Signal(str)  # after a short pause in typing

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[Filter, QPushButton] = {}
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        for choice in Filter:
            button = QPushButton()
            button.setCheckable(True)
            button.setObjectName(f"filter_{choice.name.lower()}")
            self.group.addButton(button, int(choice))
            self.buttons[choice] = button
            row.addWidget(button)
        self.buttons[Filter.ALL].setChecked(True)
        self.group.idClicked.connect(self.filter_chosen)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search title or outer ID (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(180)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(150)
        self._typing.timeout.connect(lambda: self.search_changed.emit(self.search.text()))
        self.search.textChanged.connect(lambda _text: self._typing.start())
        self.reload_button = QPushButton(self.tr("Read again"))
        self.reload_button.setToolTip(self.tr("Read the sheet file again (after changing it in "
                                              "Excel or WPS); your corrections here stay."))
        self.write_back_button = QPushButton(self.tr("Save a corrected copy…"))
        self.write_back_button.setToolTip(self.tr(
            "Save a copy of the sheet with your corrections; your own file is not changed."))
        self.retry_failed_button = QPushButton(self.tr("Retry all failed"))
        row.addSpacing(8)
        row.addWidget(self.search, 1)
        row.addWidget(self.retry_failed_button)
        row.addWidget(self.reload_button)
        row.addWidget(self.write_back_button)

        self.notice = QFrame()
        self.notice.setObjectName("notice")
        self.notice.setStyleSheet("#notice { background: #fff4d6; border-radius: 4px; }")
        self.notice_text = QLabel()
        self.notice_text.setWordWrap(True)
        self.notice_text.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_button = QPushButton()
        close = QPushButton("✕")
        close.setFlat(True)
        close.setFixedWidth(28)
        close.setToolTip(self.tr("Close"))
        close.clicked.connect(self.hide_notice)
        notice_row = QHBoxLayout(self.notice)
        notice_row.setContentsMargins(8, 4, 4, 4)
        notice_row.addWidget(self.notice_text, 1)
        notice_row.addWidget(self.notice_button)
        notice_row.addWidget(close)
        self.notice.hide()
        self._notice_action: object = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.notice)
        self.notice_button.clicked.connect(self._notice_clicked)
        self.show_counts(Counter())

    def show_counts(self, counts: Counter[Status]) -> None:
        names = {
            Filter.ALL: self.tr("All %1"),
            Filter.READY: self.tr("Ready %1"),
            Filter.ERROR: self.tr("Errors %1"),
            Filter.WARNING: self.tr("Warnings %1"),
            Filter.FAILED: self.tr("Failed %1"),
            Filter.LISTED: self.tr("Listed %1"),
        }
        for choice, button in self.buttons.items():
            n = sum(counts[s] for s in FILTER_STATUSES[choice])
            button.setText(names[choice].replace("%1", str(n)))
        self.retry_failed_button.setVisible(counts[Status.FAILED] > 0)

    def count_of(self, choice: Filter) -> int:
        """The number a filter button shows."""
        return int(self.buttons[choice].text().rsplit(" ", 1)[-1])

    def choose(self, choice: Filter) -> None:
        self.buttons[choice].setChecked(True)
        self.filter_chosen.emit(int(choice))

    def show_notice(self, text: str, button: str = "", action: object = None) -> None:
        """A notice above the table; ``button`` (if any) calls ``action``."""
        self.notice_text.setText(text)
        self.notice_button.setText(button)
        self.notice_button.setVisible(bool(button))
        self._notice_action = action
        self.notice.show()

    def hide_notice(self) -> None:
        self.notice.hide()
        self._notice_action = None

    def _notice_clicked(self) -> None:
        action = self._notice_action
        self.hide_notice()
        if callable(action):
            action()
