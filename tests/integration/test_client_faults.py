"""Every error kind the simulator can produce, as TopClient surfaces it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from app.simulator import Simulator, SimulatorConfig
from app.top.chinatime import CHINA_TZ
from app.top.errors import ErrorKind, TopError
from app.top.ratelimit import RateLimiter
from tests.integration.test_client_support import (
    APP_KEY,
    SECRET,
    calls,
    door,
    item_fields,
    make_client,
)


@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator(SimulatorConfig(app_key=APP_KEY, app_secret=SECRET)) as simulator:
        yield simulator


def _fail(sim: Simulator, fault: dict[str, object], method: str = "taobao.item.add",
          **client_kw: object) -> TopError:
    sim.set_faults(script=[{"method": method, **fault}])
    with make_client(sim, **client_kw) as client, pytest.raises(TopError) as info:
        client.add_item(item_fields("F-1"))
    assert client.calls_made == 1
    return info.value


def test_isp_is_transient_and_maybe_executed(sim: Simulator) -> None:
    err = _fail(sim, {"fault": "isp"})
    assert err.kind is ErrorKind.TRANSIENT
    assert err.code == 15
    assert err.sub_code.startswith("isp.")
    assert err.maybe_executed
    assert err.request_id


def test_http502_is_transient_and_maybe_executed(sim: Simulator) -> None:
    err = _fail(sim, {"fault": "http502"})
    assert err.kind is ErrorKind.TRANSIENT
    assert err.code is None
    assert err.maybe_executed


def test_drop_is_transient_and_maybe_executed(sim: Simulator) -> None:
    err = _fail(sim, {"fault": "drop"})
    assert err.kind is ErrorKind.TRANSIENT
    assert err.maybe_executed
    assert door(sim, "items")["items"] == []


def test_create_then_drop_created_the_item(sim: Simulator) -> None:
    err = _fail(sim, {"fault": "create_then_drop"})
    assert err.kind is ErrorKind.TRANSIENT
    assert err.maybe_executed
    with make_client(sim) as client:  # reconcile by outer_id, as the engine does
        found = client.find_items_by_outer_id(["F-1"])
    assert [i["outer_id"] for i in found] == ["F-1"]


def test_read_timeout_is_transient_and_maybe_executed(sim: Simulator) -> None:
    err = _fail(sim, {"fault": "delay", "ms": 2000}, read_timeout=0.5)
    assert err.kind is ErrorKind.TRANSIENT
    assert err.maybe_executed
    assert "超时" in err.explanation


@pytest.mark.parametrize(
    ("code", "sub_code", "kind"),
    [
        (15, "isv.invalid-parameter:title", ErrorKind.ROW),
        (11, None, ErrorKind.FATAL),
        (31, None, ErrorKind.FATAL),
        (27, "session-expired", ErrorKind.AUTH),
        (10, None, ErrorKind.TRANSIENT),
    ],
)
def test_scripted_codes(sim: Simulator, code: int, sub_code: str | None,
                        kind: ErrorKind) -> None:
    err = _fail(sim, {"fault": "error", "code": code, "sub_code": sub_code, "sub_msg": "x"})
    assert err.kind is kind
    assert err.code == code
    assert not err.maybe_executed


def test_expired_session_is_auth(sim: Simulator) -> None:
    with make_client(sim) as client:
        client.add_item(item_fields("OK-1"))
        sim.set_faults(expire_sessions=True)
        with pytest.raises(TopError) as info:
            client.add_item(item_fields("OK-2"))
        err = info.value
        assert err.kind is ErrorKind.AUTH
        assert err.code == 27
        assert "授权" in err.explanation
        client.session = sim.issue_session()  # re-authorised mid-run
        assert client.add_item(item_fields("OK-2")).num_iid > 0


def test_scripted_ban_is_waited_out_then_succeeds(sim: Simulator) -> None:
    sim.set_faults(script=[{"method": "*", "fault": "ban", "seconds": 2}])
    limiter = RateLimiter(qps=10)
    with make_client(sim, limiter=limiter) as client:
        started = time.monotonic()
        added = client.add_item(item_fields("BAN-1"))
        elapsed = time.monotonic() - started
    assert elapsed >= 2.0
    assert added.num_iid > 0
    log = [(c["method"], c["code"]) for c in calls(sim)]
    assert log == [("taobao.item.add", 7), ("taobao.item.add", None)]
    assert client.calls_made == 2


def test_ban_makes_other_workers_wait_too(sim: Simulator) -> None:
    sim.set_faults(ban={"seconds": 2, "scope": "app"})
    limiter = RateLimiter(qps=20)
    done: list[float] = []
    with make_client(sim, limiter=limiter) as client:
        started = time.monotonic()

        def work(i: int) -> None:
            client.add_item(item_fields(f"W-{i}"))
            done.append(time.monotonic() - started)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
    assert len(done) == 4
    assert min(done) >= 1.5
    refused = [c for c in calls(sim) if c["code"] == 7]
    assert 1 <= len(refused) <= 4  # bans stop the others: no storm of refused calls
    assert len(door(sim, "items")["items"]) == 4


def test_daily_quota_is_raised_with_reset_time(sim: Simulator) -> None:
    sim.set_faults(daily_quota=2)
    with make_client(sim) as client:
        client.add_item(item_fields("Q-1"))
        client.add_item(item_fields("Q-2"))
        with pytest.raises(TopError) as info:
            client.add_item(item_fields("Q-3"))
    err = info.value
    assert err.kind is ErrorKind.RATE_LIMITED
    assert err.daily_quota
    assert err.reset_at is not None
    now_china = datetime.now(CHINA_TZ)
    assert err.reset_at.astimezone(CHINA_TZ).time().isoformat() == "00:00:00"
    assert timedelta(0) < err.reset_at - now_china <= timedelta(days=1)
    assert "00:00" in err.explanation
    assert client.calls_made == 3  # raised, not retried


def test_fault_rate_errors_are_all_classified(sim: Simulator) -> None:
    sim.set_faults(fault_rate=0.5, http502_rate=0.1, drop_rate=0.1, seed=7)
    failures: list[TopError] = []
    with make_client(sim) as client:
        for _ in range(30):
            try:
                client.get_categories(parent_cid=0)
            except TopError as err:
                failures.append(err)
    assert failures
    assert {err.kind for err in failures} == {ErrorKind.TRANSIENT}
    assert all(err.maybe_executed for err in failures)
