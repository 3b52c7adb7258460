"""上架记录: the runs the journal remembers (time, sheet, shop, environment, counts, the state of
the items each created), and taking a run back: 撤销这次上架 (take its items down), 重新上架 (put
them back) and 删除 (a separate action, confirmed by typing the number of items).

A standalone dialog driven by `app.upload.undo.UndoService` (plain Python): the counts come from
the journal, the action runs on the global thread pool and reports through a signals object with
no Qt parent (a dialog closed meanwhile is no problem: closing cancels the action and waits for
the calls in flight). Confirmations are non-blocking dialogs (`pending_confirm`).
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.credentials.store import CredentialError
from app.top.errors import TopError
from app.ui.shop_text import connect_error_text
from app.upload.connection import ConnectError
from app.upload.journal import RunInfo
from app.upload.runlock import RunLockedError
from app.upload.runs_text import run_row
from app.upload.undo import ItemDone, UndoAction, UndoService, UndoSummary

log = logging.getLogger(__name__)


class _Signals(QObject):
    progress = Signal(int, int)  # done, total
    done = Signal(object)  # UndoSummary
    failed = Signal(str)  # Chinese


class _Action(QRunnable):
    def __init__(self, service: UndoService, run_id: int, action: UndoAction,
                 signals: _Signals, idle: threading.Event) -> None:
        super().__init__()
        self._service, self._run_id, self._action = service, run_id, action
        self._signals, self._idle = signals, idle

    def run(self) -> None:
        def on_item(item: ItemDone) -> None:
            self._signals.progress.emit(item.done, item.total)

        try:
            self._signals.done.emit(self._service.execute(self._run_id, self._action, on_item))
        except ConnectError as exc:
            self._signals.failed.emit(connect_error_text(exc))
        except (RunLockedError, ValueError) as exc:
            self._signals.failed.emit(str(exc))
        except (TopError, CredentialError) as exc:
            self._signals.failed.emit(getattr(exc, "user_message", "") or str(exc))
        except Exception as exc:  # the dialog must not wait forever; the log has the trace
            log.exception("undo failed")
            self._signals.failed.emit(str(exc))
        finally:
            self._idle.set()


class ConfirmDialog(QDialog):
    """A confirmation; with ``typed`` the OK button waits until exactly that text is typed."""

    def __init__(self, text: str, ok: str, parent: QWidget | None = None, *,
                 typed: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Please confirm"))
        self.message = QLabel(text)
        self.message.setWordWrap(True)
        self.typed = typed
        self.entry = QLineEdit()
        self.entry.setVisible(bool(typed))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.ok_button.setEnabled(not typed)
        self.entry.textChanged.connect(
            lambda text: self.ok_button.setEnabled(text.strip() == self.typed))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.entry)
        layout.addWidget(self.buttons)


class RunsDialog(QDialog):
    COLUMNS = 8

    def __init__(self, service: UndoService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setWindowTitle(self.tr("Upload history"))
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels([
            self.tr("No."), self.tr("Time"), self.tr("What"), self.tr("Sheet"), self.tr("Shop"),
            self.tr("Environment"), self.tr("Counts"), self.tr("Its products now")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.take_down = QPushButton(self.tr("Undo this upload"))
        self.relist = QPushButton(self.tr("Put back on sale"))
        self.delete = QPushButton(self.tr("Delete…"))
        self.cancel_button = QPushButton(self.tr("Stop"))
        self.close_button = QPushButton(self.tr("Close"))
        for button in (self.take_down, self.relist, self.delete, self.cancel_button):
            button.setAutoDefault(False)  # Enter closes; it never starts taking items down
        self.close_button.setDefault(True)
        self.progress = QProgressBar()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        for button in (self.take_down, self.relist, self.delete):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.take_down.clicked.connect(lambda: self.ask(UndoAction.TAKE_DOWN))
        self.relist.clicked.connect(lambda: self.ask(UndoAction.RELIST))
        self.delete.clicked.connect(lambda: self.ask(UndoAction.DELETE))
        self.cancel_button.clicked.connect(self.service.cancel)
        self.close_button.clicked.connect(self.close)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.signals = _Signals()  # no Qt parent: outlives a closed dialog
        self.signals.progress.connect(self._progress)
        self.signals.done.connect(self._done)
        self.signals.failed.connect(self._failed)
        self._idle = threading.Event()
        self._idle.set()
        self.runs: list[RunInfo] = []
        self.pending_confirm: ConfirmDialog | None = None
        self.progress.hide()
        self.cancel_button.hide()
        self.refresh()
        self.resize(980, 460)

    # -- the list ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the runs from the journal again (keeps the selected run selected)."""
        chosen = self.selected()
        self.runs = self.service.runs()
        self.table.setRowCount(len(self.runs))
        for n, info in enumerate(self.runs):
            r = run_row(info)
            for column, text in enumerate((str(r.id), r.time, r.kind, r.sheet, r.shop, r.env,
                                           r.counts, r.state)):
                self.table.setItem(n, column, QTableWidgetItem(text))
            if chosen is not None and info.id == chosen.id:
                self.table.selectRow(n)
        if not self.runs:
            self.status.setText(self.tr("No uploads yet."))
        self._update_buttons()

    def select_run(self, run_id: int) -> None:
        row = next((n for n, info in enumerate(self.runs) if info.id == run_id), -1)
        if row >= 0:
            self.table.selectRow(row)

    def selected(self) -> RunInfo | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.runs[rows[0].row()] if rows and rows[0].row() < len(self.runs) else None

    @property
    def busy(self) -> bool:
        return not self._idle.is_set()

    def _update_buttons(self) -> None:
        info = self.selected()
        upload = info is not None and info.kind == "upload" and not self.busy
        counts = {a: self.service.pending(info, a) if upload and info is not None else 0
                  for a in UndoAction}
        self.take_down.setEnabled(counts[UndoAction.TAKE_DOWN] > 0)
        self.relist.setEnabled(counts[UndoAction.RELIST] > 0)
        self.delete.setEnabled(counts[UndoAction.DELETE] > 0)

    # -- confirm, then act ---------------------------------------------------------------------
    def ask(self, action: UndoAction) -> ConfirmDialog | None:
        """Ask first (non-blocking); the action starts when the confirmation is accepted."""
        info = self.selected()
        if info is None or self.busy:
            return None
        count = self.service.pending(info, action)
        if count == 0:
            return None
        r = run_row(info)
        what = (self.tr("the %1 products upload no. %2 created (%3, %4, shop %5, %6)")
                .replace("%1", str(count)).replace("%2", str(info.id)).replace("%3", r.time)
                .replace("%4", r.sheet).replace("%5", info.shop).replace("%6", r.env))
        if action is UndoAction.TAKE_DOWN:
            dialog = ConfirmDialog(
                self.tr("Take down %1? They go to the warehouse and can be put back on sale "
                        "later.").replace("%1", what), self.tr("Take down"), self)
        elif action is UndoAction.RELIST:
            dialog = ConfirmDialog(self.tr("Put %1 back on sale?").replace("%1", what),
                                   self.tr("Put back on sale"), self)
        else:
            dialog = ConfirmDialog(
                self.tr("Delete %1 for good? This cannot be undone. To only take them off sale, "
                        "use Undo this upload instead.\nType %2 (the number of products) to "
                        "confirm.").replace("%1", what).replace("%2", str(count)),
                self.tr("Delete"), self, typed=str(count))
        dialog.accepted.connect(lambda: self.start(info.id, action))
        dialog.finished.connect(self._confirm_closed)
        self.pending_confirm = dialog
        dialog.open()
        return dialog

    def _confirm_closed(self) -> None:
        self.pending_confirm = None

    def start(self, run_id: int, action: UndoAction) -> None:
        """Run the action on the thread pool (no confirmation here: `ask` asks)."""
        if self.busy:
            return
        self._idle.clear()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.status.setText(self.tr("Connecting to the shop…"))
        self._update_buttons()
        QThreadPool.globalInstance().start(
            _Action(self.service, run_id, action, self.signals, self._idle))

    @Slot(int, int)
    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.status.setText(self.tr("%1 of %2 done").replace("%1", str(done))
                            .replace("%2", str(total)))

    @Slot(object)
    def _done(self, summary: UndoSummary) -> None:
        self._finish(summary.text())

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._finish(message)

    def _finish(self, message: str) -> None:
        self._idle.wait(5.0)  # the task sets it right after its last signal
        self.progress.hide()
        self.cancel_button.hide()
        self.status.setText(message)
        self.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            self.service.cancel()
            self._idle.wait(60.0)  # calls in flight end; nothing new is sent
        super().closeEvent(event)
