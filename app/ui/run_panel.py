"""The run bar: 开始上架 / 暂停 / 取消 / 重试失败 / 导出结果, the progress bar and its line."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from app.upload.events import Progress, RunSummary, StopReason


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return RunPanel.tr("estimating")
    seconds = max(1, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return RunPanel.tr("%1 h %2 min").replace("%1", str(hours)).replace("%2", f"{minutes:02d}")
    if minutes:
        return RunPanel.tr("%1 min %2 s").replace("%1", str(minutes)).replace("%2", f"{secs:02d}")
    return RunPanel.tr("%1 s").replace("%1", str(secs))


class RunPanel(QWidget):
    start_clicked = Signal()
    pause_clicked = Signal()
    resume_clicked = Signal()
    cancel_clicked = Signal()
    retry_clicked = Signal()
    export_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start_button = QPushButton(self.tr("Start upload"))
        self.start_button.setObjectName("startButton")
        self.start_button.setStyleSheet(
            "#startButton { background: #ff5000; color: white; font-weight: bold;"
            " padding: 6px 18px; border-radius: 4px; }"
            "#startButton:disabled { background: #f3b49a; }"
        )
        self.pause_button = QPushButton(self.tr("Pause"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.retry_button = QPushButton(self.tr("Retry failed"))
        self.export_button = QPushButton(self.tr("Export results…"))
        self.progress = QProgressBar()
        self.progress.setMinimumWidth(220)
        self.progress.setFormat("%v / %m")
        self.line = QLabel()
        self.line.setWordWrap(True)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.start_button,
            self.pause_button,
            self.cancel_button,
            self.retry_button,
            self.export_button,
            self.progress,
        ):
            layout.addWidget(widget)
        layout.addWidget(self.line, 1)

        self.start_button.clicked.connect(self.start_clicked)
        self.pause_button.clicked.connect(self._toggle_pause)
        self.cancel_button.clicked.connect(self.cancel_clicked)
        self.retry_button.clicked.connect(self.retry_clicked)
        self.export_button.clicked.connect(self.export_clicked)
        self._paused = False
        self.set_idle(can_start=False, has_failed=False, has_results=False)

    # --- states ---------------------------------------------------------------------------------
    def set_idle(self, *, can_start: bool, has_failed: bool, has_results: bool) -> None:
        self._paused = False
        self.pause_button.setText(self.tr("Pause"))
        self.start_button.setEnabled(can_start)
        self.pause_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.retry_button.setEnabled(has_failed)
        self.export_button.setEnabled(has_results)
        self.progress.setVisible(has_results)

    def set_running(self, total: int) -> None:
        self.start_button.setEnabled(False)
        self.retry_button.setEnabled(False)
        self.export_button.setEnabled(False)
        self.pause_button.setEnabled(True)
        self.cancel_button.setEnabled(True)
        self.progress.setVisible(True)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self.line.setText(self.tr("Checking which products are already on the shop…"))

    def show_progress(self, p: Progress) -> None:
        done = p.listed + p.failed
        self.progress.setRange(0, max(done + p.left, 1))
        self.progress.setValue(done)
        self.line.setText(
            self.tr("Listed %1 · failed %2 · left %3 · %4 calls/s · about %5 to go")
            .replace("%1", str(p.listed))
            .replace("%2", str(p.failed))
            .replace("%3", str(p.left))
            .replace("%4", f"{p.calls_per_second:.1f}")
            .replace("%5", _duration(p.eta_seconds))
        )

    def show_message(self, text: str) -> None:
        self.line.setText(text)

    def show_summary(self, summary: RunSummary | None, error: str) -> None:
        if summary is None:
            self.line.setText(self.tr("The upload could not start: %1").replace("%1", error))
            return
        text = (
            self.tr("Done: %1 of %2 listed, %3 failed, in %4.")
            .replace("%1", str(summary.listed))
            .replace("%2", str(summary.total))
            .replace("%3", str(summary.failed + summary.unknown))
            .replace("%4", _duration(summary.elapsed))
        )
        more = []
        if summary.blocked:
            more.append(
                self.tr("%n row(s) with errors in the sheet were not sent.", "", summary.blocked)
            )
        if summary.skipped:
            more.append(
                self.tr(
                    "%n row(s) Taobao refused before were not sent again: change them first.",
                    "",
                    summary.skipped,
                )
            )
        if summary.stop_reason is not StopReason.COMPLETED and summary.message:
            more.append(summary.message)
        elif summary.stop_reason is StopReason.CANCELLED:
            more.append(self.tr("Cancelled; start again to continue where it stopped."))
        for sentence in more:  # Chinese sentences follow one another with no space
            text += sentence if text.endswith(("。", "！", "？", "：")) else " " + sentence
        self.line.setText(text)
        self.progress.setRange(0, max(summary.total, 1))
        # every row that got its final word (as the run's last progress line counted them)
        self.progress.setValue(summary.total - summary.left - summary.waiting_quota)

    @Slot()
    def _toggle_pause(self) -> None:
        self._paused = not self._paused
        self.pause_button.setText(self.tr("Resume") if self._paused else self.tr("Pause"))
        (self.pause_clicked if self._paused else self.resume_clicked).emit()
