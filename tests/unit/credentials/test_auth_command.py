"""`taoshelf auth shops|use|status|logout` without a network: several shops, the active one."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from app.cli import main
from app.credentials.store import CredentialStore
from app.top.oauth import TokenSet
from tests.keyring_memory import MemoryKeyring, use_memory_keyring


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> CredentialStore:
    use_memory_keyring(monkeypatch, MemoryKeyring())
    return CredentialStore()


def _tokens(nick: str, access: str, hours: float) -> TokenSet:
    now = datetime.now(UTC)
    return TokenSet(
        access_token=access,
        refresh_token=None,
        expires_at=now + timedelta(hours=hours),
        w1_expires_at=now + timedelta(hours=hours),
        nick=nick,
    )


def test_shops_and_use(store: CredentialStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["auth", "shops"]) == 0
    assert "还没有保存任何店铺" in capsys.readouterr().out
    store.set_secret("11111111", "secret-one")
    store.set_secret("22222222", "secret-two")
    store.set_tokens("22222222", "production", _tokens("二号店", "access-two-xyz", 5))
    assert main(["auth", "shops"]) == 0
    out = capsys.readouterr().out
    assert "* App Key 11111111（未授权）" in out
    assert "  App Key 22222222（production：二号店）" in out
    assert main(["auth", "use", "--app-key", "22222222"]) == 0
    capsys.readouterr()
    assert main(["auth", "shops"]) == 0
    assert "* App Key 22222222" in capsys.readouterr().out
    assert main(["auth", "use", "--app-key", "99999999"]) == 2
    assert "99999999" in capsys.readouterr().err


def test_status_and_logout_of_the_active_shop(
    store: CredentialStore, capsys: pytest.CaptureFixture[str]
) -> None:
    store.set_secret("11111111", "secret-one")
    store.set_tokens("11111111", "sandbox", _tokens("沙箱店", "access-sandbox-xyz", 2))
    store.set_tokens("11111111", "local", _tokens("过期店", "access-local-xyz", -1))
    assert main(["auth", "status"]) == 0
    out = capsys.readouterr().out
    assert "production：未授权" in out
    assert "sandbox：店铺“沙箱店”，有效" in out
    assert "local：店铺“过期店”，已过期，需要重新授权" in out
    assert "access-" not in out
    assert main(["auth", "logout"]) == 0
    assert store.get_tokens("11111111", "sandbox") is None
    assert store.get_tokens("11111111", "local") is None
    assert store.get_secret("11111111") == "secret-one"  # logout keeps the App Secret


def test_no_backend_exits_2() -> None:
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    result = subprocess.run(
        [sys.executable, "-m", "app", "auth", "status", "--app-key", "12345678"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 2
    assert "找不到可用的系统密钥环" in result.stderr


@pytest.mark.parametrize("argv", [
    ["auth", "status", "--app-key", ""],
    ["auth", "logout", "--app-key", "abc"],
    ["auth", "use", "--app-key", "12ab"],
    ["auth", "login", "--app-key", "", "--env", "local", "--no-browser"],
])
def test_an_app_key_that_is_not_a_number_is_refused(
    store: CredentialStore, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    store.set_secret("11111111", "secret-one")
    store.set_tokens("11111111", "local", _tokens("一号店", "access-one-xyz", 5))
    assert main(argv) == 2
    assert "App Key" in capsys.readouterr().err
    assert store.get_tokens("11111111", "local") is not None  # the active shop untouched
    assert store.get_active().app_key == "11111111"  # type: ignore[union-attr]
