"""Shared steps of the shop GUI tests: fill the shops dialog like a user, authorise through the
simulator's OAuth pages, a sheet without location columns."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.ui.application import install_translations
from app.ui.shop_dialog import ShopsDialog
from tests.sheetgen import HEADER, build_xlsx, product_row
from tests.upload_kit import picture_file

APP_KEY = "23456789"
SECRET = "sim-secret-shop-dialog-77"


def fill_shop(dialog: ShopsDialog, *, app_key: str, secret: str, env: str,
              gateway: str = "", label: str = "") -> None:
    """Type a new shop into the form (not saved)."""
    form = dialog.form
    form.label_edit.setText(label)
    form.app_key_edit.setText(app_key)
    form.secret_edit.setText(secret)
    form.env_buttons[env].setChecked(True)
    form.gateway_edit.setText(gateway)


def authorise(qtbot: QtBot, dialog: ShopsDialog, nick: str) -> None:
    """Click 授权店铺 and wait until the form shows the authorised nick."""
    form = dialog.form
    with qtbot.waitSignal(dialog.tasks.authorised, timeout=30_000):
        form.authorize_button.click()
    qtbot.waitUntil(lambda: nick in form.status_label.text(), timeout=10_000)
    qtbot.waitUntil(lambda: not dialog.tasks.busy, timeout=10_000)


@contextmanager
def chinese(app: QApplication) -> Iterator[None]:
    """The window's default language (zh_CN) for the widgets made inside."""
    installed = install_translations(app, "zh_CN")
    try:
        yield
    finally:
        for translator in installed:
            app.removeTranslator(translator)


def sheet_without_location(folder: Path, rows: int, name: str = "货品.xlsx") -> Path:
    """Valid rows, except that there is no 省份/城市 column: the shop's default must fill it."""
    pics = folder / "pics"
    data: list[list[object]] = [HEADER[:7] + HEADER[10:]]  # the property columns kept
    for n in range(1, rows + 1):
        row = product_row(n, f"pics/{picture_file(pics, f'm{n}.jpg', n).name}")
        data.append(row[:7] + row[10:])
    return build_xlsx(folder / name, data)
