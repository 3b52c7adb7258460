"""What the engine tells its listeners (the CLI progress line, the GUI bridge): plain dataclasses.

Events are delivered by calling plain callbacks (`Listeners`), from whichever engine thread
produced them; a GUI bridge re-emits them as Qt signals on its own thread. Nothing here knows Qt.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class PauseReason(StrEnum):
    USER = "user"  # pause() was called
    BAN = "ban"  # a flow-control ban: every worker waits until `until` (ends by itself)
    REAUTH = "reauth"  # 需要重新授权: resume(session=...) or cancel()
    QUOTA = "quota"  # daily quota gone and --wait-for-quota: sleeping until the reset


class StopReason(StrEnum):
    COMPLETED = "completed"  # every planned row got an outcome
    CANCELLED = "cancelled"
    QUOTA = "quota"  # daily quota gone: rows left waiting_quota
    REAUTH = "reauth"  # the shop must be authorised again (headless: the run stops)
    FATAL = "fatal"  # configuration or a bug: see the message
    PICTURE_SPACE = "picture_space"  # the shop's picture space is (or would be) full: see message


class RowStatus(StrEnum):
    LISTED = "listed"
    FAILED = "failed"
    SKIPPED = "skipped"
    BLOCKED = "blocked"  # validation errors
    WAITING_QUOTA = "waiting_quota"
    UNKNOWN = "unknown"  # add_sent and the lookup failed: reconciled on the next run
    LEFT = "left"  # not reached (cancelled or stopped)


@dataclass(frozen=True, slots=True)
class RowOutcome:
    row: int
    key: str
    status: RowStatus
    num_iid: int | None = None
    kind: str | None = None
    code: int | None = None
    sub_code: str | None = None
    message: str = ""  # Chinese: what happened and what to do
    request_id: str | None = None
    at: datetime | None = None
    unsent: tuple[str, ...] = ()  # LISTED: changes of the row not on Taobao (标题, 主图 …)
    sent: tuple[str, ...] = ()  # LISTED by an edit: the changes this run sent (标题, 价格 …)


@dataclass(slots=True)
class RunSummary:
    total: int = 0
    listed: int = 0  # listed at the end of the run (now or before)
    created: int = 0  # items this run created
    found: int = 0  # items found on the shop by outer_id (reconciled or already there)
    updated: int = 0  # listed items whose edits were sent
    skipped: int = 0
    blocked: int = 0
    failed: int = 0
    waiting_quota: int = 0
    unknown: int = 0
    left: int = 0
    calls: int = 0  # HTTP requests sent by this run
    lookup_calls: int = 0  # of which outer_id lookups
    elapsed: float = 0.0
    stop_reason: StopReason = StopReason.COMPLETED
    message: str = ""  # Chinese, for fatal/quota/reauth stops
    reset_at: datetime | None = None  # daily quota reset (aware UTC)
    publisher: str = ""  # the path the run used: item.add, schema or item.add→schema
    outcomes: dict[int, RowOutcome] = field(default_factory=dict)  # by sheet row number


@dataclass(frozen=True, slots=True)
class RunStarted:
    run_id: int
    total: int
    to_do: int
    skipped: int
    blocked: int
    lookup_calls: int
    notice: str = ""  # what the user must know before rows go (Chinese): a damaged journal
    publisher: str = ""  # the publish path the run starts on, in Chinese (发布方式：…)
    edits: int = 0  # listed items whose edits this run will send (of to_do)


@dataclass(frozen=True, slots=True)
class PublisherSwitched:
    """自动: item.add answered 11/22 (the App cannot use it); the run, and the shop from now on,
    publish through ``publisher`` (``schema``). ``message`` is what to show (Chinese)."""

    publisher: str
    message: str
    code: int | None = None
    sub_code: str | None = None


@dataclass(frozen=True, slots=True)
class RowStarted:
    row: int
    key: str
    action: str


@dataclass(frozen=True, slots=True)
class RowProgress:
    row: int
    key: str
    step: str  # "pictures" | "add" | "extra 1/3" | "reconcile" | "update"


@dataclass(frozen=True, slots=True)
class RowListed:
    row: int
    key: str
    num_iid: int
    how: str  # "created" | "found" | "updated" | "already" (listed before this run)
    unsent: tuple[str, ...] = ()  # changes of the row not on Taobao (标题, 主图 …)
    sent: tuple[str, ...] = ()  # "updated": the changes this run sent (标题, 价格 …)


@dataclass(frozen=True, slots=True)
class RowFailed:
    outcome: RowOutcome


@dataclass(frozen=True, slots=True)
class RowSkipped:
    outcome: RowOutcome  # status SKIPPED, BLOCKED, WAITING_QUOTA, UNKNOWN or LEFT


@dataclass(frozen=True, slots=True)
class RunPaused:
    reason: PauseReason
    message: str = ""
    until: datetime | None = None


@dataclass(frozen=True, slots=True)
class RunResumed:
    pass


@dataclass(frozen=True, slots=True)
class Progress:
    listed: int
    failed: int
    left: int
    calls: int
    calls_per_second: float
    eta_seconds: float | None


@dataclass(frozen=True, slots=True)
class RunFinished:
    summary: RunSummary


Event = (RunStarted | RowStarted | RowProgress | RowListed | RowFailed | RowSkipped | RunPaused
         | RunResumed | Progress | RunFinished | PublisherSwitched)


class Listeners:
    """The callbacks events go to, in the order they were added. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._callbacks: tuple[Callable[[Event], None], ...] = ()

    def add(self, callback: Callable[[Event], None]) -> Callable[[], None]:
        """Add ``callback``; returns a function that removes it again."""
        with self._lock:
            self._callbacks = (*self._callbacks, callback)

        def remove() -> None:
            with self._lock:
                self._callbacks = tuple(cb for cb in self._callbacks if cb is not callback)

        return remove

    def __call__(self, event: Event) -> None:
        for callback in self._callbacks:
            callback(event)
