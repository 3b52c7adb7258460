from __future__ import annotations

from datetime import datetime

from app.simulator.clock import CHINA
from app.simulator.flow import FlowControl

T0 = datetime(2026, 11, 27, 12, 0, 0, tzinfo=CHINA).timestamp()


def test_sliding_window_and_one_second_ban() -> None:
    flow = FlowControl(rate=2, daily_quota=None)
    assert flow.admit("k", "m", T0) is None
    assert flow.admit("k", "m", T0 + 0.5) is None
    error = flow.admit("k", "m", T0 + 0.9)
    assert error is not None
    assert (error.code, error.sub_code) == (7, "accesscontrol.limited-by-app-api-access-count")
    assert error.sub_msg == "This ban will last for 1 more seconds"
    again = flow.admit("k", "other", T0 + 1.5)
    assert again is not None  # the ban covers every method of the app
    assert again.sub_msg == "This ban will last for 1 more seconds"
    assert flow.admit("k", "m", T0 + 1.95) is None  # ban over, window holds only T0 + 0.5
    assert flow.admit("other-app", "m", T0 + 0.9) is None


def test_fractional_rate() -> None:
    flow = FlowControl(rate=0.5, daily_quota=None)  # one call per 2 s
    assert flow.admit("k", "m", T0) is None
    assert flow.admit("k", "m", T0 + 1.5) is not None
    assert flow.admit("k", "m", T0 + 3.0) is None


def test_daily_quota_until_china_midnight() -> None:
    flow = FlowControl(rate=None, daily_quota=2)
    assert flow.admit("k", "m", T0) is None
    assert flow.admit("k", "m", T0 + 1) is None
    error = flow.admit("k", "m", T0 + 2)
    assert error is not None
    assert error.sub_code == "accesscontrol.limited-by-app-access-count"
    assert error.sub_msg == f"This ban will last for {12 * 3600 - 2} more seconds"
    assert flow.admit("k", "m", T0 + 12 * 3600) is None  # a new China day
    flow.set_daily_quota(1)
    assert flow.calls_today("k", T0 + 12 * 3600) == 0


def test_explicit_ban_scopes() -> None:
    flow = FlowControl(rate=None, daily_quota=None)
    flow.add_ban("k", 2.5, T0, scope="api", method="taobao.item.add")
    error = flow.admit("k", "taobao.item.add", T0 + 0.1)
    assert error is not None
    assert error.sub_code == "accesscontrol.limited-by-api-access-count"
    assert error.sub_msg == "This ban will last for 3 more seconds"
    assert flow.admit("k", "taobao.itemcats.get", T0 + 0.1) is None
    assert flow.admit("k", "taobao.item.add", T0 + 2.6) is None
