"""The schema as a category-rules source: for every leaf, `SchemaSource` reads the same props,
values, required flags, multi/sale/colour flags and child props as `ItemPropsSource` — in one
call per leaf — so `taoshelf check` and the window check a schema-path shop the same way."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.catalog.category_rules import CategoryProp, CategoryRules
from app.categories.source_itemprops import ItemPropsSource
from app.categories.source_schema import SchemaSource
from app.simulator import Simulator, SimulatorConfig
from app.top.client import TopClient
from app.top.errors import ErrorKind, TopError
from tests.integration.test_client_support import APP_KEY, SECRET
from tests.integration.test_client_support import make_client as client_for

LEAVES = [50000671, 162104, 50010850, 162205, 50000697, 50008898, 1623, 50013194, 50000436,
          50011123, 3035, 50010158, 50000557, 50012027, 50012042, 50011745, 50012906, 50008093,
          50008094, 50008095, 50008164, 50008165, 50008055, 50010550, 50013061]
# Flags a schema states (key and material it cannot: see app/categories/source_schema.py)
FLAGS = ("name", "required", "multi", "sale", "colour", "enum", "input_allowed", "alias_allowed",
         "parent_pid", "parent_vid")


@pytest.fixture
def client() -> Iterator[TopClient]:
    with (Simulator(SimulatorConfig(app_key=APP_KEY, app_secret=SECRET)) as sim,
          client_for(sim) as top):
        yield top


def shape(rules: CategoryRules) -> dict[int, tuple]:
    def one(p: CategoryProp) -> tuple:
        return (*(getattr(p, f) for f in FLAGS),
                tuple(sorted((v.vid, v.name, v.is_parent) for v in p.values)))
    return {p.pid: one(p) for p in rules.props}


def test_every_leaf_reads_the_same_rules_from_its_schema(client: TopClient) -> None:
    classic, schema = ItemPropsSource(client), SchemaSource(client)
    for cid in LEAVES:
        expected, got = classic.fetch_rules(cid), schema.fetch_rules(cid)
        assert shape(got) == shape(expected), cid
        assert got.source == "alibaba.item.publish.schema.get"
    assert schema.calls == len(LEAVES)  # one schema.get per leaf
    assert classic.calls > 2 * len(LEAVES)


def test_what_the_checks_use_works_on_schema_rules(client: TopClient) -> None:
    rules = SchemaSource(client).fetch_rules(50000671)
    assert [p.pid for p in rules.required_props] == [20000, 13021751, 149422948, 122216347]
    assert rules.colour_prop.pid == 1627207
    assert rules.size_prop.pid == 20509
    assert rules.prop_by_header("季节").pid == 122216347
    assert rules.prop(20000).value_by_name("Semir").vid == 1128204128
    assert rules.prop(20000).typeable
    assert not rules.prop(13021751).enum
    hoodie = SchemaSource(client).fetch_rules(50008898)
    assert {p.pid for p in hoodie.required_props} == {20000, 13021751, 149422948, 122216347}
    pillow = SchemaSource(client).fetch_rules(50008165)
    assert [p.pid for p in pillow.children(21299, 27772)] == [24557]
    assert CategoryRules.from_json(pillow.to_json()) == pillow


def test_a_tree_walk_costs_the_same_calls(client: TopClient) -> None:
    source = SchemaSource(client)
    top = source.children(0)
    assert len(top) == 7
    assert {n.cid for n in source.leaves([50000671, 162104])} == {50000671, 162104}
    assert source.calls == 2


def test_an_unusable_schema_is_a_row_error(client: TopClient) -> None:
    class Broken:
        def item_cats(self, **_: object) -> list:
            return []

        def publish_schema(self, cat_id: int, *, market: str = "taobao") -> str:
            return '<!DOCTYPE a [<!ENTITY x "y">]><itemSchema/>'

    with pytest.raises(TopError) as info:
        SchemaSource(Broken()).fetch_rules(50000671)
    assert (info.value.kind, info.value.sub_code) == (ErrorKind.ROW, "schema.forbidden")
    assert "DTD" in info.value.user_message
