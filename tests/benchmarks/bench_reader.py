"""Benchmark of the sheet reader. Run by hand:
    uv run --frozen python tests/benchmarks/bench_reader.py

Prints, on one generated workbook (10,000 rows x 15 columns, 200 floating + 200 WPS pictures):
(a) our load + validate, (b) openpyxl alone iterating the same file in read-only mode, the
ratio a/b (target <= 1.3), validation alone (target <= 100 ms), and the peak memory of reading +
validating 50,000 rows in a fresh process (max RSS, target <= 300 MB) plus tracemalloc's peak.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from openpyxl import load_workbook  # noqa: E402

from app.catalog.keys import assign_keys  # noqa: E402
from app.catalog.rules import validate  # noqa: E402
from app.catalog.settings import ListingDefaults  # noqa: E402
from app.excel.reader import read_sheet  # noqa: E402
from tests.sheetgen import build_xlsx, picture  # noqa: E402

HEADER = ["商家编码", "宝贝标题", "一口价", "库存", "类目ID", "宝贝描述", "主图", "省份", "城市",
          "新旧程度", "出售方式", "成本价", "卖点", "宝贝属性", "备注"]
DEFAULTS = ListingDefaults()


def make_sheet(path: Path, rows: int, floating: int = 200, wps: int = 200) -> Path:
    if path.exists():
        return path
    data = [HEADER]
    for n in range(1, rows + 1):
        image = None if n <= floating + wps else f"https://img.example.com/p/{n}.jpg"
        data.append([f"BM-{n:06d}", f"2026新款纯棉短袖T恤女宽松百搭 款{n}", round(39.9 + n % 50, 2),
                     100 + n % 300, 50000671, f"精选新疆长绒棉，柔软亲肤，第 {n} 款。", image,
                     "浙江", "杭州", "全新", "一口价", round(20 + n % 30 * 0.37, 2), "纯棉 透气",
                     "20000:3275069;1627207:28341", f"备注{n % 7}"])
    pics = [picture(64, 64, ((n * 37) % 255, (n * 91) % 255, 128)) for n in range(16)]
    floating_map = {f"G{n + 1}": pics[n % 16] for n in range(1, floating + 1)}
    wps_map = {f"G{n + 1}": pics[n % 16] for n in range(floating + 1, floating + wps + 1)}
    build_xlsx(path, data, floating=floating_map, wps=wps_map)
    return path


def ours(path: Path) -> tuple[float, float, int, int]:
    started = time.perf_counter()
    sheet = read_sheet(path)
    assign_keys(sheet.products)
    loaded = time.perf_counter()
    result = validate(sheet.products, DEFAULTS)
    done = time.perf_counter()
    pictures = sum(len(p.images) for p in sheet.products)
    assert len(result) == len(sheet.products)
    return done - started, done - loaded, len(sheet.products), pictures


def openpyxl_read_only(path: Path) -> float:
    started = time.perf_counter()
    wb = load_workbook(path, read_only=True, data_only=True)
    ws = wb.worksheets[0]
    count = 0
    for row in ws.iter_rows(values_only=True):
        count += len(row)
    wb.close()
    return time.perf_counter() - started


def peak_rss_mb() -> float:
    """This process's own peak RSS. /proc VmHWM when there is one: ``ru_maxrss`` survives
    fork+exec on Linux and would report the parent's peak (the workbook generator's)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory_child(path: Path) -> None:
    """Run in a fresh process: read + validate, print peak RSS and tracemalloc peak (MB)."""
    import tracemalloc

    tracemalloc.start()
    sheet = read_sheet(path)
    assign_keys(sheet.products)
    validate(sheet.products, DEFAULTS)
    _current, peak = tracemalloc.get_traced_memory()
    print(json.dumps({"rows": len(sheet.products), "tracemalloc_peak_mb": peak / 2**20,
                      "max_rss_mb": peak_rss_mb()}))


def memory_child_rss_only(path: Path) -> None:
    sheet = read_sheet(path)
    assign_keys(sheet.products)
    validate(sheet.products, DEFAULTS)
    print(json.dumps({"rows": len(sheet.products),
                      "max_rss_mb": peak_rss_mb()}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--mem-rows", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "taoshelf_bench")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-rss", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        memory_child(args.child)
        return
    if args.child_rss:
        memory_child_rss_only(args.child_rss)
        return
    args.dir.mkdir(parents=True, exist_ok=True)
    path = make_sheet(args.dir / f"bench_{args.rows}.xlsx", args.rows)
    print(f"file: {path} ({path.stat().st_size / 2**20:.1f} MB, {args.rows} rows x 15 columns, "
          "200 floating + 200 WPS pictures)")
    a_times, b_times, v_times = [], [], []
    for _ in range(args.repeat):  # interleaved, so background load hits both alike
        gc.collect()
        total, validation, rows, pictures = ours(path)
        a_times.append(total)
        v_times.append(validation)
        gc.collect()
        b_times.append(openpyxl_read_only(path))
    a, b, v = statistics.median(a_times), statistics.median(b_times), statistics.median(v_times)
    print(f"rows read: {rows}, pictures attached: {pictures}")
    print(f"(a) ours: load + validate      median {a * 1000:8.1f} ms  "
          f"(min {min(a_times) * 1000:.1f})")
    print(f"(b) openpyxl read-only iterate median {b * 1000:8.1f} ms  "
          f"(min {min(b_times) * 1000:.1f})")
    print(f"    ratio a/b = {a / b:.2f}  (target <= 1.30)")
    print(f"validation alone ({rows} rows)  median {v * 1000:8.1f} ms  (target <= 100 ms)")
    mem_path = make_sheet(args.dir / f"bench_{args.mem_rows}.xlsx", args.mem_rows)
    for flag in ("--child-rss", "--child"):
        out = subprocess.run([sys.executable, __file__, flag, str(mem_path)], capture_output=True,
                             text=True, check=True, timeout=900)
        doc = json.loads(out.stdout)
        extra = (f" (RSS inflated by tracemalloc's own records), tracemalloc peak "
                 f"{doc['tracemalloc_peak_mb']:.0f} MB"
                 if "tracemalloc_peak_mb" in doc else " (plain run: this is the figure)")
        print(f"memory, {doc['rows']} rows: max RSS {doc['max_rss_mb']:.0f} MB{extra}"
              "  (target <= 300 MB)")


if __name__ == "__main__":
    main()
