"""The journal on a real SQLite file: states, crash semantics, threads, pictures."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path

import pytest

from app.upload.journal import SCHEMA_VERSION, Journal, RowState, Scope

SCOPE = Scope(shop="demo_shop", env="local", sheet="sheet-1")


def test_default_path_is_in_data_dir(taoshelf_home: Path) -> None:
    with Journal() as j:
        assert j.path == taoshelf_home / "data" / "journal.sqlite3"
        assert j.path.exists()


def test_row_lifecycle(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as j:
        j.ensure_row(SCOPE, "A1", 2, "fp1")
        assert j.get(SCOPE, "A1").state is RowState.PENDING
        j.mark_add_sent(SCOPE, "A1", fingerprint="fp1", price=Decimal("9.90"), num=5,
                        extras_total=2)
        rec = j.get(SCOPE, "A1")
        assert (rec.state, rec.attempts, rec.price, rec.num) == (
            RowState.ADD_SENT, 1, Decimal("9.90"), 5)
        j.mark_listed(SCOPE, "A1", 1001, request_id="req1")
        rec = j.get(SCOPE, "A1")
        assert rec.state is RowState.LISTED
        assert rec.num_iid == 1001
        assert rec.pictures_pending
        j.mark_extra_done(SCOPE, "A1", 2)
        assert not j.get(SCOPE, "A1").pictures_pending
        # ensure_row again (a rerun) keeps the state, updates the sheet row
        j.ensure_row(SCOPE, "A1", 7, "fp2")
        rec = j.get(SCOPE, "A1")
        assert rec.state is RowState.LISTED
        assert rec.sheet_row == 7
        assert rec.fingerprint == "fp1"


def test_failed_keeps_reason_and_scope_isolation(tmp_path: Path) -> None:
    other = Scope(shop="demo_shop", env="sandbox", sheet="sheet-1")
    with Journal(tmp_path / "j.sqlite3") as j:
        j.ensure_row(SCOPE, "B", 3, "fp")
        j.mark_error(SCOPE, "B", kind="row", code=15, sub_code="isv.invalid-parameter:title",
                     message="标题含有违禁词", request_id="r9")
        rec = j.get(SCOPE, "B")
        assert rec.state is RowState.FAILED
        assert rec.message == "标题含有违禁词"
        assert rec.sub_code == "isv.invalid-parameter:title"
        assert j.get(other, "B") is None
        assert j.count_by_state(SCOPE) == {RowState.FAILED: 1}


def test_add_sent_survives_a_killed_process(tmp_path: Path) -> None:
    """A process that commits add_sent and dies without closing leaves the row add_sent."""
    db = tmp_path / "j.sqlite3"
    script = (
        "import os\n"
        "from pathlib import Path\n"
        "from app.upload.journal import Journal, Scope\n"
        f"j = Journal(Path({str(db)!r}))\n"
        "s = Scope('demo_shop', 'local', 'sheet-1')\n"
        "j.ensure_row(s, 'K1', 2, 'fp')\n"
        "j.mark_add_sent(s, 'K1', fingerprint='fp', price=None, num=1, extras_total=0)\n"
        "os._exit(9)\n"  # no close, no checkpoint: like SIGKILL right after the commit
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).parents[3],
                          check=False)
    assert proc.returncode == 9
    with Journal(db) as j:
        rec = j.get(SCOPE, "K1")
        assert rec is not None
        assert rec.state is RowState.ADD_SENT
        assert rec.attempts == 1


def test_threads_share_one_journal(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as j:
        def work(n: int) -> None:
            for i in range(50):
                key = f"T{n}-{i}"
                j.ensure_row(SCOPE, key, i, "fp")
                j.mark_add_sent(SCOPE, key, fingerprint="fp", price=None, num=1, extras_total=0)
                j.mark_listed(SCOPE, key, n * 1000 + i)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert j.count_by_state(SCOPE) == {RowState.LISTED: 200}


def test_pictures_table(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as j:
        assert j.picture_path("s", "local", "ab" * 32) is None
        j.put_picture("s", "local", "ab" * 32, "https://img/p.jpg", picture_id=5, size=1234)
        assert j.picture_path("s", "local", "ab" * 32) == "https://img/p.jpg"
        assert j.picture_path("s", "sandbox", "ab" * 32) is None


def test_a_row_is_known_per_shop_env_and_key_whatever_the_sheet(tmp_path: Path) -> None:
    """A renamed or copied sheet has another identity: what it listed is still known."""
    copy = Scope(shop="demo_shop", env="local", sheet="copy-of-sheet-1")
    with Journal(tmp_path / "j.sqlite3") as j:
        j.ensure_row(SCOPE, "A1", 2, "fp")
        j.mark_add_sent(SCOPE, "A1", fingerprint="fp", price=None, num=1, extras_total=0)
        j.mark_listed(SCOPE, "A1", 1001)
        rec = j.get(copy, "A1")
        assert rec is not None
        assert (rec.state, rec.num_iid, rec.sheet) == (RowState.LISTED, 1001, "sheet-1")
        assert j.records(copy, ["A1", "B2"]) == {"A1": rec}
        j.ensure_row(copy, "A1", 9, "fp")  # the copy now shows the row (display grouping)
        assert set(j.rows(copy)) == {"A1"}
        assert j.rows(SCOPE) == {}
        assert j.get(copy, "A1").state is RowState.LISTED
        assert j.get(Scope("other_shop", "local", "sheet-1"), "A1") is None
        assert j.get(Scope("demo_shop", "sandbox", "sheet-1"), "A1") is None


def test_sent_fields_are_recorded_and_update_changes_only_price_and_num(tmp_path: Path) -> None:
    sent = {"outer_id": "A1", "title": "旧标题", "price": "10.00", "num": "5"}
    with Journal(tmp_path / "j.sqlite3") as j:
        j.ensure_row(SCOPE, "A1", 2, "fp")
        j.mark_add_sent(SCOPE, "A1", fingerprint="fp", price=Decimal("10.00"), num=5,
                        extras_total=0, sent=sent)
        j.mark_listed(SCOPE, "A1", 1001)
        assert j.get(SCOPE, "A1").sent == sent
        j.mark_updated(SCOPE, "A1", price=Decimal("12.50"), num=None)
        rec = j.get(SCOPE, "A1")
        assert rec.sent == {**sent, "price": "12.50"}  # the title stays the one Taobao has
        assert (rec.price, rec.num, rec.fingerprint) == (Decimal("12.50"), 5, "fp")


# The journal as version 1 wrote it (rows keyed by sheet too): a real file for the migration.
V1_SCHEMA = """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    shop TEXT NOT NULL, env TEXT NOT NULL, sheet TEXT NOT NULL,
    started_at TEXT NOT NULL, finished_at TEXT, rows_total INTEGER NOT NULL DEFAULT 0,
    outcome TEXT, summary TEXT
);
CREATE TABLE rows (
    shop TEXT NOT NULL, env TEXT NOT NULL, sheet TEXT NOT NULL, key TEXT NOT NULL,
    sheet_row INTEGER NOT NULL,
    state TEXT NOT NULL,
    num_iid INTEGER,
    kind TEXT, code INTEGER, sub_code TEXT, message TEXT, request_id TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    fingerprint TEXT,
    price TEXT, num INTEGER,
    extras_total INTEGER NOT NULL DEFAULT 0, extras_done INTEGER NOT NULL DEFAULT 0,
    run_id INTEGER,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (shop, env, sheet, key)
);
CREATE INDEX rows_state ON rows (shop, env, state);
CREATE TABLE pictures (
    shop TEXT NOT NULL, env TEXT NOT NULL, sha256 TEXT NOT NULL,
    picture_path TEXT NOT NULL, picture_id INTEGER, size INTEGER,
    created_at TEXT NOT NULL,
    PRIMARY KEY (shop, env, sha256)
);
PRAGMA user_version=1;
"""


def _v1_file(path: Path) -> None:
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    rows = [  # sheet, key, sheet_row, state, num_iid, kind, attempts, extras, updated_at
        ("s1", "A", 2, "listed", 1001, None, 1, (0, 0), "2025-01-01T00:00:00"),
        ("s2", "A", 5, "pending", None, None, 0, (0, 0), "2025-03-01T00:00:00"),
        ("s1", "B", 3, "failed", None, "row", 1, (0, 0), "2025-03-01T00:00:00"),
        ("s2", "B", 3, "add_sent", None, None, 2, (0, 0), "2025-01-01T00:00:00"),
        ("s1", "C", 4, "add_sent", None, None, 1, (0, 0), "2025-03-01T00:00:00"),
        ("s2", "C", 4, "listed", 1003, None, 1, (2, 1), "2025-01-01T00:00:00"),
        ("s1", "D", 6, "pending", None, None, 0, (0, 0), "2025-01-01T00:00:00"),
        ("s2", "D", 6, "failed", None, "transient", 1, (0, 0), "2025-03-01T00:00:00"),
        ("s1", "E", 7, "listed", 1006, None, 1, (0, 0), "2025-03-01T00:00:00"),
        ("s2", "E", 7, "listed", 1005, None, 1, (0, 0), "2025-01-01T00:00:00"),
        ("s1", "F", 8, "waiting_quota", None, None, 0, (0, 0), "2025-01-01T00:00:00"),
        ("s2", "F", 8, "failed", 1007, "row", 1, (0, 0), "2025-03-01T00:00:00"),
    ]
    for sheet, key, row, state, num_iid, kind, attempts, (total, done), at in rows:
        db.execute(
            "INSERT INTO rows (shop, env, sheet, key, sheet_row, state, num_iid, kind, attempts,"
            " fingerprint, price, num, extras_total, extras_done, updated_at) "
            "VALUES ('shop','local',?,?,?,?,?,?,?,'fp','9.90',3,?,?,?)",
            (sheet, key, row, state, num_iid, kind, attempts, total, done, at))
    db.execute("INSERT INTO rows (shop, env, sheet, key, sheet_row, state, num_iid, updated_at) "
               "VALUES ('shop','sandbox','s1','A',2,'listed',2001,'2025-01-01T00:00:00')")
    db.execute("INSERT INTO runs (shop, env, sheet, started_at, rows_total) "
               "VALUES ('shop','local','s1','2025-01-01T00:00:00',6)")
    db.execute("INSERT INTO pictures (shop, env, sha256, picture_path, created_at) "
               "VALUES ('shop','local','ab','https://img/p.jpg','2025-01-01T00:00:00')")
    db.commit()
    db.close()


def test_v1_journal_is_migrated_keeping_the_most_advanced_state(tmp_path: Path) -> None:
    """v1 kept one row per sheet: the same outer_id under two sheets becomes one row, in the
    most advanced state (listed > add_sent > the rest), never losing an add_sent or a num_iid."""
    path = tmp_path / "journal.sqlite3"
    _v1_file(path)
    any_sheet = Scope("shop", "local", "a-renamed-copy")
    with Journal(path) as j:
        got = {k: j.get(any_sheet, k) for k in "ABCDEF"}
        assert {k: (r.state, r.num_iid) for k, r in got.items()} == {
            "A": (RowState.LISTED, 1001),
            "B": (RowState.ADD_SENT, None),  # reconciled before anything is sent again
            "C": (RowState.LISTED, 1003),
            "D": (RowState.FAILED, None),  # the latest of the others
            "E": (RowState.LISTED, 1005),  # listed twice (the old bug): the oldest item
            "F": (RowState.FAILED, 1007),  # the num_iid survives
        }
        assert (got["C"].sheet, got["C"].extras_total, got["C"].extras_done) == ("s2", 2, 1)
        assert got["B"].attempts == 2
        assert j.get(Scope("shop", "sandbox", "x"), "A").num_iid == 2001
        assert set(j.rows(Scope("shop", "local", "s2"))) == {"B", "C", "D", "E", "F"}
        assert j.runs(Scope("shop", "local", "s1"))[0][0] == 1
        assert j.picture_path("shop", "local", "ab") == "https://img/p.jpg"
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    # nothing is thrown away: the v1 rows stay in an archive table
    assert db.execute("SELECT COUNT(*) FROM rows_v1").fetchone()[0] == 13
    db.close()
    with Journal(path) as j:  # opening again changes nothing
        assert j.get(any_sheet, "E").num_iid == 1005


def test_picture_sources_say_which_pictures_are_already_in_the_picture_space(
        tmp_path: Path) -> None:
    with Journal(tmp_path / "j.db") as j:
        j.put_picture_source("s", "local", "path:a.jpg", "aa" * 32)
        j.put_picture_source("s", "local", "url:https://x/b.jpg", "bb" * 32)
        assert j.uploaded_sources("s", "local", ["path:a.jpg", "url:https://x/b.jpg"]) == set()
        j.put_picture("s", "local", "aa" * 32, "https://img/a.jpg")
        assert j.uploaded_sources("s", "local", ["path:a.jpg", "url:https://x/b.jpg",
                                                 "path:c.jpg"]) == {"path:a.jpg"}
        assert j.uploaded_sources("s", "sandbox", ["path:a.jpg"]) == set()
        j.put_picture_source("s", "local", "path:a.jpg", "cc" * 32)  # the file was replaced
        assert j.uploaded_sources("s", "local", ["path:a.jpg"]) == set()


@pytest.mark.parametrize("damage", ["garbage", "torn"])
def test_a_damaged_journal_is_kept_aside_and_a_fresh_one_takes_over(
        tmp_path: Path, damage: str) -> None:
    path = tmp_path / "journal.sqlite3"
    scope = Scope("shop", "local", "a.xlsx")
    with Journal(path) as journal:
        journal.ensure_rows(scope, [(f"K{i}", i, "fp") for i in range(400)])
    if damage == "garbage":
        path.write_bytes(b"this is not a database, a sync tool wrote over it" * 100)
    else:  # a torn write: the header survives, the pages behind it are overwritten
        data = bytearray(path.read_bytes())
        data[4096:8192] = b"\xff" * 4096
        path.write_bytes(bytes(data))
    damaged = path.read_bytes()
    with Journal(path) as journal:
        assert journal.set_aside is not None
        assert journal.set_aside.parent == tmp_path
        assert journal.set_aside.read_bytes() == damaged  # kept byte for byte, never deleted
        assert journal.recovered_from == str(journal.set_aside)
        assert journal.rows(scope) == {}
        journal.ensure_rows(scope, [("K1", 2, "fp")])
    with Journal(path) as again:  # the fresh journal is healthy and remembers the recovery
        assert again.set_aside is None
        assert again.recovered_from is not None
        assert again.untold_recovery() == again.recovered_from  # told once, by the next run
        assert again.untold_recovery() is None
        assert set(again.rows(scope)) == {"K1"}


# The journal as version 2 first shipped (before runs kept their items and undos): a real file.
V2_SHIPPED = """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    shop TEXT NOT NULL, env TEXT NOT NULL, sheet TEXT NOT NULL,
    started_at TEXT NOT NULL, finished_at TEXT, rows_total INTEGER NOT NULL DEFAULT 0,
    outcome TEXT, summary TEXT
);
CREATE TABLE rows (
    shop TEXT NOT NULL, env TEXT NOT NULL, key TEXT NOT NULL,
    sheet TEXT NOT NULL, sheet_row INTEGER NOT NULL, state TEXT NOT NULL, num_iid INTEGER,
    kind TEXT, code INTEGER, sub_code TEXT, message TEXT, request_id TEXT,
    attempts INTEGER NOT NULL DEFAULT 0, fingerprint TEXT, price TEXT, num INTEGER,
    extras_total INTEGER NOT NULL DEFAULT 0, extras_done INTEGER NOT NULL DEFAULT 0,
    run_id INTEGER, updated_at TEXT NOT NULL, sent TEXT, remote_key TEXT, renamed_to TEXT,
    PRIMARY KEY (shop, env, key)
);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def test_a_journal_from_before_runs_kept_their_items_gains_them(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(V2_SHIPPED)
    db.execute("INSERT INTO runs (shop, env, sheet, started_at) VALUES "
               "('demo_shop', 'local', 's', '2026-01-01T00:00:00+00:00')")
    for key, state, num_iid in (("A", "listed", 11), ("B", "failed", None), ("C", "listed", 12)):
        db.execute("INSERT INTO rows (shop, env, key, sheet, sheet_row, state, num_iid, run_id, "
                   "updated_at) VALUES ('demo_shop', 'local', ?, 's', 2, ?, ?, 1, 'x')",
                   (key, state, num_iid))
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    db.commit()
    db.close()
    with Journal(path) as j:
        (info,) = j.run_list("demo_shop", "local")
        assert (info.id, info.kind, info.created, info.on_shelf) == (1, "upload", 2, 2)
        assert [i.num_iid for i in j.run_items("demo_shop", "local", 1)] == [11, 12]
        assert j.get(SCOPE, "A").shelf is None


def test_an_edit_records_exactly_what_reached_taobao(tmp_path: Path) -> None:
    sent = {"outer_id": "G1", "title": "旧标题", "price": "10.00", "num": "5", "sell_point": "x"}
    with Journal(tmp_path / "j.sqlite3") as j:
        j.ensure_row(SCOPE, "A1", 2, "fp")
        j.mark_add_sent(SCOPE, "A1", fingerprint="fp", price=Decimal("10.00"), num=5,
                        extras_total=0, sent=sent, via="schema")
        j.mark_listed(SCOPE, "A1", 1001, created=True)
        j.mark_error(SCOPE, "A1", kind="row", code=15, sub_code="x", message="拒绝",
                     request_id=None, state=None)
        j.mark_sent(SCOPE, "A1", {"title": "新标题", "sell_point": None, "outer_id": "A1"},
                    fingerprint="fp2")
        rec = j.get(SCOPE, "A1")
        assert rec.sent == {"outer_id": "A1", "title": "新标题", "price": "10.00", "num": "5"}
        assert (rec.via, rec.fingerprint, rec.kind, rec.message) == ("schema", "fp2", None, None)
        assert rec.remote_key is None
        assert [i.num_iid for i in j.run_items("demo_shop", "local", 0)] == []
