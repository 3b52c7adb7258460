"""The category rules a shop is checked against come from its publisher's API: the schema
(`alibaba.item.publish.schema.get`) for a shop on the schema path, `taobao.itemprops.get`
otherwise — falling back to the schema when the App may not call itemprops.get (11/22)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from app.categories.cache import CategoryCache
from app.categories.service import CategoryService
from app.categories.sources import ItemPropsOrSchema, rules_source
from app.simulator import Simulator, SimulatorConfig
from tests.upload_kit import calls, client_for

SCHEMA_GET = "alibaba.item.publish.schema.get"


def methods(sim: Simulator, since: int = 0) -> Counter[str]:
    return Counter(c["method"] for c in calls(sim)[since:])


def test_a_schema_shop_reads_its_rules_from_the_schema_and_re_reads_other_sources(
        tmp_path: Path) -> None:
    with Simulator(SimulatorConfig()) as sim, client_for(sim, sim.issue_session()) as client:
        cache = CategoryCache("demo_shop", "local", root=tmp_path)
        classic = CategoryService(cache, rules_source(client, "item.add"))
        assert classic.rules(50000671).source == "taobao.itemprops.get"
        before = len(calls(sim))
        schema = CategoryService(cache, rules_source(client, "schema"))
        rules = schema.rules(50000671)  # cached and fresh, but from the other source: again
        assert rules.source == SCHEMA_GET
        assert methods(sim, before) == {SCHEMA_GET: 1}
        assert rules.colour_prop is not None
        assert rules.colour_prop.pid == 1627207
        before = len(calls(sim))
        assert schema.rules(50000671).source == SCHEMA_GET  # now cached: no call
        assert len(calls(sim)) == before


def test_an_app_without_itemprops_get_reads_the_schema_instead(tmp_path: Path) -> None:
    with Simulator(SimulatorConfig()) as sim, client_for(sim, sim.issue_session()) as client:
        sim.set_faults(deny_api=[{"method": "taobao.itemprops.get", "code": 22}])
        source = rules_source(client, "item.add")
        assert isinstance(source, ItemPropsOrSchema)
        service = CategoryService(CategoryCache("demo_shop", "local", root=tmp_path), source)
        assert service.rules(50000671).source == SCHEMA_GET
        assert service.rules(50000436).source == SCHEMA_GET
        assert methods(sim) == {"taobao.itemprops.get": 1, SCHEMA_GET: 2}  # tried once
