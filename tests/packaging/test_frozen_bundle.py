"""The frozen program itself: run by build/build.py (and so by .ci/run and the Windows workflow)
on the bundle it has just built, named by ``TAOSHELF_BUNDLE``; skipped without one.

Each test starts the real executable from a folder that is not the repository, with a fresh
per-user folder: resources must come from the bundle, the keyring backend must have survived
freezing (Secret Service in a private D-Bus session with gnome-keyring on Linux, Windows
Credential Manager on Windows), and a missing platform plugin must end in advice, not an abort.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.keyring_session import UNLOCKED, missing_tools, session_env

_NAMED = os.environ.get("TAOSHELF_BUNDLE")
BUNDLE = Path(_NAMED).resolve() if _NAMED else None
EXE = (BUNDLE / ("TaoShelf.exe" if sys.platform == "win32" else "TaoShelf")) if BUNDLE else None
LINUX = sys.platform.startswith("linux")
EXPECTED_BACKEND = {
    "win32": "keyring.backends.Windows.WinVaultKeyring",
    "darwin": "keyring.backends.macOS.Keyring",
}.get(sys.platform, "keyring.backends.SecretService.Keyring")

pytestmark = pytest.mark.skipif(
    EXE is None, reason="no bundle: build/build.py runs these with TAOSHELF_BUNDLE=dist/TaoShelf"
)


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, TAOSHELF_HOME=str(tmp_path / "taoshelf_home"), **extra)
    env.pop("PYTHONPATH", None)  # the bundle must need nothing from the source tree
    return env


def _run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    assert EXE is not None
    return subprocess.run(
        [str(EXE), *args], capture_output=True, text=True, timeout=120,
        env=_env(tmp_path, **env), cwd=tmp_path, check=False,
    )


def _report(stdout: str) -> dict[str, Any]:
    lines = [line for line in stdout.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    return json.loads(lines[0])


def test_bundle_holds_only_the_qt_files_kept() -> None:
    assert BUNDLE is not None
    files = [p.relative_to(BUNDLE).as_posix() for p in BUNDLE.rglob("*") if p.is_file()]
    plugins = {f.split("plugins/", 1)[1].split("/")[0] for f in files if "/plugins/" in f}
    assert plugins <= {"platforms", "imageformats", "platforminputcontexts", "styles"}, plugins
    qt_translations = [f for f in files if "PySide6" in f and f.endswith(".qm")]
    assert [Path(f).name for f in qt_translations] == ["qtbase_zh_CN.qm"]
    assert not [f for f in files if "gtk" in f.lower() or "wayland" in f.lower()]


def test_smoke_in_the_frozen_program(tmp_path: Path) -> None:
    if LINUX:
        reason = missing_tools()
        if reason:
            pytest.skip(reason)
        env = session_env(tmp_path)
        env.pop("PYTHONPATH", None)
        env.update(QT_QPA_PLATFORM="offscreen", TAOSHELF_HOME=str(tmp_path / "taoshelf_home"))
        # UNLOCKED runs "$0" "$@": here $0 is the frozen program itself
        result = subprocess.run(
            ["dbus-run-session", "--", "sh", "-c", UNLOCKED, str(EXE), "--smoke"],
            capture_output=True, text=True, timeout=240, env=env, cwd=tmp_path, check=False,
        )
    else:
        result = _run(tmp_path, "--smoke")  # the platform's own plugin and keyring
    assert result.returncode == 0, result.stdout + result.stderr
    report = _report(result.stdout)
    assert report["ok"] is True, report["problems"]
    assert report["frozen"] is True
    assert report["keyring"]["backend"] == EXPECTED_BACKEND
    assert report["keyring"]["state"] == "ok"
    assert report["template"]["source"] == "bundled"
    assert report["demo"]["rows"] == 13
    assert report["translation"]["language"] == "zh_CN"
    assert Path(report["resources"]["dir"]).is_relative_to(BUNDLE)
    expected_platform = {"win32": "windows", "darwin": "cocoa"}.get(sys.platform, "offscreen")
    assert report["qt_platform"] == expected_platform


def test_frozen_window_shows_and_closes(tmp_path: Path) -> None:
    extra = {"QT_QPA_PLATFORM": "offscreen"} if LINUX else {}
    result = _run(tmp_path, "--demo", TAOSHELF_EXIT_AFTER_SHOW="1", **extra)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[0])["shown"] is True


def test_frozen_missing_platform_plugin_prints_advice(tmp_path: Path) -> None:
    result = _run(tmp_path, "--demo", QT_QPA_PLATFORM="nosuchplugin")
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "淘上架无法打开窗口" in result.stderr
    assert "Traceback" not in result.stderr


def test_frozen_smoke_refuses_a_missing_keyring(tmp_path: Path) -> None:
    """No keyring reachable (no D-Bus session on Linux; a backend that cannot load): exit 1."""
    result = _run(
        tmp_path, "--smoke", QT_QPA_PLATFORM="offscreen",
        PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
        DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent",
    )
    assert result.returncode == 1, result.stdout + result.stderr
    report = _report(result.stdout)
    assert report["keyring"] is None
    assert any(p.startswith("keyring:") for p in report["problems"])
