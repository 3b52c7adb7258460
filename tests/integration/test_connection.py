"""`connect()` takes the journal's shop identity from the session actually used: the keyring's
own token set (its nick came with that very token), else Taobao is asked (user.seller.get).
Never another keyring entry; a failure is a `ConnectError`, never a fallback."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.credentials.store import CredentialStore
from app.simulator import Simulator, SimulatorConfig
from app.top.oauth import TokenSet
from app.upload.connection import ConnectError, connect, reauthorize
from app.upload.session import ReauthNeeded, TokenManagerSessions
from tests.keyring_memory import MemoryKeyring
from tests.oauth_browser import Browser
from tests.upload_kit import SECRET

APP_KEY = "12345678"
SELLER = "taobao.user.seller.get"


def _store_with(sim: Simulator, nick: str | None) -> tuple[CredentialStore, TokenSet]:
    store = CredentialStore(backend=MemoryKeyring())
    store.set_secret(APP_KEY, SECRET)
    tokens = TokenSet(access_token=sim.issue_session(nick or "店铺A"), refresh_token=None,
                      expires_at=datetime.now(UTC) + timedelta(hours=5), nick=nick or "",
                      user_id=None)
    store.set_tokens(APP_KEY, "local", tokens)
    return store, tokens


def _seller_calls(sim: Simulator) -> list[str | None]:
    return [c["nick"] for c in sim.calls() if c["method"] == SELLER]


def test_session_given_is_identified_by_taobao_not_by_the_keyring() -> None:
    with Simulator(SimulatorConfig()) as sim:
        store, _ = _store_with(sim, "店铺A")
        other = sim.issue_session("店铺B")
        conn = connect("local", app_key=APP_KEY, gateway=sim.router_url, session=other,
                       store=store)
        assert conn.shop == "店铺B"
        assert _seller_calls(sim) == ["店铺B"]  # asked once


def test_keyring_tokens_are_trusted_without_a_call() -> None:
    """Documented choice: the token set's nick came from Taobao with that very token."""
    with Simulator(SimulatorConfig()) as sim:
        store, tokens = _store_with(sim, "店铺A")
        own = connect("local", app_key=APP_KEY, gateway=sim.router_url, store=store)
        assert own.shop == "店铺A"
        same = connect("local", app_key=APP_KEY, gateway=sim.router_url,
                       session=tokens.access_token, store=store)
        assert same.shop == "店铺A"
        assert _seller_calls(sim) == []


def test_keyring_tokens_without_a_nick_are_identified_by_taobao() -> None:
    with Simulator(SimulatorConfig()) as sim:
        store, _ = _store_with(sim, None)
        conn = connect("local", app_key=APP_KEY, gateway=sim.router_url, store=store)
        assert conn.shop == "店铺A"  # not app:<app_key>
        assert _seller_calls(sim) == ["店铺A"]


def test_identity_survives_network_blips_but_never_falls_back() -> None:
    with Simulator(SimulatorConfig()) as sim:
        store, _ = _store_with(sim, "店铺A")
        sim.set_faults(script=[{"method": SELLER, "fault": "drop"},
                               {"method": SELLER, "fault": "http502"}])
        conn = connect("local", app_key=APP_KEY, gateway=sim.router_url,
                       session=sim.issue_session("店铺B"), store=store)
        assert conn.shop == "店铺B"
        sim.set_faults(script=[{"method": SELLER, "fault": "error", "code": 11,
                                "sub_msg": "应用没有调用该接口的权限"}])
        with pytest.raises(ConnectError) as info:
            connect("local", app_key=APP_KEY, gateway=sim.router_url,
                    session=sim.issue_session("店铺B"), store=store)
        assert "无法向淘宝确认这个会话属于哪个店铺" in str(info.value)
        assert "店铺A" not in str(info.value)


def test_keyring_switched_to_another_shop_mid_run_is_refused() -> None:
    with Simulator(SimulatorConfig()) as sim:
        store, _ = _store_with(sim, "店铺A")
        conn = connect("local", app_key=APP_KEY, gateway=sim.router_url, store=store)
        assert isinstance(conn.sessions, TokenManagerSessions)
        # the user authorises shop B in another window; the run's session then lapses
        store.set_tokens(APP_KEY, "local", TokenSet(
            access_token=sim.issue_session("店铺B"), refresh_token=None,
            expires_at=datetime.now(UTC) + timedelta(hours=5), nick="店铺B", user_id=None))
        with pytest.raises(ReauthNeeded) as info:
            conn.sessions.on_auth_error(RuntimeError("27"), conn.session)
        assert "店铺B" in str(info.value)
        assert "店铺A" in str(info.value)


def test_reauthorising_as_another_shop_is_refused() -> None:
    with Simulator(SimulatorConfig()) as sim:
        store, _ = _store_with(sim, "店铺A")
        conn = connect("local", app_key=APP_KEY, gateway=sim.router_url, store=store)
        assert isinstance(conn.sessions, TokenManagerSessions)
        with pytest.raises(ConnectError) as info:
            reauthorize(conn, Browser(nick="店铺B"), store=store, timeout=30)
        assert "店铺B" in str(info.value)
        assert conn.sessions.manager.tokens is not None
        assert conn.sessions.manager.tokens.nick == "店铺A"  # not adopted
        again = reauthorize(conn, Browser(nick="店铺A"), store=store, timeout=30)
        assert conn.sessions.manager.tokens.access_token == again

