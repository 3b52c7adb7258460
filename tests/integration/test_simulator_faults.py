"""Flow control and injected faults over loopback."""

from __future__ import annotations

import re
import time
from urllib.parse import urlencode

import pytest
import requests

from app.simulator import Simulator, SimulatorConfig
from tests.integration.test_simulator_support import (
    TIMEOUT,
    RawTop,
    door,
    error_of,
    item_fields,
    set_faults,
    sign,
    sim,
    top,
)

__all__ = ["sim", "top"]  # fixtures

BAN_RE = re.compile(r"This ban will last for (\d+) more seconds")


def test_rate_limit_bans_the_app(sim: Simulator, top: RawTop) -> None:
    set_faults(sim, rate=2)
    answers = [top.call("taobao.itemcats.get", {"parent_cid": "0"}) for _ in range(3)]
    assert all("itemcats_get_response" in a for a in answers[:2])
    error = error_of(answers[2])
    assert error["code"] == 7
    assert error["sub_code"] == "accesscontrol.limited-by-app-api-access-count"
    match = BAN_RE.fullmatch(error["sub_msg"])
    assert match is not None
    assert int(match.group(1)) >= 1
    # during the ban every method is refused, and refused calls are logged as banned
    error = error_of(top.add_item())
    assert error["code"] == 7
    verdicts = [c["verdict"] for c in door(sim, "calls")]
    assert verdicts == ["ok", "ok", "banned", "banned"]
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        answer = top.add_item()
        if "item_add_response" in answer:
            break
        time.sleep(0.2)
    assert "item_add_response" in answer


def test_failed_calls_count_toward_the_rate(sim: Simulator, top: RawTop) -> None:
    set_faults(sim, rate=2)
    top.call("taobao.item.add", {}, override={"sign": "bad"})
    top.call("taobao.item.add", {})  # 40: missing arguments
    error = error_of(top.add_item())
    assert error["code"] == 7


def test_daily_quota(sim: Simulator, top: RawTop) -> None:
    set_faults(sim, daily_quota=2)
    assert "itemcats_get_response" in top.call("taobao.itemcats.get", {"parent_cid": "0"})
    assert "error_response" in top.call("taobao.item.add", {})  # failed calls consume quota
    error = error_of(top.add_item())
    assert error["code"] == 7
    assert error["sub_code"] == "accesscontrol.limited-by-app-access-count"
    match = BAN_RE.fullmatch(error["sub_msg"])
    assert match is not None
    china = time.gmtime(time.time() + 8 * 3600)
    until_midnight = 86400 - (china.tm_hour * 3600 + china.tm_min * 60 + china.tm_sec)
    assert abs(int(match.group(1)) - until_midnight) <= 5
    assert door(sim, "calls")[-1]["verdict"] == "banned"


def test_ban_fault(sim: Simulator, top: RawTop) -> None:
    set_faults(sim, ban={"seconds": 30, "scope": "api", "method": "taobao.item.add"})
    error = error_of(top.add_item())
    assert error["sub_code"] == "accesscontrol.limited-by-api-access-count"
    assert int(BAN_RE.fullmatch(error["sub_msg"]).group(1)) in (29, 30)
    assert "itemcats_get_response" in top.call("taobao.itemcats.get", {"parent_cid": "0"})


def test_script_drop_closes_without_answer(sim: Simulator, top: RawTop) -> None:
    set_faults(sim, script=[{"method": "taobao.item.add", "fault": "drop"}])
    with pytest.raises(requests.ConnectionError):
        top.post("taobao.item.add", {"num": "1"})
    assert door(sim, "items") == []
    assert door(sim, "calls")[-1]["verdict"] == "dropped"
    assert "item_add_response" in top.add_item()  # one-shot


def test_script_create_then_drop_commits_first(sim: Simulator, top: RawTop) -> None:
    set_faults(sim, script=[{"method": "taobao.item.add", "fault": "create_then_drop"}])
    with pytest.raises(requests.ConnectionError):
        top.post("taobao.item.add", item_fields(outer_id="CTD-1"))
    items = door(sim, "items")
    assert [i["outer_id"] for i in items] == ["CTD-1"]
    call = door(sim, "calls")[-1]
    assert (call["verdict"], call["fault"], call["num_iid"]) == (
        "dropped", "create_then_drop", items[0]["num_iid"])
    found = top.call("taobao.items.custom.get", {"outer_id": "CTD-1", "fields": "num_iid"})
    assert found["items_custom_get_response"]["items"]["item"][0]["num_iid"] == items[0]["num_iid"]


def test_script_order_and_matching(sim: Simulator, top: RawTop) -> None:
    set_faults(sim, script=[
        {"method": "taobao.item.add", "fault": "isp"},
        {"method": "*", "fault": "http502"},
        {"method": "*", "fault": "ban", "seconds": 2},
    ])
    # itemcats.get skips the item.add entry and takes the first "*" one
    response = top.post("taobao.itemcats.get", {"parent_cid": "0"})
    assert response.status_code == 502
    error = error_of(top.add_item())
    assert error["code"] == 15
    assert error["sub_code"].startswith("isp.")
    error = error_of(top.add_item())
    assert error["code"] == 7
    assert error["sub_msg"] == "This ban will last for 2 more seconds"
    assert door(sim, "items") == []
    assert [c["verdict"] for c in door(sim, "calls")] == ["502", "error", "banned"]


def test_script_isp_with_commit(sim: Simulator, top: RawTop) -> None:
    set_faults(sim, script=[{"method": "taobao.item.add", "fault": "isp", "commit": True}])
    error = error_of(top.add_item(outer_id="ISP-1"))
    assert error["sub_code"].startswith("isp.")
    assert [i["outer_id"] for i in door(sim, "items")] == ["ISP-1"]


def test_script_error_and_delay(sim: Simulator, top: RawTop) -> None:
    set_faults(sim, script=[
        {"method": "*", "fault": "error", "code": 10, "sub_msg": "maintenance"},
        {"method": "*", "fault": "delay", "ms": 300},
    ])
    assert error_of(top.add_item())["code"] == 10
    started = time.monotonic()
    assert "item_add_response" in top.add_item()
    assert time.monotonic() - started >= 0.3


def test_latency(sim: Simulator, top: RawTop) -> None:
    set_faults(sim, latency_ms=200)
    started = time.monotonic()
    top.add_item()
    assert time.monotonic() - started >= 0.2


def test_random_faults_are_seeded() -> None:
    def verdicts(seed: int) -> list[str]:
        config = SimulatorConfig(seed=seed, fault_rate=0.3, http502_rate=0.2)
        with Simulator(config) as simulator:
            client = RawTop(simulator, simulator.issue_session())
            for _ in range(30):
                client.post("taobao.itemcats.get", {"parent_cid": "0"})
            return [c["verdict"] for c in door(simulator, "calls")]

    first = verdicts(11)
    assert first == verdicts(11)
    assert {"ok", "error", "502"} <= set(first)


def test_random_drop_and_create_then_drop_rates(sim: Simulator, top: RawTop) -> None:
    set_faults(sim, create_then_drop_rate=1.0)
    with pytest.raises(requests.ConnectionError):
        top.add_item()
    assert len(door(sim, "items")) == 1
    set_faults(sim, create_then_drop_rate=0.0, drop_rate=1.0)
    with pytest.raises(requests.ConnectionError):
        top.add_item()
    assert len(door(sim, "items")) == 1


def test_bad_fault_settings_are_400(sim: Simulator) -> None:
    for body in ({"no_such": 1}, {"fault_rate": 2}, {"script": [{"fault": "explode"}]},
                 {"ban": {"seconds": 1, "scope": "galaxy"}}):
        response = requests.post(f"{sim.base_url}/_sim/faults", json=body, timeout=TIMEOUT)
        assert response.status_code == 400, body
    faults = requests.get(f"{sim.base_url}/_sim/faults", timeout=TIMEOUT).json()["faults"]
    assert faults["fault_rate"] == 0.0


def test_set_faults_in_process(sim: Simulator, top: RawTop) -> None:
    sim.set_faults(script=[{"method": "*", "fault": "drop"}])
    with pytest.raises(requests.ConnectionError):
        top.add_item()
    with pytest.raises(ValueError):
        sim.set_faults(rate="fast")


def test_read_timeout_then_item_appears(sim: Simulator, top: RawTop) -> None:
    """A slow answer: the client gives up, the gateway still lists the item afterwards."""
    set_faults(sim, script=[{"method": "taobao.item.add", "fault": "delay", "ms": 800}])
    params = {**top.system("taobao.item.add"), **item_fields(outer_id="SLOW-1")}
    params["sign"] = sign(params)
    with pytest.raises(requests.ReadTimeout):
        requests.post(sim.router_url, data=params, timeout=(5, 0.2))
    deadline = time.monotonic() + 10
    while not door(sim, "items") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [i["outer_id"] for i in door(sim, "items")] == ["SLOW-1"]


def test_chunked_body_is_read(sim: Simulator, top: RawTop) -> None:
    params = {**top.system("taobao.item.add"), **item_fields(outer_id="CHUNK-1")}
    params["sign"] = sign(params)
    body = urlencode(params).encode("utf-8")
    chunks = (body[i:i + 50] for i in range(0, len(body), 50))
    response = requests.post(
        sim.router_url, data=chunks, timeout=TIMEOUT,
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"},
    )
    assert "item_add_response" in response.json()
