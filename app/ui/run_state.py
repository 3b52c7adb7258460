"""The window's state, explicit: which sheet work and which run work the user may do now.

    idle ──open──▶ loading ──read──▶ ready ──开始上架──▶ running ⇄ paused
      ▲              │  ▲              ▲                 │         │
      └──failed──────┘  └──open/reload─┘◀──finished──────┴─cancel──▶ finishing

`RunStateMachine` holds the state and refuses a transition the table does not allow (a bug, not a
user error); `allows(act)` says what each state enables. What the data adds (retry needs failed
rows, export needs results) is the window's business. No widgets here.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QObject, Signal

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


class RunState(StrEnum):
    IDLE = "idle"  # no sheet: the start page
    LOADING = "loading"  # a sheet is being read (the one shown before, if any, stays)
    READY = "ready"  # a sheet is shown; no run
    RUNNING = "running"  # a run: connecting, planning, confirming or sending
    PAUSED = "paused"  # the user paused the run (已暂停): nothing new is sent
    FINISHING = "finishing"  # cancelled: the calls in flight finish, then ready


class Act(StrEnum):
    OPEN = "open"  # open, drop or reopen a sheet; 下载模板 is always allowed
    MAP_COLUMNS = "map_columns"
    START = "start"
    RETRY = "retry"
    EXPORT = "export"
    PAUSE = "pause"
    RESUME = "resume"
    CANCEL = "cancel"


ENABLED: dict[RunState, frozenset[Act]] = {
    RunState.IDLE: frozenset({Act.OPEN}),
    RunState.LOADING: frozenset({Act.OPEN}),
    RunState.READY: frozenset({Act.OPEN, Act.MAP_COLUMNS, Act.START, Act.RETRY, Act.EXPORT}),
    RunState.RUNNING: frozenset({Act.PAUSE, Act.CANCEL}),
    RunState.PAUSED: frozenset({Act.RESUME, Act.CANCEL}),
    RunState.FINISHING: frozenset(),
}

TRANSITIONS: dict[RunState, frozenset[RunState]] = {
    RunState.IDLE: frozenset({RunState.LOADING}),
    # loading: another sheet may be opened meanwhile; a failure goes back to what was shown
    RunState.LOADING: frozenset({RunState.LOADING, RunState.READY, RunState.IDLE}),
    RunState.READY: frozenset({RunState.LOADING, RunState.RUNNING}),
    RunState.RUNNING: frozenset({RunState.PAUSED, RunState.FINISHING, RunState.READY}),
    RunState.PAUSED: frozenset({RunState.RUNNING, RunState.FINISHING, RunState.READY}),
    RunState.FINISHING: frozenset({RunState.READY}),
}

BUSY = frozenset({RunState.RUNNING, RunState.PAUSED, RunState.FINISHING})  # a run owns the sheet


class IllegalTransitionError(RuntimeError):
    """A transition the table does not allow: a bug in the window, never the user's doing."""


class RunStateMachine(QObject):
    changed = Signal(object)  # the new RunState

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = RunState.IDLE

    @property
    def state(self) -> RunState:
        return self._state

    @property
    def busy(self) -> bool:
        """A run owns the sheet (running, paused or finishing)."""
        return self._state in BUSY

    def allows(self, act: Act) -> bool:
        return act in ENABLED[self._state]

    def go(self, state: RunState) -> None:
        if state is self._state and state is not RunState.LOADING:
            return
        if state not in TRANSITIONS[self._state]:
            raise IllegalTransitionError(f"{self._state} -> {state}")
        self._state = state
        self.changed.emit(state)


def refusal(act: Act, state: RunState) -> str:
    """Why ``act`` cannot be done now, for the user (Chinese through the translation)."""
    if state not in BUSY:
        if state is RunState.LOADING:
            return translate("RunState", "The sheet is still being read; try again in a moment.")
        return translate("RunState", "Open a product sheet first.")
    if act is Act.OPEN:
        return translate(
            "RunState",
            "An upload is running: wait for it to finish (or cancel it) before opening another"
            " sheet. The rows of this run stay as they are.",
        )
    if act is Act.MAP_COLUMNS:
        return translate(
            "RunState", "An upload is running: match the columns again once it has finished."
        )
    if act is Act.EXPORT:
        return translate(
            "RunState", "An upload is running: export the results once it has finished."
        )
    return translate("RunState", "An upload is already running.")
