"""Shared test setup: offscreen Qt, and every per-user directory under a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def taoshelf_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Isolate config/data/log/cache dirs per test (see app.paths)."""
    home = tmp_path_factory.mktemp("taoshelf_home")
    monkeypatch.setenv("TAOSHELF_HOME", str(home))
    return home
