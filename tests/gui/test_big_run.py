"""A 3,000-row sheet through the window to the end, the way a user runs it: 开始上架, the
confirmation's counts, every row listed once, the bar full and the summary naming the rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.simulator import Simulator, SimulatorConfig
from app.ui.main_window import MainWindow
from app.ui.table_model import Status
from tests.gui.window_kit import open_sheet, shop_on, write_sheet
from tests.upload_kit import items_by_outer_id

ROWS = 3_000
BROKEN = frozenset(range(7, ROWS, 500))  # 6 rows with an error in the sheet
SECRET = "big-run-secret-1"


@pytest.mark.slow
def test_a_3000_row_run_through_the_window_to_the_end(qtbot: QtBot, tmp_path: Path) -> None:
    sheet = write_sheet(tmp_path, "大促.xlsx", ROWS, broken=BROKEN)
    with Simulator(SimulatorConfig(app_key="12345678", app_secret=SECRET)) as sim:
        window = MainWindow(connection=lambda: shop_on(sim, SECRET, rate=10_000.0))
        qtbot.addWidget(window)
        window.show()
        open_sheet(qtbot, window, sheet, timeout=60_000)
        assert window.model.rowCount() == ROWS
        with qtbot.waitSignal(window.runs.finished, timeout=300_000) as finished:
            window.run_panel.start_button.click()
            qtbot.waitUntil(lambda: window.coordinator.confirmation is not None, timeout=60_000)
            dialog = window.coordinator.confirmation
            assert dialog is not None
            counts = {key: int(label.text()) for key, label in dialog.counts.items()}
            assert counts == {"to_send": ROWS - len(BROKEN), "already": 0,
                              "blocked": len(BROKEN)}
            dialog.start_button.click()
        summary, error = finished.args
        on_shop = items_by_outer_id(sim)
    assert error == ""
    assert len(on_shop) == ROWS - len(BROKEN)
    assert all(len(items) == 1 for items in on_shop.values())
    assert summary.listed == ROWS - len(BROKEN)
    assert summary.blocked == len(BROKEN)
    panel = window.run_panel
    assert panel.progress.value() == panel.progress.maximum() == ROWS
    text = panel.line.text()
    assert text.startswith(f"Done: {ROWS} rows")
    assert f"{ROWS - len(BROKEN)} listed" in text
    assert f"{len(BROKEN)} with errors in the sheet, not sent" in text
    listed = [s for s in window.model.rows() if s.status is Status.LISTED]
    assert len(listed) == ROWS - len(BROKEN)
    # the line over the table says where the rows went, not only that none is left to upload
    qtbot.waitUntil(lambda: f"0 ready to upload, {len(BROKEN)} with errors, 0 with warnings, "
                            f"{ROWS - len(BROKEN)} listed" in window.summary.text())
