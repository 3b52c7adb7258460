"""TokenManager: refresh ahead of the shortest (write) expiry, or ReauthRequired before it."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from app.credentials.store import CredentialStore
from app.credentials.tokens import ReauthRequired, TokenManager, write_expiry
from app.top.errors import ErrorKind, TopError
from app.top.oauth import TokenSet
from tests.keyring_memory import MemoryKeyring

T0 = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
APP_KEY = "12345678"
ENV = "local"


class Clock:
    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def tokens(
    access: str,
    *,
    expires: timedelta = timedelta(hours=24),
    w1: timedelta | None = timedelta(hours=24),
    refresh: str | None = "refresh-token-0001",
    refresh_expires: timedelta | None = timedelta(days=30),
    base: datetime = T0,
) -> TokenSet:
    return TokenSet(
        access_token=access,
        refresh_token=refresh,
        expires_at=base + expires,
        refresh_expires_at=base + refresh_expires if refresh_expires else None,
        w1_expires_at=base + w1 if w1 else None,
        nick="demo_shop",
        user_id="42",
    )


class RecordingRefresher:
    """Stands in for the /token endpoint (OAuthClient.refresh) in unit tests."""

    def __init__(self, clock: Clock, fail: TopError | None = None) -> None:
        self.clock = clock
        self.fail = fail
        self.calls: list[str] = []
        self._lock = threading.Lock()

    def refresh(self, refresh_token: str) -> TokenSet:
        with self._lock:
            self.calls.append(refresh_token)
            n = len(self.calls)
        if self.fail is not None:
            raise self.fail
        return tokens(
            f"access-token-refreshed-{n}", base=self.clock.now, refresh=f"refresh-{n}-xyz"
        )


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store() -> CredentialStore:
    return CredentialStore(backend=MemoryKeyring())


def manager(
    store: CredentialStore, clock: Clock, refresher: RecordingRefresher | None, can_refresh: bool
) -> TokenManager:
    return TokenManager(store, refresher, APP_KEY, ENV, can_refresh, clock=clock)


def test_write_expiry_is_the_shortest() -> None:
    ts = tokens("a-token-1", expires=timedelta(hours=24), w1=timedelta(hours=1))
    assert write_expiry(ts) == T0 + timedelta(hours=1)
    assert write_expiry(tokens("a-token-1", w1=None)) == T0 + timedelta(hours=24)


def test_fresh_token_is_used_without_refresh(store: CredentialStore, clock: Clock) -> None:
    store.set_tokens(APP_KEY, ENV, tokens("access-token-0001"))
    refresher = RecordingRefresher(clock)
    tm = manager(store, clock, refresher, can_refresh=True)
    assert tm.session_for_run() == "access-token-0001"
    assert refresher.calls == []
    assert tm.expires_at() == T0 + timedelta(hours=24)


def test_refreshes_ahead_of_the_w1_expiry(store: CredentialStore, clock: Clock) -> None:
    store.set_tokens(APP_KEY, ENV, tokens("access-token-0001", w1=timedelta(hours=1)))
    refresher = RecordingRefresher(clock)
    tm = manager(store, clock, refresher, can_refresh=True)
    assert tm.session_for_run() == "access-token-0001"
    clock.now = T0 + timedelta(minutes=49)  # 11 minutes left: still more than the margin
    assert tm.session_for_run() == "access-token-0001"
    clock.now = T0 + timedelta(minutes=51)  # 9 minutes left of w1 (token itself: 23 h)
    assert tm.session_for_run() == "access-token-refreshed-1"
    assert refresher.calls == ["refresh-token-0001"]
    stored = store.get_tokens(APP_KEY, ENV)
    assert stored is not None
    assert stored.access_token == "access-token-refreshed-1"  # kept for the next run
    assert tm.session_for_run() == "access-token-refreshed-1"
    assert tm.refresh_count == 1


def test_cannot_refresh_pauses_before_the_write_token_lapses(
    store: CredentialStore, clock: Clock
) -> None:
    store.set_tokens(APP_KEY, ENV, tokens("access-token-0001", w1=timedelta(minutes=30)))
    refresher = RecordingRefresher(clock)
    tm = manager(store, clock, refresher, can_refresh=False)
    assert tm.session_for_run() == "access-token-0001"
    clock.now = T0 + timedelta(minutes=25)
    with pytest.raises(ReauthRequired) as info:
        tm.session_for_run()
    err = info.value
    assert refresher.calls == []
    assert err.deadline == T0 + timedelta(minutes=30)
    assert err.deadline > clock.now  # raised before the lapse, not after
    assert "需要重新授权" in err.message
    assert "demo_shop" in err.message
    assert "2026-11-26 20:30" in err.message  # the deadline in Beijing time
    assert err.kind is ErrorKind.AUTH
    assert "access-token-0001" not in f"{err} {err!r} {err.message}"


def test_expired_refresh_token_means_reauth(store: CredentialStore, clock: Clock) -> None:
    store.set_tokens(
        APP_KEY,
        ENV,
        tokens("access-token-0001", w1=timedelta(minutes=5), refresh_expires=timedelta(minutes=1)),
    )
    refresher = RecordingRefresher(clock)
    clock.now = T0 + timedelta(minutes=2)
    with pytest.raises(ReauthRequired, match="刷新令牌已过期"):
        manager(store, clock, refresher, can_refresh=True).session_for_run()
    assert refresher.calls == []


def test_refused_refresh_means_reauth(store: CredentialStore, clock: Clock) -> None:
    store.set_tokens(APP_KEY, ENV, tokens("access-token-0001", w1=timedelta(minutes=5)))
    refused = TopError(ErrorKind.AUTH, msg="invalid_grant", explanation="刷新令牌无效")
    tm = manager(store, clock, RecordingRefresher(clock, fail=refused), can_refresh=True)
    with pytest.raises(ReauthRequired, match="需要重新授权"):
        tm.session_for_run()


def test_transient_refresh_failure_keeps_the_valid_token(
    store: CredentialStore, clock: Clock
) -> None:
    store.set_tokens(APP_KEY, ENV, tokens("access-token-0001", w1=timedelta(minutes=5)))
    down = TopError(ErrorKind.TRANSIENT, msg="connection refused")
    refresher = RecordingRefresher(clock, fail=down)
    tm = manager(store, clock, refresher, can_refresh=True)
    assert tm.session_for_run() == "access-token-0001"  # 5 minutes left: go on, retry later
    clock.now = T0 + timedelta(minutes=6)  # lapsed: the network error surfaces
    with pytest.raises(TopError):
        tm.session_for_run()
    assert len(refresher.calls) == 2


def test_no_tokens_means_reauth(store: CredentialStore, clock: Clock) -> None:
    with pytest.raises(ReauthRequired, match="尚未授权"):
        manager(store, clock, None, can_refresh=False).session_for_run()


def test_new_authorisation_in_the_store_is_picked_up(store: CredentialStore, clock: Clock) -> None:
    store.set_tokens(APP_KEY, ENV, tokens("access-token-0001", w1=timedelta(minutes=5)))
    tm = manager(store, clock, None, can_refresh=False)
    with pytest.raises(ReauthRequired):
        tm.session_for_run()
    store.set_tokens(APP_KEY, ENV, tokens("access-token-0002"))  # the user authorised again
    assert tm.session_for_run() == "access-token-0002"


def test_code_27_refreshes_once_for_many_workers(store: CredentialStore, clock: Clock) -> None:
    store.set_tokens(APP_KEY, ENV, tokens("access-token-0001"))
    refresher = RecordingRefresher(clock)
    tm = manager(store, clock, refresher, can_refresh=True)
    assert tm.session_for_run() == "access-token-0001"
    err = TopError(ErrorKind.AUTH, code=27, msg="Invalid session", explanation="授权已失效")
    workers = 8
    barrier = threading.Barrier(workers)
    results: list[str] = []
    results_lock = threading.Lock()

    def worker(pass_session: bool) -> None:
        barrier.wait()
        session = tm.on_auth_error(err, "access-token-0001" if pass_session else None)
        with results_lock:
            results.append(session)

    threads = [threading.Thread(target=worker, args=(i % 2 == 0,)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert refresher.calls == ["refresh-token-0001"]
    assert results == ["access-token-refreshed-1"] * workers


def test_code_27_when_the_app_cannot_refresh(store: CredentialStore, clock: Clock) -> None:
    store.set_tokens(APP_KEY, ENV, tokens("access-token-0001"))
    tm = manager(store, clock, RecordingRefresher(clock), can_refresh=False)
    err = TopError(ErrorKind.AUTH, code=27, msg="Invalid session", explanation="授权已失效。")
    with pytest.raises(ReauthRequired) as info:
        tm.on_auth_error(err, "access-token-0001")
    assert "需要重新授权" in info.value.message
    assert "授权已失效" in info.value.message
    assert info.value.deadline is None  # the platform already refuses it


def test_code_27_on_a_just_refreshed_token_stops(store: CredentialStore, clock: Clock) -> None:
    store.set_tokens(APP_KEY, ENV, tokens("access-token-0001"))
    refresher = RecordingRefresher(clock)
    tm = manager(store, clock, refresher, can_refresh=True)
    err = TopError(ErrorKind.AUTH, code=27, msg="Invalid session")
    fresh = tm.on_auth_error(err, "access-token-0001")
    assert fresh == "access-token-refreshed-1"
    with pytest.raises(ReauthRequired, match="刷新后的授权仍被平台拒绝"):
        tm.on_auth_error(err, fresh)
    assert len(refresher.calls) == 1


def test_repr_hides_tokens(store: CredentialStore, clock: Clock) -> None:
    store.set_tokens(APP_KEY, ENV, tokens("access-token-0001"))
    tm = manager(store, clock, None, can_refresh=False)
    tm.session_for_run()
    assert "access-token-0001" not in repr(tm)
    assert "refresh-token-0001" not in repr(tm.tokens)


def test_code_27_on_a_session_from_elsewhere_refreshes(
    store: CredentialStore, clock: Clock
) -> None:
    store.set_tokens(APP_KEY, ENV, tokens("access-token-0001"))
    refresher = RecordingRefresher(clock)
    tm = manager(store, clock, refresher, can_refresh=True)
    err = TopError(ErrorKind.AUTH, code=27, msg="Invalid session")
    assert tm.on_auth_error(err, "session-pasted-by-user") == "access-token-refreshed-1"
    # A worker still carrying the replaced session just gets the current one.
    assert tm.on_auth_error(err, "access-token-0001") == "access-token-refreshed-1"
    assert len(refresher.calls) == 1


def test_refused_session_is_not_handed_out_again_until_reauthorised(
    store: CredentialStore, clock: Clock
) -> None:
    store.set_tokens(APP_KEY, ENV, tokens("access-token-0001"))  # 24 h left by the clock
    refused = TopError(ErrorKind.AUTH, msg="invalid_grant")
    refresher = RecordingRefresher(clock, fail=refused)
    tm = manager(store, clock, refresher, can_refresh=True)
    err = TopError(ErrorKind.AUTH, code=27, msg="Invalid session")
    with pytest.raises(ReauthRequired):
        tm.on_auth_error(err, "access-token-0001")
    # Other workers with the same refused session: no second refresh attempt.
    with pytest.raises(ReauthRequired):
        tm.on_auth_error(err, "access-token-0001")
    assert len(refresher.calls) == 1
    # Its expiry still looks fine, but the platform refused it: the run stays paused ...
    with pytest.raises(ReauthRequired, match="平台已拒绝当前授权"):
        tm.session_for_run()
    # ... until the shop is authorised again (the window stores the new tokens in the keyring).
    store.set_tokens(APP_KEY, ENV, tokens("access-token-0002"))
    assert tm.session_for_run() == "access-token-0002"
    assert tm.on_auth_error(err, "access-token-0001") == "access-token-0002"
