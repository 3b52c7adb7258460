"""Listing defaults: what a row gets when the sheet leaves a required field empty.

Pure data (no I/O): the UI or the CLI loads and saves it (see ``app.excel.prefs``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace

from app.catalog.model import Product

STUFF_STATUSES = ("new", "second")
ITEM_TYPES = ("fixed", "auction")
APPROVE_STATUSES = ("onsale", "instock")
FREIGHT_PAYERS = ("seller", "buyer")


@dataclass(frozen=True, slots=True)
class ListingDefaults:
    """Values used when a row leaves the field empty (``None``/"" = no default)."""

    location_state: str = ""
    location_city: str = ""
    stuff_status: str = "new"
    type: str = "fixed"
    approve_status: str = "onsale"
    desc: str = ""  # used when a row has no 描述

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> ListingDefaults:
        """Build from saved JSON; unknown keys are ignored, non-strings become ""."""
        known = {f.name for f in fields(cls)}
        values = {k: (v if isinstance(v, str) else "") for k, v in data.items() if k in known}
        return cls(**values)


def apply_defaults(product: Product, defaults: ListingDefaults) -> Product:
    """A copy of ``product`` with empty defaultable fields filled from ``defaults``."""
    changes: dict[str, object] = {}
    for name in ("location_state", "location_city", "stuff_status", "type",
                 "approve_status", "desc"):
        if not getattr(product, name) and getattr(defaults, name):
            changes[name] = getattr(defaults, name)
    return replace(product, **changes) if changes else product
