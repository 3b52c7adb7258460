"""上架记录: the runs with their counts; 撤销这次上架 after a confirmation with the count takes the
run's products down on a worker thread; 重新上架 puts them back; 删除 needs the count typed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.simulator import Simulator, SimulatorConfig
from app.top.config import TopConfig
from app.ui.runs_dialog import RunsDialog
from app.upload.connection import Connection
from app.upload.journal import Journal, Scope
from app.upload.session import StaticSession
from app.upload.settings import UploadSettings
from app.upload.undo import UndoService
from tests.gui.shop_kit import chinese
from tests.upload_kit import SECRET, client_for, door, make_engine, make_products


@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator(SimulatorConfig()) as simulator:
        yield simulator


def statuses(sim: Simulator) -> list[str]:
    return sorted(i["approve_status"] for i in door(sim, "items")["items"])


def service_for(sim: Simulator, session: str) -> UndoService:
    def connect() -> Connection:
        config = TopConfig(app_key=sim.config.app_key, gateway_url=sim.router_url,
                           oauth_base_url=sim.base_url)
        return Connection(config, "local", "demo_shop", StaticSession(session), SECRET,
                          session, float("inf"))
    return UndoService(connect, shop="demo_shop", env="local", publish_path=lambda c: "schema")


def listed_run(sim: Simulator, tmp_path: Path, n: int) -> str:
    session = sim.issue_session()
    products = make_products(n, tmp_path / "pics")
    with Journal() as journal:
        run = make_engine(client_for(sim, session), journal, products,
                          scope=Scope("demo_shop", "local", "s", "春季新品.xlsx"),
                          settings=UploadSettings(publisher="schema", reconcile_delay=0.2))
        run.engine.run(run.engine.prepare(products, {}))
    return session


def test_undo_relist_and_delete_from_the_window(qtbot: QtBot, qapp: QApplication,
                                                sim: Simulator, tmp_path: Path) -> None:
    session = listed_run(sim, tmp_path, 3)
    with chinese(qapp):
        dialog = RunsDialog(service_for(sim, session))
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "上架记录"
        assert dialog.table.rowCount() == 1
        texts = [dialog.table.item(0, c).text() for c in range(dialog.COLUMNS)]
        assert texts[2:6] == ["上架", "春季新品.xlsx", "demo_shop", "本地模拟"]
        assert "新建 3" in texts[6]
        assert texts[7] == "3 在售"
        assert not dialog.take_down.isEnabled()  # nothing chosen yet
        dialog.select_run(dialog.runs[0].id)
        assert dialog.take_down.isEnabled()
        assert not dialog.relist.isEnabled()  # nothing taken down yet
        dialog.take_down.click()
        confirm = dialog.pending_confirm
        assert confirm is not None
        assert "3 个商品" in confirm.message.text()
        with qtbot.waitSignal(dialog.signals.done, timeout=30_000):
            confirm.ok_button.click()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
        assert statuses(sim) == ["instock"] * 3
        assert "下架了 3 个" in dialog.status.text()
        upload = next(n for n, r in enumerate(dialog.runs) if r.kind == "upload")
        assert dialog.table.item(upload, 7).text() == "3 已下架"
        assert dialog.table.item(0, 2).text() == "撤销上架"  # the undo is a run of its own
        assert dialog.selected() is not None  # still the upload run
        assert dialog.selected().kind == "upload"
        assert dialog.relist.isEnabled()
        dialog.relist.click()
        with qtbot.waitSignal(dialog.signals.done, timeout=30_000):
            dialog.pending_confirm.ok_button.click()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
        assert statuses(sim) == ["onsale"] * 3
        # 删除: typing anything but the count leaves OK disabled; cancel sends nothing
        dialog.select_run(next(r.id for r in dialog.runs if r.kind == "upload"))
        dialog.delete.click()
        confirm = dialog.pending_confirm
        assert not confirm.ok_button.isEnabled()
        confirm.entry.setText("2")
        assert not confirm.ok_button.isEnabled()
        confirm.reject()
        assert statuses(sim) == ["onsale"] * 3
        dialog.delete.click()
        confirm = dialog.pending_confirm
        confirm.entry.setText("3")
        assert confirm.ok_button.isEnabled()
        with qtbot.waitSignal(dialog.signals.done, timeout=30_000):
            confirm.ok_button.click()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
        assert statuses(sim) == ["deleted"] * 3
        kinds = [dialog.table.item(n, 2).text() for n in range(dialog.table.rowCount())]
        assert kinds == ["删除", "重新上架", "撤销上架", "上架"]


def test_a_session_of_another_shop_is_refused_and_nothing_changes(
        qtbot: QtBot, qapp: QApplication, sim: Simulator, tmp_path: Path) -> None:
    listed_run(sim, tmp_path, 2)
    other = sim.issue_session("another_shop")

    def connect() -> Connection:
        config = TopConfig(app_key=sim.config.app_key, gateway_url=sim.router_url,
                           oauth_base_url=sim.base_url)
        return Connection(config, "local", "another_shop", StaticSession(other), SECRET, other,
                          float("inf"))

    dialog = RunsDialog(UndoService(connect, publish_path=lambda c: "schema"))
    qtbot.addWidget(dialog)
    dialog.select_run(dialog.runs[0].id)
    dialog.take_down.click()
    with qtbot.waitSignal(dialog.signals.failed, timeout=30_000):
        dialog.pending_confirm.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert "demo_shop" in dialog.status.text()
    assert statuses(sim) == ["onsale"] * 2


def test_enter_closes_the_dialog_and_never_starts_taking_items_down(
        qtbot: QtBot, sim: Simulator, tmp_path: Path) -> None:
    session = listed_run(sim, tmp_path, 2)
    dialog = RunsDialog(service_for(sim, session))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.select_run(dialog.runs[0].id)
    dialog.table.setFocus()
    assert dialog.take_down.isEnabled()
    QTest.keyClick(dialog.table, Qt.Key.Key_Return)  # Enter, as after reading the list
    assert dialog.pending_confirm is None  # 撤销这次上架 was not asked for
    assert not dialog.isVisible()
    assert statuses(sim) == ["onsale"] * 2
