"""The banner shown when a run pauses because the shop must be authorised again."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class ReauthBar(QFrame):
    reauthorize_clicked = Signal()
    cancel_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reauthBar")
        self.setStyleSheet(
            "#reauthBar { background: #fff4d6; border: 1px solid #f0b429; border-radius: 6px; }"
        )
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.reauthorize_button = QPushButton(self.tr("Authorise again"))
        self.cancel_button = QPushButton(self.tr("Cancel upload"))
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.reauthorize_button)
        layout.addWidget(self.cancel_button)
        self.reauthorize_button.clicked.connect(self.reauthorize_clicked)
        self.cancel_button.clicked.connect(self.cancel_clicked)
        self.hide()

    def ask(self, message: str) -> None:
        self.label.setText(
            message
            or self.tr(
                "The shop's authorisation has lapsed; the upload is"
                " paused until you authorise it again."
            )
        )
        self.reauthorize_button.setEnabled(True)
        self.show()

    def waiting_for_browser(self) -> None:
        self.label.setText(
            self.tr(
                "Finish the authorisation in your browser; the upload goes on by itself afterwards."
            )
        )
        self.reauthorize_button.setEnabled(False)

    def failed(self, message: str) -> None:
        self.label.setText(message)
        self.reauthorize_button.setEnabled(True)
