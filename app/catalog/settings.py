"""Listing defaults: what a row gets when the sheet leaves a required field empty.

Pure data (no I/O): the UI or the CLI loads and saves it (see ``app.excel.prefs``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from decimal import Decimal, InvalidOperation

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
    # Freight, used as a group: only for a row that sets none of 运费承担/运费模板/邮费.
    freight_payer: str = ""  # seller | buyer ("" = Taobao's default)
    postage_id: str = ""  # 运费模板 id (digits)
    express_fee: str = ""  # 快递费 in yuan, e.g. "8.00"

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> ListingDefaults:
        """Build from saved JSON; unknown keys are ignored, non-strings become ""."""
        known = {f.name for f in fields(cls)}
        values = {k: (v if isinstance(v, str) else "") for k, v in data.items() if k in known}
        return cls(**values)


_FREIGHT_FIELDS = ("freight_payer", "postage_id", "post_fee", "express_fee", "ems_fee")


def apply_defaults(product: Product, defaults: ListingDefaults) -> Product:
    """A copy of ``product`` with empty defaultable fields filled from ``defaults``. The
    freight defaults fill a row only when it sets none of its freight fields."""
    changes = default_changes(product, defaults)
    return replace(product, **changes) if changes else product


def default_changes(product: Product, defaults: ListingDefaults) -> dict[str, object]:
    """What `apply_defaults` fills in ``product``: field -> value (set them on a product that
    is not shared to fill it in place)."""
    changes: dict[str, object] = {}
    for name in ("location_state", "location_city", "stuff_status", "type",
                 "approve_status", "desc"):
        if not getattr(product, name) and getattr(defaults, name):
            changes[name] = getattr(defaults, name)
    if not any(getattr(product, name, None) not in (None, "") for name in _FREIGHT_FIELDS):
        if defaults.freight_payer:
            changes["freight_payer"] = defaults.freight_payer
        if defaults.postage_id.isdigit():
            changes["postage_id"] = int(defaults.postage_id)
        try:
            fee = Decimal(defaults.express_fee) if defaults.express_fee else None
        except InvalidOperation:
            fee = None
        if fee is not None and fee.is_finite():
            changes["express_fee"] = fee
    return changes
