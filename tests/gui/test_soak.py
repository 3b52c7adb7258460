"""A long window session: thousands of row events through the real window, model and bridge.

Short GUI sessions hid a binding that dropped a reference to ``True`` on every Signal.emit()
(PySide6 6.12.0 on Python 3.11): the interpreter aborted after a few thousand emits. Here a
2,500-row sheet is uploaded to the simulator with no rate limit from the real window: the engine's
threads emit RowStarted/RowProgress/RowListed (> 7,500 row events), the UploadWorker re-emits
them, the controller forwards them, the model turns each into a dataChanged.

On the 6.12.0 binding this test does not get to its asserts: the session aborts with
"Fatal Python error: bool_dealloc" (True has only a few thousand references to lose; pytest's
faulthandler prints where). A slower leak shows as a drift of True's reference count.
"""

from __future__ import annotations

import gc
import sys
from collections import Counter
from pathlib import Path

import pytest
import shiboken6
from pytestqt.qtbot import QtBot

from app.simulator import Simulator, SimulatorConfig
from app.top.config import TopConfig
from app.ui.main_window import MainWindow
from app.ui.table_model import Status
from app.upload.connection import Connection
from app.upload.events import RowFailed, RowListed, RowProgress, RowSkipped, RowStarted
from app.upload.session import StaticSession
from tests.gui.window_kit import start_confirmed
from tests.sheetgen import HEADER, build_xlsx, picture, product_row
from tests.upload_kit import items_by_outer_id

ROWS = 2_500
ROW_EVENTS = (RowStarted, RowProgress, RowListed, RowFailed, RowSkipped)
APP_KEY = "12345678"
SECRET = "soak-secret-77"
# a leaking binding loses one reference per emit (thousands here); the rest of the program
# creates and drops a few references to True as it goes
REFCOUNT_SLACK = 500


@pytest.mark.slow
def test_thousands_of_row_events_through_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "主图.jpg").write_bytes(picture(800, 800, (200, 80, 40), fmt="JPEG"))
    rows = [HEADER, *(product_row(n, image="主图.jpg") for n in range(1, ROWS + 1))]
    sheet = build_xlsx(tmp_path / "大促.xlsx", rows, write_only=True)

    with Simulator(SimulatorConfig(app_key=APP_KEY, app_secret=SECRET)) as sim:
        session = sim.issue_session(nick="大店")
        top = TopConfig(app_key=APP_KEY, gateway_url=sim.router_url, oauth_base_url=sim.base_url)
        shop = Connection(top, "local", "大店", StaticSession(session), SECRET, session, 10_000.0)
        window = MainWindow(connection=lambda: shop)
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(window.loader.signals.loaded, timeout=60_000):
            window.open_sheet(sheet)
        assert window.model.rowCount() == ROWS

        seen: Counter[str] = Counter()
        window.runs.event.connect(lambda event: seen.update([type(event).__name__]))
        gc.collect()
        true_refs = sys.getrefcount(True)
        with qtbot.waitSignal(window.runs.finished, timeout=240_000) as finished:
            start_confirmed(qtbot, window)
        gc.collect()
        drift = sys.getrefcount(True) - true_refs
        print(f"\nrow events: {sum(seen[e.__name__] for e in ROW_EVENTS)} {dict(seen)};"
              f" refcount(True) drift {drift}")

        assert finished.args is not None
        assert abs(drift) < REFCOUNT_SLACK, f"refcount of True drifted by {drift}"
        summary, error = finished.args
        assert error == ""
        assert sum(seen[e.__name__] for e in ROW_EVENTS) >= 5_000

        # the window is alive and its table says what the shop holds, row by row
        assert shiboken6.isValid(window)
        assert window.isVisible()
        on_shop = items_by_outer_id(sim)
    assert len(on_shop) == ROWS
    assert all(len(items) == 1 for items in on_shop.values())
    states = window.model.rows()
    assert len(states) == ROWS
    for state in states:
        assert state.status is Status.LISTED, (state.product.row, state.status, state.message)
        item = on_shop[state.product.key or ""][0]
        assert state.status_text().endswith(str(item["num_iid"]))

    # the run bar's numbers add up
    assert summary.total == summary.listed == ROWS
    assert window.run_panel.progress.value() == window.run_panel.progress.maximum() == ROWS
    assert window.run_panel.line.text().startswith(f"Done: {ROWS} rows — {ROWS} listed, 0 failed")
