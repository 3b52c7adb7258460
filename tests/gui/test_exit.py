"""Closing the window after a big sheet's thumbnails came in ends the program cleanly.

The real start-up path (`taoshelf SHEET`) runs in a child process; the window closes itself once
all 2,000 thumbnails are in the table. A crash on the way out (a QPixmap or widget outliving the
QApplication, a native abort) would show in the exit code, on stderr and in the crash log.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.crashlog import CRASH_FILE
from tests.sheetgen import HEADER, build_xlsx, picture, product_row

ROOT = Path(__file__).resolve().parents[2]
PICTURES = 2_000

SCRIPT = """
    import sys
    from PySide6.QtCore import Qt
    from app import cli
    from app.ui import main_window

    shown = main_window.MainWindow.show
    thumbnails = []

    def close_when_all_in(window, batch):
        thumbnails.extend(row for row, _pixmap in batch)
        if len(thumbnails) == {count}:
            window.close()

    def show(self):
        shown(self)
        self.session.thumbnails.connect(
            lambda batch: close_when_all_in(self, batch), Qt.ConnectionType.QueuedConnection)

    main_window.MainWindow.show = show
    code = cli.main([sys.argv[1]])
    print("thumbnails", len(thumbnails), "exit", code, flush=True)
    sys.exit(code)
"""


@pytest.mark.slow
def test_closing_after_2000_thumbnails_exits_cleanly(tmp_path: Path) -> None:
    folder = tmp_path / "图片"
    folder.mkdir()
    for n in range(1, PICTURES + 1):
        colour = (n % 250, n // 250 * 30 % 250, 120)
        (folder / f"{n}.jpg").write_bytes(picture(160, 160, colour, fmt="JPEG", label=str(n)))
    rows = [HEADER, *(product_row(n, image=f"图片/{n}.jpg") for n in range(1, PICTURES + 1))]
    sheet = build_xlsx(tmp_path / "两千.xlsx", rows, write_only=True)

    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONFAULTHANDLER"}
    env.update(TAOSHELF_HOME=str(home), QT_QPA_PLATFORM="offscreen", TAOSHELF_LANG="en")
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(SCRIPT).format(count=PICTURES), str(sheet)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240, check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"thumbnails {PICTURES} exit 0" in result.stdout
    assert "Fatal" not in result.stderr
    assert "Traceback" not in result.stderr
    crash_log = (home / "log" / CRASH_FILE).read_text(encoding="utf-8")
    assert "Fatal Python error" not in crash_log
    assert "=== exit" in crash_log  # the process got to its normal end
