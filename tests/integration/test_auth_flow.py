"""Shop authorisation end to end against the real simulator's OAuth pages, over loopback.

The "browser" is a function doing what a browser does: GET the /authorize page, submit its form,
follow the 302 to our loopback callback (or hand the redirected URL over as a paste).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from app.cli import main
from app.commands import auth
from app.credentials.authorize import (
    AuthorizationCancelled,
    AuthorizationError,
    AuthorizationFlow,
    authorize,
)
from app.credentials.store import CredentialStore
from app.credentials.tokens import ReauthRequired, TokenManager
from app.simulator import Simulator, SimulatorConfig
from app.top.client import TopClient
from app.top.config import TopConfig
from app.top.errors import ErrorKind, TopError
from app.top.oauth import OAuthClient
from tests.keyring_memory import MemoryKeyring, use_memory_keyring
from tests.oauth_browser import Browser

APP_KEY = "12345678"
SECRET = "sim-secret-0f9e8d7c6b5a"
EXTERNAL_CALLBACK = "https://taoshelf.example/oauth/callback"


@pytest.fixture
def sim() -> Iterator[Simulator]:
    cfg = SimulatorConfig(app_key=APP_KEY, app_secret=SECRET, session_ttl=86400, w1_ttl=3600)
    with Simulator(cfg, host="127.0.0.1", port=0) as s:
        yield s


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> CredentialStore:
    use_memory_keyring(monkeypatch)
    store = CredentialStore()
    store.set_secret(APP_KEY, SECRET)
    return store


def oauth_for(sim: Simulator) -> OAuthClient:
    return OAuthClient(top_config(sim), SECRET)


def top_config(sim: Simulator) -> TopConfig:
    return TopConfig(app_key=APP_KEY, gateway_url=sim.router_url, oauth_base_url=sim.base_url)


def session_works(sim: Simulator, session: str) -> bool:
    with TopClient(top_config(sim), SECRET, session=session) as client:
        try:
            client.find_items_by_outer_id(["no-such-item"])
        except TopError as exc:
            if exc.kind is ErrorKind.AUTH:
                return False
            raise
    return True


def test_loopback_flow_end_to_end(sim: Simulator, store: CredentialStore) -> None:
    browser = Browser()
    result = authorize(oauth_for(sim), store, APP_KEY, "local", open_browser=browser, timeout=60)
    assert result.nick == "e2e_shop"
    assert result.write_expires_at < result.expires_at  # w1 (1 h) shorter than the token (24 h)
    stored = store.get_tokens(APP_KEY, "local")
    assert stored is not None
    assert stored.access_token == result.tokens.access_token
    assert session_works(sim, stored.access_token)
    # The browser was sent to our loopback listener with our state, and told so in Chinese.
    opened = parse_qs(urlsplit(browser.opened[0]).query)
    callback = urlsplit(opened["redirect_uri"][0])
    assert callback.hostname == "127.0.0.1"
    assert callback.path == "/callback"
    assert len(opened["state"][0]) >= 20
    assert browser.callback_status == 200
    assert "授权码已收到" in browser.callback_text
    # One-shot: the listener is gone once the flow is over.
    with pytest.raises(requests.ConnectionError):
        requests.get(browser.location, timeout=5)
    assert [s.app_key for s in store.shops()] == [APP_KEY]
    assert store.shops()[0].nicks == {"local": "e2e_shop"}
    assert stored.access_token not in repr(result)


def test_wrong_state_is_refused(sim: Simulator, store: CredentialStore) -> None:
    browser = Browser(state_override="forged-state-value")
    with pytest.raises(AuthorizationError, match="state"):
        authorize(oauth_for(sim), store, APP_KEY, "local", open_browser=browser, timeout=60)
    assert browser.callback_status == 400
    assert "已拒绝" in browser.callback_text
    assert store.get_tokens(APP_KEY, "local") is None


def test_pasted_redirect_url_and_a_used_code_refused(
    sim: Simulator, store: CredentialStore
) -> None:
    browser = Browser(follow=False)
    with AuthorizationFlow(
        oauth_for(sim), store, APP_KEY, "local", redirect_uri=EXTERNAL_CALLBACK
    ) as flow:
        url = flow.start()
        assert not flow.listening  # not a loopback callback: the user pastes
        browser(url)
        assert browser.location.startswith(EXTERNAL_CALLBACK + "?")
        flow.submit_pasted("  " + browser.location + "\n")
        first = flow.wait(timeout=60)
    assert first.nick == "e2e_shop"
    # The same code again (pasted on its own, no state to check): the platform refuses it.
    with AuthorizationFlow(
        oauth_for(sim), store, APP_KEY, "sandbox", redirect_uri=EXTERNAL_CALLBACK
    ) as again:
        again.start()
        again.submit_pasted(browser.code)
        with pytest.raises(AuthorizationError, match="授权码"):
            again.wait(timeout=60)
    assert store.get_tokens(APP_KEY, "sandbox") is None
    # A redirected URL from an earlier attempt carries an old state: refused before any exchange.
    with AuthorizationFlow(
        oauth_for(sim), store, APP_KEY, "sandbox", redirect_uri=EXTERNAL_CALLBACK
    ) as third:
        third.start()
        third.submit_pasted(browser.location)
        with pytest.raises(AuthorizationError, match="state"):
            third.wait(timeout=60)


def test_cancel_and_timeout(sim: Simulator, store: CredentialStore) -> None:
    flow = AuthorizationFlow(oauth_for(sim), store, APP_KEY, "local")
    flow.start()
    assert flow.listening
    canceller = threading.Thread(target=flow.cancel)
    canceller.start()
    with pytest.raises(AuthorizationCancelled):
        flow.wait(timeout=60)
    canceller.join()
    with AuthorizationFlow(oauth_for(sim), store, APP_KEY, "local") as slow:
        slow.start()
        with pytest.raises(AuthorizationError, match="超时"):
            slow.wait(timeout=0.2)


def test_cli_login_status_logout(
    sim: Simulator,
    store: CredentialStore,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    browser = Browser(nick="cli_shop")
    monkeypatch.setattr("webbrowser.open", browser)
    rc = main(
        ["auth", "login", "--app-key", APP_KEY, "--env", "local", "--gateway", sim.router_url]
    )
    out = capsys.readouterr()
    assert rc == 0, out.err
    assert "cli_shop" in out.out
    assert browser.opened[0] in out.out  # the URL is printed too
    tokens = store.get_tokens(APP_KEY, "local")
    assert tokens is not None
    assert main(["auth", "status", "--app-key", APP_KEY]) == 0
    status = capsys.readouterr().out
    assert "cli_shop" in status
    assert "有效" in status
    assert "sandbox：未授权" in status
    for text in (out.out, out.err, status):
        assert tokens.access_token not in text
        assert tokens.refresh_token is not None
        assert tokens.refresh_token not in text
        assert SECRET not in text
    assert main(["auth", "logout", "--app-key", APP_KEY, "--env", "local"]) == 0
    assert store.get_tokens(APP_KEY, "local") is None


def test_cli_login_with_pasted_url(
    sim: Simulator,
    store: CredentialStore,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    read_fd, write_fd = os.pipe()
    stdin = io.TextIOWrapper(io.FileIO(read_fd, "r"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    browser = Browser(follow=False)

    def browse_then_paste(url: str) -> bool:
        browser(url)
        os.write(write_fd, (browser.location + "\n").encode())
        os.close(write_fd)
        return True

    rc = auth_run(
        [
            "login",
            "--app-key",
            APP_KEY,
            "--env",
            "local",
            "--gateway",
            sim.router_url,
            "--redirect-uri",
            EXTERNAL_CALLBACK,
        ],
        store,
        browse_then_paste,
    )
    stdin.close()
    out = capsys.readouterr()
    assert rc == 0, out.err
    assert "粘贴" in out.out
    assert "e2e_shop" in out.out


def test_cli_login_without_secret_is_unusable(
    sim: Simulator, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use_memory_keyring(monkeypatch, MemoryKeyring())
    rc = main(
        [
            "auth",
            "login",
            "--app-key",
            "87654321",
            "--env",
            "local",
            "--gateway",
            sim.router_url,
            "--no-browser",
        ]
    )
    assert rc == 2
    assert "taoshelf secret set" in capsys.readouterr().err


def auth_run(argv: list[str], store: CredentialStore, opener: Callable[[str], object]) -> int:
    parser = argparse.ArgumentParser(prog="taoshelf auth")
    auth.configure(parser)
    return auth.run(parser.parse_args(argv), store=store, open_browser=opener)


def test_token_manager_against_the_simulator(sim: Simulator, store: CredentialStore) -> None:
    """Refresh ahead of w1 through the real /token, and code 27 mid-run."""
    oauth = oauth_for(sim)
    first = authorize(oauth, store, APP_KEY, "local", open_browser=Browser(), timeout=60)
    tm = TokenManager(store, oauth, APP_KEY, "local", can_refresh=True)
    # The simulator's w1 is 1 hour: a 2-hour margin forces a refresh ahead of it.
    fresh = tm.session_for_run(margin=timedelta(hours=2))
    assert fresh != first.tokens.access_token
    assert session_works(sim, fresh)
    # Every session expires at once on the server: the next call fails with code 27 ...
    sim.set_faults(expire_sessions=True)
    with TopClient(top_config(sim), SECRET, session=fresh) as client:
        with pytest.raises(TopError) as info:
            client.find_items_by_outer_id(["x"])
        assert info.value.code == 27
        # ... and the manager takes the same path: a refresh, then the run goes on.
        client.session = tm.on_auth_error(info.value, fresh)
        assert client.session != fresh
        assert client.find_items_by_outer_id(["x"]) == []
    # An app that may not refresh pauses with 需要重新授权 instead.
    sim.set_faults(expire_sessions=True)
    stuck = TokenManager(store, oauth, APP_KEY, "local", can_refresh=False)
    current = stuck.session_for_run()
    with (
        TopClient(top_config(sim), SECRET, session=current) as client,
        pytest.raises(TopError) as info,
    ):
        client.find_items_by_outer_id(["x"])
    with pytest.raises(ReauthRequired, match="需要重新授权"):
        stuck.on_auth_error(info.value, current)
