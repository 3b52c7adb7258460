"""Benchmark of reading a big sheet for the window. Run by hand::

    uv run python tests/benchmarks/bench_read.py [--rows 10000] [--pictures 500] [--repeat 3]

On the window benchmark's sheet (`bench_window.make_sheet`: ``--rows`` rows, ``--pictures`` of
them with their own floating picture, the rest naming one shared picture file), prints the best
of ``--repeat`` runs of:
- `app.excel.reader.read_sheet` alone;
- `app.ui.row_state.read_for_table` (what the window's loader thread does before the first rows
  are painted: read, the saved corrections, keys, price rule, defaults, resolution, rules, the
  table's row states);
- `read_sheet` of the same rows (no pictures in the workbook) written as Excel writes them:
  every text in xl/sharedStrings.xml;
and, with ``--profile``, the top functions of one `read_for_table` run (cProfile, cumulative).
Per-user files go to a fresh temporary ``TAOSHELF_HOME``.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TAOSHELF_HOME"] = tempfile.mkdtemp(prefix="bench_read_home_")

from app.excel.reader import read_sheet  # noqa: E402
from app.ui.row_state import read_for_table  # noqa: E402
from tests.benchmarks.bench_window import make_sheet  # noqa: E402
from tests.sheetgen import HEADER, build_shared_strings_xlsx, product_row  # noqa: E402


def best_of(repeat: int, run: Callable[[], object]) -> tuple[float, object]:
    """The shortest of ``repeat`` runs (seconds) and the last run's result."""
    times = []
    result: object = None
    for _ in range(repeat):
        result = None  # the previous run's result is not kept alive during the next one
        gc.collect()
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--pictures", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--dir", type=Path,
                        default=Path(tempfile.gettempdir()) / "taoshelf_bench_read")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    path = make_sheet(args.dir / f"big_{args.rows}_{args.pictures}.xlsx", args.rows,
                      args.pictures)
    print(f"sheet: {path.name} ({path.stat().st_size / 2**20:.1f} MB): {args.rows} rows, "
          f"{args.pictures} pictures in the workbook, the rest one shared picture file")
    read_sheet(path)  # warm up: imports, caches
    took, sheet = best_of(args.repeat, lambda: read_sheet(path))
    print(f"read_sheet:     {took * 1000:7.0f} ms  best of {args.repeat}"
          f"  ({len(sheet.products)} products)")  # type: ignore[attr-defined]
    took, shown = best_of(args.repeat, lambda: read_for_table(path))
    rows = len(shown.rows or [])  # type: ignore[attr-defined]
    print(f"read_for_table: {took * 1000:7.0f} ms  best of {args.repeat}  ({rows} table rows)")
    excel = args.dir / f"shared_strings_{args.rows}.xlsx"
    if not excel.exists():
        build_shared_strings_xlsx(excel, [HEADER, *(product_row(n, "主图.jpg")
                                                    for n in range(1, args.rows + 1))], rich=False)
    took, sheet = best_of(args.repeat, lambda: read_sheet(excel))
    print(f"read_sheet, shared strings: {took * 1000:7.0f} ms  best of {args.repeat}"
          f"  ({len(sheet.products)} products)")  # type: ignore[attr-defined]
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(read_for_table, path)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
