"""What the journal knows about a sheet's rows before any run (`listed_status`): journals made by
real runs against the simulator."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from app.simulator import Simulator, SimulatorConfig
from app.upload.journal import Journal, RowState, Scope, default_path
from app.upload.status import listed_status
from tests.upload_kit import SECRET, client_for, make_engine, make_products

SHOP = "demo_shop"


def _run(sim: Simulator, journal: Journal, products: list, session: str) -> None:
    with client_for(sim, session) as client:
        run = make_engine(client, journal, products, scope=Scope(SHOP, "local", "sheet-1"))
        run.engine.run(run.engine.prepare(products, {}))


def test_listed_and_refused_rows_are_known_before_a_run(tmp_path: Path) -> None:
    products = make_products(4, tmp_path / "pics")
    with Simulator(SimulatorConfig(app_key="12345678", app_secret=SECRET)) as sim, \
            Journal() as journal:
        session = sim.issue_session(SHOP)
        sim.set_faults(script=[{"method": "taobao.item.add", "fault": "error", "code": 15,
                                "sub_code": "isv.invalid-parameter:title",
                                "sub_msg": "标题含违禁词"}])
        _run(sim, journal, products, session)
        by_key = journal.records(Scope(SHOP, "local", ""), [p.key or "" for p in products])
    refused = next(k for k, r in by_key.items() if r.state is RowState.FAILED)
    listed = {k: r.num_iid for k, r in by_key.items() if r.state is RowState.LISTED}
    assert len(listed) == 3

    changed = min(listed)  # a listed row whose price was changed in the sheet since
    edited = [replace(p, price=Decimal("1.00")) if p.key == changed else p for p in products]
    found = listed_status(SHOP, "local", edited)
    by_row = {p.key: found.get(p.row) for p in edited}
    failed = by_row[refused]
    assert failed is not None
    assert failed.state is RowState.FAILED
    assert failed.sub_code == "isv.invalid-parameter:title"
    assert failed.request_id
    for key, num_iid in listed.items():
        status = by_row[key]
        assert status is not None
        assert (status.state, status.num_iid) == (RowState.LISTED, num_iid)
        assert status.unsent == (("价格",) if key == changed else ())
    assert listed_status(SHOP, "sandbox", edited) == {}  # another environment
    assert listed_status("another_shop", "local", edited) == {}


def test_a_refused_row_that_was_edited_since_is_not_shown_failed(tmp_path: Path) -> None:
    products = make_products(1, tmp_path / "pics")
    with Simulator(SimulatorConfig(app_key="12345678", app_secret=SECRET)) as sim, \
            Journal() as journal:
        sim.set_faults(script=[{"method": "taobao.item.add", "fault": "error", "code": 15,
                                "sub_code": "isv.invalid-parameter:title"}])
        _run(sim, journal, products, sim.issue_session(SHOP))
    assert listed_status(SHOP, "local", products)[2].state is RowState.FAILED
    fixed = [replace(products[0], title="改过的标题")]
    assert listed_status(SHOP, "local", fixed) == {}  # the next run sends it again


def test_rows_left_by_a_spent_daily_quota_read_waiting(tmp_path: Path) -> None:
    products = make_products(4, tmp_path / "pics")
    with Simulator(SimulatorConfig(app_key="12345678", app_secret=SECRET)) as sim, \
            Journal() as journal:
        sim.set_faults(daily_quota=3)  # the lookup and two items
        _run(sim, journal, products, sim.issue_session(SHOP))
    states = sorted(s.state for s in listed_status(SHOP, "local", products).values())
    assert states == [RowState.LISTED] * 2 + [RowState.WAITING_QUOTA] * 2


def test_no_journal_yet_means_nothing_and_creates_nothing(tmp_path: Path) -> None:
    assert not default_path().exists()
    assert listed_status(SHOP, "local", make_products(2, tmp_path)) == {}
    assert not default_path().exists()
