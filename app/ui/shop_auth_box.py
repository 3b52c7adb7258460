"""While a shop is being authorised: the address opened in the browser (to copy by hand), and
the fallback — paste the code or the whole address the browser ended on."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QLineEdit, QPushButton, QWidget


class AuthBox(QFrame):
    code_submitted = Signal(str)
    cancel_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("authBox")
        self.setStyleSheet(
            "#authBox { background: #f3f8ff; border: 1px solid #9cc3ff; border-radius: 6px; }"
        )
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.url_edit = QLineEdit()
        self.url_edit.setReadOnly(True)
        self.copy_button = QPushButton(self.tr("Copy address"))
        self.copy_button.clicked.connect(self._copy)
        self.paste_edit = QLineEdit()
        self.paste_edit.setPlaceholderText(self.tr("paste the address or the code here"))
        self.paste_edit.returnPressed.connect(self._submit)
        self.submit_button = QPushButton(self.tr("Submit"))
        self.submit_button.clicked.connect(self._submit)
        self.cancel_button = QPushButton(self.tr("Cancel authorisation"))
        self.cancel_button.clicked.connect(self.cancel_clicked)
        grid = QGridLayout(self)
        grid.addWidget(self.hint, 0, 0, 1, 3)
        grid.addWidget(self.url_edit, 1, 0, 1, 2)
        grid.addWidget(self.copy_button, 1, 2)
        grid.addWidget(self.paste_edit, 2, 0)
        grid.addWidget(self.submit_button, 2, 1)
        grid.addWidget(self.cancel_button, 2, 2)
        self.hide()

    def waiting(self) -> None:
        self.hint.setText(self.tr("Opening the browser…"))
        self.url_edit.clear()
        self.paste_edit.clear()
        self.show()

    @Slot(str, bool)
    def show_url(self, url: str, listening: bool) -> None:
        self.url_edit.setText(url)
        self.url_edit.setCursorPosition(0)
        if listening:
            self.hint.setText(self.tr(
                "Sign in to the shop's account in the browser and agree; TaoShelf goes on by "
                "itself. If the browser did not open, copy the address below into it. If the "
                "browser does not come back to TaoShelf, paste the address it ends on here:"))
        else:
            self.hint.setText(self.tr(
                "Sign in to the shop's account in the browser and agree, then copy the "
                "address the browser ends on (it contains code=…) and paste it here:"))

    @Slot()
    def _submit(self) -> None:
        text = self.paste_edit.text().strip()
        if text:
            self.code_submitted.emit(text)

    @Slot()
    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.url_edit.text())
