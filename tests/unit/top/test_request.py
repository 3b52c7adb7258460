"""Request building: value formatting, system vs business params, China-time timestamps."""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from app.top.errors import ErrorKind, TopError
from app.top.request import FilePart, build_call, format_value
from app.top.signing import sign

NOON_UTC = datetime(2026, 11, 26, 20, 30, 5, tzinfo=UTC)  # 04:30:05 next day in China


@pytest.mark.parametrize(
    ("value", "sent"),
    [
        (True, "true"),
        (False, "false"),
        (0, "0"),
        (900000000, "900000000"),
        (Decimal("99"), "99.00"),
        (Decimal("99.5"), "99.50"),
        (Decimal("99.000"), "99.00"),  # more digits but the same amount: fine
        (Decimal("0.01"), "0.01"),
        ("浙江", "浙江"),
        (" 带空格 ", " 带空格 "),  # non-empty values go as written
        (["a", None, "b"], "a,b"),
        (date(2026, 1, 2), "2026-01-02"),
        (NOON_UTC, "2026-11-27 04:30:05"),
        (1.5, "1.5"),
    ],
)
def test_format_value(value: object, sent: str) -> None:
    assert format_value("x", value) == sent


@pytest.mark.parametrize("value", [None, "", "   ", "\t\n", [], ["", " "]])
def test_empty_values_are_not_sent(value: object) -> None:
    assert format_value("x", value) is None


@pytest.mark.parametrize("value", [Decimal("99.005"), Decimal("0.001"), Decimal("NaN"),
                                   Decimal("Infinity")])
def test_too_precise_decimal_is_rejected_not_rounded(value: Decimal) -> None:
    with pytest.raises(TopError) as info:
        format_value("price", value)
    assert info.value.kind is ErrorKind.ROW
    assert "价格" in info.value.explanation
    assert "两位小数" in info.value.action


def test_unsupported_type_rejected() -> None:
    with pytest.raises(TypeError):
        format_value("x", object())


def test_system_params_in_query_business_in_body() -> None:
    call = build_call(
        "taobao.item.add",
        {"title": "标题", "num": 3, "price": Decimal("9.9"), "desc": "   ", "sell_point": None,
         "has_invoice": False},
        {"image": FilePart(b"\x89PNG", "a.png"), "img2": None},
        app_key="12345678", secret="helloworld", session="SESS", sign_method="md5",
        timestamp=NOON_UTC, partner_id="top-sdk", simplify=False,
    )
    q = call.query
    assert q["method"] == "taobao.item.add"
    assert q["app_key"] == "12345678"
    assert q["timestamp"] == "2026-11-27 04:30:05"
    assert q["v"] == "2.0"
    assert q["format"] == "json"
    assert q["sign_method"] == "md5"
    assert q["session"] == "SESS"
    assert q["partner_id"] == "top-sdk"
    assert "simplify" not in q
    assert call.body == {"title": "标题", "num": "3", "price": "9.90", "has_invoice": "false"}
    assert set(call.files) == {"image"}
    signed = {k: v for k, v in q.items() if k != "sign"} | call.body
    assert q["sign"] == sign(signed, "helloworld", "md5")  # files and empties not signed


def test_no_session_and_simplify() -> None:
    call = build_call("taobao.itemcats.get", {"parent_cid": 0}, None, app_key="k",
                      secret="s", session="  ", sign_method="hmac", timestamp=NOON_UTC,
                      simplify=True)
    assert "session" not in call.query
    assert call.query["simplify"] == "true"


def test_system_param_in_business_params_rejected() -> None:
    with pytest.raises(ValueError):
        build_call("m", {"session": "x"}, None, app_key="k", secret="s", session=None,
                   sign_method="md5", timestamp=NOON_UTC)


@pytest.mark.parametrize(
    "moment",
    [
        NOON_UTC,
        NOON_UTC.astimezone(timezone(timedelta(hours=-5))),  # New York winter
        NOON_UTC.astimezone(timezone(timedelta(hours=9))),  # Tokyo
        NOON_UTC.replace(tzinfo=None),  # naive = UTC
    ],
)
def test_timestamp_is_china_time_whatever_the_input_zone(moment: datetime) -> None:
    call = build_call("m", {}, None, app_key="k", secret="s", session=None, sign_method="md5",
                      timestamp=moment)
    assert call.query["timestamp"] == "2026-11-27 04:30:05"


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset (POSIX)")
def test_timestamp_ignores_the_pc_time_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    try:
        call = build_call("m", {}, None, app_key="k", secret="s", session=None,
                          sign_method="md5", timestamp=NOON_UTC)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert os.environ.get("TZ") is None
    assert call.query["timestamp"] == "2026-11-27 04:30:05"


def test_file_part_repr_hides_bytes_and_guesses_type() -> None:
    part = FilePart(b"x" * 10, "图.jpg")
    assert "xxxx" not in repr(part)
    assert "size=10" in repr(part)
    assert part.mime_type == "image/jpeg"
