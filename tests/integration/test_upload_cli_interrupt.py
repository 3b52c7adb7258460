"""Ctrl+C during `taoshelf upload` (a real subprocess sent SIGINT, against the simulator):
a clean cancel, exit 3, the summary, no traceback, a consistent journal, and a rerun that lists
every row exactly once. CTRL_C_EVENT on Windows cannot be sent to one test subprocess: skipped."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from app.simulator import Simulator, SimulatorConfig
from tests.integration.test_upload_cli import ROOT, cli_env, make_sheet, run_cli, upload_cmd
from tests.upload_kit import items_by_outer_id

__all__ = ["cli_env"]  # fixture


def _journal_states(home: Path) -> Counter[str]:
    db = sqlite3.connect(home / "data" / "journal.sqlite3")
    try:
        return Counter(state for (state,) in db.execute("SELECT state FROM rows"))
    finally:
        db.close()


def _wait_for_calls(sim: Simulator, method: str, n: int, proc: subprocess.Popen[str]) -> None:
    """Until the simulator answered ``n`` calls of ``method`` (the CLI is mid-run)."""
    deadline = time.monotonic() + 60
    while sum(1 for c in sim.calls() if c["method"] == method) < n:
        assert proc.poll() is None, "the CLI ended before it was interrupted"
        assert time.monotonic() < deadline, f"no {method} call arrived"
        time.sleep(0.02)


def _interrupt(proc: subprocess.Popen[str]) -> tuple[int, str]:
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    return proc.returncode, err


ctrl_c = pytest.mark.skipif(sys.platform == "win32",
                            reason="CTRL_C_EVENT cannot be sent to one test subprocess")


@ctrl_c
def test_ctrl_c_during_the_run_cancels_cleanly_then_rerun_lists_each_once(
        tmp_path: Path, cli_env: dict[str, str], taoshelf_home: Path) -> None:
    sheet = make_sheet(tmp_path, 20)
    with Simulator(SimulatorConfig(latency_ms=150)) as sim:
        cmd = upload_cmd(sim, sheet, "--session", sim.issue_session(), "--workers", "3")
        proc = subprocess.Popen(cmd, env=cli_env, cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, encoding="utf-8")
        _wait_for_calls(sim, "taobao.item.add", 2, proc)
        code, err = _interrupt(proc)
        assert code == 3, err
        assert "Traceback" not in err
        assert "上架完成情况" in err
        assert "已取消" in err
        states = _journal_states(taoshelf_home)
        assert sum(states.values()) == 20
        assert set(states) <= {"listed", "pending", "add_sent"}, states
        assert 2 <= states["listed"] < 20
        again = run_cli(cmd, cli_env)
        assert again.returncode == 0, again.stderr
        items = items_by_outer_id(sim)
    assert sorted(items) == [f"SKU-{i:05d}" for i in range(1, 21)]
    assert all(len(v) == 1 for v in items.values())


class Lines:
    """Reads a subprocess stream on a thread; `wait_for` blocks until a line contains a text."""

    def __init__(self, stream: Any) -> None:
        self.lines: list[str] = []
        self._new = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream: Any) -> None:
        with stream:
            for line in stream:
                with self._new:
                    self.lines.append(line)
                    self._new.notify_all()

    def wait_for(self, text: str, timeout: float = 60) -> None:
        with self._new:
            assert self._new.wait_for(lambda: any(text in line for line in self.lines),
                                      timeout), "".join(self.lines)

    def text(self) -> str:
        self._thread.join(30)
        return "".join(self.lines)


@ctrl_c
def test_ctrl_c_while_waiting_for_the_quota_cancels_at_once(
        tmp_path: Path, cli_env: dict[str, str], taoshelf_home: Path) -> None:
    sheet = make_sheet(tmp_path, 6)
    # whose session, 4 calls for the category's data, 1 lookup, 2 adds: then the quota is gone
    with Simulator(SimulatorConfig(daily_quota=8)) as sim:
        cmd = upload_cmd(sim, sheet, "--session", sim.issue_session(), "--wait-for-quota")
        proc = subprocess.Popen(cmd, env=cli_env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True, encoding="utf-8")
        err = Lines(proc.stderr)
        err.wait_for("已暂停")  # the quota is gone: the run sleeps until 00:00 China time
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 3, err.text()
        text = err.text()
        assert "Traceback" not in text
        assert "上架完成情况" in text
        assert "已取消" in text
        states = _journal_states(taoshelf_home)
        assert sum(states.values()) == 6
        assert set(states) <= {"listed", "pending", "add_sent", "waiting_quota"}, states
        sim.set_faults(daily_quota=None)  # 00:00 came
        again = run_cli(upload_cmd(sim, sheet, "--session", sim.issue_session()), cli_env)
        assert again.returncode == 0, again.stderr
        items = items_by_outer_id(sim)
    assert sorted(items) == [f"SKU-{i:05d}" for i in range(1, 7)]
    assert all(len(v) == 1 for v in items.values())


@ctrl_c
def test_ctrl_c_while_looking_up_existing_items_sends_nothing(
        tmp_path: Path, cli_env: dict[str, str], taoshelf_home: Path) -> None:
    sheet = make_sheet(tmp_path, 81)  # three lookups of 40 outer_ids
    with Simulator(SimulatorConfig(latency_ms=300)) as sim:
        cmd = upload_cmd(sim, sheet, "--session", sim.issue_session())
        proc = subprocess.Popen(cmd, env=cli_env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True, encoding="utf-8")
        _wait_for_calls(sim, "taobao.items.custom.get", 1, proc)
        code, err = _interrupt(proc)
        assert code == 3, err
        assert "Traceback" not in err
        assert "已取消，没有上架任何商品" in err
        methods = Counter(c["method"] for c in sim.calls())
        assert methods["taobao.item.add"] == 0
        assert methods["taobao.items.custom.get"] < 3
    assert sum(_journal_states(taoshelf_home).values()) == 0


def _blocked_reading_stdin(pid: int) -> bool:
    """Linux: the process sits in read(0, …) (a Ctrl+C sent just before the read starts would
    only be seen after it: a human is never that fast, a test is)."""
    fields = Path(f"/proc/{pid}/syscall").read_text().split()
    return fields[:2] == ["0", "0x0"]


@pytest.mark.skipif(sys.platform != "linux", reason="a pty on stdin and /proc: Linux only")
def test_ctrl_c_at_the_confirmation_prompt_sends_nothing(
        tmp_path: Path, cli_env: dict[str, str], taoshelf_home: Path) -> None:
    import pty

    sheet = make_sheet(tmp_path, 2)
    with Simulator(SimulatorConfig()) as sim:
        cmd = [c for c in upload_cmd(sim, sheet, "--session", sim.issue_session()) if c != "--yes"]
        leader, terminal = pty.openpty()  # a terminal on stdin: the command asks
        try:
            proc = subprocess.Popen(cmd, env=cli_env, cwd=ROOT, stdin=terminal,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                    encoding="utf-8")
            prompt = b""
            while "继续吗".encode() not in prompt:
                chunk = os.read(proc.stdout.fileno(), 4096)  # type: ignore[union-attr]
                assert chunk, "the command never asked"
                prompt += chunk
            deadline = time.monotonic() + 30
            while not _blocked_reading_stdin(proc.pid):
                assert time.monotonic() < deadline, "the command does not read its answer"
                time.sleep(0.01)
            code, err = _interrupt(proc)
        finally:
            os.close(terminal)
            os.close(leader)
        assert code == 3, err
        assert "Traceback" not in err
        assert "已取消，没有上架任何商品" in err
        assert all(c["method"] != "taobao.item.add" for c in sim.calls())
    assert sum(_journal_states(taoshelf_home).values()) == 0
