"""The run bar: 开始上架 / 暂停 / 继续 / 取消 / 重试失败 / 导出结果, the progress bar and its line,
and the 等额度恢复后自动继续 switch.

The buttons show the panel's QActions (the window puts the same actions in its menus, with their
shortcuts); which are enabled is the window's run state. The line is redrawn at most every
`REFRESH_MS` while a run sends thousands of row events.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from app.ui import run_text
from app.ui.run_tally import RunTally
from app.upload.events import RunSummary

REFRESH_MS = 250


PROGRESS_STYLE = (
    "QProgressBar { border: 1px solid #9aa8b8; border-radius: 3px; background: #ffffff;"
    " color: #1f2d3d; text-align: center; }"
    " QProgressBar::chunk { background-color: #9cc9f5; border-radius: 2px; }"
)


class RunPanel(QWidget):
    start_clicked = Signal()
    pause_clicked = Signal()
    resume_clicked = Signal()
    cancel_clicked = Signal()
    retry_clicked = Signal()
    export_clicked = Signal()
    wait_for_quota_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start_action = self._action(self.tr("Start upload"), self.start_clicked,
                                         QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter"))
        self.pause_action = self._action(self.tr("Pause"), self.pause_clicked)
        self.resume_action = self._action(self.tr("Resume"), self.resume_clicked)
        self.cancel_action = self._action(self.tr("Cancel"), self.cancel_clicked)
        self.retry_action = self._action(self.tr("Retry failed"), self.retry_clicked,
                                         QKeySequence("Ctrl+R"))
        self.export_action = self._action(self.tr("Export results…"), self.export_clicked,
                                          QKeySequence("Ctrl+E"))
        self.start_button = self._button(self.start_action)
        self.start_button.setObjectName("startButton")
        self.start_button.setStyleSheet(
            "#startButton { background: #ff5000; color: white; font-weight: bold;"
            " padding: 6px 18px; border-radius: 4px; }"
            "#startButton:disabled { background: #f3b49a; }"
        )
        self.pause_button = self._button(self.pause_action)
        self.cancel_button = self._button(self.cancel_action)
        self.retry_button = self._button(self.retry_action)
        self.export_button = self._button(self.export_action)
        self.wait_for_quota = QCheckBox(self.tr("Wait for the quota and go on"))
        self.wait_for_quota.setToolTip(
            self.tr(
                "When today's call quota is used up, wait until Taobao resets it (at midnight,"
                " China time) and go on by itself; otherwise the upload stops there."
            )
        )
        self.wait_for_quota.toggled.connect(self.wait_for_quota_changed)
        self.progress = QProgressBar()
        self.progress.setMinimumWidth(180)
        self.progress.setFormat("%v / %m")
        # one dark text over a light bar: the style's two-colour text lost the digit that sat
        # on the bar's edge ("7 / 13" read as "7 / 3")
        self.progress.setStyleSheet(PROGRESS_STYLE)
        self.line = QLabel()
        self.line.setWordWrap(True)
        self.line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.start_button,
            self.pause_button,
            self.cancel_button,
            self.retry_button,
            self.export_button,
            self.wait_for_quota,
            self.progress,
        ):
            layout.addWidget(widget)
        layout.addWidget(self.line, 1)

        self.tally: RunTally | None = None
        self._refresh = QTimer(self)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self._redraw)
        self._dirty = False
        self.show_paused(False)
        self.progress.setVisible(False)

    def _action(self, text: str, signal: Signal, *keys: QKeySequence) -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcuts(list(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            shortcut = keys[0].toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text} ({shortcut})")
        action.triggered.connect(signal)
        action.setEnabled(False)
        return action

    def _button(self, action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    # --- states ---------------------------------------------------------------------------------
    def show_paused(self, paused: bool) -> None:
        """The pause button becomes 继续 while paused (and back)."""
        shown, hidden = (self.resume_action, self.pause_action) if paused else (
            self.pause_action, self.resume_action)
        self.pause_button.removeAction(hidden)  # two actions on a tool button add a menu arrow
        self.pause_button.setDefaultAction(shown)
        if self.tally is not None:
            self.tally.user_paused(paused)
            self._redraw()

    def start_run(self, total: int) -> None:
        self.tally = RunTally(total)
        self.progress.setVisible(True)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self.line.setText(self.tr("Connecting to the shop and checking what is on it already…"))
        self._refresh.start()

    def on_event(self, event: object) -> None:
        if self.tally is not None and self.tally.apply(event):
            self._dirty = True

    @Slot()
    def _redraw(self) -> None:
        tally = self.tally
        if tally is None or (not self._dirty and not tally.paused):
            return
        self._dirty = False
        self.progress.setValue(tally.done)
        self.line.setText(run_text.progress_line(tally))

    def show_message(self, text: str) -> None:
        self.line.setText(text)

    def show_summary(self, summary: RunSummary | None, error: str) -> None:
        self._refresh.stop()
        tally = self.tally
        if summary is None:
            self.line.setText(
                self.tr("The upload could not start: %1").replace("%1", error)
                if error
                else self.tr("Not started: nothing was sent.")
            )
            self.progress.setVisible(False)
            return
        if tally is None:
            tally = self.tally = RunTally(summary.total)
        tally.settle(summary.outcomes)
        tally.total = summary.total
        self.line.setText(run_text.summary_line(summary, tally))
        self.progress.setVisible(True)
        self.progress.setRange(0, max(summary.total, 1))
        self.progress.setValue(tally.done)
