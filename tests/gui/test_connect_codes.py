"""Every way a connection can be unusable carries a code; the command line keeps its hints and
the window says what to do in 设置 → 店铺 — never a command."""

from __future__ import annotations

import keyring.backends.fail
import pytest
from PySide6.QtWidgets import QApplication

from app.credentials.shops import ShopRegistry
from app.credentials.store import CredentialStore
from app.ui.shop_text import connect_error_text
from app.upload.connection import ConnectError, connect
from tests.gui.shop_kit import chinese
from tests.keyring_memory import use_memory_keyring

KEY = "12345678"


def _fail(**kwargs: object) -> ConnectError:
    with pytest.raises(ConnectError) as info:
        connect(store=CredentialStore(), **kwargs)  # type: ignore[arg-type]
    return info.value


def _cases(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ConnectError]]:
    use_memory_keyring(monkeypatch)
    found = [("no_shop", _fail(env="production"))]
    ShopRegistry().configure(KEY, env="sandbox")
    found.append(("no_secret", _fail(env="sandbox", app_key=KEY)))
    CredentialStore().set_secret(KEY, "a-secret-for-codes")
    found.append(("not_authorised", _fail(env="sandbox", app_key=KEY)))
    found.append(("no_gateway", _fail(env="local", app_key=KEY)))
    found.append(("bad_app_key", _fail(env="sandbox", app_key="abc")))
    monkeypatch.setattr(keyring.core, "_keyring_backend", keyring.backends.fail.Keyring())
    found.append(("no_keyring", _fail(env="sandbox", app_key=KEY)))
    return found


def test_codes_and_window_wording(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    cases = _cases(monkeypatch)
    assert [code for code, _ in cases] == [exc.code for _, exc in cases]
    cli = {code: str(exc) for code, exc in cases}
    assert "taoshelf secret set" in cli["no_secret"]  # the command line keeps its hints
    assert "taoshelf auth login" in cli["not_authorised"]
    with chinese(qapp):
        window = {code: connect_error_text(exc) for code, exc in cases}
    for code, text in window.items():
        assert "taoshelf" not in text, code
        assert "--" not in text, code
        assert "gnome-keyring-daemon" not in text, code
    for code in ("no_shop", "no_secret", "not_authorised", "no_gateway"):
        assert "设置 → 店铺" in window[code], code
    assert "授权店铺" in window["not_authorised"]
    assert "网关地址" in window["no_gateway"]
    assert "密钥环" in window["no_keyring"] or "钥匙串" in window["no_keyring"]
