"""The price rule editor: markup, an amount added, the ending — with a live example
(成本 100.00 元 → 一口价 …) computed by the rule itself (`app.catalog.pricing.compute_price`)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.catalog.pricing import Ending, PricingRule, compute_price
from app.settings_keys import MAX_MARKUP

EXAMPLE_COST = Decimal(100)


def _money(value: float) -> Decimal:
    return Decimal(f"{value:.2f}")


class PriceRuleBox(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled_box = QCheckBox(self.tr("Work out the price from the cost column (成本价)"))
        self.markup = QDoubleSpinBox()
        self.markup.setRange(0, float(MAX_MARKUP))
        self.markup.setDecimals(2)
        self.markup.setSuffix(" %")
        self.add = QDoubleSpinBox()
        self.add.setRange(0, 100_000)
        self.add.setDecimals(2)
        self.add.setSuffix(self.tr(" yuan"))
        self.ending = QComboBox()
        for ending, text in (
            (Ending.EXACT, self.tr("to the cent")),
            (Ending.ZERO, self.tr("whole yuan (e.g. 130.00)")),
            (Ending.NINETY, self.tr("ending in .90 (e.g. 129.90)")),
            (Ending.NINETY_NINE, self.tr("ending in .99 (e.g. 129.99)")),
        ):
            self.ending.addItem(text, ending.value)
        self.override = QCheckBox(self.tr("Also replace prices the sheet already has"))
        self.example = QLabel()
        self.example.setObjectName("priceExample")
        self.example.setStyleSheet("#priceExample { font-weight: bold; color: #1f6feb; }")
        note = QLabel(self.tr("Rows with a cost and no price get this price; the table marks "
                              "computed prices. Endings round up, so the margin is never cut."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Markup"), self.markup)
        form.addRow(self.tr("Then add"), self.add)
        form.addRow(self.tr("Price ends"), self.ending)
        form.addRow("", self.override)
        layout = QVBoxLayout(self)
        layout.addWidget(self.enabled_box)
        layout.addLayout(form)
        layout.addWidget(self.example)
        layout.addWidget(note)
        layout.addStretch(1)
        for signal in (self.markup.valueChanged, self.add.valueChanged,
                       self.ending.currentIndexChanged, self.enabled_box.toggled):
            signal.connect(self.update_example)

    def set_rule(self, rule: PricingRule | None) -> None:
        shown = rule or PricingRule()
        self.enabled_box.setChecked(rule is not None)
        self.markup.setValue(float(shown.markup_percent))
        self.add.setValue(float(shown.add))
        self.ending.setCurrentIndex(max(0, self.ending.findData(shown.ending.value)))
        self.override.setChecked(shown.override)
        self.update_example()

    def rule(self) -> PricingRule | None:
        if not self.enabled_box.isChecked():
            return None
        return PricingRule(
            markup_percent=_money(self.markup.value()),
            add=_money(self.add.value()),
            ending=Ending(self.ending.currentData()),
            override=self.override.isChecked(),
        )

    @Slot()
    def update_example(self, *_: object) -> None:
        on = self.enabled_box.isChecked()
        for widget in (self.markup, self.add, self.ending, self.override):
            widget.setEnabled(on)
        rule = self.rule()
        if rule is None:
            self.example.setText(self.tr("Off: prices come only from the sheet."))
            return
        price = compute_price(EXAMPLE_COST, rule)
        self.example.setText(
            self.tr("Example: cost %1 yuan → price %2 yuan")
            .replace("%1", f"{EXAMPLE_COST:.2f}")
            .replace("%2", f"{price:.2f}")
        )
