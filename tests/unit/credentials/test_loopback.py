"""The one-shot loopback listener: loopback only, one hit, idle pre-connections do not block it."""

from __future__ import annotations

import socket

import pytest
import requests

from app.credentials.authorize import AuthorizationError, loopback_target, parse_pasted
from app.credentials.loopback import LoopbackListener


def _listener(hits: list[dict[str, str]]) -> LoopbackListener:
    return LoopbackListener(hits.append, lambda params: (True, "授权码已收到", "可以关闭此页面"))


def test_one_hit_then_refuses_and_closes() -> None:
    hits: list[dict[str, str]] = []
    with _listener(hits) as listener:
        assert listener.redirect_uri.startswith("http://127.0.0.1:")
        assert listener.redirect_uri.endswith("/callback")
        other = requests.get(f"http://127.0.0.1:{listener.port}/favicon.ico", timeout=5)
        assert other.status_code == 404
        first = requests.get(listener.redirect_uri + "?code=abc&state=xyz", timeout=5)
        assert first.status_code == 200
        assert "授权码已收到" in first.text
        assert first.headers["Content-Type"].startswith("text/html; charset=utf-8")
        second = requests.get(listener.redirect_uri + "?code=evil&state=xyz", timeout=5)
        assert second.status_code == 400
        port = listener.port
    assert hits == [{"code": "abc", "state": "xyz"}]
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{port}/callback", timeout=5)


def test_idle_preconnection_does_not_block_the_callback() -> None:
    hits: list[dict[str, str]] = []
    with _listener(hits) as listener, socket.create_connection(("127.0.0.1", listener.port)):
        answer = requests.get(listener.redirect_uri + "?code=abc&state=s", timeout=5)
        assert answer.status_code == 200
    assert hits == [{"code": "abc", "state": "s"}]


def test_only_loopback_interface() -> None:
    with _listener([]) as listener:
        assert listener._server.server_address[0] == "127.0.0.1"


@pytest.mark.parametrize(
    ("uri", "target"),
    [
        ("http://127.0.0.1:8765/callback", (8765, "/callback")),
        ("http://localhost:9000/oauth/cb", (9000, "/oauth/cb")),
        ("http://127.0.0.1/callback", None),  # no port: cannot listen on 80 as a user
        ("https://shop.example.com/callback", None),
        ("urn:ietf:wg:oauth:2.0:oob", None),
    ],
)
def test_loopback_target(uri: str, target: tuple[int, str] | None) -> None:
    assert loopback_target(uri) == target


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  CODE123abc \n", {"code": "CODE123abc"}),
        ("https://shop.example.com/cb?code=C1&state=S1", {"code": "C1", "state": "S1"}),
        ("code=C2&state=S2", {"code": "C2", "state": "S2"}),
        (
            "https://x.example/cb?error=access_denied&error_description=no",
            {"error": "access_denied", "error_description": "no"},
        ),
    ],
)
def test_parse_pasted(text: str, expected: dict[str, str]) -> None:
    assert parse_pasted(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "https://shop.example.com/cb?x=1", "two words"])
def test_parse_pasted_refuses_garbage(text: str) -> None:
    with pytest.raises(AuthorizationError):
        parse_pasted(text)
