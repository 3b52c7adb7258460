"""taobao.user.seller.get: the simulator answers whose shop a session is (raw, signed here),
and `TopClient.get_seller` reads it."""

from __future__ import annotations

import pytest

from app.simulator import Simulator, SimulatorConfig
from app.top.errors import ErrorKind, TopError
from tests.integration.test_client_support import make_client
from tests.integration.test_simulator_support import RawTop, error_of, sim, top

__all__ = ["sim", "top"]  # fixtures

METHOD = "taobao.user.seller.get"


def test_answers_the_nick_and_user_id_of_the_sessions_own_shop(sim: Simulator) -> None:
    answers = {}
    for nick in ("店铺A", "店铺B"):
        raw = RawTop(sim, sim.issue_session(nick))
        answers[nick] = raw.call(METHOD, {"fields": "nick,user_id"})["user_seller_get_response"]
        raw.http.close()
    a, b = answers["店铺A"]["user"], answers["店铺B"]["user"]
    assert (a["nick"], b["nick"]) == ("店铺A", "店铺B")
    assert isinstance(a["user_id"], int)
    assert isinstance(b["user_id"], int)
    assert a["user_id"] != b["user_id"]
    assert answers["店铺A"]["request_id"]
    again = RawTop(sim, sim.issue_session("店铺A"))  # another session of the same shop
    user = again.call(METHOD, {"fields": "user_id,nick"})["user_seller_get_response"]["user"]
    assert user == a


def test_only_the_fields_asked_for(top: RawTop) -> None:
    user = top.call(METHOD, {"fields": "nick,no_such_field"})["user_seller_get_response"]["user"]
    assert user == {"nick": "demo_shop"}


def test_fields_are_required(top: RawTop) -> None:
    error = error_of(top.call(METHOD, {}))
    assert error["code"] == 40
    assert error["sub_code"] == "isv.missing-parameter:fields"


def test_needs_a_session_of_this_app() -> None:
    with Simulator(SimulatorConfig(extra_apps={"87654321": "another-secret"})) as sim:
        without = RawTop(sim, None)
        assert error_of(without.call(METHOD, {"fields": "nick"}))["code"] == 26
        foreign = RawTop(sim, sim.issue_session("demo_shop", app_key="87654321"))
        error = error_of(foreign.call(METHOD, {"fields": "nick"}))
        assert (error["code"], error["sub_code"]) == (27, "invalid-sessionkey")
        unknown = RawTop(sim, "6100" + "0" * 40)
        assert error_of(unknown.call(METHOD, {"fields": "nick"}))["code"] == 27
        assert all(c["nick"] is None for c in sim.calls())  # no shop acted for


def test_typed_call_reads_the_seller(sim: Simulator) -> None:
    with make_client(sim, session=sim.issue_session("店铺B")) as client:
        seller = client.get_seller()
    assert seller.nick == "店铺B"
    assert seller.user_id is not None
    assert seller.user_id.isdigit()
    calls = [c for c in sim.calls() if c["method"] == METHOD]
    assert [(c["nick"], c["verdict"]) for c in calls] == [("店铺B", "ok")]


def test_typed_call_with_an_expired_session_is_an_auth_error(sim: Simulator) -> None:
    with make_client(sim, session=sim.issue_session("店铺A")) as client:
        sim.set_faults(expire_sessions=True)
        with pytest.raises(TopError) as info:
            client.get_seller()
    assert info.value.kind is ErrorKind.AUTH
    assert info.value.code == 27
