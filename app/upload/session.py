"""Where the engine gets the shop's session token, and what it does when it lapses."""

from __future__ import annotations

from datetime import timedelta
from typing import Protocol


class ReauthNeeded(Exception):  # noqa: N818 (a state, not a bug)
    """The shop must be authorised again (no refresh possible). ``str()`` is Chinese."""


class SessionProvider(Protocol):
    def session_for_run(self, margin: timedelta) -> str:
        """A session valid for at least ``margin`` (refreshing if possible) or ReauthNeeded."""
        ...

    def on_auth_error(self, err: Exception) -> str:
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

    def on_auth_error(self, err: Exception) -> str:
        raise ReauthNeeded("店铺授权已失效（会话过期或被取消），需要重新授权后继续。")


class TokenManagerSessions:
    """Adapts `app.credentials.tokens.TokenManager` (ReauthRequired → ReauthNeeded)."""

    def __init__(self, manager: object) -> None:
        self._tm = manager

    def session_for_run(self, margin: timedelta) -> str:
        from app.credentials.tokens import ReauthRequired  # noqa: PLC0415 (lands in parallel)

        try:
            return str(self._tm.session_for_run(margin=margin))  # type: ignore[attr-defined]
        except ReauthRequired as exc:
            raise ReauthNeeded(str(exc) or "需要重新授权") from exc

    def on_auth_error(self, err: Exception) -> str:
        from app.credentials.tokens import ReauthRequired  # noqa: PLC0415 (lands in parallel)

        try:
            return str(self._tm.on_auth_error(err))  # type: ignore[attr-defined]
        except ReauthRequired as exc:
            raise ReauthNeeded(str(exc) or "需要重新授权") from exc
