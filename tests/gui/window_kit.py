"""Driving the real window in GUI tests: a shop on a simulator, opening a sheet, starting a run
through the confirmation the way a user does (click 开始上架, then the dialog's button)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.simulator import Simulator
from app.top.config import TopConfig
from app.ui.main_window import MainWindow
from app.upload.connection import Connection
from app.upload.session import StaticSession
from tests.sheetgen import HEADER, build_xlsx, picture, product_row


def shop_on(sim: Simulator, secret: str, nick: str = "测试店铺", rate: float = 50.0,
            env: str = "local") -> Connection:
    session = sim.issue_session(nick=nick)
    top = TopConfig(app_key=sim.config.app_key, gateway_url=sim.router_url,
                    oauth_base_url=sim.base_url)
    return Connection(top, env, nick, StaticSession(session), secret, session, rate)


def open_sheet(qtbot: QtBot, window: MainWindow, path: Path, timeout: int = 30_000) -> None:
    with qtbot.waitSignal(window.loader.signals.loaded, timeout=timeout):
        window.open_sheet(path)
    qtbot.waitUntil(lambda: window.machine.state.value == "ready", timeout=timeout)


def confirm(qtbot: QtBot, window: MainWindow, timeout: int = 60_000) -> bool:
    """Answer the run's confirmation with 开始上架 once it shows (True), or see the run end
    without one (nothing to send: False)."""
    return _answer(qtbot, window, timeout, lambda: not window.runs.running)


def _answer(qtbot: QtBot, window: MainWindow, timeout: int, ended: Callable[[], bool]) -> bool:
    coordinator = window.coordinator
    qtbot.waitUntil(lambda: coordinator.confirmation is not None or ended(), timeout=timeout)
    dialog = coordinator.confirmation
    if dialog is None:
        return False
    qtbot.waitUntil(dialog.isVisible)
    if dialog.plan.env == "production":
        dialog.production_tick.setChecked(True)
    dialog.start_button.click()
    return True


def start_confirmed(qtbot: QtBot, window: MainWindow, timeout: int = 60_000) -> bool:
    """Click 开始上架 and confirm (call it inside ``qtbot.waitSignal(window.runs.finished)``).
    The run may start later than the click (a correction is still being checked first)."""
    ended: list[object] = []

    def finished(*args: object) -> None:
        ended.append(args)

    window.runs.finished.connect(finished)  # a run with nothing to send ends unasked
    try:
        window.run_panel.start_button.click()
        return _answer(qtbot, window, timeout, lambda: bool(ended))
    finally:
        window.runs.finished.disconnect(finished)


def write_sheet(folder: Path, name: str, rows: int, *, start: int = 1,
                broken: frozenset[int] = frozenset()) -> Path:
    """A sheet of ``rows`` valid products (numbers ``start``…) sharing one picture file; the
    products numbered in ``broken`` have a price that is not a number (blocked)."""
    picture_path = folder / "主图.jpg"
    if not picture_path.exists():
        picture_path.write_bytes(picture(800, 800, (200, 80, 40), fmt="JPEG"))
    data = [HEADER]
    for n in range(start, start + rows):
        row = product_row(n, image="主图.jpg")
        if n in broken:
            row[2] = "abc"
        data.append(row)
    return build_xlsx(folder / name, data, write_only=rows > 200)
