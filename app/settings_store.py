"""Each shop's listing settings: one place that loads, validates and saves them.

The window's 上架设置 dialog, ``taoshelf upload`` (its flags override the saved values),
``taoshelf check`` and ``taoshelf settings`` all read the same file.

What is saved, and at which level:
- **per shop** (App Key): the listing defaults (所在地, 新旧程度, 出售方式, 上架状态, 运费, 描述),
  the price rule, the picture auto-fix and the publisher (发布方式: 自动 / taobao.item.add /
  新版发布接口). They describe the shop's goods, whatever the gateway.
- **per shop + environment**: calls per second, workers and waiting for the quota reset. The
  sandbox and the local simulator have other limits than the real shop. Also what 自动 learned:
  the App answered "no permission" (11) or "no such API" (22) to ``taobao.item.add`` there, so
  the shop lists through the schema API from then on (`remember_switch`; the dialog and
  ``taoshelf settings`` never write it; choosing the publisher again forgets it).

File: ``config_dir()/shop_settings/<app_key>.json``. A shop that has none yet reads the settings
saved before shops had their own (``listing_defaults.json``, ``pricing_rule.json`` of
`app.excel.prefs`): a user's saved price rule never vanishes; those files are never changed.
Nothing secret is ever here. Values are validated by `app.settings_keys` (Chinese errors).
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from app import paths
from app.catalog.pricing import Ending, PricingRule
from app.catalog.settings import ListingDefaults
from app.credentials.shops import ENVS, ShopRegistry, validate_app_key, validate_env
from app.excel import prefs
from app.settings_keys import check_settings, parse_location
from app.settings_model import DEFAULT_WORKERS, PUBLISHERS, RunSettings, ShopSettings

SETTINGS_DIR = "shop_settings"
VERSION = 1


def settings_path(app_key: str) -> Path:
    return paths.config_dir() / SETTINGS_DIR / f"{validate_app_key(app_key)}.json"


def current_shop() -> tuple[str | None, str]:
    """The current shop's App Key (None when no shop is set up) and its environment."""
    registry = ShopRegistry()
    active = registry.get_active()
    shop = next((s for s in registry.shops() if s.app_key == active), None)
    if shop is None:
        return None, "production"
    return shop.app_key, shop.environment


def shop_env(app_key: str | None) -> str:
    """The environment the shop works in (production for an unknown shop)."""
    if app_key:
        shop = next((s for s in ShopRegistry().shops() if s.app_key == app_key), None)
        if shop is not None:
            return shop.environment
    return "production"


def load(app_key: str | None, env: str | None = None) -> ShopSettings:
    """The shop's settings (``env`` default: the shop's own environment). No shop, or a shop
    that never saved any: the settings saved before shops had their own."""
    env = validate_env(env) if env else shop_env(app_key)
    data = _read(settings_path(app_key)) if app_key else None
    if data is None:
        return ShopSettings(listing=prefs.load_defaults(), pricing=prefs.load_pricing())
    listing = data.get("listing")
    pictures = data.get("pictures") if isinstance(data.get("pictures"), dict) else {}
    runs = data.get("runs") if isinstance(data.get("runs"), dict) else {}
    return ShopSettings(
        listing=ListingDefaults.from_dict(listing if isinstance(listing, dict) else {}),
        pricing=_pricing(data.get("pricing")),
        auto_fix=pictures.get("auto_fix") is not False,
        pad_to_square=pictures.get("pad_to_square") is True,
        run=_run(runs.get(env)),
        publisher=data.get("publisher") if data.get("publisher") in PUBLISHERS else "auto",
    )


def load_current() -> ShopSettings:
    app_key, env = current_shop()
    return load(app_key, env)


def save(app_key: str, env: str, settings: ShopSettings) -> Path:
    """Save the shop's settings (the run part under ``env``; other environments kept).
    Raises ValueError (Chinese) for a value that cannot be used."""

    check_settings(settings)
    path = settings_path(app_key)
    env = validate_env(env)
    data = _read(path) or {}
    runs = data.get("runs") if isinstance(data.get("runs"), dict) else {}
    before = data.get("publisher") if data.get("publisher") in PUBLISHERS else "auto"
    run = settings.run
    learned = runs[env].get("switched_at") if isinstance(runs.get(env), dict) else None
    runs[env] = {"rate": run.rate, "workers": run.workers, "wait_for_quota": run.wait_for_quota,
                 "switched_at": learned}
    if settings.publisher != before:  # chosen again: 自动 tries taobao.item.add once more
        for name in runs:
            if isinstance(runs[name], dict):
                runs[name]["switched_at"] = None
    data = {
        "version": VERSION,
        "listing": settings.listing.to_dict(),
        "pricing": _pricing_dict(settings.pricing),
        "pictures": {"auto_fix": settings.auto_fix, "pad_to_square": settings.pad_to_square},
        "publisher": settings.publisher,
        "runs": {name: runs[name] for name in ENVS if isinstance(runs.get(name), dict)},
    }
    _write(path, data)
    return path


def remember_switch(app_key: str, env: str, when: str) -> None:
    """自动 found that the App cannot use ``taobao.item.add`` in ``env`` (code 11 or 22): the
    shop lists through the schema API from now on. Only this value is written (a settings dialog
    open meanwhile saves the rest without undoing it)."""
    path = settings_path(app_key)
    env = validate_env(env)
    data = _read(path)
    if data is None:  # a shop without its own file: start it from what it reads today
        save(app_key, env, load(app_key, env))
        data = _read(path) or {}
    runs = data.get("runs") if isinstance(data.get("runs"), dict) else {}
    entry = runs.get(env) if isinstance(runs.get(env), dict) else {}
    entry["switched_at"] = when
    runs[env] = entry
    data["runs"] = runs
    _write(path, data)


def with_location(settings: ShopSettings, location: str | None) -> ShopSettings:
    """``settings`` with the default location replaced by ``"省/市"`` when given (checked)."""
    if not location:
        return settings

    state, city = parse_location(location)
    listing = replace(settings.listing, location_state=state, location_city=city)
    return replace(settings, listing=listing)


# -- file --------------------------------------------------------------------------------------


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return None  # damaged: the older settings are better than nothing (saving rewrites it)
    return data if isinstance(data, dict) else None


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _pricing(raw: object) -> PricingRule | None:
    if not isinstance(raw, dict):
        return None
    try:
        return PricingRule(
            markup_percent=Decimal(str(raw.get("markup_percent", "0"))),
            add=Decimal(str(raw.get("add", "0"))),
            ending=Ending(str(raw.get("ending", Ending.EXACT.value))),
            override=raw.get("override") is True,
        )
    except (ArithmeticError, InvalidOperation, ValueError):
        return None


def _pricing_dict(rule: PricingRule | None) -> dict[str, object] | None:
    if rule is None:
        return None
    return {"markup_percent": str(rule.markup_percent), "add": str(rule.add),
            "ending": rule.ending.value, "override": rule.override}


def _run(raw: object) -> RunSettings:
    if not isinstance(raw, dict):
        return RunSettings()
    rate = raw.get("rate")
    workers = raw.get("workers")
    ok_rate = isinstance(rate, int | float) and not isinstance(rate, bool) and 0 < rate < 1e6
    ok_workers = isinstance(workers, int) and not isinstance(workers, bool) and workers >= 1
    switched = raw.get("switched_at")
    return RunSettings(
        rate=float(rate) if ok_rate else None,
        workers=workers if ok_workers else DEFAULT_WORKERS,
        wait_for_quota=raw.get("wait_for_quota") is True,
        switched_at=switched if isinstance(switched, str) and switched else None,
    )
