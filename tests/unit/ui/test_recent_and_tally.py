"""The recent sheets list and the run bar's tally (plain Python, no window)."""

from __future__ import annotations

from pathlib import Path

from app.ui.recent_files import RecentFiles
from app.ui.run_tally import Decided, RunTally
from app.upload.events import (
    PauseReason,
    RowFailed,
    RowListed,
    RowOutcome,
    RowSkipped,
    RowStatus,
    RunPaused,
    RunResumed,
    RunStarted,
)


def test_recent_files_newest_first_once_each(tmp_path: Path) -> None:
    recent = RecentFiles(tmp_path / "recent.json", limit=3)
    assert recent.load() == []
    for name in ("a", "b", "c", "b", "d"):
        (tmp_path / f"{name}.xlsx").write_bytes(b"x")
        recent.add(tmp_path / f"{name}.xlsx", f"id-{name}")
    assert [s.name for s in recent.load()] == ["d.xlsx", "b.xlsx", "c.xlsx"]
    (tmp_path / "recent.json").write_text("{broken", encoding="utf-8")
    assert recent.load() == []  # a damaged list is an empty one


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _outcome(row: int, status: RowStatus) -> RowOutcome:
    return RowOutcome(row, f"K{row}", status)


def test_every_decided_row_counts_once_and_the_last_word_wins() -> None:
    tally = RunTally(6)
    tally.apply(RowListed(2, "K2", 1, "already"))
    tally.apply(RowSkipped(_outcome(3, RowStatus.BLOCKED)))
    tally.apply(RunStarted(1, 6, 4, 0, 1, 0))
    tally.apply(RowListed(4, "K4", 2, "found"))
    tally.apply(RowFailed(_outcome(4, RowStatus.FAILED)))  # its extra picture failed after
    tally.apply(RowListed(5, "K5", 3, "created"))
    tally.apply(RowSkipped(_outcome(6, RowStatus.SKIPPED)))
    tally.apply(RowSkipped(_outcome(7, RowStatus.LEFT)))
    counts = tally.counts()
    assert counts == {Decided.ALREADY: 1, Decided.BLOCKED: 1, Decided.FAILED: 1,
                      Decided.LISTED: 1, Decided.REFUSED: 1}
    assert tally.done == 5
    assert tally.left == 1


def test_time_left_freezes_while_paused_and_leaves_pauses_out() -> None:
    clock = _Clock()
    tally = RunTally(10, clock=clock)
    tally.apply(RunStarted(1, 10, 10, 0, 0, 0))
    assert tally.eta_seconds() is None  # nothing done yet: unknown, not invented
    clock.now += 10
    for row in range(2, 4):
        tally.apply(RowListed(row, f"K{row}", row, "created"))
    assert tally.eta_seconds() == 40.0  # 2 rows in 10 s, 8 to go
    tally.user_paused(True)
    clock.now += 600
    assert tally.eta_seconds() == 40.0  # frozen
    tally.apply(RunPaused(PauseReason.USER))
    tally.user_paused(False)
    tally.apply(RunResumed())
    assert tally.eta_seconds() == 40.0  # the ten minutes paused are not counted
    clock.now += 10
    tally.apply(RowListed(4, "K4", 4, "created"))
    tally.apply(RowListed(5, "K5", 5, "created"))
    assert tally.eta_seconds() == 30.0  # 4 rows in 20 s of sending, 6 to go


def test_rows_whose_changes_were_sent_count_as_changed_not_as_listed() -> None:
    """同步修改: a listed row whose changes went is not a new listing; the summary says what."""
    from app.ui.run_text import categories

    tally = RunTally(3)
    tally.apply(RunStarted(1, 3, 3, 0, 0, 0))
    tally.apply(RowListed(2, "K2", 11, "updated"))
    tally.apply(RowListed(3, "K3", 12, "updated"))
    tally.apply(RowListed(4, "K4", 13, "created"))
    assert categories(tally) == ["1 listed", "0 failed", "2 changed on Taobao"]
    assert tally.counts() == {Decided.UPDATED: 2, Decided.LISTED: 1}
    assert tally.done == 3  # every decided row moves the bar
