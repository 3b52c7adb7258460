"""Where category data comes from: ``taobao.itemprops.get`` or the schema publish API
(`app.categories.sources.rules_source` chooses by the shop's publisher)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from app.catalog.categories import CategoryNode
from app.catalog.category_rules import CategoryRules


class RulesSource(Protocol):
    """Reads categories and a leaf's rules from Taobao; every method costs calls.

    ``calls``: how many API calls this source made so far (shown to the user).
    """

    name: str
    calls: int

    def children(self, parent_cid: int) -> list[CategoryNode]:
        """The categories under ``parent_cid`` (0 = top level): one call."""
        ...

    def leaves(self, cids: Sequence[int]) -> list[CategoryNode]:
        """The categories with these ids (leaves or not; unknown ids are left out)."""
        ...

    def fetch_rules(self, cid: int) -> CategoryRules:
        """A leaf's properties with flags, values and child properties."""
        ...
