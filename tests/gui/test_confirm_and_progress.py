"""The confirmation before a run (counts from the plan, the shop and environment, the production
tick) and a run bar that adds up: every decided row counted, the bar reaches the end."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.simulator import Simulator, SimulatorConfig
from app.ui.main_window import MainWindow
from app.ui.shop_context import ShopContext
from app.ui.table_model import Status
from app.upload.connection import Connection
from tests.gui.window_kit import confirm, open_sheet, shop_on, start_confirmed, write_sheet
from tests.upload_kit import items_by_outer_id

SECRET = "confirm-secret-5"


def _window(qtbot: QtBot, shop: Connection) -> MainWindow:
    window = MainWindow(connection=lambda: shop, shops=ShopContext(demo=shop))
    qtbot.addWidget(window)
    window.show()
    return window


def test_confirmation_counts_and_a_bar_that_reaches_the_end(qtbot: QtBot, tmp_path: Path) -> None:
    """First 3 rows are listed; then a sheet of 7: 3 on the shop already, 3 new, 1 with an
    error. The dialog says so, Enter confirms (本地模拟), and the bar ends at 7 of 7."""
    with Simulator(SimulatorConfig(app_key="12345678", app_secret=SECRET)) as sim:
        shop = shop_on(sim, SECRET, nick="计数店")
        first = _window(qtbot, shop)
        open_sheet(qtbot, first, write_sheet(tmp_path, "一月.xlsx", 3))
        with qtbot.waitSignal(first.runs.finished, timeout=60_000):
            start_confirmed(qtbot, first)
        first.close()

        window = _window(qtbot, shop)
        open_sheet(qtbot, window, write_sheet(tmp_path, "二月.xlsx", 7, broken=frozenset({5})))
        with qtbot.waitSignal(window.runs.finished, timeout=60_000) as finished:
            window.run_panel.start_button.click()
            qtbot.waitUntil(lambda: window.coordinator.confirmation is not None, timeout=30_000)
            dialog = window.coordinator.confirmation
            assert dialog is not None
            qtbot.waitUntil(dialog.isVisible)
            counts = {key: int(label.text()) for key, label in dialog.counts.items()}
            assert counts == {"to_send": 3, "already": 3, "blocked": 1}
            assert "计数店" in dialog.where.text()
            assert dialog.start_button.isDefault()
            assert not dialog.production_tick.isVisible()
            QTest.keyClick(dialog, Qt.Key.Key_Return)  # Enter confirms on 本地模拟
        summary, error = finished.args
        assert error == ""
        on_shop = items_by_outer_id(sim)
    assert len(on_shop) == 6
    panel = window.run_panel
    assert (panel.progress.value(), panel.progress.maximum()) == (7, 7)
    text = panel.line.text()
    assert text.startswith("Done: 7 rows")
    for part in ("3 listed", "0 failed", "3 already on the shop",
                 "1 with errors in the sheet, not sent"):
        assert part in text
    statuses = sorted(s.status.name for s in window.model.rows())
    assert statuses == ["ERROR"] + ["LISTED"] * 3 + ["SKIPPED"] * 3
    assert summary.total == 7


def test_production_needs_the_explicit_tick(qtbot: QtBot, tmp_path: Path) -> None:
    """On 正式 Enter is the safe answer until 确认上架到正式店铺 is ticked."""
    with Simulator(SimulatorConfig(app_key="12345678", app_secret=SECRET)) as sim:
        shop = shop_on(sim, SECRET, nick="正式店", env="production")  # the simulator plays it
        window = _window(qtbot, shop)
        open_sheet(qtbot, window, write_sheet(tmp_path, "商品.xlsx", 2))

        with qtbot.waitSignal(window.runs.finished, timeout=60_000) as refused:
            window.run_panel.start_button.click()
            qtbot.waitUntil(lambda: window.coordinator.confirmation is not None, timeout=30_000)
            dialog = window.coordinator.confirmation
            assert dialog is not None
            qtbot.waitUntil(dialog.isVisible)
            assert dialog.production_tick.isVisible()
            assert not dialog.start_button.isEnabled()
            assert dialog.cancel_button.isDefault()
            QTest.keyClick(dialog, Qt.Key.Key_Return)  # not ticked: Enter cancels
        assert refused.args == [None, ""]
        assert items_by_outer_id(sim) == {}
        assert "Not started" in window.run_panel.line.text()
        assert all(s.status is Status.READY for s in window.model.rows())

        with qtbot.waitSignal(window.runs.finished, timeout=60_000):
            window.run_panel.start_button.click()
            qtbot.waitUntil(lambda: window.coordinator.confirmation is not None, timeout=30_000)
            dialog = window.coordinator.confirmation
            assert dialog is not None
            dialog.production_tick.setChecked(True)
            assert dialog.start_button.isEnabled()
            assert dialog.start_button.isDefault()
            QTest.keyClick(dialog, Qt.Key.Key_Return)
        assert len(items_by_outer_id(sim)) == 2
        switcher = window.shop_ui.switcher  # the shop and 正式, always in sight
        assert "正式店" in switcher.button.text()
        assert switcher.env == "production"


def test_nothing_to_send_needs_no_confirmation(qtbot: QtBot, tmp_path: Path) -> None:
    with Simulator(SimulatorConfig(app_key="12345678", app_secret=SECRET)) as sim:
        window = _window(qtbot, shop_on(sim, SECRET))
        open_sheet(qtbot, window, write_sheet(tmp_path, "坏.xlsx", 2, broken=frozenset({1, 2})))
        with qtbot.waitSignal(window.runs.finished, timeout=60_000):
            window.run_panel.start_button.click()
            assert not confirm(qtbot, window)  # no dialog: the run ends by itself
    assert "2 with errors in the sheet, not sent" in window.run_panel.line.text()
    assert window.run_panel.progress.value() == 2
