"""Where TaoShelf keeps its files: bundled resources and the per-user directories.

Set ``TAOSHELF_HOME`` to put every per-user directory under one folder (tests, portable use).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from app import APP_NAME

# `app/` and `resources/` sit side by side both in the source tree and in the frozen bundle.
RESOURCES = Path(__file__).resolve().parent.parent / "resources"


# The template users fill in, as a file: installer.spec writes it from app.excel.template at build
# time into resources/template/ of the bundle (a source checkout has none; `taoshelf template`
# writes one anywhere).
TEMPLATE_FILE = "淘上架商品模板.xlsx"


def resource(*parts: str) -> Path:
    """Path of a bundled resource, e.g. ``resource("demo", "demo.xlsx")``."""
    return RESOURCES.joinpath(*parts)


def _user_dir(kind: str) -> Path:
    home = os.environ.get("TAOSHELF_HOME")
    if home:
        path = Path(home) / kind
    else:
        getter = {
            "config": platformdirs.user_config_dir,
            "data": platformdirs.user_data_dir,
            "log": platformdirs.user_log_dir,
            "cache": platformdirs.user_cache_dir,
        }[kind]
        path = Path(getter(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    return _user_dir("config")


def data_dir() -> Path:
    return _user_dir("data")


def log_dir() -> Path:
    return _user_dir("log")


def cache_dir() -> Path:
    return _user_dir("cache")


def user_dirs() -> list[Path]:
    """Every per-user directory the app writes to (used by the 'no secret on disk' scan)."""
    return [config_dir(), data_dir(), log_dir(), cache_dir()]
