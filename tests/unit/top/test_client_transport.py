"""TopClient over real HTTP (a scripted loopback server): placement, encoding, failures, bans."""

from __future__ import annotations

import hashlib
import hmac
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app.top.client import TopClient, TopConfig
from app.top.errors import CallCancelledError, ErrorKind, TopError
from app.top.ratelimit import RateLimiter
from tests.unit.top.fakeserver import FakeServer, Reply, Seen

SECRET = "s3cr3t-value"
SESSION = "sess-TOKEN-6100"
FIXED = datetime(2026, 11, 26, 20, 0, 0, tzinfo=UTC)


def _expected_sign(seen: Seen) -> str:
    """Independent HMAC-SHA256 over what the server received (query + form, not files)."""
    params = {**seen.query, **seen.form}
    params.pop("sign")
    text = "".join(k + params[k] for k in sorted(params, key=str.encode))
    return hmac.new(SECRET.encode(), text.encode(), hashlib.sha256).hexdigest().upper()


@pytest.fixture
def server() -> Iterator[FakeServer]:
    with FakeServer() as srv:
        yield srv


def _client(srv: FakeServer, **cfg: object) -> TopClient:
    config = TopConfig(app_key="12345678", gateway_url=srv.url, connect_timeout=2.0,
                       read_timeout=cfg.pop("read_timeout", 5.0), **cfg)  # type: ignore[arg-type]
    return TopClient(config, secret=SECRET, session=SESSION, clock=lambda: FIXED)


def _assert_no_secrets(err: TopError) -> None:
    for text in (str(err), repr(err), err.user_message, *map(str, err.args)):
        for secret in (SECRET, SESSION, "sign="):
            assert secret not in text
    assert err.__context__ is None
    assert err.__cause__ is None


def test_form_call_places_and_signs_params(server: FakeServer) -> None:
    server.replies.append(Reply(json={"item_add_response": {"item": {"num_iid": 42,
                                      "created": "2026-11-27 04:00:00"}, "request_id": "r1"}}))
    with _client(server) as client:
        added = client.add_item({"title": "纯棉T恤", "price": Decimal("19.9"), "num": 5,
                                 "location.state": "浙江", "location.city": "杭州",
                                 "desc": " ",
                                 "pic_path": "https://img.alicdn.com/imgextra/i1/9/x.jpg"})
    assert added.num_iid == 42
    assert added.request_id == "r1"
    seen = server.seen[0]
    assert seen.headers["Content-Type"] == "application/x-www-form-urlencoded;charset=UTF-8"
    assert set(seen.query) == {"method", "app_key", "timestamp", "v", "sign_method", "sign",
                               "format", "session"}
    assert seen.query["timestamp"] == "2026-11-27 04:00:00"
    assert seen.query["session"] == SESSION
    assert seen.form == {"title": "纯棉T恤", "price": "19.90", "num": "5",
                         "location.state": "浙江", "location.city": "杭州",
                         "pic_path": "i1/9/x.jpg"}  # relative (taobao-props.md §6)
    assert seen.query["sign"] == _expected_sign(seen)
    assert client.calls_made == 1


def test_multipart_upload_file_not_signed(server: FakeServer) -> None:
    server.replies.append(Reply(json={"picture_upload_response": {"picture": {
        "picture_id": 7, "picture_path": "https://img.example/i1/7.jpg", "pixel": "800x800",
        "sizes": 1234}}}))
    with _client(server) as client:
        pic = client.upload_picture(b"\xff\xd8JPEGDATA", "主图.jpg")
    assert (pic.picture_id, pic.picture_path, pic.pixel, pic.size) == (
        7, "https://img.example/i1/7.jpg", "800x800", 1234)
    seen = server.seen[0]
    assert seen.headers["Content-Type"].startswith("multipart/form-data")
    assert seen.files["img"] == ("主图.jpg", b"\xff\xd8JPEGDATA", "image/jpeg")
    assert seen.form == {"image_input_title": "主图.jpg", "picture_category_id": "0"}
    assert seen.query["sign"] == _expected_sign(seen)


def test_one_pooled_connection_is_reused(server: FakeServer) -> None:
    with _client(server) as client:
        for _ in range(3):
            client.call("taobao.ok", {})
    assert len({s.client_port for s in server.seen}) == 1


def test_session_can_be_replaced(server: FakeServer) -> None:
    with _client(server) as client:
        client.session = "new-token"
        client.call("taobao.ok", {})
    assert server.seen[0].query["session"] == "new-token"


@pytest.mark.parametrize(
    ("reply", "maybe_executed"),
    [
        (Reply(status=502, raw=b"<html>bad gateway</html>"), True),
        (Reply(status=503, raw=b""), True),
        (Reply(drop=True), True),
        (Reply(raw=b"<html>not json</html>"), True),
    ],
)
def test_transient_failures(server: FakeServer, reply: Reply, maybe_executed: bool) -> None:
    server.replies.append(reply)
    with _client(server) as client, pytest.raises(TopError) as info:
        client.call("taobao.item.add", {"title": "t"})
    err = info.value
    assert err.kind is ErrorKind.TRANSIENT
    assert err.code is None
    assert err.maybe_executed is maybe_executed
    assert err.method == "taobao.item.add"
    _assert_no_secrets(err)


def test_read_timeout_may_have_executed(server: FakeServer) -> None:
    server.replies.append(Reply(json={"ok_response": {}}, delay=3))
    with _client(server, read_timeout=0.3) as client, pytest.raises(TopError) as info:
        client.call("taobao.item.add", {})
    assert info.value.kind is ErrorKind.TRANSIENT
    assert info.value.maybe_executed
    assert "超时" in info.value.explanation
    _assert_no_secrets(info.value)


def test_connect_refused_was_not_executed() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cfg = TopConfig(app_key="12345678", gateway_url=f"http://127.0.0.1:{port}/router/rest",
                    connect_timeout=2.0)
    with TopClient(cfg, secret=SECRET, session=SESSION) as client, \
            pytest.raises(TopError) as info:
        client.call("taobao.item.add", {"title": "t"})
    assert info.value.kind is ErrorKind.TRANSIENT
    assert not info.value.maybe_executed
    _assert_no_secrets(info.value)


def test_http_404_is_fatal(server: FakeServer) -> None:
    server.replies.append(Reply(status=404, raw=b"no"))
    with _client(server) as client, pytest.raises(TopError) as info:
        client.call("taobao.item.add", {})
    assert info.value.kind is ErrorKind.FATAL
    assert not info.value.maybe_executed


def _ban(seconds: int, sub: str = "accesscontrol.limited-by-api-access-count") -> Reply:
    return Reply(json={"error_response": {
        "code": 7, "msg": "App Call Limited", "sub_code": sub,
        "sub_msg": f"This ban will last for {seconds} more seconds", "request_id": "rb"}})


def test_short_ban_is_waited_out_then_retried(server: FakeServer) -> None:
    server.replies.append(_ban(1))
    limiter = RateLimiter(qps=None, ban_jitter=(0.0, 0.05))
    cfg = TopConfig(app_key="12345678", gateway_url=server.url)
    with TopClient(cfg, SECRET, SESSION, limiter) as client:
        started = time.monotonic()
        assert client.call("taobao.ok", {}) == {}
        elapsed = time.monotonic() - started
    assert elapsed >= 1.0
    assert client.calls_made == 2
    assert len(server.seen) == 2
    assert server.seen[0].query["timestamp"]  # each attempt is signed afresh
    assert server.seen[1].query["sign"] == _expected_sign(server.seen[1])


def test_ban_retries_are_bounded(server: FakeServer) -> None:
    server.replies.extend([_ban(0)] * 5)
    cfg = TopConfig(app_key="12345678", gateway_url=server.url, max_ban_retries=2)
    limiter = RateLimiter(qps=None, ban_jitter=(0.0, 0.0))
    with TopClient(cfg, SECRET, SESSION, limiter) as client, pytest.raises(TopError) as info:
        client.call("taobao.ok", {})
    assert info.value.kind is ErrorKind.RATE_LIMITED
    assert client.calls_made == 3


def test_long_ban_is_raised_not_slept(server: FakeServer) -> None:
    server.replies.append(_ban(600))
    cfg = TopConfig(app_key="12345678", gateway_url=server.url, max_ban_wait=60)
    limiter = RateLimiter(qps=None)
    with TopClient(cfg, SECRET, SESSION, limiter) as client, pytest.raises(TopError) as info:
        client.call("taobao.ok", {})
    assert info.value.ban_seconds == 600
    assert client.calls_made == 1
    assert limiter.banned_for() > 500  # the other workers hold off too


def test_daily_quota_is_raised_not_retried(server: FakeServer) -> None:
    server.replies.append(_ban(3000, "accesscontrol.limited-by-app-access-count"))
    limiter = RateLimiter(qps=None)
    with _client(server) as client:
        client.limiter = limiter
        with pytest.raises(TopError) as info:
            client.call("taobao.item.add", {})
    err = info.value
    assert err.kind is ErrorKind.RATE_LIMITED
    assert err.daily_quota
    assert err.reset_at == datetime(2026, 11, 27, 16, 0, tzinfo=UTC)  # 00:00 in China
    assert client.calls_made == 1
    assert limiter.banned_for() == 0


def test_cancel_while_waiting_for_a_slot(server: FakeServer) -> None:
    limiter = RateLimiter(qps=0.2)
    cancel = threading.Event()
    cfg = TopConfig(app_key="12345678", gateway_url=server.url)
    with TopClient(cfg, SECRET, SESSION, limiter, cancel_event=cancel) as client:
        client.call("taobao.ok", {})
        errors: list[BaseException] = []

        def second() -> None:
            try:
                client.call("taobao.ok", {})
            except CallCancelledError as exc:
                errors.append(exc)

        worker = threading.Thread(target=second)
        worker.start()
        cancel.set()
        limiter.wake_all()
        worker.join(timeout=3)
    assert len(errors) == 1
    assert not errors[0].maybe_executed
    assert client.calls_made == 1


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_tls_verification_stays_on(tmp_path: Path) -> None:
    """A self-signed HTTPS gateway is refused (FATAL, nothing sent), never trusted."""
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )
    with FakeServer() as srv:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        srv.wrap_tls(context)
        cfg = TopConfig(app_key="12345678", gateway_url=srv.url.replace("http:", "https:"))
        with TopClient(cfg, SECRET, SESSION) as client, pytest.raises(TopError) as info:
            client.call("taobao.item.add", {"title": "t"})
    assert info.value.kind is ErrorKind.FATAL
    assert not info.value.maybe_executed
    assert "证书" in info.value.explanation
    assert srv.seen == []
    _assert_no_secrets(info.value)
