"""A shop's authorisation lapses mid-run: the window pauses with a banner, 重新授权 runs the
browser flow against the simulator's OAuth pages, and the run carries on — every row once."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import requests
from pytestqt.qtbot import QtBot

from app.credentials.authorize import authorize
from app.credentials.store import CredentialStore
from app.simulator import Simulator, SimulatorConfig
from app.top.config import TopConfig
from app.top.oauth import OAuthClient
from app.ui.main_window import MainWindow
from app.ui.table_model import Status
from app.upload.connection import connect
from app.upload.events import RowListed
from tests.gui.window_kit import start_confirmed
from tests.keyring_memory import use_memory_keyring
from tests.oauth_browser import Browser
from tests.sheetgen import HEADER, build_xlsx, picture, product_row

APP_KEY = "12345678"
SECRET = "sim-secret-reauth-42"
ROWS = 8


def _items(sim: Simulator) -> list[dict]:
    data = requests.get(sim.base_url + "/_sim/items", timeout=10).json()
    return data.get("items", data) if isinstance(data, dict) else data


def test_lapsed_authorisation_pauses_then_resumes_after_reauthorising(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_memory_keyring(monkeypatch)
    store = CredentialStore()
    store.set_secret(APP_KEY, SECRET)
    rows = [HEADER, *(product_row(n) for n in range(1, ROWS + 1))]
    floating = {f"G{n + 1}": picture(820, 820, (n * 20, 80, 160)) for n in range(1, ROWS + 1)}
    sheet = build_xlsx(tmp_path / "货品.xlsx", rows, floating=floating)

    config = SimulatorConfig(app_key=APP_KEY, app_secret=SECRET, latency_ms=40)
    with Simulator(config, host="127.0.0.1", port=0) as sim:
        top = TopConfig(app_key=APP_KEY, gateway_url=sim.router_url, oauth_base_url=sim.base_url)
        first = authorize(
            OAuthClient(top, SECRET), store, APP_KEY, "local", open_browser=Browser(nick="店铺A")
        )
        # an app that cannot refresh: only the user can bring the session back
        store.set_tokens(APP_KEY, "local", dataclasses.replace(first.tokens, refresh_token=None))

        browser = Browser(nick="店铺A")
        window = MainWindow(
            connection=lambda: connect(
                "local", app_key=APP_KEY, gateway=sim.router_url, rate=20.0, store=store
            ),
            open_browser=browser,
        )
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.loader.signals.loaded, timeout=30_000):
            window.open_sheet(sheet)

        expired: list[bool] = []

        def expire_after_first_listing(event: object) -> None:
            if isinstance(event, RowListed) and not expired:
                expired.append(True)
                sim.set_faults(expire_sessions=True)

        window.runs.event.connect(expire_after_first_listing)
        start_confirmed(qtbot, window)
        qtbot.waitUntil(lambda: not window.reauth_bar.isHidden(), timeout=60_000)
        assert "授权" in window.reauth_bar.label.text()
        assert browser.opened == []

        with qtbot.waitSignal(window.runs.finished, timeout=120_000):
            window.reauth_bar.reauthorize_button.click()

        assert len(browser.opened) == 1
        assert window.reauth_bar.isHidden()
        items = _items(sim)
        outer_ids = sorted(item["outer_id"] for item in items)
        assert outer_ids == sorted(f"SKU-{n:05d}" for n in range(1, ROWS + 1))
        assert all(s.status is Status.LISTED for s in window.model.rows())
        assert store.get_tokens(APP_KEY, "local").access_token != first.tokens.access_token
