"""The SKUs of the selected product in the detail pane: one line each (its sale values, price,
stock, 商家编码, colour picture) and 修改… for a SKU written on its own sheet row. A variant's
price and stock come from its SKUs, so they are corrected per SKU: the dialog records
``sku.value:<header>``, ``sku.price`` and ``sku.num`` on the SKU's own row (`app.review_edits`),
checked again like cells."""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.catalog.category_rules import CategoryRules
from app.catalog.compose import LeafIndex
from app.catalog.model import Product, Sku
from app.review_apply_fields import sku_text
from app.review_edits import SKU_NUM, SKU_PRICE, SKU_VALUE
from app.ui.property_editor import ValueCombo

translate = QCoreApplication.translate  # lupdate reads translate("SkuLines", "…")


def sku_line(sku: Sku) -> str:
    """颜色 白色 · 尺码 M · ¥59.00 · 库存 10 · 编码 TS-1 · 颜色图."""
    parts = [f"{h} {v}" for h, v in sku.values.items()] or [sku.properties or "—"]
    price = sku_text(sku, SKU_PRICE)
    parts.append(f"¥{price}" if price else "¥?")
    stock = "?" if sku.quantity is None else str(sku.quantity)
    parts.append(translate("SkuLines", "stock %1").replace("%1", stock))
    if sku.outer_id:
        parts.append(translate("SkuLines", "code %1").replace("%1", sku.outer_id))
    if sku.image is not None:
        parts.append(translate("SkuLines", "colour picture"))
    return " · ".join(parts)


class SkuDialog(QDialog):
    """One SKU's sale values, price and stock."""

    def __init__(self, sku: Sku, rules: CategoryRules | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("SKU on row %1").replace("%1", str(sku.row)))
        self.sku = sku
        self.fields: dict[str, QLineEdit | QComboBox] = {}
        form = QFormLayout()
        index = LeafIndex(rules) if rules is not None else None
        for header, value in sku.values.items():
            prop = index.sku_prop(header) if index is not None else None
            combo = ValueCombo()
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.addItems([v.name for v in prop.values] if prop is not None else [])
            combo.setEditText(value)
            self.fields[SKU_VALUE + header] = combo
            form.addRow(header, combo)
        self.fields[SKU_PRICE] = QLineEdit(sku_text(sku, SKU_PRICE))
        form.addRow(self.tr("Price"), self.fields[SKU_PRICE])
        self.fields[SKU_NUM] = QLineEdit(sku_text(sku, SKU_NUM))
        form.addRow(self.tr("Stock"), self.fields[SKU_NUM])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def changes(self) -> dict[str, str]:
        """The fields whose text differs from the SKU's (what to record)."""
        out = {}
        for name, widget in self.fields.items():
            text = (widget.text() if isinstance(widget, QLineEdit) else widget.currentText())
            if text.strip() != sku_text(self.sku, name).strip():
                out[name] = text.strip()
        return out


class SkuLines(QWidget):
    """``record(row, field, text)`` is called for each change (it must outlive this widget:
    the pane is rebuilt while a dialog may be open)."""

    def __init__(self, product: Product, rules: CategoryRules | None,
                 record: Callable[[int, str, str], object], *,
                 edited_rows: Collection[int] = (), editable: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rules = rules
        self._record_edit = record
        self.dialog: SkuDialog | None = None
        self.buttons: dict[int, QPushButton] = {}  # by the SKU's sheet row
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        own_rows = any(s.row is not None for s in product.skus)
        hint = QLabel(self.tr("The item's price and stock come from its SKUs: correct them per "
                              "SKU.") if own_rows else
                      self.tr("These SKUs are written as lists in one row: correct them in the "
                              "sheet."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #52606d;")
        layout.addWidget(hint)
        for sku in product.skus:
            text = sku_line(sku)
            if sku.row is not None:
                text = self.tr("Row %1: %2").replace("%1", str(sku.row)).replace("%2", text)
            label = QLabel(text)
            label.setWordWrap(True)
            if sku.image is not None:
                label.setToolTip(self.tr("Colour picture: %1").replace("%1", sku.image.location))
            if sku.row in edited_rows:
                label.setStyleSheet("color: #1f5fbf; font-style: italic;")
            line = QHBoxLayout()
            line.addWidget(label, 1)
            if sku.row is not None:
                change = QPushButton(self.tr("Change…"))
                change.setEnabled(editable)
                change.clicked.connect(lambda _=False, s=sku: self.open_dialog(s))
                self.buttons[sku.row] = change
                line.addWidget(change)
            layout.addLayout(line)

    def open_dialog(self, sku: Sku) -> SkuDialog:
        dialog = SkuDialog(sku, self._rules, self.window())
        record = self._record_edit

        def accepted() -> None:
            if dialog.sku.row is not None:
                for name, text in dialog.changes().items():
                    record(dialog.sku.row, name, text)

        dialog.accepted.connect(accepted)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog
