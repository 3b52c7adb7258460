"""TopConfig environments and TokenSet building / storage / privacy."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from app.top.config import TopConfig
from app.top.errors import ErrorKind, TopError
from app.top.oauth import OAuthClient, TokenSet
from tests.unit.top.fakeserver import FakeServer, Reply

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def test_for_env_real_urls() -> None:
    prod = TopConfig.for_env("production", "12345678")
    assert prod.gateway_url == "https://eco.taobao.com/router/rest"
    assert prod.oauth_base == "https://oauth.taobao.com"
    assert prod.sign_method == "hmac-sha256"
    sandbox = TopConfig.for_env("sandbox", "12345678", sign_method="md5")
    assert sandbox.gateway_url == "https://gw.api.tbsandbox.com/router/rest"
    assert sandbox.oauth_base == "https://oauth.tbsandbox.com"
    assert sandbox.sign_method == "md5"


def test_local_needs_a_gateway_and_derives_oauth() -> None:
    with pytest.raises(ValueError):
        TopConfig.for_env("local", "12345678")
    local = TopConfig.for_env("local", "k", gateway_url="http://127.0.0.1:8123/router/rest")
    assert local.oauth_base == "http://127.0.0.1:8123"
    with pytest.raises(ValueError):
        TopConfig.for_env("moon", "k")


@pytest.mark.parametrize(
    "changes",
    [
        {"gateway_url": "http://eco.taobao.com/router/rest"},  # plain http off loopback
        {"gateway_url": "ftp://127.0.0.1/x"},
        {"sign_method": "sha1"},
        {"read_timeout": 0},
        {"app_key": " "},
        {"oauth_base_url": "http://example.com"},
    ],
)
def test_bad_config_rejected(changes: dict[str, object]) -> None:
    base: dict[str, object] = {"app_key": "k", "gateway_url": "https://eco.taobao.com/router/rest"}
    with pytest.raises(ValueError):
        TopConfig(**{**base, **changes})  # type: ignore[arg-type]


ANSWER = {
    "access_token": "6200acc-token", "token_type": "Bearer", "expires_in": 86400,
    "refresh_token": "6201ref-token", "re_expires_in": "2592000", "r1_expires_in": 1800,
    "r2_expires_in": 0, "w1_expires_in": 3600, "w2_expires_in": 600,
    "taobao_user_nick": "%E5%B0%8F%E5%BA%97", "taobao_user_id": 2201,
}


def test_token_set_from_answer() -> None:
    tokens = TokenSet.from_response(ANSWER, NOW)
    assert tokens.expires_at == NOW + timedelta(days=1)
    assert tokens.refresh_expires_at == NOW + timedelta(days=30)
    assert tokens.r1_expires_at == NOW + timedelta(minutes=30)
    assert tokens.r2_expires_at is None
    assert tokens.w1_expires_at == NOW + timedelta(hours=1)
    assert tokens.w2_expires_at == NOW + timedelta(minutes=10)
    assert tokens.write_expires_at == NOW + timedelta(hours=1)  # the shortest write lifetime
    assert tokens.nick == "小店"  # URL-encoded nick decoded
    assert tokens.user_id == "2201"
    assert tokens.expires_at.tzinfo is not None


def test_token_set_json_round_trip_and_repr() -> None:
    tokens = TokenSet.from_response(ANSWER, NOW)
    again = TokenSet.from_json(tokens.to_json())
    assert again == tokens
    assert again.expires_at.utcoffset() == timedelta(0)
    text = repr(tokens) + str(tokens)
    assert "6200acc" not in text
    assert "6201ref" not in text
    assert "小店" in text


def test_token_answer_without_token_is_refused() -> None:
    with pytest.raises(ValueError):
        TokenSet.from_response({"expires_in": 5}, NOW)


@pytest.fixture
def server() -> Iterator[FakeServer]:
    with FakeServer() as srv:
        yield srv


def _oauth(srv: FakeServer) -> OAuthClient:
    cfg = TopConfig.for_env("local", "12345678", gateway_url=srv.url)
    return OAuthClient(cfg, "the-app-secret", clock=lambda: NOW)


def test_exchange_posts_the_form(server: FakeServer) -> None:
    server.replies.append(Reply(json=ANSWER))
    tokens = _oauth(server).exchange_code("CODE1", "http://127.0.0.1/cb")
    seen = server.seen[0]
    assert seen.path == "/token"
    assert seen.form == {"client_id": "12345678", "client_secret": "the-app-secret",
                         "grant_type": "authorization_code", "code": "CODE1",
                         "redirect_uri": "http://127.0.0.1/cb"}
    assert seen.query == {}  # the secret never goes in a URL
    assert tokens.expires_at == NOW + timedelta(days=1)


@pytest.mark.parametrize(
    ("error", "kind"),
    [("invalid_client", ErrorKind.FATAL), ("invalid_grant", ErrorKind.AUTH),
     ("unsupported_grant_type", ErrorKind.AUTH), ("invalid_request", ErrorKind.AUTH)],
)
def test_token_errors(server: FakeServer, error: str, kind: ErrorKind) -> None:
    server.replies.append(Reply(status=400, json={"error": error,
                                                  "error_description": "说明"}))
    with pytest.raises(TopError) as info:
        _oauth(server).refresh("6201ref-token")
    err = info.value
    assert err.kind is kind
    assert err.sub_code == error
    assert "说明" in err.explanation
    for text in (str(err), repr(err), err.user_message):
        assert "the-app-secret" not in text
        assert "6201ref" not in text


def test_token_endpoint_502_is_transient(server: FakeServer) -> None:
    server.replies.append(Reply(status=502, raw=b"<html/>"))
    with pytest.raises(TopError) as info:
        _oauth(server).refresh("r")
    assert info.value.kind is ErrorKind.TRANSIENT
