"""Resuming and the less common paths: update mode, items listed by other means, a crash between
item.add and the extra pictures, token refresh mid-run, pause/resume."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from app.catalog.keys import assign_keys
from app.catalog.model import ImageRef, ImageSource
from app.credentials.store import CredentialStore
from app.credentials.tokens import TokenManager
from app.excel.reader import sheet_identity
from app.simulator import Simulator, SimulatorConfig
from app.top.client import TopConfig
from app.top.oauth import OAuthClient, TokenSet
from app.upload.console import summary_text
from app.upload.events import (
    PauseReason,
    RowListed,
    RowStatus,
    RunPaused,
    RunResumed,
    StopReason,
)
from app.upload.journal import Journal, RowState, Scope
from app.upload.pictures import default_preparer
from app.upload.plan import Action
from app.upload.results import report_rows
from app.upload.runlock import RunLockedError
from app.upload.session import TokenManagerSessions
from app.upload.settings import UploadSettings
from tests.keyring_memory import MemoryKeyring
from tests.upload_kit import (
    SECRET,
    calls,
    client_for,
    items_by_outer_id,
    make_engine,
    make_products,
    picture_file,
)

SCOPE = Scope("demo_shop", "local", "sheet-1")
REDIRECT = "http://127.0.0.1:9/callback"


def run_once(sim: Simulator, journal: Journal, products: list, **kw: object):
    client = client_for(sim, sim.issue_session())
    run = make_engine(client, journal, products, **kw)  # type: ignore[arg-type]
    plan = run.engine.prepare(products, {})
    return run, plan, run.engine.run(plan)


def test_a_rerun_sends_the_edits_price_and_stock_light_the_title_through_the_schema(
        tmp_path: Path) -> None:
    products = make_products(4, tmp_path / "pics")
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        run_once(sim, journal, products)
        products[0].price = Decimal("49.90")
        products[1].num = 7
        products[2].title = "改了标题 T恤"
        before = len(calls(sim))
        _, plan, summary = run_once(sim, journal, products)
        assert [w.action for w in plan.works] == [Action.UPDATE, Action.UPDATE, Action.UPDATE,
                                                  Action.SKIP]
        assert [w.edits for w in plan.works] == [("price",), ("num",), ("title",), ()]
        assert summary.updated == 3
        assert summary.listed == 4
        assert all(o.unsent == () for o in summary.outcomes.values())
        sent = Counter(c["method"] for c in calls(sim)[before:])
        assert sent == {"taobao.item.price.update": 1, "taobao.item.quantity.update": 1,
                        "alibaba.item.edit.schema.get": 1, "alibaba.item.edit.submit": 1}
        items = items_by_outer_id(sim)
        assert Decimal(str(items[products[0].key][0]["price"])) == Decimal("49.90")
        assert int(items[products[1].key][0]["num"]) == 7
        assert items[products[2].key][0]["title"] == "改了标题 T恤"
        assert items[products[2].key][0]["num"] == products[2].num  # the rest kept
        # the journal now holds the new values: a second run sends nothing
        _, _, again = run_once(sim, journal, products)
        assert again.calls == 0


def test_items_listed_by_other_means_are_found_not_duplicated(tmp_path: Path) -> None:
    products = make_products(45, tmp_path / "pics")
    with Simulator(SimulatorConfig()) as sim:
        with Journal(tmp_path / "other.db") as elsewhere:  # e.g. another PC, or a moved sheet
            run_once(sim, elsewhere, products[:10])
        before = len(calls(sim))
        with Journal(tmp_path / "j.db") as journal:
            run, _, summary = run_once(sim, journal, products)
            assert summary.listed == 45
            assert summary.created == 35
            assert summary.lookup_calls == 2  # 45 unknown keys, 40 per call
            assert all(r.state is RowState.LISTED for r in journal.rows(SCOPE).values())
        sent = Counter(c["method"] for c in calls(sim)[before:])
        assert sent == {"taobao.items.custom.get": 2, "taobao.item.add": 35}
        assert all(len(v) == 1 for v in items_by_outer_id(sim).values())
        # with the lookup off (setting), unknown rows would be created: the count is the point
        assert run.engine.lookup_calls == 2


def test_no_lookup_on_a_renamed_copy_of_the_sheet_lists_nothing_again(tmp_path: Path) -> None:
    """--no-lookup skips only the remote lookup: what this shop's journal knows is listed stays
    listed whatever the sheet file is called (商品.xlsx copied to 商品(1).xlsx)."""
    products = make_products(6, tmp_path / "pics")
    original = Scope("demo_shop", "local", sheet_identity(tmp_path / "商品.xlsx", "Sheet1"))
    copy = Scope("demo_shop", "local", sheet_identity(tmp_path / "商品(1).xlsx", "Sheet1"))
    assert original.sheet != copy.sheet
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        run_once(sim, journal, products[:4], scope=original)
        before = len(calls(sim))
        _, plan, summary = run_once(sim, journal, products, scope=copy,
                                    settings=UploadSettings(lookup_unknown=False))
        assert [w.action for w in plan.works] == [Action.SKIP] * 4 + [Action.CREATE] * 2
        assert (summary.listed, summary.created, summary.lookup_calls) == (6, 2, 0)
        sent = Counter(c["method"] for c in calls(sim)[before:])
        assert sent == {"taobao.item.add": 2}
        assert all(len(v) == 1 for v in items_by_outer_id(sim).values())
        assert len(items_by_outer_id(sim)) == 6
        assert set(journal.rows(copy)) == {p.key for p in products}  # shown under the copy


def test_shop_code_filled_in_after_listing_is_recognised_not_listed_again(
        tmp_path: Path) -> None:
    """Rows listed without 商家编码 get a generated key; the user then fills 商家编码 in (as
    `check` advises): the same title + category is the same item, not a new one."""
    products = make_products(3, tmp_path / "pics")
    for p in products:
        p.outer_id = None
    assign_keys(products)
    generated = [p.key for p in products]
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        run_once(sim, journal, products)
        items = items_by_outer_id(sim)
        assert sorted(items) == sorted(generated)
        for n, p in enumerate(products):
            p.outer_id = f"WHITE-{n}"
        assign_keys(products)
        before = len(calls(sim))
        kept = UploadSettings(send_edits=False, reconcile_delay=0.2)
        _, plan, summary = run_once(sim, journal, products, settings=kept)
        assert [w.action for w in plan.works] == [Action.SKIP] * 3
        assert not [c for c in calls(sim)[before:] if c["method"] == "taobao.item.add"]
        assert summary.listed == 3
        first = summary.outcomes[products[0].row]
        num_iid = items[generated[0]][0]["num_iid"]
        assert (first.status, first.num_iid) == (RowStatus.LISTED, num_iid)
        assert f"宝贝ID {num_iid}" in first.message
        assert f"商家编码“{generated[0]}”" in first.message  # what the item carries on Taobao
        assert "WHITE-0" in first.message
        assert first.unsent == ("商家编码",)
        assert journal.get(SCOPE, "WHITE-0").num_iid == num_iid
        # the mapping is remembered: a later title edit does not make it a new product
        products[0].title = "夏季纯棉短袖T恤 改过标题"
        before = len(calls(sim))
        _, plan, again = run_once(sim, journal, products, settings=kept)
        assert [w.action for w in plan.works] == [Action.SKIP] * 3
        assert again.calls == 0
        assert again.outcomes[products[0].row].unsent == ("商家编码", "标题")
        assert sorted(items_by_outer_id(sim)) == sorted(generated)
        assert all(len(v) == 1 for v in items_by_outer_id(sim).values())
        # a run that sends edits gives the items their new 商家编码 (and the new title)
        _, plan, sent = run_once(sim, journal, products)
        assert [w.action for w in plan.works] == [Action.UPDATE] * 3
        assert sent.updated == 3
        items = items_by_outer_id(sim)
        assert sorted(items) == ["WHITE-0", "WHITE-1", "WHITE-2"]
        assert {key: found[0]["num_iid"] for key, found in items.items()} == {
            p.key: summary.outcomes[p.row].num_iid for p in products}  # the same items
        assert items["WHITE-0"][0]["title"] == "夏季纯棉短袖T恤 改过标题"
        assert journal.get(SCOPE, "WHITE-0").remote_key is None
        _, _, last = run_once(sim, journal, products)
        assert last.calls == 0


def test_edits_not_sent_are_reported_every_run_and_only_what_was_sent_is_recorded(
        tmp_path: Path) -> None:
    """With --no-edits a listed row edited in the sheet says which changes Taobao lacks, on
    every run; a run that sends them records exactly what reached Taobao."""
    pics = tmp_path / "pics"
    products = make_products(3, pics)
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        run_once(sim, journal, products)
        products[0].title = "改了标题 T恤"
        products[1].title = "也改了标题 T恤"
        products[1].price = Decimal("49.90")
        products[2].images = [ImageRef(ImageSource.PATH, str(picture_file(pics, "n.jpg", 77)))]
        rows = [p.row for p in products]
        kept = UploadSettings(send_edits=False)
        _, _, summary = run_once(sim, journal, products, settings=kept)  # not --dry-run
        assert summary.calls == 0
        assert {r: summary.outcomes[r].unsent for r in rows} == {
            rows[0]: ("标题",), rows[1]: ("标题", "价格"), rows[2]: ("主图",)}
        assert all(summary.outcomes[r].status is RowStatus.LISTED for r in rows)
        assert "以下修改未同步到淘宝：标题、价格" in summary.outcomes[rows[1]].message
        text = summary_text(summary)
        assert f"第 {rows[2]} 行（{products[2].key}）已上架，以下修改未同步到淘宝：主图" in text
        items = items_by_outer_id(sim)
        assert items[products[1].key][0]["title"] == "夏季纯棉短袖T恤 款2"  # Taobao's copy
        assert {r.row: r.unsent for r in report_rows(summary)}[rows[2]] == ("主图",)
        before = len(calls(sim))
        _, _, updated = run_once(sim, journal, products)
        sent = Counter(c["method"] for c in calls(sim)[before:])
        assert sent == {"alibaba.item.edit.schema.get": 3, "alibaba.item.edit.submit": 3,
                        "taobao.picture.upload": 1}  # the new main picture, to the space
        assert updated.updated == 3
        assert all(updated.outcomes[r].unsent == () for r in rows)
        items = items_by_outer_id(sim)
        assert [items[p.key][0]["title"] for p in products[:2]] == ["改了标题 T恤",
                                                                     "也改了标题 T恤"]
        assert items[products[1].key][0]["price"] == "49.90"
        assert items[products[2].key][0]["pic_path"] != items[products[0].key][0]["pic_path"]
        _, _, again = run_once(sim, journal, products, settings=kept)
        assert again.calls == 0
        assert all(again.outcomes[r].unsent == () for r in rows)


def test_crash_between_add_and_extra_pictures_attaches_only_the_rest(tmp_path: Path) -> None:
    products = make_products(3, tmp_path / "pics", extras=2)
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        run_once(sim, journal, products, settings=UploadSettings(workers=1))
        # simulate a crash after item.add: forget the extras of row 2
        journal.mark_extra_done(SCOPE, products[1].key, 0)
        before = len(calls(sim))
        _, plan, summary = run_once(sim, journal, products)
        assert [w.action for w in plan.works] == [Action.SKIP, Action.ATTACH, Action.SKIP]
        assert summary.listed == 3
        sent = Counter(c["method"] for c in calls(sim)[before:])
        assert sent == {"taobao.item.img.upload": 2}
        assert all(len(v) == 1 for v in items_by_outer_id(sim).values())


def _authorised_manager(sim: Simulator) -> TokenManager:
    cfg = TopConfig(app_key=sim.config.app_key, gateway_url=sim.router_url,
                    oauth_base_url=sim.base_url)
    oauth = OAuthClient(cfg, SECRET)
    answer = requests.post(f"{sim.base_url}/authorize", data={
        "response_type": "code", "client_id": sim.config.app_key, "redirect_uri": REDIRECT,
        "state": "s1", "view": "web", "nick": "demo_shop"}, allow_redirects=False, timeout=10)
    code = parse_qs(urlsplit(answer.headers["Location"]).query)["code"][0]
    store = CredentialStore(backend=MemoryKeyring())
    store.set_tokens(sim.config.app_key, "local", oauth.exchange_code(code, REDIRECT))
    return TokenManager(store, oauth, sim.config.app_key, "local", can_refresh=True)


def test_session_expiring_mid_run_is_refreshed_without_pausing(tmp_path: Path) -> None:
    products = make_products(10, tmp_path / "pics")
    with Simulator(SimulatorConfig(latency_ms=10)) as sim, Journal(tmp_path / "j.db") as j:
        tm = _authorised_manager(sim)
        client = client_for(sim, tm.session_for_run())
        run = make_engine(client, j, products, sessions=TokenManagerSessions(tm),
                          settings=UploadSettings(workers=3, reconcile_delay=0.05))

        def watch(event: object) -> None:
            if isinstance(event, RowListed) and len(run.of(RowListed)) == 3:
                sim.set_faults(expire_sessions=True)

        run.engine.subscribe(watch)
        summary = run.engine.run(run.engine.prepare(products, {}))
        assert summary.stop_reason is StopReason.COMPLETED
        assert summary.listed == 10
        assert tm.refresh_count == 1
        assert not run.of(RunPaused)
        assert any(c.get("code") == 27 for c in calls(sim))
        assert all(len(v) == 1 for v in items_by_outer_id(sim).values())


def test_pause_holds_every_worker_and_resume_finishes(tmp_path: Path) -> None:
    products = make_products(12, tmp_path / "pics")
    with Simulator(SimulatorConfig(latency_ms=20)) as sim, Journal(tmp_path / "j.db") as j:
        client = client_for(sim, sim.issue_session())
        run = make_engine(client, j, products, settings=UploadSettings(workers=3))
        paused = threading.Event()

        def watch(event: object) -> None:
            if isinstance(event, RowListed) and len(run.of(RowListed)) == 3:
                run.engine.pause()
            if isinstance(event, RunPaused):
                paused.set()

        run.engine.subscribe(watch)
        result: list = []
        worker = threading.Thread(target=lambda: result.append(
            run.engine.run(run.engine.prepare(products, {}))))
        worker.start()
        assert paused.wait(30)
        # calls in flight finish; then nothing more is sent while paused
        deadline = datetime.now(UTC) + timedelta(seconds=10)
        settled = -1
        while datetime.now(UTC) < deadline:
            n = len(calls(sim))
            if n == settled:
                break
            settled = n
            threading.Event().wait(0.3)
        assert len(calls(sim)) == settled
        assert len(run.of(RowListed)) < 12
        run.engine.resume()
        worker.join(60)
        assert result[0].listed == 12
        assert run.of(RunResumed)
        assert run.of(RunPaused)[0].reason is PauseReason.USER


def test_write_token_about_to_lapse_pauses_before_sending(tmp_path: Path) -> None:
    """No refresh possible and the token expires within the margin: 需要重新授权 first."""
    products = make_products(3, tmp_path / "pics")
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as j:
        store = CredentialStore(backend=MemoryKeyring())
        soon = TokenSet(access_token=sim.issue_session(), refresh_token=None,
                        expires_at=datetime.now(UTC) + timedelta(minutes=3), nick="demo_shop",
                        user_id=None)
        store.set_tokens(sim.config.app_key, "local", soon)
        tm = TokenManager(store, None, sim.config.app_key, "local", can_refresh=False)
        client = client_for(sim, soon.access_token)
        run = make_engine(client, j, products, sessions=TokenManagerSessions(tm))
        later = TokenSet(access_token=sim.issue_session(), refresh_token=None,
                         expires_at=datetime.now(UTC) + timedelta(hours=8), nick="demo_shop",
                         user_id=None)
        adds_when_paused: list[int] = []

        def watch(event: object) -> None:
            if isinstance(event, RunPaused) and event.reason is PauseReason.REAUTH:
                assert "需要重新授权" in event.message
                adds_when_paused.append(
                    sum(1 for c in calls(sim) if c["method"] == "taobao.item.add"))
                tm.adopt(later)  # the user authorised again in the window
                threading.Thread(target=run.engine.resume,
                                 kwargs={"session": later.access_token}).start()

        run.engine.subscribe(watch)
        summary = run.engine.run(run.engine.prepare(products, {}))
        assert adds_when_paused == [0]
        assert summary.listed == 3
        assert client.session == later.access_token


def test_second_engine_on_the_same_shop_is_refused_until_the_first_ends(tmp_path: Path) -> None:
    products = make_products(2, tmp_path / "pics")
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as j:
        first = make_engine(client_for(sim, sim.issue_session()), j, products)
        plan = first.engine.prepare(products, {})
        other = make_engine(client_for(sim, sim.issue_session()), j, products,
                            scope=Scope("demo_shop", "local", "another-sheet"))
        with pytest.raises(RunLockedError):
            other.engine.prepare(products, {})
        assert first.engine.run(plan).listed == 2
        again = other.engine.run(other.engine.prepare(products, {}))
        # the journal knows them per shop + env, whatever the sheet: not even a lookup
        assert (again.listed, again.created, again.calls) == (2, 0, 0)
        assert all(len(v) == 1 for v in items_by_outer_id(sim).values())


def test_broken_picture_fails_its_row_and_is_retried_after_the_file_is_replaced(
        tmp_path: Path) -> None:
    """With the real picture pipeline (app.images): a truncated JPEG fails only its row."""
    products = make_products(3, tmp_path / "pics")
    broken = Path(products[1].images[0].location)
    good = broken.read_bytes()
    broken.write_bytes(good[: len(good) // 3])
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        client = client_for(sim, sim.issue_session())
        run = make_engine(client, journal, products, preparer=default_preparer(tmp_path))
        summary = run.engine.run(run.engine.prepare(products, {}))
        assert (summary.listed, summary.failed) == (2, 1)
        outcome = summary.outcomes[products[1].row]
        assert outcome.kind == "image"
        assert str(broken) in outcome.message
        assert sum(c["method"] == "taobao.item.add" for c in calls(sim)) == 2  # not sent
        broken.write_bytes(good)  # the user saves a good picture under the same name
        client = client_for(sim, sim.issue_session())
        again = make_engine(client, journal, products, preparer=default_preparer(tmp_path))
        fixed = again.engine.run(again.engine.prepare(products, {}))
        assert fixed.listed == 3
        assert fixed.created == 1
        assert all(len(v) == 1 for v in items_by_outer_id(sim).values())
