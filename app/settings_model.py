"""A shop's settings as plain data (no I/O): what `app.settings_store` loads and saves and
`app.settings_keys` validates and edits by name."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.catalog.pricing import PricingRule
from app.catalog.settings import ListingDefaults
from app.images.options import FixOptions
from app.upload.settings import UploadSettings

DEFAULT_WORKERS = 4
PUBLISHERS = ("auto", "item.add", "schema")  # 自动 / taobao.item.add / 新版发布接口


@dataclass(frozen=True, slots=True)
class RunSettings:
    """How fast a run goes in one environment. ``rate`` None: the environment's default."""

    rate: float | None = None
    workers: int = DEFAULT_WORKERS
    wait_for_quota: bool = False
    switched_at: str | None = None  # 自动 switched this shop to the schema API then (ISO, UTC)


@dataclass(frozen=True, slots=True)
class ShopSettings:
    """One shop's settings as seen from one environment (``run`` is that environment's)."""

    listing: ListingDefaults = field(default_factory=ListingDefaults)
    pricing: PricingRule | None = None  # None: prices come only from the sheet
    auto_fix: bool = True
    pad_to_square: bool = False
    run: RunSettings = field(default_factory=RunSettings)
    publisher: str = "auto"  # one of PUBLISHERS

    @property
    def publish_path(self) -> str:
        """``item.add`` or ``schema``: the chosen one, or for 自动 what it learned."""
        if self.publisher != "auto":
            return self.publisher
        return "schema" if self.run.switched_at else "item.add"

    @property
    def fix_options(self) -> FixOptions:
        return FixOptions(auto_fix=self.auto_fix, pad_to_square=self.pad_to_square)

    def rate_for(self, env: str) -> float:
        """Calls per second: the saved rate, else the environment's default."""
        from app.upload.connection import DEFAULT_RATE  # the engine's import chain, on demand

        return self.run.rate if self.run.rate is not None else DEFAULT_RATE[env]

    def upload_settings(self, **overrides: Any) -> UploadSettings:
        """What a run is told: workers, quota wait and pictures from here, then ``overrides``."""
        values: dict[str, Any] = {
            "workers": self.run.workers,
            "wait_for_quota": self.run.wait_for_quota,
            "fix_options": self.fix_options,
            "publisher": self.publisher,
            "auto_switched": self.run.switched_at is not None,
        }
        values.update(overrides)
        return UploadSettings(**values)
