"""The category data a sheet needs, for the resolution step (`app.catalog.resolve`).

``offline_data`` reads only the cache (``taoshelf check``, the window before it connects):
nothing is sent, and what is not cached is reported as a check not made. ``online_data``
(``taoshelf upload``, the window's run, before ``Engine.prepare``) reads what is missing or
older than seven days through the shop's connection — ids in one ``itemcats.get`` per 999, a
path one call per level, each leaf's rules once — so a row that still cannot be resolved is
blocked with its reason. A read that fails (quota, permission) leaves the rows that need it
with that reason; rows written with raw ids go on unchecked, as before category data existed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar

from app.catalog.categories import CategoryNode, NotLeaf, Resolution, Resolved
from app.catalog.category_rules import CategoryRules
from app.catalog.model import Product
from app.catalog.resolve import (
    CHECK_HINT,
    NO_DATA,
    WINDOW_HINT,
    CategoryData,
    needs_categories,
)
from app.categories.cache import CategoryCache
from app.categories.service import CategoryService, OfflineError
from app.categories.source import RulesSource
from app.credentials.shops import ShopRegistry
from app.top.errors import ErrorKind, TopError

T = TypeVar("T")
RETRY_WAITS = (0.5, 1.0, 2.0)  # seconds before the 2nd, 3rd and 4th try of a category read


def cache_for(app_key: str | None, env: str) -> CategoryCache | None:
    """The category cache of the shop this App Key (default: the active shop) last connected
    as in ``env`` (no keyring, no network); None when it never connected."""
    registry = ShopRegistry()
    key = app_key or registry.get_active()
    if not key:
        return None
    shop = CategoryCache.known_shop(key, env) or next(
        (s.nicks.get(env) for s in registry.shops() if s.app_key == key), None)
    return CategoryCache(shop, env) if shop else None


def cached_categories(identity: Callable[[], tuple[str, str] | None], *,
                      hint: str = WINDOW_HINT) -> Callable[[Sequence[Product]], CategoryData]:
    """For the window's review: the cached data of the shop ``identity()`` names (its nick and
    environment, asked at each review: the shop may change), or none before it connected."""
    def data(products: Sequence[Product]) -> CategoryData:
        try:
            found = identity()
        except Exception:  # noqa: BLE001 - no usable shop yet: no cached data, as said
            found = None
        return offline_data(CategoryCache(*found) if found else None, products, hint=hint)
    return data


def offline_data(cache: CategoryCache | None, products: Iterable[Product], *,
                 hint: str = CHECK_HINT) -> CategoryData:
    """What the cache knows about these products' categories (sends nothing)."""
    if cache is None:
        return CategoryData(hint=hint)
    return _gather(CategoryService(cache), list(products), online=False, hint=hint)


def online_data(cache: CategoryCache, source: RulesSource,
                products: Iterable[Product]) -> CategoryData:
    """Fresh data for these products: missing or stale pieces are read through ``source``."""
    return _gather(CategoryService(cache, source), list(products), online=True, hint="")


def _gather(service: CategoryService, products: list[Product], *, online: bool,
            hint: str) -> CategoryData:
    texts, cids = needs_categories(products)
    if not texts and not cids:
        return CategoryData(hint=hint, online=online) if online else NO_DATA
    wanted = [*texts, *(str(c) for c in cids)]
    failure = ""
    try:
        resolutions = _retrying(lambda: service.resolve_many(wanted))
    except TopError as exc:  # the tree could not be read: what the cache knows
        failure = f"读取类目失败：{exc.user_message}"
        service = CategoryService(service.cache)
        resolutions = service.resolve_many(wanted)
    leaves = _leaves(resolutions, cids, online=online and not failure)
    rules: dict[int, CategoryRules] = {}
    missing: dict[int, str] = {}
    for cid in leaves:
        try:
            rules[cid] = _retrying(lambda cid=cid: service.rules(cid))
        except OfflineError:
            missing[cid] = failure or f"还没有下载类目 {cid} 的属性"
        except TopError as exc:
            missing[cid] = f"读取类目 {cid} 的属性失败：{exc.user_message}"
    tree = service.tree
    nodes: dict[int, CategoryNode] = {c: n for c in leaves if (n := tree.get(c)) is not None}
    paths = {c: tree.path(c) for c in nodes}
    return CategoryData(resolutions=resolutions, rules=rules, nodes=nodes, missing=missing,
                        online=online, tree_complete=service.cached.complete, hint=hint,
                        paths=paths)


def _retrying(read: Callable[[], T], *, waits: Sequence[float] = RETRY_WAITS) -> T:
    """A read of category data, tried again after a transient failure (a dropped connection, a
    busy backend, a short ban): reading twice is harmless, and a row should not be held back
    for a hiccup. Other errors (quota, permission) are raised at once."""
    for wait in waits:
        try:
            return read()
        except TopError as exc:
            if exc.kind not in (ErrorKind.TRANSIENT, ErrorKind.RATE_LIMITED) or exc.daily_quota:
                raise
        time.sleep(wait)
    return read()


def _leaves(resolutions: Mapping[str, Resolution], cids: list[int], *,
            online: bool) -> list[int]:
    """Leaves whose rules are wanted: every resolved text, and every id written in the sheet
    that is not known to be a parent (offline its rules may be cached even when its node is
    not; online an id Taobao does not know is not asked about)."""
    found: dict[int, None] = {}
    for answer in resolutions.values():
        if isinstance(answer, Resolved):
            found[answer.cid] = None
    for cid in cids:
        answer = resolutions.get(str(cid))
        if not isinstance(answer, NotLeaf) and not (online and not isinstance(answer, Resolved)):
            found[cid] = None
    return list(found)
