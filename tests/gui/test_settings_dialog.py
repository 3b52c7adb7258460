"""设置 → 上架设置: the price rule's live example, saving to the shop's settings (which the open
sheet is read again with), per-environment speed, and Chinese errors that keep the dialog open."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app import settings_store
from app.catalog.pricing import Ending
from app.ui.main_window import MainWindow
from tests.gui.shop_kit import APP_KEY, chinese
from tests.sheetgen import HEADER, build_xlsx, product_row


def _window(qtbot: QtBot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.shops.registry.configure(APP_KEY, env="sandbox")
    window.shops.refresh()
    return window


def _cost_sheet(folder: Path) -> Path:
    row = product_row(1)
    row[2] = None  # no 价格: the price rule computes it from 成本价
    return build_xlsx(folder / "成本.xlsx", [[*HEADER, "成本价"], [*row, 100]])


def test_price_rule_example_follows_every_change_and_saving_rereads_the_sheet(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    window = _window(qtbot)
    with qtbot.waitSignal(window.loader.signals.loaded, timeout=30_000):
        window.open_sheet(_cost_sheet(tmp_path))
    assert window.model.rows()[0].product.price is None
    with chinese(qapp):
        dialog = window.shop_ui.open_settings()
        price = dialog.price
        assert dialog.windowTitle() == "上架设置"
        assert "未开启" in price.example.text()
        price.enabled_box.setChecked(True)
        price.markup.setValue(25)
        price.ending.setCurrentIndex(price.ending.findData(Ending.NINETY.value))
        assert price.example.text() == "例：成本 100.00 元 → 一口价 125.90 元"
        price.ending.setCurrentIndex(price.ending.findData(Ending.EXACT.value))
        assert "125.00" in price.example.text()
        price.add.setValue(3.5)
        assert "128.50" in price.example.text()
    with qtbot.waitSignal(window.loader.signals.loaded, timeout=30_000):
        assert dialog.save()
    rule = settings_store.load(APP_KEY).pricing
    assert (rule.markup_percent, rule.add, rule.ending) == (Decimal(25), Decimal("3.5"),
                                                            Ending.EXACT)
    assert window.model.rows()[0].product.price == Decimal("128.50")


def test_speed_is_saved_for_the_shops_environment(qtbot: QtBot) -> None:
    window = _window(qtbot)
    dialog = window.shop_ui.open_settings()
    assert dialog.default_rate.isChecked()
    assert dialog.rate.value() == 2.0  # the sandbox's default
    dialog.default_rate.setChecked(False)
    dialog.rate.setValue(1.5)
    dialog.workers.setValue(3)
    dialog.wait_for_quota.setChecked(True)
    dialog.auto_fix.setChecked(False)
    assert dialog.save()
    sandbox = settings_store.load(APP_KEY, "sandbox")
    assert (sandbox.run.rate, sandbox.run.workers, sandbox.run.wait_for_quota) == (1.5, 3, True)
    assert settings_store.load(APP_KEY, "production").run.rate is None
    upload = window.shops.upload_settings()
    assert (upload.workers, upload.wait_for_quota, upload.fix_options.auto_fix) == (3, True, False)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d.freight.setCurrentIndex(d.freight.findData("buyer")), "运费模板ID或快递费"),
        (lambda d: d.state_edit.setText("浙江"), "同时填写省和市"),
        (lambda d: d.fee_edit.setText("8.555"), "2 位小数"),
        (lambda d: d.postage_edit.setText("模板A"), "一串数字"),
    ],
)
def test_a_bad_value_is_said_in_chinese_and_nothing_is_saved(
    qtbot: QtBot, change: object, words: str
) -> None:
    window = _window(qtbot)
    dialog = window.shop_ui.open_settings()
    change(dialog)  # type: ignore[operator]
    assert not dialog.save()
    assert words in dialog.error.text()
    assert dialog.isVisible()
    assert not settings_store.settings_path(APP_KEY).exists()


def test_without_a_shop_the_settings_lead_to_the_shop_setup(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    opened = window.shop_ui.open_settings()
    assert opened is window.shop_ui.shops_dialog


def test_the_publisher_is_chosen_per_shop_and_what_automatic_learned_is_shown(
    qtbot: QtBot, qapp: QApplication
) -> None:
    window = _window(qtbot)
    settings_store.remember_switch(APP_KEY, "sandbox", "2026-05-01T08:00:00+00:00")
    with chinese(qapp):
        dialog = window.shop_ui.open_settings()
        assert dialog.publisher.currentData() == "auto"
        assert dialog.publisher.currentText() == "自动"
        assert "没有 taobao.item.add 权限" in dialog.learned.text()
        assert not dialog.learned.isHidden()
        dialog.publisher.setCurrentIndex(dialog.publisher.findData("schema"))
        assert dialog.save()
    saved = settings_store.load(APP_KEY)
    assert (saved.publisher, saved.publish_path, saved.run.switched_at) == (
        "schema", "schema", None)
