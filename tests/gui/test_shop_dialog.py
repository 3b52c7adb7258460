"""设置 → 店铺: the App Secret goes to the keyring and to no file; authorising through the
simulator's pages (browser + loopback, and the pasted-address fallback) shows the nick and
both expiries; 测试连接 proves the secret and the session, or says in Chinese what is wrong;
no keyring: what to do, and nothing saved."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import keyring.backends.fail
import pytest
import requests
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from app import paths
from app.credentials.store import SERVICE_NAME, CredentialStore
from app.simulator import Simulator, SimulatorConfig
from app.top.chinatime import to_china
from app.ui.main_window import MainWindow
from app.ui.shop_context import ShopContext
from app.ui.shop_dialog import ShopsDialog
from tests.gui.shop_kit import APP_KEY, SECRET, authorise, chinese, fill_shop
from tests.keyring_memory import use_memory_keyring
from tests.oauth_browser import Browser
from tests.secret_scan import find_secrets


def test_the_secret_goes_to_the_keyring_and_to_no_file(
    qtbot: QtBot, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    kr = use_memory_keyring(monkeypatch)
    with chinese(qapp):
        window = MainWindow()
        qtbot.addWidget(window)
        dialog = window.shop_ui.first_run()
        assert dialog is not None
        assert dialog.welcome.isVisible()
        assert dialog.form.env_buttons["sandbox"].isChecked()  # new shops start in the sandbox
        fill_shop(dialog, app_key="２３４５６７８９", secret=SECRET, env="sandbox", label="小店")
        dialog.form.save_button.click()

        assert kr.entries() == {(SERVICE_NAME, f"app_secret:{APP_KEY}"): SECRET}
        assert dialog.form.secret_edit.text() == ""  # never shown again
        assert "已保存在系统钥匙串（内存密钥环（测试））" in dialog.form.secret_note.text()
        saved = json.loads((paths.config_dir() / "shops.json").read_text("utf-8"))
        assert saved["active"] == APP_KEY
        assert saved["shops"][0]["env"] == "sandbox"
        assert window.shop_ui.switcher.env == "sandbox"
        assert "小店" in window.shop_ui.switcher.button.text()
        dialog.reject()
    scanned: list[Path] = []
    assert find_secrets(paths.user_dirs(), [SECRET], scanned) == []
    assert any(p.name == "shops.json" for p in scanned)


def test_bad_app_key_and_missing_secret_are_said_in_chinese(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    kr = use_memory_keyring(monkeypatch)
    dialog = ShopsDialog(ShopContext())
    qtbot.addWidget(dialog)
    fill_shop(dialog, app_key="abc-secret", secret=SECRET, env="production")
    assert dialog.form.save() is False
    assert "App Key" in dialog.form.result_label.text()
    assert "一串数字" in dialog.form.result_label.text()
    fill_shop(dialog, app_key=APP_KEY, secret="", env="local", gateway="http://10.0.0.5/x")
    assert dialog.form.save() is False
    fill_shop(dialog, app_key=APP_KEY, secret=SECRET, env="local", gateway="http://10.0.0.5/x")
    assert dialog.form.save() is False
    assert "本机" in dialog.form.result_label.text()  # no plain http to another computer
    assert kr.entries() == {}


def test_no_keyring_says_what_to_do_on_windows_and_saves_nothing(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keyring.core, "_keyring_backend", keyring.backends.fail.Keyring())
    with monkeypatch.context() as patch:  # the Windows wording, on any machine
        patch.setattr(sys, "platform", "win32")
        dialog = ShopsDialog(ShopContext())
    qtbot.addWidget(dialog)
    text = dialog.keyring_banner.text()
    assert not dialog.keyring_banner.isHidden()
    assert "凭据管理器" in text
    assert "不会把密钥保存到普通文件" in text
    assert "taoshelf" not in text
    fill_shop(dialog, app_key=APP_KEY, secret=SECRET, env="sandbox")
    assert not dialog.form.secret_edit.isEnabled()
    assert not dialog.form.save_button.isEnabled()
    assert dialog.form.save() is False
    assert not (paths.config_dir() / "shops.json").exists()


def test_no_keyring_on_a_linux_desktop_names_no_command(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keyring.core, "_keyring_backend", keyring.backends.fail.Keyring())
    with monkeypatch.context() as patch:
        patch.setattr(sys, "platform", "linux")
        dialog = ShopsDialog(ShopContext())
    qtbot.addWidget(dialog)
    assert "gnome-keyring-daemon" not in dialog.keyring_banner.text()
    assert "密钥环" in dialog.keyring_banner.text()


@pytest.fixture
def sim() -> Simulator:
    config = SimulatorConfig(app_key=APP_KEY, app_secret=SECRET, session_ttl=86400, w1_ttl=3600)
    with Simulator(config, host="127.0.0.1", port=0) as running:
        yield running


def test_authorising_through_the_simulator_shows_nick_and_both_expiries(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, sim: Simulator
) -> None:
    use_memory_keyring(monkeypatch)
    browser = Browser(nick="杭州小店")
    dialog = ShopsDialog(ShopContext(), open_browser=browser)
    qtbot.addWidget(dialog)
    fill_shop(dialog, app_key=APP_KEY, secret=SECRET, env="local", gateway=sim.router_url)
    authorise(qtbot, dialog, "杭州小店")

    assert len(browser.opened) == 1
    assert "127.0.0.1" in browser.opened[0]  # a loopback callback
    tokens = CredentialStore().get_tokens(APP_KEY, "local")
    assert tokens is not None
    status = dialog.form.status_label.text()
    for moment in (tokens.expires_at, tokens.w1_expires_at):
        assert to_china(moment).strftime("%Y-%m-%d %H:%M") in status
    assert dialog.context.current.nick == "杭州小店"
    assert find_secrets(paths.user_dirs(), [SECRET, tokens.access_token]) == []


def test_pasting_the_address_the_browser_ended_on(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, sim: Simulator
) -> None:
    use_memory_keyring(monkeypatch)
    browser = Browser(nick="粘贴小店", follow=False)  # the redirect never reaches TaoShelf
    dialog = ShopsDialog(ShopContext(), open_browser=browser)
    qtbot.addWidget(dialog)
    fill_shop(dialog, app_key=APP_KEY, secret=SECRET, env="local", gateway=sim.router_url)
    dialog.form.authorize_button.click()
    qtbot.waitUntil(lambda: bool(browser.location), timeout=30_000)
    box = dialog.form.auth_box
    qtbot.waitUntil(lambda: box.url_edit.text() == browser.opened[0], timeout=10_000)
    assert not box.isHidden()
    box.paste_edit.setText(browser.location)
    with qtbot.waitSignal(dialog.tasks.authorised, timeout=30_000):
        box.submit_button.click()
    qtbot.waitUntil(lambda: "粘贴小店" in dialog.form.status_label.text(), timeout=10_000)


def test_test_connection_proves_secret_and_session_or_explains_code_25(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, sim: Simulator
) -> None:
    use_memory_keyring(monkeypatch)
    dialog = ShopsDialog(ShopContext(), open_browser=Browser(nick="测试小店"))
    qtbot.addWidget(dialog)
    form = dialog.form
    fill_shop(dialog, app_key=APP_KEY, secret=SECRET, env="local", gateway=sim.router_url)

    def test_connection() -> str:
        with qtbot.waitSignal(dialog.tasks.busy_changed, timeout=30_000,
                              check_params_cb=lambda busy: not busy):
            form.test_button.click()
        return form.result_label.text()

    assert "App Key 和 App Secret 正确" in test_connection()  # before authorising
    authorise(qtbot, dialog, "测试小店")
    answer = test_connection()
    assert "连接成功" in answer
    assert "测试小店" in answer
    calls = [c for c in sim.calls() if c.get("method") == "taobao.user.seller.get"]
    assert calls[-1]["verdict"] == "ok"

    form.secret_edit.setText("a-wrong-secret-999")
    failed = test_connection()
    assert "签名无效" in failed  # code 25, in Chinese, with what to do
    assert "App Secret" in failed
    assert "taoshelf" not in failed


def test_closing_while_authorising_stops_waiting_for_the_browser(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, sim: Simulator
) -> None:
    use_memory_keyring(monkeypatch)
    browser = Browser(nick="半途小店", follow=False)
    dialog = ShopsDialog(ShopContext(), open_browser=browser)
    qtbot.addWidget(dialog)
    fill_shop(dialog, app_key=APP_KEY, secret=SECRET, env="local", gateway=sim.router_url)
    dialog.form.authorize_button.click()
    qtbot.waitUntil(lambda: bool(browser.location), timeout=30_000)
    assert dialog.tasks.busy
    dialog.reject()  # the flow is cancelled and its loopback listener closed, at once
    assert dialog.tasks.shutdown(0)
    with pytest.raises(requests.ConnectionError):
        requests.get(browser.location, timeout=5)
    assert CredentialStore().get_tokens(APP_KEY, "local") is None


def test_removing_a_shop_deletes_its_secret_and_tokens(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, sim: Simulator
) -> None:
    kr = use_memory_keyring(monkeypatch)
    context = ShopContext()
    dialog = ShopsDialog(context, open_browser=Browser(nick="要删的店"))
    qtbot.addWidget(dialog)
    fill_shop(dialog, app_key=APP_KEY, secret=SECRET, env="local", gateway=sim.router_url)
    authorise(qtbot, dialog, "要删的店")
    assert len(kr.entries()) == 2  # the secret and the token set
    assert dialog.remove_current(confirm=False)
    assert kr.entries() == {}
    assert context.current is None
    assert dialog.shop_list.count() == 0


def test_later_becomes_close_once_a_shop_is_saved(
    qtbot: QtBot, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    """First run: 稍后设置 fits while there is no shop; once one is saved it reads 关闭."""
    use_memory_keyring(monkeypatch)
    with chinese(qapp):
        window = MainWindow()
        qtbot.addWidget(window)
        dialog = window.shop_ui.first_run()
        assert dialog is not None
        buttons = dialog.findChildren(QDialogButtonBox)
        close = next(b.button(QDialogButtonBox.StandardButton.Close) for b in buttons
                     if b.button(QDialogButtonBox.StandardButton.Close) is not None)
        assert close.text() == "稍后设置"
        fill_shop(dialog, app_key=APP_KEY, secret=SECRET, env="sandbox", label="小店")
        dialog.form.save_button.click()
        assert close.text() == "关闭"
        dialog.reject()
