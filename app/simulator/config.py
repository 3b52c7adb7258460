"""The simulator's settings (start-up values; most can be changed at run time as faults)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

DEMO_APP_KEY = "12345678"
DEMO_APP_SECRET = "helloworld"  # noqa: S105 - the simulator's demo secret, published in taobao-api.md


@dataclass
class SimulatorConfig:
    """How the simulated gateway behaves.

    ``rate``: calls per second per app (None = unlimited); ``daily_quota``: calls per China day
    per app (None = unlimited); ``session_ttl``: lifetime of issued sessions in seconds;
    ``w1_ttl``: write-permission lifetime (None = same as the session); ``refresh_ttl``: refresh
    token lifetime. Fault rates are fractions 0..1; ``seed`` makes random faults repeatable.
    ``extra_apps`` adds more app_key -> secret pairs (each app sees only its own sessions).
    """

    app_key: str = DEMO_APP_KEY
    app_secret: str = DEMO_APP_SECRET
    rate: float | None = None
    daily_quota: int | None = None
    latency_ms: int = 0
    fault_rate: float = 0.0
    session_ttl: int = 86400
    w1_ttl: int | None = None
    refresh_ttl: int = 30 * 86400
    http502_rate: float = 0.0
    drop_rate: float = 0.0
    create_then_drop_rate: float = 0.0
    isp_commit_rate: float = 0.5
    rate_ban_seconds: float = 1.0
    max_skew_seconds: int = 600
    seed: int | None = None
    picture_space_bytes: int = 1 << 30  # each shop's picture space (free, a stand-in size)
    extra_apps: Mapping[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:  # never show secrets
        return (
            f"SimulatorConfig(app_key={self.app_key!r}, rate={self.rate!r}, "
            f"daily_quota={self.daily_quota!r}, latency_ms={self.latency_ms!r}, "
            f"fault_rate={self.fault_rate!r}, session_ttl={self.session_ttl!r}, seed={self.seed!r})"
        )

    def apps(self) -> dict[str, str]:
        """Every known app_key -> secret."""
        return {**dict(self.extra_apps), self.app_key: self.app_secret}
