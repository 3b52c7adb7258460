"""Token lifecycle during a run: refresh ahead of expiry, or pause with "需要重新授权".

The engine asks :meth:`TokenManager.session_for_run` for the session before the run and again
whenever it likes (cheap while the token is fresh). The expiry planned on is the shortest of the
token's own expiry and the write-level ones (``w1`` by default): a write token that lapses fails
every item call. When the token gets within ``margin`` of that expiry the manager refreshes it
(when the app may refresh and the refresh token is still valid) or raises :class:`ReauthRequired`
*before* it lapses. After a code 26/27 mid-run the engine calls :meth:`TokenManager.on_auth_error`,
which takes the same path; several workers hitting 27 together cause one refresh.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from app.credentials.store import CredentialStore
from app.top.chinatime import to_china, utc_now
from app.top.errors import ErrorKind, TopError

if TYPE_CHECKING:
    from app.top.oauth import TokenSet

DEFAULT_MARGIN = timedelta(minutes=10)
# A refresh token this close to its own expiry is not worth trying.
_REFRESH_TOKEN_SLACK = timedelta(seconds=30)
# Auth errors arriving this soon after a refresh are taken as stale requests, not a new failure.
_DEDUPE_SECONDS = 60.0


class Refresher(Protocol):
    """What TokenManager needs from ``app.top.oauth.OAuthClient``."""

    def refresh(self, refresh_token: str) -> TokenSet: ...


class ReauthRequired(Exception):  # noqa: N818  (name fixed by the team interface)
    """The shop must be authorised again before the run can go on (message in Chinese)."""

    kind = ErrorKind.AUTH

    def __init__(
        self,
        app_key: str,
        env: str,
        reason: str,
        *,
        deadline: datetime | None = None,
        nick: str | None = None,
        now: datetime | None = None,
    ) -> None:
        self.app_key = app_key
        self.env = env
        self.reason = reason
        self.deadline = deadline
        self.nick = nick
        shop = (
            f"店铺“{nick}”（App Key {app_key}，{env}）" if nick else f"App Key {app_key}（{env}）"
        )
        when = ""
        if deadline is not None:
            stamp = to_china(deadline).strftime("%Y-%m-%d %H:%M")
            lapsed = now is not None and deadline <= now
            verb, end = ("已于", "过期") if lapsed else ("将于", "到期")
            when = f"写入授权{verb} {stamp}（北京时间）{end}。"
        self.message = f"需要重新授权：{shop}{reason}。{when}请重新授权该店铺后继续上架。"
        super().__init__(self.message)


def write_expiry(tokens: TokenSet, levels: Sequence[str] = ("w1",)) -> datetime:
    """The moment writes stop working: the shortest of the token's and the write levels' expiry."""
    moments = [tokens.expires_at]
    for level in levels:
        value = getattr(tokens, f"{level}_expires_at", None)
        if value is not None:
            moments.append(value)
    return min(moments)


class TokenManager:
    """Keeps the session of one shop (App Key + environment) usable for a run. Thread-safe."""

    def __init__(
        self,
        store: CredentialStore,
        oauth_client: Refresher | None,
        app_key: str,
        env: str,
        can_refresh: bool,
        *,
        clock: Callable[[], datetime] = utc_now,
        write_levels: Sequence[str] = ("w1",),
    ) -> None:
        self._store = store
        self._oauth = oauth_client
        self.app_key = app_key
        self.env = env
        self.can_refresh = can_refresh and oauth_client is not None
        self._clock = clock
        self._levels = tuple(write_levels)
        self._lock = threading.Lock()
        self._tokens: TokenSet | None = None
        self._last_refresh: float | None = None  # time.monotonic() of the last refresh
        self._last_refresh_after_error = False  # was it made because of a code 26/27?
        self._retired: set[str] = set()  # sessions this manager replaced (refresh, reload)
        self._refused: str | None = None  # session the platform refused with no way to renew
        self.refresh_count = 0

    def __repr__(self) -> str:
        return (
            f"<TokenManager app_key={self.app_key} env={self.env} refreshes={self.refresh_count}>"
        )

    # -- what the engine and the UI read -------------------------------------------------------

    @property
    def tokens(self) -> TokenSet | None:
        """The token set in use (loaded from the store on first use)."""
        with self._lock:
            return self._current()

    def expires_at(self) -> datetime | None:
        """When writes stop working with the token in use (shortest expiry), or None."""
        tokens = self.tokens
        return write_expiry(tokens, self._levels) if tokens is not None else None

    def can_refresh_now(self) -> bool:
        with self._lock:
            tokens = self._current()
            return tokens is not None and self._refreshable(tokens)

    # -- lifecycle -----------------------------------------------------------------------------

    def session_for_run(self, margin: timedelta = DEFAULT_MARGIN) -> str:
        """A session good for at least ``margin``: refreshed ahead of expiry if needed.

        Raises ReauthRequired when it cannot be kept valid. A transient failure of the refresh
        (network) is raised as the TopError when the token has already lapsed; while it is still
        valid the current session is returned and the next call tries again.
        """
        with self._lock:
            tokens = self._current()
            refused = tokens is not None and tokens.access_token == self._refused
            if tokens is None or refused or not self._fresh(tokens, margin):
                stored = self._load()  # the user may have authorised again meanwhile
                if stored is not None:
                    tokens = self._use(stored)
            if tokens is None:
                raise ReauthRequired(self.app_key, self.env, "尚未授权（没有保存的授权）")
            if tokens.access_token == self._refused:
                raise self._reauth(tokens, "平台已拒绝当前授权（错误码 27）", lapse_known=False)
            if self._fresh(tokens, margin):
                return tokens.access_token
            if self._recently_refreshed() and write_expiry(tokens, self._levels) > self._clock():
                # Just refreshed and the platform gives less than `margin`: use it, don't loop.
                return tokens.access_token
            return self._refresh_or_raise(tokens, "授权即将到期，且无法自动刷新")

    def on_auth_error(self, err: BaseException, failed_session: str | None = None) -> str:
        """After a code 26/27: a working session (refreshed once for all workers) or ReauthRequired.

        ``failed_session``: the session the failed request carried, when the caller knows it; a
        request that used a session this manager already replaced just gets the current one.
        """
        with self._lock:
            tokens = self._current()
            if tokens is not None and failed_session is not None:
                if failed_session == self._refused and tokens.access_token == failed_session:
                    stored = self._load()
                    if stored is None or stored.access_token == failed_session:
                        raise self._reauth(
                            tokens, "平台已拒绝当前授权（错误码 27）", lapse_known=False
                        )
                if failed_session in self._retired:
                    return tokens.access_token  # a request still carrying a replaced session
                if failed_session == tokens.access_token and self._recently_refreshed(
                    after_error=True
                ):  # refused again: stop looping
                    raise self._reauth(tokens, "刷新后的授权仍被平台拒绝", lapse_known=False)
            elif tokens is not None and self._recently_refreshed():
                return tokens.access_token
            stored = self._load()
            if (
                stored is not None
                and (tokens is None or stored.access_token != tokens.access_token)
                and (failed_session is None or stored.access_token != failed_session)
            ):
                self._use(stored)  # authorised again (e.g. from the window) meanwhile
                return stored.access_token
            if tokens is None:
                tokens = stored
            if tokens is None:
                raise ReauthRequired(self.app_key, self.env, "尚未授权（没有保存的授权）")
            reason = getattr(err, "explanation", None) or "平台提示授权无效或已过期（错误码 27）"
            try:
                return self._refresh_or_raise(tokens, str(reason).rstrip("。"), force=True)
            except ReauthRequired:
                self._refused = tokens.access_token  # until a new authorisation is stored
                raise

    def adopt(self, tokens: TokenSet) -> None:
        """Use (and store) a token set obtained by a new authorisation during a paused run."""
        with self._lock:
            self._store.set_tokens(self.app_key, self.env, tokens)
            self._use(tokens)

    # -- internals (lock held) ----------------------------------------------------------------

    def _current(self) -> TokenSet | None:
        if self._tokens is None:
            self._tokens = self._load()
        return self._tokens

    def _use(self, tokens: TokenSet) -> TokenSet:
        old = self._tokens
        if old is not None and old.access_token != tokens.access_token:
            self._retired.add(old.access_token)
        self._tokens = tokens
        return tokens

    def _load(self) -> TokenSet | None:
        return self._store.get_tokens(self.app_key, self.env)

    def _fresh(self, tokens: TokenSet, margin: timedelta) -> bool:
        return write_expiry(tokens, self._levels) - self._clock() > margin

    def _refreshable(self, tokens: TokenSet) -> bool:
        if not self.can_refresh or not tokens.refresh_token:
            return False
        limit = tokens.refresh_expires_at
        return limit is None or limit - self._clock() > _REFRESH_TOKEN_SLACK

    def _recently_refreshed(self, *, after_error: bool = False) -> bool:
        """A refresh happened within the dedupe window (one made after an auth error only)."""
        last = self._last_refresh
        if last is None or time.monotonic() - last >= _DEDUPE_SECONDS:
            return False
        return self._last_refresh_after_error or not after_error

    def _reauth(self, tokens: TokenSet, reason: str, *, lapse_known: bool) -> ReauthRequired:
        """ReauthRequired for ``tokens``; with their write expiry as deadline when it is known
        (not after a code 27: then the platform already refuses the token)."""
        return ReauthRequired(
            self.app_key,
            self.env,
            reason,
            deadline=write_expiry(tokens, self._levels) if lapse_known else None,
            nick=tokens.nick,
            now=self._clock(),
        )

    def _refresh_or_raise(self, tokens: TokenSet, reason: str, *, force: bool = False) -> str:
        """Refresh ``tokens`` (store and use the new set) or raise ReauthRequired."""
        if not self._refreshable(tokens):
            if not self.can_refresh:
                why = f"{reason}（此应用类型不支持刷新授权）" if not force else reason
            elif not tokens.refresh_token:
                why = f"{reason}（没有刷新令牌）"
            else:
                why = f"{reason}（刷新令牌已过期）"
            raise self._reauth(tokens, why, lapse_known=not force)
        assert self._oauth is not None  # _refreshable checked can_refresh
        assert tokens.refresh_token is not None
        try:
            fresh = self._oauth.refresh(tokens.refresh_token)
        except TopError as exc:
            if exc.kind is ErrorKind.AUTH:
                raise self._reauth(tokens, "自动刷新授权被拒绝", lapse_known=not force) from None
            still_valid = write_expiry(tokens, self._levels) > self._clock()
            if exc.kind is ErrorKind.TRANSIENT and not force and still_valid:
                return tokens.access_token  # still valid: the next call tries again
            raise
        if write_expiry(fresh, self._levels) <= self._clock():
            raise self._reauth(fresh, "刷新后的授权仍然过期", lapse_known=True)
        self._store.set_tokens(self.app_key, self.env, fresh)
        self._use(fresh)
        self._last_refresh = time.monotonic()
        self._last_refresh_after_error = force
        self.refresh_count += 1
        return fresh.access_token
