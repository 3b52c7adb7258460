"""Unfinished runs read from the journal (what the window offers to resume)."""

from __future__ import annotations

from pathlib import Path

from app.upload.history import unfinished_runs
from app.upload.journal import Journal, RowState, Scope


def test_unfinished_runs(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    assert unfinished_runs(path, ["s1"]) == []  # no journal: nothing, and none is created
    assert not path.exists()
    with Journal(path) as journal:
        crashed = Scope("店", "local", "s1")  # started, never finished
        journal.start_run(crashed, 2)
        journal.ensure_rows(crashed, [("A", 2, "f"), ("B", 3, "f")])
        journal.mark_listed(crashed, "A", 11)

        cancelled = Scope("店", "sandbox", "s2")  # finished (cancelled), a row not reached
        run = journal.start_run(cancelled, 2)
        journal.ensure_rows(cancelled, [("C", 2, "f"), ("D", 3, "f")])
        journal.mark_listed(cancelled, "C", 12)
        journal.finish_run(run, "cancelled", "")

        done = Scope("店", "local", "s3")  # finished, every row decided
        run = journal.start_run(done, 2)
        journal.ensure_rows(done, [("E", 2, "f"), ("F", 3, "f")])
        journal.mark_listed(done, "E", 13)
        journal.set_state(done, "F", RowState.FAILED)
        journal.finish_run(run, "completed", "")

        quota = Scope("店", "local", "s4")  # stopped by the quota: rows waiting for it
        run = journal.start_run(quota, 1)
        journal.ensure_rows(quota, [("G", 2, "f")])
        journal.set_state(quota, "G", RowState.WAITING_QUOTA)
        journal.finish_run(run, "quota", "")

    found = {r.sheet: r for r in unfinished_runs(path, ["s1", "s2", "s3", "s4", "other"])}
    assert set(found) == {"s1", "s2", "s4"}
    assert (found["s1"].rows_left, found["s1"].finished) == (1, False)
    assert (found["s2"].env, found["s2"].rows_left, found["s2"].finished) == ("sandbox", 1, True)
    assert found["s4"].rows_left == 1
    assert unfinished_runs(path, ["s3"]) == []


def test_only_the_latest_run_of_a_sheet_counts(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with Journal(path) as journal:
        scope = Scope("店", "local", "s1")
        journal.start_run(scope, 1)  # crashed yesterday
        journal.ensure_rows(scope, [("A", 2, "f")])
        run = journal.start_run(scope, 1)  # today's run finished it
        journal.mark_listed(scope, "A", 5)
        journal.finish_run(run, "completed", "")
    assert unfinished_runs(path, ["s1"]) == []
