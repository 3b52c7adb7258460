"""`taoshelf secret set|status|delete`: stdin or hidden prompt, never argv; never shown."""

from __future__ import annotations

import getpass
import io
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from app.cli import main
from app.credentials.store import SERVICE_NAME
from tests.keyring_memory import MemoryKeyring, use_memory_keyring

SECRET = "0123456789abcdef0123456789abcdef"


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def kr(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    return use_memory_keyring(monkeypatch)


def _answers(monkeypatch: pytest.MonkeyPatch, *values: str) -> list[str]:
    prompts: list[str] = []
    it: Iterator[str] = iter(values)

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(it)

    monkeypatch.setattr(sys, "stdin", FakeTty())
    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    return prompts


def test_set_from_stdin_then_status_and_delete(
    kr: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(SECRET + "\n"))
    assert main(["secret", "set", "--app-key", "12345678"]) == 0
    out = capsys.readouterr()
    assert "已保存在 内存密钥环（测试）" in out.out
    assert kr.get_password(SERVICE_NAME, "app_secret:12345678") == SECRET

    assert main(["secret", "status", "--app-key", "12345678"]) == 0
    out = capsys.readouterr()
    assert "已保存" in out.out
    assert "内存密钥环（测试）" in out.out
    assert SECRET not in out.out + out.err

    assert main(["secret", "delete", "--app-key", "12345678"]) == 0
    assert "已从" in capsys.readouterr().out
    assert kr.get_password(SERVICE_NAME, "app_secret:12345678") is None
    assert main(["secret", "status", "--app-key", "12345678"]) == 0
    assert "未保存" in capsys.readouterr().out
    assert main(["secret", "delete", "--app-key", "12345678"]) == 0
    assert "无需删除" in capsys.readouterr().out


def test_hidden_prompt_asked_twice(
    kr: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    prompts = _answers(monkeypatch, SECRET, SECRET)
    assert main(["secret", "set", "--app-key", "12345678"]) == 0
    assert len(prompts) == 2
    assert kr.get_password(SERVICE_NAME, "app_secret:12345678") == SECRET
    assert SECRET not in capsys.readouterr().out


def test_hidden_prompt_mismatch_stores_nothing(
    kr: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _answers(monkeypatch, SECRET, SECRET + "x")
    assert main(["secret", "set", "--app-key", "12345678"]) == 2
    assert "不一致" in capsys.readouterr().err
    assert kr.entries() == {}


def test_empty_stdin_is_unusable(
    kr: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["secret", "set", "--app-key", "12345678"]) == 2
    assert "标准输入" in capsys.readouterr().err
    assert kr.entries() == {}


def test_secret_is_never_accepted_from_argv(kr: MemoryKeyring) -> None:
    with pytest.raises(SystemExit) as info:
        main(["secret", "set", "--app-key", "12345678", SECRET])
    assert info.value.code == 2
    with pytest.raises(SystemExit):
        main(["secret", "set", "--app-key", "12345678", "--secret", SECRET])
    assert kr.entries() == {}


def test_active_shop_used_when_app_key_omitted(
    kr: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["secret", "status"]) == 2
    assert "--app-key" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO(SECRET))
    assert main(["secret", "set", "--app-key", "87654321"]) == 0
    capsys.readouterr()
    assert main(["secret", "status"]) == 0
    assert "87654321" in capsys.readouterr().out


@pytest.mark.parametrize(
    "backend",
    [
        "keyring.backends.fail.Keyring",
        "keyring.backends.null.Keyring",
        "keyrings.alt.file.PlaintextKeyring",  # a file backend: refused even if it were installed
        "keyring.backends.SecretService.Keyring",  # without a dbus session
    ],
)
def test_no_backend_exits_2_with_chinese_instruction(backend: str) -> None:
    """A real process whose configured keyring backend cannot keep secrets."""
    env = dict(os.environ, PYTHON_KEYRING_BACKEND=backend)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    result = subprocess.run(
        [sys.executable, "-m", "app", "secret", "set", "--app-key", "12345678"],
        input=SECRET,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "找不到可用的系统密钥环" in result.stderr
    assert "Traceback" not in result.stderr
    assert SECRET not in result.stdout + result.stderr
    status = subprocess.run(
        [sys.executable, "-m", "app", "secret", "status", "--app-key", "12345678"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert status.returncode == 2
    assert "密钥环" in status.stderr


@pytest.mark.parametrize("bad", ["", "   ", "abc", "1234567a", "helloworld", "12 34"])
@pytest.mark.parametrize("action", ["set", "status", "delete"])
def test_an_app_key_that_is_not_a_number_is_refused_and_the_active_shop_untouched(
    kr: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    bad: str, action: str,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(SECRET + "\n"))
    assert main(["secret", "set", "--app-key", "12345678"]) == 0  # the active shop
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdin", io.StringIO("another-secret-value\n"))
    assert main(["secret", action, "--app-key", bad]) == 2
    err = capsys.readouterr().err
    assert "App Key" in err
    assert "数字" in err or "为空" in err
    assert kr.get_password(SERVICE_NAME, "app_secret:12345678") == SECRET


def test_full_width_digits_are_taken_as_the_app_key(
    kr: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(SECRET + "\n"))
    assert main(["secret", "set", "--app-key", "１２３４５６７８"]) == 0  # typed with a Chinese IME
    assert kr.get_password(SERVICE_NAME, "app_secret:12345678") == SECRET
