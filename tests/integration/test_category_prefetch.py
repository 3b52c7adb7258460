"""What the window reads of a sheet's category data in the background (`app.categories.prefetch`):
counted from the cache without a call, read through a source that connects only when a call is
needed, stale data read again after seven days, bare names left to the whole tree."""

from __future__ import annotations

import time
from contextlib import ExitStack
from pathlib import Path

import pytest

from app.catalog.categories import Resolved
from app.categories.cache import MAX_AGE, CategoryCache
from app.categories.prefetch import CancelledError, LazySource, fetch, pending, source_name
from app.categories.source import RulesSource
from app.categories.source_itemprops import ItemPropsSource
from app.excel.reader import read_sheet
from app.simulator import Simulator
from tests.category_kit import ENV, SHOP, fill_cache
from tests.integration.test_client_support import make_client
from tests.props_kit import LEAVES, clothing_sheet


class _Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def _never(_stack: ExitStack) -> RulesSource:
    raise AssertionError("no connection may be opened: everything is cached and fresh")


def test_nothing_cached_counts_what_to_read_and_leaves_bare_names_to_the_tree(
        tmp_path: Path) -> None:
    products = read_sheet(clothing_sheet(tmp_path)).products
    needed = pending(CategoryCache(SHOP, ENV), products)
    assert needed.names == ("T恤",)  # BAD-NAME: only the whole tree can tell
    assert needed.name_rows == 1
    assert needed.categories == 4  # two paths, two ids (50000671 is on two rows)


def test_everything_cached_and_fresh_opens_no_connection(tmp_path: Path) -> None:
    products = read_sheet(clothing_sheet(tmp_path)).products
    with Simulator() as sim:
        fill_cache(sim, LEAVES, tree=True)
    cache = CategoryCache(SHOP, ENV)
    assert pending(cache, products).nothing
    source = LazySource(_never, source_name("item.add"))
    fetched = fetch(cache, source, products, hint="")
    assert not source.opened
    assert fetched.calls == 0
    assert fetched.failures == ()
    assert isinstance(fetched.data.resolutions["女装/女士精品 > 连衣裙"], Resolved)
    assert set(fetched.data.rules) == set(LEAVES)
    assert not fetched.data.online  # the window's data: unknowns are warnings


def test_data_older_than_seven_days_is_read_again_once(tmp_path: Path) -> None:
    products = read_sheet(clothing_sheet(tmp_path)).products
    clock = _Clock()
    with Simulator() as sim:
        fill_cache(sim, LEAVES, tree=True)
        cache = CategoryCache(SHOP, ENV, clock=clock)
        assert pending(cache, products).nothing
        clock.now += MAX_AGE + 60
        stale = pending(cache, products)
        assert stale.categories >= len(LEAVES)
        with make_client(sim, session=sim.issue_session(SHOP)) as client:
            def open_source(_stack: ExitStack) -> RulesSource:
                return ItemPropsSource(client)

            source = LazySource(open_source, source_name("item.add"))
            fetched = fetch(cache, source, products, hint="")
        assert source.opened
        assert fetched.calls > 0
        assert pending(cache, products).nothing


def test_a_shop_on_the_schema_path_reads_rules_of_its_own_publisher_again(
        tmp_path: Path) -> None:
    products = read_sheet(clothing_sheet(tmp_path)).products
    with Simulator() as sim:
        fill_cache(sim, LEAVES, tree=True)  # itemprops rules
    cache = CategoryCache(SHOP, ENV)
    assert pending(cache, products, publish_path="item.add").nothing
    assert pending(cache, products, publish_path="schema").categories == len(LEAVES)


def test_a_cancelled_source_stops_before_its_next_call() -> None:
    source = LazySource(_never, source_name("item.add"))
    source.cancelled.set()
    with pytest.raises(CancelledError):
        source.children(0)
    assert not source.opened
