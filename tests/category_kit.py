"""Category data for tests: filled from the simulator through the real `CategoryService` (over
loopback), into the per-user cache `taoshelf check` reads offline, and the rules of its leaves
as pure objects for unit tests."""

from __future__ import annotations

from collections.abc import Iterable

from app.catalog.categories import CategoryTree
from app.catalog.category_rules import CategoryRules
from app.catalog.model import Product
from app.catalog.resolve import CategoryData
from app.categories.cache import CategoryCache
from app.categories.lookup import offline_data
from app.categories.service import CategoryService
from app.categories.source_itemprops import ItemPropsSource
from app.simulator import Simulator
from tests.integration.test_client_support import make_client

SHOP = "demo_shop"
ENV = "local"


def check_args(sim: Simulator) -> list[str]:
    """``taoshelf check`` options that find the cache `fill_cache` wrote."""
    return ["--env", ENV, "--app-key", sim.config.app_key]


def fill_cache(sim: Simulator, cids: Iterable[int] = (), *, tree: bool = False,
               shop: str = SHOP) -> CategoryService:
    """Read these leaves (their nodes, paths and rules) and, with ``tree``, the whole tree from
    the simulator into the cache of ``shop`` in the local environment; remember the shop for
    the simulator's App Key (as an upload does)."""
    with make_client(sim, session=sim.issue_session(shop)) as client:
        service = CategoryService(CategoryCache(shop, ENV), ItemPropsSource(client))
        if tree:
            service.refresh_tree()
        for cid in cids:
            service.ensure_path(cid)
            service.rules(cid)
    CategoryCache.remember_shop(sim.config.app_key, ENV, shop)
    return CategoryService(CategoryCache(shop, ENV))


def data_for(sim: Simulator, products: list[Product], *, tree: bool = True,
             cids: Iterable[int] = ()) -> CategoryData:
    """The offline category data `check` would use for these products, once the simulator's
    tree (and these leaves' rules) are cached."""
    fill_cache(sim, cids, tree=tree)
    return offline_data(CategoryCache(SHOP, ENV), products)


def tree_and_rules(sim: Simulator, cids: Iterable[int]) -> tuple[CategoryTree, dict[int,
                                                                              CategoryRules]]:
    """The simulator's whole tree and these leaves' rules, as pure objects."""
    service = fill_cache(sim, cids, tree=True)
    return service.tree, {cid: service.rules(cid) for cid in cids}
