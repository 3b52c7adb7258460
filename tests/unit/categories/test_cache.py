"""The category cache: per shop + environment, freshness (7 days), invalidation, damage."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import paths
from app.catalog.categories import CategoryNode, CategoryTree
from app.catalog.category_rules import CategoryProp, CategoryRules, PropValue
from app.categories.cache import MAX_AGE, CachedTree, CategoryCache, shop_folder_name

DAY = 24 * 3600.0
RULES = CategoryRules(50000671, (CategoryProp(1627207, "主要颜色", sale=True, colour=True,
                                              values=(PropValue(28320, "白色"),)),))


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def tree_of(*nodes: CategoryNode) -> CachedTree:
    return CachedTree(CategoryTree(nodes), {0: 1.0}, {n.cid: 1.0 for n in nodes})


def test_rules_are_fresh_for_seven_days() -> None:
    clock = Clock()
    cache = CategoryCache("小鹿森林", "production", clock=clock)
    stored = cache.save_rules(RULES)
    assert cache.load_rules(50000671) == stored
    clock.now += 6.9 * DAY
    assert cache.is_fresh(stored.fetched_at)
    clock.now += 0.2 * DAY
    assert not cache.is_fresh(stored.fetched_at)
    assert MAX_AGE == 7 * DAY
    assert not cache.is_fresh(None)


def test_each_shop_and_environment_has_its_own_files() -> None:
    a = CategoryCache("小鹿森林", "production")
    a.save_rules(RULES)
    a.save_tree(tree_of(CategoryNode(16, 0, "女装/女士精品", True)))
    for other in (CategoryCache("小鹿森林", "sandbox"), CategoryCache("另一家店", "production")):
        assert other.load_rules(50000671) is None
        assert len(other.load_tree().tree) == 0
    assert a.folder.is_relative_to(paths.data_dir() / "categories" / "production")
    assert (a.folder / "tree.json").is_file()
    assert (a.folder / "rules" / "50000671.json").is_file()


@pytest.mark.parametrize("shop", ["app:12345678", "a/b\\c:d*?", "..", "小鹿森林 旗舰店"])
def test_folder_names_are_safe_and_distinct(shop: str) -> None:
    name = shop_folder_name(shop)
    assert "/" not in name
    assert "\\" not in name
    assert ":" not in name
    assert not name.startswith(".")
    assert name != shop_folder_name(shop + "x")


def test_tree_round_trip_keeps_features_stamps_and_the_walk() -> None:
    cache = CategoryCache("s", "local")
    cached = tree_of(CategoryNode(50013061, 50002766, "肉类零食", False, sort_order=3,
                                  features={"freeze": "5"}))
    cached.levels[50002766] = 42.0
    cached.walk_started, cached.walk_finished = 10.0, 20.0
    cache.save_tree(cached)
    back = cache.load_tree()
    node = back.tree.get(50013061)
    assert node is not None
    assert node.publishing_frozen
    assert node.sort_order == 3
    assert back.levels == {0: 1.0, 50002766: 42.0}
    assert back.complete
    assert back.tree.complete
    assert back.fetched_at == 42.0


def test_invalidate_drops_rules_and_marks_the_level_stale() -> None:
    cache = CategoryCache("s", "local")
    cache.save_tree(CachedTree(
        CategoryTree([CategoryNode(16, 0, "女装/女士精品", True),
                      CategoryNode(50000671, 16, "T恤", False)]),
        {0: 5.0, 16: 5.0}, {16: 5.0, 50000671: 5.0}))
    cache.save_rules(RULES)
    cache.invalidate(50000671)
    assert cache.load_rules(50000671) is None
    back = cache.load_tree()
    assert back.levels == {0: 5.0}  # the level the leaf was read in is stale now
    assert 50000671 not in back.fetched
    assert 50000671 in back.tree  # still known (resolving it re-reads it)
    cache.invalidate(999)  # unknown: nothing to do, no error


@pytest.mark.parametrize("content", ["", "{not json", '{"version": 1, "nodes": [[1]]}',
                                     '{"version": 99}', "[]"])
def test_a_damaged_file_counts_as_absent(content: str) -> None:
    cache = CategoryCache("s", "local")
    cache.folder.mkdir(parents=True)
    cache.tree_path.write_text(content, encoding="utf-8")
    assert len(cache.load_tree().tree) == 0
    cache.rules_path(1).parent.mkdir()
    cache.rules_path(1).write_text(content, encoding="utf-8")
    assert cache.load_rules(1) is None


def test_the_shop_of_an_app_key_and_environment_is_remembered(tmp_path: Path) -> None:
    assert CategoryCache.known_shop("12345678", "local") is None
    CategoryCache.remember_shop("12345678", "local", "demo_shop")
    CategoryCache.remember_shop("12345678", "production", "小鹿森林")
    assert CategoryCache.known_shop("12345678", "local") == "demo_shop"
    assert CategoryCache.known_shop("12345678", "production") == "小鹿森林"
    assert CategoryCache.known_shop("12345678", "local", root=tmp_path) is None


def _clothing(cid: int, brands: tuple[str, ...]) -> CategoryRules:
    return CategoryRules(cid, (
        CategoryProp(20000, "品牌", required=True, input_allowed=True,
                     values=tuple(PropValue(9200000 + n, b) for n, b in enumerate(brands))),
        CategoryProp(1627207, "颜色分类", sale=True, colour=True,
                     values=(PropValue(28320, "白色"), PropValue(28341, "黑色")))))


def test_equal_props_of_leaves_read_are_shared() -> None:
    """A shop's leaves share their lists (a 品牌 list of thousands): one reader builds each
    list, and its index by name, once; the rules are the same as read one by one."""
    writer = CategoryCache("小鹿森林", "production")
    writer.save_rules(_clothing(50000671, ("耐克/Nike", "优衣库/UNIQLO")))
    writer.save_rules(_clothing(50010850, ("耐克/Nike", "优衣库/UNIQLO")))
    writer.save_rules(_clothing(162104, ("耐克/Nike", "李宁/LI-NING")))
    reader = CategoryCache("小鹿森林", "production")
    tee, dress, shirt = (reader.load_rules(c).rules for c in (50000671, 50010850, 162104))  # type: ignore[union-attr]
    assert tee.prop(20000) is dress.prop(20000)
    assert tee.prop(1627207) is dress.prop(1627207) is shirt.prop(1627207)
    assert shirt.prop(20000) is not tee.prop(20000)
    assert shirt == _clothing(162104, ("耐克/Nike", "李宁/LI-NING"))
    assert tee == CategoryCache("小鹿森林", "production").load_rules(50000671).rules  # type: ignore[union-attr]


def test_rules_read_again_after_a_change_are_the_new_ones() -> None:
    """Sharing never serves a stale list: a leaf's rules saved again with a renamed brand are
    read as saved, by the reader that read the old ones too."""
    cache = CategoryCache("小鹿森林", "production")
    cache.save_rules(_clothing(50000671, ("耐克/Nike", "优衣库/UNIQLO")))
    cache.save_rules(_clothing(50010850, ("耐克/Nike", "优衣库/UNIQLO")))
    before = cache.load_rules(50000671).rules  # type: ignore[union-attr]
    assert before.prop(20000).value_by_name("优衣库").vid == 9200001  # type: ignore[union-attr]
    cache.save_rules(_clothing(50000671, ("耐克/Nike", "优衣库（UNIQLO）")))
    after = cache.load_rules(50000671).rules  # type: ignore[union-attr]
    assert after.prop(20000).value_by_name("优衣库") is None  # type: ignore[union-attr]
    assert after.prop(20000).value_by_name("优衣库（UNIQLO）").vid == 9200001  # type: ignore[union-attr]
    other = cache.load_rules(50010850).rules  # type: ignore[union-attr]
    assert other.prop(20000).value_by_name("优衣库").vid == 9200001  # type: ignore[union-attr]
    assert other.prop(20000) is before.prop(20000)
