"""The engine publishes through the shop's publisher: item.add, the schema API, or 自动, which
switches to the schema API on the first item.add answer 11 (no permission) or 22 (no such API)
— with the simulator's deny_api switch, real SQLite and picture files."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from app.simulator import Simulator, SimulatorConfig
from app.upload.events import PublisherSwitched, RunStarted, StopReason
from app.upload.journal import Journal, Scope
from app.upload.publishers import SWITCH_MESSAGE
from app.upload.settings import UploadSettings
from tests.upload_kit import (
    calls,
    client_for,
    items_by_outer_id,
    make_engine,
    make_products,
    variant_products,
)

SCOPE = Scope("demo_shop", "local", "sheet-1")


def methods(sim: Simulator, since: int = 0) -> Counter[str]:
    return Counter(c["method"] for c in calls(sim)[since:])


def products_for(tmp_path: Path) -> list:
    plain = make_products(4, tmp_path / "pics", extras=2)
    return [*plain, *variant_products(4, tmp_path / "pics", start=5)]


@pytest.mark.parametrize("code", [11, 22])
def test_auto_switches_on_11_or_22_and_lists_every_row_once(tmp_path: Path, code: int) -> None:
    products = products_for(tmp_path)
    remembered: list[str] = []
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        sim.set_faults(deny_api=[{"method": "taobao.item.add", "code": code}])
        client = client_for(sim, sim.issue_session())
        run = make_engine(client, journal, products, on_publisher_switch=remembered.append,
                          settings=UploadSettings(workers=3, reconcile_delay=0.2))
        summary = run.engine.run(run.engine.prepare(products, {}))
        assert summary.listed == summary.created == len(products), summary.outcomes
        assert summary.stop_reason is StopReason.COMPLETED
        assert summary.failed == 0
        items = items_by_outer_id(sim)
        assert sorted(items) == sorted(p.key for p in products)
        assert all(len(found) == 1 for found in items.values())  # no row listed twice
        assert {i[0]["market"] for i in items.values()} == {"taobao"}  # by the schema API
        sent = methods(sim)
        assert 1 <= sent["taobao.item.add"] <= 3  # one per worker at most: each answered 11/22
        assert sent["alibaba.item.publish.submit"] == len(products)
        assert sent["alibaba.item.publish.schema.get"] == 1  # one leaf, read once for the run
        assert sent["taobao.item.img.upload"] == 0  # extra pictures ride in the submit
        (switched,) = run.of(PublisherSwitched)
        assert (switched.publisher, switched.message, switched.code) == (
            "schema", SWITCH_MESSAGE, code)
        assert len(remembered) == 1
        assert summary.publisher == "item.add→schema"
        assert {journal.get(SCOPE, p.key or "").via for p in products} == {"schema"}
        # every extra and colour picture is there
        for p in products:
            item = items[p.key][0]
            assert len(item["item_imgs"]) == len(p.images) - 1
            colours = {s.properties.split(";")[0] for s in p.skus if s.image is not None}
            assert {i["properties"] for i in item.get("prop_imgs", [])} == colours
        # the next run starts on the schema API: item.add is not tried again
        before = len(calls(sim))
        more = make_products(2, tmp_path / "pics", start=20, prefix="NEW")
        again = make_engine(client, journal, more, settings=UploadSettings(
            reconcile_delay=0.2, auto_switched=True))
        later = again.engine.run(again.engine.prepare([*products, *more], {}))
        assert later.created == 2
        assert "taobao.item.add" not in methods(sim, before)
        (started,) = again.of(RunStarted)
        assert "此应用没有 taobao.item.add 权限" in started.publisher
        assert not again.of(PublisherSwitched)


def test_item_add_chosen_stops_the_run_on_11_saying_what_to_choose(tmp_path: Path) -> None:
    products = make_products(3, tmp_path / "pics")
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        sim.set_faults(deny_api=[{"method": "taobao.item.add", "code": 11}])
        client = client_for(sim, sim.issue_session())
        run = make_engine(client, journal, products,
                          settings=UploadSettings(workers=1, publisher="item.add"))
        summary = run.engine.run(run.engine.prepare(products, {}))
        assert summary.stop_reason is StopReason.FATAL
        assert "新版发布接口" in summary.message
        assert items_by_outer_id(sim) == {}
        assert "alibaba.item.publish.submit" not in methods(sim)


def test_schema_chosen_never_calls_item_add_and_puts_the_main_picture_in_the_space(
        tmp_path: Path) -> None:
    products = make_products(3, tmp_path / "pics", extras=1)
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        client = client_for(sim, sim.issue_session())
        run = make_engine(client, journal, products,
                          settings=UploadSettings(publisher="schema", reconcile_delay=0.2))
        summary = run.engine.run(run.engine.prepare(products, {}))
        assert summary.created == 3
        assert summary.publisher == "schema"
        sent = methods(sim)
        assert "taobao.item.add" not in sent
        # main + extra picture of each row to the space, then one submit each
        assert sent["taobao.picture.upload"] == 6
        assert sent["alibaba.item.publish.submit"] == 3
        paths = {p["picture_path"] for p in sim.pictures()}
        for p in products:
            item = items_by_outer_id(sim)[p.key][0]
            assert item["pic_path"] in paths


SAME = ("title", "desc", "price", "num", "cid", "type", "stuff_status", "location",
        "approve_status", "props", "sell_point", "seller_cids", "postage_id")


def test_the_same_sheet_lists_the_same_products_through_both_publishers(tmp_path: Path) -> None:
    """Variants, properties, detail and colour pictures, extra pictures: field by field at the
    test door, the items item.add made and the ones the schema API made are the same."""
    def sheet(prefix: str) -> list:
        rows = [*variant_products(3, tmp_path / "pics", prefix=prefix),
                *make_products(2, tmp_path / "pics", extras=2, start=7, prefix=prefix)]
        rows[3].sell_point, rows[3].seller_cids = "透气舒适", "1001,1002"
        rows[4].approve_status = "instock"
        return rows

    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        client = client_for(sim, sim.issue_session())
        for prefix, publisher in (("ADD", "item.add"), ("SCH", "schema")):
            rows = sheet(prefix)
            run = make_engine(client, journal, rows, settings=UploadSettings(
                publisher=publisher, reconcile_delay=0.2))
            assert run.engine.run(run.engine.prepare(rows, {})).created == 5
        items = items_by_outer_id(sim)
        for add, schema in zip(sheet("ADD"), sheet("SCH"), strict=True):
            a, s = items[add.key][0], items[schema.key][0]
            assert s["market"] == "taobao"
            assert "market" not in a
            for name in SAME:
                assert a.get(name) == s.get(name), (add.key, name)
            # the schema's freight field defaults to 卖家承担, which item.add means without one
            assert (a.get("freight_payer") or "seller") == s["freight_payer"]
            assert [(k["properties"], k["quantity"], k["price"]) for k in a["skus"]] == [
                (k["properties"], k["quantity"], k["price"]) for k in s["skus"]]
            assert [(k["outer_id"] or "").replace("ADD", "SCH") for k in a["skus"]] == [
                k["outer_id"] or "" for k in s["skus"]]
            assert len(a["item_imgs"]) == len(s["item_imgs"]) == len(add.images) - 1
            assert sorted((i["properties"], i["url"]) for i in a["prop_imgs"]) == sorted(
                (i["properties"], i["url"]) for i in s["prop_imgs"])  # the same space pictures
