"""Where the engine gets the shop's session token, and what it does when it lapses."""

from __future__ import annotations

from datetime import timedelta
from typing import Protocol

from app.credentials.tokens import ReauthRequired, TokenManager


class ReauthNeeded(Exception):  # noqa: N818 (a state, not a bug)
    """The shop must be authorised again (no refresh possible). ``str()`` is Chinese."""


class SessionProvider(Protocol):
    def session_for_run(self, margin: timedelta) -> str:
        """A session valid for at least ``margin`` (refreshing if possible) or ReauthNeeded."""
        ...

    def on_auth_error(self, err: Exception, failed_session: str | None = None) -> str:
        """After a code 26/27: a new session (refresh) or ReauthNeeded."""
        ...


class StaticSession:
    """A session the user pasted (``--session``): nothing to refresh it with."""

    def __init__(self, session: str) -> None:
        self._session = session

    def __repr__(self) -> str:
        return "StaticSession(<hidden>)"

    def session_for_run(self, margin: timedelta) -> str:
        return self._session

    def on_auth_error(self, err: Exception, failed_session: str | None = None) -> str:
        raise ReauthNeeded(
            "需要重新授权：店铺授权已失效（会话过期或被取消），请重新授权后继续上架。")


class TokenManagerSessions:
    """Adapts `app.credentials.tokens.TokenManager` (ReauthRequired → ReauthNeeded).

    ``shop``: the run's shop identity. A token set from the keyring that names another shop (the
    user authorised a different shop meanwhile) is refused with ReauthNeeded, never used.
    """

    def __init__(self, manager: TokenManager, shop: str | None = None) -> None:
        self.manager = manager
        self.shop = shop

    def __repr__(self) -> str:
        return f"TokenManagerSessions({self.manager!r}, shop={self.shop!r})"

    def session_for_run(self, margin: timedelta) -> str:
        try:
            return self._same_shop(self.manager.session_for_run(margin=margin))
        except ReauthRequired as exc:
            raise ReauthNeeded(exc.message) from None

    def on_auth_error(self, err: Exception, failed_session: str | None = None) -> str:
        try:
            return self._same_shop(self.manager.on_auth_error(err, failed_session))
        except ReauthRequired as exc:
            raise ReauthNeeded(exc.message) from None

    def _same_shop(self, session: str) -> str:
        tokens = self.manager.tokens
        if (self.shop and tokens is not None and tokens.access_token == session
                and tokens.nick and tokens.nick != self.shop):
            raise ReauthNeeded(
                f"需要重新授权：系统钥匙串中的授权现在属于店铺“{tokens.nick}”，"
                f"而这次上架的是店铺“{self.shop}”。请授权店铺“{self.shop}”后继续，"
                "或取消后重新开始。")
        return session
