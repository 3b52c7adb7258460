"""CategoryService against the simulator over loopback: what each resolution costs in calls,
the cache, the full walk with progress, a leaf's rules read through itemprops/itempropvalues."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.catalog.categories import (
    Ambiguous,
    CategoryNode,
    NeedsTree,
    NotFound,
    NotLeaf,
    Resolved,
)
from app.categories.cache import CategoryCache
from app.categories.service import CategoryService, OfflineError, WalkProgress, is_category_error
from app.categories.source_itemprops import ItemPropsSource
from app.simulator import Simulator
from app.top.client import TopClient
from app.top.errors import TopError
from tests.integration.test_client_support import calls, make_client
from tests.integration.test_simulator_support import RawTop, error_of
from tests.unit.categories.test_cache import DAY, Clock

CATS = "taobao.itemcats.get"


@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator() as simulator:
        yield simulator


@pytest.fixture
def client(sim: Simulator) -> Iterator[TopClient]:
    with make_client(sim) as top:
        yield top


def service(client: TopClient | None, clock: Clock | None = None, **kw: int) -> CategoryService:
    cache = CategoryCache("demo_shop", "local", clock=clock or Clock())
    return CategoryService(cache, ItemPropsSource(client, **kw) if client else None)


def count(sim: Simulator, method: str = CATS) -> int:
    return len(calls(sim, method))


@pytest.mark.parametrize(
    ("text", "cid", "cost"),
    [
        ("女装/女士精品 > 连衣裙", 50010850, 2),
        ("女装/女士精品/连衣裙", 50010850, 2),
        ("3C数码配件 > 手机配件 > 手机壳/保护套", 50008093, 3),
        ("3C数码配件/手机配件/手机壳/保护套", 50008093, 3),
        ("男装 › T恤", 50000436, 2),
    ],
)
def test_a_path_costs_one_call_per_level(
    sim: Simulator, client: TopClient, text: str, cid: int, cost: int,
) -> None:
    svc = service(client)
    answer = svc.resolve(text)
    assert isinstance(answer, Resolved), answer
    assert answer.cid == cid
    assert count(sim) == cost
    assert isinstance(service(client).resolve(text), Resolved)  # a new service: from the cache
    assert count(sim) == cost


def test_cached_levels_are_read_again_after_seven_days(sim: Simulator, client: TopClient) -> None:
    clock = Clock()
    service(client, clock).resolve("男装 > T恤")
    clock.now += 6 * DAY
    service(client, clock).resolve("男装 > T恤")
    assert count(sim) == 2
    clock.now += 2 * DAY
    service(client, clock).resolve("男装 > T恤")
    assert count(sim) == 4


def test_ids_are_read_in_batches_with_their_ancestors(sim: Simulator, client: TopClient) -> None:
    svc = service(client)
    answers = svc.resolve_many(["50000671", "50008093", "50008164", "50000671", "16", "777"])
    assert count(sim) == 3  # the leaves; their parents; 3C数码配件 (the only third level)
    assert answers["50008093"] == Resolved("50008093", 50008093,
                                           "3C数码配件 > 手机配件 > 手机壳/保护套")
    assert isinstance(answers["16"], NotLeaf)
    assert isinstance(answers["777"], NotFound)
    assert answers["777"].unknown_id


def test_bare_names_need_the_tree(sim: Simulator, client: TopClient) -> None:
    svc = service(client)
    assert isinstance(svc.resolve("连衣裙"), NeedsTree)
    assert isinstance(svc.resolve("女士精品 > 连衣裙"), NeedsTree)  # not from the top level
    assert "taoshelf categories refresh" in svc.resolve("连衣裙").message
    assert count(sim) == 1  # the top level, looking for 女士精品
    wrong = svc.resolve("女装/女士精品 > 连衣群")  # starts at the top: the level decides
    assert isinstance(wrong, NotFound)
    assert 50010850 in [c.cid for c in wrong.closest]
    svc.refresh_tree()
    assert isinstance(svc.resolve("连衣裙"), Resolved)
    assert isinstance(svc.resolve("T恤"), Ambiguous)


def test_refresh_walks_every_level_with_progress(sim: Simulator, client: TopClient) -> None:
    svc = service(client)
    estimate = svc.walk_estimate()
    assert (estimate.calls, estimate.exact) == (1, False)
    seen: list[WalkProgress] = []
    result = svc.refresh_tree(seen.append)
    assert (result.calls, result.nodes, result.leaves) == (9, 33, 25)
    assert count(sim) == 9
    assert [p.calls for p in seen] == list(range(1, 10))
    assert all(p.calls <= p.planned for p in seen)
    assert seen[-1] == WalkProgress(9, 9, 25)
    again = service(client)  # what the next run sees
    assert again.cached.complete
    assert (again.walk_estimate().calls, again.walk_estimate().exact) == (9, True)
    assert [c.cid for c in again.tree.search("连衣裙")] == [50010850]


def test_a_stopped_walk_resumes_where_it_stopped(sim: Simulator, client: TopClient) -> None:
    clock = Clock()
    sim.set_faults(daily_quota=4)
    with pytest.raises(TopError):
        service(client, clock).refresh_tree()
    assert len([c for c in calls(sim, CATS) if c["verdict"] == "ok"]) == 4
    sim.set_faults(daily_quota=None)
    clock.now += 3600  # the next day's run
    svc = service(client, clock)
    assert not svc.cached.complete
    assert svc.walk_estimate().resuming
    result = svc.refresh_tree()
    assert result.calls == 5  # 9 levels, 4 read before the quota ran out
    assert result.leaves == 25


def test_rules_through_itemprops_and_itempropvalues(sim: Simulator, client: TopClient) -> None:
    svc = service(client)
    rules = svc.rules(50000671)
    assert count(sim, "taobao.itemprops.get") == 1
    assert count(sim, "taobao.itempropvalues.get") == 1
    assert rules.colour_prop is not None
    assert (rules.colour_prop.pid, rules.colour_prop.name) == (1627207, "主要颜色")
    assert rules.size_prop is not None
    assert rules.size_prop.pid == 20509
    assert rules.size_prop.value_by_name("F").vid == 28383  # name_alias from itempropvalues
    assert rules.size_prop.value_by_name("XXXXL") is None  # withdrawn value dropped
    assert len(rules.size_prop.values) == 22
    assert rules.prop(20000).input_allowed
    assert not rules.prop(13021751).enum
    assert rules.prop_by_header("季节").pid == 122216347
    assert [p.pid for p in svc.rules(50008898).required_props] == [
        20000, 13021751, 149422948, 122216347]
    svc.rules(50000671)
    assert count(sim, "taobao.itemprops.get") == 2  # 50000671 came from the cache


def test_child_props_are_read_and_bounded(sim: Simulator, client: TopClient) -> None:
    rules = service(client).rules(50008055)
    assert [p.pid for p in rules.children(21299, 27772)] == [24557]
    assert [p.pid for p in rules.children(24557, 254221)] == [31778]
    assert rules.prop(31778).value_by_name("临沂市").vid == 47653222
    assert rules.unfetched == ()
    assert count(sim, "taobao.itemprops.get") == 3  # first level + 2 child levels
    bounded = service(client, max_child_calls=1).rules(50008055, refresh=True)
    assert bounded.prop(31778) is None
    assert bounded.unfetched == ("21299:27772;24557:254221",)


def test_rules_are_read_again_when_stale_or_asked(sim: Simulator, client: TopClient) -> None:
    clock = Clock()
    service(client, clock).rules(50000436)
    clock.now += 8 * DAY
    service(client, clock).rules(50000436)
    service(client, clock).rules(50000436, refresh=True)
    assert count(sim, "taobao.itemprops.get") == 3
    offline = service(None, clock)
    clock.now += 30 * DAY
    assert offline.rules(50000436).cid == 50000436  # stale but all there is offline
    with pytest.raises(OfflineError):
        offline.rules(50000671)


def test_a_category_error_at_upload_reads_the_leaf_again(sim: Simulator, client: TopClient) -> None:
    service(client).refresh_tree()
    cache = CategoryCache("demo_shop", "local")
    cached = cache.load_tree()  # a leaf Taobao has since removed, still in our cache
    cached.tree.add([CategoryNode(424242, 50002766, "已下架类目", False)])
    cache.save_tree(cached)
    svc = service(client)
    svc.rules(50013061)
    before = count(sim)
    svc.on_category_error(424242)  # Taobao no longer knows it
    assert 424242 not in svc.tree
    svc.on_category_error(50013061)
    assert count(sim) == before + 2  # one cids= call each
    assert svc.tree.get(50013061).publishing_frozen
    assert svc.cache.load_rules(50013061) is None  # rules read again on next use
    assert isinstance(service(client).resolve("零食/坚果/特产 > 肉类零食"), Resolved)


def test_typed_itemcats_call_batches_999_ids_and_reads_features(
    sim: Simulator, client: TopClient,
) -> None:
    found = client.item_cats(cids=[*range(100_000, 100_998), 50013061, 50000671])
    assert count(sim) == 2  # 1000 ids: two calls
    by_cid = {c.cid: c for c in found}
    assert set(by_cid) == {50013061, 50000671}
    assert by_cid[50013061].features == {"freeze": "5"}
    assert by_cid[50000671].features == {"udsaleprop": "1"}
    assert (by_cid[50000671].parent_cid, by_cid[50000671].sort_order) == (16, 1)


@pytest.mark.parametrize(
    ("sub_code", "sub_msg", "expected"),
    [
        ("isv.invalid-parameter:cid", "商品类目未授权，请重新选择类目", True),
        ("isv.invalid-parameter:category-frozen", "类目已被冻结", True),
        ("isv.invalid-parameter:category-not-found", "指定的类目不存在", True),
        ("isv.invalid-parameter:title", "类目不能为空且必须为叶子类目", True),
        ("isv.invalid-parameter:title", "标题太长", False),
        ("isp.service-error:cid", None, False),
        (None, None, False),
    ],
)
def test_category_errors_are_recognised(sub_code: str | None, sub_msg: str | None,
                                        expected: bool) -> None:
    assert is_category_error(sub_code, sub_msg) is expected


def test_the_simulators_frozen_leaf_answer_is_a_category_error(sim: Simulator) -> None:
    error = error_of(RawTop(sim, sim.issue_session()).add_item(
        cid="50013061", props="20000:9200013", input_pids="9000108", input_str="250g"))
    assert is_category_error(error["sub_code"], error["sub_msg"])
