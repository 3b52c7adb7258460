"""Finding the category names nearest to a word that matched nothing (for "not found").

Built once per tree: normalised leaf names, a bigram index to shortlist candidates quickly, and
every node's name parts (a word of a parent's name, like 女装, leads to the leaves under it).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.catalog.categories import CategoryNode

SHORTLIST = 60
CUTOFF = 0.5


def bigrams(word: str) -> set[str]:
    return {word[i:i + 2] for i in range(len(word) - 1)} or {word}


class NameIndex:
    def __init__(self, nodes: Iterable[CategoryNode], normalise: object) -> None:
        norm = normalise  # the tree's normalise(), passed in to avoid an import cycle
        self.leaf_names: dict[str, list[int]] = {}
        self.parts: dict[str, list[int]] = {}
        for node in nodes:
            name = norm(node.name)  # type: ignore[operator]
            if not node.is_parent:
                self.leaf_names.setdefault(name, []).append(node.cid)
            for part in name.split("/"):
                if part:
                    self.parts.setdefault(part, []).append(node.cid)
        self.grams: dict[str, list[str]] = {}
        for name in self.leaf_names:
            for gram in bigrams(name):
                self.grams.setdefault(gram, []).append(name)

    def near(self, word: str, limit: int) -> list[str]:
        """Leaf names like ``word``: close spellings (difflib ratio ≥ 0.5 among the names that
        share the most bigrams), then names that contain it."""
        counts: Counter[str] = Counter()
        for gram in bigrams(word):
            counts.update(self.grams.get(gram, ()))
        shortlist = [name for name, _n in counts.most_common(SHORTLIST)]
        scored = []
        for name in shortlist:
            ratio = difflib.SequenceMatcher(None, word, name).ratio()
            if ratio >= CUTOFF:
                scored.append((-ratio, name))
        names = [name for _r, name in sorted(scored)[:limit]]
        names += [n for n in shortlist if word in n and n not in names]
        return names
