"""What the table and the run bar say when a run is done: every row's last word, counts that add
up, prices as the sheet wrote them (model and panel tested without a view, then the window)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.catalog.model import Product
from app.simulator import Simulator, SimulatorConfig
from app.top.config import TopConfig
from app.ui.application import install_translations
from app.ui.main_window import MainWindow
from app.ui.run_panel import RunPanel
from app.ui.table_model import Column, ProductTableModel, Status
from app.upload.connection import Connection
from app.upload.events import RowFailed, RowListed, RowOutcome, RowSkipped, RowStatus, RunSummary
from app.upload.session import StaticSession
from tests.gui.window_kit import start_confirmed
from tests.sheetgen import HEADER, build_xlsx, picture, product_row

APP_KEY = "12345678"
REFUSED = "上次被淘宝拒绝且此行未修改：类目 50000671 下标题不能含“最”字"


def _model(*products: Product) -> ProductTableModel:
    model = ProductTableModel()
    model.set_products(list(products), {})
    return model


def _text(model: ProductTableModel, sheet_row: int, column: Column) -> str:
    position = [s.product.row for s in model.rows()].index(sheet_row)
    return model.index(position, column).data()


def test_a_price_with_three_decimals_reads_as_written(qapp: object) -> None:
    model = _model(Product(row=2, price=Decimal("49.999")), Product(row=3, price=Decimal("59.9")))
    assert _text(model, 2, Column.PRICE) == "49.999"  # not "50.00" beside "has 3 decimals"
    assert _text(model, 3, Column.PRICE) == "59.90"


def test_a_row_taobao_refused_and_unchanged_reads_failed_with_the_reason(qapp: object) -> None:
    model = _model(Product(row=2, outer_id="A"))
    model.apply_run_event(RowSkipped(RowOutcome(2, "A", RowStatus.SKIPPED, message=REFUSED)))
    state = model.row_state(2)
    assert state is not None
    assert state.status is Status.FAILED
    assert _text(model, 2, Column.STATUS) == REFUSED  # was "Already listed, item ID None"


def _twelve_row_run(panel: RunPanel) -> RunSummary:
    """A 12-row run as the engine tells it: 6 listed now, 2 already on the shop, 1 failed, 2 with
    errors in the sheet, 1 refused before and unchanged."""
    panel.start_run(12)
    outcomes = {}
    for row in range(2, 14):
        if row <= 7:
            panel.on_event(RowListed(row, f"K{row}", 100 + row, "created"))
            status = RowStatus.LISTED
        elif row <= 9:
            panel.on_event(RowListed(row, f"K{row}", 100 + row, "already"))
            status = RowStatus.LISTED
        elif row == 10:
            status = RowStatus.FAILED
            panel.on_event(RowFailed(RowOutcome(row, f"K{row}", status, message="标题太长")))
        elif row <= 12:
            status = RowStatus.BLOCKED
            panel.on_event(RowSkipped(RowOutcome(row, f"K{row}", status)))
        else:
            status = RowStatus.SKIPPED
            panel.on_event(RowSkipped(RowOutcome(row, f"K{row}", status, message=REFUSED)))
        outcomes[row] = RowOutcome(row, f"K{row}", status)
    return RunSummary(total=12, listed=8, failed=1, blocked=2, skipped=1, elapsed=1,
                      outcomes=outcomes)


def test_the_run_bar_accounts_for_every_row(qapp: object) -> None:
    panel = RunPanel()
    summary = _twelve_row_run(panel)
    panel.show_summary(summary, "")
    text = panel.line.text()
    assert text.startswith("Done: 12 rows")
    for part in ("6 listed", "1 failed", "2 already on the shop",
                 "2 with errors in the sheet, not sent",
                 "1 refused before and unchanged, not sent again"):
        assert part in text
    assert (panel.progress.value(), panel.progress.maximum()) == (12, 12)


def test_rows_listed_by_an_earlier_run_read_already_listed(qtbot: QtBot, tmp_path: Path) -> None:
    """A new window (or the next day) on a sheet that is partly on the shop already: those rows
    get no event during the run, yet must not read "Ready" when it is done."""
    rows = [HEADER, product_row(1), product_row(2)]
    rows[2][2] = "abc"  # row 3 cannot be sent
    floating = {"G2": picture(900, 900, (30, 120, 200)), "G3": picture(900, 900, (9, 9, 9))}
    sheet = build_xlsx(tmp_path / "商品.xlsx", rows, floating=floating)
    with Simulator(SimulatorConfig(app_key=APP_KEY, app_secret="again-secret-1")) as sim:
        session = sim.issue_session(nick="店")
        top = TopConfig(app_key=APP_KEY, gateway_url=sim.router_url, oauth_base_url=sim.base_url)
        shop = Connection(top, "local", "店", StaticSession(session), "again-secret-1", session, 50)
        states = []
        for _ in range(2):
            window = MainWindow(connection=lambda: shop)
            qtbot.addWidget(window)
            with qtbot.waitSignal(window.loader.signals.loaded, timeout=30_000):
                window.open_sheet(sheet)
            with qtbot.waitSignal(window.runs.finished, timeout=60_000):
                start_confirmed(qtbot, window)
            states.append(window.model.row_state(2))
            window.close()
    first, second = states
    assert first is not None
    assert second is not None
    assert first.status is Status.LISTED
    assert first.status_text() == f"Listed now · item ID {first.num_iid}"
    assert second.status is Status.SKIPPED
    assert second.status_text() == f"Listed · item ID {first.num_iid}"
    assert second.status is not Status.READY


def test_the_run_bar_reads_as_chinese_sentences(qapp: QApplication) -> None:
    installed = install_translations(qapp)
    try:
        panel = RunPanel()
        panel.show_summary(_twelve_row_run(panel), "")
        text = panel.line.text()
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
    assert text == (
        "完成：共 12 行——本次上架 6 行，失败 1 行，之前已在店铺 2 行，表格有错误未上传 2 行，"
        "上次被拒且未修改、未重新发送 1 行，用时 1 秒。"
    )
