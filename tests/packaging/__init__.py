"""Tests of the packaging: build/ (bundle rules, version resource, installer script) and, when
``TAOSHELF_BUNDLE`` names a built bundle, the frozen program itself."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def build_module(name: str) -> ModuleType:
    """Import ``build/<name>.py`` (build/ is not a package: installer.spec puts it on sys.path)."""
    path = ROOT / "build" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"taoshelf_build_{name}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
