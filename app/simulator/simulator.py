"""``Simulator``: the gateway as one object (starts serving on construction; a context manager)."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

from app.simulator.config import SimulatorConfig
from app.simulator.door import TestDoor
from app.simulator.faults import RATE_KEYS, FaultSpecError, FaultState, check_denial
from app.simulator.flow import FlowControl
from app.simulator.oauth import OAuthPages
from app.simulator.router import Router
from app.simulator.server import SimHTTPServer
from app.simulator.state import SimState

FAULT_KEYS = (
    "latency_ms", *RATE_KEYS, "rate", "daily_quota", "session_ttl", "w1_ttl",
    "expire_sessions", "ban", "script", "script_append", "seed", "picture_space_bytes",
    "deny_api",
)


class Simulator:
    """A local TOP gateway on ``host:port`` (port 0 = any free port), serving at once.

    ``with Simulator(cfg) as sim:`` stops it on exit; ``stop()`` does the same by hand.
    """

    def __init__(
        self, config: SimulatorConfig | None = None, host: str = "127.0.0.1", port: int = 0,
    ) -> None:
        self.config = dataclasses.replace(config or SimulatorConfig())
        cfg = self.config
        self.state = SimState()
        self.state.picture_space_bytes = cfg.picture_space_bytes
        self.flow = FlowControl(cfg.rate, cfg.daily_quota, cfg.rate_ban_seconds)
        self.faults = FaultState(
            latency_ms=cfg.latency_ms, fault_rate=cfg.fault_rate, http502_rate=cfg.http502_rate,
            drop_rate=cfg.drop_rate, create_then_drop_rate=cfg.create_then_drop_rate,
            isp_commit_rate=cfg.isp_commit_rate, seed=cfg.seed,
        )
        self.router = Router(cfg, self.state, self.flow, self.faults)
        self.oauth = OAuthPages(cfg, self.state)
        door = TestDoor(
            {
                "items": self.state.snapshot_items,
                "calls": self.state.snapshot_calls,
                "pictures": self.state.snapshot_pictures,
            },
            self.set_faults,
            self.get_faults,
        )
        self._server = SimHTTPServer((host, port), self.router, self.oauth, door)
        self.host = host
        self.port: int = self._server.server_address[1]
        self._thread: threading.Thread | None = None
        self.start()

    # -- lifecycle --------------------------------------------------------------------------
    def start(self) -> None:
        """Serve in a daemon thread (already done by the constructor; idempotent)."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
            name=f"taoshelf-simulator-{self.port}", daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop serving, close open connections and the listening socket (idempotent)."""
        if self._thread is None:
            return
        self._server.shutdown()
        self._server.close_open_connections()
        self._server.server_close()
        self._thread.join(timeout=5)
        self._thread = None

    def __enter__(self) -> Simulator:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- addresses --------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def router_url(self) -> str:
        return self.base_url + "/router/rest"

    # -- shortcuts --------------------------------------------------------------------------
    def issue_session(
        self, nick: str = "demo_shop", ttl: float | None = None, app_key: str | None = None,
    ) -> str:
        """A valid session token for ``nick`` (as if the shop had authorised the app)."""
        key = app_key or self.config.app_key
        if key not in self.config.apps():
            raise ValueError(f"unknown app_key {key!r}")
        lifetime = self.config.session_ttl if ttl is None else ttl
        w1 = self.config.w1_ttl if ttl is None else None
        return self.state.issue_session(key, nick, time.time(), lifetime, w1).token

    def items(self) -> list[dict[str, Any]]:
        return self.state.snapshot_items()

    def calls(self) -> list[dict[str, Any]]:
        return self.state.snapshot_calls()

    def pictures(self) -> list[dict[str, Any]]:
        return self.state.snapshot_pictures()

    def get_faults(self) -> dict[str, Any]:
        return {
            **self.faults.snapshot(), "rate": self.flow.rate, "daily_quota": self.flow.daily_quota,
            "session_ttl": self.config.session_ttl, "w1_ttl": self.config.w1_ttl,
            "picture_space_bytes": self.state.picture_space_bytes,
        }

    def set_faults(self, **changes: Any) -> dict[str, Any]:
        """Change faults at run time (same keys as ``POST /_sim/faults``); returns them all.

        Raises ValueError (``FaultSpecError``) for an unknown key or a bad value; nothing is
        applied then.
        """
        unknown = sorted(set(changes) - set(FAULT_KEYS))
        if unknown:
            raise FaultSpecError(f"unknown fault keys {unknown}; known: {list(FAULT_KEYS)}")
        actions = [self._fault_action(key, value) for key, value in changes.items()]
        for action in actions:
            action()
        return self.get_faults()

    def _fault_action(self, key: str, value: Any) -> Callable[[], object]:
        now = time.time()
        if key == "latency_ms":
            latency = _non_negative(key, value)
            return lambda: self.faults.set_latency(latency)
        if key in RATE_KEYS:
            _fraction(key, value)
            return lambda: self.faults.set_rate(key, value)
        if key == "rate":
            rate = None if value is None else _positive(key, value)
            return lambda: self.flow.set_rate(rate)
        if key == "daily_quota":
            quota = None if value is None else int(_non_negative(key, value))
            return lambda: self.flow.set_daily_quota(quota)
        if key == "session_ttl":
            ttl = _positive(key, value)
            return lambda: setattr(self.config, "session_ttl", ttl)
        if key == "w1_ttl":
            w1 = None if value is None else _positive(key, value)
            return lambda: setattr(self.config, "w1_ttl", w1)
        if key == "expire_sessions":
            if not isinstance(value, bool):
                raise FaultSpecError("expire_sessions must be true or false")
            return (lambda: self.state.expire_sessions(time.time())) if value else (lambda: None)
        if key == "ban":
            return self._ban_action(value, now)
        if key == "picture_space_bytes":
            space = int(_non_negative(key, value))
            return lambda: setattr(self.state, "picture_space_bytes", space)
        if key == "deny_api":
            if not isinstance(value, list):
                raise FaultSpecError("deny_api must be a list")
            for entry in value:
                check_denial(entry)
            return lambda: self.faults.set_denials(value)
        if key == "seed":
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise FaultSpecError("seed must be an integer or null")
            return lambda: self.faults.rng.seed(value)
        if not isinstance(value, list):
            raise FaultSpecError(f"{key} must be a list")
        return lambda: self.faults.set_script(value, append=key == "script_append")

    def _ban_action(self, value: Any, now: float) -> Callable[[], object]:
        if not isinstance(value, dict):
            raise FaultSpecError('ban must be {"seconds": N, "scope": "api"|"app"}')
        seconds = _positive("ban.seconds", value.get("seconds", 1))
        scope = value.get("scope", "app")
        if scope not in ("api", "app"):
            raise FaultSpecError('ban scope must be "api" or "app"')
        method = value.get("method")
        app_key = value.get("app_key") or self.config.app_key
        return lambda: self.flow.add_ban(app_key, seconds, now, scope=scope, method=method)


def _number(key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FaultSpecError(f"{key} must be a number")
    return float(value)


def _fraction(key: str, value: Any) -> float:
    number = _number(key, value)
    if not 0 <= number <= 1:
        raise FaultSpecError(f"{key} must be between 0 and 1")
    return number


def _positive(key: str, value: Any) -> float:
    number = _number(key, value)
    if number <= 0:
        raise FaultSpecError(f"{key} must be > 0")
    return number


def _non_negative(key: str, value: Any) -> float:
    number = _number(key, value)
    if number < 0:
        raise FaultSpecError(f"{key} must be >= 0")
    return number
