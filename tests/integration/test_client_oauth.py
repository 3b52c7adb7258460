"""OAuthClient against the simulator's /authorize and /token pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from app.simulator import Simulator, SimulatorConfig
from app.top.client import TopClient, TopConfig
from app.top.errors import ErrorKind, TopError
from app.top.oauth import OAuthClient, TokenSet
from tests.integration.test_client_support import APP_KEY, SECRET

REDIRECT = "http://127.0.0.1:9/callback"


class _Form(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.action = ""
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self.action = a.get("action") or ""
        if tag == "input" and a.get("name"):
            self.fields[a["name"] or ""] = a.get("value") or ""


@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator(SimulatorConfig(app_key=APP_KEY, app_secret=SECRET)) as simulator:
        yield simulator


def _cfg(sim: Simulator) -> TopConfig:
    return TopConfig.for_env("local", APP_KEY, gateway_url=sim.router_url,
                             oauth_base_url=sim.base_url)


def _authorise(sim: Simulator, oauth: OAuthClient, state: str, nick: str = "小店") -> str:
    """Play the shop owner in the browser: open the page, submit it, read the redirect."""
    page = requests.get(oauth.authorize_url(REDIRECT, state), timeout=5)
    assert page.status_code == 200
    form = _Form()
    form.feed(page.text)
    form.fields["nick"] = nick
    answer = requests.post(sim.base_url + form.action, data=form.fields, timeout=5,
                           allow_redirects=False)
    assert answer.status_code == 302
    query = parse_qs(urlsplit(answer.headers["Location"]).query)
    assert query["state"] == [state]
    return query["code"][0]


def test_full_flow_then_call_with_the_token(sim: Simulator) -> None:
    oauth = OAuthClient(_cfg(sim), SECRET)
    url = oauth.authorize_url(REDIRECT, "st-1")
    assert url.startswith(sim.base_url + "/authorize?")
    assert parse_qs(urlsplit(url).query) == {
        "response_type": ["code"], "client_id": [APP_KEY], "redirect_uri": [REDIRECT],
        "state": ["st-1"], "view": ["web"]}
    before = datetime.now(UTC)
    tokens = oauth.exchange_code(_authorise(sim, oauth, "st-1"), REDIRECT)
    assert tokens.nick == "小店"
    assert tokens.expires_at.tzinfo is not None
    assert before < tokens.expires_at <= datetime.now(UTC) + timedelta(days=400)
    assert tokens.write_expires_at <= tokens.expires_at
    assert tokens.access_token not in repr(tokens)
    assert TokenSet.from_json(tokens.to_json()) == tokens
    with TopClient(_cfg(sim), SECRET, session=tokens.access_token) as client:
        assert client.get_categories(parent_cid=0)


def test_refresh(sim: Simulator) -> None:
    oauth = OAuthClient(_cfg(sim), SECRET)
    tokens = oauth.exchange_code(_authorise(sim, oauth, "s"), REDIRECT)
    assert tokens.refresh_token
    fresh = oauth.refresh(tokens.refresh_token)
    assert fresh.access_token
    assert fresh.nick == tokens.nick


def test_used_code_is_auth_error(sim: Simulator) -> None:
    oauth = OAuthClient(_cfg(sim), SECRET)
    code = _authorise(sim, oauth, "s")
    oauth.exchange_code(code, REDIRECT)
    with pytest.raises(TopError) as info:
        oauth.exchange_code(code, REDIRECT)
    err = info.value
    assert err.kind is ErrorKind.AUTH
    assert err.sub_code == "invalid_grant"
    assert "重新授权" in err.action
    assert code not in str(err) + repr(err)


def test_bad_refresh_token_is_auth_error(sim: Simulator) -> None:
    with pytest.raises(TopError) as info:
        OAuthClient(_cfg(sim), SECRET).refresh("no-such-refresh-token")
    assert info.value.kind is ErrorKind.AUTH


def test_wrong_secret_is_fatal(sim: Simulator) -> None:
    good = OAuthClient(_cfg(sim), SECRET)
    code = _authorise(sim, good, "s")
    bad = OAuthClient(_cfg(sim), "wrong-secret")
    with pytest.raises(TopError) as info:
        bad.exchange_code(code, REDIRECT)
    err = info.value
    assert err.kind is ErrorKind.FATAL
    assert "App Secret" in err.explanation
    assert not re.search("wrong-secret", str(err) + repr(err) + err.user_message)
