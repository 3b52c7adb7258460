"""What the window does so that its GUI thread is not kept waiting by its own workers (the
figures are tests/benchmarks/bench_window.py's): Pillow's format plugins are imported before a
sheet is opened, Qt paints on the GUI thread, and the picture pass leaves a core to the GUI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.ui.loaders import background_workers

ROOT = Path(__file__).resolve().parents[2]

_CHILD = """
import json, os, sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
before = sorted(m for m in sys.modules if m.startswith("PIL.") and m.endswith("ImagePlugin"))
from app.ui.main_window import MainWindow
window = MainWindow()
after = sorted(m for m in sys.modules if m.startswith("PIL.") and m.endswith("ImagePlugin"))
print(json.dumps({"before": before, "after": after,
                  "gui_pool": os.environ.get("QT_NO_GUI_THREADPOOL")}))
"""


def test_a_fresh_window_has_the_picture_formats_and_paints_on_its_own_thread(
        tmp_path: Path) -> None:
    """Left to the first picture a worker decodes, importing the formats held the interpreter
    (and the GUI thread with it) just after a big sheet's rows appeared."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TAOSHELF_HOME": str(tmp_path),
           "PYTHONPATH": str(ROOT)}
    env.pop("QT_NO_GUI_THREADPOOL", None)
    done = subprocess.run([sys.executable, "-c", _CHILD], cwd=ROOT, env=env, text=True,
                          capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert "PIL.PngImagePlugin" not in found["before"]  # else this test proves nothing
    assert {"PIL.PngImagePlugin", "PIL.JpegImagePlugin", "PIL.GifImagePlugin"} <= set(
        found["after"])
    assert found["gui_pool"] == "1"


@pytest.mark.parametrize(("cores", "workers"), [(None, 1), (1, 1), (2, 1), (4, 3), (16, 4)])
def test_the_picture_pass_leaves_a_core_to_the_gui(monkeypatch: pytest.MonkeyPatch,
                                                    cores: int | None, workers: int) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    assert background_workers() == workers
