"""Where and how to reach TOP: `TopConfig` and the real endpoints of each environment."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Final
from urllib.parse import urlsplit

from app.top.signing import DEFAULT_SIGN_METHOD, SIGN_METHODS

# (router, OAuth base) per environment, from taobao-api.md.
ENDPOINTS: Final[dict[str, tuple[str, str]]] = {
    "production": ("https://eco.taobao.com/router/rest", "https://oauth.taobao.com"),
    "sandbox": ("https://gw.api.tbsandbox.com/router/rest", "https://oauth.tbsandbox.com"),
}
LOOPBACK_HOSTS: Final = frozenset({"127.0.0.1", "localhost", "::1"})


def _check_url(url: str, what: str) -> None:
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS:
        return  # the local simulator
    raise ValueError(f"{what} must be https:// (plain http only on loopback): {url!r}")


@dataclass(frozen=True)
class TopConfig:
    """Client settings. ``max_ban_wait``: a code-7 ban longer than this is raised, not waited."""

    app_key: str
    gateway_url: str
    sign_method: str = DEFAULT_SIGN_METHOD
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    oauth_base_url: str | None = None
    partner_id: str | None = None
    simplify: bool = False
    max_ban_retries: int = 5
    max_ban_wait: float = 120.0
    pool_size: int = 8

    def __post_init__(self) -> None:
        if not self.app_key.strip():
            raise ValueError("app_key is empty")
        if self.sign_method not in SIGN_METHODS:
            raise ValueError(f"sign_method must be one of {SIGN_METHODS}")
        if not (self.connect_timeout > 0 and self.read_timeout > 0):
            raise ValueError("timeouts must be > 0")
        _check_url(self.gateway_url, "gateway_url")
        if self.oauth_base_url is not None:
            _check_url(self.oauth_base_url, "oauth_base_url")

    @property
    def is_loopback(self) -> bool:
        """True for a local simulator (then the user's proxy settings are ignored)."""
        return urlsplit(self.gateway_url).hostname in LOOPBACK_HOSTS

    @property
    def oauth_base(self) -> str:
        """The OAuth base URL (``…/authorize``, ``…/token``); derived from the gateway if unset."""
        if self.oauth_base_url:
            return self.oauth_base_url.rstrip("/")
        parts = urlsplit(self.gateway_url)
        return f"{parts.scheme}://{parts.netloc}"

    def with_changes(self, **changes: Any) -> TopConfig:
        """A copy with some fields changed (validated again)."""
        return replace(self, **changes)

    @classmethod
    def for_env(
        cls,
        env: str,
        app_key: str,
        *,
        gateway_url: str | None = None,
        oauth_base_url: str | None = None,
        **options: Any,
    ) -> TopConfig:
        """``production`` / ``sandbox`` with Taobao's URLs; ``local`` needs ``gateway_url``."""
        if env in ENDPOINTS:
            router, oauth = ENDPOINTS[env]
            return cls(app_key=app_key, gateway_url=gateway_url or router,
                       oauth_base_url=oauth_base_url or oauth, **options)
        if env == "local":
            if not gateway_url:
                raise ValueError("env 'local' needs an explicit gateway_url")
            return cls(app_key=app_key, gateway_url=gateway_url,
                       oauth_base_url=oauth_base_url, **options)
        raise ValueError(f"unknown env {env!r}: production, sandbox or local")
