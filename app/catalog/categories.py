"""The category tree and what a sheet's 类目 cell means (pure: no I/O).

A 类目 cell is a leaf id (``50010850``), a name (``连衣裙``) or a path
(``女装/女士精品 > 连衣裙``). Levels are separated by ``>``, ``›``, ``»`` or ``/``. Because ``/``
also sits inside real names (女装/女士精品, 手机壳/保护套), a text is cut into *parts* at every
separator and matched against the parts of each leaf's path, from the end: a ``/`` may fall
inside a name or between levels, a ``>``/``›``/``»`` only between levels. So
``女装/女士精品 > 连衣裙``, ``女装/女士精品/连衣裙`` and ``女士精品 > 连衣裙`` all find
50010850. A match that starts at the beginning of a name beats one that starts inside a name
(``保护套`` still finds 手机壳/保护套 when nothing is called 保护套). Comparison ignores case,
spaces and full/half width (NFKC).
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from app.catalog.category_results import (
    Ambiguous,
    Candidate,
    NeedsTree,
    NotFound,
    NotLeaf,
    Resolution,
    Resolved,
)

__all__ = [
    "Ambiguous", "Candidate", "CategoryNode", "CategoryTree", "NeedsTree", "NotFound", "NotLeaf",
    "ParsedText", "Resolution", "Resolved", "normalise", "parse",
]

LEVEL_SEPARATORS = frozenset(">›»")
PATH_JOIN = " > "
MAX_CANDIDATES = 5


def normalise(text: str) -> str:
    """NFKC, case-folded, without whitespace (full-width ＞／ become > /)."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


@dataclass(frozen=True)
class CategoryNode:
    """One category as ``taobao.itemcats.get`` describes it."""

    cid: int
    parent_cid: int
    name: str
    is_parent: bool
    status: str = "normal"
    sort_order: int = 0
    features: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def publishing_frozen(self) -> bool:
        return "5" in self.features.get("freeze", "").split(",")

    @property
    def custom_sale_values(self) -> bool:
        """``udsaleprop`` 1: custom sale values (negative vids) are allowed."""
        return self.features.get("udsaleprop") == "1"


@dataclass(frozen=True)
class ParsedText:
    """A 类目 cell cut into normalised parts; ``strong[i]`` tells whether the separator before
    part ``i`` was ``>``/``›``/``»`` (a level boundary for sure)."""

    text: str
    parts: tuple[str, ...]
    strong: tuple[bool, ...]

    @property
    def cid(self) -> int | None:
        if len(self.parts) == 1 and self.parts[0].isdigit():
            return int(self.parts[0])
        return None

    @property
    def is_path(self) -> bool:
        return len(self.parts) > 1


def parse(text: str) -> ParsedText:
    norm = normalise(text)
    parts: list[str] = []
    strong: list[bool] = []
    current: list[str] = []
    pending_strong = False
    for ch in norm:
        if ch == "/" or ch in LEVEL_SEPARATORS:
            if current:
                parts.append("".join(current))
                strong.append(pending_strong)
                current = []
                pending_strong = False
            pending_strong = pending_strong or ch in LEVEL_SEPARATORS
        else:
            current.append(ch)
    if current:
        parts.append("".join(current))
        strong.append(pending_strong)
    return ParsedText(text, tuple(parts), tuple(strong))


def name_parts(name: str) -> list[str]:
    return [p for p in normalise(name).split("/") if p]


def prefix_matches(
    nodes: Iterable[CategoryNode], parsed: ParsedText, start: int,
) -> list[tuple[CategoryNode, int]]:
    """Nodes whose whole name equals ``parsed.parts[start:end]`` (no level separator inside);
    longest first, as ``(node, end)``. Used to walk a path one level at a time."""
    found = []
    for node in nodes:
        parts = name_parts(node.name)
        end = start + len(parts)
        if parts and tuple(parts) == parsed.parts[start:end] and not any(
            parsed.strong[start + 1:end]
        ):
            found.append((node, end))
    return sorted(found, key=lambda pair: -pair[1])


class CategoryTree:
    """Categories known so far. ``complete``: every parent's children are known (a full walk).

    Indexes are built on first use and dropped when nodes change; ``resolve`` remembers its
    answers per normalised text (a sheet repeats the same 类目 on many rows).
    """

    def __init__(self, nodes: Iterable[CategoryNode] = (), *, complete: bool = False) -> None:
        self._nodes: dict[int, CategoryNode] = {n.cid: n for n in nodes}
        self.complete = complete
        self._reset()

    def _reset(self, keep_children: bool = False) -> None:
        if not keep_children:
            self._children: dict[int, list[CategoryNode]] | None = None
        self._by_last: dict[str, list[int]] | None = None
        self._paths: dict[int, tuple[list[str], frozenset[int]]] = {}
        self._memo: dict[str, Resolution] = {}

    # -- content ------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._nodes)

    def __contains__(self, cid: object) -> bool:
        return cid in self._nodes

    def get(self, cid: int) -> CategoryNode | None:
        return self._nodes.get(cid)

    def nodes(self) -> list[CategoryNode]:
        return list(self._nodes.values())

    def add(self, nodes: Iterable[CategoryNode]) -> None:
        """Add or update nodes (the children index is kept up to date, not rebuilt)."""
        index = self._children
        touched: set[int] = set()
        for node in nodes:
            old = self._nodes.get(node.cid)
            self._nodes[node.cid] = node
            if index is not None:
                if old is not None:
                    index[old.parent_cid] = [n for n in index.get(old.parent_cid, ())
                                             if n.cid != node.cid]
                index.setdefault(node.parent_cid, []).append(node)
                touched.add(node.parent_cid)
        for parent in touched:
            assert index is not None
            index[parent].sort(key=lambda n: (n.sort_order, n.cid))
        self._reset(keep_children=True)

    def replace_children(self, parent_cid: int, nodes: Sequence[CategoryNode]) -> None:
        """The children of ``parent_cid`` as just read (children no longer listed are dropped,
        with everything under them)."""
        keep = {n.cid for n in nodes}
        gone = [n.cid for n in self.children(parent_cid) if n.cid not in keep]
        dropped: list[int] = []
        while gone:
            cid = gone.pop()
            dropped.append(cid)
            gone.extend(n.cid for n in self.children(cid))
        for cid in dropped:
            self._nodes.pop(cid, None)
        if dropped:
            self._reset()
        self.add(nodes)

    def remove(self, cid: int) -> None:
        """Forget a category (and everything under it)."""
        node = self._nodes.get(cid)
        if node is not None:
            siblings = [n for n in self.children(node.parent_cid) if n.cid != cid]
            self.replace_children(node.parent_cid, siblings)

    def children(self, parent_cid: int) -> list[CategoryNode]:
        if self._children is None:
            index: dict[int, list[CategoryNode]] = {}
            for node in self._nodes.values():
                index.setdefault(node.parent_cid, []).append(node)
            for kids in index.values():
                kids.sort(key=lambda n: (n.sort_order, n.cid))
            self._children = index
        return list(self._children.get(parent_cid, ()))

    def leaves(self) -> list[CategoryNode]:
        return [n for n in self._nodes.values() if not n.is_parent]

    def parents(self) -> list[CategoryNode]:
        return [n for n in self._nodes.values() if n.is_parent]

    def path_names(self, cid: int) -> list[str]:
        """Names from the top level down to ``cid`` (as far as the ancestors are known)."""
        names: list[str] = []
        seen: set[int] = set()
        node = self._nodes.get(cid)
        while node is not None and node.cid not in seen:
            seen.add(node.cid)
            names.append(node.name)
            node = self._nodes.get(node.parent_cid) if node.parent_cid else None
        return names[::-1]

    def path(self, cid: int) -> str:
        return PATH_JOIN.join(self.path_names(cid)) or str(cid)

    def candidate(self, cid: int) -> Candidate:
        return Candidate(cid, self.path(cid))

    # -- matching -----------------------------------------------------------------------------
    def _path_parts(self, cid: int) -> tuple[list[str], frozenset[int]]:
        """The normalised parts of a node's path and the indexes where a level starts."""
        cached = self._paths.get(cid)
        if cached is None:
            parts: list[str] = []
            starts: set[int] = set()
            for name in self.path_names(cid):
                starts.add(len(parts))
                parts.extend(name_parts(name))
            cached = (parts, frozenset(starts))
            self._paths[cid] = cached
        return cached

    def _last_index(self) -> dict[str, list[int]]:
        if self._by_last is None:
            index: dict[str, list[int]] = {}
            for node in self._nodes.values():
                parts = name_parts(node.name)
                if parts:
                    index.setdefault(parts[-1], []).append(node.cid)
            self._by_last = index
        return self._by_last

    def matches(self, parsed: ParsedText) -> list[tuple[int, int]]:
        """Nodes whose path ends with the text's parts, as ``(cid, tier)``: tier 0 = the whole
        path from the top level, 1 = starts at a name, 2 = starts inside a name."""
        found = []
        n = len(parsed.parts)
        for cid in self._last_index().get(parsed.parts[-1], ()) if n else ():
            parts, starts = self._path_parts(cid)
            offset = len(parts) - n
            if offset < 0 or tuple(parts[offset:]) != parsed.parts:
                continue
            if all(offset + i in starts for i in range(1, n) if parsed.strong[i]):
                found.append((cid, 0 if offset == 0 else 1 if offset in starts else 2))
        return found

    def resolve(self, text: str) -> Resolution:
        """What a 类目 cell means in this tree (remembered per normalised text)."""
        parsed = parse(text)
        key = "\x1f".join(parsed.parts) + "|" + "".join("1" if s else "0" for s in parsed.strong)
        answer = self._memo.get(key)
        if answer is None:
            answer = self._resolve(parsed)
            self._memo[key] = answer
        return answer.for_text(text)

    def _resolve(self, parsed: ParsedText) -> Resolution:
        if not parsed.parts:
            return NotFound(parsed.text, (), empty=True)
        cid = parsed.cid
        if cid is not None and cid in self._nodes:
            node = self._nodes[cid]
            if node.is_parent:
                return NotLeaf(parsed.text, self.candidate(cid), self._some_leaves(cid))
            return Resolved(parsed.text, cid, self.path(cid))
        found = self.matches(parsed)
        best = min((tier for _cid, tier in found), default=2)
        chosen = [cid for cid, tier in found if tier == best]
        leaves = [c for c in chosen if not self._nodes[c].is_parent]
        if len(leaves) == 1:
            return Resolved(parsed.text, leaves[0], self.path(leaves[0]))
        if leaves:
            ranked = sorted(leaves, key=lambda c: (len(self.path_names(c)), self.path(c)))
            return Ambiguous(parsed.text, tuple(self.candidate(c) for c in ranked[:MAX_CANDIDATES]),
                             total=len(leaves))
        if chosen:
            return NotLeaf(parsed.text, self.candidate(chosen[0]), self._some_leaves(chosen[0]))
        if cid is not None:
            return NotFound(parsed.text, (), unknown_id=True)
        return NotFound(parsed.text, tuple(self.closest(parsed.text)))

    def _some_leaves(self, cid: int, limit: int = MAX_CANDIDATES) -> tuple[Candidate, ...]:
        found: list[Candidate] = []
        stack = [cid]
        while stack and len(found) < limit:
            for child in self.children(stack.pop(0)):
                if child.is_parent:
                    stack.append(child.cid)
                elif len(found) < limit:
                    found.append(self.candidate(child.cid))
        return tuple(found)

    # -- search -------------------------------------------------------------------------------
    def search(self, text: str, limit: int = 20) -> list[Candidate]:
        """Leaves whose path holds every word of ``text`` (words split at spaces and
        separators); exact leaf names first, then names that contain the words, then paths."""
        words = [w for w in parse(" ".join(text.split()).replace(" ", "/")).parts if w]
        if not words:
            return []
        scored = []
        for leaf in self.leaves():
            parts, _starts = self._path_parts(leaf.cid)
            joined = "/".join(parts)
            if all(w in joined for w in words):
                name = normalise(leaf.name)
                rank = 0 if name == "/".join(words) else 1 if all(w in name for w in words) else 2
                scored.append((rank, len(parts), self.path(leaf.cid), leaf.cid))
        scored.sort()
        return [Candidate(cid, path) for _r, _n, path, cid in scored[:limit]]

    def closest(self, text: str, limit: int = MAX_CANDIDATES) -> list[Candidate]:
        """Leaves with the names closest to ``text`` (for a "not found" message)."""
        parsed = parse(text)
        if not parsed.parts:
            return []
        by_name: dict[str, list[int]] = {}
        for leaf in self.leaves():
            by_name.setdefault(normalise(leaf.name), []).append(leaf.cid)
        wanted = parsed.parts[-1]
        names = difflib.get_close_matches(wanted, list(by_name), n=limit, cutoff=0.5)
        names += [n for n in by_name if parsed.parts[-1] in n and n not in names]
        found: list[Candidate] = []
        for name in names:
            found.extend(self.candidate(cid) for cid in by_name[name])
        if len(found) < limit:  # a word of a parent's name (女装): some leaves under it
            seen = {c.cid for c in found}
            for leaf in self.leaves():
                if leaf.cid not in seen and parsed.parts[-1] in self._path_parts(leaf.cid)[0]:
                    found.append(self.candidate(leaf.cid))
                    if len(found) >= limit:
                        break
        return found[:limit]
