"""The upload journal: one SQLite database that remembers every row's state across crashes.

Durability: WAL mode with ``synchronous=FULL``. In WAL mode FULL syncs the WAL file on every
commit, so a committed ``add_sent`` survives a power cut, not only a process crash; NORMAL would
only lose the last commits on power loss, and losing an ``add_sent`` is exactly the duplicate we
exist to prevent. The cost is one fsync per state change (a few per row), small next to an API
call. Threads share one connection guarded by a lock (writes are tiny; SQLite serialises writers
anyway), and other processes are handled by WAL plus a busy timeout.

Nothing secret is ever stored: no app secret, no session token, no sign.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from app import paths

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    shop TEXT NOT NULL, env TEXT NOT NULL, sheet TEXT NOT NULL,
    started_at TEXT NOT NULL, finished_at TEXT, rows_total INTEGER NOT NULL DEFAULT 0,
    outcome TEXT, summary TEXT
);
CREATE TABLE IF NOT EXISTS rows (
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
CREATE INDEX IF NOT EXISTS rows_state ON rows (shop, env, state);
CREATE TABLE IF NOT EXISTS pictures (
    shop TEXT NOT NULL, env TEXT NOT NULL, sha256 TEXT NOT NULL,
    picture_path TEXT NOT NULL, picture_id INTEGER, size INTEGER,
    created_at TEXT NOT NULL,
    PRIMARY KEY (shop, env, sha256)
);
"""


class RowState(StrEnum):
    """Row states of docs/architecture.md (plus ``waiting_quota``)."""

    PENDING = "pending"
    IMAGES_UPLOADED = "images_uploaded"
    ADD_SENT = "add_sent"  # committed before item.add leaves: outcome unknown until reconciled
    LISTED = "listed"  # num_iid known; extras_done < extras_total means pictures still to attach
    FAILED = "failed"
    WAITING_QUOTA = "waiting_quota"


@dataclass(frozen=True, slots=True)
class Scope:
    """Which journal rows a run works on: one shop, one environment, one sheet."""

    shop: str
    env: str
    sheet: str


@dataclass(frozen=True, slots=True)
class RowRecord:
    key: str
    sheet_row: int
    state: RowState
    num_iid: int | None
    kind: str | None
    code: int | None
    sub_code: str | None
    message: str | None
    request_id: str | None
    attempts: int
    fingerprint: str | None
    price: Decimal | None
    num: int | None
    extras_total: int
    extras_done: int
    updated_at: str

    @property
    def pictures_pending(self) -> bool:
        return self.state is RowState.LISTED and self.extras_done < self.extras_total


_ROW_COLUMNS = (
    "key, sheet_row, state, num_iid, kind, code, sub_code, message, request_id, attempts, "
    "fingerprint, price, num, extras_total, extras_done, updated_at"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _record(r: tuple) -> RowRecord:
    return RowRecord(
        key=r[0], sheet_row=r[1], state=RowState(r[2]), num_iid=r[3], kind=r[4], code=r[5],
        sub_code=r[6], message=r[7], request_id=r[8], attempts=r[9], fingerprint=r[10],
        price=Decimal(r[11]) if r[11] is not None else None, num=r[12], extras_total=r[13],
        extras_done=r[14], updated_at=r[15],
    )


def default_path() -> Path:
    return paths.data_dir() / "journal.sqlite3"


class Journal:
    """Thread-safe access to the journal database (one connection, one lock)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False, timeout=30.0
        )
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA busy_timeout=30000")
        with self._tx():
            self._db.executescript("BEGIN IMMEDIATE;" + _SCHEMA + "COMMIT;")
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    # -- plumbing ---------------------------------------------------------------------------
    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._db

    def _write(self, sql: str, args: Iterable[object] = ()) -> int:
        with self._tx() as db:
            return db.execute(sql, tuple(args)).rowcount

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- runs -------------------------------------------------------------------------------
    def start_run(self, scope: Scope, rows_total: int) -> int:
        with self._tx() as db:
            cur = db.execute(
                "INSERT INTO runs (shop, env, sheet, started_at, rows_total) VALUES (?,?,?,?,?)",
                (scope.shop, scope.env, scope.sheet, _now(), rows_total),
            )
            return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, outcome: str, summary: str) -> None:
        self._write(
            "UPDATE runs SET finished_at=?, outcome=?, summary=? WHERE id=?",
            (_now(), outcome, summary, run_id),
        )

    def runs(self, scope: Scope) -> list[tuple[int, str, str | None, str | None]]:
        """(id, started_at, finished_at, outcome) of every run on this scope, oldest first."""
        with self._tx() as db:
            return list(
                db.execute(
                    "SELECT id, started_at, finished_at, outcome FROM runs "
                    "WHERE shop=? AND env=? AND sheet=? ORDER BY id",
                    (scope.shop, scope.env, scope.sheet),
                )
            )

    # -- rows -------------------------------------------------------------------------------
    def get(self, scope: Scope, key: str) -> RowRecord | None:
        with self._tx() as db:
            r = db.execute(
                f"SELECT {_ROW_COLUMNS} FROM rows WHERE shop=? AND env=? AND sheet=? AND key=?",  # noqa: S608 (constant columns)
                (scope.shop, scope.env, scope.sheet, key),
            ).fetchone()
        return _record(r) if r else None

    def rows(self, scope: Scope) -> dict[str, RowRecord]:
        with self._tx() as db:
            found = db.execute(
                f"SELECT {_ROW_COLUMNS} FROM rows WHERE shop=? AND env=? AND sheet=?",  # noqa: S608
                (scope.shop, scope.env, scope.sheet),
            ).fetchall()
        return {r[0]: _record(r) for r in found}

    def ensure_row(self, scope: Scope, key: str, sheet_row: int, fingerprint: str) -> None:
        """Insert the row as ``pending`` unless it is known; keep its sheet row number current."""
        with self._tx() as db:
            db.execute(
                "INSERT INTO rows (shop, env, sheet, key, sheet_row, state, fingerprint, "
                "updated_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO UPDATE SET "
                "sheet_row=excluded.sheet_row",
                (scope.shop, scope.env, scope.sheet, key, sheet_row, RowState.PENDING,
                 fingerprint, _now()),
            )

    def ensure_rows(self, scope: Scope, rows: Iterable[tuple[str, int, str]]) -> None:
        """`ensure_row` for many (key, sheet_row, fingerprint) in one transaction (one fsync)."""
        now = _now()
        args = [(scope.shop, scope.env, scope.sheet, key, row, RowState.PENDING, fp, now)
                for key, row, fp in rows]
        with self._tx() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.executemany(
                    "INSERT INTO rows (shop, env, sheet, key, sheet_row, state, fingerprint, "
                    "updated_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO UPDATE SET "
                    "sheet_row=excluded.sheet_row", args)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def set_state(self, scope: Scope, key: str, state: RowState, *, run_id: int | None = None,
                  clear_error: bool = True) -> None:
        extra = ", kind=NULL, code=NULL, sub_code=NULL, message=NULL, request_id=NULL" if (
            clear_error) else ""
        self._write(
            f"UPDATE rows SET state=?, run_id=COALESCE(?, run_id), updated_at=?{extra} "  # noqa: S608
            "WHERE shop=? AND env=? AND sheet=? AND key=?",
            (state, run_id, _now(), scope.shop, scope.env, scope.sheet, key),
        )

    def mark_add_sent(self, scope: Scope, key: str, *, fingerprint: str, price: Decimal | None,
                      num: int | None, extras_total: int, run_id: int | None = None) -> None:
        """Commit ``add_sent`` (durably) — call this BEFORE item.add leaves."""
        self._write(
            "UPDATE rows SET state=?, attempts=attempts+1, fingerprint=?, price=?, num=?, "
            "extras_total=?, extras_done=0, run_id=COALESCE(?, run_id), updated_at=?, "
            "kind=NULL, code=NULL, sub_code=NULL, message=NULL, request_id=NULL "
            "WHERE shop=? AND env=? AND sheet=? AND key=?",
            (RowState.ADD_SENT, fingerprint, str(price) if price is not None else None, num,
             extras_total, run_id, _now(), scope.shop, scope.env, scope.sheet, key),
        )

    def mark_listed(self, scope: Scope, key: str, num_iid: int, *, request_id: str | None = None,
                    extras_total: int | None = None, fingerprint: str | None = None,
                    price: Decimal | None = None, num: int | None = None) -> None:
        """The item exists with ``num_iid`` (created by us, found by reconciling, or updated)."""
        self._write(
            "UPDATE rows SET state=?, num_iid=?, request_id=?, "
            "extras_total=COALESCE(?, extras_total), fingerprint=COALESCE(?, fingerprint), "
            "price=COALESCE(?, price), num=COALESCE(?, num), updated_at=?, "
            "kind=NULL, code=NULL, sub_code=NULL, message=NULL "
            "WHERE shop=? AND env=? AND sheet=? AND key=?",
            (RowState.LISTED, num_iid, request_id, extras_total, fingerprint,
             str(price) if price is not None else None, num, _now(),
             scope.shop, scope.env, scope.sheet, key),
        )

    def mark_extra_done(self, scope: Scope, key: str, extras_done: int) -> None:
        self._write(
            "UPDATE rows SET extras_done=?, updated_at=? "
            "WHERE shop=? AND env=? AND sheet=? AND key=?",
            (extras_done, _now(), scope.shop, scope.env, scope.sheet, key),
        )

    def mark_error(self, scope: Scope, key: str, *, kind: str, code: int | None,
                   sub_code: str | None, message: str, request_id: str | None,
                   state: RowState | None = RowState.FAILED,
                   fingerprint: str | None = None) -> None:
        """Record an error. ``state=None`` keeps the state (e.g. a listed row whose extra picture
        failed, or an ``add_sent`` row whose lookup failed)."""
        set_state = "state=?, " if state is not None else ""
        args: list[object] = [state] if state is not None else []
        args += [kind, code, sub_code, message, request_id, fingerprint, _now(),
                 scope.shop, scope.env, scope.sheet, key]
        self._write(
            f"UPDATE rows SET {set_state}kind=?, code=?, sub_code=?, message=?, request_id=?, "  # noqa: S608
            "fingerprint=COALESCE(?, fingerprint), updated_at=? "
            "WHERE shop=? AND env=? AND sheet=? AND key=?",
            args,
        )

    def count_by_state(self, scope: Scope) -> dict[RowState, int]:
        with self._tx() as db:
            found = db.execute(
                "SELECT state, COUNT(*) FROM rows WHERE shop=? AND env=? AND sheet=? "
                "GROUP BY state",
                (scope.shop, scope.env, scope.sheet),
            ).fetchall()
        return {RowState(s): n for s, n in found}

    # -- pictures ---------------------------------------------------------------------------
    def picture_path(self, shop: str, env: str, sha256: str) -> str | None:
        with self._tx() as db:
            r = db.execute(
                "SELECT picture_path FROM pictures WHERE shop=? AND env=? AND sha256=?",
                (shop, env, sha256),
            ).fetchone()
        return r[0] if r else None

    def put_picture(self, shop: str, env: str, sha256: str, picture_path: str, *,
                    picture_id: int | None = None, size: int | None = None) -> None:
        self._write(
            "INSERT OR REPLACE INTO pictures (shop, env, sha256, picture_path, picture_id, size, "
            "created_at) VALUES (?,?,?,?,?,?,?)",
            (shop, env, sha256, picture_path, picture_id, size, _now()),
        )
