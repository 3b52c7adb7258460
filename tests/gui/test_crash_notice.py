"""The window's next start says that TaoShelf crashed last time and where the trace is."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app import paths
from app.crashlog import CRASH_FILE
from app.ui.application import tell_about_last_crash
from app.ui.main_window import MainWindow


def test_the_next_start_tells_about_a_crash_once(qtbot: QtBot) -> None:
    crash_log = paths.log_dir() / CRASH_FILE
    crash_log.write_text(
        "=== start 2025-06-01T10:00:00+08:00 taoshelf 0.1.0 pid 77 upload\n"
        "Fatal Python error: Segmentation fault\n",
        encoding="utf-8",
    )
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()

    box = tell_about_last_crash(window)
    assert box is not None
    qtbot.waitUntil(box.isVisible)  # shown without blocking the window
    assert str(crash_log) in box.text()
    box.close()
    assert tell_about_last_crash(window) is None  # once
