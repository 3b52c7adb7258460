"""Which crash-log entries mean "TaoShelf crashed since the window last looked"."""

from __future__ import annotations

from pathlib import Path

from app.crashlog import CRASH_FILE, SEEN_FILE, unseen_crash

TRACE = (
    "Fatal Python error: Segmentation fault\n\n"
    "Current thread 0x00007f (most recent call first):\n"
    '  File "app/ui/application.py", line 99 in run_gui\n'
)
HANDLED = (  # Windows reports first-chance exceptions the program then handled
    "Windows fatal exception: access violation\n\n"
    'Thread 0x0000 (most recent call first):\n  File "app/ui/main_window.py", line 1 in x\n'
)


def _start(pid: int, command: str = "window") -> str:
    return f"=== start 2025-06-01T10:00:00+08:00 taoshelf 0.1.0 pid {pid} {command}\n"


def _exit(pid: int) -> str:
    return f"=== exit 2025-06-01T10:05:00+08:00 pid {pid}\n"


def _write(folder: Path, text: str) -> None:
    with open(folder / CRASH_FILE, "a", encoding="utf-8") as f:
        f.write(text)


def test_no_crash_log_means_no_crash(tmp_path: Path) -> None:
    assert unseen_crash(tmp_path) is None


def test_a_crash_is_reported_once(tmp_path: Path) -> None:
    _write(tmp_path, _start(10) + TRACE)
    assert unseen_crash(tmp_path) == tmp_path / CRASH_FILE
    assert unseen_crash(tmp_path) is None
    _write(tmp_path, _start(11) + _exit(11))  # a clean session since
    assert unseen_crash(tmp_path) is None
    _write(tmp_path, _start(12, "upload") + TRACE)  # an overnight upload crashed
    assert unseen_crash(tmp_path) is not None


def test_an_exception_the_process_survived_is_not_a_crash(tmp_path: Path) -> None:
    _write(tmp_path, _start(20) + HANDLED + _exit(20))
    assert unseen_crash(tmp_path) is None


def test_a_reused_pid_does_not_hide_a_crash(tmp_path: Path) -> None:
    _write(tmp_path, _start(30) + _exit(30) + _start(30) + TRACE)
    assert unseen_crash(tmp_path) is not None


def test_interleaved_processes(tmp_path: Path) -> None:
    # an upload (41) crashes while a window (40) is open; the window exits cleanly later
    _write(tmp_path, _start(40) + _start(41, "upload") + TRACE + _exit(40))
    # the trace follows 41's start line: 41 never exited
    assert unseen_crash(tmp_path) is not None


def test_a_rotated_log_is_read_from_its_start(tmp_path: Path) -> None:
    (tmp_path / SEEN_FILE).write_text("999999", encoding="ascii")
    _write(tmp_path, _start(50) + TRACE)
    assert unseen_crash(tmp_path) is not None
