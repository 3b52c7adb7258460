"""The journal's runs (a mixin of `app.upload.journal.Journal`): each run with its sheet, shop,
environment, publish path and counts; the items each upload run created (``run_items``); and
what an undo did to each of them (``rows.shelf``: taken down, deleted, put back).

An undo is journaled like a create: ``down_sent`` (``up_sent``, ``delete_sent``) is committed
before the call leaves and replaced by the result after it, so an undo interrupted halfway
continues where it stopped (each of the three calls may be sent again safely).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class Shelf(StrEnum):
    """What an undo did to a listed item (``rows.shelf``; NULL = as listed)."""

    DOWN_SENT = "down_sent"
    TAKEN_DOWN = "taken_down"
    UP_SENT = "up_sent"
    DELETE_SENT = "delete_sent"
    DELETED = "deleted"


@dataclass(frozen=True, slots=True)
class RunInfo:
    """One run as `taoshelf runs` and the window's 上架记录 list it."""

    id: int
    shop: str
    env: str
    sheet: str  # identity
    sheet_name: str  # the file's name ("" for runs recorded before it was kept)
    started_at: str  # ISO, UTC
    finished_at: str | None
    outcome: str | None
    kind: str  # upload | undo | relist | delete
    target_run: int | None
    publisher: str | None
    counts: dict[str, int]
    created: int  # items this upload run created
    on_shelf: int  # …of which are as listed now (not taken down, not deleted)
    taken_down: int
    deleted: int


@dataclass(frozen=True, slots=True)
class RunItem:
    """An item a run created, with what the journal knows of it now."""

    key: str
    num_iid: int
    shelf: Shelf | None
    via: str | None  # item.add | schema
    num: int | None  # stock as last sent
    has_skus: bool
    instock: bool  # listed into the warehouse (上架状态 仓库中)
    row_key: str  # the journal row holding it now (a 商家编码 that took a generated key over)


_RUN_COLUMNS = ("r.id, r.shop, r.env, r.sheet, COALESCE(r.sheet_name, ''), r.started_at, "
                "r.finished_at, r.outcome, COALESCE(r.kind, 'upload'), r.target_run, "
                "r.publisher, r.counts")
_ITEM_STATES = ("SELECT COUNT(*), SUM(w.shelf IS NULL OR w.shelf IN ('up_sent')), "
                "SUM(w.shelf IN ('down_sent', 'taken_down')), "
                "SUM(w.shelf IN ('delete_sent', 'deleted')) FROM run_items i "
                "LEFT JOIN rows w ON w.shop=i.shop AND w.env=i.env AND w.key=i.key "
                "WHERE i.run_id=? AND i.shop=? AND i.env=?")


class RunRecords:
    """Needs ``_tx()`` (the locked connection) and ``_write(sql, args)``."""

    def _tx(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _write(self, sql: str, args: Iterable[object] = ()) -> int:
        raise NotImplementedError

    # -- runs -------------------------------------------------------------------------------
    def start_run(self, scope: object, rows_total: int, *, sheet_name: str = "",
                  publisher: str | None = None, kind: str = "upload",
                  target_run: int | None = None) -> int:
        shop, env, sheet = (getattr(scope, name) for name in ("shop", "env", "sheet"))
        with self._tx() as db:
            cur = db.execute(
                "INSERT INTO runs (shop, env, sheet, started_at, rows_total, sheet_name, "
                "publisher, kind, target_run) VALUES (?,?,?,?,?,?,?,?,?)",
                (shop, env, sheet, _now(), rows_total, sheet_name or None, publisher, kind,
                 target_run),
            )
            return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, outcome: str, summary: str, *,
                   counts: Mapping[str, int] | None = None,
                   publisher: str | None = None) -> None:
        self._write(
            "UPDATE runs SET finished_at=?, outcome=?, summary=?, "
            "counts=COALESCE(?, counts), publisher=COALESCE(?, publisher) WHERE id=?",
            (_now(), outcome, summary,
             json.dumps(dict(counts), ensure_ascii=False) if counts is not None else None,
             publisher, run_id),
        )

    def set_run_publisher(self, run_id: int, publisher: str) -> None:
        self._write("UPDATE runs SET publisher=? WHERE id=?", (publisher, run_id))

    def runs(self, scope: object) -> list[tuple[int, str, str | None, str | None]]:
        """(id, started_at, finished_at, outcome) of every run on this scope, oldest first."""
        shop, env, sheet = (getattr(scope, name) for name in ("shop", "env", "sheet"))
        with self._tx() as db:
            return list(db.execute(
                "SELECT id, started_at, finished_at, outcome FROM runs "
                "WHERE shop=? AND env=? AND sheet=? ORDER BY id", (shop, env, sheet)))

    def run_list(self, shop: str | None = None, env: str | None = None, *,
                 limit: int = 50) -> list[RunInfo]:
        """The latest runs (newest first), of one shop/environment when given."""
        where, args = [], []
        if shop is not None:
            where.append("r.shop=?")
            args.append(shop)
        if env is not None:
            where.append("r.env=?")
            args.append(env)
        sql = (f"SELECT {_RUN_COLUMNS} FROM runs r"  # noqa: S608
               + (f" WHERE {' AND '.join(where)}" if where else "")
               + " ORDER BY r.id DESC LIMIT ?")
        with self._tx() as db:
            found = db.execute(sql, (*args, limit)).fetchall()
            return [self._info(db, r) for r in found]

    def run_info(self, run_id: int) -> RunInfo | None:
        with self._tx() as db:
            r = db.execute(f"SELECT {_RUN_COLUMNS} FROM runs r WHERE r.id=?",  # noqa: S608
                           (run_id,)).fetchone()
            return self._info(db, r) if r else None

    @staticmethod
    def _info(db: sqlite3.Connection, r: tuple) -> RunInfo:
        created, on_shelf, down, deleted = db.execute(_ITEM_STATES, (r[0], r[1], r[2])).fetchone()
        try:
            counts = json.loads(r[11]) if r[11] else {}
        except ValueError:
            counts = {}
        return RunInfo(
            id=r[0], shop=r[1], env=r[2], sheet=r[3], sheet_name=r[4], started_at=r[5],
            finished_at=r[6], outcome=r[7], kind=r[8], target_run=r[9], publisher=r[10],
            counts={k: int(v) for k, v in counts.items() if isinstance(v, int)},
            created=int(created or 0), on_shelf=int(on_shelf or 0), taken_down=int(down or 0),
            deleted=int(deleted or 0))

    # -- items a run created ----------------------------------------------------------------
    def mark_created(self, shop: str, env: str, key: str, num_iid: int) -> None:
        """The item of ``key`` was created by the run that sent its add (``rows.run_id``)."""
        self._write(
            "INSERT OR IGNORE INTO run_items (run_id, shop, env, key, num_iid, created_at) "
            "SELECT run_id, shop, env, key, ?, ? FROM rows "
            "WHERE shop=? AND env=? AND key=? AND run_id IS NOT NULL",
            (num_iid, _now(), shop, env, key))

    def run_items(self, shop: str, env: str, run_id: int) -> list[RunItem]:
        """The items ``run_id`` created, in the order they were created. The journal row of
        each is found by its 宝贝ID (a 商家编码 filled in later holds the item now)."""
        with self._tx() as db:
            found = db.execute(
                "SELECT i.key, i.num_iid, w.shelf, w.via, w.num, w.sent, w.key FROM run_items i "
                "LEFT JOIN rows w ON w.shop=i.shop AND w.env=i.env AND w.num_iid=i.num_iid "
                "AND w.renamed_to IS NULL "
                "WHERE i.run_id=? AND i.shop=? AND i.env=? ORDER BY i.created_at, i.key",
                (run_id, shop, env)).fetchall()
        out: dict[int, RunItem] = {}
        for key, num_iid, shelf, via, num, sent, row_key in found:
            doc = _loads(sent)
            out.setdefault(num_iid, RunItem(
                key, num_iid, Shelf(shelf) if shelf else None, via, num,
                has_skus=bool(doc.get("sku_properties")),
                instock=doc.get("approve_status") == "instock", row_key=row_key or key))
        return list(out.values())

    def set_shelf(self, shop: str, env: str, num_iid: int, shelf: Shelf | None, *,
                  run_id: int | None = None) -> None:
        """Every journal row of the item (a generated key and the 商家编码 that took it over)."""
        self._write("UPDATE rows SET shelf=?, shelf_run=COALESCE(?, shelf_run), updated_at=? "
                    "WHERE shop=? AND env=? AND num_iid=?",
                    (shelf.value if shelf is not None else None, run_id, _now(), shop, env,
                     num_iid))


def _loads(text: str | None) -> dict[str, object]:
    try:
        doc = json.loads(text) if text else {}
    except ValueError:
        return {}
    return doc if isinstance(doc, dict) else {}
