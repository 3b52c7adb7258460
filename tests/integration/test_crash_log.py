"""A native crash always leaves a trace in the log folder: the window's start-up path and a
headless command are started in a child process, which then crashes in native code."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app import __version__
from app.crashlog import CRASH_FILE, unseen_crash

ROOT = Path(__file__).resolve().parents[2]

# The window: `taoshelf` (no sheet), crashing inside the event loop once the window is up.
WINDOW = """
    import ctypes, sys
    from PySide6.QtCore import QTimer
    from app import cli
    from app.ui import main_window

    shown = main_window.MainWindow.show

    def show(self):
        shown(self)
        QTimer.singleShot(0, lambda: {crash})

    main_window.MainWindow.show = show
    sys.exit(cli.main([]))
"""
# A headless command: `taoshelf check`, crashing inside the command.
HEADLESS = """
    import ctypes, sys
    from app import cli
    from app.commands import check

    check.run = lambda args: {crash}
    sys.exit(cli.main(["check", "whatever.xlsx"]))
"""
SEGFAULT = "ctypes.string_at(0)"  # a read of address 0, as a broken native library would do
# what CPython does itself on e.g. "bool_dealloc: deallocating True or False" (PySide6 6.12.0)
FATAL_ERROR = 'ctypes.pythonapi.Py_FatalError(b"bool_dealloc: deallocating True or False")'


def _run(script: str, home: Path, *, no_stderr: bool = False) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONFAULTHANDLER"}
    env.update(TAOSHELF_HOME=str(home), QT_QPA_PLATFORM="offscreen", TAOSHELF_LANG="en")
    command = [sys.executable, "-c", textwrap.dedent(script)]
    if no_stderr:  # like the windowed build (pythonw): the process has no stderr at all
        command = ["/bin/sh", "-c", 'exec "$0" "$@" 2>&-', *command]
    return subprocess.run(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
        stderr=None if no_stderr else subprocess.PIPE, text=True, timeout=120, check=False,
    )


def _crash_log(home: Path) -> str:
    path = home / "log" / CRASH_FILE
    assert path.exists(), "no crash log in the log folder"
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("script", "command", "frame"),
    [(WINDOW, "window", r"app[/\\]ui[/\\]application\.py\", line \d+ in run_gui"),
     (HEADLESS, "check", r"app[/\\]cli\.py\", line \d+ in main")],
    ids=["window", "headless"],
)
def test_a_segfault_leaves_the_python_stack_in_the_log_folder(
    tmp_path: Path, script: str, command: str, frame: str
) -> None:
    result = _run(script.format(crash=SEGFAULT), tmp_path)
    assert result.returncode != 0
    text = _crash_log(tmp_path)
    assert re.search(
        rf"^=== start \S+ taoshelf {re.escape(__version__)} pid \d+ {command}$", text, re.M
    ), text
    assert "Fatal Python error: Segmentation fault" in text
    assert re.search(frame, text), text
    assert "=== exit" not in text
    # the next window start tells the user, once
    assert unseen_crash(tmp_path / "log") == tmp_path / "log" / CRASH_FILE
    assert unseen_crash(tmp_path / "log") is None


@pytest.mark.skipif(sys.platform == "win32", reason="closes stderr with /bin/sh")
def test_a_fatal_python_error_in_a_window_without_stderr_is_in_the_log(tmp_path: Path) -> None:
    """CPython reports a fatal error (bool_dealloc) on stderr and switches faulthandler off
    before aborting: a windowed process has no stderr, so that goes to the crash log too."""
    # with fd 2 closed, the next file opened would get fd 2 by chance (POSIX): take it first,
    # as on Windows, where a windowed process's C stderr is no file at all
    script = "import os; os.open(os.devnull, os.O_WRONLY)\n" + textwrap.dedent(WINDOW)
    result = _run(script.format(crash=FATAL_ERROR), tmp_path, no_stderr=True)
    assert result.returncode != 0
    text = _crash_log(tmp_path)
    assert "Fatal Python error: bool_dealloc: deallocating True or False" in text
    assert re.search(r"app[/\\]ui[/\\]application\.py\", line \d+ in run_gui", text), text


def test_a_clean_exit_is_not_reported_as_a_crash(tmp_path: Path) -> None:
    out = tmp_path / "模板.xlsx"
    result = _run(f"from app import cli; raise SystemExit(cli.main(['template', {str(out)!r}]))",
                  tmp_path)
    assert result.returncode == 0, result.stderr
    text = _crash_log(tmp_path)
    assert re.search(r"^=== start .* template$", text, re.M)
    assert re.search(r"^=== exit \S+ pid \d+$", text, re.M)
    assert unseen_crash(tmp_path / "log") is None
