"""A native crash always leaves a trace: `faulthandler` writes into ``log_dir()/crash.log``.

`enable()` is the first thing `taoshelf` does (window and headless commands alike): it opens
``crash.log`` in append mode for the life of the process, writes one header line (time, version,
pid, command — never the rest of the command line, which may hold a session) and points
`faulthandler` at it, so a segfault or abort in Qt or any other native code leaves the Python
stack of every thread there. A normal exit adds an ``exit`` line.

A process with no stderr (the windowed build, ``pythonw``) would lose what CPython itself prints
on a fatal error (``Py_FatalError``, e.g. ``bool_dealloc``: CPython switches faulthandler off and
writes to stderr before aborting): there, stderr (fd 2 and ``sys.stderr``) goes to the crash log
too.

`unseen_crash()` (the window calls it at start) tells whether a process crashed since the window
last looked, so it can say so and point at the file. No Qt here.
"""

from __future__ import annotations

import atexit
import faulthandler
import os
import re
import sys
from datetime import datetime
from pathlib import Path
from typing import TextIO

from app import __version__, paths

CRASH_FILE = "crash.log"
SEEN_FILE = "crash.seen"  # how far into crash.log the window has already looked
MAX_BYTES = 1_000_000  # beyond this, crash.log becomes crash.log.1 at the next start

_START = re.compile(r"^=== start .* pid (\d+)\b")
_EXIT = re.compile(r"^=== exit .* pid (\d+)\b")
# what faulthandler and Py_FatalError write first ("Windows fatal exception: access violation")
_FATAL = re.compile(r"^(Fatal Python error|Windows fatal exception)")

_file: TextIO | None = None


def crash_file(folder: Path | None = None) -> Path:
    """The crash log in ``folder``; by default the one this process writes, else the log dir's."""
    if folder is not None:
        return folder / CRASH_FILE
    if _file is not None:
        return Path(_file.name)
    return paths.log_dir() / CRASH_FILE


def enable(command: str, folder: Path | None = None) -> Path | None:
    """Send native crash traces to the crash log for the rest of the process's life.

    Returns the crash log's path, or None when it could not be opened or when faulthandler
    already writes somewhere the developer chose (``python -X faulthandler``, pytest).
    Never raises: a read-only log folder must not stop the program.
    """
    global _file  # noqa: PLW0603 - one crash log per process, open until the process ends
    if _file is not None:
        return Path(_file.name)
    if faulthandler.is_enabled():
        return None
    path = crash_file(folder)
    try:
        _rotate(path)
        f = open(path, "a", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115
        f.write(f"=== start {_now()} taoshelf {__version__} pid {os.getpid()} {command}\n")
        f.flush()
        faulthandler.enable(file=f, all_threads=True)
    except (OSError, ValueError):
        return None
    _file = f
    if sys.stderr is None:  # windowed: nobody would see CPython's last words
        _stderr_to(f)
    atexit.register(_exit_line)
    return path


def _stderr_to(f: TextIO) -> None:
    try:
        os.dup2(f.fileno(), 2)
    except OSError:
        return
    sys.stderr = f


def _exit_line() -> None:
    f = _file
    if f is None or f.closed:
        return
    try:
        f.write(f"=== exit {_now()} pid {os.getpid()}\n")
        f.flush()
    except (OSError, ValueError):
        pass


def _rotate(path: Path) -> None:
    try:
        if path.stat().st_size > MAX_BYTES:
            path.replace(path.with_name(CRASH_FILE + ".1"))
            (path.parent / SEEN_FILE).unlink(missing_ok=True)
    except OSError:  # missing, or held open by another process (Windows): keep appending
        pass


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def unseen_crash(folder: Path | None = None) -> Path | None:
    """The crash log, if a process crashed since the last call (then remembered as seen).

    A crash is a fatal-error report written after the last look whose process (the nearest
    ``start`` line before it) never wrote its ``exit`` line: Windows also reports exceptions
    that the program then handled, and such a process goes on to exit normally.
    """
    path = crash_file(folder)
    seen_path = path.parent / SEEN_FILE
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        seen = int(seen_path.read_text(encoding="ascii").strip() or 0)
    except (OSError, ValueError):
        seen = 0
    if seen > len(data):  # the file was rotated or cleared
        seen = 0
    try:
        seen_path.write_text(str(len(data)), encoding="ascii")
    except OSError:
        return None  # cannot remember: better say nothing than say it at every start
    crashed: set[int] = set()  # indexes of start lines (one per process)
    exited: set[int] = set()
    latest: dict[str, int] = {}  # pid -> its latest start line (pids are reused)
    block = -1
    offset = 0
    for number, raw in enumerate(data.splitlines(keepends=True)):
        start, offset = offset, offset + len(raw)
        line = raw.decode("utf-8", "replace")
        if match := _START.match(line):
            block = latest[match.group(1)] = number
        elif match := _EXIT.match(line):
            exited.add(latest.get(match.group(1), -2))
        elif start >= seen and _FATAL.match(line):
            crashed.add(block)
    return path if crashed - exited else None
