"""Benchmark of resolving 类目 cells. Run by hand:
    uv run --frozen python tests/benchmarks/bench_categories.py

A generated tree of 20,000 leaves (160 top-level categories, 3 levels, names repeated across
branches, some with "/" inside) is saved to and loaded from the category cache (as
`taoshelf upload` would find it); then 10,000 rows' 类目 texts (ids, bare names, paths with every
separator, a few typos) are resolved. Prints milliseconds for: loading the cached tree, the first
resolution (indexes built), the rows (target with the property part: <= 200 ms for 10,000 rows),
and the same rows when every text is distinct (no answer can be remembered). Then the whole
resolution step on 10,000 rows against that tree and the cached rules of the leaves they use, as
`taoshelf check` runs it (the categories by `CategoryService.resolve_many`, then
`app.catalog.resolve.resolve_products`): categories, property columns (品牌 listed or typed,
货号, 材质成分, 年份季节) and SKUs by colour and size (now and then a custom colour), as one-row
products and as products of four SKU rows. The first time is cold (the rules read by a new
cache reader, as a new process would); CPU (process) time is printed too, steadier than wall
time on a shared machine.
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

from decimal import Decimal  # noqa: E402

from app.catalog.categories import CategoryNode, CategoryTree, Resolved, normalise  # noqa: E402
from app.catalog.category_names import NameIndex  # noqa: E402
from app.catalog.category_rules import CategoryProp, CategoryRules, PropValue  # noqa: E402
from app.catalog.model import Product, Sku  # noqa: E402
from app.catalog.resolve import CategoryData, SheetResolution, resolve_products  # noqa: E402
from app.categories.cache import CachedTree, CategoryCache  # noqa: E402
from app.categories.service import CategoryService  # noqa: E402

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


def row_texts(tree: CategoryTree, rows: int = 10_000, distinct: bool = False,
              leaves_used: int = 400) -> list[str]:
    rng = random.Random(11)
    leaves = tree.leaves()
    picks = leaves if distinct else rng.sample(leaves, leaves_used)  # a few hundred leaves
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




# -- categories and properties together (the resolution step) -----------------------------------
COLOURS = ["白色", "黑色", "红色", "蓝色", "绿色", "黄色", "紫色", "灰色", "浅灰色", "深灰色",
           "粉红色", "桔色", "乳白色", "米白色", "卡其色", "咖啡色", "军绿色", "天蓝色", "深蓝色",
           "藏青色"]
SIZES = ["XS", "S", "M", "L", "XL", "XXL", "2XL", "3XL", "均码", "160/84A", "165/88A"]


def leaf_rules(cid: int) -> CategoryRules:
    """Clothing-like rules: 品牌 (listed + typing), 货号/材质成分 (typed), 年份/季节, 适用年龄, a
    colour and a size sale property — the shape of the doc's 50000671."""
    v = PropValue
    return CategoryRules(cid, (
        CategoryProp(20000, "品牌", required=True, input_allowed=True, key=True,
                     values=tuple(v(9200000 + n, f"品牌{n}/Brand{n}") for n in range(200))),
        CategoryProp(13021751, "货号", required=True, enum=False, key=True),
        CategoryProp(149422948, "材质成分", required=True, enum=False, material=True),
        CategoryProp(122216347, "年份/季节", required=True,
                     values=tuple(v(3612408000 + n, f"{2019 + n // 4}年{'春夏秋冬'[n % 4]}季")
                                  for n in range(32))),
        CategoryProp(20017, "适用年龄", values=(v(494072158, "18-24周岁"),
                                                 v(494072160, "25-29周岁"))),
        CategoryProp(1627207, "颜色分类", multi=True, sale=True, colour=True, alias_allowed=True,
                     values=tuple(v(28320 + n, name) for n, name in enumerate(COLOURS))),
        CategoryProp(20509, "尺码", multi=True, sale=True, alias_allowed=True,
                     values=tuple(v(28300 + n, name) for n, name in enumerate(SIZES))),
    ))


def sheet_products(texts: list[str], per_product: int) -> list[Product]:
    """Products as the reader gives them: a 类目 text, property columns, ``per_product`` SKU rows
    of colour × size (with now and then a custom colour); 0: one row, no SKUs."""
    rng = random.Random(5)
    products = []
    row = 2
    for n in range(0, len(texts), per_product or 1):
        text = texts[n]
        extra = {"品牌": f"品牌{rng.randrange(200)}" if n % 7 else "小店自有", "货号": f"TX{n}",
                 "材质成分": "棉95% 氨纶5%", "年份季节": "2026年夏季"}
        p = Product(row=row, outer_id=f"P{n}", title=f"T恤 {n}", num=10 * per_product,
                    price=Decimal("59.00"), extra=extra)
        if text.isdigit():
            p.cid = int(text)
        else:
            p.category_text = text
        for k in range(per_product):
            colour = COLOURS[(n + k // 2) % len(COLOURS)] if (n + k) % 50 else "雾霾蓝"
            sku = Sku("", 10, Decimal("59.00"), values={"颜色": colour, "尺码": SIZES[k % 4]},
                      row=row + k)
            sku.extra = extra if k == 0 else {}
            p.skus.append(sku)
        products.append(p)
        row += per_product or 1
    return products


def timed_cpu(fn: Callable[[], object]) -> tuple[float, float, object]:
    """Wall and CPU (process) milliseconds: the CPU time is steadier on a shared machine."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, result


def bench_properties(nodes: list[CategoryNode], leaves_used: int = 400) -> None:
    tree = CategoryTree(nodes)
    texts = row_texts(tree, leaves_used=leaves_used)
    resolutions = {t: tree.resolve(t) for t in set(texts)}
    leaves = {a.cid for a in resolutions.values() if isinstance(a, Resolved)}
    with tempfile.TemporaryDirectory() as folder:
        def shop_cache() -> CategoryCache:  # a new one, as each `taoshelf check` makes
            return CategoryCache("bench_shop", "production", root=Path(folder))

        cache = shop_cache()
        cache.save_tree(CachedTree(tree, {0: time.time()}, walk_started=time.time(),
                                   walk_finished=time.time()))
        for cid in leaves:
            cache.save_rules(leaf_rules(cid))

        def load() -> dict[int, CategoryRules]:
            reader = shop_cache()
            return {cid: reader.load_rules(cid).rules for cid in leaves}  # type: ignore[union-attr]

        load_ms, load_cpu, rules = timed_cpu(load)
        fresh = [load() for _ in range(3)]
        service = CategoryService(shop_cache())  # the cached tree, as `taoshelf check` reads it
        nodes_used = {cid: service.tree.get(cid) for cid in leaves}
    print(f"\nproperties: {len(leaves)} leaves used (clothing-like rules, 200 brands each); "
          f"their rules loaded from the cache in {load_ms:.0f} ms (CPU {load_cpu:.0f} ms)")
    for per_product, label in ((0, "10,000 one-row products (no SKUs)"),
                               (1, "10,000 one-row products, one colour/size SKU each"),
                               (4, "2,500 products x 4 SKU rows (10,000 rows)")):
        step = per_product or 1

        def resolve(rules: dict[int, CategoryRules], products: list[Product],
                    step: int = step) -> SheetResolution:
            found = service.resolve_many(texts[::step])  # as `app.categories.lookup` does
            data = CategoryData(resolutions=found, rules=rules,
                                nodes=nodes_used,  # type: ignore[arg-type]
                                tree_complete=True)
            return resolve_products(products, data)

        service.tree.add([])  # nothing remembered: the categories are resolved again too
        cold = sheet_products(texts, per_product)
        cold_ms, cold_cpu, result = timed_cpu(lambda cold=cold: resolve(fresh.pop(), cold))
        runs, cpus = [], []
        for _ in range(5):
            service.tree.add([])
            products = sheet_products(texts, per_product)
            ms, cpu, result = timed_cpu(lambda products=products: resolve(rules, products))
            runs.append(ms)
            cpus.append(cpu)
        errors = sum(1 for issues in result.issues.values()  # type: ignore[attr-defined]
                     for i in issues if i.is_error)
        print(f"{label}: categories + properties + SKUs resolved in {cold_ms:.0f} ms (CPU "
              f"{cold_cpu:.0f} ms) the first time (each leaf's value indexes built), then median "
              f"{statistics.median(runs):.0f} ms (CPU {statistics.median(cpus):.0f} ms; runs "
              f"{', '.join(f'{r:.0f}' for r in runs)}); target <= 200 ms; "
              f"products with an error: {errors}")


if __name__ == "__main__":
    main()
    bench_properties(make_tree())  # rows spread over 400 leaves
    bench_properties(make_tree(), leaves_used=20)  # one shop's few leaves
