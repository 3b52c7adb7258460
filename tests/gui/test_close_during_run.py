"""Closing the window during a run: asked first, then the run is cancelled, the window waits
(without freezing) for the calls already sent, and no item is created after it is gone; every
item on the shop is in the journal."""

from __future__ import annotations

import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.simulator import Simulator, SimulatorConfig
from app.ui.main_window import MainWindow
from app.upload.events import RowListed
from app.upload.journal import Journal, RowState, Scope
from tests.gui.window_kit import confirm, open_sheet, shop_on, write_sheet
from tests.upload_kit import items_by_outer_id

SECRET = "close-secret-3"
SHOP = "关窗店"
LATENCY_MS = 250


def _engine_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("upload-")]


def _journal_rows(sheet_identity: str) -> dict[str, tuple[RowState, int | None]]:
    with Journal() as journal:
        rows = journal.rows(Scope(SHOP, "local", sheet_identity))
    return {key: (r.state, r.num_iid) for key, r in rows.items()}


def test_closing_mid_run_asks_then_stops_and_nothing_is_created_after(
    qtbot: QtBot, tmp_path: Path
) -> None:
    sheet = write_sheet(tmp_path, "大促.xlsx", 60)
    config = SimulatorConfig(app_key="12345678", app_secret=SECRET, latency_ms=LATENCY_MS)
    with Simulator(config) as sim:
        window = MainWindow(connection=lambda: shop_on(sim, SECRET, nick=SHOP, rate=20.0))
        qtbot.addWidget(window)
        window.show()
        open_sheet(qtbot, window, sheet)
        assert window.review is not None
        identity = window.review.sheet.identity
        listed: list[object] = []
        window.runs.event.connect(lambda e: listed.append(e) if isinstance(e, RowListed) else None)
        window.run_panel.start_button.click()
        confirm(qtbot, window)
        qtbot.waitUntil(lambda: len(listed) >= 3, timeout=60_000)

        assert not window.close()  # asked first: the window stays
        question = window.coordinator.close_question
        assert question is not None
        qtbot.waitUntil(question.isVisible)
        assert "at most" in question.text()
        keep = question.escapeButton()
        keep.click()  # 继续上架
        assert window.isVisible()
        assert window.runs.running

        assert not window.close()
        question = window.coordinator.close_question
        assert question is not None
        stop = next(b for b in question.buttons() if b is not question.escapeButton())
        stop.click()  # 停止并关闭
        # the window is not frozen while the calls in flight end: it says what it waits for
        assert window.isVisible()
        assert "Closing" in window.run_panel.line.text()
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=60_000)

        assert not window.runs.running
        assert _engine_threads() == []  # nothing left that could send
        created = items_by_outer_id(sim)
        qtbot.wait(4 * LATENCY_MS)
        assert items_by_outer_id(sim) == created  # no item after the window is gone
    assert 0 < len(created) < 60
    journal = _journal_rows(identity)
    for outer_id, items in created.items():
        assert len(items) == 1
        state, num_iid = journal[outer_id]
        assert state is RowState.LISTED
        assert num_iid == items[0]["num_iid"]
    listed_keys = {k for k, (state, _n) in journal.items() if state is RowState.LISTED}
    assert listed_keys == set(created)
    assert not any(state is RowState.ADD_SENT for state, _n in journal.values())


def test_closing_while_the_run_is_still_planning_sends_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Closed right after 开始上架 (connecting, looking up): the run never starts sending; it
    used to go on after the window was closed."""
    sheet = write_sheet(tmp_path, "商品.xlsx", 20)
    config = SimulatorConfig(app_key="12345678", app_secret=SECRET, latency_ms=LATENCY_MS)
    with Simulator(config) as sim:
        window = MainWindow(connection=lambda: shop_on(sim, SECRET, nick=SHOP, rate=20.0))
        qtbot.addWidget(window)
        window.show()
        open_sheet(qtbot, window, sheet)
        window.run_panel.start_button.click()
        assert window.runs.running
        window.close()  # nothing was sent yet: no question, the run is cancelled
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=60_000)
        assert not window.runs.running
        qtbot.wait(4 * LATENCY_MS)
        assert items_by_outer_id(sim) == {}
