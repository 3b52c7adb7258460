"""Benchmark: inspect + fix + thumbnail 500 distinct 3000×3000 JPEGs from disk on 2 processes.

Run by hand: ``uv run --frozen python tests/benchmarks/bench_images.py [--count 500]``.
The pictures are generated once into a temp folder and reused by later runs (``--regen`` to
remake them). The mix is like a shop's folder: most photos fine (metadata stripped only),
every 5th rotated by EXIF, every 25th CMYK, and some over 3 MB (grain), so every fix path
runs. Prints images/second, a per-step breakdown, and peak memory (max RSS) of the parent and
of each worker. Other work on the machine makes the numbers rough.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

try:
    import resource
except ImportError:  # Windows: no max-RSS figures
    resource = None  # type: ignore[assignment]

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PIL import Image

from app.images.fix import prepare
from app.images.inspect import inspect_bytes
from app.images.thumbs import THUMB_SIZES, ThumbnailCache, render_thumbnails
from tests import imagegen


def max_rss_mb(who: int) -> float:
    if resource is None:
        return float("nan")
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def make_one(args: tuple[int, int, str]) -> int:
    """Write picture ``index`` (side×side) unless it exists; returns its size in bytes."""
    index, side, folder = args
    path = Path(folder) / f"photo_{index:04d}.jpg"
    if path.exists():
        return path.stat().st_size
    im = imagegen.varied_photo(index, side, grain=10 + (index % 7) * 5)
    exif = Image.Exif()
    exif[0x010F] = "BenchPhone"
    if index % 5 == 0:
        exif[0x0112] = 6
    if index % 25 == 1:
        im = im.convert("CMYK")
    tmp = path.with_suffix(".tmp")
    im.save(tmp, "JPEG", quality=92, exif=exif.tobytes())
    os.replace(tmp, path)
    return path.stat().st_size


_CACHE: ThumbnailCache | None = None


def process_one(args: tuple[str, str]) -> dict[str, float | int | str | bool]:
    """The work for one picture, in a worker process: read, inspect, fix, thumbnails to disk."""
    global _CACHE  # noqa: PLW0603 (one cache per worker process)
    path, cache_root = args
    if _CACHE is None:
        _CACHE = ThumbnailCache(root=Path(cache_root))
    t0 = time.perf_counter()
    data = Path(path).read_bytes()
    t1 = time.perf_counter()
    info = inspect_bytes(data, Path(path).name)
    t2 = time.perf_counter()
    prepared = prepare(data, info=info, name=Path(path).name)
    t3 = time.perf_counter()
    for size, thumb in render_thumbnails(prepared.data, THUMB_SIZES).items():
        _CACHE.put(prepared.sha256, size, thumb)
    t4 = time.perf_counter()
    return {
        "read": t1 - t0,
        "inspect": t2 - t1,
        "fix": t3 - t2,
        "thumbs": t4 - t3,
        "in_bytes": len(data),
        "out_bytes": prepared.size,
        "reencoded": prepared.quality is not None,
        "changed": prepared.changed,
        "sha": prepared.sha256,
        "rss_mb": max_rss_mb(resource.RUSAGE_SELF) if resource else float("nan"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--side", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--regen", action="store_true")
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.gettempdir()) / f"taoshelf-bench-images-{args.side}"
    folder.mkdir(parents=True, exist_ok=True)
    if args.regen:
        for old in folder.glob("photo_*.jpg"):
            old.unlink()

    t0 = time.perf_counter()
    with ProcessPoolExecutor(args.workers) as pool:
        sizes = list(
            pool.map(
                make_one, [(i, args.side, str(folder)) for i in range(args.count)], chunksize=4
            )
        )
    print(
        f"pictures: {args.count} × {args.side}×{args.side} JPEG in {folder} "
        f"({sum(sizes) / 2**20:.0f} MB, {sum(s > 3 * 2**20 for s in sizes)} over 3 MB; "
        f"ready in {time.perf_counter() - t0:.1f} s)"
    )

    paths = [str(folder / f"photo_{i:04d}.jpg") for i in range(args.count)]
    with tempfile.TemporaryDirectory(prefix="taoshelf-bench-thumbs-") as cache_root:
        start = time.perf_counter()
        with ProcessPoolExecutor(args.workers) as pool:
            results = list(pool.map(process_one, [(p, cache_root) for p in paths], chunksize=2))
        wall = time.perf_counter() - start

        reopen = ThumbnailCache(root=Path(cache_root))
        t_reopen = time.perf_counter()
        found = sum(
            reopen.get(str(r["sha"]), size) is not None for r in results for size in THUMB_SIZES
        )
        reopen_s = time.perf_counter() - t_reopen
        reopen.close()

    n = len(results)
    print(f"\ninspect + fix + 2 thumbnails, {args.workers} worker processes:")
    print(f"  {n} pictures in {wall:.1f} s  →  {n / wall:.1f} pictures/s")
    print(f"  input {sum(int(r['in_bytes']) for r in results) / 2**20 / wall:.0f} MB/s read")
    for step in ("read", "inspect", "fix", "thumbs"):
        values = [float(r[step]) * 1000 for r in results]
        print(
            f"  {step:8s} mean {statistics.mean(values):7.1f} ms   "
            f"p95 {sorted(values)[int(0.95 * (n - 1))]:7.1f} ms   max {max(values):7.1f} ms"
        )
    reencoded = [r for r in results if r["reencoded"]]
    if reencoded:
        fix_ms = statistics.mean(float(r["fix"]) * 1000 for r in reencoded)
        print(f"  re-encoded {len(reencoded)} (mean fix {fix_ms:.0f} ms); ", end="")
    print(
        f"metadata-only {sum(1 for r in results if r['changed'] and not r['reencoded'])}; "
        f"largest output {max(int(r['out_bytes']) for r in results) / 2**20:.2f} MB"
    )
    print(f"  distinct outputs: {len({r['sha'] for r in results})}")
    print(f"\nreopen: {found} cached thumbnails read from disk in {reopen_s * 1000:.0f} ms")
    worker_peak = max(float(r["rss_mb"]) for r in results)
    parent_peak = max_rss_mb(resource.RUSAGE_SELF) if resource else float("nan")
    print(
        f"peak memory (max RSS): parent {parent_peak:.0f} MB, each worker ≤ {worker_peak:.0f} MB, "
        f"tree ≤ {parent_peak + args.workers * worker_peak:.0f} MB"
    )
    print(f"load average at end: {os.getloadavg()[0]:.1f} (other work on the machine skews this)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
