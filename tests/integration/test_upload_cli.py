"""`python -m app upload` as a subprocess against the simulator over loopback."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.credentials.store import CredentialStore
from app.simulator import Simulator, SimulatorConfig
from app.top.oauth import TokenSet
from tests.keyring_file import BACKEND, ENV_VAR, FileKeyring
from tests.secret_scan import find_secrets
from tests.sheetgen import HEADER, build_xlsx, product_row
from tests.upload_kit import (
    SECRET,
    items_by_outer_id,
    kill_at_random_moments,
    picture_file,
    until_it_ends,
)

ROOT = Path(__file__).resolve().parents[2]


def make_sheet(folder: Path, n: int, *, extras: int = 0, bad_rows: tuple[int, ...] = ()) -> Path:
    pics = folder / "pics"
    rows: list[list[object]] = [list(HEADER)]
    for i in range(1, n + 1):
        names = [picture_file(pics, f"m{i}.jpg", i).name]
        names += [picture_file(pics, f"x{i}_{e}.jpg", i * 10 + e).name for e in range(extras)]
        row = product_row(i, ";".join(f"pics/{name}" for name in names))
        if i in bad_rows:
            row[1] = f"全网最低 T恤 款{i}"  # banned word: the server rejects it
        rows.append(row)
    return build_xlsx(folder / "products.xlsx", rows)


@pytest.fixture
def cli_env(tmp_path: Path, taoshelf_home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"PYTHON_KEYRING_BACKEND": BACKEND, ENV_VAR: str(tmp_path / "keyring.json"),
                "TAOSHELF_HOME": str(taoshelf_home), "PYTHONPATH": str(ROOT)})
    os.environ[ENV_VAR] = env[ENV_VAR]  # this process writes the same file
    store = CredentialStore(backend=FileKeyring())
    store.set_secret("12345678", SECRET)
    return env


def upload_cmd(sim: Simulator, sheet: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "app", "upload", str(sheet), "--env", "local",
            "--gateway", sim.router_url, "--app-key", "12345678", "--yes", *extra]


def run_cli(cmd: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=240,
                          check=False, encoding="utf-8")


def test_cli_lists_everything_with_keyring_tokens_and_writes_report(
        tmp_path: Path, cli_env: dict[str, str], taoshelf_home: Path) -> None:
    sheet = make_sheet(tmp_path, 8, extras=1, bad_rows=(3,))
    with Simulator(SimulatorConfig(latency_ms=5)) as sim:
        session = sim.issue_session()
        CredentialStore(backend=FileKeyring()).set_tokens("12345678", "local", TokenSet(
            access_token=session, refresh_token=None,
            expires_at=datetime.now(UTC) + timedelta(hours=3), nick="demo_shop", user_id=None))
        report = tmp_path / "result.xlsx"
        done = run_cli(upload_cmd(sim, sheet, "--report", str(report)), cli_env)
        assert done.returncode == 3, done.stderr
        assert "已上架 7 行" in done.stderr
        assert "违禁词" in done.stderr
        items = items_by_outer_id(sim)
        assert sorted(items) == [f"SKU-{i:05d}" for i in range(1, 9) if i != 3]
        assert all(len(v) == 1 for v in items.values())
        wb = load_workbook(report, read_only=True)
        values = [c for row in wb["上架结果"].iter_rows(values_only=True) for c in row]
        wb.close()
        assert "已上架" in values
        assert "失败" in values
        # fix nothing, run again: nothing is sent twice; the rejected row is skipped
        again = run_cli(upload_cmd(sim, sheet), cli_env)
        assert again.returncode == 3
        assert all(len(v) == 1 for v in items_by_outer_id(sim).values())
        assert find_secrets([*map(Path, [taoshelf_home]), report], [SECRET, session]) == []


def test_cli_usage_errors_exit_2(tmp_path: Path, cli_env: dict[str, str]) -> None:
    sheet = make_sheet(tmp_path, 2)
    no_gateway = run_cli([sys.executable, "-m", "app", "upload", str(sheet), "--env", "local",
                          "--app-key", "12345678", "--session", "x" * 20], cli_env)
    assert no_gateway.returncode == 2
    assert "--gateway" in no_gateway.stderr
    with Simulator(SimulatorConfig()) as sim:
        no_secret = run_cli([sys.executable, "-m", "app", "upload", str(sheet), "--env", "local",
                             "--gateway", sim.router_url, "--app-key", "87654321",
                             "--session", "y" * 20, "--yes"], cli_env)
        assert no_secret.returncode == 2
        assert "taoshelf secret set" in no_secret.stderr
        missing = run_cli(upload_cmd(sim, tmp_path / "nope.xlsx", "--session", "z" * 20), cli_env)
        assert missing.returncode == 2


def test_cli_dry_run_creates_nothing(tmp_path: Path, cli_env: dict[str, str]) -> None:
    sheet = make_sheet(tmp_path, 5)
    with Simulator(SimulatorConfig()) as sim:
        done = run_cli(upload_cmd(sim, sheet, "--session", sim.issue_session(), "--dry-run"),
                       cli_env)
        assert done.returncode == 0, done.stderr
        assert "将新建 5" in done.stderr
        assert items_by_outer_id(sim) == {}
        assert {c["method"] for c in sim.calls()} == {
            "taobao.user.seller.get", "taobao.items.custom.get",
            # the leaf's node and rules, read once and cached for 7 days
            "taobao.itemcats.get", "taobao.itemprops.get", "taobao.itempropvalues.get"}


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX; CI runs on Linux")
def test_cli_killed_at_random_moments_never_duplicates(
        tmp_path: Path, cli_env: dict[str, str], taoshelf_home: Path) -> None:
    sheet = make_sheet(tmp_path, 30, extras=1)
    rng = random.Random(2026)
    cfg = SimulatorConfig(latency_ms=30, create_then_drop_rate=0.03, drop_rate=0.03, seed=5)
    with Simulator(cfg) as sim:
        cmd = upload_cmd(sim, sheet, "--session", sim.issue_session(), "--rate", "4")
        # the category's data first (a dry run reads and caches it): the kills are for the run
        # (kills while it is read: test_upload_props' variant kill test)
        for _ in range(5):
            if run_cli([*cmd, "--dry-run"], cli_env).returncode == 0:
                break
        kills = kill_at_random_moments(
            lambda: subprocess.Popen(cmd, env=cli_env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL),
            lambda: len(sim.calls()), rng, kills=20, tries=60)
        assert kills >= 20
        final = until_it_ends(lambda: run_cli(cmd, cli_env))
        assert final.returncode == 0, final.stderr
        items = items_by_outer_id(sim)
        counts = Counter({k: len(v) for k, v in items.items()})
        assert sorted(items) == [f"SKU-{i:05d}" for i in range(1, 31)]
        assert max(counts.values()) == 1, f"duplicates: {[k for k, n in counts.items() if n > 1]}"
    db = sqlite3.connect(taoshelf_home / "data" / "journal.sqlite3")
    interrupted = db.execute("SELECT COUNT(*) FROM runs WHERE finished_at IS NULL").fetchone()[0]
    attempts = db.execute("SELECT SUM(attempts) FROM rows").fetchone()[0]
    db.close()
    print(f"kills {kills}, runs interrupted after planning {interrupted}, adds sent {attempts}")
    assert interrupted >= 10  # most kills hit a run in progress, not the start-up


def test_cli_daily_quota_stops_with_reset_time_then_rerun_finishes(
        tmp_path: Path, cli_env: dict[str, str]) -> None:
    sheet = make_sheet(tmp_path, 8)
    with Simulator(SimulatorConfig(daily_quota=8)) as sim:
        cmd = upload_cmd(sim, sheet, "--session", sim.issue_session())
        first = run_cli(cmd, cli_env)
        assert first.returncode == 3, first.stderr
        assert "今日接口调用额度已用完" in first.stderr
        assert "（北京时间）恢复" in first.stderr
        assert "行等待调用额度恢复" in first.stderr
        # whose session + 4 for the category (node, parent, props, values) + 1 lookup + 2 adds
        assert len(items_by_outer_id(sim)) == 2
        sim.set_faults(daily_quota=None)  # 00:00 China time came
        second = run_cli(cmd, cli_env)
        assert second.returncode == 0, second.stderr
        items = items_by_outer_id(sim)
        assert len(items) == 8
        assert all(len(v) == 1 for v in items.values())


def test_cli_expired_session_exits_2_asking_for_reauthorisation(
        tmp_path: Path, cli_env: dict[str, str]) -> None:
    sheet = make_sheet(tmp_path, 3)
    with Simulator(SimulatorConfig()) as sim:
        session = sim.issue_session()
        sim.set_faults(expire_sessions=True)
        done = run_cli(upload_cmd(sim, sheet, "--session", session), cli_env)
        assert done.returncode == 2, done.stderr
        assert "重新授权" in done.stderr
        assert "taoshelf auth login" in done.stderr
        assert items_by_outer_id(sim) == {}


def test_cli_prices_rows_from_cost_with_the_saved_rule_like_the_window(
        tmp_path: Path, cli_env: dict[str, str]) -> None:
    """A sheet with 成本价 and no 价格: the saved price rule sets the price Taobao receives."""
    from decimal import Decimal

    from app.catalog.pricing import Ending, PricingRule
    from app.excel import prefs

    prefs.save_pricing(PricingRule(markup_percent=Decimal(50), ending=Ending.NINETY))
    pics = tmp_path / "pics"
    header = [*HEADER, "成本价"]
    rows: list[list[object]] = [header]
    for i in (1, 2):
        row = product_row(i, f"pics/{picture_file(pics, f'm{i}.jpg', i).name}")
        row[2] = None  # no 价格: computed from the cost
        rows.append([*row, 40 * i])
    sheet = build_xlsx(tmp_path / "cost.xlsx", rows)
    with Simulator(SimulatorConfig(latency_ms=5)) as sim:
        done = run_cli(upload_cmd(sim, sheet, "--session", sim.issue_session()), cli_env)
        assert done.returncode == 0, done.stderr
        items = items_by_outer_id(sim)
    assert Decimal(str(items["SKU-00001"][0]["price"])) == Decimal("60.90")
    assert Decimal(str(items["SKU-00002"][0]["price"])) == Decimal("120.90")


def _keyring_tokens_for(sim: Simulator, nick: str) -> str:
    session = sim.issue_session(nick)
    CredentialStore(backend=FileKeyring()).set_tokens("12345678", "local", TokenSet(
        access_token=session, refresh_token=None,
        expires_at=datetime.now(UTC) + timedelta(hours=3), nick=nick, user_id=None))
    return session


def test_session_of_another_shop_is_journaled_under_that_shop(
        tmp_path: Path, cli_env: dict[str, str]) -> None:
    """Keyring: shop A. ``--session`` of shop B lists on B; a later run with A's tokens must
    list on A too (not report 已上架 for items A does not have)."""
    sheet = make_sheet(tmp_path, 3)
    with Simulator(SimulatorConfig()) as sim:
        _keyring_tokens_for(sim, "店铺A")
        on_b = run_cli(upload_cmd(sim, sheet, "--session", sim.issue_session("店铺B")), cli_env)
        assert on_b.returncode == 0, on_b.stderr
        on_a = run_cli(upload_cmd(sim, sheet), cli_env)
        assert on_a.returncode == 0, on_a.stderr
        shops = Counter((i["nick"], i["outer_id"]) for i in sim.items())
    expected = {(nick, f"SKU-{i:05d}") for nick in ("店铺A", "店铺B") for i in (1, 2, 3)}
    assert set(shops) == expected
    assert max(shops.values()) == 1


def test_unknown_session_owner_exits_2_and_sends_nothing(
        tmp_path: Path, cli_env: dict[str, str], taoshelf_home: Path) -> None:
    sheet = make_sheet(tmp_path, 2)
    with Simulator(SimulatorConfig()) as sim:
        _keyring_tokens_for(sim, "店铺A")
        sim.set_faults(script=[{"method": "taobao.user.seller.get", "fault": "error",
                                "code": 11, "sub_msg": "应用没有调用该接口的权限"}])
        done = run_cli(upload_cmd(sim, sheet, "--session", sim.issue_session("店铺B")), cli_env)
        assert done.returncode == 2, done.stderr
        assert "无法向淘宝确认这个会话属于哪个店铺" in done.stderr
        assert "Traceback" not in done.stderr
        assert [c["method"] for c in sim.calls()] == ["taobao.user.seller.get"]
    assert not (taoshelf_home / "data" / "journal.sqlite3").exists()



def test_damaged_journal_is_said_kept_aside_and_nothing_is_listed_twice(
        tmp_path: Path, cli_env: dict[str, str], taoshelf_home: Path) -> None:
    sheet = make_sheet(tmp_path, 4)
    with Simulator(SimulatorConfig(latency_ms=5)) as sim:
        session = sim.issue_session()
        first = run_cli(upload_cmd(sim, sheet, "--session", session), cli_env)
        assert first.returncode == 0, first.stderr
        journal = taoshelf_home / "data" / "journal.sqlite3"
        journal.write_bytes(b"\x00" * 8192)  # e.g. a cloud-sync tool wrote over it
        # --no-lookup would trust the (now empty) journal: after a recovery it must not
        again = run_cli(upload_cmd(sim, sheet, "--session", session, "--no-lookup"), cli_env)
        assert again.returncode == 0, again.stderr
        assert "Traceback" not in again.stderr
        assert "上架记录文件已损坏" in again.stderr
        aside = list((taoshelf_home / "data").glob("journal.damaged-*.sqlite3"))
        assert len(aside) == 1
        assert aside[0].read_bytes() == b"\x00" * 8192
        assert str(aside[0]) in again.stderr
        items = items_by_outer_id(sim)
        assert sorted(items) == [f"SKU-{i:05d}" for i in range(1, 5)]
        assert all(len(v) == 1 for v in items.values())  # found on the shop, not listed again
        assert sum(c["method"] == "taobao.item.add" for c in sim.calls()) == 4
