"""Benchmark the upload engine: 2,000 rows against the simulator at 20 calls/s, 50 ms latency.

Run by hand: ``uv run --frozen python tests/benchmarks/bench_upload.py [--rows N] [--extras N]``.
The simulator runs in a child process (``taoshelf simulator``) so this process's CPU time is the
engine + client only. Pictures are prepared beforehand (no picture work is measured).

Prints: listed items per hour, calls per listed item, bans provoked (code 7 in /_sim/calls),
achieved / allowed calls per second, and engine CPU per row = (CPU of the run − calls × CPU of
one bare client call, measured first on the same gateway without a rate limit) / rows.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from decimal import Decimal
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.catalog.model import ImageRef, ImageSource, Product  # noqa: E402
from app.top.client import TopClient, TopConfig  # noqa: E402
from app.top.request import FilePart  # noqa: E402
from app.upload.engine import Engine  # noqa: E402
from app.upload.fields import item_fields  # noqa: E402
from app.upload.journal import Journal, Scope  # noqa: E402
from app.upload.pictures import ReadyPicture, fixed_preparer  # noqa: E402
from app.upload.plan import image_identity  # noqa: E402
from app.upload.settings import UploadSettings  # noqa: E402

SECRET = "helloworld"  # the simulator's published demo secret
APP_KEY = "12345678"


def jpeg(i: int) -> bytes:
    im = Image.new("RGB", (800, 800), (i * 7 % 255, i * 13 % 255, i * 29 % 255))
    im.putpixel((i % 800, i // 800 % 800), (255, 255, 255))
    out = io.BytesIO()
    im.save(out, "JPEG", quality=70)
    return out.getvalue()


def products(n: int, extras: int, prefix: str) -> tuple[list[Product], dict[str, ReadyPicture]]:
    ready: dict[str, ReadyPicture] = {}
    out = []
    for i in range(n):
        refs = []
        for k in range(1 + extras):
            data = jpeg(i * (extras + 1) + k)
            ref = ImageRef(ImageSource.PATH, f"bench/{prefix}{i}_{k}.jpg")
            sha = hashlib.sha256(data).hexdigest()
            ready[image_identity(ref)] = ReadyPicture(data, sha, f"{sha[:16]}.jpg")
            refs.append(ref)
        out.append(Product(
            row=i + 2, outer_id=f"{prefix}-{i:05d}", title=f"纯棉短袖T恤 款{i}",
            desc=f"100% 纯棉面料，透气舒适，第 {i} 款。", price=Decimal("59.90"), num=10 + i,
            cid=50000671, location_state="浙江", location_city="杭州", stuff_status="new",
            type="fixed", images=refs))
    return out, ready


def door(base: str, what: str, body: dict | None = None) -> object:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"{base}/_sim/{what}", data=data, method="POST" if data else "GET",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


def baseline_cpu_per_call(cfg: TopConfig, session: str, calls: int) -> float:
    """CPU seconds of one bare item.add (with its picture) through the client, no engine."""
    prods, ready = products(calls, 0, "BASE")
    client = TopClient(cfg, SECRET, session)
    start = time.process_time()
    for p in prods:
        pic = ready[image_identity(p.images[0])]
        client.add_item(item_fields(p), FilePart(pic.data, pic.filename))
    cpu = time.process_time() - start
    client.close()
    return cpu / calls


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=2000)
    ap.add_argument("--extras", type=int, default=0, help="extra pictures per row")
    ap.add_argument("--rate", type=float, default=20.0)
    ap.add_argument("--latency-ms", type=int, default=50)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--safety", type=float, default=None,
                    help="RateLimiter safety margin (default: the limiter's own, as the CLI)")
    args = ap.parse_args()

    home = Path(tempfile.mkdtemp(prefix="bench_upload_"))
    os.environ["TAOSHELF_HOME"] = str(home)
    sim = subprocess.Popen(
        [sys.executable, "-m", "app", "simulator", "--latency-ms", str(args.latency_ms)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert sim.stdout is not None
        router = sim.stdout.readline().strip()
        session = sim.stdout.readline().split()[1]
        base = router.rsplit("/router/rest", 1)[0]
        cfg = TopConfig(app_key=APP_KEY, gateway_url=router, oauth_base_url=base)

        per_call = baseline_cpu_per_call(cfg, session, 100)
        door(base, "faults", {"rate": args.rate})
        calls_before = len(door(base, "calls")["calls"])  # type: ignore[index]

        prods, ready = products(args.rows, args.extras, "BENCH")
        from app.top.ratelimit import RateLimiter

        limiter = (RateLimiter(qps=args.rate) if args.safety is None
                   else RateLimiter(qps=args.rate, safety=args.safety))
        client = TopClient(cfg, SECRET, session, limiter)
        with Journal(home / "journal.sqlite3") as journal:
            engine = Engine(client, journal, Scope("demo_shop", "local", "bench"),
                            UploadSettings(workers=args.workers), preparer=fixed_preparer(ready))
            cpu0, t0 = time.process_time(), time.monotonic()
            plan = engine.prepare(prods, {})
            summary = engine.run(plan)
            cpu, wall = time.process_time() - cpu0, time.monotonic() - t0
        client.close()

        calls = door(base, "calls")["calls"][calls_before:]  # type: ignore[index]
        bans = sum(1 for c in calls if c.get("code") == 7)
        made = summary.calls
        listed = summary.created
        engine_cpu = max(0.0, cpu - made * per_call)
        print(f"rows {args.rows}, extra pictures/row {args.extras}, workers {args.workers}, "
              f"rate {args.rate}/s, latency {args.latency_ms} ms, "
              f"limiter interval {limiter.interval * 1000:.1f} ms")
        print(f"listed {summary.listed} (created {listed}), failed {summary.failed}, "
              f"wall {wall:.1f} s")
        print(f"listed items per hour: {listed / wall * 3600:.0f}")
        print(f"calls per listed item: {made / max(1, listed):.3f} "
              f"(target {1 + args.extras}; includes {summary.lookup_calls} outer_id lookups)")
        print(f"calls per listed item excluding plan-time lookups: "
              f"{(made - summary.lookup_calls) / max(1, listed):.3f}")
        print(f"bans provoked (code 7): {bans}")
        print(f"achieved/allowed calls per second: {made / wall:.2f}/{args.rate} = "
              f"{made / wall / args.rate:.3f}")
        print(f"CPU: run {cpu:.2f} s, bare client call {per_call * 1000:.2f} ms, "
              f"engine overhead per row {engine_cpu / args.rows * 1000:.2f} ms")
    finally:
        sim.terminate()
        sim.wait(timeout=10)


if __name__ == "__main__":
    main()
