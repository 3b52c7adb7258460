"""The journal's tables, and the migration of older databases (run once, in one transaction).

Version 2 keys ``rows`` by (shop, env, key): what is listed is known per shop + environment +
outer_id whatever the sheet file is called or wherever it was copied; ``sheet`` is an attribute
(the last sheet that showed the row) that only groups rows for display. Version 1 keyed rows by
sheet too, so a renamed copy of a sheet was a stranger to the journal (and `--no-lookup` listed
it again).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

SCHEMA_VERSION = 2

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    shop TEXT NOT NULL, env TEXT NOT NULL, sheet TEXT NOT NULL,
    started_at TEXT NOT NULL, finished_at TEXT, rows_total INTEGER NOT NULL DEFAULT 0,
    outcome TEXT, summary TEXT,
    publisher TEXT, counts TEXT, kind TEXT NOT NULL DEFAULT 'upload', target_run INTEGER,
    sheet_name TEXT
);
CREATE TABLE IF NOT EXISTS rows (
    shop TEXT NOT NULL, env TEXT NOT NULL, key TEXT NOT NULL,
    sheet TEXT NOT NULL, sheet_row INTEGER NOT NULL,
    state TEXT NOT NULL,
    num_iid INTEGER,
    kind TEXT, code INTEGER, sub_code TEXT, message TEXT, request_id TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    fingerprint TEXT,
    price TEXT, num INTEGER,
    extras_total INTEGER NOT NULL DEFAULT 0, extras_done INTEGER NOT NULL DEFAULT 0,
    run_id INTEGER,
    updated_at TEXT NOT NULL,
    sent TEXT,
    remote_key TEXT,
    renamed_to TEXT,
    via TEXT,
    shelf TEXT,
    shelf_run INTEGER,
    PRIMARY KEY (shop, env, key)
);
CREATE INDEX IF NOT EXISTS rows_state ON rows (shop, env, state);
CREATE INDEX IF NOT EXISTS rows_sheet ON rows (shop, env, sheet);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pictures (
    shop TEXT NOT NULL, env TEXT NOT NULL, sha256 TEXT NOT NULL,
    picture_path TEXT NOT NULL, picture_id INTEGER, size INTEGER,
    created_at TEXT NOT NULL,
    PRIMARY KEY (shop, env, sha256)
);
CREATE TABLE IF NOT EXISTS run_items (
    run_id INTEGER NOT NULL, shop TEXT NOT NULL, env TEXT NOT NULL, key TEXT NOT NULL,
    num_iid INTEGER NOT NULL, created_at TEXT NOT NULL,
    PRIMARY KEY (run_id, shop, env, num_iid)
);
CREATE INDEX IF NOT EXISTS run_items_item ON run_items (shop, env, num_iid);
CREATE TABLE IF NOT EXISTS picture_sources (
    shop TEXT NOT NULL, env TEXT NOT NULL, identity TEXT NOT NULL, sha256 TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (shop, env, identity)
);
"""
# meta:       ``recovered_from`` = the damaged journal this one replaced (kept aside): from then on
#             rows the journal does not know are always looked up on the shop first
# sent:       JSON of app.upload.fields.sent_fields as item.add sent them, price/num kept up to
#             date by updates: Taobao's copy of the row (NULL for rows listed before v2)
# remote_key: the outer_id the item carries on Taobao when it is not ``key`` (a row listed
#             under a generated key whose sheet row later got a 商家编码)
# renamed_to: on such a generated key's row, the 商家编码 that took it over
# via:        the publisher whose call created the item: ``item.add`` or ``schema``
#             (alibaba.item.publish.submit); a schema submit carries the extra pictures too
# shelf:      what an undo did to the listed item: NULL (as listed), ``down_sent`` /
#             ``taken_down``, ``up_sent`` (back to NULL once done), ``delete_sent`` / ``deleted``;
#             ``*_sent`` is committed before the call leaves, like add_sent (all three calls can
#             be sent again safely); ``shelf_run`` = the upload run whose undo it was
# runs:       ``publisher`` the publish path the run used (``item.add``, ``schema``, or
#             ``item.add→schema`` after an automatic switch); ``counts`` JSON of the summary's
#             numbers; ``kind`` ``upload`` or ``undo`` / ``relist`` / ``delete`` (then
#             ``target_run`` = the upload run it acted on); ``sheet_name`` the file's name
#             (``sheet`` is its identity, a hash)
# run_items:  the items each upload run created (a create answered, or an add_sent of that run
#             found by its outer_id): what `taoshelf undo RUN` takes down
# picture_sources: which picture (sha256 of the prepared bytes) a path, URL or embedded picture
#             became last time; only for estimating the picture space a run needs (added without
#             a version change: CREATE TABLE IF NOT EXISTS runs on every open)

# Columns added to version 2 after it shipped (older programs ignore them; never a new version)
_ADDED_COLUMNS = (
    ("rows", "via", "TEXT"), ("rows", "shelf", "TEXT"), ("rows", "shelf_run", "INTEGER"),
    ("runs", "publisher", "TEXT"), ("runs", "counts", "TEXT"),
    ("runs", "kind", "TEXT NOT NULL DEFAULT 'upload'"), ("runs", "target_run", "INTEGER"),
    ("runs", "sheet_name", "TEXT"),
)
_V1_COLUMNS = ("shop, env, sheet, key, sheet_row, state, num_iid, kind, code, sub_code, message, "
               "request_id, attempts, fingerprint, price, num, extras_total, extras_done, run_id, "
               "updated_at")
_STATE, _NUM_IID, _UPDATED_AT = 5, 6, 19  # positions in _V1_COLUMNS
_RANK = {"listed": 0, "add_sent": 1}  # every other state: 2


DAMAGED = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB"})  # errors that mean the file is broken


def open_db(path: Path, lock: threading.RLock) -> sqlite3.Connection:
    """The journal's connection (WAL, ``synchronous=FULL``), checked (``quick_check``) and
    migrated; a damaged file raises ``sqlite3.DatabaseError`` with a name in `DAMAGED`."""
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30.0)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA busy_timeout=30000")
        verdict = db.execute("PRAGMA quick_check").fetchone()
        if verdict is None or verdict[0] != "ok":
            err = sqlite3.DatabaseError(f"journal failed its check: {verdict}")
            err.sqlite_errorname = "SQLITE_CORRUPT"  # type: ignore[attr-defined]
            raise err
        with lock:
            create_or_migrate(db)
    except BaseException:
        db.close()
        raise
    return db


def put_aside(path: Path) -> Path:
    """Move a damaged journal (and its WAL/shm files) aside, never deleting it."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.stem}.damaged-{stamp}-{n}{path.suffix}")
    for suffix in ("-wal", "-shm"):
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            extra.replace(aside.with_name(aside.name + suffix))
    path.replace(aside)
    return aside


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def create_or_migrate(db: sqlite3.Connection) -> None:
    """Create the tables, or bring an older database to `SCHEMA_VERSION`, in one IMMEDIATE
    transaction (two processes opening an old file at once: the second finds it migrated).
    (Not ``executescript``: it would commit the transaction first.)"""
    db.execute("BEGIN IMMEDIATE")
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise RuntimeError(f"journal version {version} is newer than this program")
        columns = {r[1] for r in db.execute("PRAGMA table_info(rows)")}
        v1_rows = None
        if columns and "renamed_to" not in columns:  # version 1
            v1_rows = db.execute(f"SELECT {_V1_COLUMNS} FROM rows").fetchall()  # noqa: S608
            db.execute("ALTER TABLE rows RENAME TO rows_v1")  # kept: nothing is thrown away
            db.execute("DROP INDEX IF EXISTS rows_state")
        for table, column, decl in _ADDED_COLUMNS:  # added without a version change
            have = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
            if have and column not in have:
                db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")
        had_run_items = db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND "
                                   "name='run_items'").fetchone() is not None
        for statement in _statements(SCHEMA):
            db.execute(statement)
        if v1_rows is not None:
            db.executemany(
                f"INSERT INTO rows ({_V1_COLUMNS}) VALUES ({','.join('?' * 20)})",  # noqa: S608
                merge_v1(v1_rows))
        if not had_run_items:  # runs before run_items: a listed row's run sent its create
            db.execute("INSERT OR IGNORE INTO run_items (run_id, shop, env, key, num_iid, "
                       "created_at) SELECT run_id, shop, env, key, num_iid, updated_at FROM rows "
                       "WHERE state='listed' AND run_id IS NOT NULL AND num_iid IS NOT NULL "
                       "AND renamed_to IS NULL")
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def merge_v1(rows: Sequence[tuple]) -> list[tuple]:
    """v1 rows (one per sheet) → one row per (shop, env, key): the most advanced state wins
    (listed, then add_sent, then the latest of the rest); a key listed under two sheets (the
    duplicate v2 prevents) keeps the oldest item, as the reconcile does; if the winner has no
    num_iid but another row of the key has one, it is kept."""
    groups: dict[tuple[str, str, str], list[tuple]] = {}
    for r in rows:
        groups.setdefault((r[0], r[1], r[3]), []).append(r)
    merged = []
    for group in groups.values():
        ordered = sorted(group, key=lambda r: r[_UPDATED_AT], reverse=True)
        ordered.sort(key=lambda r: (_RANK.get(r[_STATE], 2),
                                    r[_NUM_IID] or 0 if r[_STATE] == "listed" else 0))
        best = list(ordered[0])
        if best[_NUM_IID] is None:
            best[_NUM_IID] = next((r[_NUM_IID] for r in ordered if r[_NUM_IID]), None)
        merged.append(tuple(best))
    return merged
