"""Colour pictures (颜色图) after item.add, category errors at upload, and every product exactly
once with detail and colour pictures under faults and SIGKILL (engine against the simulator)."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from app.catalog.model import Product
from app.categories.cache import CategoryCache
from app.categories.service import CategoryService
from app.categories.source_itemprops import ItemPropsSource
from app.simulator import Simulator, SimulatorConfig
from app.upload.connection import category_hooks
from app.upload.engine import Engine
from app.upload.events import RowStatus, StopReason
from app.upload.journal import Journal, RowState, Scope
from app.upload.plan import Action
from app.upload.session import StaticSession
from app.upload.settings import UploadSettings
from tests.upload_kit import (
    calls,
    client_for,
    door,
    file_preparer,
    items_by_outer_id,
    kill_at_random_moments,
    make_engine,
    make_products,
    until_it_ends,
    variant_products,
)

SCOPE = Scope("demo_shop", "local", "sheet-1")
ROOT = Path(__file__).resolve().parents[2]


def run_once(sim: Simulator, journal: Journal, products: list, **kw: object):
    client = client_for(sim, sim.issue_session())
    run = make_engine(client, journal, products, **kw)  # type: ignore[arg-type]
    plan = run.engine.prepare(products, {})
    return run, plan, run.engine.run(plan)


def methods(sim: Simulator, since: int = 0) -> Counter[str]:
    return Counter(c["method"] for c in calls(sim)[since:])


def space_by_sha(sim: Simulator) -> dict[str, str]:
    return {p["sha256"]: p["picture_path"] for p in door(sim, "pictures")["pictures"]}


def colour_urls(sim: Simulator, p: Product) -> dict[str, str]:
    """properties → the picture-space URL of the colour picture the sheet gave."""
    space = space_by_sha(sim)
    out = {}
    for sku in p.skus:
        assert sku.image is not None
        colour = sku.properties.split(";")[0]
        out[colour] = space[hashlib.sha256(Path(sku.image.location).read_bytes()).hexdigest()]
    return out


def assert_complete(sim: Simulator, products: list[Product]) -> None:
    """Each product is one item, with each colour's picture once and every detail picture."""
    items = items_by_outer_id(sim)
    assert sorted(items) == sorted(p.key for p in products)
    space = set(space_by_sha(sim).values())
    for p in products:
        assert len(items[p.key]) == 1, f"{p.key} listed {len(items[p.key])} times"
        item = items[p.key][0]
        got = {img["properties"]: img["url"] for img in item["prop_imgs"]}
        assert len(item["prop_imgs"]) == len(got) == 2
        assert set(got) == {"1627207:28320", "1627207:28341"}
        assert set(got.values()) <= space
        assert item["desc"].count("<img ") == len(p.detail_images)


def test_colour_pictures_are_attached_once_per_colour(tmp_path: Path) -> None:
    products = variant_products(3, tmp_path / "pics", colours=3)
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        _, _, summary = run_once(sim, journal, products)
        assert (summary.listed, summary.failed) == (3, 0)
        sent = methods(sim)
        assert sent["taobao.item.joint.propimg"] == 3 * 3  # 6 SKUs, 3 colours each
        assert sent["taobao.picture.upload"] == 3 * (2 + 3) + 1
        items = items_by_outer_id(sim)
        for p in products:
            got = {img["properties"]: img["url"] for img in items[p.key][0]["prop_imgs"]}
            assert got == colour_urls(sim, p)
        assert all(r.extras_done == r.extras_total == 3 for r in journal.rows(SCOPE).values())
        before = len(calls(sim))
        _, _, again = run_once(sim, journal, products)
        assert (again.listed, again.calls) == (3, 0)
        assert len(calls(sim)) == before


def test_a_colour_picture_that_fits_no_colour_fails_its_row_before_anything_is_sent(
        tmp_path: Path) -> None:
    products = variant_products(2, tmp_path / "pics", colours=1)
    for sku in products[1].skus:
        sku.properties = sku.properties.split(";")[1]  # sizes only: no colour to tie it to
    products[1].props = "20509:28314;20509:28315"
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        _, _, summary = run_once(sim, journal, products)
        outcome = summary.outcomes[products[1].row]
        assert outcome.status is RowStatus.FAILED
        assert "颜色图无法对应到颜色" in outcome.message
        assert set(items_by_outer_id(sim)) == {products[0].key}
        assert methods(sim)["taobao.item.add"] == 1


def _child(sim: Simulator, session: str, tmp_path: Path, rows: int,
           workers: int = 2) -> list[str]:
    return [sys.executable, "-m", "tests.upload_child", sim.router_url, session,
            str(tmp_path / "j.db"), str(tmp_path / "pics"), str(rows), str(workers)]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _extras_done(db: Path, key: str) -> int:
    if not db.exists():
        return 0
    con = sqlite3.connect(db, timeout=5)
    try:
        row = con.execute("SELECT extras_done FROM rows WHERE key=?", (key,)).fetchone()
    except sqlite3.OperationalError:  # the child has not made the tables yet
        row = None
    con.close()
    return row[0] if row else 0


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX; CI runs on Linux")
def test_killed_between_the_colour_pictures_the_rerun_attaches_only_the_rest(
        tmp_path: Path) -> None:
    key = "VAR-00001"
    with Simulator(SimulatorConfig()) as sim:
        # the second colour picture's call hangs: the process is killed while it waits
        propimg = "taobao.item.joint.propimg"
        sim.set_faults(script=[{"method": propimg, "fault": "delay", "ms": 0},
                               {"method": propimg, "fault": "delay", "ms": 3000}])
        session = sim.issue_session()
        proc = subprocess.Popen(_child(sim, session, tmp_path, 1, 1), env=_env(), cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        try:
            # the second call has reached the server (its script entry is taken) and hangs
            while (door(sim, "faults")["faults"]["script"]
                   or _extras_done(tmp_path / "j.db", key) < 1):
                assert proc.poll() is None, "the child ended before its second colour picture"
                assert time.monotonic() < deadline
                time.sleep(0.02)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        while methods(sim)[propimg] < 2:  # the hung call ends on the server all the same
            assert time.monotonic() < deadline
            time.sleep(0.05)
        before = len(calls(sim))
        done = subprocess.run(_child(sim, session, tmp_path, 1, 1), env=_env(), cwd=ROOT,
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        assert methods(sim, before) == {propimg: 1}  # only the rest: no add, no upload
        assert methods(sim)["taobao.item.add"] == 1
        assert_complete(sim, variant_products(1, tmp_path / "pics"))


def test_faults_every_product_once_with_detail_and_colour_pictures(tmp_path: Path) -> None:
    """Adds that created the item and lost the answer, dropped and 502 picture uploads, a
    dropped colour picture, an isp.* that committed: each product one item, complete."""
    products = variant_products(8, tmp_path / "pics")
    script = [
        {"method": "taobao.item.add", "fault": "create_then_drop"},
        {"method": "taobao.picture.upload", "fault": "drop"},
        {"method": "taobao.picture.upload", "fault": "delay", "ms": 0},
        {"method": "taobao.picture.upload", "fault": "http502"},
        {"method": "taobao.item.joint.propimg", "fault": "drop"},
        {"method": "taobao.item.add", "fault": "delay", "ms": 0},
        {"method": "taobao.item.add", "fault": "isp", "commit": True},
        {"method": "taobao.item.joint.propimg", "fault": "isp", "commit": True},
        {"method": "taobao.item.add", "fault": "create_then_drop"},
    ]
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        sim.set_faults(script=script)
        _, _, summary = run_once(sim, journal, products,
                                 settings=UploadSettings(workers=3, reconcile_delay=0.2))
        assert summary.stop_reason is StopReason.COMPLETED
        assert (summary.listed, summary.failed) == (8, 0)
        assert_complete(sim, products)
        assert all(r.state is RowState.LISTED and r.extras_done == 2
                   for r in journal.rows(SCOPE).values())


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX; CI runs on Linux")
def test_killed_at_random_moments_every_product_once_and_complete(tmp_path: Path) -> None:
    rng = random.Random(12)
    cfg = SimulatorConfig(latency_ms=40, create_then_drop_rate=0.03, drop_rate=0.03, seed=3)
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
        print(f"kills {kills}, calls {len(calls(sim))}")


def test_a_category_error_at_upload_marks_the_leaf_stale_and_says_what_to_do(
        tmp_path: Path) -> None:
    frozen = 50013061  # 肉类零食: publishing frozen in the simulator
    products = make_products(3, tmp_path / "pics")
    products[1].cid = frozen
    products[2].title = "全网最低 T恤"  # a row error that is not about the category
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        client = client_for(sim, sim.issue_session())
        cache = CategoryCache("demo_shop", "local")
        service = CategoryService(cache, ItemPropsSource(client))
        service.rules(frozen)
        service.ensure_path(frozen)
        service.rules(50000671)
        assert cache.load_rules(frozen) is not None
        colour_pid, on_category_error = category_hooks("demo_shop", "local")
        assert colour_pid(50000671) == 1627207  # by the cached rules' flags
        engine = Engine(client, journal, SCOPE, UploadSettings(reconcile_delay=0.2),
                        sessions=StaticSession(client.session or ""),
                        preparer=file_preparer(products), colour_pid=colour_pid,
                        on_category_error=on_category_error)
        plan = engine.prepare(products, {})
        assert [w.action for w in plan.works] == [Action.CREATE] * 3
        summary = engine.run(plan)
        refused = summary.outcomes[products[1].row]
        assert refused.status is RowStatus.FAILED
        assert refused.sub_code == "isv.invalid-parameter:category-frozen"
        assert f"淘宝不接受这一行的类目（{frozen}）" in refused.message
        assert "请在表格里把「类目」改成一个可用的叶子类目" in refused.message
        assert cache.load_rules(frozen) is None  # read again next time
        assert cache.load_tree().fetched.get(frozen) is None
        assert cache.load_rules(50000671) is not None  # a title refusal touches nothing
        banned = summary.outcomes[products[2].row]
        assert banned.status is RowStatus.FAILED
        assert "改成一个可用的叶子类目" not in banned.message
        assert summary.outcomes[products[0].row].status is RowStatus.LISTED
