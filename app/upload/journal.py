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

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from app import paths
from app.upload.fields import money
from app.upload.journal_pictures import PictureRecords
from app.upload.journal_runs import RunInfo, RunItem, RunRecords, Shelf
from app.upload.journal_schema import DAMAGED, SCHEMA_VERSION, open_db, put_aside

__all__ = ["SCHEMA_VERSION", "Journal", "RowRecord", "RowState", "RunInfo", "RunItem", "Scope",
           "Shelf", "default_path"]
_IN_BATCH = 500  # keys per ``IN (...)`` query (SQLite allows 999 parameters by default)

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
    """Where a run works: one shop, one environment, one sheet. A row is known per shop + env
    + key whatever the sheet; the sheet only groups runs and rows for display."""

    shop: str
    env: str
    sheet: str
    sheet_name: str = field(default="", compare=False)  # the file's name, for the run list


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
    sheet: str = ""  # the sheet that last showed the row
    sent: dict[str, object] | None = None  # Taobao's copy: `fields.sent_fields` as sent
    remote_key: str | None = None  # the item's outer_id on Taobao when it is not ``key``
    renamed_to: str | None = None  # generated key taken over by this 商家编码
    via: str | None = None  # the publisher that created the item: item.add | schema
    shelf: Shelf | None = None  # what an undo did to it (None: as listed)
    shelf_run: int | None = None  # the upload run whose undo that was

    @property
    def pictures_pending(self) -> bool:
        return self.state is RowState.LISTED and self.extras_done < self.extras_total

    @property
    def on_shop(self) -> str:
        """The outer_id the item carries on Taobao."""
        return self.remote_key or self.key


_ROW_COLUMNS = (
    "key, sheet_row, state, num_iid, kind, code, sub_code, message, request_id, attempts, "
    "fingerprint, price, num, extras_total, extras_done, updated_at, sheet, sent, remote_key, "
    "renamed_to, via, shelf, shelf_run"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _record(r: tuple) -> RowRecord:
    return RowRecord(
        key=r[0], sheet_row=r[1], state=RowState(r[2]), num_iid=r[3], kind=r[4], code=r[5],
        sub_code=r[6], message=r[7], request_id=r[8], attempts=r[9], fingerprint=r[10],
        price=Decimal(r[11]) if r[11] is not None else None, num=r[12], extras_total=r[13],
        extras_done=r[14], updated_at=r[15], sheet=r[16],
        sent=json.loads(r[17]) if r[17] else None, remote_key=r[18], renamed_to=r[19],
        via=r[20], shelf=Shelf(r[21]) if r[21] else None, shelf_run=r[22],
    )


def _money(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


def default_path() -> Path:
    return paths.data_dir() / "journal.sqlite3"


class Journal(PictureRecords, RunRecords):
    """Thread-safe access to the journal database (one connection, one lock)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self.set_aside: Path | None = None  # a damaged journal moved aside by this open
        try:
            self._db = open_db(self.path, self._lock)
        except sqlite3.DatabaseError as exc:
            if getattr(exc, "sqlite_errorname", "") not in DAMAGED:
                raise
            self.set_aside = put_aside(self.path)
            self._db = open_db(self.path, self._lock)
            self._write("INSERT OR REPLACE INTO meta (key, value) VALUES ('recovered_from', ?), "
                        "('recovered_from_untold', ?)", (str(self.set_aside),) * 2)

    @property
    def recovered_from(self) -> str | None:
        """The damaged journal this one replaced (kept aside), if it ever happened. Rows such a
        journal does not know may still be on the shop: the engine always looks them up."""
        with self._tx() as db:
            found = db.execute("SELECT value FROM meta WHERE key='recovered_from'").fetchone()
        return found[0] if found else None

    def untold_recovery(self) -> str | None:
        """The damaged journal this one replaced, the first time a run asks (then never again):
        whoever opened the journal first (the window's status query, a run), the next run tells
        the user."""
        with self._tx() as db:
            told = db.execute("UPDATE meta SET key='recovered_from_told' "
                              "WHERE key='recovered_from_untold' RETURNING value").fetchone()
        return told[0] if told else None

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

    # -- rows -------------------------------------------------------------------------------
    def get(self, scope: Scope, key: str) -> RowRecord | None:
        """The row of ``key`` on this shop + env, whichever sheet listed it."""
        with self._tx() as db:
            r = db.execute(f"SELECT {_ROW_COLUMNS} FROM rows WHERE shop=? AND env=? AND key=?",  # noqa: S608
                           (scope.shop, scope.env, key)).fetchone()
        return _record(r) if r else None

    def records(self, scope: Scope, keys: Iterable[str]) -> dict[str, RowRecord]:
        """The rows of ``keys`` on this shop + env (whichever sheet), by key."""
        wanted = list(dict.fromkeys(keys))
        out: dict[str, RowRecord] = {}
        with self._tx() as db:
            for start in range(0, len(wanted), _IN_BATCH):
                batch = wanted[start:start + _IN_BATCH]
                marks = ",".join("?" * len(batch))
                found = db.execute(
                    f"SELECT {_ROW_COLUMNS} FROM rows WHERE shop=? AND env=? "  # noqa: S608
                    f"AND key IN ({marks})", (scope.shop, scope.env, *batch)).fetchall()
                out.update((r[0], _record(r)) for r in found)
        return out

    def rows(self, scope: Scope) -> dict[str, RowRecord]:
        """The rows this sheet showed last (display; what is listed is `get`/`records`)."""
        with self._tx() as db:
            found = db.execute(
                f"SELECT {_ROW_COLUMNS} FROM rows WHERE shop=? AND env=? AND sheet=?",  # noqa: S608
                (scope.shop, scope.env, scope.sheet),
            ).fetchall()
        return {r[0]: _record(r) for r in found}

    def ensure_row(self, scope: Scope, key: str, sheet_row: int, fingerprint: str) -> None:
        """Insert the row as ``pending`` unless it is known; it now shows in this sheet."""
        self.ensure_rows(scope, [(key, sheet_row, fingerprint)])

    def ensure_rows(self, scope: Scope, rows: Iterable[tuple[str, int, str]]) -> None:
        """Insert many (key, sheet_row, fingerprint) as ``pending`` unless known, in one
        transaction (one fsync); known rows keep their state and move to this sheet and row."""
        now = _now()
        args = [(scope.shop, scope.env, key, scope.sheet, row, RowState.PENDING, fp, now)
                for key, row, fp in rows]
        with self._tx() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.executemany(
                    "INSERT INTO rows (shop, env, key, sheet, sheet_row, state, fingerprint, "
                    "updated_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO UPDATE SET "
                    "sheet=excluded.sheet, sheet_row=excluded.sheet_row", args)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def adopt(self, scope: Scope, key: str, sheet_row: int, old: RowRecord, num_iid: int) -> None:
        """``key`` (a 商家编码 the sheet gained) is the item listed under the generated key of
        ``old``: record it as listed under ``key`` (the item keeps ``old``'s outer_id and
        fields on Taobao) and remember the takeover on ``old``."""
        now = _now()
        sent = json.dumps(old.sent, ensure_ascii=False) if old.sent is not None else None
        with self._tx() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute(
                    "INSERT INTO rows (shop, env, key, sheet, sheet_row, state, num_iid, "
                    "attempts, fingerprint, price, num, extras_total, extras_done, updated_at, "
                    "sent, remote_key) VALUES (?,?,?,?,?,?,?,0,?,?,?,?,?,?,?,?) "
                    "ON CONFLICT DO UPDATE SET sheet=excluded.sheet, "
                    "sheet_row=excluded.sheet_row, state=excluded.state, "
                    "num_iid=excluded.num_iid, fingerprint=excluded.fingerprint, "
                    "price=excluded.price, num=excluded.num, "
                    "extras_total=excluded.extras_total, extras_done=excluded.extras_done, "
                    "updated_at=excluded.updated_at, sent=excluded.sent, "
                    "remote_key=excluded.remote_key, kind=NULL, code=NULL, sub_code=NULL, "
                    "message=NULL",
                    (scope.shop, scope.env, key, scope.sheet, sheet_row, RowState.LISTED,
                     num_iid, old.fingerprint, _money(old.price), old.num, old.extras_total,
                     old.extras_done, now, sent, old.on_shop))
                db.execute("UPDATE rows SET renamed_to=?, state=?, num_iid=?, updated_at=? "
                           "WHERE shop=? AND env=? AND key=?",
                           (key, RowState.LISTED, num_iid, now, scope.shop, scope.env, old.key))
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
            "WHERE shop=? AND env=? AND key=?", (state, run_id, _now(), scope.shop, scope.env, key),
        )

    def mark_add_sent(self, scope: Scope, key: str, *, fingerprint: str, price: Decimal | None,
                      num: int | None, extras_total: int, run_id: int | None = None,
                      sent: Mapping[str, object] | None = None, via: str | None = None) -> None:
        """Commit ``add_sent`` (durably) — call this BEFORE the create call leaves. ``sent``:
        the fields going out (`fields.sent_fields`), Taobao's copy once the item exists;
        ``via``: the publisher sending it (item.add or schema)."""
        self._write(
            "UPDATE rows SET state=?, attempts=attempts+1, fingerprint=?, price=?, num=?, "
            "extras_total=?, extras_done=0, run_id=COALESCE(?, run_id), updated_at=?, "
            "kind=NULL, code=NULL, sub_code=NULL, message=NULL, request_id=NULL, sent=?, "
            "remote_key=NULL, via=?, shelf=NULL WHERE shop=? AND env=? AND key=?",
            (RowState.ADD_SENT, fingerprint, _money(price), num, extras_total, run_id, _now(),
             json.dumps(sent, ensure_ascii=False) if sent is not None else None, via,
             scope.shop, scope.env, key),
        )

    def mark_listed(self, scope: Scope, key: str, num_iid: int, *, request_id: str | None = None,
                    extras_total: int | None = None, fingerprint: str | None = None,
                    extras_done: int | None = None, created: bool = False) -> None:
        """The item exists with ``num_iid`` (created by us, or found by outer_id). ``created``:
        our create call made it (answered, or an ``add_sent`` found by its outer_id): it is
        recorded as an item of the run that sent that call (`RunRecords.run_items`)."""
        self._write(
            "UPDATE rows SET state=?, num_iid=?, request_id=?, "
            "extras_total=COALESCE(?, extras_total), fingerprint=COALESCE(?, fingerprint), "
            "extras_done=COALESCE(?, extras_done), "
            "updated_at=?, kind=NULL, code=NULL, sub_code=NULL, message=NULL "
            "WHERE shop=? AND env=? AND key=?",
            (RowState.LISTED, num_iid, request_id, extras_total, fingerprint, extras_done,
             _now(), scope.shop, scope.env, key),
        )
        if created:
            self.mark_created(scope.shop, scope.env, key, num_iid)

    def mark_updated(self, scope: Scope, key: str, *, price: Decimal | None,
                     num: int | None) -> None:
        """Price and/or stock (``None``: not sent) reached Taobao: only they change in its copy."""
        values: dict[str, object] = {}
        if price is not None:
            values["price"] = money(price)
        if num is not None:
            values["num"] = str(num)
        self.mark_sent(scope, key, values)

    def mark_sent(self, scope: Scope, key: str, values: Mapping[str, object | None], *,
                  fingerprint: str | None = None) -> None:
        """These sent fields (`fields.sent_fields` names; None = the field was cleared) reached
        Taobao in an edit: Taobao's copy (``sent``) takes exactly them, an earlier refusal is
        forgotten. A sent ``outer_id`` is now the item's outer_id on Taobao (``remote_key``
        cleared)."""
        with self._tx() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                r = db.execute("SELECT sent FROM rows WHERE shop=? AND env=? AND key=?",
                               (scope.shop, scope.env, key)).fetchone()
                sent = json.loads(r[0]) if r and r[0] else None
                if sent is not None:
                    for name, value in values.items():
                        if value is None:
                            sent.pop(name, None)
                        else:
                            sent[name] = value
                price = values.get("price")
                num = values.get("num")
                db.execute(
                    "UPDATE rows SET price=COALESCE(?, price), num=COALESCE(?, num), sent=?, "
                    "remote_key=CASE WHEN ? THEN NULL ELSE remote_key END, updated_at=?, "
                    "fingerprint=COALESCE(?, fingerprint), kind=NULL, code=NULL, "
                    "sub_code=NULL, message=NULL WHERE shop=? AND env=? AND key=?",
                    (str(price) if price is not None else None,
                     int(str(num)) if num is not None else None,
                     json.dumps(sent, ensure_ascii=False) if sent is not None else None,
                     "outer_id" in values, _now(), fingerprint, scope.shop, scope.env, key))
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def mark_extra_done(self, scope: Scope, key: str, extras_done: int) -> None:
        self._write("UPDATE rows SET extras_done=?, updated_at=? WHERE shop=? AND env=? AND key=?",
                    (extras_done, _now(), scope.shop, scope.env, key))

    def mark_error(self, scope: Scope, key: str, *, kind: str, code: int | None,
                   sub_code: str | None, message: str, request_id: str | None,
                   state: RowState | None = RowState.FAILED,
                   fingerprint: str | None = None) -> None:
        """Record an error. ``state=None`` keeps the state (e.g. a listed row whose extra picture
        failed, or an ``add_sent`` row whose lookup failed)."""
        set_state = "state=?, " if state is not None else ""
        args: list[object] = [state] if state is not None else []
        args += [kind, code, sub_code, message, request_id, fingerprint, _now(),
                 scope.shop, scope.env, key]
        self._write(
            f"UPDATE rows SET {set_state}kind=?, code=?, sub_code=?, message=?, request_id=?, "  # noqa: S608
            "fingerprint=COALESCE(?, fingerprint), updated_at=? WHERE shop=? AND env=? AND key=?",
            args,
        )

    def count_by_state(self, scope: Scope) -> dict[RowState, int]:
        """States of the rows this sheet showed last."""
        with self._tx() as db:
            found = db.execute(
                "SELECT state, COUNT(*) FROM rows WHERE shop=? AND env=? AND sheet=? "
                "GROUP BY state",
                (scope.shop, scope.env, scope.sheet),
            ).fetchall()
        return {RowState(s): n for s, n in found}


def journal_notice(journal: Journal) -> str:
    """What the user must hear once after the journal file was found damaged."""
    aside = journal.untold_recovery()
    if aside is None:
        return ""
    return (f"上架记录文件已损坏，已原样另存为 {aside}（没有删除），并新建了记录。"
            "之前上架过的商品会先按商家编码向淘宝核对，不会重复上架。")
