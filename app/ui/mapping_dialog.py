"""列对应: the user says which field each column of their sheet holds.

The choice is remembered for every sheet with the same headers (`SheetData.remember_mapping`);
the window then reads the sheet again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.excel.fields import FIELDS, IGNORE, MULTI_COLUMN
from app.excel.reader import SheetData

if TYPE_CHECKING:
    from app.review import Review


class ColumnMappingDialog(QDialog):
    def __init__(self, sheet: SheetData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Match columns"))
        self.resize(640, 560)
        intro = QLabel(
            self.tr(
                "Tell TaoShelf what each column of your sheet holds. Your choice is"
                " remembered for sheets with the same headers."
            )
        )
        intro.setWordWrap(True)

        form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}  # column letter -> its choice
        self.notes: dict[str, QLabel] = {}  # column letter -> what happens to it
        for letter, header in sheet.headers.items():
            combo = QComboBox()
            combo.addItem(self.tr("Do not import"), IGNORE)
            for spec in FIELDS:  # the names a shop owner knows, never the API's
                combo.addItem(spec.label, spec.name)
            current = sheet.mapping.get(letter, IGNORE)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.currentIndexChanged.connect(self._check)
            note = QLabel()
            note.setStyleSheet("color: #7b8794;")
            note.setMinimumWidth(170)  # every combo as wide, with or without a note
            row = QHBoxLayout()
            row.addWidget(combo, 1)
            row.addWidget(note)
            label = f"{letter} 「{header}」"
            if letter not in sheet.mapping:
                label += " " + self.tr("(not recognised)")
            form.addRow(label, row)
            self.combos[letter] = combo
            self.notes[letter] = note
        body = QWidget()
        body.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        self.problem = QLabel()
        self.problem.setStyleSheet("color: #c0392b;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._check()

    def chosen(self) -> dict[str, str]:
        """Column letter -> field name (or ``ignore``)."""
        return {letter: combo.currentData() for letter, combo in self.combos.items()}

    @Slot()
    def _check(self) -> None:
        """A field other than pictures may take one column only; a column not imported says
        so."""
        for letter, combo in self.combos.items():
            self.notes[letter].setText(
                self.tr("not imported: kept as it is, not uploaded")
                if combo.currentData() == IGNORE
                else ""
            )
        seen: dict[str, str] = {}
        clash = ""
        for letter, field in self.chosen().items():
            if field == IGNORE or field in MULTI_COLUMN:
                continue
            if field in seen:
                clash = (
                    self.tr("Columns %1 and %2 both hold the same field; choose one.")
                    .replace("%1", seen[field])
                    .replace("%2", letter)
                )
                break
            seen[field] = letter
        self.problem.setText(clash)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not clash)


CORE_FIELDS = frozenset({"outer_id", "title", "price", "num", "cid"})


def ask_at_once(review: Review) -> bool:
    """Open 列对应 at once? When columns are not recognised — but not for columns that may be
    the categories' properties (品牌, 材质成分) while there is no category data to tell, unless a
    core field has no column (one of them is likely misnamed)."""
    sheet = review.sheet
    if not sheet.unknown_headers:
        return False
    return not review.resolution.unchecked or not set(sheet.mapping.values()) >= CORE_FIELDS
