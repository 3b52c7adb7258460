"""Unfinished runs, read from the journal: what the window offers to resume at start.

A run is unfinished when the journal has no ``finished_at`` for it (the program was closed or
crashed mid-run), or when its sheet still has rows waiting (``pending`` rows not reached,
``add_sent`` rows whose outcome is not known yet, ``waiting_quota`` rows). Plain SQLite, read
only: a missing journal is no unfinished run, and nothing is created or migrated here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

WAITING_STATES = ("pending", "add_sent", "waiting_quota")


@dataclass(frozen=True, slots=True)
class UnfinishedRun:
    sheet: str  # the sheet's identity (SheetData.identity)
    shop: str
    env: str
    run_id: int
    started_at: str  # ISO, UTC
    finished: bool  # the run ended (cancelled, quota …) but rows are left
    rows_left: int  # rows of the sheet still pending, add_sent or waiting for the quota


def unfinished_runs(journal: Path, sheets: Iterable[str]) -> list[UnfinishedRun]:
    """The latest run of each of ``sheets`` (per shop + environment) that did not finish its
    rows, newest first."""
    wanted = list(dict.fromkeys(sheets))
    if not wanted or not journal.exists():
        return []
    try:
        db = sqlite3.connect(f"{journal.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)
    except sqlite3.Error:
        return []
    try:
        return _query(db, wanted)
    except sqlite3.Error:  # a journal being migrated or damaged: nothing to offer
        return []
    finally:
        db.close()


def _query(db: sqlite3.Connection, sheets: list[str]) -> list[UnfinishedRun]:
    marks = ",".join("?" * len(sheets))
    latest = db.execute(
        "SELECT r.id, r.shop, r.env, r.sheet, r.started_at, r.finished_at FROM runs r "  # noqa: S608
        "JOIN (SELECT shop, env, sheet, MAX(id) AS id FROM runs "
        f"WHERE sheet IN ({marks}) GROUP BY shop, env, sheet) last ON last.id = r.id",
        sheets,
    ).fetchall()
    states = ",".join("?" * len(WAITING_STATES))
    out = []
    for run_id, shop, env, sheet, started_at, finished_at in latest:
        (left,) = db.execute(
            f"SELECT COUNT(*) FROM rows WHERE shop=? AND env=? AND sheet=? "  # noqa: S608
            f"AND state IN ({states})",
            (shop, env, sheet, *WAITING_STATES),
        ).fetchone()
        if finished_at is None or left:
            out.append(UnfinishedRun(sheet, shop, env, run_id, started_at,
                                     finished_at is not None, int(left)))
    out.sort(key=lambda r: r.started_at, reverse=True)
    return out
