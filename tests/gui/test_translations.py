"""The UI speaks Chinese by default: every English source string has a finished translation and
the committed .qm is the one built from the committed .ts (regenerate: see README)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app import paths
from app.ui.application import install_translations

TS = paths.resource("translations", "taoshelf_zh_CN.ts")
QM = paths.resource("translations", "taoshelf_zh_CN.qm")
UI_SOURCES = sorted(str(p) for p in (paths.RESOURCES.parent / "app" / "ui").glob("*.py"))


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip(f"{name} is not installed next to this Python")
    return found


def test_every_ui_string_is_translated(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    subprocess.run(
        [_tool("pyside6-lupdate"), *UI_SOURCES, "-ts", str(fresh)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = fresh.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text, "new UI strings need a Chinese translation"


def test_committed_qm_is_built_from_the_ts(tmp_path: Path) -> None:
    built = tmp_path / "built.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), str(TS), "-qm", str(built)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert built.read_bytes() == QM.read_bytes()


def test_chinese_is_the_default(qapp: QApplication) -> None:
    installed = install_translations(qapp)
    try:
        assert QApplication.translate("RunPanel", "Start upload") == "开始上架"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
    assert QApplication.translate("RunPanel", "Start upload") == "Start upload"
