"""The OAuth pages end to end: consent form, redirect with a one-shot code, token, refresh."""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import requests

from app.simulator import Simulator, SimulatorConfig
from tests.integration.test_simulator_support import (
    APP_KEY,
    SECRET,
    TIMEOUT,
    RawTop,
    door,
    error_of,
    sim,
)

__all__ = ["sim"]  # fixture

REDIRECT = "http://127.0.0.1:8765/callback"


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.form: dict[str, str] = {}
        self.inputs: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.form = values
        elif tag == "input" and "name" in values:
            self.inputs[values["name"]] = values.get("value", "")


def authorize(sim: Simulator, nick: str | None = None, state: str = "xyz") -> str:
    """Walk the consent page like a browser; return the code from the redirect."""
    page = requests.get(f"{sim.base_url}/authorize", timeout=TIMEOUT, params={
        "response_type": "code", "client_id": APP_KEY, "redirect_uri": REDIRECT,
        "state": state, "view": "web"})
    assert page.status_code == 200
    reader = _FormReader()
    reader.feed(page.text)
    assert reader.form["method"].lower() == "post"
    assert reader.form["action"] == "/authorize"
    assert reader.inputs["nick"] == "demo_shop"
    fields = dict(reader.inputs)
    if nick is not None:
        fields["nick"] = nick
    answer = requests.post(sim.base_url + reader.form["action"], data=fields,
                           allow_redirects=False, timeout=TIMEOUT)
    assert answer.status_code == 302
    location = urlsplit(answer.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
    query = parse_qs(location.query)
    assert query["state"] == [state]
    return query["code"][0]


def token(sim: Simulator, **form: str) -> requests.Response:
    base = {"client_id": APP_KEY, "client_secret": SECRET}
    return requests.post(f"{sim.base_url}/token", data={**base, **form}, timeout=TIMEOUT)


def test_code_flow_end_to_end(sim: Simulator) -> None:
    code = authorize(sim, nick="my_shop")
    answer = token(sim, grant_type="authorization_code", code=code, redirect_uri=REDIRECT)
    assert answer.status_code == 200, answer.text
    tokens = answer.json()
    assert tokens["token_type"] == "Bearer"
    assert tokens["taobao_user_nick"] == "my_shop"
    assert tokens["expires_in"] == 86400
    assert tokens["w1_expires_in"] == tokens["expires_in"]
    for key in ("refresh_token", "re_expires_in", "r1_expires_in", "r2_expires_in",
                "w2_expires_in", "taobao_user_id"):
        assert tokens[key], key
    client = RawTop(sim, tokens["access_token"])
    assert "item_add_response" in client.add_item()
    assert door(sim, "items")[0]["nick"] == "my_shop"

    reused = token(sim, grant_type="authorization_code", code=code, redirect_uri=REDIRECT)
    assert reused.status_code == 400
    assert reused.json()["error"] == "invalid_grant"
    assert reused.json()["error_description"]

    refreshed = token(sim, grant_type="refresh_token", refresh_token=tokens["refresh_token"])
    assert refreshed.status_code == 200, refreshed.text
    new_tokens = refreshed.json()
    assert new_tokens["access_token"] != tokens["access_token"]
    assert "item_add_response" in RawTop(sim, new_tokens["access_token"]).add_item()


def test_token_errors(sim: Simulator) -> None:
    code = authorize(sim)
    wrong_secret = token(sim, grant_type="authorization_code", code=code,
                         redirect_uri=REDIRECT, client_secret="nope")
    assert (wrong_secret.status_code, wrong_secret.json()["error"]) == (400, "invalid_client")
    unknown = token(sim, grant_type="authorization_code", code="bogus", redirect_uri=REDIRECT)
    assert (unknown.status_code, unknown.json()["error"]) == (400, "invalid_grant")
    mismatch = token(sim, grant_type="authorization_code", code=authorize(sim),
                     redirect_uri="http://127.0.0.1:1/other")
    assert (mismatch.status_code, mismatch.json()["error"]) == (400, "invalid_grant")
    grant = token(sim, grant_type="password")
    assert (grant.status_code, grant.json()["error"]) == (400, "unsupported_grant_type")
    bad_refresh = token(sim, grant_type="refresh_token", refresh_token="6200nope")
    assert (bad_refresh.status_code, bad_refresh.json()["error"]) == (400, "invalid_grant")


def test_authorize_rejects_unknown_client(sim: Simulator) -> None:
    page = requests.get(f"{sim.base_url}/authorize", timeout=TIMEOUT, params={
        "response_type": "code", "client_id": "000", "redirect_uri": REDIRECT})
    assert page.status_code == 400


def test_short_w1_and_session_ttl() -> None:
    with Simulator(SimulatorConfig(session_ttl=600, w1_ttl=1)) as simulator:
        code = authorize(simulator)
        tokens = token(simulator, grant_type="authorization_code", code=code,
                       redirect_uri=REDIRECT).json()
        assert (tokens["expires_in"], tokens["w1_expires_in"]) == (600, 1)
        client = RawTop(simulator, tokens["access_token"])
        deadline = time.monotonic() + 5
        answer = client.add_item()
        while "item_add_response" in answer and time.monotonic() < deadline:
            time.sleep(0.1)
            answer = client.add_item()
        assert error_of(answer)["code"] == 27
        assert re.search("w1", error_of(answer)["sub_msg"])
        read = client.call("taobao.items.custom.get", {"outer_id": "TS-001", "fields": "num_iid"})
        assert "items_custom_get_response" in read
