"""The engine against the real simulator over loopback, with real SQLite and picture files."""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app import paths
from app.credentials.store import CredentialStore
from app.credentials.tokens import TokenManager
from app.simulator import Simulator, SimulatorConfig
from app.top.client import TopClient, TopConfig
from app.top.oauth import OAuthClient, TokenSet
from app.top.ratelimit import RateLimiter
from app.upload.audit import AuditLog
from app.upload.events import (
    PauseReason,
    Progress,
    RowFailed,
    RowListed,
    RunFinished,
    RunPaused,
    StopReason,
)
from app.upload.journal import Journal, RowState, Scope
from app.upload.policy import RetryPolicy, Waiter
from app.upload.session import TokenManagerSessions
from app.upload.settings import UploadSettings
from tests.keyring_memory import MemoryKeyring
from tests.secret_scan import find_secrets
from tests.upload_kit import (
    SECRET,
    JumpingClock,
    calls,
    client_for,
    door,
    items_by_outer_id,
    make_engine,
    make_products,
)

SCOPE = Scope("demo_shop", "local", "sheet-1")


def run_once(sim: Simulator, journal: Journal, products: list, **kw: object):
    client = client_for(sim, kw.pop("session", None) or sim.issue_session())
    run = make_engine(client, journal, products, **kw)  # type: ignore[arg-type]
    plan = run.engine.prepare(products, {})
    return run, run.engine.run(plan)


def assert_exactly_once(sim: Simulator, products: list) -> None:
    items = items_by_outer_id(sim)
    for p in products:
        assert len(items.get(p.key, [])) == 1, f"{p.key}: {len(items.get(p.key, []))} items"
    assert len(items) == len(products)


def test_clean_run_lists_every_row_once_then_rerun_skips(tmp_path: Path) -> None:
    products = make_products(12, tmp_path / "pics", extras=1, shared_extra=True)
    with Simulator(SimulatorConfig(latency_ms=5)) as sim, Journal(tmp_path / "j.db") as journal:
        audit = AuditLog()
        run, summary = run_once(sim, journal, products, audit=audit)
        audit.close()
        assert summary.stop_reason is StopReason.COMPLETED
        assert (summary.listed, summary.failed, summary.created) == (12, 0, 12)
        assert_exactly_once(sim, products)
        methods = Counter(c["method"] for c in calls(sim))
        # one lookup, the picture space's room (a picture goes there), one add per row, own
        # extra per row, the shared extra uploaded once + joints
        assert methods == {"taobao.items.custom.get": 1, "taobao.picture.userinfo.get": 1,
                           "taobao.item.add": 12, "taobao.item.img.upload": 12,
                           "taobao.picture.upload": 1, "taobao.item.joint.img": 12}
        assert summary.calls == sum(methods.values())
        assert len(run.of(RowListed)) == 12
        assert run.of(Progress)[-1].left == 0
        assert all(r.state is RowState.LISTED and r.extras_done == 2
                   for r in journal.rows(SCOPE).values())
        lines = (paths.log_dir() / "audit.jsonl").read_text("utf-8").splitlines()
        assert len(lines) == summary.calls

        _, again = run_once(sim, journal, products)
        assert (again.listed, again.created, again.calls) == (12, 0, 0)
        assert_exactly_once(sim, products)


def test_faults_every_row_exactly_once(tmp_path: Path) -> None:
    """Scripted faults, one run: adds that created the item and then lost the answer (a
    dropped connection, an isp.* error after committing) are found by lookup and never sent
    again; adds the server did not execute are sent again. Every outer_id is one item."""
    products = make_products(30, tmp_path / "pics")
    clean = {"method": "taobao.item.add", "fault": "delay", "ms": 0}  # a normal call
    add_faults = [
        {"method": "taobao.item.add", "fault": "create_then_drop"},
        {"method": "taobao.item.add", "fault": "drop"},  # not executed
        {"method": "taobao.item.add", "fault": "isp", "commit": True},
        {"method": "taobao.item.add", "fault": "http502"},  # not executed
        {"method": "taobao.item.add", "fault": "create_then_drop"},
        {"method": "taobao.item.add", "fault": "isp"},  # not executed
        {"method": "taobao.item.add", "fault": "create_then_drop"},
    ]
    script = [{"method": "taobao.items.custom.get", "fault": "drop"}]  # the plan's lookup
    for fault in add_faults:
        script += [fault, clean, clean]
    with Simulator(SimulatorConfig(latency_ms=5)) as sim, Journal(tmp_path / "j.db") as journal:
        sim.set_faults(script=script)
        run, summary = run_once(sim, journal, products, settings=UploadSettings(
            workers=3, reconcile_delay=0.05))
        assert door(sim, "faults")["faults"]["script"] == []  # every scripted fault was used
        assert summary.stop_reason is StopReason.COMPLETED
        assert (summary.listed, summary.failed, summary.unknown) == (30, 0, 0)
        assert_exactly_once(sim, products)
        adds = [c for c in calls(sim) if c["method"] == "taobao.item.add"]
        faulted = [c for c in adds if c.get("fault") and c["fault"] != "delay"]
        committed = [c for c in faulted if c["committed"]]
        assert (len(faulted), len(committed)) == (7, 4)
        # each item created exactly once; only the adds the server did not execute went again
        assert len(adds) == len(products) + len(faulted) - len(committed)
        by_num_iid = {item["num_iid"]: key for key, v in items_by_outer_id(sim).items()
                      for item in v}
        lost_answers = {by_num_iid[c["num_iid"]] for c in committed}
        found = {e.key for e in run.of(RowListed) if e.how == "found"}
        assert found == lost_answers
        assert (summary.found, summary.created) == (4, 26)
        lookups = [c for c in calls(sim) if c["method"] == "taobao.items.custom.get"]
        assert lookups[0].get("fault") == "drop"  # the plan's lookup was retried, not skipped


def test_create_then_drop_is_reconciled_not_resent(tmp_path: Path) -> None:
    products = make_products(3, tmp_path / "pics")
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        sim.set_faults(script=[{"method": "taobao.item.add", "fault": "create_then_drop"}])
        _, summary = run_once(sim, journal, products, settings=UploadSettings(
            workers=1, reconcile_delay=0.05))
        assert summary.listed == 3
        assert summary.found == 1
        assert_exactly_once(sim, products)
        adds = [c for c in calls(sim) if c["method"] == "taobao.item.add"]
        assert len(adds) == 3  # the dropped one was found by outer_id, not sent again


def test_row_rejected_by_server_fails_with_chinese_reason(tmp_path: Path) -> None:
    products = make_products(4, tmp_path / "pics")
    products[1].title = "全网最低价 纯棉T恤"
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        run, summary = run_once(sim, journal, products)
        assert (summary.listed, summary.failed) == (3, 1)
        failure = run.of(RowFailed)[0].outcome
        assert failure.row == products[1].row
        assert "违禁词" in failure.message
        assert failure.kind == "row"
        assert journal.get(SCOPE, products[1].key).state is RowState.FAILED
        # unchanged → not resent; edited → created
        _, again = run_once(sim, journal, products)
        assert again.skipped == 1
        assert again.calls == 0
        products[1].title = "纯棉T恤 夏季新款"
        _, fixed = run_once(sim, journal, products)
        assert fixed.listed == 4
        assert fixed.created == 1
        assert_exactly_once(sim, products)


def test_daily_quota_stops_cleanly_and_rerun_continues(tmp_path: Path) -> None:
    products = make_products(10, tmp_path / "pics")
    with Simulator(SimulatorConfig(daily_quota=5)) as sim, Journal(tmp_path / "j.db") as journal:
        _, summary = run_once(sim, journal, products,
                              settings=UploadSettings(workers=2, reconcile_delay=0.05))
        assert summary.stop_reason is StopReason.QUOTA
        assert summary.reset_at is not None
        assert summary.reset_at > datetime.now(UTC)
        assert summary.listed == 4  # 1 lookup + 4 adds
        assert summary.waiting_quota == 6
        states = Counter(r.state for r in journal.rows(SCOPE).values())
        assert states == {RowState.LISTED: 4, RowState.WAITING_QUOTA: 6}
        sim.set_faults(daily_quota=None)  # the quota resets at 00:00 China time
        _, again = run_once(sim, journal, products)
        assert again.listed == 10
        assert again.created == 6
        assert_exactly_once(sim, products)


def test_wait_for_quota_sleeps_until_reset_then_continues(tmp_path: Path) -> None:
    products = make_products(6, tmp_path / "pics")
    with Simulator(SimulatorConfig(daily_quota=4)) as sim, Journal(tmp_path / "j.db") as journal:
        client = client_for(sim, sim.issue_session())
        clock = JumpingClock()
        run = make_engine(client, journal, products, settings=UploadSettings(
            workers=2, reconcile_delay=0.05, wait_for_quota=True), waiter=Waiter(clock=clock))
        pauses: list[tuple[datetime, timedelta]] = []

        def watch(event: object) -> None:
            if isinstance(event, RunPaused) and event.reason is PauseReason.QUOTA:
                assert event.until is not None
                pauses.append((event.until, clock.jumped))
                sim.set_faults(daily_quota=None)  # the server's quota resets at 00:00

        run.engine.subscribe(watch)
        summary = run.engine.run(run.engine.prepare(products, {}))
        assert summary.stop_reason is StopReason.COMPLETED
        assert summary.listed == 6
        assert run.of(RunPaused)[0].reason is PauseReason.QUOTA
        (until, jumped_before), = pauses
        assert clock.utcnow() >= until  # the run slept (by its clock) until the reset
        assert clock.jumped - jumped_before >= until - datetime.now(UTC)
        assert_exactly_once(sim, products)


def _token_manager(sim: Simulator, *, can_refresh: bool) -> tuple[TokenManager, MemoryKeyring]:
    kr = MemoryKeyring()
    store = CredentialStore(backend=kr)
    oauth = OAuthClient(TopConfig(app_key=sim.config.app_key, gateway_url=sim.router_url,
                                  oauth_base_url=sim.base_url), SECRET)
    token = sim.issue_session()
    now = datetime.now(UTC)
    store.set_tokens(sim.config.app_key, "local", TokenSet(
        access_token=token, refresh_token=None, expires_at=now + timedelta(hours=5),
        nick="demo_shop", user_id=None))
    return TokenManager(store, oauth, sim.config.app_key, "local", can_refresh), kr


def test_session_expiring_mid_run_pauses_for_reauth_then_resumes(tmp_path: Path) -> None:
    products = make_products(10, tmp_path / "pics")
    with Simulator(SimulatorConfig(latency_ms=10)) as sim, Journal(tmp_path / "j.db") as j:
        tm, _ = _token_manager(sim, can_refresh=False)
        client = client_for(sim, tm.session_for_run())
        run = make_engine(client, j, products, sessions=TokenManagerSessions(tm),
                          settings=UploadSettings(workers=2, reconcile_delay=0.05))
        fresh: list[str] = []

        def watch(event: object) -> None:
            if isinstance(event, RowListed) and len(run.of(RowListed)) == 3:
                sim.set_faults(expire_sessions=True)
            if isinstance(event, RunPaused) and event.reason is PauseReason.REAUTH:
                assert "重新授权" in event.message
                fresh.append(sim.issue_session())
                threading.Thread(target=run.engine.resume, kwargs={"session": fresh[0]}).start()

        run.engine.subscribe(watch)
        summary = run.engine.run(run.engine.prepare(products, {}))
        assert fresh, "the run never paused for re-authorisation"
        assert summary.stop_reason is StopReason.COMPLETED
        assert (summary.listed, summary.failed) == (10, 0)
        assert_exactly_once(sim, products)
        assert any(c.get("code") == 27 for c in calls(sim))


def test_secrets_absent_from_journal_and_audit_log(tmp_path: Path) -> None:
    products = make_products(5, tmp_path / "pics")
    products[0].title = "国家级 纯棉T恤"  # a failure is logged too
    with Simulator(SimulatorConfig(fault_rate=0.2, seed=3)) as sim:
        session = sim.issue_session()
        with Journal() as journal:
            audit = AuditLog()
            _, summary = run_once(sim, journal, products, session=session, audit=audit)
            audit.close()
        assert summary.listed == 4
    assert (paths.log_dir() / "audit.jsonl").stat().st_size > 0
    assert find_secrets(paths.user_dirs(), [SECRET, session]) == []


@pytest.mark.parametrize("when", [2, 6])
def test_cancel_finishes_calls_in_flight_and_resumes(tmp_path: Path, when: int) -> None:
    products = make_products(12, tmp_path / "pics")
    with Simulator(SimulatorConfig(latency_ms=30)) as sim, Journal(tmp_path / "j.db") as j:
        client = client_for(sim, sim.issue_session())
        run = make_engine(client, j, products, settings=UploadSettings(workers=3))

        def watch(event: object) -> None:
            if isinstance(event, RowListed) and len(run.of(RowListed)) == when:
                run.engine.cancel()

        run.engine.subscribe(watch)
        summary = run.engine.run(run.engine.prepare(products, {}))
        assert summary.stop_reason is StopReason.CANCELLED
        assert when <= summary.listed < 12
        assert summary.left == 12 - summary.listed
        states = Counter(r.state for r in j.rows(SCOPE).values())
        assert states[RowState.ADD_SENT] == 0
        _, rest = run_once(sim, j, products)
        assert rest.listed == 12
        assert_exactly_once(sim, products)


def test_failed_lookup_is_unknown_never_not_listed(tmp_path: Path) -> None:
    """create-then-drop, then every lookup fails: the row stays add_sent (unknown) and is never
    sent again; the next run's lookup finds it."""
    products = make_products(2, tmp_path / "pics")
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        sim.set_faults(script=[{"method": "taobao.item.add", "fault": "create_then_drop"}]
                       + [{"method": "taobao.items.custom.get", "fault": "drop"}] * 5)
        _, summary = run_once(
            sim, journal, products[:1],
            settings=UploadSettings(workers=1, reconcile_delay=0.05, lookup_unknown=False),
            policy=RetryPolicy(max_attempts=1, base_delay=0.05, max_delay=0.1))
        assert summary.unknown == 1
        assert summary.listed == 0
        assert "不会重复上架" in summary.outcomes[products[0].row].message
        assert journal.get(SCOPE, products[0].key).state is RowState.ADD_SENT
        lookups = [c for c in calls(sim) if c["method"] == "taobao.items.custom.get"]
        assert len(lookups) == 5
        _, again = run_once(sim, journal, products)
        assert again.listed == 2
        assert again.found == 1
        adds = [c for c in calls(sim) if c["method"] == "taobao.item.add"]
        assert len(adds) == 2  # the doubtful row was never sent twice
        assert_exactly_once(sim, products)


def test_long_ban_pauses_every_worker_then_the_run_goes_on(tmp_path: Path) -> None:
    products = make_products(6, tmp_path / "pics")
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        cfg = TopConfig(app_key=sim.config.app_key, gateway_url=sim.router_url,
                        max_ban_wait=0.5)  # the client raises bans longer than this
        client = TopClient(cfg, SECRET, sim.issue_session(), RateLimiter(qps=None))
        run = make_engine(client, journal, products, settings=UploadSettings(workers=3))
        plan = run.engine.prepare(products, {})
        sim.set_faults(script=[{"method": "taobao.item.add", "fault": "ban", "seconds": 2}])
        started = time.monotonic()
        summary = run.engine.run(plan)
        assert summary.listed == 6
        assert time.monotonic() - started >= 1.5  # everybody waited the ban out
        bans = [e for e in run.of(RunPaused) if e.reason is PauseReason.BAN]
        assert bans
        assert "限流" in bans[0].message
        refused = [c for c in calls(sim) if c.get("code") == 7]
        assert 1 <= len(refused) <= 3  # only the calls already in flight (3 workers) hit it
        assert_exactly_once(sim, products)


def test_audit_has_a_line_for_every_http_attempt_including_ban_resends(tmp_path: Path) -> None:
    """The client resends after a short ban by itself; the audit log still sees both sends."""
    import json

    products = make_products(4, tmp_path / "pics")
    with Simulator(SimulatorConfig(latency_ms=5)) as sim, Journal(tmp_path / "j.db") as journal:
        sim.set_faults(script=[{"method": "taobao.item.add", "fault": "ban", "seconds": 1}])
        audit = AuditLog()
        _, summary = run_once(sim, journal, products, audit=audit)
        audit.close()
        assert summary.listed == 4
        sent = calls(sim)
    lines = [json.loads(x) for x in
             (paths.log_dir() / "audit.jsonl").read_text("utf-8").splitlines()]
    assert len(lines) == len(sent)
    banned = [x for x in lines if x["outcome"] == "rate_limited"]
    assert banned  # the ban answered every worker that sent during it
    assert all(x["code"] == 7 and x["outer_id"] for x in banned)
    resent_ok = {x["outer_id"] for x in lines if x.get("ban_retry") and x["outcome"] == "ok"}
    assert {x["outer_id"] for x in banned} <= resent_ok


def test_dry_run_settings_make_run_send_and_write_nothing(tmp_path: Path) -> None:
    products = make_products(5, tmp_path / "pics")
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        run, summary = run_once(sim, journal, products, settings=UploadSettings(dry_run=True))
        assert items_by_outer_id(sim) == {}
        assert {c["method"] for c in calls(sim)} == {"taobao.items.custom.get"}
        assert journal.rows(SCOPE) == {}
        assert (summary.listed, summary.created, summary.calls) == (0, 0, 0)
        assert summary.left == 5
        assert run.of(RunFinished)[0].summary is summary
        # the shop's run lock was released: a real run can follow
        _, real = run_once(sim, journal, products)
        assert real.created == 5
