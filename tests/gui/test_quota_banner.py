"""The daily quota runs out mid-run: with 等额度恢复后自动继续 on, the run waits with a banner
that says when the quota comes back; unticking the switch stops the running engine there."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.simulator import Simulator, SimulatorConfig
from app.ui.main_window import MainWindow
from app.upload.events import RowListed, StopReason
from tests.gui.window_kit import confirm, open_sheet, shop_on, write_sheet
from tests.upload_kit import items_by_outer_id

SECRET = "quota-secret-8"
ROWS = 10


def test_quota_banner_and_its_switch_stop_the_waiting_run(qtbot: QtBot, tmp_path: Path) -> None:
    with Simulator(SimulatorConfig(app_key="12345678", app_secret=SECRET)) as sim:
        window = MainWindow(connection=lambda: shop_on(sim, SECRET, rate=4.0))
        qtbot.addWidget(window)
        window.show()
        open_sheet(qtbot, window, write_sheet(tmp_path, "商品.xlsx", ROWS))
        window.run_panel.wait_for_quota.setChecked(True)

        listed: list[RowListed] = []

        def quota_gone_after_two(event: object) -> None:
            if isinstance(event, RowListed):
                listed.append(event)
                if len(listed) == 2:
                    sim.set_faults(daily_quota=0)  # every call from now on: quota used up

        window.runs.event.connect(quota_gone_after_two)
        banner = window.run_banner
        with qtbot.waitSignal(window.runs.finished, timeout=60_000) as finished:
            window.run_panel.start_button.click()
            confirm(qtbot, window)
            qtbot.waitUntil(lambda: banner.isVisible() and banner.reason == "quota",
                            timeout=30_000)
            assert "comes back at" in banner.label.text()
            assert banner.wait_for_quota.isChecked()
            assert window.runs.running  # waiting, not stopped
            banner.wait_for_quota.setChecked(False)  # stop now instead
        summary, error = finished.args
        on_shop = items_by_outer_id(sim)
    assert error == ""
    assert summary.stop_reason is StopReason.QUOTA
    assert not window.run_panel.wait_for_quota.isChecked()  # both switches say the same
    assert not banner.isVisible()
    assert summary.listed == len(on_shop) < ROWS
    assert summary.waiting_quota > 0
    text = window.run_panel.line.text()
    assert text.startswith("Stopped: today's call quota is used up")
    assert "waiting for the quota" in text
    assert "comes back at" in text


def test_a_long_ban_shows_until_when(qtbot: QtBot, tmp_path: Path) -> None:
    """Taobao bans the app for longer than the client waits by itself: the run waits with a
    banner that says until when; 取消 still stops it at once."""
    with Simulator(SimulatorConfig(app_key="12345678", app_secret=SECRET)) as sim:
        window = MainWindow(connection=lambda: shop_on(sim, SECRET, rate=4.0))
        qtbot.addWidget(window)
        window.show()
        open_sheet(qtbot, window, write_sheet(tmp_path, "商品.xlsx", ROWS))
        listed: list[RowListed] = []

        def ban_after_two(event: object) -> None:
            if isinstance(event, RowListed):
                listed.append(event)
                if len(listed) == 2:
                    sim.set_faults(ban={"seconds": 600})

        window.runs.event.connect(ban_after_two)
        banner = window.run_banner
        with qtbot.waitSignal(window.runs.finished, timeout=60_000) as finished:
            window.run_panel.start_button.click()
            confirm(qtbot, window)
            qtbot.waitUntil(lambda: banner.isVisible() and banner.reason == "ban",
                            timeout=30_000)
            assert "waits until" in banner.label.text()
            assert banner.wait_for_quota.isHidden()
            qtbot.waitUntil(lambda: window.run_panel.line.text().startswith("Slowed down"),
                            timeout=5_000)
            window.run_panel.cancel_button.click()
        summary, _error = finished.args
    assert summary.stop_reason is StopReason.CANCELLED
    assert not banner.isVisible()
    assert window.run_panel.line.text().startswith("Cancelled")
