"""Correcting a value in place: the table's cell editor and the pictures dialog.

Typing starts from the value exactly as the sheet has it (49.999, 00123). Whatever is typed is
passed on as text and checked like a cell of the sheet; nothing is refused while typing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.table_model import Column

_Index = QModelIndex | QPersistentModelIndex


class CellEditor(QStyledItemDelegate):
    """A one-line editor for 商家编码, title, price, stock and location.

    Every cell of the table's model is flagged editable (the flags come from C++, see
    `ProductTableModel`); ``editable`` decides, and a cell that cannot be typed into now gets no
    editor: the view then reports a double-click instead (the 类目 picker, the pictures)."""

    def __init__(self, parent: QWidget, editable: Callable[[_Index], bool]) -> None:
        super().__init__(parent)
        self._editable = editable

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: _Index) -> QWidget | None:
        if not self._editable(index):
            return None
        editor = QLineEdit(parent)
        editor.setFrame(False)
        hints = {
            Column.LOCATION: self.tr("Province and city, e.g. 浙江 杭州"),
            Column.PRICE: self.tr("Price in yuan, at most two decimals"),
            Column.CID: self.tr("Leaf category number"),
            Column.KEY: self.tr("Outer ID (商家编码)"),
        }
        hint = hints.get(Column(index.column()))
        if hint:
            editor.setPlaceholderText(hint)
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class PictureDialog(QDialog):
    """The pictures of one row, one per line, the main picture first."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Pictures of this row"))
        self.resize(560, 320)
        hint = QLabel(self.tr(
            "One picture per line; the first one is the main picture. Write a picture file's "
            "path or a web address. Lines like Sheet1!G5 are pictures inside the sheet."))
        hint.setWordWrap(True)
        self.lines = QPlainTextEdit()
        self.lines.setPlainText("\n".join(part.strip() for part in text.split(";")
                                          if part.strip()))
        add = QPushButton(self.tr("Add picture files…"))
        add.clicked.connect(self._add_files)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.lines, 1)
        layout.addLayout(row)

    def text(self) -> str:
        """The pictures as one text (what is recorded as the edit)."""
        return "; ".join(line.strip() for line in self.lines.toPlainText().splitlines()
                         if line.strip())

    def _add_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Choose pictures"), "",
            self.tr("Pictures (*.jpg *.jpeg *.png *.gif *.webp *.bmp)"))
        if names:
            current = self.lines.toPlainText().rstrip()
            self.lines.setPlainText("\n".join([current, *names]) if current else "\n".join(names))
