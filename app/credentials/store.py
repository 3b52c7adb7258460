"""CredentialStore: the App Secret per App Key and the token set per App Key + environment.

Everything secret is kept in the OS keyring under one service name, :data:`SERVICE_NAME`
("TaoShelf"), with these usernames:

- ``app_secret:<app_key>``          the App Secret
- ``tokens:<app_key>:<env>``        the token set as ``TokenSet.to_json()``;
                                    env is local, sandbox or production

The list of shops and the active one are not secret and live in ``config_dir()/shops.json``
(see :mod:`app.credentials.shops`). Nothing secret is ever written to a file, logged, or put in an
exception message. A missing, refused or locked backend raises :class:`NoKeyringError`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import keyring.backend
import keyring.errors

from app.credentials.backend import (
    CredentialError,
    NoKeyringError,
    active_backend,
    display_name,
    probe,
    translate,
)
from app.credentials.shops import (
    ENVS,
    ShopRef,
    ShopRegistry,
    validate_app_key,
    validate_env,
    validate_gateway,
)

if TYPE_CHECKING:
    from app.top.oauth import TokenSet

SERVICE_NAME = "TaoShelf"

__all__ = [
    "ENVS",
    "SERVICE_NAME",
    "CredentialError",
    "CredentialStore",
    "NoKeyringError",
    "ShopRef",
]

_KEYRING_ERRORS = (keyring.errors.KeyringError, RuntimeError, OSError)


def secret_username(app_key: str) -> str:
    return f"app_secret:{app_key}"


def tokens_username(app_key: str, env: str) -> str:
    return f"tokens:{app_key}:{env}"


class CredentialStore:
    """App Secrets and tokens in the OS keyring; the shop list in a non-secret settings file.

    ``backend`` defaults to keyring's active backend (looked up at each call, so a test or the
    user switching backends is honoured). ``registry`` defaults to ``config_dir()/shops.json``.
    """

    def __init__(
        self,
        backend: keyring.backend.KeyringBackend | None = None,
        registry: ShopRegistry | None = None,
    ) -> None:
        self._explicit = backend
        self._registry = registry if registry is not None else ShopRegistry()

    def __repr__(self) -> str:
        name = type(self._explicit).__name__ if self._explicit is not None else "active"
        return f"<CredentialStore backend={name}>"

    # -- backend -----------------------------------------------------------------------------

    def backend(self) -> keyring.backend.KeyringBackend:
        """The keyring backend in use; raises NoKeyringError when there is none usable."""
        return active_backend(self._explicit)

    def check_backend(self) -> str:
        """Check up front that a usable, unlocked keyring exists; return where secrets are kept."""
        return probe(self.backend(), SERVICE_NAME)

    def backend_name(self) -> str:
        """Human name of the backend without probing it (raises NoKeyringError if refused)."""
        return display_name(self.backend())

    def _get(self, username: str) -> str | None:
        kr = self.backend()
        try:
            return kr.get_password(SERVICE_NAME, username)
        except _KEYRING_ERRORS as exc:
            raise translate(exc, kr) from None

    def _set(self, username: str, value: str) -> None:
        kr = self.backend()
        try:
            kr.set_password(SERVICE_NAME, username, value)
        except _KEYRING_ERRORS as exc:
            raise translate(exc, kr) from None

    def _delete(self, username: str) -> bool:
        """Delete one entry; False when it was not there."""
        kr = self.backend()
        try:
            kr.delete_password(SERVICE_NAME, username)
        except keyring.errors.PasswordDeleteError:
            return False
        except _KEYRING_ERRORS as exc:
            raise translate(exc, kr) from None
        return True

    # -- App Secret ----------------------------------------------------------------------------

    def set_secret(self, app_key: str, secret: str) -> None:
        """Store the App Secret of ``app_key`` (and add the shop to the list)."""
        key = validate_app_key(app_key)
        value = secret.strip()
        if not value:
            raise ValueError("App Secret 为空：请粘贴开放平台“应用管理”中显示的 App Secret。")
        if any(ch.isspace() for ch in value) or len(value) > 256:
            raise ValueError("App Secret 格式不对：不能含空格或换行，长度不超过 256 个字符。")
        self._set(secret_username(key), value)
        self._registry.upsert(key)

    def get_secret(self, app_key: str) -> str | None:
        return self._get(secret_username(validate_app_key(app_key)))

    def has_secret(self, app_key: str) -> bool:
        return self.get_secret(app_key) is not None

    def delete_secret(self, app_key: str) -> bool:
        """Delete the App Secret; True when one was stored."""
        return self._delete(secret_username(validate_app_key(app_key)))

    # -- tokens --------------------------------------------------------------------------------

    def set_tokens(self, app_key: str, env: str, tokens: TokenSet) -> None:
        """Store the token set of ``app_key`` in ``env`` and remember the shop nick."""
        key, env = validate_app_key(app_key), validate_env(env)
        self._set(tokens_username(key, env), tokens.to_json())
        self._registry.upsert(key, env=env, nick=tokens.nick)

    def get_tokens(self, app_key: str, env: str) -> TokenSet | None:
        """The stored token set, or None (also None when the stored value cannot be read)."""
        from app.top.oauth import TokenSet

        key, env = validate_app_key(app_key), validate_env(env)
        raw = self._get(tokens_username(key, env))
        if raw is None:
            return None
        try:
            return TokenSet.from_json(raw)
        except (ValueError, KeyError, TypeError):
            # Damaged or from an older format: the user authorises again (never echo the value).
            return None

    def delete_tokens(self, app_key: str, env: str) -> bool:
        key, env = validate_app_key(app_key), validate_env(env)
        found = self._delete(tokens_username(key, env))
        shop = next((s for s in self._registry.shops() if s.app_key == key), None)
        if shop is not None and env in shop.nicks:
            self._registry.upsert(key, env=env, nick=None)
        return found

    # -- shops ---------------------------------------------------------------------------------

    def shops(self) -> list[ShopRef]:
        """Every stored shop (App Key), in the order they were added."""
        return self._registry.shops()

    def add_shop(self, app_key: str, label: str | None = None) -> ShopRef:
        return self._registry.upsert(validate_app_key(app_key), label=label)

    def shop(self, app_key: str) -> ShopRef | None:
        key = validate_app_key(app_key)
        return next((s for s in self.shops() if s.app_key == key), None)

    def configure_shop(
        self,
        app_key: str,
        *,
        label: str | None = None,
        env: str | None = None,
        gateway: str | None = None,
        redirect_uri: str | None = None,
    ) -> ShopRef:
        """Add or change a shop's non-secret settings (validated; ValueError in Chinese): its
        label, environment, gateway (required for 本地模拟, completed to a router URL) and
        registered callback address. Nothing here touches the keyring."""
        key = validate_app_key(app_key)
        if env is not None:
            validate_env(env)
        current = self.shop(key)
        shop_env = env or (current.environment if current is not None else "production")
        if gateway:
            gateway = validate_gateway(gateway)
        elif shop_env == "local" and not (current and current.gateway and gateway is None):
            validate_gateway("")  # raises: 本地模拟 needs its gateway
        if redirect_uri:
            redirect_uri = redirect_uri.strip()
            if not redirect_uri.startswith(("http://", "https://")):
                raise ValueError(
                    "回调地址应以 http:// 或 https:// 开头，且与开放平台中登记的一致。"
                )
        if label is not None:
            self._registry.upsert(key, label=label.strip())
        return self._registry.configure(key, env=env, gateway=gateway, redirect_uri=redirect_uri)

    def remove_shop(self, app_key: str) -> None:
        """Forget a shop entirely: its secret, its tokens in every environment, its list entry."""
        key = validate_app_key(app_key)
        self._delete(secret_username(key))
        for env in ENVS:
            self._delete(tokens_username(key, env))
        self._registry.remove(key)

    def get_active(self) -> ShopRef | None:
        """The shop the user picked (the first one added until they pick)."""
        active = self._registry.get_active()
        return next((s for s in self.shops() if s.app_key == active), None)

    def set_active(self, app_key: str) -> None:
        key = validate_app_key(app_key)
        try:
            self._registry.set_active(key)
        except KeyError:
            raise ValueError(f"店铺 App Key“{key}”尚未保存，不能设为当前店铺。") from None
