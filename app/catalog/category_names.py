"""Finding the category names nearest to a word that matched nothing (for "not found").

Built once per tree: normalised leaf names, a bigram index to shortlist candidates quickly, and
(when the close spellings are too few) every node's name parts (a word of a parent's name, like
女装, leads to the leaves under it).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.catalog.categories import CategoryNode

SHORTLIST = 60
CUTOFF = 0.5


def bigrams(word: str) -> set[str]:
    return {word[i:i + 2] for i in range(len(word) - 1)} or {word}


class NameIndex:
    def __init__(self, nodes: Iterable[CategoryNode], normalise: Callable[[str], str]) -> None:
        self._nodes = list(nodes)
        self._normalise = normalise  # the tree's, passed in to avoid an import cycle
        self.leaf_names: dict[str, list[int]] = {}
        for node in self._nodes:
            if not node.is_parent:
                self.leaf_names.setdefault(normalise(node.name), []).append(node.cid)
        self.grams: dict[str, list[str]] = {}
        for name in self.leaf_names:
            for gram in bigrams(name):
                self.grams.setdefault(gram, []).append(name)

    @cached_property
    def parts(self) -> dict[str, list[int]]:
        """Every node's name parts → the nodes: built when the closest names are too few."""
        found: dict[str, list[int]] = {}
        for node in self._nodes:
            for part in self._normalise(node.name).split("/"):
                if part:
                    found.setdefault(part, []).append(node.cid)
        return found

    def near(self, word: str, limit: int) -> list[str]:
        """Leaf names like ``word``: close spellings (difflib ratio ≥ 0.5 among the names that
        share the most bigrams), then names that contain it."""
        counts: Counter[str] = Counter()
        for gram in sorted(bigrams(word)):  # a fixed order: among names equally close, the
            counts.update(self.grams.get(gram, ()))  # same ones are suggested in every run
        shortlist = [name for name, _n in counts.most_common(SHORTLIST)]
        scored = []
        for name in shortlist:
            ratio = difflib.SequenceMatcher(None, word, name).ratio()
            if ratio >= CUTOFF:
                scored.append((-ratio, name))
        names = [name for _r, name in sorted(scored)[:limit]]
        names += [n for n in shortlist if word in n and n not in names]
        return names
