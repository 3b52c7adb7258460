"""Benchmark of resolving 类目 cells. Run by hand:
    uv run --frozen python tests/benchmarks/bench_categories.py

A generated tree of 20,000 leaves (160 top-level categories, 3 levels, names repeated across
branches, some with "/" inside) is saved to and loaded from the category cache (as
`taoshelf upload` would find it); then 10,000 rows' 类目 texts (ids, bare names, paths with every
separator, a few typos) are resolved. Prints milliseconds for: loading the cached tree, the first
resolution (indexes built), the rows (target with the property part: <= 200 ms for 10,000 rows),
and the same rows when every text is distinct (no answer can be remembered).
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.catalog.categories import CategoryNode, CategoryTree, normalise  # noqa: E402
from app.catalog.category_names import NameIndex  # noqa: E402
from app.categories.cache import CachedTree, CategoryCache  # noqa: E402

WORDS = ["女装", "男装", "童装", "内衣", "鞋", "箱包", "配件", "家居", "家纺", "厨具", "数码",
         "手机", "电脑", "美妆", "护肤", "零食", "茶", "酒", "母婴", "玩具", "运动", "户外",
         "汽车", "宠物", "园艺", "文具", "乐器", "图书", "珠宝", "手表"]
LEAF_NAMES = ["T恤", "衬衫", "连衣裙", "半身裙", "卫衣/绒衫", "外套", "牛仔裤", "休闲裤", "毛衣",
              "背心", "套装", "手机壳/保护套", "数据线", "充电器", "床品套件/四件套", "枕头",
              "坚果/炒货", "饼干/膨化", "帆布鞋", "运动鞋"]


def make_tree(top: int = 160, mid: int = 5, leaves: int = 25) -> list[CategoryNode]:
    rng = random.Random(7)
    nodes: list[CategoryNode] = []
    cid = 1_000
    for t in range(top):
        cid += 1
        top_cid = cid
        top_name = f"{WORDS[t % len(WORDS)]}/{WORDS[(t * 7 + 3) % len(WORDS)]}{t}"
        nodes.append(CategoryNode(top_cid, 0, top_name, True, sort_order=t))
        for m in range(mid):
            cid += 1
            mid_cid = cid
            nodes.append(CategoryNode(mid_cid, top_cid, f"{WORDS[(t + m) % len(WORDS)]}{m}类",
                                      True, sort_order=m))
            for n in range(leaves):
                cid += 1
                common = rng.random() < 0.3  # a name other branches have too
                name = LEAF_NAMES[n % len(LEAF_NAMES)] if common else f"商品{cid}"
                nodes.append(CategoryNode(cid, mid_cid, name, False, sort_order=n))
    return nodes


def row_texts(tree: CategoryTree, rows: int = 10_000, distinct: bool = False) -> list[str]:
    rng = random.Random(11)
    leaves = tree.leaves()
    picks = leaves if distinct else rng.sample(leaves, 400)  # a sheet uses a few hundred leaves
    texts = []
    for i in range(rows):
        leaf = picks[i % len(picks)] if distinct else rng.choice(picks)
        kind = i % 10
        if kind < 4:
            texts.append(str(leaf.cid))
        elif kind < 6:
            texts.append(leaf.name)
        elif kind < 9:
            sep = [" > ", " › ", "/", " » ", ">"][i % 5]
            texts.append(sep.join(tree.path_names(leaf.cid)))
        else:
            texts.append(leaf.name + "款" if i % 1000 == 9 else tree.path(leaf.cid))  # 10 typos
    return texts


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return (time.perf_counter() - started) * 1000, result


def main() -> None:
    nodes = make_tree()
    with tempfile.TemporaryDirectory() as folder:
        cache = CategoryCache("bench_shop", "production", root=Path(folder))
        cache.save_tree(CachedTree(CategoryTree(nodes), {0: time.time()},
                                   walk_started=time.time(), walk_finished=time.time()))
        size_kb = cache.tree_path.stat().st_size // 1024
        load_ms, cached = timed(cache.load_tree)
    tree = cached.tree
    print(f"tree: {len(tree)} categories, {len(tree.leaves())} leaves; cache file {size_kb} KB; "
          f"load {load_ms:.0f} ms")
    first_ms, _ = timed(lambda: tree.resolve("连衣裙"))
    print(f"first resolution (indexes built): {first_ms:.0f} ms")
    texts = row_texts(tree)
    runs = []
    for _ in range(5):
        tree.add([])  # drop remembered answers, keep nothing warm but the tree itself
        tree.resolve("连衣裙")
        ms, answers = timed(lambda: [tree.resolve(t) for t in texts])
        runs.append(ms)
    kinds = Counter(type(a).__name__ for a in answers)  # type: ignore[attr-defined]
    print(f"10,000 rows ({len(set(texts))} distinct texts): median {statistics.median(runs):.0f} ms"
          f" (runs {', '.join(f'{r:.0f}' for r in runs)}); target <= 200 ms with properties")
    print(f"answers: {dict(kinds)}")
    index_ms, _ = timed(lambda: NameIndex(tree.nodes(), normalise))
    print(f"  of which the closest-name index, built at the first typo: {index_ms:.0f} ms")
    distinct = row_texts(tree, distinct=True)
    tree.add([])
    tree.resolve("连衣裙")
    typo_free = [t for t in distinct if not t.endswith("款")]
    ms, _ = timed(lambda: [tree.resolve(t) for t in typo_free])
    print(f"10,000 rows, every text distinct ({len(typo_free)} rows without typos): {ms:.0f} ms")
    typos = [t + "款" for t in distinct[:100]]
    ms, _ = timed(lambda: [tree.resolve(t) for t in typos])
    print(f"100 distinct typos (closest names searched): {ms:.0f} ms")


if __name__ == "__main__":
    main()
