"""The window with no sheet: a large drop zone, 打开表格, 下载模板 and the recent sheets."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.recent_files import RecentSheet

PathRole = Qt.ItemDataRole.UserRole + 1


class StartPage(QWidget):
    open_clicked = Signal()
    template_clicked = Signal()
    recent_chosen = Signal(str)  # the sheet's path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.drop_zone = QLabel(
            self.tr("Drag your product sheet (.xlsx / .csv) here")
            + "\n\n"
            + self.tr("Pictures pasted into the cells are read too.")
        )
        self.drop_zone.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_zone.setObjectName("dropZone")
        self.drop_zone.setMinimumHeight(220)
        self.drop_zone.setStyleSheet(
            "#dropZone { border: 2px dashed #9aa5b1; border-radius: 12px; color: #52606d;"
            " font-size: 18px; padding: 32px; }"
        )
        self.open_button = QPushButton(self.tr("Open sheet…"))
        self.open_button.setObjectName("openSheet")
        self.open_button.setStyleSheet("#openSheet { padding: 8px 24px; font-weight: bold; }")
        self.template_button = QPushButton(self.tr("Download template…"))
        self.template_button.setStyleSheet("padding: 8px 24px;")
        self.open_button.clicked.connect(self.open_clicked)
        self.template_button.clicked.connect(self.template_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.template_button)
        buttons.addStretch(1)

        self.recent_title = QLabel(self.tr("Recent sheets"))
        self.recent_title.setStyleSheet("font-weight: bold;")
        self.recent = QListWidget()
        self.recent.setMaximumHeight(170)
        self.recent.itemActivated.connect(self._chosen)
        self.recent.itemClicked.connect(self._chosen)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.addWidget(self.drop_zone, 1)
        layout.addLayout(buttons)
        layout.addSpacing(12)
        layout.addWidget(self.recent_title)
        layout.addWidget(self.recent)
        self.set_recent([])

    def set_recent(self, sheets: list[RecentSheet]) -> None:
        self.recent.clear()
        for sheet in sheets:
            text = f"{sheet.name}    {sheet.path}"
            if not sheet.exists():
                text += "    " + self.tr("(file not found)")
            item = QListWidgetItem(text)
            item.setData(PathRole, sheet.path)
            item.setToolTip(sheet.path)
            if not sheet.exists():
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.recent.addItem(item)
        self.recent_title.setVisible(bool(sheets))
        self.recent.setVisible(bool(sheets))

    @Slot(QListWidgetItem)
    def _chosen(self, item: QListWidgetItem) -> None:
        self.recent_chosen.emit(item.data(PathRole))
