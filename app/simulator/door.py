"""The test door ``/_sim/*`` (loopback clients only)."""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Callable
from typing import Any

from app.simulator.oauth import HttpAnswer


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and IPv4-mapped loopback; False for anything else."""
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def _json(status: int, payload: Any) -> HttpAnswer:
    return HttpAnswer(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"))


class TestDoor:
    """Read-outs and fault switches for tests and benchmarks."""

    __test__ = False  # not a pytest class

    def __init__(
        self,
        views: dict[str, Callable[[], Any]],
        set_faults: Callable[..., dict[str, Any]],
        get_faults: Callable[[], dict[str, Any]],
    ) -> None:
        self.views = views
        self.set_faults = set_faults
        self.get_faults = get_faults

    def handle(self, client_host: str, verb: str, path: str, body: bytes) -> HttpAnswer:
        if not is_loopback(client_host):
            return _json(403, {"error": "forbidden", "error_description": "仅限本机访问"})
        name = path.removeprefix("/_sim/").strip("/")
        if name == "faults":
            if verb == "GET":
                return _json(200, {"faults": self.get_faults()})
            try:
                changes = json.loads(body.decode("utf-8") or "{}")
                if not isinstance(changes, dict):
                    raise ValueError("the body must be a JSON object")
                return _json(200, {"faults": self.set_faults(**changes)})
            except (ValueError, TypeError) as exc:
                return _json(400, {"error": "bad_request", "error_description": str(exc)})
        view = self.views.get(name)
        if view is None or verb != "GET":
            return _json(404, {"error": "not_found", "error_description": path})
        return _json(200, {name: view()})
