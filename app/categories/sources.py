"""Which `RulesSource` a shop's category data comes from: the one its publisher uses.

A shop on the schema path (`app.settings_model.ShopSettings.publish_path` ``schema``: chosen,
or learned by 自动) reads a leaf's rules from ``alibaba.item.publish.schema.get`` (`SchemaSource`),
so ``taoshelf check``, the window's review and the upload check exactly what its publisher will
be held to; an item.add shop from ``taobao.itemprops.get`` (`ItemPropsSource`), except that an
App refused ``itemprops.get`` (code 11 or 22: it left the public catalogue with item.add) reads
the schema instead, for the rest of the source's life. The tree comes from ``itemcats.get``
either way. `CategoryService.rules` reads a leaf again when its cached rules came from the other
source.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.catalog.categories import CategoryNode
from app.catalog.category_rules import CategoryRules
from app.categories.source import RulesSource
from app.categories.source_itemprops import ItemPropsSource
from app.categories.source_schema import SchemaSource
from app.top.errors import TopError

UNAVAILABLE_CODES = frozenset({11, 22})


class ItemPropsOrSchema:
    """`ItemPropsSource`, falling back to `SchemaSource` once itemprops.get answers 11/22."""

    def __init__(self, client: Any) -> None:
        self.classic = ItemPropsSource(client)
        self.schema = SchemaSource(client)
        self.fell_back = False

    @property
    def name(self) -> str:
        return self.schema.name if self.fell_back else self.classic.name

    @property
    def calls(self) -> int:
        return self.classic.calls + self.schema.calls

    def children(self, parent_cid: int) -> list[CategoryNode]:
        return self.classic.children(parent_cid)

    def leaves(self, cids: Sequence[int]) -> list[CategoryNode]:
        return self.classic.leaves(cids)

    def fetch_rules(self, cid: int) -> CategoryRules:
        if not self.fell_back:
            try:
                return self.classic.fetch_rules(cid)
            except TopError as err:
                if err.code not in UNAVAILABLE_CODES:
                    raise
                self.fell_back = True
        return self.schema.fetch_rules(cid)


def rules_source(client: Any, publish_path: str) -> RulesSource:
    """The source for a shop whose publisher is ``publish_path`` (``item.add`` | ``schema``)."""
    if publish_path == "schema":
        return SchemaSource(client)
    return ItemPropsOrSchema(client)
