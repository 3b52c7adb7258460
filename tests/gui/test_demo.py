"""`taoshelf --demo` works every time, offline, and never touches the user's own files."""

from __future__ import annotations

import json
import logging
import socket
import sys
import urllib.request
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app import paths
from app.catalog.pricing import PricingRule
from app.crashlog import CRASH_FILE
from app.excel import prefs
from app.ui.application import run_gui
from app.ui.demo import DEMO_SHOP, demo_session
from app.ui.main_window import MainWindow
from app.ui.table_model import Status
from app.upload.journal import default_path
from app.upload.runlock import RunLock
from tests.gui.window_kit import start_confirmed

# make_demo.py: 13 products in 18 rows (rows 5–10 are one product, LX-T003, in 6 SKUs); rows 13,
# 16, 19 and 20 have errors, 18 only a warning
LISTABLE = 9
VARIANT = "LX-T003"
VARIANT_SKUS = 6
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass
class DemoResult:
    listed_rows: list[int]
    items_on_simulator: int
    picture_row: str  # what the detail pane says about row 20
    variant: dict[str, object]  # the simulator's item of the colour/size product
    variant_rows: list[Status]  # the table's rows for sheet rows 5–10 (one: row 5)
    computed_prices: int  # rows priced by a price rule
    home: Path


def _no_internet(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every name lookup beyond loopback is refused and recorded."""
    asked: list[str] = []
    real = socket.getaddrinfo

    def lookup(host: object, *args: object, **kwargs: object) -> object:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in LOOPBACK:
            asked.append(name)
            raise socket.gaierror(socket.EAI_NONAME, "offline test")
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    return asked


def _demo_start(qtbot: QtBot) -> DemoResult:
    """One demo, as `run_gui(demo=True)` starts it: open the sheet, click 开始上架, close."""
    with demo_session() as demo:
        window = MainWindow(demo=True, connection=lambda: demo.connection)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.loader.signals.loaded, timeout=30_000):
            window.open_sheet(demo.sheet)
        with qtbot.waitSignal(window.runs.finished, timeout=60_000) as finished:
            start_confirmed(qtbot, window)
        assert finished.args is not None
        assert finished.args[1] == ""
        rows = window.model.rows()
        url = demo.connection.config.oauth_base_url + "/_sim/items"
        with urllib.request.urlopen(url, timeout=10) as answer:
            items = json.loads(answer.read())
        picture_row = window.model.row_state(20)
        assert picture_row is not None
        found = items["items"] if isinstance(items, dict) else items
        variant_rows = [window.model.row_state(r) for r in range(5, 11)]
        window.close()
        return DemoResult(
            listed_rows=sorted(s.product.row for s in rows if s.status is Status.LISTED),
            items_on_simulator=len(found),
            picture_row=picture_row.describe(),
            variant=next(i for i in found if i["outer_id"] == VARIANT),
            variant_rows=[s.status for s in variant_rows if s is not None],
            computed_prices=sum(1 for s in rows if s.product.price_computed),
            home=demo.home,
        )


def test_demo_lists_its_rows_every_time_offline_and_apart_from_the_real_files(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _no_internet(monkeypatch)
    real_journal = default_path()
    real_audit = paths.log_dir() / "audit.jsonl"
    real_shop_lock = RunLock(DEMO_SHOP, "local").path
    # the user's own price rule: the demo must neither apply nor change it
    prefs.save_pricing(PricingRule(markup_percent=Decimal(100), override=True))
    rule_file = paths.config_dir() / prefs.PRICING_FILE
    rule_text = rule_file.read_text(encoding="utf-8")

    runs = [_demo_start(qtbot), _demo_start(qtbot)]

    for run in runs:
        assert len(run.listed_rows) == LISTABLE  # the second demo lists them again
        assert run.items_on_simulator == LISTABLE
        assert "图片文件不存在" in run.picture_row  # a picture failure, in Chinese, offline
        # the colour/size product: one row in the table, one item with a SKU per sheet row
        assert run.variant_rows == [Status.LISTED]
        skus = run.variant["skus"]
        assert isinstance(skus, list)
        assert len(skus) == VARIANT_SKUS
        assert run.variant["num"] == sum(s["quantity"] for s in skus) == 250
        assert len(run.variant["prop_imgs"]) == 3  # type: ignore[arg-type]  # one per colour
        assert run.variant["cid"] == 50000671  # 类目 written as 女装/女士精品 > T恤
        assert "<img" in str(run.variant["desc"])  # its 详情图, from the picture space
        assert run.computed_prices == 0
        assert run.home == paths.data_dir() / "demo"
    assert asked == []
    assert not real_journal.exists()
    assert not real_audit.exists()
    assert not real_shop_lock.exists()
    assert rule_file.read_text(encoding="utf-8") == rule_text


def test_a_second_demo_open_at_the_same_time_gets_its_own_folder() -> None:
    """(Two windows are two processes; here the same folder is asked for twice.)"""
    base = paths.data_dir() / "demo"
    with demo_session(base) as first, demo_session(base) as second:
        assert first.home == base
        assert second.home != base
        assert first.sheet.exists()
        assert second.sheet.exists()
        assert first.connection.config.gateway_url != second.connection.config.gateway_url
    assert not second.home.exists()  # the temporary one is gone


def test_the_demo_window_tells_about_a_crash_in_the_real_log_folder(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`run_gui(demo=True)` itself: the demo points the per-user dirs at its own folder, yet the
    crash notice reads the real crash log."""
    crash_log = paths.log_dir() / CRASH_FILE
    crash_log.write_text(
        "=== start 2025-06-01T10:00:00+08:00 taoshelf 0.1.0 pid 5 upload\n"
        "Fatal Python error: Segmentation fault\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    notices: list[str] = []

    def look() -> None:
        """Once the demo window shows its rows and the notice, close everything."""
        widgets = QApplication.topLevelWidgets()
        windows = [w for w in widgets if isinstance(w, MainWindow) and w.model.rowCount()]
        boxes = [w for w in widgets if isinstance(w, QMessageBox) and w.isVisible()]
        if windows and boxes:
            notices.append(boxes[0].text())
            for widget in widgets:
                widget.close()

    poll = QTimer()
    poll.timeout.connect(look)
    poll.start(50)
    QTimer.singleShot(60_000, qapp.quit)  # never hang the suite
    try:
        assert run_gui(demo=True) == 0
    finally:
        poll.stop()
        for extra in set(root.handlers) - set(handlers):
            root.removeHandler(extra)
            extra.close()
        root.setLevel(level)
        for translator in qapp.findChildren(QTranslator):
            qapp.removeTranslator(translator)
    assert len(notices) == 1
    assert str(crash_log) in notices[0]
    assert not default_path().exists()
