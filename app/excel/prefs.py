"""What the reader remembers between runs, as JSON in the per-user config dir:

* column mappings the user corrected, keyed by the header signature, applied to every sheet with
  the same headers;
* the listing defaults (所在地, 新旧程度, 出售方式…) and the price rule (成本价 → 一口价).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

from app import paths
from app.catalog.pricing import Ending, PricingRule
from app.catalog.settings import ListingDefaults
from app.excel.fields import BY_NAME, IGNORE, normalize_header

MAPPINGS_FILE = "column_mappings.json"
DEFAULTS_FILE = "listing_defaults.json"
PRICING_FILE = "pricing_rule.json"


def _load(name: str) -> dict[str, object]:
    path = paths.config_dir() / name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save(name: str, data: Mapping[str, object]) -> Path:
    path = paths.config_dir() / name
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)
    return path


def _clean(entry: object) -> dict[str, str]:
    if not isinstance(entry, dict):
        return {}
    return {str(k): str(v) for k, v in entry.items() if v == IGNORE or v in BY_NAME}


def load_overrides(signature: str) -> dict[str, str]:
    """Normalised header text -> field the user chose for this header layout."""
    return _clean(_load(MAPPINGS_FILE).get(signature))


def load_all_overrides() -> dict[str, dict[str, str]]:
    """Every remembered layout: signature -> (normalised header text -> field)."""
    return {sig: _clean(entry) for sig, entry in _load(MAPPINGS_FILE).items()}


def remember_mapping(signature: str, header_to_field: Mapping[str, str]) -> None:
    """Store the user's choices (header text -> field name or ``"ignore"``) for this layout.

    Merged with what was stored before for the same signature; invalid field names are refused.
    """
    bad = [v for v in header_to_field.values() if v != IGNORE and v not in BY_NAME]
    if bad:
        raise ValueError(f"unknown field(s): {bad}")
    data = _load(MAPPINGS_FILE)
    entry = data.get(signature)
    merged: dict[str, object] = dict(entry) if isinstance(entry, dict) else {}
    merged.update({normalize_header(k): v for k, v in header_to_field.items()})
    data[signature] = merged
    _save(MAPPINGS_FILE, data)


def forget_mapping(signature: str) -> None:
    data = _load(MAPPINGS_FILE)
    if data.pop(signature, None) is not None:
        _save(MAPPINGS_FILE, data)


def load_defaults() -> ListingDefaults:
    return ListingDefaults.from_dict(_load(DEFAULTS_FILE))


def defaults_for(location: str | None = None) -> ListingDefaults:
    """The saved listing defaults, with the location overridden by ``"省/市"`` when given."""
    defaults = load_defaults()
    if location:
        state, _, city = location.replace("／", "/").partition("/")
        data = defaults.to_dict()
        data.update(location_state=state.strip(), location_city=city.strip())
        defaults = ListingDefaults.from_dict(data)
    return defaults


def save_defaults(defaults: ListingDefaults) -> None:
    _save(DEFAULTS_FILE, defaults.to_dict())


def load_pricing() -> PricingRule | None:
    """The saved price rule, or ``None`` when the user has not set one."""
    data = _load(PRICING_FILE)
    if not data:
        return None
    try:
        return PricingRule(markup_percent=Decimal(str(data.get("markup_percent", "0"))),
                           add=Decimal(str(data.get("add", "0"))),
                           ending=Ending(str(data.get("ending", Ending.EXACT.value))),
                           override=bool(data.get("override", False)))
    except (ArithmeticError, ValueError):
        return None


def save_pricing(rule: PricingRule | None) -> None:
    """Save the rule (``None`` removes it)."""
    if rule is None:
        (paths.config_dir() / PRICING_FILE).unlink(missing_ok=True)
        return
    _save(PRICING_FILE, {"markup_percent": str(rule.markup_percent), "add": str(rule.add),
                         "ending": rule.ending.value, "override": rule.override})
