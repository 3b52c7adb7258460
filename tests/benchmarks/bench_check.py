"""Benchmark of `taoshelf check`'s picture pass on a sheet whose rows share pictures. By hand:
    uv run --frozen python tests/benchmarks/bench_check.py [--rows 100000]

The generated workbook has ``--rows`` products; every row's main picture is one of 20 files in
``pics/`` (800×800 JPEG, written as ``pics/pN.jpg`` or ``pics\\pN.jpg``), and the first 1,000
rows also carry a WPS in-cell picture (5 distinct pictures, each stored once per cell as shop
owners' files do). Prints the time of `review_sheet` without the picture pass (what
``check --no-pictures`` does), with it, the difference, and how many pictures the pass opened
(``Review.pictures_checked``; the old code opened one per row).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.review import review_sheet  # noqa: E402
from tests.sheetgen import HEADER, build_xlsx, picture, product_row  # noqa: E402

DISTINCT_FILES = 20
WPS_ROWS = 1000
DISTINCT_WPS = 5


def make_sheet(folder: Path, rows: int) -> Path:
    path = folder / f"bench_check_{rows}.xlsx"
    if path.exists():
        return path
    pics = folder / "pics"
    pics.mkdir(parents=True, exist_ok=True)
    for n in range(DISTINCT_FILES):
        (pics / f"p{n}.jpg").write_bytes(
            picture(800, 800, ((n * 37) % 255, (n * 91) % 255, 128), fmt="JPEG", label=str(n)))
    header = [*HEADER, "附图"]
    data: list[list[object]] = [header]
    for n in range(1, rows + 1):
        sep = "\\" if n % 2 else "/"
        extra = "__PLACEHOLDER__" if n <= WPS_ROWS else None  # becomes a WPS picture
        data.append([*product_row(n, f"pics{sep}p{n % DISTINCT_FILES}.jpg"), extra])
    embedded = [picture(800, 800, (10, 20 * n, 200), label=f"w{n}") for n in range(DISTINCT_WPS)]
    wps = {f"K{n + 1}": embedded[n % DISTINCT_WPS] for n in range(1, min(rows, WPS_ROWS) + 1)}
    build_xlsx(path, data, wps=wps, write_only=True)
    return path


def timed(path: Path, check_pictures: bool) -> tuple[float, int, int]:
    gc.collect()
    started = time.perf_counter()
    review = review_sheet(path, check_pictures=check_pictures)
    elapsed = time.perf_counter() - started
    pictures = sum(len(p.images) for p in review.products)
    return elapsed, pictures, getattr(review, "pictures_checked", -1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dir", type=Path,
                        default=Path(tempfile.gettempdir()) / "taoshelf_bench_check")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    path = make_sheet(args.dir, args.rows)
    print(f"file: {path} ({path.stat().st_size / 2**20:.1f} MB, {args.rows} rows; "
          f"{DISTINCT_FILES} picture files shared by every row, {DISTINCT_WPS} WPS pictures "
          f"in the first {WPS_ROWS} rows)")
    without, with_pictures = [], []
    pictures = checked = 0
    for _ in range(args.repeat):  # interleaved, so background load hits both alike
        without.append(timed(path, False)[0])
        seconds, pictures, checked = timed(path, True)
        with_pictures.append(seconds)
    a, b = statistics.median(without), statistics.median(with_pictures)
    print(f"check --no-pictures: {a:.2f} s (median of {args.repeat})")
    print(f"check:               {b:.2f} s")
    print(f"picture pass:        {b - a:.2f} s for {pictures} picture references; "
          f"pictures opened: {checked if checked >= 0 else 'one per reference (old code)'}")


if __name__ == "__main__":
    main()
