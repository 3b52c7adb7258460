"""The run, from the window's side: start (with the confirmation), pause, resume, cancel, retry,
and closing the window during a run.

- A run starts only from a user's act on a sheet the window has read: 开始上架, 重试失败 (reads
  the sheet again, then runs the rows that failed — and nothing if that read fails or another
  sheet is opened meanwhile), or the offer to resume an unfinished run.
- The worker plans, then waits: `ConfirmRunDialog` shows the plan's counts; nothing is sent
  before the user says yes (a plan with nothing to send needs no yes). The rows are locked
  against corrections from the start until the run ends (`ProductsPanel.set_run_active`); a run
  takes the current shop's listing settings (`ShopContext.upload_settings`) with the window's
  等额度恢复后自动继续 switch.
- The rows' events reach the table every `ROWS_EVERY_MS`, together (one repaint): the rows a
  plan blocks or skips arrive all at once at a run's start, thousands on a big sheet.
- What the run says before rows go (`RunStarted.notice`: the journal was found damaged and set
  aside) is shown in a message box the user closes.
- Closing during a run asks first; then the run is cancelled and the window stays until the
  calls in flight are answered (each is bounded by the client's timeouts: at most
  `CLOSE_WAIT_SECONDS`), so no item is created after the window is gone and the journal holds
  every answer. Past the bound the window closes anyway; a call still out was committed as
  ``add_sent`` before it left, so the next run checks it before sending anything.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from app.review import run_resolver
from app.top.config import TopConfig
from app.ui.confirm_dialog import ConfirmRunDialog
from app.ui.products_panel import ProductsPanel
from app.ui.reauth_bar import ReauthBar
from app.ui.run_banner import RunBanner
from app.ui.run_panel import RunPanel
from app.ui.run_state import Act, RunState, RunStateMachine, refusal
from app.ui.sheet_session import SheetSession
from app.ui.upload_controller import RunPlan, RunRequest, UploadController
from app.upload.connection import Connection
from app.upload.events import (
    PauseReason,
    PublisherSwitched,
    RowFailed,
    RowListed,
    RowSkipped,
    RowStarted,
    RunPaused,
    RunResumed,
    RunStarted,
    RunSummary,
)
from app.upload.settings import UploadSettings

log = logging.getLogger(__name__)
_DEFAULTS = {f.name: f.default for f in dataclasses.fields(TopConfig)}
ROWS_EVERY_MS = 50
ROW_EVENTS = (RowStarted, RowListed, RowFailed, RowSkipped)
CLOSE_WAIT_SECONDS = int(_DEFAULTS["connect_timeout"] + _DEFAULTS["read_timeout"] + 10)


@dataclass(frozen=True, slots=True)
class RunParts:
    """What a run uses: the window's state and sheet, the controller, and the widgets it shows
    itself on."""

    machine: RunStateMachine
    session: SheetSession
    runs: UploadController
    rows: ProductsPanel
    panel: RunPanel
    banner: RunBanner
    reauth_bar: ReauthBar


class RunCoordinator(QObject):
    message = Signal(str)  # a refusal or a notice for the user
    connected = Signal(str, str)  # shop, environment of the run being planned
    close_ready = Signal()  # a close asked during a run may go ahead now
    sending_changed = Signal()  # the run started sending, or ended: pause is enabled or not

    def __init__(self, window: QWidget, parts: RunParts,
                 connection: Callable[[], Connection],
                 settings: Callable[[bool], UploadSettings]) -> None:
        """``connection`` runs on the run's thread; ``settings(wait_for_quota)`` gives the
        shop's settings for a run (GUI thread). Neither may hold the window."""
        super().__init__(window)
        self._window = window
        self.machine, self.session, runs = parts.machine, parts.session, parts.runs
        self.runs = runs
        self._pane, self._panel = parts.rows, parts.panel
        self._banner, self._reauth = parts.banner, parts.reauth_bar
        panel, banner = self._panel, self._banner
        self._connection, self._settings = connection, settings
        self.notice_box: QMessageBox | None = None  # RunStarted.notice
        self.confirmation: ConfirmRunDialog | None = None
        self.close_question: QMessageBox | None = None
        self._start_after: tuple[int, set[str] | None] | None = None  # (generation, keys)
        self._sending = False  # RunStarted seen: items may be created
        self._rows: frozenset[int] | None = None  # the sheet rows of the run (None: all)
        self._sync = False  # the run is 同步修改: listed rows' changes only
        self._closing = False
        self._forced = False  # past CLOSE_WAIT_SECONDS: the window closes with calls out
        self._row_events: list[object] = []  # for the table, applied together (ROWS_EVERY_MS)
        self._rows_due = QTimer(self)
        self._rows_due.setSingleShot(True)
        self._rows_due.setInterval(ROWS_EVERY_MS)
        self._rows_due.timeout.connect(self._apply_row_events)
        self._close_timer = QTimer(self)
        self._close_timer.setSingleShot(True)
        self._close_timer.timeout.connect(self._waited_too_long)
        runs.event.connect(self._on_event)
        runs.planned.connect(self._on_planned)
        runs.finished.connect(self._on_finished)
        panel.wait_for_quota_changed.connect(self._wait_for_quota)
        banner.wait_for_quota_changed.connect(self._wait_for_quota)

    # --- starting ----------------------------------------------------------------------------
    def start(self, rows: frozenset[int] | None = None, *, sync: bool = False) -> bool:
        """Plan a run of the sheet shown (``rows``: only these sheet rows; ``sync``: they are
        listed rows whose changes go to Taobao, 同步修改); False if refused."""
        review = self.session.review
        if not self.machine.allows(Act.START) or review is None:
            self.message.emit(refusal(Act.START, self.machine.state))
            return False
        products = list(review.products)
        total = len(products) if rows is None else sum(1 for p in products if p.row in rows)
        if total == 0:
            return False
        self._sync = sync
        self._start_after = None
        self._sending = False
        self._rows = rows
        self._panel.start_run(total)
        self.session.loader.hold_thumbnails(True)  # until planned (see hold_thumbnails)
        self.machine.go(RunState.RUNNING)
        self._pane.set_run_active(True)
        self.runs.start(RunRequest(
            connect=self._connection, sheet_identity=review.sheet.identity,
            sheet_dir=review.base_dir, sheet_name=review.sheet.path.name, products=products,
            issues={row: list(found) for row, found in review.issues.items()},
            settings=self._settings(self._panel.wait_for_quota.isChecked()),
            rows=rows,
            resolve=run_resolver(review),  # fresh category data once connected
        ))
        return True

    def start_settled(self, rows: frozenset[int] | None = None, *, sync: bool = False) -> None:
        """`start`, once a correction still being checked is in the sheet: the run sends the
        corrected value, not the one before."""
        if not self._pane.settled:
            self._pane.when_settled(lambda: self.start_settled(rows, sync=sync))
            return
        self.start(rows, sync=sync)

    def sync_changes(self, rows: list[int] | None = None) -> None:
        """同步修改: a run of the listed rows whose changes Taobao lacks (``rows``: those of
        these rows), after corrections still being checked."""
        if not self._pane.settled:
            self._pane.when_settled(lambda: self.sync_changes(rows))
            return
        wanted = [r for r in self._pane.rows_to_sync() if rows is None or r in rows]
        if not wanted:
            self.message.emit(self.tr("No listed row has changes to send."))
            return
        self.start(frozenset(wanted), sync=True)

    def start_after(self, generation: int | None, keys: set[str] | None = None) -> None:
        """Once load ``generation`` is shown, plan a run of it (``keys``: only the rows with
        these keys). Nothing starts if that load fails or another sheet is opened meanwhile."""
        self._start_after = None if generation is None else (generation, keys)

    def sheet_loaded(self, generation: int) -> None:
        """The window shows the sheet of load ``generation`` (and is ready): start the run a
        retry or a resume asked for, if it was this load."""
        intent, self._start_after = self._start_after, None
        if intent is None or intent[0] != generation or self.session.review is None:
            return
        keys = intent[1]
        rows = None if keys is None else frozenset(
            p.row for p in self.session.review.products if p.key in keys)
        if rows is not None and not rows:
            self.message.emit(self.tr("The rows that failed are no longer in the sheet."))
            return
        self.start(rows)

    def sheet_failed(self, name: str) -> None:
        """A load failed: whatever was to start after it does not."""
        if self._start_after is not None:
            self._start_after = None
            self.message.emit(self.tr("Nothing was started: %1 could not be read.")
                              .replace("%1", name))

    # --- the worker asks -----------------------------------------------------------------------
    @Slot(object)
    def _on_planned(self, plan: RunPlan) -> None:
        self.session.loader.hold_thumbnails(False)
        self.connected.emit(plan.shop, plan.env)
        if self._closing or plan.to_send + plan.edits == 0:  # nothing to send: no question
            self._answer(not self._closing)
            return
        dialog = ConfirmRunDialog(plan, self._window, sync=self._sync)
        dialog.accepted.connect(lambda: self._answer(True))
        dialog.rejected.connect(lambda: self._answer(False))
        dialog.finished.connect(self._confirmation_closed)
        self.confirmation = dialog
        dialog.open()

    def _answer(self, go: bool) -> None:
        if go:  # the rows of the run lose their last run's word now, not before the yes
            self._pane.before_run(self._rows)
        self.runs.answer(go)

    @Slot()
    def _confirmation_closed(self) -> None:
        dialog, self.confirmation = self.confirmation, None
        if dialog is not None:
            dialog.deleteLater()

    # --- during the run --------------------------------------------------------------------------
    @property
    def sending(self) -> bool:
        """The run is past its plan and confirmation (pause makes sense now)."""
        return self._sending

    def pause(self) -> None:
        if self.machine.allows(Act.PAUSE) and self._sending:
            self.runs.pause()
            self.machine.go(RunState.PAUSED)
            self._panel.show_paused(True)

    def resume(self) -> None:
        if self.machine.allows(Act.RESUME):
            self.runs.resume()
            self.machine.go(RunState.RUNNING)
            self._panel.show_paused(False)

    def cancel(self) -> None:
        if not self.machine.allows(Act.CANCEL):
            return
        self.runs.cancel()
        if self.confirmation is not None:
            self.confirmation.reject()  # its answer (no) comes after the cancel's
        self.machine.go(RunState.FINISHING)
        self._panel.show_message(self.tr("Stopping: waiting for the requests already sent…"))

    @Slot(bool)
    def _wait_for_quota(self, wait: bool) -> None:
        for box in (self._panel.wait_for_quota, self._banner.wait_for_quota):
            if box.isChecked() != wait:
                box.blockSignals(True)
                box.setChecked(wait)
                box.blockSignals(False)
        self.runs.set_wait_for_quota(wait)

    @Slot(object)
    def _on_event(self, event: object) -> None:
        if isinstance(event, ROW_EVENTS):
            self._row_events.append(event)
            if not self._rows_due.isActive():
                self._rows_due.start()
        self._panel.on_event(event)
        if isinstance(event, RunStarted):
            self._sending = True
            self.sending_changed.emit()
            if event.notice:
                self._notice(event.notice)
        elif isinstance(event, PublisherSwitched):  # 自动: item.add refused, schema from now on
            self._notice(event.message)
        elif isinstance(event, RunPaused):
            if event.reason is PauseReason.REAUTH:
                self._reauth.ask(event.message)
            elif event.reason is PauseReason.BAN:
                self._banner.ban(event.until)
            elif event.reason is PauseReason.QUOTA:
                self._banner.quota(event.until, self._panel.wait_for_quota.isChecked())
        elif isinstance(event, RunResumed):
            self._banner.done()

    @Slot()
    def _apply_row_events(self) -> None:
        """The rows' events since the last time, in their order, in one repaint: thousands of
        rows blocked or refused at a run's start arrive at once."""
        events, self._row_events = self._row_events, []
        self._rows_due.stop()
        if events:
            self._pane.apply_run_events(events)

    def _notice(self, text: str) -> None:
        log.warning("run notice: %s", text)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Please note"), text,
                          QMessageBox.StandardButton.Ok, self._window)
        box.finished.connect(box.deleteLater)
        self.notice_box = box
        box.open()  # the run goes on meanwhile

    @Slot(object, str)
    def _on_finished(self, summary: RunSummary | None, error: str) -> None:
        self.session.loader.hold_thumbnails(False)  # a run that ended before its plan
        self._sending = False
        self._reauth.hide()
        self._banner.done()
        self._apply_row_events()
        self._pane.set_run_active(False)
        if summary is not None:
            self.session.results = summary
            self._pane.apply_outcomes(summary.outcomes)
        self._panel.show_paused(False)
        self._panel.show_summary(summary, error)
        self.machine.go(RunState.READY)
        self.sending_changed.emit()
        if self._closing:
            self._close_timer.stop()
            self.close_ready.emit()

    # --- closing -------------------------------------------------------------------------------
    def may_close(self) -> bool:
        """True: nothing runs, the window may close. Otherwise the close is handled here (asked,
        then the run cancelled and `close_ready` emitted once it has ended)."""
        if not self.runs.running or self._forced:
            return True
        if self._closing:
            return False
        if not self._sending:  # connecting, planning or asking: nothing was sent yet
            self._stop_for_close()
            return False
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Upload in progress"),
            self.tr(
                "An upload is running. Closing the window stops it: the requests already sent"
                " are waited for (at most %1 s) and recorded, and the next start continues"
                " where it stopped, without listing anything twice."
            ).replace("%1", str(CLOSE_WAIT_SECONDS)),
            QMessageBox.StandardButton.NoButton,
            self._window,
        )
        stop = box.addButton(self.tr("Stop and close"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep uploading"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        stop.clicked.connect(self._stop_for_close)
        box.finished.connect(self._question_closed)
        self.close_question = box
        box.open()
        return False

    @Slot()
    def _question_closed(self) -> None:
        box, self.close_question = self.close_question, None
        if box is not None:
            box.deleteLater()

    @Slot()
    def _stop_for_close(self) -> None:
        self._closing = True
        log.info("window closing during a run: cancelling, waiting for the calls in flight")
        if self.machine.allows(Act.CANCEL):
            self.cancel()
        else:
            self.runs.cancel()
        self._panel.show_message(
            self.tr("Closing: waiting for the requests already sent (at most %1 s)…")
            .replace("%1", str(CLOSE_WAIT_SECONDS))
        )
        self._close_timer.start(CLOSE_WAIT_SECONDS * 1000)

    @Slot()
    def _waited_too_long(self) -> None:
        if self.runs.running:
            log.warning("calls still in flight after %d s: closing anyway (their rows are"
                        " add_sent in the journal and are checked on the next run)",
                        CLOSE_WAIT_SECONDS)
            self._forced = True
            self.close_ready.emit()
