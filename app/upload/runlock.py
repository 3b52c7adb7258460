"""One upload at a time per shop + environment, across windows and processes.

Two runs on the same shop could both decide to create the same outer_id (the journal is per
process, the lookups race). An OS file lock (``flock`` / ``msvcrt.locking``) in the data dir is
held from the plan to the end of the run; the OS drops it if the process dies (even SIGKILL).
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import IO

from app import paths


class RunLockedError(Exception):
    """Another run holds this shop. ``str()`` is Chinese."""


class RunLock:
    def __init__(self, shop: str, env: str, folder: Path | None = None) -> None:
        digest = hashlib.sha256(f"{shop}\x1f{env}".encode()).hexdigest()[:24]
        self.path = (folder or paths.data_dir() / "locks") / f"{digest}.lock"
        self.shop = shop
        self.env = env
        self._file: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        return self._file is not None

    def acquire(self) -> None:
        """Take the lock now or raise `RunLockedError` (never waits)."""
        if self._file is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        f = open(self.path, "a+b")  # noqa: SIM115 - held for the whole run
        try:
            _lock(f)
        except OSError:
            f.close()
            raise RunLockedError(
                f"店铺“{self.shop}”（{self.env}）正在另一个上架任务中运行（另一个窗口或命令），"
                "请等它结束后再试。") from None
        f.seek(0)
        f.truncate()
        f.write(str(os.getpid()).encode())
        f.flush()
        self._file = f

    def release(self) -> None:
        f, self._file = self._file, None
        if f is not None:
            _unlock(f)
            f.close()


if sys.platform == "win32":
    import msvcrt

    def _lock(f: IO[bytes]) -> None:
        f.seek(0)
        msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(f: IO[bytes]) -> None:
        f.seek(0)
        msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(f: IO[bytes]) -> None:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(f: IO[bytes]) -> None:
        fcntl.flock(f.fileno(), fcntl.LOCK_UN)
