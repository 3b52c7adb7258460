"""The list of shops (App Keys) and the active one, in a small non-secret settings file.

App Keys, labels and shop nicks are not secrets: they live in ``config_dir()/shops.json`` so that
the list can be shown without touching the keyring. Secrets and tokens never go here.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app import paths

SHOPS_FILE = "shops.json"
ENVS: tuple[str, ...] = ("local", "sandbox", "production")

_lock = threading.Lock()


@dataclass(frozen=True)
class ShopRef:
    """One stored shop: its App Key, a label for the UI, and the nick authorised per environment."""

    app_key: str
    label: str = ""
    nicks: dict[str, str] = field(default_factory=dict)

    @property
    def title(self) -> str:
        """What the UI shows: the label, else a nick, else the App Key."""
        if self.label:
            return self.label
        for env in ("production", "sandbox", "local"):
            if env in self.nicks:
                return self.nicks[env]
        return self.app_key


def validate_app_key(app_key: str) -> str:
    """Return the App Key (stripped; full-width digits made ASCII), or raise ValueError
    (Chinese) when it cannot be one: a Taobao App Key is a number (e.g. 12345678)."""
    key = unicodedata.normalize("NFKC", app_key).strip()
    if not key:
        raise ValueError("App Key 为空：请填写开放平台“应用管理”中显示的 App Key（一串数字，"
                         "例如 12345678）。")
    if not (key.isascii() and key.isdigit()) or len(key) > 32:
        raise ValueError(f"App Key“{key[:32]}”无效：App Key 是开放平台“应用管理”中显示的一串"
                         "数字（例如 12345678），请检查是否复制错了（App Secret 不是 App Key）。")
    return key


def validate_env(env: str) -> str:
    if env not in ENVS:
        raise ValueError(f"环境“{env}”无效：只能是 {'、'.join(ENVS)} 之一。")
    return env


class ShopRegistry:
    """Read/write ``shops.json`` (atomic replace, one lock per process)."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path

    @property
    def path(self) -> Path:
        return self._path if self._path is not None else paths.config_dir() / SHOPS_FILE

    def _load(self) -> dict[str, Any]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {"active": None, "shops": []}
        except (OSError, ValueError):
            # A damaged list is not worth losing the keyring over: start from an empty one.
            return {"active": None, "shops": []}
        if not isinstance(raw, dict) or not isinstance(raw.get("shops"), list):
            return {"active": None, "shops": []}
        return raw

    def _save(self, data: dict[str, Any]) -> None:
        path = self.path
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(data, ensure_ascii=False, indent=2)
        # A unique temporary name: the window and a CLI command may save at the same moment.
        fd, tmp = tempfile.mkstemp(prefix=".shops-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @staticmethod
    def _ref(entry: dict[str, Any]) -> ShopRef:
        nicks = entry.get("nicks") if isinstance(entry.get("nicks"), dict) else {}
        return ShopRef(
            app_key=str(entry["app_key"]),
            label=str(entry.get("label") or ""),
            nicks={str(k): str(v) for k, v in (nicks or {}).items()},
        )

    def shops(self) -> list[ShopRef]:
        with _lock:
            data = self._load()
        return [self._ref(e) for e in data["shops"] if isinstance(e, dict) and e.get("app_key")]

    def upsert(
        self,
        app_key: str,
        *,
        label: str | None = None,
        env: str | None = None,
        nick: str | None = None,
    ) -> ShopRef:
        """Add the shop if missing; update its label and/or the nick of one environment."""
        with _lock:
            data = self._load()
            entry = next((e for e in data["shops"] if e.get("app_key") == app_key), None)
            if entry is None:
                entry = {"app_key": app_key, "label": "", "nicks": {}}
                data["shops"].append(entry)
            if label is not None:
                entry["label"] = label
            if env is not None:
                nicks = entry.setdefault("nicks", {})
                if nick:
                    nicks[env] = nick
                else:
                    nicks.pop(env, None)
            if data.get("active") is None:
                data["active"] = app_key
            self._save(data)
            return self._ref(entry)

    def remove(self, app_key: str) -> None:
        with _lock:
            data = self._load()
            data["shops"] = [e for e in data["shops"] if e.get("app_key") != app_key]
            if data.get("active") == app_key:
                data["active"] = data["shops"][0]["app_key"] if data["shops"] else None
            self._save(data)

    def get_active(self) -> str | None:
        with _lock:
            data = self._load()
        active = data.get("active")
        known = {e.get("app_key") for e in data["shops"] if isinstance(e, dict)}
        return active if isinstance(active, str) and active in known else None

    def set_active(self, app_key: str) -> None:
        with _lock:
            data = self._load()
            if not any(e.get("app_key") == app_key for e in data["shops"]):
                raise KeyError(app_key)
            data["active"] = app_key
            self._save(data)
