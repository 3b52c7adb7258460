"""The router's system checks over loopback: signature, app key, timestamp, session, format."""

from __future__ import annotations

import hashlib
import time
from urllib.parse import urlencode

import pytest
import requests

from app.simulator import Simulator, SimulatorConfig
from tests.integration.test_simulator_support import (
    APP_KEY,
    SECRET,
    TIMEOUT,
    RawTop,
    china_timestamp,
    door,
    error_of,
    item_fields,
    set_faults,
    sign,
    sim,
    top,
)

__all__ = ["sim", "top"]  # fixtures


@pytest.mark.parametrize("sign_method", ["md5", "hmac", "hmac-sha256"])
def test_signed_item_add_is_listed(sim: Simulator, sign_method: str) -> None:
    client = RawTop(sim, sim.issue_session("demo_shop"), sign_method=sign_method)
    answer = client.add_item(outer_id=f"OK-{sign_method}")
    item = answer["item_add_response"]["item"]
    assert isinstance(item["num_iid"], int)
    assert item["created"]
    assert answer["item_add_response"]["request_id"]
    listed = {i["num_iid"]: i for i in door(sim, "items")}
    stored = listed[item["num_iid"]]
    assert stored["outer_id"] == f"OK-{sign_method}"
    assert stored["title"] == "纯棉短袖T恤 夏季新款"
    assert stored["price"] == "59.00"
    assert stored["num"] == 10
    assert stored["nick"] == "demo_shop"
    calls = door(sim, "calls")
    assert calls[-1]["method"] == "taobao.item.add"
    assert calls[-1]["verdict"] == "ok"


def test_system_params_in_query_business_in_body(top: RawTop, sim: Simulator) -> None:
    answer = top.call("taobao.item.add", item_fields(outer_id="Q-1"), system_in_query=True)
    assert "item_add_response" in answer
    assert [i["outer_id"] for i in door(sim, "items")] == ["Q-1"]


def test_blog_post_signature_is_refused(top: RawTop, sim: Simulator) -> None:
    """Secret appended only at the end, lower-case hex, no sign_method: code 25."""
    params = {**top.system("taobao.item.add"), **item_fields()}
    params.pop("sign_method")
    base = "".join(k + v for k, v in sorted(params.items()))
    params["sign"] = hashlib.md5((base + SECRET).encode()).hexdigest()
    answer = requests.post(sim.router_url, data=params, timeout=TIMEOUT).json()
    assert error_of(answer)["code"] == 25
    assert error_of(answer)["request_id"]
    assert door(sim, "items") == []


def test_gbk_signature_of_chinese_text_is_refused(top: RawTop) -> None:
    params = {**top.system("taobao.item.add"), **item_fields()}
    base = "".join(k + v for k, v in sorted(params.items())).encode("gbk")
    key = SECRET.encode()
    params["sign"] = hashlib.md5(key + base + key).hexdigest().upper()
    answer = requests.post(top.sim.router_url, data=params, timeout=TIMEOUT).json()
    assert error_of(answer)["code"] == 25


@pytest.mark.parametrize(
    ("override", "code"),
    [
        ({"sign": "0" * 32}, 25),
        ({"sign": None}, 24),
        ({"sign_method": "sha1"}, 25),
        ({"app_key": None}, 28),
        ({"app_key": "99999999"}, 29),
        ({"method": None}, 21),
        ({"method": "taobao.no.such"}, 22),
        ({"v": None}, 32),
        ({"v": "3.0"}, 33),
        ({"timestamp": None}, 30),
        ({"timestamp": "2026/01/01 12:00:00"}, 31),
        ({"timestamp": "1764000000000"}, 31),  # epoch millis, a year off
        ({"timestamp": "1764000000"}, 31),  # epoch seconds: not a form TOP takes
        # ±11 minutes: test_ten_minute_skew_rule_applies_to_both_timestamp_forms (stamps made
        # when the test runs, not when it is collected minutes earlier)
        ({"session": None}, 26),
        ({"session": "6100deadbeef"}, 27),
        ({"format": "yaml"}, 23),
    ],
)
def test_system_parameter_errors(top: RawTop, override: dict, code: int) -> None:
    override = {k: v() if callable(v) else v for k, v in override.items()}
    answer = top.call("taobao.item.add", item_fields(), override=override)
    error = error_of(answer)
    assert error["code"] == code
    assert error["msg"]
    assert error["request_id"]


def test_nine_minute_skew_is_accepted(top: RawTop) -> None:
    answer = top.add_item(outer_id="SKEW")
    assert "item_add_response" in answer
    answer = top.call(
        "taobao.item.add", item_fields(), override={"timestamp": china_timestamp(9 * 60)},
    )
    assert "item_add_response" in answer


def test_invalid_session_sub_codes(sim: Simulator, top: RawTop) -> None:
    bogus = top.call("taobao.item.add", item_fields(), override={"session": "6100nope"})
    assert error_of(bogus)["sub_code"] == "invalid-sessionkey"
    set_faults(sim, expire_sessions=True)
    expired = top.add_item()
    assert error_of(expired)["code"] == 27
    assert error_of(expired)["sub_code"] == "session-expired"
    fresh = RawTop(sim, sim.issue_session("demo_shop"))
    assert "item_add_response" in fresh.add_item()


def test_short_session_ttl_expires(sim: Simulator) -> None:
    client = RawTop(sim, sim.issue_session("demo_shop", ttl=0.05))
    deadline_answer = None
    for _ in range(100):
        deadline_answer = client.add_item()
        if "error_response" in deadline_answer:
            break
    assert deadline_answer is not None
    assert error_of(deadline_answer)["sub_code"] == "session-expired"


def test_session_of_another_app_is_invalid() -> None:
    config = SimulatorConfig(extra_apps={"87654321": "othersecret"})
    with Simulator(config) as simulator:
        foreign = simulator.issue_session("demo_shop", app_key="87654321")
        answer = RawTop(simulator, foreign).add_item()
        assert error_of(answer)["code"] == 27


def test_xml_format_gets_minimal_xml(top: RawTop) -> None:
    response = top.post("taobao.item.add", item_fields(), override={"format": "xml"})
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/xml")
    assert "<code>23</code>" in response.text
    assert "<request_id>" in response.text


def test_get_is_accepted(top: RawTop, sim: Simulator) -> None:
    params = top.system("taobao.itemcats.get")
    params.pop("session")
    params["parent_cid"] = "0"
    params["sign"] = sign(params)
    answer = requests.get(sim.router_url, params=params, timeout=TIMEOUT).json()
    cats = answer["itemcats_get_response"]["item_cats"]["item_cat"]
    assert {c["cid"] for c in cats} >= {16, 30}


def test_every_response_has_a_request_id(top: RawTop) -> None:
    ids = set()
    for override in ({}, {"sign": "bad"}, {"app_key": "1"}, {"method": "x.y"}):
        answer = top.call("taobao.item.add", item_fields(), override=override)
        body = next(iter(answer.values()))
        ids.add(body["request_id"])
    assert len(ids) == 4



def test_gbk_body_is_invalid_encoding(top: RawTop, sim: Simulator) -> None:
    params = {**top.system("taobao.item.add"), **item_fields()}
    params["sign"] = sign(params)
    body = "&".join(f"{k}={v}" for k, v in params.items()).encode("gbk")
    response = requests.post(
        sim.router_url, data=body, timeout=TIMEOUT,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert error_of(response.json())["code"] == 47


def sdk_style_call(sim: Simulator, session: str, method: str, app_params: dict[str, str],
                   millis: int | None = None) -> dict:
    """One request built the way Taobao's official Python SDK (top/api/base.py) builds it:
    ``timestamp`` = epoch milliseconds as a string, ``partner_id`` set, md5 of secret + every
    ``k+v`` sorted by name (empties not skipped) + secret, upper-case hex; system parameters in
    the URL query, application parameters as a urlencoded UTF-8 body."""
    stamp = str(int(time.time() * 1000) if millis is None else millis)
    system = {"format": "json", "app_key": APP_KEY, "sign_method": "md5", "v": "2.0",
              "timestamp": stamp, "partner_id": "top-sdk-python-20240101", "method": method,
              "session": session}
    signed = {**system, **app_params}
    text = SECRET + "".join(f"{key}{signed[key]}" for key in sorted(signed)) + SECRET
    system["sign"] = hashlib.md5(text.encode("utf-8")).hexdigest().upper()
    response = requests.post(
        f"{sim.router_url}?{urlencode(system)}", data=urlencode(app_params).encode("ascii"),
        headers={"Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"},
        timeout=TIMEOUT,
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_taobao_python_sdk_request_with_millisecond_timestamp_is_served(sim: Simulator) -> None:
    answer = sdk_style_call(sim, sim.issue_session("demo_shop"), "taobao.item.add",
                            item_fields(outer_id="SDK-1"))
    assert "item_add_response" in answer, answer
    assert [i["outer_id"] for i in door(sim, "items")] == ["SDK-1"]


@pytest.mark.parametrize("form", ["text", "millis"])
@pytest.mark.parametrize(("offset", "accepted"),
                         [(-11 * 60, False), (-9 * 60, True), (9 * 60, True), (11 * 60, False)])
def test_ten_minute_skew_rule_applies_to_both_timestamp_forms(
        top: RawTop, form: str, offset: int, accepted: bool) -> None:
    stamp = (china_timestamp(offset) if form == "text"
             else str(int((time.time() + offset) * 1000)))
    answer = top.call("taobao.item.add", item_fields(outer_id=f"SKEW-{form}-{offset}"),
                      override={"timestamp": stamp})
    if accepted:
        assert "item_add_response" in answer, answer
    else:
        error = error_of(answer)
        assert error["code"] == 31
        assert "分钟" in error["sub_msg"]
