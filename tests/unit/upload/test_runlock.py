"""One run per shop + environment, also across processes; released when the holder dies."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.upload.runlock import RunLock, RunLockedError


def test_second_run_on_the_same_shop_is_refused(tmp_path: Path) -> None:
    first = RunLock("demo_shop", "local", tmp_path)
    first.acquire()
    with pytest.raises(RunLockedError, match="正在另一个上架任务中运行"):
        RunLock("demo_shop", "local", tmp_path).acquire()
    other_env = RunLock("demo_shop", "sandbox", tmp_path)
    other_env.acquire()  # another environment is another shop
    first.release()
    again = RunLock("demo_shop", "local", tmp_path)
    again.acquire()
    assert again.held
    again.release()
    other_env.release()


def test_lock_held_by_another_process_and_dropped_when_it_dies(tmp_path: Path) -> None:
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from app.upload.runlock import RunLock\n"
        f"lock = RunLock('demo_shop', 'local', Path({str(tmp_path)!r}))\n"
        "lock.acquire()\n"
        "print('held', flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=Path(__file__).parents[3],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "held"
        with pytest.raises(RunLockedError):
            RunLock("demo_shop", "local", tmp_path).acquire()
    finally:
        proc.kill()
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()
    lock = RunLock("demo_shop", "local", tmp_path)
    lock.acquire()  # the OS released it with the dead process
    lock.release()
