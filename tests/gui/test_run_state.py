"""The window's run state is explicit: what each state enables, what a run refuses, and that a
failed open or a failed re-read never starts or re-points anything."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from app.simulator import Simulator, SimulatorConfig
from app.ui.main_window import MainWindow
from app.ui.run_state import (
    ENABLED,
    TRANSITIONS,
    Act,
    IllegalTransitionError,
    RunState,
    RunStateMachine,
)
from app.ui.table_model import Status
from app.upload.events import RowListed
from tests.gui.window_kit import confirm, open_sheet, shop_on, write_sheet
from tests.upload_kit import items_by_outer_id

SECRET = "state-secret-9"


def _enabled(window: MainWindow) -> set[str]:
    panel = window.run_panel
    actions = {
        "open": window.menus.open_action, "map": window.menus.mapping_action,
        "start": panel.start_action, "pause": panel.pause_action, "resume": panel.resume_action,
        "cancel": panel.cancel_action, "retry": panel.retry_action, "export": panel.export_action,
    }
    return {name for name, action in actions.items() if action.isEnabled()}


def _drop(window: MainWindow, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    window.dropEvent(QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))


def test_the_state_table_refuses_what_it_does_not_allow(qapp: object) -> None:
    machine = RunStateMachine()
    assert machine.state is RunState.IDLE
    with pytest.raises(IllegalTransitionError):
        machine.go(RunState.RUNNING)  # no sheet: no run
    machine.go(RunState.LOADING)
    machine.go(RunState.READY)
    machine.go(RunState.RUNNING)
    with pytest.raises(IllegalTransitionError):
        machine.go(RunState.LOADING)  # no sheet is read during a run
    assert all(Act.OPEN not in ENABLED[s] for s in (RunState.RUNNING, RunState.PAUSED,
                                                    RunState.FINISHING))
    assert TRANSITIONS[RunState.FINISHING] == {RunState.READY}


def test_each_state_enables_its_actions(qtbot: QtBot, tmp_path: Path) -> None:
    sheet = write_sheet(tmp_path, "商品.xlsx", 30)
    config = SimulatorConfig(app_key="12345678", app_secret=SECRET, latency_ms=100)
    with Simulator(config) as sim:
        window = MainWindow(connection=lambda: shop_on(sim, SECRET, rate=5.0))
        qtbot.addWidget(window)
        assert window.machine.state is RunState.IDLE
        assert _enabled(window) == {"open"}
        assert window.pages.currentIndex() == 0  # the start page

        with qtbot.waitSignal(window.loader.signals.loaded, timeout=30_000):
            window.open_sheet(sheet)
            assert window.machine.state is RunState.LOADING
            assert _enabled(window) == {"open"}
        qtbot.waitUntil(lambda: window.machine.state is RunState.READY)
        assert _enabled(window) == {"open", "map", "start"}  # no failures, no results yet

        with qtbot.waitSignal(window.runs.finished, timeout=120_000):
            window.run_panel.start_button.click()
            assert window.machine.state is RunState.RUNNING
            assert _enabled(window) == {"cancel"}  # planning: nothing to pause yet
            confirm(qtbot, window)
            qtbot.waitUntil(lambda: window.coordinator.sending)
            assert _enabled(window) == {"pause", "cancel"}
            window.run_panel.pause_button.click()
            assert window.machine.state is RunState.PAUSED
            assert _enabled(window) == {"resume", "cancel"}
            window.run_panel.cancel_button.click()
            assert window.machine.state is RunState.FINISHING
            assert _enabled(window) == set()
        assert window.machine.state is RunState.READY
        assert _enabled(window) == {"open", "map", "start", "export"}
        assert "Cancelled" in window.run_panel.line.text()


def test_opening_or_dropping_a_sheet_during_a_run_is_refused(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run's rows stay on screen and get the run's results; the other sheet is not read."""
    sheet = write_sheet(tmp_path, "这次.xlsx", 12)
    other = write_sheet(tmp_path, "别的.xlsx", 3, start=500)
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (asked.append("open") or str(other), ""))
    config = SimulatorConfig(app_key="12345678", app_secret=SECRET, latency_ms=80)
    with Simulator(config) as sim:
        window = MainWindow(connection=lambda: shop_on(sim, SECRET, rate=8.0))
        qtbot.addWidget(window)
        open_sheet(qtbot, window, sheet)
        generation = window.loader.generation
        with qtbot.waitSignal(window.runs.finished, timeout=120_000) as finished:
            with qtbot.waitSignal(window.runs.event, timeout=60_000,
                                  check_params_cb=lambda e: isinstance(e, RowListed)):
                window.run_panel.start_button.click()
                confirm(qtbot, window)
            _drop(window, other)
            assert "opening another sheet" in window.run_panel.line.text()
            window.choose_sheet()  # Ctrl+O / 打开表格: refused before any dialog
            window.open_sheet(other)
            window.edit_mapping()
            window.export()
        summary, _error = finished.args
        on_shop = items_by_outer_id(sim)
    assert asked == []
    assert window.loader.generation == generation  # the other sheet was never read
    assert window.session.path == sheet
    assert window.model.rowCount() == 12
    assert summary.listed == 12
    assert all(s.status is Status.LISTED for s in window.model.rows())
    assert sorted(on_shop) == [f"SKU-{n:05d}" for n in range(1, 13)]


def test_retry_after_a_failed_read_starts_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    """重试失败 re-reads the sheet; the read fails (the file broke meanwhile): nothing starts,
    not even when the next sheet is opened (it used to start an upload of it, with no click)."""
    sheet = write_sheet(tmp_path, "商品.xlsx", 3)
    config = SimulatorConfig(app_key="12345678", app_secret=SECRET)
    with Simulator(config) as sim:
        sim.set_faults(script=[{"fault": "error", "method": "taobao.item.add", "code": 15,
                                "sub_code": "isv.invalid-parameter:title",
                                "sub_msg": "标题中含有违禁词"}])
        window = MainWindow(connection=lambda: shop_on(sim, SECRET))
        qtbot.addWidget(window)
        open_sheet(qtbot, window, sheet)
        with qtbot.waitSignal(window.runs.finished, timeout=60_000):
            window.run_panel.start_button.click()
            confirm(qtbot, window)
        assert window.run_panel.retry_action.isEnabled()
        items_before = len(items_by_outer_id(sim))

        sheet.write_bytes(b"not a workbook any more")
        with qtbot.waitSignal(window.loader.signals.failed, timeout=30_000):
            window.run_panel.retry_button.click()
        assert "Nothing was started" in window.run_panel.line.text()
        assert not window.runs.running

        good = write_sheet(tmp_path, "另一个.xlsx", 2, start=100)
        open_sheet(qtbot, window, good)
        assert not window.runs.running
        assert window.coordinator.confirmation is None
        assert window.machine.state is RunState.READY
        assert len(items_by_outer_id(sim)) == items_before


def test_a_failed_open_leaves_the_shown_sheet_current(qtbot: QtBot, tmp_path: Path) -> None:
    sheet = write_sheet(tmp_path, "好的.xlsx", 2)
    bogus = tmp_path / "坏的.xlsx"
    bogus.write_bytes(b"garbage")
    window = MainWindow()
    qtbot.addWidget(window)
    open_sheet(qtbot, window, sheet)
    with qtbot.waitSignal(window.loader.signals.failed, timeout=30_000):
        window.open_sheet(bogus)
    assert window.session.path == sheet  # not the file that failed
    assert window.session.review is not None
    assert window.session.review.sheet.path == sheet
    assert window.machine.state is RunState.READY
    assert "坏的.xlsx" in window.summary.text()
    assert "好的.xlsx" in window.summary.text()
    # re-matching columns re-reads the sheet shown, not the one that failed
    with qtbot.waitSignal(window.loader.signals.loaded, timeout=30_000) as loaded:
        window.apply_mapping({})
    assert loaded.args[1].sheet.path == sheet


def _time_left(line: str) -> str:
    found = re.search(r"about (.+) to go", line)
    assert found is not None, line
    return found.group(1)


def test_pause_freezes_the_time_left(qtbot: QtBot, tmp_path: Path) -> None:
    sheet = write_sheet(tmp_path, "商品.xlsx", 40)
    config = SimulatorConfig(app_key="12345678", app_secret=SECRET, latency_ms=50)
    with Simulator(config) as sim:
        window = MainWindow(connection=lambda: shop_on(sim, SECRET, rate=6.0))
        qtbot.addWidget(window)
        open_sheet(qtbot, window, sheet)
        listed: list[object] = []
        window.runs.event.connect(lambda e: listed.append(e) if isinstance(e, RowListed) else None)
        with qtbot.waitSignal(window.runs.finished, timeout=120_000):
            window.run_panel.start_button.click()
            confirm(qtbot, window)
            qtbot.waitUntil(lambda: len(listed) >= 4, timeout=60_000)
            window.run_panel.pause_button.click()
            line = window.run_panel.line
            qtbot.waitUntil(lambda: line.text().startswith("Paused"), timeout=5_000)
            frozen = _time_left(line.text())
            count = len(listed)
            for _ in range(3):  # the engine keeps reporting while paused; time left stays
                with qtbot.waitSignal(window.runs.event, timeout=5_000,
                                      check_params_cb=lambda e: type(e).__name__ == "Progress"):
                    pass
                qtbot.wait(300)  # the bar redraws every 250 ms
                assert line.text().startswith("Paused")
                assert _time_left(line.text()) == frozen
            assert len(listed) <= count + 4  # calls in flight finish; nothing new starts
            window.run_panel.pause_button.click()  # 继续
            assert window.machine.state is RunState.RUNNING
        assert not line.text().startswith("Paused")
    assert window.run_panel.progress.value() == 40



def test_saying_no_keeps_the_last_runs_word(qtbot: QtBot, tmp_path: Path) -> None:
    """A run stopped part-way (one row refused, some listed, the rest not reached); 开始上架
    again, then 取消 in the confirmation: every row still says what the last run said, and
    nothing is sent."""
    sheet = write_sheet(tmp_path, "商品.xlsx", 30)
    config = SimulatorConfig(app_key="12345678", app_secret=SECRET, latency_ms=60)
    with Simulator(config) as sim:
        sim.set_faults(script=[{"fault": "error", "method": "taobao.item.add", "code": 15,
                                "sub_code": "isv.invalid-parameter:title",
                                "sub_msg": "标题中含有违禁词"}])
        window = MainWindow(connection=lambda: shop_on(sim, SECRET, rate=5.0))
        qtbot.addWidget(window)
        open_sheet(qtbot, window, sheet)
        listed: list[object] = []
        window.runs.event.connect(lambda e: listed.append(e) if isinstance(e, RowListed) else None)
        with qtbot.waitSignal(window.runs.finished, timeout=60_000):
            window.run_panel.start_button.click()
            confirm(qtbot, window)
            qtbot.waitUntil(lambda: len(listed) >= 3, timeout=30_000)
            window.run_panel.cancel_button.click()
        before = {s.product.row: (s.status, s.message) for s in window.model.rows()}
        assert Status.FAILED in {status for status, _m in before.values()}
        items = len(items_by_outer_id(sim))
        with qtbot.waitSignal(window.runs.finished, timeout=60_000) as declined:
            window.run_panel.start_button.click()
            qtbot.waitUntil(lambda: window.coordinator.confirmation is not None, timeout=30_000)
            dialog = window.coordinator.confirmation
            assert dialog is not None
            assert int(dialog.counts["to_send"].text()) > 0
            dialog.cancel_button.click()
        assert declined.args == [None, ""]
        assert {s.product.row: (s.status, s.message) for s in window.model.rows()} == before
        assert window.run_panel.retry_action.isEnabled()
        assert len(items_by_outer_id(sim)) == items
