from __future__ import annotations

import json

import pytest

from app.simulator.door import TestDoor, is_loopback


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"])
def test_loopback(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["10.0.0.5", "192.168.1.2", "0.0.0.0", "::ffff:10.0.0.1",
                                  "fe80::1", "localhost", ""])
def test_not_loopback(host: str) -> None:
    assert not is_loopback(host)


def _door() -> TestDoor:
    return TestDoor({"items": lambda: [{"num_iid": 1}]}, lambda **kw: kw, dict)


def test_door_refuses_remote_clients() -> None:
    answer = _door().handle("192.168.1.20", "GET", "/_sim/items", b"")
    assert answer.status == 403
    answer = _door().handle("192.168.1.20", "POST", "/_sim/faults", b'{"drop_rate": 1}')
    assert answer.status == 403


def test_door_serves_loopback() -> None:
    answer = _door().handle("127.0.0.1", "GET", "/_sim/items", b"")
    assert (answer.status, json.loads(answer.body)) == (200, {"items": [{"num_iid": 1}]})
    assert _door().handle("127.0.0.1", "GET", "/_sim/nothing", b"").status == 404
    assert _door().handle("127.0.0.1", "POST", "/_sim/faults", b"[1]").status == 400
