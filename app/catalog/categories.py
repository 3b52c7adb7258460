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

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from app.catalog.category_names import NameIndex
from app.catalog.category_results import (
    Ambiguous,
    Candidate,
    NeedsTree,
    NotFound,
    NotLeaf,
    Resolution,
    Resolved,
)
from app.catalog.perf import gc_paused

__all__ = [
    "Ambiguous", "Candidate", "CategoryNode", "CategoryTree", "NeedsTree", "NotFound", "NotLeaf",
    "ParsedText", "Resolution", "Resolved", "normalise", "parse",
]

LEVEL_SEPARATORS = frozenset(">›»")
_SEPARATOR_RUN = re.compile(r"([/>›»]+)")
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
    parts: list[str] = []
    strong: list[bool] = []
    level = False  # a ">"/"›"/"»" since the last part
    # the text cut at each run of separators: part, separators, part, separators, ..., part
    for n, piece in enumerate(_SEPARATOR_RUN.split(normalise(text))):
        if n % 2:
            level = level or not LEVEL_SEPARATORS.isdisjoint(piece)
        elif piece:
            parts.append(piece)
            strong.append(level)
            level = False
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
        self._by_last: dict[str, list[tuple[int, int]]] | None = None
        self._by_before: dict[str, dict[str, list[tuple[int, int]]]] = {}
        self._paths: dict[int, tuple[list[str], frozenset[int]]] = {}
        self._memo: dict[tuple[tuple[str, ...], tuple[bool, ...]], Resolution] = {}
        self._raw: dict[str, Resolution] = {}
        self._path_texts: dict[int, tuple[tuple[str, ...], str]] = {}
        self._name_parts: dict[str, tuple[str, ...]] = {}  # a name → name_parts(name)
        self._names: NameIndex | None = None

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
        return list(self._path_of(cid)[0])

    def path(self, cid: int) -> str:
        return self._path_of(cid)[1] or str(cid)

    def _path_of(self, cid: int) -> tuple[tuple[str, ...], str]:
        """The names from the top level down to ``cid``, and its path text. Remembered per
        node: the walk up stops at the first ancestor already known (siblings share it)."""
        cached = self._path_texts.get(cid)
        if cached is not None:
            return cached
        walked: list[CategoryNode] = []  # cid, then its ancestors not known yet
        seen: set[int] = set()
        names: tuple[str, ...] = ()
        node = self._nodes.get(cid)
        while node is not None:
            if node.cid in seen:  # a loop (damaged data): the names as walked, not remembered
                names = tuple(n.name for n in reversed(walked))
                return names, PATH_JOIN.join(names)
            known = self._path_texts.get(node.cid)
            if known is not None:
                names = known[0]
                break
            seen.add(node.cid)
            walked.append(node)
            node = self._nodes.get(node.parent_cid) if node.parent_cid else None
        cached = (names, PATH_JOIN.join(names))
        for node in reversed(walked):
            names = (*names, node.name)
            cached = self._path_texts[node.cid] = (names, PATH_JOIN.join(names))
        return cached

    def _rank(self, cid: int) -> tuple[int, str]:
        """Candidates are listed shallow first, then by path."""
        names, text = self._path_of(cid)
        return len(names), text or str(cid)

    def candidate(self, cid: int) -> Candidate:
        return Candidate(cid, self.path(cid))

    # -- matching -----------------------------------------------------------------------------
    def _path_parts(self, cid: int) -> tuple[list[str], frozenset[int]]:
        """The normalised parts of a node's path and the indexes where a level starts."""
        cached = self._paths.get(cid)
        if cached is None:
            parts: list[str] = []
            starts: set[int] = set()
            for name in self._path_of(cid)[0]:
                starts.add(len(parts))
                parts.extend(self._parts_of_name(name))
            cached = (parts, frozenset(starts))
            self._paths[cid] = cached
        return cached

    def _parts_of_name(self, name: str) -> tuple[str, ...]:
        """`name_parts`, remembered: a tree repeats its names, and each level of a path is
        cut again for every node under it."""
        parts = self._name_parts.get(name)
        if parts is None:
            parts = self._name_parts[name] = tuple(name_parts(name))
        return parts

    def _parts_of(self, cid: int) -> tuple[str, ...]:
        """The normalised parts of one node's own name (empty for an unknown node)."""
        node = self._nodes.get(cid)
        return self._parts_of_name(node.name) if node is not None else ()

    def _last_index(self) -> dict[str, list[tuple[int, int]]]:
        """Last name part → (cid, tier if the text is that one word): 0 a top-level category
        with a one-part name, 1 a one-part name, 2 the end of a longer name."""
        if self._by_last is None:
            index: dict[str, list[tuple[int, int]]] = {}
            with gc_paused():  # an entry per node, none of them garbage
                for node in self._nodes.values():
                    parts = self._parts_of_name(node.name)
                    if parts:
                        tier = 2 if len(parts) > 1 else 0 if not node.parent_cid else 1
                        index.setdefault(parts[-1], []).append((node.cid, tier))
            self._by_last = index
        return self._by_last

    def _ending_with(self, before: str, last: str) -> list[tuple[int, int]]:
        """Nodes whose path ends with the parts ``before``, ``last``: the candidates for a path
        text (a common leaf name has hundreds of nodes; the part before it leaves a few). The
        part before is the name's own previous part, else its parent's last part."""
        by_before = self._by_before.get(last)
        if by_before is None:
            by_before = self._by_before[last] = {}
            for cid, tier in self._last_index().get(last, ()):
                mine = self._parts_of(cid)
                if len(mine) > 1:
                    part_before = mine[-2]
                else:
                    parent = self._parts_of(self._nodes[cid].parent_cid)
                    if not parent:
                        continue  # no part before it (top level, unknown parent)
                    part_before = parent[-1]
                by_before.setdefault(part_before, []).append((cid, tier))
        return by_before.get(before, [])

    def matches(self, parsed: ParsedText) -> list[tuple[int, int]]:
        """Nodes whose path ends with the text's parts, as ``(cid, tier)``: tier 0 = the whole
        path from the top level, 1 = starts at a name, 2 = starts inside a name."""
        n = len(parsed.parts)
        if n == 0:
            return []
        if n == 1:  # one word: the name alone decides (no path needed)
            return list(self._last_index().get(parsed.parts[0], ()))
        found = []
        for cid, _tier in self._ending_with(parsed.parts[-2], parsed.parts[-1]):
            parts, starts = self._path_parts(cid)
            offset = len(parts) - n
            if offset < 0 or tuple(parts[offset:]) != parsed.parts:
                continue
            if all(offset + i in starts for i in range(1, n) if parsed.strong[i]):
                found.append((cid, 0 if offset == 0 else 1 if offset in starts else 2))
        return found

    def resolve(self, text: str) -> Resolution:
        """What a 类目 cell means in this tree (remembered per text and per normalised text)."""
        answer = self._raw.get(text)
        return answer if answer is not None else self.resolve_parsed(parse(text))

    def resolve_parsed(self, parsed: ParsedText) -> Resolution:
        """`resolve` of a text already cut into parts (`parse`)."""
        text = parsed.text
        answer = self._raw.get(text)
        if answer is not None:
            return answer
        key = (parsed.parts, parsed.strong)
        answer = self._memo.get(key)
        if answer is None:
            answer = self._resolve(parsed)
            self._memo[key] = answer
        if answer.text != text:
            answer = answer.for_text(text)
        self._raw[text] = answer
        return answer

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
            ranked = sorted(leaves, key=self._rank)
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
        """Leaves with the names closest to the text's last part (for a "not found" message);
        failing that, leaves under a category with that word in its name (女装)."""
        parsed = parse(text)
        if not parsed.parts:
            return []
        if self._names is None:
            with gc_paused():  # an entry per node, none of them garbage
                self._names = NameIndex(self._nodes.values(), normalise)
        word = parsed.parts[-1]
        found: list[Candidate] = []
        for name in self._names.near(word, limit):
            found.extend(self.candidate(cid) for cid in self._names.leaf_names[name])
        for cid in self._names.parts.get(word, ()) if len(found) < limit else ():
            if len(found) >= limit:
                break
            node = self._nodes[cid]
            more = self._some_leaves(cid, limit) if node.is_parent else (self.candidate(cid),)
            found.extend(c for c in more if c not in found)
        return found[:limit]
