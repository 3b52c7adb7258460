"""Answers: unwrapping, the error-kind table, bans, daily quota, and secret-free errors."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

import pytest

from app.top.chinatime import CHINA_TZ
from app.top.client import CallRecord, TopClient, TopConfig
from app.top.errors import ErrorKind, TopError
from app.top.response import error_kind, parse_response, response_key, unwrap_list
from tests.unit.top.fakeserver import FakeServer, Reply, Seen

NOW = datetime(2026, 11, 26, 20, 30, 0, tzinfo=UTC)  # 2026-11-27 04:30 in China


def _error(**fields: object) -> bytes:
    return json.dumps({"error_response": {"request_id": "rid-1", **fields}}).encode()


def _raise(content: bytes, method: str = "taobao.item.add") -> TopError:
    with pytest.raises(TopError) as info:
        parse_response(method, content, NOW)
    return info.value


def test_response_key() -> None:
    assert response_key("taobao.item.add") == "item_add_response"
    assert response_key("taobao.items.custom.get") == "items_custom_get_response"
    assert response_key("alibaba.item.publish.submit") == "alibaba_item_publish_submit_response"


def test_unwraps_success() -> None:
    body = {"item_add_response": {"item": {"num_iid": 1, "created": "x"}, "request_id": "r"}}
    assert parse_response("taobao.item.add", json.dumps(body).encode(), NOW)["item"]["num_iid"] == 1


def test_unwrapped_answer_is_returned_as_is() -> None:  # simplify=true
    body = {"item": {"num_iid": 1}, "request_id": "r"}
    assert parse_response("taobao.item.add", json.dumps(body).encode(), NOW) == body


def test_lists_twice_wrapped_absent_or_single() -> None:
    assert unwrap_list({"items": {"item": [{"a": 1}, {"a": 2}]}}, "items", "item") == [
        {"a": 1}, {"a": 2}]
    assert unwrap_list({"total_results": 0}, "items", "item") == []
    assert unwrap_list({"items": {}}, "items", "item") == []
    assert unwrap_list({"items": {"item": {"a": 1}}}, "items", "item") == [{"a": 1}]


@pytest.mark.parametrize(
    ("code", "sub_code", "kind", "maybe_executed"),
    [
        (3, None, ErrorKind.ROW, False),
        (7, "accesscontrol.limited-by-api-access-count", ErrorKind.RATE_LIMITED, False),
        (10, None, ErrorKind.TRANSIENT, False),
        (11, None, ErrorKind.FATAL, False),
        (12, None, ErrorKind.FATAL, False),
        (13, None, ErrorKind.FATAL, False),
        (15, "isp.top-remote-connection-timeout", ErrorKind.TRANSIENT, True),
        (15, "isp.item-update-service-error:IC_SYSTEM_NOT_READY_TRY_AGAIN_LATER",
         ErrorKind.TRANSIENT, True),
        (15, "isv.invalid-parameter:title", ErrorKind.ROW, False),
        (15, None, ErrorKind.ROW, False),
        (21, None, ErrorKind.FATAL, False),
        (22, None, ErrorKind.FATAL, False),
        (25, None, ErrorKind.FATAL, False),
        (26, None, ErrorKind.AUTH, False),
        (27, "invalid-sessionkey", ErrorKind.AUTH, False),
        (28, None, ErrorKind.FATAL, False),
        (29, None, ErrorKind.FATAL, False),
        (30, None, ErrorKind.FATAL, False),
        (31, None, ErrorKind.FATAL, False),
        (40, None, ErrorKind.ROW, False),
        (41, None, ErrorKind.ROW, False),
        (43, None, ErrorKind.ROW, False),
        (9, None, ErrorKind.FATAL, False),
        (23, None, ErrorKind.FATAL, False),
        (24, None, ErrorKind.FATAL, False),
        (32, None, ErrorKind.FATAL, False),
        (33, None, ErrorKind.FATAL, False),
        (34, None, ErrorKind.FATAL, False),
        (42, None, ErrorKind.FATAL, False),
        (47, None, ErrorKind.FATAL, False),
        (999, "isp.whatever", ErrorKind.TRANSIENT, True),
        (999, "isv.whatever", ErrorKind.ROW, False),
        (999, None, ErrorKind.FATAL, False),
    ],
)
def test_kind_table(code: int, sub_code: str | None, kind: ErrorKind,
                    maybe_executed: bool) -> None:
    assert error_kind(code, sub_code) is kind
    err = _raise(_error(code=code, msg="m", sub_code=sub_code, sub_msg="s"))
    assert err.kind is kind
    assert err.maybe_executed is maybe_executed
    assert err.code == code
    assert err.request_id == "rid-1"
    assert err.method == "taobao.item.add"
    assert err.explanation
    assert err.action


def test_string_code_is_read_as_int() -> None:
    assert _raise(_error(code="27", msg="Invalid session")).kind is ErrorKind.AUTH


def test_short_ban() -> None:
    err = _raise(_error(code=7, msg="App Call Limited",
                        sub_code="accesscontrol.limited-by-app-api-access-count",
                        sub_msg="This ban will last for 2 more seconds"))
    assert err.kind is ErrorKind.RATE_LIMITED
    assert err.ban_seconds == 2
    assert not err.daily_quota
    assert err.reset_at is None
    assert not err.maybe_executed


@pytest.mark.parametrize("sub_code", ["accesscontrol.limited-by-app-access-count",
                                      "isv.access-limited-by-app-access-count"])
def test_daily_quota(sub_code: str) -> None:
    err = _raise(_error(code=7, msg="App Call Limited", sub_code=sub_code,
                        sub_msg="This ban will last for 70200 more seconds"))
    assert err.kind is ErrorKind.RATE_LIMITED
    assert err.daily_quota
    assert err.ban_seconds == 70200
    assert err.reset_at == datetime(2026, 11, 28, 0, 0, tzinfo=CHINA_TZ)
    assert err.reset_at.utcoffset().total_seconds() == 8 * 3600
    assert "00:00" in err.explanation


def test_reset_at_just_before_midnight_china() -> None:
    late = datetime(2026, 11, 26, 15, 59, 59, tzinfo=UTC)  # 23:59:59 in China
    with pytest.raises(TopError) as info:
        parse_response("m", _error(code=7, sub_code="accesscontrol.limited-by-app-access-count"),
                       late)
    assert info.value.reset_at == datetime(2026, 11, 26, 16, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "content", [b"<html>502</html>", b"\xff\xfe", b"[1, 2]", b'{"x_response": 3}']
)
def test_bad_answers_are_transient_maybe_executed(content: bytes) -> None:
    err = _raise(content, "x")
    assert err.kind is ErrorKind.TRANSIENT
    assert err.code is None
    assert err.maybe_executed


def test_error_text_never_holds_secrets(caplog: pytest.LogCaptureFixture) -> None:
    """A real call through `TopClient`: the secret signs it, the session and the sign travel in
    it, and the server's error echoes every parameter it received (gateways echo arguments in
    ``msg``/``sub_msg``). None of them may reach the error's text, the log or the observer."""
    secret, session = "helloworld-SECRET-9", "6100SESSIONtoken7f3a"

    def echo(seen: Seen) -> Reply:
        params = "; ".join(f"{k}={v}" for k, v in sorted({**seen.query, **seen.form}.items()))
        return Reply(json={"error_response": {
            "code": 25, "msg": f"Invalid signature: {params}", "sub_code": "isv.invalid-sign",
            "sub_msg": f"签名错误，收到的参数：{params}", "request_id": "rid-1"}})

    records: list[CallRecord] = []
    caplog.set_level(logging.INFO)  # what the app's log file gets (application.setup_logging)
    caplog.set_level(logging.DEBUG, logger="app")  # and everything our own code says
    with FakeServer(echo) as server:
        config = TopConfig(app_key="12345678", gateway_url=server.url)
        with (TopClient(config, secret, session, observer=records.append) as client,
              pytest.raises(TopError) as info):
            client.call("taobao.item.add", {"title": "纯棉T恤", "num": 1})
        sent = server.seen[0].query
    err = info.value
    assert sent["session"] == session  # the values really went out and came back
    leaks = (secret, session, sent["sign"])
    texts = [str(err), repr(err), err.user_message, err.msg, err.sub_msg or "",
             err.explanation, *map(str, err.args), caplog.text, *map(repr, records)]
    for text in texts:
        for value in leaks:
            assert value not in text
    assert "title=纯棉T恤" in (err.sub_msg or "")  # the rest of the echo is kept
    assert err.kind is ErrorKind.FATAL
    assert "App Secret" in err.explanation
    assert "rid-1" in err.user_message
