"""Category data for one shop: resolve 类目 cells, read a leaf's rules, walk the tree on request.

Calls are spent lazily (taobao-props.md §2): an id costs one ``itemcats.get cids=`` (batched,
≤ 999 per call) plus one per unknown ancestor level; a path from the top level costs one
``itemcats.get parent_cid=`` per level not cached in the last 7 days; a bare name needs the whole
tree, which only ``refresh_tree`` downloads (its cost is estimated first). A leaf's rules are
read when not cached or older than 7 days. Everything fetched is saved in the cache.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from app.catalog.categories import (
    CategoryNode,
    CategoryTree,
    NeedsTree,
    ParsedText,
    Resolution,
    parse,
    prefix_matches,
)
from app.catalog.category_rules import CategoryRules
from app.catalog.perf import gc_paused
from app.categories.cache import CachedTree, CategoryCache
from app.categories.source import RulesSource

SAVE_EVERY = 50  # calls between saves during a walk (a stopped walk resumes from the last save)
# Answers that mean "this category is wrong now" (taobao-props.md §8): refresh it, ask to re-map.
CATEGORY_SUB_CODES = frozenset({"cid", "cat_id", "category-frozen", "category-not-found"})
NOT_A_LEAF_TEXT = "类目不能为空且必须为叶子类目"


def is_category_error(sub_code: str | None, sub_msg: str | None = None) -> bool:
    """True for item.add's category refusals (``isv.invalid-parameter:cid``, ``…:category-frozen``,
    ``…:category-not-found``, or the not-a-leaf text) and the schema API's (``…:cat_id``): call
    ``on_category_error`` then."""
    tail = (sub_code or "").rpartition(":")[2]
    return (bool(sub_code) and sub_code.startswith("isv.") and tail in CATEGORY_SUB_CODES) or (
        NOT_A_LEAF_TEXT in (sub_msg or ""))


class OfflineError(Exception):
    """The data is not cached and there is no connection to read it; ``str()`` is Chinese."""


@dataclass(frozen=True)
class WalkEstimate:
    calls: int
    exact: bool  # True: from the last full walk's size; False: a lower bound
    parents_known: int
    resuming: bool = False

    @property
    def text(self) -> str:
        if self.exact:
            return (f"下载完整的类目树约需 {self.calls} 次接口调用"
                    f"（按上次下载的 {self.parents_known} 个上级类目估算，每个 1 次）。")
        resume = "（继续上次未完成的下载）" if self.resuming else ""
        return (f"下载完整的类目树{resume}至少需要 {self.calls} 次接口调用：每个上级类目 1 次，"
                "下载时才知道一共有多少个。淘宝正式环境的完整类目树有数千个上级类目，"
                "会用掉新应用每日调用额度（常见为 5000 次）的大部分。")


@dataclass(frozen=True)
class WalkProgress:
    calls: int  # calls made so far in this walk
    planned: int  # calls made + calls still known to be needed (grows as levels are found)
    leaves: int  # leaves known so far


@dataclass(frozen=True)
class WalkResult:
    calls: int
    nodes: int
    leaves: int


class CategoryService:
    """``source`` None = offline: only what the cache holds."""

    def __init__(self, cache: CategoryCache, source: RulesSource | None = None) -> None:
        self.cache = cache
        self.source = source
        self._cached: CachedTree | None = None

    @property
    def cached(self) -> CachedTree:
        if self._cached is None:
            self._cached = self.cache.load_tree()
        return self._cached

    @property
    def tree(self) -> CategoryTree:
        return self.cached.tree

    def _now(self) -> float:
        return self.cache.clock()

    def _save(self) -> None:
        self.cache.save_tree(self.cached)

    # -- resolving ----------------------------------------------------------------------------
    def resolve(self, text: str) -> Resolution:
        return self.resolve_many([text])[text]

    def resolve_many(self, texts: Iterable[str]) -> dict[str, Resolution]:
        """Each distinct text's meaning; unknown ids are read in batches first."""
        distinct = list(dict.fromkeys(texts))
        parsed = {t: parse(t) for t in distinct}
        ids = [p.cid for p in parsed.values() if p.cid is not None]
        if ids:
            self._ensure_nodes(ids)
        with gc_paused():  # the tree's indexes and thousands of answers, none of them garbage
            return {t: self._resolve(p) for t, p in parsed.items()}

    def _resolve(self, parsed: ParsedText) -> Resolution:
        tree = self.tree
        if parsed.cid is not None or not parsed.parts or self.cached.complete:
            return tree.resolve_parsed(parsed)
        if parsed.is_path and self.source is not None:
            reached = self._walk_path(parsed, 0, 0)
            if reached > 0:  # it starts with a top-level name: the tree so far decides
                return self.tree.resolve_parsed(parsed)
        return NeedsTree(parsed.text)

    def _walk_path(self, parsed: ParsedText, start: int, parent_cid: int) -> int:
        """Follow the path one level at a time (one call per level not cached and fresh);
        returns how many parts matched."""
        best = start
        for node, end in prefix_matches(self._children(parent_cid), parsed, start):
            if end == len(parsed.parts):
                return end
            if node.is_parent:
                reached = self._walk_path(parsed, end, node.cid)
                if reached == len(parsed.parts):
                    return reached
                best = max(best, reached)
            else:
                best = max(best, end)
        return best

    def _children(self, parent_cid: int) -> list[CategoryNode]:
        cached = self.cached
        if self.source is None or self.cache.is_fresh(cached.levels.get(parent_cid)):
            return cached.tree.children(parent_cid)
        nodes = self._read_level(parent_cid)
        self._save()
        return nodes

    def _ensure_nodes(self, cids: Iterable[int]) -> None:
        """Read unknown or stale categories by id, then their unknown ancestors (one call per
        level for the whole batch); ids Taobao no longer knows are dropped."""
        if self.source is None:
            return
        cached = self.cached
        wanted = [c for c in dict.fromkeys(cids) if not self.cache.is_fresh(cached.fetched.get(c))]
        while wanted:
            nodes = self.source.leaves(wanted)
            now = self._now()
            found = {n.cid for n in nodes}
            for cid in wanted:
                if cid not in found and cid in cached.tree:
                    cached.tree.remove(cid)
            cached.tree.add(nodes)
            cached.fetched.update({n.cid: now for n in nodes})
            self._save()  # each level as read: a run stopped here does not read it again
            wanted = list(dict.fromkeys(
                n.parent_cid for n in nodes if n.parent_cid and n.parent_cid not in cached.tree))

    def ensure_path(self, cid: int) -> str:
        """The path of ``cid`` (reading it and its ancestors if needed)."""
        self._ensure_nodes([cid])
        return self.tree.path(cid)

    # -- rules --------------------------------------------------------------------------------
    def rules(self, cid: int, *, refresh: bool = False) -> CategoryRules:
        """A leaf's rules: from the cache when fresh, else read (and cached)."""
        cached = self.cache.load_rules(cid)
        if cached is not None and (self.source is None or (
                not refresh and self.cache.is_fresh(cached.fetched_at)
                and cached.rules.source == self.source.name)):  # a shop that changed paths:
            return cached.rules  # its publisher's own rules are read again
        if self.source is None:
            raise OfflineError(f"还没有类目 {cid} 的属性数据：需要连接店铺读取"
                               f"（taoshelf categories show {cid} --env …）。")
        return self.cache.save_rules(self.source.fetch_rules(cid)).rules

    def rules_fetched_at(self, cid: int) -> float | None:
        cached = self.cache.load_rules(cid)
        return cached.fetched_at if cached is not None else None

    def refresh_leaves(self, cids: Iterable[int]) -> list[tuple[int, CategoryRules | None]]:
        """Read these leaves and their rules again (None: gone, or not a leaf)."""
        wanted = list(dict.fromkeys(cids))
        for cid in wanted:
            self.cache.invalidate(cid)
        self._cached = None
        self._ensure_nodes(wanted)
        found: list[tuple[int, CategoryRules | None]] = []
        for cid in wanted:
            node = self.tree.get(cid)
            leaf = node is not None and not node.is_parent
            found.append((cid, self.rules(cid, refresh=True) if leaf else None))
        return found

    def on_category_error(self, cid: int) -> None:
        """Taobao refused a row's category (frozen, not found, not a leaf): forget the leaf's
        rules and read its node again (a category gone is removed from the tree)."""
        self.cache.invalidate(cid)
        self._cached = None
        self._ensure_nodes([cid])

    # -- the full walk ------------------------------------------------------------------------
    def _resuming(self) -> bool:
        cached = self.cached
        return (cached.walk_started is not None and cached.walk_finished is None
                and self.cache.is_fresh(cached.walk_started))

    def walk_estimate(self) -> WalkEstimate:
        cached = self.cached
        parents = len(cached.tree.parents())
        if cached.complete:
            return WalkEstimate(parents + 1, True, parents)
        done = ({p for p, at in cached.levels.items() if at >= (cached.walk_started or 0)}
                if self._resuming() else set())
        pending = [p for p in [0, *(n.cid for n in cached.tree.parents())] if p not in done]
        return WalkEstimate(max(1, len(pending)), False, parents, resuming=bool(done))

    def refresh_tree(self, on_progress: Callable[[WalkProgress], None] | None = None) -> WalkResult:
        """Read every level of the tree (breadth first). A walk stopped by an error resumes:
        levels read since it started are not read again."""
        if self.source is None:
            raise OfflineError("下载类目树需要连接店铺。")
        cached = self.cached
        if not self._resuming():
            cached.walk_started, cached.walk_finished = self._now(), None
        started = cached.walk_started or 0.0

        def needs_call(parent: int) -> bool:
            return cached.levels.get(parent, -1.0) < started

        queue, calls, leaves = [0], 0, 0
        try:
            while queue:
                parent = queue.pop(0)
                if needs_call(parent):
                    kids = self._read_level(parent)
                    calls += 1
                    if calls % SAVE_EVERY == 0:
                        self._save()
                else:
                    kids = cached.tree.children(parent)
                queue.extend(k.cid for k in kids if k.is_parent)
                leaves += sum(1 for k in kids if not k.is_parent)
                if on_progress is not None:
                    planned = calls + sum(1 for p in queue if needs_call(p))
                    on_progress(WalkProgress(calls, planned, leaves))
            cached.walk_finished = self._now()
            cached.tree.complete = True
        finally:
            self._save()
        return WalkResult(calls, len(cached.tree), len(cached.tree.leaves()))

    def _read_level(self, parent_cid: int) -> list[CategoryNode]:
        assert self.source is not None
        nodes = self.source.children(parent_cid)
        now = self._now()
        self.cached.tree.replace_children(parent_cid, nodes)
        self.cached.levels[parent_cid] = now
        self.cached.fetched.update({n.cid: now for n in nodes})
        return nodes
