"""What a run and the journal say about a row, put on its `RowState` (plain functions; the table
model tells the view which rows changed).

- The journal (`app.upload.status.listed_status`, asked when a sheet loads, after a correction
  and after 上架记录 acted) speaks for rows no run of this window has spoken about; on a row a
  run here listed, it still tells what it learnt since: changes made after the run, an undo in
  上架记录, the item put back on sale.
- A run's events and outcomes: listed now or before (with the changes Taobao still lacks and
  what 同步修改 sent), refused, waiting for the quota, left alone because an undo took it back.
"""

from __future__ import annotations

from app.ui.row_state import ON_SHOP, RowState, Status
from app.upload.events import RowListed, RowOutcome, RowStatus
from app.upload.journal import RowState as JournalState
from app.upload.journal_runs import Shelf
from app.upload.status import JournalStatus

UNDONE_KIND = "undone"  # RowOutcome.kind of a row the run left alone: an undo took it back
TAKEN_BACK = frozenset({Shelf.DOWN_SENT, Shelf.TAKEN_DOWN, Shelf.DELETE_SENT, Shelf.DELETED})


def shown(state: RowState) -> tuple[object, ...]:
    """What the row shows of runs and the journal (compared before and after a change)."""
    return (state.upload_status, state.message, state.num_iid, state.unsent, state.sendable,
            state.synced, state.shelf)


def from_journal(state: RowState, known: JournalStatus | None) -> None:
    """The journal's word on ``state`` (``known``: None when it has none)."""
    if state.upload_status is not None and not state.from_journal:  # a run here spoke
        if (known is not None and known.state is JournalState.LISTED
                and state.upload_status in ON_SHOP):
            _take_listed(state, known, state.upload_status)
        return
    if known is None:
        state.upload_status, state.message, state.from_journal = None, "", False
        state.unsent = state.sendable = ()
        state.shelf = state.shelf_run = None
        return
    state.from_journal = True
    state.num_iid = known.num_iid or state.num_iid
    if known.state is JournalState.LISTED:
        _take_listed(state, known, Status.SKIPPED)
    elif known.state is JournalState.WAITING_QUOTA:
        state.upload_status, state.message = Status.WAITING, ""
    else:
        state.upload_status, state.message = Status.FAILED, known.message
        state.outcome = RowOutcome(
            state.product.row, state.product.key or "", RowStatus.FAILED, known.num_iid, "row",
            known.code, known.sub_code, known.message, known.request_id)


def _take_listed(state: RowState, known: JournalStatus, listed: Status) -> None:
    """``listed``: the status while the item is on sale."""
    state.num_iid = known.num_iid or state.num_iid
    state.unsent, state.sendable = known.unsent, known.sendable
    if known.shelf in TAKEN_BACK:
        state.shelf, state.shelf_run = known.shelf, known.shelf_run
        state.upload_status = Status.UNDONE
    else:
        state.shelf = state.shelf_run = None
        state.upload_status = Status.SKIPPED if listed is Status.UNDONE else listed
    state.message = ""


def listed_by_run(state: RowState, event: RowListed) -> Status:
    """A run listed the row (or found it listed before): the status to show."""
    state.num_iid, state.shelf, state.shelf_run = event.num_iid, None, None
    state.unsent, state.sendable = event.unsent, ()  # the run sent whatever it could
    state.synced = event.sent if event.how == "updated" else ()
    return Status.SKIPPED if event.how == "already" else Status.LISTED


def listed_at_end(state: RowState, outcome: RowOutcome) -> None:
    """The run's last word says listed, and no event said so during the run."""
    state.num_iid, state.unsent, state.sendable = outcome.num_iid, outcome.unsent, ()
    state.synced = outcome.sent


def from_outcome(state: RowState, outcome: RowOutcome) -> tuple[Status | None, str]:
    """A run's outcome for the row: (status, message) to show (None: its issues again)."""
    state.outcome = outcome
    status = outcome.status
    if status is RowStatus.SKIPPED and outcome.kind == UNDONE_KIND:  # the run left it alone
        state.num_iid = outcome.num_iid or state.num_iid
        if state.shelf is None:
            state.shelf = Shelf.DELETED if "已删除" in outcome.message else Shelf.TAKEN_DOWN
        return Status.UNDONE, ""
    if status is RowStatus.SKIPPED and outcome.num_iid is not None:
        state.num_iid, state.unsent, state.sendable = outcome.num_iid, outcome.unsent, ()
        return Status.SKIPPED, ""
    if status is RowStatus.WAITING_QUOTA:
        return Status.WAITING, outcome.message
    if status in (RowStatus.FAILED, RowStatus.SKIPPED, RowStatus.UNKNOWN):
        # skipped without an item: Taobao refused it before and it has not been changed
        if outcome.num_iid is not None:
            state.num_iid = outcome.num_iid
        return Status.FAILED, outcome.message
    return None, ""  # blocked (its errors, or skipped by the user), or not reached
