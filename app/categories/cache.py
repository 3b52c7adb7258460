"""Category data on disk, per shop and environment, with the time each piece was fetched.

``data_dir()/categories/<env>/<shop>/tree.json``: every category known, the time each level
(children of a parent) and each node was read, and the last full walk (started / finished).
``.../rules/<cid>.json``: a leaf's rules and when they were read. ``data_dir()/categories/
index.json`` remembers which shop an App Key + environment was last connected as, so offline
commands (``taoshelf categories search``) find the right folder without asking Taobao.

Rules older than ``MAX_AGE`` (7 days) are read again; ``invalidate(cid)`` (after a category
error at upload) drops a leaf's rules and marks its level stale. Files are replaced atomically;
a damaged file counts as absent (nothing is lost that Taobao cannot give again).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app import paths
from app.catalog.categories import CategoryNode, CategoryTree
from app.catalog.category_rules import CategoryRules, SharedProps
from app.catalog.perf import gc_paused

MAX_AGE = 7 * 24 * 3600.0
FORMAT_VERSION = 1
_UNSAFE = re.compile(r"[^\w.-]+", re.UNICODE)


def categories_root() -> Path:
    return paths.data_dir() / "categories"


def shop_folder_name(shop: str) -> str:
    """A file-system-safe folder per shop (readable, plus a hash so two shops never share)."""
    digest = hashlib.sha256(shop.encode("utf-8")).hexdigest()[:10]
    return f"{_UNSAFE.sub('_', shop).strip('._')[:40] or 'shop'}-{digest}"


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@dataclass
class CachedTree:
    """The tree and its timestamps (epoch seconds)."""

    tree: CategoryTree
    levels: dict[int, float] = field(default_factory=dict)  # parent cid → children read at
    fetched: dict[int, float] = field(default_factory=dict)  # cid → node read at
    walk_started: float | None = None
    walk_finished: float | None = None

    @property
    def complete(self) -> bool:
        return self.walk_finished is not None

    @property
    def fetched_at(self) -> float | None:
        """When the newest level was read (None: nothing cached)."""
        return max(self.levels.values(), default=None)


@dataclass(frozen=True)
class CachedRules:
    rules: CategoryRules
    fetched_at: float


class CategoryCache:
    """One shop + environment's category files."""

    def __init__(
        self, shop: str, env: str, *, root: Path | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.shop = shop
        self.env = env
        self.root = root if root is not None else categories_root()
        self.folder = self.root / env / shop_folder_name(shop)
        self.clock = clock
        self._props: SharedProps = {}  # props of the rules read, shared when equal

    def is_fresh(self, fetched_at: float | None) -> bool:
        return fetched_at is not None and self.clock() - fetched_at < MAX_AGE

    # -- the tree -----------------------------------------------------------------------------
    @property
    def tree_path(self) -> Path:
        return self.folder / "tree.json"

    def load_tree(self) -> CachedTree:
        with gc_paused():  # tens of thousands of nodes, none of them garbage
            return self._load_tree()

    def _load_tree(self) -> CachedTree:
        data = _read_json(self.tree_path)
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
            return CachedTree(CategoryTree())
        try:
            nodes, fetched = [], {}
            for cid, parent, name, is_parent, status, order, features, at in data["nodes"]:
                nodes.append(CategoryNode(int(cid), int(parent), str(name), bool(is_parent),
                                          str(status), int(order), dict(features or {})))
                if at:  # 0: never read by id (or made stale)
                    fetched[int(cid)] = float(at)
            walk = data.get("walk") or {}
            cached = CachedTree(
                CategoryTree(nodes), {int(k): float(v) for k, v in data["levels"].items()},
                fetched, walk.get("started_at"), walk.get("finished_at"),
            )
        except (KeyError, TypeError, ValueError):
            return CachedTree(CategoryTree())
        cached.tree.complete = cached.complete
        return cached

    def save_tree(self, cached: CachedTree) -> None:
        nodes = [
            [n.cid, n.parent_cid, n.name, n.is_parent, n.status, n.sort_order,
             n.features or None, cached.fetched.get(n.cid, 0.0)]
            for n in cached.tree.nodes()
        ]
        _write_json(self.tree_path, {
            "version": FORMAT_VERSION, "shop": self.shop, "env": self.env,
            "levels": {str(k): v for k, v in cached.levels.items()},
            "walk": {"started_at": cached.walk_started, "finished_at": cached.walk_finished},
            "nodes": nodes,
        })

    # -- rules --------------------------------------------------------------------------------
    def rules_path(self, cid: int) -> Path:
        return self.folder / "rules" / f"{cid}.json"

    def load_rules(self, cid: int) -> CachedRules | None:
        data = _read_json(self.rules_path(cid))
        if not isinstance(data, dict):
            return None
        try:
            return CachedRules(CategoryRules.from_json(data["rules"], self._props),
                               float(data["fetched_at"]))
        except (KeyError, TypeError, ValueError):
            return None

    def save_rules(self, rules: CategoryRules, fetched_at: float | None = None) -> CachedRules:
        at = self.clock() if fetched_at is None else fetched_at
        _write_json(self.rules_path(rules.cid), {"fetched_at": at, "rules": rules.to_json()})
        return CachedRules(rules, at)

    def invalidate(self, cid: int) -> None:
        """After a category error at upload: forget the leaf's rules and mark the level it was
        read in (and its own node) stale, so the next use reads them again."""
        self.rules_path(cid).unlink(missing_ok=True)
        cached = self.load_tree()
        node = cached.tree.get(cid)
        if node is None:
            return
        cached.levels.pop(node.parent_cid, None)
        cached.fetched.pop(cid, None)
        self.save_tree(cached)

    # -- which shop an App Key + environment is ---------------------------------------------
    @staticmethod
    def remember_shop(app_key: str, env: str, shop: str, *, root: Path | None = None) -> None:
        path = (root if root is not None else categories_root()) / "index.json"
        data = _read_json(path)
        known = data if isinstance(data, dict) else {}
        if known.get(f"{app_key}|{env}") != shop:
            known[f"{app_key}|{env}"] = shop
            _write_json(path, known)

    @staticmethod
    def known_shop(app_key: str, env: str, *, root: Path | None = None) -> str | None:
        data = _read_json((root if root is not None else categories_root()) / "index.json")
        shop = data.get(f"{app_key}|{env}") if isinstance(data, dict) else None
        return str(shop) if shop else None
