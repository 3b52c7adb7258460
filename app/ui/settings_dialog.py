"""设置 → 上架设置: the current shop's listing settings (`app.settings_store`, the same file
``taoshelf upload`` and ``taoshelf settings`` use): listing defaults, freight, the price rule,
picture auto-fix, how fast runs go in the shop's environment, and the publisher (发布方式:
自动 / taobao.item.add / 新版发布接口, with what 自动 found out). Saving checks every value
(`app.settings_keys.check_settings`) and says in Chinese what is wrong; nothing is lost."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import settings_store
from app.catalog.settings import ListingDefaults
from app.settings_keys import MAX_WORKERS
from app.settings_store import RunSettings, ShopSettings
from app.ui.price_rule_box import PriceRuleBox
from app.ui.shop_context import CurrentShop
from app.ui.shop_text import env_name


def _combo(items: list[tuple[str, str]]) -> QComboBox:
    box = QComboBox()
    for value, text in items:
        box.addItem(text, value)
    return box


def _choose(box: QComboBox, value: str) -> None:
    box.setCurrentIndex(max(0, box.findData(value)))


class ListingSettingsDialog(QDialog):
    saved = Signal()

    def __init__(self, shop: CurrentShop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shop = shop
        self.setWindowTitle(self.tr("Listing settings"))
        where = QLabel(
            self.tr("Settings of shop %1 (speed: %2)")
            .replace("%1", shop.title).replace("%2", env_name(shop.env))
        )
        where.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._listing_tab(), self.tr("Product defaults"))
        self.price = PriceRuleBox()
        self.tabs.addTab(self.price, self.tr("Price"))
        self.tabs.addTab(self._pictures_tab(), self.tr("Pictures"))
        self.tabs.addTab(self._speed_tab(), self.tr("Upload speed"))
        self.tabs.addTab(self._publisher_tab(), self.tr("Publishing"))
        self.error = QLabel()
        self.error.setObjectName("settingsError")
        self.error.setStyleSheet("#settingsError { color: #c0392b; }")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.show_settings(settings_store.load(shop.app_key, shop.env))
        self.resize(640, 520)

    # -- tabs ----------------------------------------------------------------------------------
    def _listing_tab(self) -> QWidget:
        self.state_edit = QLineEdit()
        self.state_edit.setPlaceholderText(self.tr("province, e.g. 浙江"))
        self.city_edit = QLineEdit()
        self.city_edit.setPlaceholderText(self.tr("city, e.g. 杭州"))
        place = QHBoxLayout()
        place.addWidget(self.state_edit)
        place.addWidget(self.city_edit)
        self.stuff = _combo([("new", self.tr("New")), ("second", self.tr("Second-hand"))])
        self.item_type = _combo([("fixed", self.tr("Fixed price")),
                                 ("auction", self.tr("Auction"))])
        self.approve = _combo([("onsale", self.tr("On sale at once")),
                               ("instock", self.tr("In the warehouse (not on sale yet)"))])
        self.freight = _combo([("", self.tr("Not set (sheet or Taobao's default)")),
                               ("seller", self.tr("Seller pays")),
                               ("buyer", self.tr("Buyer pays"))])
        self.postage_edit = QLineEdit()
        self.postage_edit.setPlaceholderText(self.tr("freight template ID (digits), optional"))
        self.fee_edit = QLineEdit()
        self.fee_edit.setPlaceholderText(self.tr("yuan, e.g. 8.00, optional"))
        self.desc_edit = QPlainTextEdit()
        self.desc_edit.setPlaceholderText(self.tr("used when a row has no description"))
        self.desc_edit.setFixedHeight(70)
        note = QLabel(self.tr("Used for rows that leave the field empty; what the sheet says "
                              "always wins. Freight is used only for rows without any freight "
                              "column filled in."))
        note.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(note)
        form = QFormLayout()
        layout.addLayout(form)
        layout.addStretch(1)
        form.addRow(self.tr("Location"), place)
        form.addRow(self.tr("Condition"), self.stuff)
        form.addRow(self.tr("Sale type"), self.item_type)
        form.addRow(self.tr("After listing"), self.approve)
        form.addRow(self.tr("Freight paid by"), self.freight)
        form.addRow(self.tr("Freight template"), self.postage_edit)
        form.addRow(self.tr("Express fee"), self.fee_edit)
        form.addRow(self.tr("Description"), self.desc_edit)
        return page

    def _pictures_tab(self) -> QWidget:
        self.auto_fix = QCheckBox(self.tr("Fix pictures automatically"))
        self.pad_square = QCheckBox(self.tr("Pad pictures to a white square"))
        note = QLabel(self.tr(
            "Automatic fixing turns pictures upright, converts them to JPG and shrinks them "
            "under 3 MB; your files are never changed. Off, every such problem stops the row."))
        note.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        for widget in (self.auto_fix, self.pad_square, note):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.auto_fix.toggled.connect(self.pad_square.setEnabled)
        return page

    def _speed_tab(self) -> QWidget:
        self.default_rate = QCheckBox(self.tr("Default for this environment"))
        self.rate = QDoubleSpinBox()
        self.rate.setRange(0.1, 100)
        self.rate.setDecimals(1)
        self.rate.setSuffix(self.tr(" calls per second"))
        self.default_rate.toggled.connect(lambda on: self.rate.setEnabled(not on))
        self.workers = QSpinBox()
        self.workers.setRange(1, MAX_WORKERS)
        self.wait_for_quota = QCheckBox(
            self.tr("When the daily quota runs out, wait for it to come back and go on"))
        note = QLabel(self.tr(
            "Taobao limits how many calls an app may make; going faster than the limit gets the "
            "app paused. These apply to %1.").replace("%1", env_name(self.shop.env)))
        note.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(note)
        form = QFormLayout()
        layout.addLayout(form)
        layout.addStretch(1)
        form.addRow(self.tr("Calls per second"), self.rate)
        form.addRow("", self.default_rate)
        form.addRow(self.tr("Products at the same time"), self.workers)
        form.addRow("", self.wait_for_quota)
        return page

    def _publisher_tab(self) -> QWidget:
        self.publisher = _combo([
            ("auto", self.tr("Automatic")),
            ("item.add", self.tr("taobao.item.add")),
            ("schema", self.tr("New publishing API (alibaba.item.publish)"))])
        self.learned = QLabel()
        self.learned.setObjectName("publisherLearned")
        self.learned.setWordWrap(True)
        note = QLabel(self.tr(
            "Automatic uses taobao.item.add while this app has it; the first time Taobao says "
            "the app has no permission for it (or that it is gone), the products go through "
            "the new publishing API instead, and from then on too. Choosing again makes "
            "Automatic try taobao.item.add once more."))
        note.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        form = QFormLayout()
        form.addRow(self.tr("Publish through"), self.publisher)
        layout.addLayout(form)
        layout.addWidget(self.learned)
        layout.addWidget(note)
        layout.addStretch(1)
        return page

    # -- values --------------------------------------------------------------------------------
    def show_settings(self, s: ShopSettings) -> None:
        d = s.listing
        self.state_edit.setText(d.location_state)
        self.city_edit.setText(d.location_city)
        _choose(self.stuff, d.stuff_status)
        _choose(self.item_type, d.type)
        _choose(self.approve, d.approve_status)
        _choose(self.freight, d.freight_payer)
        self.postage_edit.setText(d.postage_id)
        self.fee_edit.setText(d.express_fee)
        self.desc_edit.setPlainText(d.desc)
        self.price.set_rule(s.pricing)
        self.auto_fix.setChecked(s.auto_fix)
        self.pad_square.setChecked(s.pad_to_square)
        self.pad_square.setEnabled(s.auto_fix)
        self.default_rate.setChecked(s.run.rate is None)
        self.rate.setValue(s.rate_for(self.shop.env))
        self.rate.setEnabled(s.run.rate is not None)
        self.workers.setValue(s.run.workers)
        self.wait_for_quota.setChecked(s.run.wait_for_quota)
        _choose(self.publisher, s.publisher)
        self.learned.setText(self.tr(
            "This app has no taobao.item.add permission in %1: Automatic publishes through the "
            "new publishing API (alibaba.item.publish).").replace("%1", env_name(self.shop.env))
            if s.run.switched_at else "")
        self.learned.setVisible(bool(s.run.switched_at))

    def settings(self) -> ShopSettings:
        listing = ListingDefaults(
            location_state=self.state_edit.text().strip(),
            location_city=self.city_edit.text().strip(),
            stuff_status=self.stuff.currentData(), type=self.item_type.currentData(),
            approve_status=self.approve.currentData(), desc=self.desc_edit.toPlainText().strip(),
            freight_payer=self.freight.currentData(), postage_id=self.postage_edit.text().strip(),
            express_fee=self.fee_edit.text().strip().removesuffix("元"),
        )
        run = RunSettings(
            rate=None if self.default_rate.isChecked() else round(self.rate.value(), 1),
            workers=self.workers.value(), wait_for_quota=self.wait_for_quota.isChecked())
        return replace(ShopSettings(), listing=listing, pricing=self.price.rule(),
                       auto_fix=self.auto_fix.isChecked(),
                       pad_to_square=self.pad_square.isChecked(), run=run,
                       publisher=self.publisher.currentData())

    @Slot()
    def save(self) -> bool:
        try:
            settings_store.save(self.shop.app_key, self.shop.env, self.settings())
        except (ValueError, OSError) as exc:
            self.error.setText(str(exc) if isinstance(exc, ValueError) else self.tr(
                "Could not save the settings: %1").replace("%1", exc.strerror or str(exc)))
            return False
        self.saved.emit()
        self.accept()
        return True
