"""Starting the window where Qt cannot load its platform plugin prints what to do (Chinese) and
exits 2, instead of Qt's bare "Could not load the Qt platform plugin" abort (SIGABRT)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.ui.qt_platform import DEBIAN_PACKAGES, advice, available_plugins

ROOT = Path(__file__).resolve().parents[2]


def _start(env_changes: dict[str, str | None], *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    for name, value in env_changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True, text=True, timeout=120, env=env, cwd=ROOT, check=False,
    )


@pytest.mark.parametrize("args", [(), ("--demo",), ("--smoke",)])
def test_unknown_platform_plugin_prints_advice_and_exits_2(args: tuple[str, ...]) -> None:
    result = _start({"QT_QPA_PLATFORM": "nosuchplugin"}, *args)
    assert result.returncode == 2, (result.returncode, result.stderr)  # not -6 (abort)
    assert "淘上架无法打开窗口" in result.stderr
    assert "QT_QPA_PLATFORM=nosuchplugin 指定的插件不存在" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xcb is Linux's plugin")
def test_no_display_on_linux_names_the_packages_and_the_display() -> None:
    """What a fresh headless Linux machine sees for `taoshelf --demo`."""
    result = _start(
        {"QT_QPA_PLATFORM": "xcb", "DISPLAY": None, "WAYLAND_DISPLAY": None}, "--demo"
    )
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "DISPLAY 未设置" in result.stderr
    assert "sudo apt-get install " + " ".join(DEBIAN_PACKAGES) in result.stderr
    assert "指定的插件不存在" not in result.stderr  # xcb exists; it just cannot start here


def test_advice_points_at_variables_other_software_sets() -> None:
    text = advice(
        {"QT_PLUGIN_PATH": r"C:\OtherApp\plugins", "QT_QPA_PLATFORM": "windows"},
        "Available platform plugins are: direct2d, minimal, offscreen, windows.",
        platform="win32",
    )
    assert r"QT_PLUGIN_PATH=C:\OtherApp\plugins" in text
    assert "QT_QPA_PLATFORM" not in text  # "windows" is available: not the culprit
    assert "重新安装淘上架" in text
    assert "apt-get" not in text


def test_available_plugins_parsed_from_qt_message() -> None:
    message = (
        "This application failed to start because no Qt platform plugin could be initialized."
        "\n\nAvailable platform plugins are: minimal, offscreen, xcb.\n"
    )
    assert available_plugins(message) == ["minimal", "offscreen", "xcb"]
    assert available_plugins("no list here") == []


def test_readme_and_ci_install_the_packages_the_advice_names() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    listed = re.search(r"^window_debs=\(([^)]*)\)", ci, re.MULTILINE)
    assert listed, ".ci/run has no window_debs=(...) list"
    assert listed.group(1).split() == list(DEBIAN_PACKAGES)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "sudo apt-get install " + " ".join(DEBIAN_PACKAGES) in readme
