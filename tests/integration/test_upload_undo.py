"""Undo a run against the simulator: take down what it created, put it back, delete it; the
journal records each item and a rerun never lists a taken-down item again unless asked."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from app.simulator import Simulator, SimulatorConfig
from app.upload.journal import Journal, Scope, Shelf
from app.upload.plan import Action
from app.upload.runs_text import run_row
from app.upload.settings import UploadSettings
from app.upload.undo import ItemDone, Undo, UndoAction, pending
from tests.upload_kit import calls, client_for, door, make_engine, make_products

SCOPE = Scope("demo_shop", "local", "sheet-1", "商品.xlsx")


def methods(sim: Simulator, since: int = 0) -> Counter[str]:
    return Counter(c["method"] for c in calls(sim)[since:])


def shelf_of(sim: Simulator) -> dict[str, str]:
    return {i["outer_id"]: i["approve_status"] for i in door(sim, "items")["items"]}


def upload(sim: Simulator, journal: Journal, products: list, publisher: str) -> Any:
    client = client_for(sim, sim.issue_session())
    run = make_engine(client, journal, products, scope=SCOPE, settings=UploadSettings(
        publisher=publisher, reconcile_delay=0.2))
    plan = run.engine.prepare(products, {})
    return plan, run.engine.run(plan), client


def test_undo_takes_down_relists_and_deletes_and_a_rerun_leaves_them_alone(
        tmp_path: Path) -> None:
    first = make_products(4, tmp_path / "pics")
    second = make_products(2, tmp_path / "pics", start=10)
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        _, s1, client = upload(sim, journal, first, "schema")
        _, s2, _ = upload(sim, journal, [*first, *second], "schema")
        assert (s1.created, s2.created) == (4, 2)
        run1, run2 = sorted(r.id for r in journal.run_list("demo_shop", "local"))
        info = journal.run_info(run1)
        assert info is not None
        assert (info.created, info.on_shelf) == (4, 4)
        assert (info.sheet_name, info.publisher, info.counts["created"]) == (
            "商品.xlsx", "schema", 4)
        assert "新建 4" in run_row(info).counts
        undo = Undo(client, journal, "demo_shop", "local", publish_path="schema")
        assert len(pending(journal, info, UndoAction.TAKE_DOWN)) == 4
        before = len(calls(sim))
        summary = undo.run(run1, UndoAction.TAKE_DOWN)
        assert (summary.done, summary.left, summary.failed) == (4, 0, [])
        assert methods(sim, before) == {"alibaba.item.operate.downshelf": 4}
        status = shelf_of(sim)
        assert [status[p.key] for p in first] == ["instock"] * 4
        assert [status[p.key] for p in second] == ["onsale"] * 2  # the other run's: untouched
        assert {journal.get(SCOPE, p.key).shelf for p in first} == {Shelf.TAKEN_DOWN}
        # a rerun (even with an edit) never puts them back or sends anything for them
        first[0].title = "改了标题 撤销后"
        before = len(calls(sim))
        plan, again, _ = upload(sim, journal, [*first, *second], "schema")
        assert [w.action for w in plan.works] == [Action.SKIP] * 6
        assert "已撤销上架（第 1 次上架，宝贝ID" in plan.works[0].reasons[0]
        assert "重新上架" in plan.works[0].reasons[0]
        assert not methods(sim, before) - Counter({"taobao.items.custom.get": 9})
        assert again.skipped == 4
        assert again.listed == 2
        assert [shelf_of(sim)[p.key] for p in first] == ["instock"] * 4
        # put back: the same items on sale again; then the rerun sends the title edit
        summary = undo.run(run1, UndoAction.RELIST)
        assert summary.done == 4
        assert [shelf_of(sim)[p.key] for p in first] == ["onsale"] * 4
        plan, again, _ = upload(sim, journal, [*first, *second], "schema")
        assert [w.action for w in plan.works][:2] == [Action.UPDATE, Action.SKIP]
        assert journal.run_info(run1).on_shelf == 4
        # delete: gone for good; a rerun still does not list them again
        summary = undo.run(run1, UndoAction.DELETE)
        assert summary.done == 4
        assert [shelf_of(sim)[p.key] for p in first] == ["deleted"] * 4
        plan, _, _ = upload(sim, journal, [*first, *second], "schema")
        assert [w.action for w in plan.works] == [Action.SKIP] * 6
        assert "已删除" in plan.works[0].reasons[0]
        assert sum(1 for i in door(sim, "items")["items"]) == 6  # nothing listed twice
        kinds = [r.kind for r in journal.run_list("demo_shop", "local")]
        assert kinds[:5] == ["upload", "delete", "upload", "relist", "upload"]
        assert journal.run_info(run2).on_shelf == 2


def test_an_item_add_shop_is_delisted_and_relisted_with_its_stock(tmp_path: Path) -> None:
    products = make_products(3, tmp_path / "pics")
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        _, _summary, client = upload(sim, journal, products, "item.add")
        run_id = journal.run_list()[0].id
        undo = Undo(client, journal, "demo_shop", "local", publish_path="item.add")
        before = len(calls(sim))
        undo.run(run_id, UndoAction.TAKE_DOWN)
        undo.run(run_id, UndoAction.RELIST)
        assert methods(sim, before) == {"taobao.item.update.delisting": 3,
                                        "taobao.item.update.listing": 3}
        items = {i["outer_id"]: i for i in door(sim, "items")["items"]}
        assert [(items[p.key]["approve_status"], items[p.key]["num"]) for p in products] == [
            ("onsale", p.num) for p in products]


def test_an_undo_interrupted_halfway_continues_with_the_rest(tmp_path: Path) -> None:
    products = make_products(6, tmp_path / "pics")
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        _, _, client = upload(sim, journal, products, "schema")
        run_id = journal.run_list()[0].id
        undo = Undo(client, journal, "demo_shop", "local", publish_path="schema")

        def stop_after_two(done: ItemDone) -> None:
            if done.done == 2:
                undo.cancel()

        before = len(calls(sim))
        first = undo.run(run_id, UndoAction.TAKE_DOWN, stop_after_two)
        assert (first.done, first.left) == (2, 4)
        assert "再次执行同一操作会继续" in first.text()
        # a crash between journaling and the call: the item stays down_sent, sent again safely
        waiting = [i for i in journal.run_items("demo_shop", "local", run_id) if i.shelf is None]
        journal.set_shelf("demo_shop", "local", waiting[0].num_iid, Shelf.DOWN_SENT)
        second = Undo(client, journal, "demo_shop", "local", publish_path="schema").run(
            run_id, UndoAction.TAKE_DOWN)
        assert (second.total, second.done, second.left) == (4, 4, 0)
        assert methods(sim, before) == {"alibaba.item.operate.downshelf": 6}
        assert set(shelf_of(sim).values()) == {"instock"}
        assert pending(journal, journal.run_info(run_id), UndoAction.TAKE_DOWN) == []


def test_the_other_family_is_used_when_the_shops_one_is_refused(tmp_path: Path) -> None:
    products = make_products(3, tmp_path / "pics")
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        _, _, client = upload(sim, journal, products, "schema")
        sim.set_faults(deny_api=[{"method": "alibaba.item.operate.downshelf", "code": 11}])
        run_id = journal.run_list()[0].id
        before = len(calls(sim))
        summary = Undo(client, journal, "demo_shop", "local", publish_path="schema").run(
            run_id, UndoAction.TAKE_DOWN)
        assert summary.done == 3
        assert methods(sim, before) == {"alibaba.item.operate.downshelf": 1,
                                        "taobao.item.update.delisting": 3}
        assert set(shelf_of(sim).values()) == {"instock"}


def test_an_item_deleted_by_hand_is_recorded_as_deleted(tmp_path: Path) -> None:
    products = make_products(2, tmp_path / "pics")
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        _, summary, client = upload(sim, journal, products, "schema")
        gone = summary.outcomes[products[0].row].num_iid
        client.delete_item(gone)  # in 千牛, say
        run_id = journal.run_list()[0].id
        result = Undo(client, journal, "demo_shop", "local", publish_path="schema").run(
            run_id, UndoAction.TAKE_DOWN)
        assert (result.done, result.gone, result.failed) == (1, 1, [])
        assert journal.get(SCOPE, products[0].key).shelf is Shelf.DELETED
