"""Start-up to a shown window: the frozen bundle (and, for comparison, the app from source).
Run by hand after building (build/build.py or the pyinstaller line in installer.spec):
    uv run --frozen python tests/benchmarks/bench_startup.py [--bundle dist/TaoShelf] [--runs 5]

Each run starts a fresh process with ``TAOSHELF_EXIT_AFTER_SHOW=1`` (the window closes itself on
its first paint and prints ``{"shown": true}``) and a fresh per-user folder, and measures the
wall time from starting the process to that line. "cold" runs first evict every file of the
bundle (or of the source tree and venv) from the page cache (posix_fadvise DONTNEED), like the
first start after installing; "warm" runs follow. The platform is ``$QT_QPA_PLATFORM``
(offscreen unless set; run under ``xvfb-run -a`` with ``QT_QPA_PLATFORM=xcb`` for a real X
server). Target here: cold start of the bundle ≤ 1.5 s. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXE = "TaoShelf.exe" if sys.platform == "win32" else "TaoShelf"


def evict(folder: Path) -> int:
    """Drop ``folder``'s files from the page cache; returns how many (0 where unsupported)."""
    if not hasattr(os, "posix_fadvise"):
        return 0
    count = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                count += 1
            finally:
                os.close(fd)
    return count


def start_to_shown(command: list[str], args: list[str]) -> float:
    with tempfile.TemporaryDirectory(prefix="taoshelf-bench-") as home:
        env = dict(
            os.environ,
            TAOSHELF_EXIT_AFTER_SHOW="1",
            TAOSHELF_HOME=home,
            QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        )
        started = time.perf_counter()
        proc = subprocess.Popen(
            [*command, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=env, cwd=home,
        )
        assert proc.stdout is not None
        shown = None
        for line in proc.stdout:
            if '"shown"' in line:
                shown = time.perf_counter() - started
                break
        _, err = proc.communicate(timeout=60)
        if shown is None:
            raise RuntimeError(f"no window shown (exit {proc.returncode}): {err[-2000:]}")
        return shown


def measure(label: str, command: list[str], args: list[str], cache: list[Path], runs: int) -> None:
    cold = []
    for _ in range(max(1, runs // 2)):
        evicted = sum(evict(folder) for folder in cache)
        cold.append(start_to_shown(command, args))
    warm = [start_to_shown(command, args) for _ in range(runs)]
    print(
        f"{label:<28} cold {statistics.median(cold):5.2f} s (min {min(cold):.2f}, "
        f"{len(cold)} runs, {evicted} files evicted)   warm {statistics.median(warm):5.2f} s "
        f"(min {min(warm):.2f}, {runs} runs)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "TaoShelf")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-source", action="store_true", help="skip the from-source runs")
    opts = parser.parse_args()
    print(f"platform: {os.environ.get('QT_QPA_PLATFORM', 'offscreen')}; "
          f"{os.cpu_count()} CPUs; runs: {opts.runs}")
    exe = opts.bundle / EXE
    if exe.is_file():
        for label, args in (("bundle: TaoShelf", []), ("bundle: TaoShelf --demo", ["--demo"])):
            measure(label, [str(exe)], args, [opts.bundle], opts.runs)
    else:
        print(f"no bundle at {exe}: build it first (build/build.py)")
    if not opts.no_source:
        venv = Path(sys.prefix)
        for label, args in (("source: python -m app", []), ("source: --demo", ["--demo"])):
            measure(label, [sys.executable, "-m", "app"], args, [ROOT / "app", venv], opts.runs)


if __name__ == "__main__":
    main()
