"""The banner over the run bar while a run waits: a flow-control ban (until when), or the daily
quota (when it comes back, and the 等额度恢复后自动继续 switch). Re-authorisation has its own
bar (`reauth_bar.py`)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QWidget

from app.ui.run_text import clock_time


class RunBanner(QFrame):
    wait_for_quota_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("runBanner")
        self.setStyleSheet(
            "#runBanner { background: #e8f1fd; border: 1px solid #7aa7e0; border-radius: 6px; }"
        )
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.wait_for_quota = QCheckBox(self.tr("Wait for the quota and go on"))
        self.wait_for_quota.toggled.connect(self.wait_for_quota_changed)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.wait_for_quota)
        self._ban_over = QTimer(self)
        self._ban_over.setSingleShot(True)
        self._ban_over.timeout.connect(self.hide)
        self.reason = ""  # "ban" | "quota" while shown
        self.hide()

    def ban(self, until: datetime | None) -> None:
        """Taobao's flow control: every request waits; the run goes on by itself."""
        if self.reason == "quota":
            return
        self.reason = "ban"
        when = until or datetime.now(UTC)
        self.label.setText(
            self.tr("Taobao asked us to slow down: every request waits until %1, then the"
                    " upload goes on by itself.").replace("%1", clock_time(when))
        )
        self.wait_for_quota.hide()
        seconds = (when - datetime.now(UTC)).total_seconds()
        self._ban_over.start(max(0, int(seconds * 1000)) + 500)
        self.show()

    def quota(self, until: datetime | None, waiting: bool) -> None:
        """Today's call quota is used up; the run waits for the reset (the switch is on)."""
        self.reason = "quota"
        self._ban_over.stop()
        when = clock_time(until) if until is not None else self.tr("midnight, China time")
        self.label.setText(
            self.tr("Today's call quota is used up. It comes back at %1; the upload waits and"
                    " goes on by itself. Untick to stop now instead.").replace("%1", when)
        )
        self.wait_for_quota.blockSignals(True)
        self.wait_for_quota.setChecked(waiting)
        self.wait_for_quota.blockSignals(False)
        self.wait_for_quota.show()
        self.show()

    def done(self) -> None:
        """The wait is over (resumed) or the run ended."""
        self.reason = ""
        self._ban_over.stop()
        self.hide()
