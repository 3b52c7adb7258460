"""The window's current shop and environment, and everything a run takes from them.

`ShopContext` reads the shop list (`shops.json`: the active shop and its environment); the
command line may put the window on another environment for this session (``taoshelf SHEET
--env sandbox --gateway URL``) — picking a shop in the window goes back to that shop's own
environment. `connection` is the window's connection factory (called on the run's thread:
keyring and token refresh never on the GUI thread); `upload_settings` gives the shop's saved
workers, quota wait and picture auto-fix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from app import settings_store
from app.credentials.shops import ShopRef, ShopRegistry, validate_env
from app.settings_store import ShopSettings
from app.upload.connection import ConnectError, Connection, connect
from app.upload.settings import UploadSettings


@dataclass(frozen=True, slots=True)
class CurrentShop:
    """The shop the window works on, and where (``overridden``: from the command line)."""

    app_key: str
    env: str
    gateway: str
    title: str
    nick: str
    overridden: bool = False


class ShopContext(QObject):
    changed = Signal()  # the shop list or the current shop's details may have changed
    switched = Signal()  # another shop or environment is now the current one
    settings_saved = Signal()  # the current shop's listing settings were saved

    def __init__(
        self,
        *,
        env: str | None = None,
        gateway: str | None = None,
        registry: ShopRegistry | None = None,
        demo: Connection | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.registry = registry or ShopRegistry()
        self._env = validate_env(env) if env else None
        self._gateway = gateway or None
        self.demo = demo
        if demo is not None:  # the demo's own folder: its shop is the current one there
            self.registry.configure(demo.config.app_key, env=demo.env,
                                    gateway=demo.config.gateway_url)
            self.registry.upsert(demo.config.app_key, env=demo.env, nick=demo.shop)
            self.registry.set_active(demo.config.app_key)
        self._current = self._read()

    # -- what the window shows ----------------------------------------------------------------
    @property
    def current(self) -> CurrentShop | None:
        return self._current

    @property
    def override_env(self) -> str | None:
        """The environment the command line asked for (for the first-run setup)."""
        return self._env

    @property
    def override_gateway(self) -> str | None:
        return self._gateway

    def shops(self) -> list[ShopRef]:
        return self.registry.shops()

    def refresh(self) -> None:
        """Read the shop list again (after the shops dialog changed it)."""
        before = self._current
        self._current = self._read()
        self.changed.emit()
        after = self._current
        if (before and (before.app_key, before.env)) != (after and (after.app_key, after.env)):
            self.switched.emit()

    def switch(self, app_key: str) -> None:
        """Make ``app_key`` the current shop, on its own environment."""
        self.registry.set_active(app_key)
        self._env = self._gateway = None
        self.refresh()

    def journal_identity(self) -> tuple[str, str] | None:
        """(shop, env) the journal keys the current shop's rows by — the nick its authorisation
        came with (what a run records) — or None before it is authorised. Any thread."""
        shop = self._current
        return (shop.nick, shop.env) if shop is not None and shop.nick else None

    # -- what a run takes ---------------------------------------------------------------------
    def settings(self) -> ShopSettings:
        shop = self._current
        if shop is None:
            return settings_store.load(None)
        return settings_store.load(shop.app_key, shop.env)

    def upload_settings(self, **overrides: object) -> UploadSettings:
        return self.settings().upload_settings(**overrides)

    def connection(self) -> Connection:
        """The current shop's connection (on the run's thread). `ConnectError` with its code."""
        if self.demo is not None:
            return self.demo
        shop = self._current  # one read: a switch meanwhile does not mix two shops
        if shop is None:
            raise ConnectError("还没有设置店铺。", "no_shop")
        saved = settings_store.load(shop.app_key, shop.env)
        return connect(shop.env, app_key=shop.app_key, gateway=shop.gateway or None,
                       rate=saved.run.rate)

    # -- internals ----------------------------------------------------------------------------
    def _read(self) -> CurrentShop | None:
        active = self.registry.get_active()
        shop = next((s for s in self.registry.shops() if s.app_key == active), None)
        if shop is None:
            return None
        env = self._env or shop.environment
        gateway = (self._gateway or shop.gateway) if env == "local" else ""
        nick = shop.nicks.get(env, "")
        return CurrentShop(shop.app_key, env, gateway, shop.label or nick or shop.app_key, nick,
                           overridden=self._env is not None and self._env != shop.environment)


def shop_identity(connection: Callable[[], Connection] | None,
                  shops: ShopContext) -> Callable[[], tuple[str, str] | None]:
    """Which shop's journal says what is listed already, and whose category data is cached,
    worked out off the GUI thread: it must not hold the window (a cycle through it could be
    collected on that thread)."""
    if connection is None:
        return shops.journal_identity
    return lambda: _identity(connection())


def _identity(connection: Connection) -> tuple[str, str]:
    return connection.shop, connection.env
