"""The window and its shops: a freshly set-up 本地模拟 shop uploads to the end; the switcher changes
the indicator and the shop the run reaches; 正式 looks different; ``--env`` opens the window on
that environment; a missing setup is explained without a command."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app import settings_store
from app.credentials.authorize import authorize
from app.credentials.store import CredentialStore
from app.simulator import Simulator, SimulatorConfig
from app.top.config import TopConfig
from app.top.oauth import OAuthClient
from app.ui.main_window import MainWindow
from app.ui.shop_switcher import BADGE_STYLE
from app.ui.table_model import Status
from tests.gui.shop_kit import (
    APP_KEY,
    SECRET,
    authorise,
    chinese,
    fill_shop,
    sheet_without_location,
)
from tests.gui.window_kit import start_confirmed
from tests.keyring_memory import use_memory_keyring
from tests.oauth_browser import Browser
from tests.upload_kit import items_by_outer_id

OTHER_KEY, OTHER_SECRET = "34567890", "sim-secret-other-shop-88"


@pytest.fixture
def sim() -> Simulator:
    config = SimulatorConfig(app_key=APP_KEY, app_secret=SECRET, latency_ms=5,
                             extra_apps={OTHER_KEY: OTHER_SECRET})
    with Simulator(config, host="127.0.0.1", port=0) as running:
        yield running


def _run(qtbot: QtBot, window: MainWindow, sheet: Path) -> None:
    with qtbot.waitSignal(window.loader.signals.loaded, timeout=30_000):
        window.open_sheet(sheet)
    with qtbot.waitSignal(window.runs.finished, timeout=120_000):
        start_confirmed(qtbot, window)


def test_a_freshly_set_up_local_shop_uploads_to_the_end(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sim: Simulator
) -> None:
    use_memory_keyring(monkeypatch)
    window = MainWindow(open_browser=Browser(nick="新开小店"))
    qtbot.addWidget(window)
    assert window.shop_ui.switcher.env == "none"
    dialog = window.shop_ui.first_run()
    fill_shop(dialog, app_key=APP_KEY, secret=SECRET, env="local", gateway=sim.router_url)
    authorise(qtbot, dialog, "新开小店")
    dialog.accept()
    assert window.shop_ui.switcher.env == "local"
    assert "新开小店" in window.shop_ui.switcher.button.text()

    settings = window.shop_ui.open_settings()  # the sheet has no 省份/城市: the shop's default
    settings.state_edit.setText("广东")
    settings.city_edit.setText("广州")
    assert settings.save()

    _run(qtbot, window, sheet_without_location(tmp_path, 6))
    items = items_by_outer_id(sim)
    assert sorted(items) == [f"SKU-{n:05d}" for n in range(1, 7)]
    assert all(len(copies) == 1 for copies in items.values())
    assert {(v[0]["location"]["state"], v[0]["location"]["city"]) for v in items.values()} == {
        ("广东", "广州")}
    assert all(s.status is Status.LISTED for s in window.model.rows())
    assert window.session.results is not None
    assert window.session.results.listed == 6

    again = MainWindow()  # next day: the shop's journal says these rows are listed, at load
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.products.journal.found, timeout=30_000):
        again.open_sheet(tmp_path / "货品.xlsx")
    ids = {str(v[0]["num_iid"]) for v in items.values()}
    assert all(s.status is Status.SKIPPED for s in again.model.rows())  # 已上架 (before)
    assert {next(i for i in ids if i in s.status_text()) for s in again.model.rows()} == ids


def _shop(store: CredentialStore, sim: Simulator, key: str, secret: str, env: str,
          nick: str) -> None:
    store.set_secret(key, secret)
    store.configure_shop(key, env="local", gateway=sim.router_url)
    top = TopConfig(app_key=key, gateway_url=sim.router_url, oauth_base_url=sim.base_url)
    authorize(OAuthClient(top, secret), store, key, env, open_browser=Browser(nick=nick))


def test_switching_shops_changes_the_indicator_and_the_shop_the_run_reaches(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sim: Simulator
) -> None:
    use_memory_keyring(monkeypatch)
    store = CredentialStore()
    _shop(store, sim, APP_KEY, SECRET, "local", "甲店")
    _shop(store, sim, OTHER_KEY, OTHER_SECRET, "local", "乙店")
    settings_store.save(OTHER_KEY, "local", settings_store.with_location(
        settings_store.load(OTHER_KEY), "江苏/南京"))
    window = MainWindow()
    qtbot.addWidget(window)
    switcher = window.shop_ui.switcher
    assert "甲店" in switcher.button.text()

    switcher.menu.aboutToShow.emit()  # the menu lists both shops
    names = [a.text() for a in switcher.menu.actions() if a.text()]
    assert any("乙店" in n for n in names)
    assert switcher.switch_to(OTHER_KEY)
    assert "乙店" in switcher.button.text()

    _run(qtbot, window, sheet_without_location(tmp_path, 3))
    adds = [c for c in sim.calls() if c.get("method") == "taobao.item.add"]
    assert {c["app_key"] for c in adds} == {OTHER_KEY}
    assert {c["nick"] for c in adds} == {"乙店"}
    assert {v[0]["location"]["city"] for v in items_by_outer_id(sim).values()} == {"南京"}


def test_switching_is_refused_during_a_run(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_memory_keyring(monkeypatch)
    window = MainWindow()
    qtbot.addWidget(window)
    window.shops.registry.configure(APP_KEY, env="production")
    window.shops.registry.configure(OTHER_KEY, env="sandbox")
    window.shops.refresh()
    monkeypatch.setattr(type(window.runs), "running", property(lambda _: True))
    with qtbot.waitSignal(window.shop_ui.switcher.refused):
        assert not window.shop_ui.switcher.switch_to(OTHER_KEY)
    assert window.shops.current.app_key == APP_KEY
    assert "switch shops after it ends" in window.statusBar().currentMessage()


def test_production_looks_different_from_the_sandbox(qtbot: QtBot, qapp: QApplication) -> None:
    with chinese(qapp):
        window = MainWindow()
        qtbot.addWidget(window)
        shops, badge = window.shops, window.shop_ui.switcher.badge
        shops.registry.configure(APP_KEY, env="production")
        shops.registry.configure(OTHER_KEY, env="sandbox")
        shops.refresh()
        assert (badge.objectName(), badge.property("env"), badge.text()) == (
            "envBadge", "production", "正式")
        assert "真实的淘宝店铺" in badge.toolTip()
        window.shop_ui.switcher.switch_to(OTHER_KEY)
        assert (badge.property("env"), badge.text()) == ("sandbox", "沙箱")
        assert badge.toolTip() == ""
    backgrounds = {
        line.split('"')[1]: line.split("background:")[1].split(";")[0].strip()
        for line in BADGE_STYLE.splitlines() if "[env=" in line
    }
    assert backgrounds["production"] not in (backgrounds["sandbox"], backgrounds["local"])


def test_env_flag_opens_the_window_on_that_environment(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sim: Simulator
) -> None:
    use_memory_keyring(monkeypatch)
    store = CredentialStore()
    _shop(store, sim, APP_KEY, SECRET, "local", "甲店")
    store.configure_shop(APP_KEY, env="production")  # its own environment is production
    window = MainWindow(env="local", gateway=sim.router_url)
    qtbot.addWidget(window)
    assert window.shop_ui.switcher.env == "local"
    assert window.shops.current.overridden
    settings_store.save(APP_KEY, "local", settings_store.with_location(
        settings_store.load(APP_KEY), "浙江/杭州"))
    _run(qtbot, window, sheet_without_location(tmp_path, 2, "两行.xlsx"))
    assert sorted(items_by_outer_id(sim)) == ["SKU-00001", "SKU-00002"]
    adds = [c for c in sim.calls() if c.get("method") == "taobao.item.add"]
    assert {(c["app_key"], c["nick"]) for c in adds} == {(APP_KEY, "甲店")}


def test_cli_passes_env_and_gateway_to_the_window(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import app.ui.application as application
    from app.cli import main

    seen: dict[str, object] = {}
    monkeypatch.setattr(application, "run_gui", lambda **kw: seen.update(kw) or 0)
    assert main(["货品.xlsx", "--env", "local", "--gateway", "127.0.0.1:8080"]) == 0
    assert seen["env"] == "local"
    assert seen["gateway"] == "http://127.0.0.1:8080/router/rest"
    assert main(["--gateway", "http://127.0.0.1:9000"]) == 0
    assert seen["env"] == "local"  # a gateway is the local simulator's
    assert main(["--env", "sandbox", "--gateway", "http://192.168.1.9/router/rest"]) == 2
    assert "本机" in capsys.readouterr().err


def test_a_missing_setup_is_explained_without_a_command(
    qtbot: QtBot, tmp_path: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_memory_keyring(monkeypatch)
    with chinese(qapp):
        window = MainWindow()
        qtbot.addWidget(window)
        window.shops.registry.configure(APP_KEY, env="sandbox")  # no secret, no authorisation
        window.shops.refresh()
        _run(qtbot, window, sheet_without_location(tmp_path, 1))
        text = window.run_panel.line.text()
    assert "设置 → 店铺" in text
    assert "App Secret" in text
    assert "taoshelf" not in text
    assert "--" not in text
