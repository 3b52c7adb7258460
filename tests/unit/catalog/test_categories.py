"""The category tree: what a 类目 cell resolves to (table-driven), search, tree edits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.catalog.categories import (
    Ambiguous,
    CategoryNode,
    CategoryTree,
    NotFound,
    NotLeaf,
    Resolved,
    parse,
    prefix_matches,
)

N = CategoryNode
NODES = [
    N(16, 0, "女装/女士精品", True), N(50000671, 16, "T恤", False),
    N(50010850, 16, "连衣裙", False),
    N(162104, 16, "衬衫", False), N(30, 0, "男装", True), N(50000436, 30, "T恤", False),
    N(50011123, 30, "衬衫", False), N(50008090, 0, "3C数码配件", True),
    N(50008091, 50008090, "手机配件", True), N(50008093, 50008091, "手机壳/保护套", False),
    N(50006843, 0, "女鞋", True), N(50012042, 50006843, "帆布鞋", False),
    N(50011740, 0, "流行男鞋", True), N(50012906, 50011740, "帆布鞋", False),
    N(7, 0, "童装", True), N(71, 7, "T恤", False), N(8, 0, "运动服", True), N(81, 8, "T恤", False),
    N(9, 0, "内衣", True), N(91, 9, "T恤", False), N(10, 0, "孕妇装", True),
    N(101, 10, "T恤", False),
]


@pytest.fixture
def tree() -> CategoryTree:
    return CategoryTree(NODES, complete=True)


@pytest.mark.parametrize(
    ("text", "cid"),
    [
        ("50010850", 50010850),
        (" 50010850 ", 50010850),
        ("５００１０８５０", 50010850),  # full-width digits
        ("连衣裙", 50010850),
        ("女装/女士精品 > 连衣裙", 50010850),
        ("女装/女士精品>连衣裙", 50010850),
        ("女装/女士精品/连衣裙", 50010850),  # "/" between levels too
        ("女装/女士精品 › 连衣裙", 50010850),
        ("女装/女士精品 » 连衣裙", 50010850),
        ("女装／女士精品 ＞ 连衣裙", 50010850),  # full-width separators
        ("女士精品 > 连衣裙", 50010850),  # a path may start inside a name
        ("男装 > T恤", 50000436),
        ("男装/t恤", 50000436),  # case and width are ignored
        ("男装 ＞ Ｔ恤", 50000436),
        ("手机壳/保护套", 50008093),  # "/" inside a name
        ("3C数码配件 > 手机配件 > 手机壳/保护套", 50008093),
        ("手机配件/手机壳/保护套", 50008093),
        ("保护套", 50008093),  # a part of a name, when nothing is called that
        ("女鞋 > 帆布鞋", 50012042),
    ],
)
def test_resolves_to_one_leaf(tree: CategoryTree, text: str, cid: int) -> None:
    answer = tree.resolve(text)
    assert isinstance(answer, Resolved), answer
    assert answer.cid == cid
    assert answer.path == tree.path(cid)


def test_a_level_separator_cannot_fall_inside_a_name(tree: CategoryTree) -> None:
    """手机壳 > 保护套 is not 手机壳/保护套: ">" only separates levels."""
    assert isinstance(tree.resolve("手机壳 > 保护套"), NotFound)
    assert isinstance(tree.resolve("女装 > 女士精品 > 连衣裙"), NotFound)


def test_ambiguous_name_lists_at_most_five_paths_with_ids(tree: CategoryTree) -> None:
    answer = tree.resolve("T恤")
    assert isinstance(answer, Ambiguous)
    assert answer.total == 6
    assert len(answer.candidates) == 5
    assert {c.cid for c in answer.candidates} <= {50000671, 50000436, 71, 81, 91, 101}
    assert "男装 > T恤（50000436）" in answer.message or "女装/女士精品 > T恤（50000671）" in (
        answer.message)
    assert "6 个叶子类目" in answer.message
    two = tree.resolve("帆布鞋")
    assert isinstance(two, Ambiguous)
    assert [c.cid for c in two.candidates] == [50012042, 50012906] or [
        c.cid for c in two.candidates] == [50012906, 50012042]
    assert "女鞋 > 帆布鞋（50012042）" in two.message
    assert "流行男鞋 > 帆布鞋（50012906）" in two.message


def test_a_full_path_beats_a_deeper_match() -> None:
    tree = CategoryTree([*NODES, N(5, 0, "二手", True), N(51, 5, "男装", True),
                         N(511, 51, "T恤", False)], complete=True)
    answer = tree.resolve("男装 > T恤")
    assert isinstance(answer, Resolved)
    assert answer.cid == 50000436
    assert isinstance(tree.resolve("二手 > 男装 > T恤"), Resolved)


@pytest.mark.parametrize(
    ("text", "closest"),
    [
        ("连衣群", 50010850),  # a typo
        ("女装/女士精品 > 连衣群", 50010850),
        ("衬衣连衣裙", 50010850),
    ],
)
def test_not_found_names_the_closest(tree: CategoryTree, text: str, closest: int) -> None:
    answer = tree.resolve(text)
    assert isinstance(answer, NotFound)
    assert closest in [c.cid for c in answer.closest]
    assert "最接近的" in answer.message
    assert text in answer.message


def test_unknown_id_parent_and_empty(tree: CategoryTree) -> None:
    unknown = tree.resolve("123")
    assert isinstance(unknown, NotFound)
    assert unknown.unknown_id
    assert "123" in unknown.message
    parent = tree.resolve("16")
    assert isinstance(parent, NotLeaf)
    assert parent.node.cid == 16
    assert 50000671 in [c.cid for c in parent.leaves]
    assert "上级类目" in parent.message
    assert isinstance(tree.resolve("女装/女士精品"), NotLeaf)
    empty = tree.resolve("  ")
    assert isinstance(empty, NotFound)
    assert empty.empty


def test_the_answer_quotes_the_cell_as_written(tree: CategoryTree) -> None:
    assert tree.resolve("Ｔ恤").text == "Ｔ恤"
    assert tree.resolve("t恤").text == "t恤"  # the same remembered answer, the other spelling
    assert "“t恤”" in tree.resolve("t恤").message


def test_search_ranks_exact_names_first(tree: CategoryTree) -> None:
    assert [c.cid for c in tree.search("连衣裙")] == [50010850]
    assert [c.cid for c in tree.search("男装 T恤")] == [50000436]
    assert {c.cid for c in tree.search("衬衫")} == {162104, 50011123}
    assert [c.cid for c in tree.search("保护套")] == [50008093]
    assert tree.search("没有这个") == []
    assert len(tree.search("T恤", limit=3)) == 3


def test_parse_and_prefix_matches() -> None:
    parsed = parse("女装/女士精品 > 连衣裙")
    assert parsed.parts == ("女装", "女士精品", "连衣裙")
    assert parsed.strong == (False, False, True)
    top = [n for n in NODES if n.parent_cid == 0]
    assert [(n.cid, end) for n, end in prefix_matches(top, parsed, 0)] == [(16, 2)]
    assert prefix_matches(top, parse("女装 > 女士精品"), 0) == []


def test_replace_children_drops_what_is_gone_with_its_subtree(tree: CategoryTree) -> None:
    assert tree.path(50008093) == "3C数码配件 > 手机配件 > 手机壳/保护套"
    tree.replace_children(50008090, [N(50008095, 50008090, "移动电源", False)])
    assert 50008091 not in tree
    assert 50008093 not in tree
    assert isinstance(tree.resolve("移动电源"), Resolved)
    assert isinstance(tree.resolve("手机壳/保护套"), NotFound)  # the remembered answer is dropped
    tree.remove(50010850)
    assert isinstance(tree.resolve("连衣裙"), NotFound)
    assert [n.cid for n in tree.children(16)] == [162104, 50000671]  # by sort_order, then cid


def test_node_features() -> None:
    frozen = N(1, 0, "x", False, features={"freeze": "0,5"})
    assert frozen.publishing_frozen
    assert not N(2, 0, "y", False, features={"freeze": "0"}).publishing_frozen
    assert N(3, 0, "z", False, features={"udsaleprop": "1"}).custom_sale_values


def test_a_path_finds_its_leaf_among_many_of_the_same_name() -> None:
    """Hundreds of leaves share a name (T恤 in every branch): a path picks the one it names,
    whether the part before the name is the parent's or the name's own (手机壳/保护套)."""
    nodes = [N(1, 0, "女装/女士精品", True), N(2, 1, "上装", True)]
    for n in range(300):
        nodes += [N(1000 + n, 0, f"品类{n}", True), N(5000 + n, 1000 + n, "T恤", False),
                  N(8000 + n, 1000 + n, "手机壳/保护套", False)]
    nodes += [N(3, 2, "T恤", False), N(4, 2, "手机壳/保护套", False)]
    tree = CategoryTree(nodes, complete=True)
    assert tree.resolve("品类123 > T恤") == Resolved("品类123 > T恤", 5123, "品类123 > T恤")
    assert tree.resolve("上装/T恤").cid == 3  # type: ignore[union-attr]
    assert tree.resolve("女士精品 > 上装 > T恤").cid == 3  # type: ignore[union-attr]
    assert tree.resolve("品类7/手机壳/保护套").cid == 8007  # type: ignore[union-attr]
    assert tree.resolve("上装 > 手机壳/保护套").cid == 4  # type: ignore[union-attr]
    answer = tree.resolve("T恤")
    assert isinstance(answer, Ambiguous)
    assert answer.total == 301
    assert [c.cid for c in answer.candidates] == [5000, 5001, 5010, 5100, 5101]  # by path
    assert isinstance(tree.resolve("品类1 > 上装 > T恤"), NotFound)


def test_paths_follow_a_renamed_parent() -> None:
    """Paths are remembered per node (and shared by siblings): renaming a parent renames them."""
    tree = CategoryTree(NODES, complete=True)
    assert tree.path(50010850) == "女装/女士精品 > 连衣裙"
    assert tree.resolve("女装/女士精品 > 连衣裙").cid == 50010850  # type: ignore[union-attr]
    tree.add([N(16, 0, "女装", True)])
    assert tree.path(50000671) == "女装 > T恤"
    assert tree.path_names(50010850) == ["女装", "连衣裙"]
    assert tree.resolve("女装 > 连衣裙").cid == 50010850  # type: ignore[union-attr]
    assert isinstance(tree.resolve("女装/女士精品 > 连衣裙"), NotFound)


def test_a_loop_in_damaged_parents_ends() -> None:
    """A cache damaged into a loop (each node the other's parent) still gives a path: the
    names as walked up, each node once."""
    tree = CategoryTree([N(3, 4, "D", False), N(4, 3, "E", True), N(5, 3, "F", False)])
    assert tree.path(3) == "E > D"
    assert tree.path(4) == "D > E"
    assert tree.path(5) == "E > D > F"
    assert tree.resolve("E > D").cid == 3  # type: ignore[union-attr]


def test_the_closest_names_are_the_same_in_every_run() -> None:
    """Among many names equally close, the ones suggested do not depend on the process (string
    hashing differs per run): the same sheet gets the same message every time."""
    code = ("from app.catalog.categories import CategoryNode, CategoryTree\n"
            "nodes = [CategoryNode(1, 0, '美妆', True)] + [CategoryNode(c, 1, f'商品{c}', False)"
            " for c in range(1000, 21000, 3)]\n"
            "print([c.cid for c in CategoryTree(nodes).closest('商品18476款')])\n")
    root = Path(__file__).resolve().parents[3]
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, cwd=root, env={**os.environ, "PYTHONHASHSEED": str(seed)}
                           ).stdout for seed in range(8)}
    assert len(runs) == 1, runs
