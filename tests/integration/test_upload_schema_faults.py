"""The schema path under faults, kills and hostile answers: every product is listed exactly
once and complete (extra pictures in the submit, colour pictures after it); a schema the app
cannot use gives that row a clear Chinese error, never a crash."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from app.catalog.model import Product
from app.simulator import Simulator, SimulatorConfig
from app.upload.events import RowStatus, StopReason
from app.upload.journal import Journal, RowState, Scope
from app.upload.settings import UploadSettings
from tests.upload_kit import (
    calls,
    client_for,
    door,
    items_by_outer_id,
    kill_at_random_moments,
    make_engine,
    make_products,
    until_it_ends,
    variant_products,
)

SCOPE = Scope("demo_shop", "local", "sheet-1")
ROOT = Path(__file__).resolve().parents[2]
SUBMIT = "alibaba.item.publish.submit"
SCHEMA = UploadSettings(publisher="schema", reconcile_delay=0.2)
BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                  '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
                  '<itemSchema><field id="title" name="&lol3;" type="input"/></itemSchema>')
HOSTILE = {
    "entity expansion": BILLION_LAUGHS,
    "external entity": ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM '
                        '"file:///etc/passwd">]><itemSchema><field id="title" name="&e;" '
                        'type="input"/></itemSchema>'),
    "unknown field type": ('<itemSchema><field id="title" name="宝贝标题" type="slider"/>'
                           '</itemSchema>'),
    "rule without a value": ('<itemSchema><field id="title" name="宝贝标题" type="input">'
                             '<rules><rule name="maxLengthRule"/></rules></field></itemSchema>'),
    "not xml": "<itemSchema><field id=",
}


def run_once(sim: Simulator, journal: Journal, products: list, **kw: object):
    client = client_for(sim, sim.issue_session())
    run = make_engine(client, journal, products, **kw)  # type: ignore[arg-type]
    plan = run.engine.prepare(products, {})
    return run, plan, run.engine.run(plan)


def methods(sim: Simulator, since: int = 0) -> Counter[str]:
    return Counter(c["method"] for c in calls(sim)[since:])


def assert_complete(sim: Simulator, products: list[Product]) -> None:
    """Each product one item through the schema API, with its pictures and colours."""
    items = items_by_outer_id(sim)
    assert sorted(items) == sorted(p.key for p in products)
    for p in products:
        assert len(items[p.key]) == 1, f"{p.key} listed {len(items[p.key])} times"
        item = items[p.key][0]
        assert item["market"] == "taobao"
        assert len(item["item_imgs"]) == len(p.images) - 1
        colours = {s.properties.split(";")[0] for s in p.skus if s.image is not None}
        assert {i["properties"] for i in item["prop_imgs"]} == colours
        assert len(item["prop_imgs"]) == len(colours)
        assert item["desc"].count("<img ") == len(p.detail_images)


def test_faults_during_schema_submits_every_product_once(tmp_path: Path) -> None:
    """Submits that created the item and lost the answer, an isp.* that committed, a dropped
    and a 502 picture upload, a dropped colour picture: each product one item, complete."""
    products = [*variant_products(6, tmp_path / "pics"),
                *make_products(3, tmp_path / "pics", extras=2, start=50)]
    script = [
        {"method": SUBMIT, "fault": "create_then_drop"},
        {"method": "taobao.picture.upload", "fault": "drop"},
        {"method": SUBMIT, "fault": "isp", "commit": True},
        {"method": "taobao.picture.upload", "fault": "http502"},
        {"method": SUBMIT, "fault": "drop"},
        {"method": "taobao.item.joint.propimg", "fault": "drop"},
        {"method": SUBMIT, "fault": "isp"},  # not committed: sent again after the lookup
        {"method": SUBMIT, "fault": "create_then_drop"},
    ]
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        sim.set_faults(script=script)
        _, _, summary = run_once(sim, journal, products, settings=UploadSettings(
            workers=3, reconcile_delay=0.2, publisher="schema"))
        assert summary.stop_reason is StopReason.COMPLETED
        assert (summary.listed, summary.failed) == (9, 0), summary.outcomes
        assert door(sim, "faults")["faults"]["script"] == []  # every fault happened
        assert_complete(sim, products)
        assert all(r.state is RowState.LISTED and r.extras_done == r.extras_total
                   for r in journal.rows(SCOPE).values())
        assert methods(sim)["taobao.item.img.upload"] == 0


def _child(sim: Simulator, session: str, tmp_path: Path, rows: int, workers: int = 2
           ) -> list[str]:
    return [sys.executable, "-m", "tests.upload_child", sim.router_url, session,
            str(tmp_path / "j.db"), str(tmp_path / "pics"), str(rows), str(workers), "schema"]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX; CI runs on Linux")
def test_killed_while_a_submit_hangs_the_rerun_finds_the_item_and_never_resends(
        tmp_path: Path) -> None:
    with Simulator(SimulatorConfig()) as sim:
        sim.set_faults(script=[{"method": SUBMIT, "fault": "delay", "ms": 3000}])
        session = sim.issue_session()
        proc = subprocess.Popen(_child(sim, session, tmp_path, 1, 1), env=_env(), cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        try:
            while door(sim, "faults")["faults"]["script"]:  # the submit has reached the server
                assert proc.poll() is None, "the child ended before its submit"
                assert time.monotonic() < deadline
                time.sleep(0.02)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        while not items_by_outer_id(sim):  # the hung submit creates the item all the same
            assert time.monotonic() < deadline
            time.sleep(0.05)
        before = len(calls(sim))
        done = subprocess.run(_child(sim, session, tmp_path, 1, 1), env=_env(), cwd=ROOT,
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        sent = methods(sim, before)
        assert SUBMIT not in sent  # found by its 商家编码, not sent again
        assert sent["taobao.items.custom.get"] == 1
        assert methods(sim)[SUBMIT] == 1
        assert_complete(sim, variant_products(1, tmp_path / "pics"))


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX; CI runs on Linux")
def test_killed_at_random_moments_during_schema_submits_every_product_once(
        tmp_path: Path) -> None:
    rng = random.Random(21)
    cfg = SimulatorConfig(latency_ms=40, create_then_drop_rate=0.03, drop_rate=0.03, seed=8)
    with Simulator(cfg) as sim:
        cmd = _child(sim, sim.issue_session(), tmp_path, 16)
        kills = kill_at_random_moments(
            lambda: subprocess.Popen(cmd, env=_env(), cwd=ROOT, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL),
            lambda: len(calls(sim)), rng, kills=12, tries=40, first_call_within=60)
        assert kills >= 8
        final = until_it_ends(lambda: subprocess.run(
            cmd, env=_env(), cwd=ROOT, capture_output=True, text=True, timeout=240, check=False))
        assert final.returncode == 0, final.stderr
        assert_complete(sim, variant_products(16, tmp_path / "pics"))
        print(f"kills {kills}, submits {methods(sim)[SUBMIT]}, calls {len(calls(sim))}")


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_or_broken_schema_fails_its_row_clearly_and_the_run_goes_on(
        tmp_path: Path, kind: str) -> None:
    products = make_products(2, tmp_path / "pics")
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        sim.set_faults(script=[{"method": "alibaba.item.publish.schema.get", "fault": "result",
                                "result": HOSTILE[kind]}])
        _, _, summary = run_once(sim, journal, products, settings=UploadSettings(
            workers=1, publisher="schema"))
        assert summary.stop_reason is StopReason.COMPLETED
        bad, good = (summary.outcomes[p.row] for p in products)
        assert (bad.status, bad.kind) == (RowStatus.FAILED, "transient")
        assert bad.message.startswith("淘宝返回的发布规则无法使用：")  # what and what to do
        assert "请稍后重试" in bad.message
        assert good.status is RowStatus.LISTED  # the schema is read again for the next row
        assert sorted(items_by_outer_id(sim)) == [products[1].key]
        assert methods(sim)[SUBMIT] == 1
        _, _, again = run_once(sim, journal, products, settings=SCHEMA)  # later: it goes
        assert again.created == 1
        assert all(len(found) == 1 for found in items_by_outer_id(sim).values())


def test_a_hostile_edit_schema_leaves_the_item_as_it_is(tmp_path: Path) -> None:
    products = make_products(2, tmp_path / "pics")
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        run_once(sim, journal, products, settings=SCHEMA)
        for p in products:
            p.title = p.title + " 新款"
        sim.set_faults(script=[{"method": "alibaba.item.edit.schema.get", "fault": "result",
                                "result": BILLION_LAUGHS}])
        _, _, summary = run_once(sim, journal, products, settings=UploadSettings(
            workers=1, publisher="schema"))
        bad, good = (summary.outcomes[p.row] for p in products)
        assert bad.status is RowStatus.FAILED
        assert bad.message.startswith(f"商品已上架（{bad.num_iid}），但修改没有发送：淘宝返回的")
        assert good.status is RowStatus.LISTED
        items = items_by_outer_id(sim)
        assert items[products[0].key][0]["title"] == "夏季纯棉短袖T恤 款1"
        assert items[products[1].key][0]["title"] == "夏季纯棉短袖T恤 款2 新款"
        assert journal.get(SCOPE, products[0].key or "").state is RowState.LISTED
