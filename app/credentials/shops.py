"""The list of shops (App Keys) and the active one, in a small non-secret settings file.

App Keys, labels, shop nicks, each shop's environment (正式 / 沙箱 / 本地模拟), the gateway of a
本地模拟 shop and its registered callback address are not secrets: they live in
``config_dir()/shops.json`` so that the list can be shown without touching the keyring. The
current shop is ``active``; its environment is the shop's own ``env``. Secrets and tokens never
go here.
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
from urllib.parse import urlsplit, urlunsplit

from app import paths

SHOPS_FILE = "shops.json"
ENVS: tuple[str, ...] = ("local", "sandbox", "production")

_lock = threading.Lock()


@dataclass(frozen=True)
class ShopRef:
    """One stored shop: its App Key, a label for the UI, the nick authorised per environment,
    the environment it works in, the gateway (本地模拟 only) and its registered callback."""

    app_key: str
    label: str = ""
    nicks: dict[str, str] = field(default_factory=dict)
    env: str = ""  # "" = not chosen yet (a shop added by `taoshelf secret set`): see environment
    gateway: str = ""  # the router URL of a 本地模拟 shop
    redirect_uri: str = ""  # the app's registered callback ("" = a free loopback port)

    @property
    def environment(self) -> str:
        """The shop's environment: its choice, else the one it was authorised in (production
        first), else production (what the window always used before shops had one)."""
        if self.env in ENVS:
            return self.env
        for env in ("production", "sandbox", "local"):
            if env in self.nicks:
                return env
        return "production"

    @property
    def nick(self) -> str:
        """The nick authorised in the shop's environment ("" when not authorised there)."""
        return self.nicks.get(self.environment, "")

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


def validate_gateway(url: str) -> str:
    """The router URL of a local gateway, completed (``127.0.0.1:8080`` →
    ``http://127.0.0.1:8080/router/rest``); ValueError (Chinese) when it cannot be one."""
    text = unicodedata.normalize("NFKC", url).strip()
    if not text:
        raise ValueError("本地模拟需要网关地址，例如 http://127.0.0.1:8080/router/rest"
                         "（本地模拟器启动时显示的地址）。")
    if "://" not in text:
        text = "http://" + text
    parts = urlsplit(text)
    try:
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        port_ok = False
    if parts.scheme not in ("http", "https") or not parts.hostname or not port_ok or any(
        ch.isspace() for ch in text
    ):
        raise ValueError(f"网关地址“{url.strip()[:80]}”无效：应为 http://主机:端口/router/rest，"
                         "例如 http://127.0.0.1:8080/router/rest。")
    if parts.scheme == "http" and parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError("网关地址只能是本机（127.0.0.1）上的 http 地址，或 https 地址："
                         "淘上架不会用未加密的连接把 App Key 和授权发到别的电脑。")
    path = parts.path if parts.path not in ("", "/") else "/router/rest"
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


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
        env = entry.get("env")
        return ShopRef(
            app_key=str(entry["app_key"]),
            label=str(entry.get("label") or ""),
            nicks={str(k): str(v) for k, v in (nicks or {}).items()},
            env=env if env in ENVS else "",
            gateway=str(entry.get("gateway") or ""),
            redirect_uri=str(entry.get("redirect_uri") or ""),
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

    def configure(
        self,
        app_key: str,
        *,
        env: str | None = None,
        gateway: str | None = None,
        redirect_uri: str | None = None,
    ) -> ShopRef:
        """Add the shop if missing; set its environment, gateway and callback address (each
        only when given; "" clears the gateway or callback)."""
        with _lock:
            data = self._load()
            entry = next((e for e in data["shops"] if e.get("app_key") == app_key), None)
            if entry is None:
                entry = {"app_key": app_key, "label": "", "nicks": {}}
                data["shops"].append(entry)
            if env is not None:
                entry["env"] = validate_env(env)
            for name, value in (("gateway", gateway), ("redirect_uri", redirect_uri)):
                if value is not None:
                    entry[name] = value
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
