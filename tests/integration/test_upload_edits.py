"""Edits of listed rows reach Taobao (the simulator's item, at its test door): each kind of
change through its call, exactly what was sent recorded, and what cannot be sent said per row."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.catalog.model import ImageRef, ImageSource, Sku
from app.simulator import Simulator, SimulatorConfig
from app.upload.edits import NO_EDIT_API
from app.upload.events import RowStatus
from app.upload.journal import Journal, RowState, Scope
from app.upload.plan import Action
from app.upload.settings import UploadSettings
from tests.upload_kit import (
    calls,
    client_for,
    door,
    items_by_outer_id,
    make_engine,
    make_products,
    picture_file,
    variant_products,
)

SCOPE = Scope("demo_shop", "local", "sheet-1")
SCHEMA = UploadSettings(publisher="schema", reconcile_delay=0.2)


def run_once(sim: Simulator, journal: Journal, products: list, **kw: object):
    client = client_for(sim, sim.issue_session())
    run = make_engine(client, journal, products, **kw)  # type: ignore[arg-type]
    plan = run.engine.prepare(products, {})
    return run, plan, run.engine.run(plan)


def methods(sim: Simulator, since: int = 0) -> Counter[str]:
    return Counter(c["method"] for c in calls(sim)[since:])


def item(sim: Simulator, key: str | None) -> dict[str, Any]:
    (found,) = items_by_outer_id(sim)[key]
    return found


def space(sim: Simulator) -> dict[str, str]:
    return {p["sha256"]: p["picture_path"] for p in door(sim, "pictures")["pictures"]}


def test_each_kind_of_edit_reaches_the_item(tmp_path: Path) -> None:
    pics = tmp_path / "pics"
    products = variant_products(7, pics)
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        run_once(sim, journal, products, settings=SCHEMA)
        before_items = {p.key: item(sim, p.key) for p in products}
        title, prices, sizes, pictures, desc, colour, other = products
        title.title = "纯棉短袖T恤 新标题"
        for sku in prices.skus:  # SKU prices and stock (same combinations)
            sku.price, sku.quantity = Decimal("69.90"), 9
        prices.price, prices.num = Decimal("69.90"), 9 * len(prices.skus)
        sizes.skus = [s for s in sizes.skus if not s.properties.endswith("28315")]
        sizes.props = "1627207:28320;1627207:28341;20509:28314"
        sizes.num = sum(s.quantity or 0 for s in sizes.skus)
        new_main = ImageRef(ImageSource.PATH, str(picture_file(pics, "new_main.jpg", 4242)))
        extra = ImageRef(ImageSource.PATH, str(picture_file(pics, "new_extra.jpg", 4343)))
        pictures.images = [new_main, extra]
        desc.desc = "新的描述：更厚实"
        desc.detail_images = [ImageRef(ImageSource.PATH, str(picture_file(pics, "nd.jpg", 77)))]
        red = ImageRef(ImageSource.PATH, str(picture_file(pics, "red.jpg", 4545)))
        colour.skus = [Sku(s.properties, s.quantity, s.price, values=s.values, row=s.row,
                           image=red if s.properties.startswith("1627207:28320") else s.image)
                       for s in colour.skus]
        other.sell_point = "透气舒适"
        other.location_state, other.location_city = "广东", "广州"
        before = len(calls(sim))
        _, plan, summary = run_once(sim, journal, products, settings=SCHEMA)
        assert [w.action for w in plan.works] == [Action.UPDATE] * 7
        assert summary.updated == 7
        assert all(o.status is RowStatus.LISTED and o.unsent == ()
                   for o in summary.outcomes.values()), summary.outcomes
        sent = methods(sim, before)
        assert sent["alibaba.item.edit.fastupdate"] == 1  # the SKU prices and stock
        assert sent["alibaba.item.edit.submit"] == 5  # title, sizes, pictures, desc, other
        assert sent["alibaba.item.edit.schema.get"] == 5
        assert sent["taobao.item.joint.propimg"] == 1  # the one colour whose picture changed
        assert sent["alibaba.item.publish.submit"] == 0
        now = {p.key: item(sim, p.key) for p in products}
        assert now[title.key]["title"] == "纯棉短袖T恤 新标题"
        assert [(s["price"], s["quantity"]) for s in now[prices.key]["skus"]] == [
            ("69.90", 9)] * 4
        assert (now[prices.key]["price"], now[prices.key]["num"]) == ("69.90", 36)
        assert sorted(s["properties"] for s in now[sizes.key]["skus"]) == [
            "1627207:28320;20509:28314", "1627207:28341;20509:28314"]
        assert "20509:28315" not in now[sizes.key]["props"]
        by_sha = space(sim)
        assert now[pictures.key]["pic_path"] != before_items[pictures.key]["pic_path"]
        assert now[pictures.key]["pic_path"] in by_sha.values()
        assert len(now[pictures.key]["item_imgs"]) == 1
        assert now[desc.key]["desc"].startswith("<p>新的描述：更厚实</p>")
        assert now[desc.key]["desc"].count("<img ") == 1
        urls = {i["properties"]: i["url"] for i in now[colour.key]["prop_imgs"]}
        assert urls["1627207:28320"] != {
            i["properties"]: i["url"] for i in before_items[colour.key]["prop_imgs"]
        }["1627207:28320"]
        assert now[other.key]["sell_point"] == "透气舒适"
        assert now[other.key]["location"] == {"state": "广东", "city": "广州"}
        # everything else stayed: the title of an item whose SKUs changed, its SKU ids
        assert now[prices.key]["title"] == before_items[prices.key]["title"]
        assert [s["sku_id"] for s in now[prices.key]["skus"]] == [
            s["sku_id"] for s in before_items[prices.key]["skus"]]
        # recorded exactly: the next run has nothing to send
        _, plan, again = run_once(sim, journal, products, settings=SCHEMA)
        assert [w.action for w in plan.works] == [Action.SKIP] * 7
        assert again.calls == 0
        sent_copy = journal.get(SCOPE, title.key or "").sent
        assert sent_copy is not None
        assert sent_copy["title"] == "纯棉短袖T恤 新标题"


def test_a_change_that_cannot_be_sent_is_said_per_row(tmp_path: Path) -> None:
    products = make_products(2, tmp_path / "pics")
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        run_once(sim, journal, products, settings=SCHEMA)
        products[0].cid = 50000436  # another leaf: no edit may move it
        products[0].title = "改了标题 T恤"
        _, _plan, summary = run_once(sim, journal, products, settings=SCHEMA)
        outcome = summary.outcomes[products[0].row]
        assert outcome.status is RowStatus.LISTED
        assert outcome.unsent == ("类目（已上架的商品不能用本程序换类目，请在千牛里修改，"
                                  "或换一个商家编码作为新商品上架）",)
        assert "以下修改未同步到淘宝：类目（" in outcome.message
        assert item(sim, products[0].key)["title"] == "改了标题 T恤"  # the rest went
        assert item(sim, products[0].key)["cid"] == 50000671


def test_without_edit_permission_price_and_stock_go_the_classic_way_the_rest_is_said(
        tmp_path: Path) -> None:
    products = make_products(2, tmp_path / "pics")
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        run_once(sim, journal, products)  # an item.add shop
        sim.set_faults(deny_api=[{"method": m, "code": 11} for m in (
            "alibaba.item.edit.schema.get", "alibaba.item.edit.submit",
            "alibaba.item.edit.fastupdate", "alibaba.item.publish.schema.get")])
        for p in products:
            p.title = p.title + " 改"
            p.price, p.num = Decimal("39.90"), 3
        before = len(calls(sim))
        _, _, summary = run_once(sim, journal, products, settings=UploadSettings(workers=1))
        assert summary.stop_reason == "completed"
        for p in products:
            outcome = summary.outcomes[p.row]
            assert outcome.status is RowStatus.LISTED
            assert outcome.unsent == (f"标题（{NO_EDIT_API}）",)
            got = item(sim, p.key)
            assert (got["price"], got["num"], got["title"]) == ("39.90", 3, p.title[:-2])
        sent = methods(sim, before)
        assert sent["alibaba.item.edit.schema.get"] == 1  # tried once, remembered for the run
        assert (sent["taobao.item.price.update"], sent["taobao.item.quantity.update"]) == (2, 2)
        rec = journal.get(SCOPE, products[0].key or "")
        assert rec is not None
        assert rec.sent is not None
        assert (rec.sent["price"], rec.sent["num"]) == ("39.90", "3")
        assert rec.sent["title"] == "夏季纯棉短袖T恤 款1"  # not sent: not recorded


def test_an_edit_taobao_refuses_fails_the_row_keeps_it_listed_until_edited_again(
        tmp_path: Path) -> None:
    products = make_products(1, tmp_path / "pics")
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        run_once(sim, journal, products, settings=SCHEMA)
        products[0].title = "全网最低 T恤"  # a banned word: the server refuses it
        _, _, summary = run_once(sim, journal, products, settings=SCHEMA)
        outcome = summary.outcomes[products[0].row]
        assert outcome.status is RowStatus.FAILED
        assert outcome.message.startswith(f"商品已上架（{outcome.num_iid}），但修改没有发送：")
        assert journal.get(SCOPE, products[0].key or "").state is RowState.LISTED
        _, plan, again = run_once(sim, journal, products, settings=SCHEMA)
        assert plan.works[0].action is Action.SKIP
        assert "上次修改被淘宝拒绝且此行未再修改" in plan.works[0].reasons[0]
        assert again.calls == 0
        products[0].title = "夏季 T恤 新款"
        _, _, fixed = run_once(sim, journal, products, settings=SCHEMA)
        assert fixed.updated == 1
        assert item(sim, products[0].key)["title"] == "夏季 T恤 新款"
