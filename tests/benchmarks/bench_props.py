"""Benchmark: real products through the upload engine — calls per listed product.

Run by hand: ``uv run --frozen python tests/benchmarks/bench_props.py [--products N]``.

2,000 products in 10 categories, 4 SKUs each (colour × size, or the leaf's sale props), 3
detail pictures each of which 1 is shared by all, pushed through the real engine against the
simulator (a child process, ``taoshelf simulator``). The products are built in code from each
leaf's rules as `app.categories` reads them (required and key props from the leaf's values, SKUs
from its colour and second sale prop): the sheet reader (p-sheet) fills the same fields; a
sheet-based variant can follow once it lands. Two runs, each on a fresh simulator and journal:

- **cold**: the category data is not cached: the leaves and their rules are read first
  (``itemcats.get`` + ``itemprops.get``/``itempropvalues.get`` per leaf), then the upload;
- **cached**: the same category cache, fresh (read in the last 7 days): no category call.

Prints the calls per listed product, by method, against the target
``1 + new detail pictures per product + 0.02`` (with and without the plan-time outer_id lookup,
one ``items.custom.get`` per 40 rows the journal has never seen, which ``--no-lookup`` skips).
Pictures are prepared beforehand (no picture work is measured).

``--publisher schema`` runs the same through the schema API (the leaves' rules from their
schemas, ``alibaba.item.publish.submit`` per product, the schema read once per leaf and run);
``--publisher auto-denied`` runs 自动 on an App the simulator refuses item.add (code 11): the
first answers switch the run. On the schema path the main picture goes to the picture space too
(one ``picture.upload`` per product whose main picture no other row shares): printed apart.
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
from collections import Counter
from decimal import Decimal
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.catalog.category_rules import CategoryProp, CategoryRules  # noqa: E402
from app.catalog.model import ImageRef, ImageSource, Product, Sku  # noqa: E402
from app.categories.cache import CategoryCache  # noqa: E402
from app.categories.service import CategoryService  # noqa: E402
from app.categories.sources import rules_source  # noqa: E402
from app.top.client import TopClient, TopConfig  # noqa: E402
from app.upload.engine import Engine  # noqa: E402
from app.upload.fields import image_identity  # noqa: E402
from app.upload.journal import Journal, Scope  # noqa: E402
from app.upload.pictures import ReadyPicture, fixed_preparer  # noqa: E402
from app.upload.settings import UploadSettings  # noqa: E402

SECRET = "helloworld"  # the simulator's published demo secret
APP_KEY = "12345678"
# Ten simulator leaves with colour SKUs and no typed required property (input_pids comes with
# the sheet side): 7 clothing leaves, a phone case (colour × 适用手机型号), bedding (colour ×
# 适用床尺寸), a power bank (colour only: 4 colours).
LEAVES = (50000671, 162104, 50010850, 162205, 50000697, 50000436, 3035, 50008093, 50008164,
          50008095)


def jpeg(i: int, size: int = 400) -> bytes:
    """A distinct picture per ``i`` (< 251²): its colour encodes ``i``."""
    im = Image.new("RGB", (size, size), (i % 251, i // 251 % 251, (i * 7) % 251))
    im.putpixel((i % size, i // size % size), (255, 255, 255))
    out = io.BytesIO()
    im.save(out, "JPEG", quality=70)
    return out.getvalue()


def door(base: str, what: str, body: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"{base}/_sim/{what}", data=data, method="POST" if data else "GET",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())


def values(prop: CategoryProp, n: int) -> list[int]:
    return [v.vid for v in prop.values][:n]  # the source keeps only values in use


def leaf_plan(rules: CategoryRules) -> tuple[list[str], list[str], dict[str, str]]:
    """(props pairs for the item, the 4 SKUs' properties, the typed required values as
    input_pids/input_str) from the leaf's rules."""
    colour = rules.colour_prop
    assert colour is not None, rules.cid
    other = next((p for p in rules.sale_props if p is not colour), None)
    pairs = []
    typed = [p.pid for p in rules.required_props if not p.enum]  # 货号, 材质成分: free text
    for prop in rules.top_props:  # required and key props with a listed value
        if prop.sale or not prop.values or not (prop.required or prop.key):
            continue
        pairs.append(f"{prop.pid}:{values(prop, 1)[0]}")
    if other is None:
        skus = [f"{colour.pid}:{v}" for v in values(colour, 4)]
    else:
        skus = [f"{colour.pid}:{c};{other.pid}:{s}"
                for c in values(colour, 2) for s in values(other, 2)]
    sale = [pair for sku in skus for pair in sku.split(";")]
    inputs = {"input_pids": ",".join(map(str, typed)),
              "input_str": ",".join(f"T{pid}" for pid in typed)} if typed else {}
    return pairs + list(dict.fromkeys(sale)), skus, inputs


def category_data(client: TopClient, root: Path, path: str
                  ) -> dict[int, tuple[list[str], list[str], dict[str, str]]]:
    service = CategoryService(CategoryCache("demo_shop", "local", root=root),
                              rules_source(client, path))
    service.resolve_many([str(cid) for cid in LEAVES])
    return {cid: leaf_plan(service.rules(cid)) for cid in LEAVES}


def build(n: int, leaves: dict[int, tuple[list[str], list[str], dict[str, str]]]
          ) -> tuple[list[Product], dict[str, ReadyPicture]]:
    ready: dict[str, ReadyPicture] = {}

    def ref(name: str, seed: int) -> ImageRef:
        r = ImageRef(ImageSource.PATH, f"bench/{name}.jpg")
        data = jpeg(seed)
        sha = hashlib.sha256(data).hexdigest()
        ready[image_identity(r)] = ReadyPicture(data, sha, f"{sha[:16]}.jpg")
        return r

    shared = ref("detail_shared", 60_000)
    out = []
    for i in range(n):
        cid = LEAVES[i % len(LEAVES)]
        props, sku_props, typed = leaves[cid]
        skus = [Sku(sp, 5 + k, Decimal("59.90") + k, row=i * 4 + k + 2)
                for k, sp in enumerate(sku_props)]
        out.append(Product(
            row=i * 4 + 2, outer_id=f"P-{i:05d}", title=f"纯棉短袖T恤 多色 款{i}",
            desc="纯棉面料，透气舒适\n洗涤：30℃ 以下手洗", price=Decimal("59.90"),
            num=sum(s.quantity or 0 for s in skus), cid=cid, location_state="浙江",
            location_city="杭州", stuff_status="new", type="fixed", props=";".join(props),
            skus=skus, images=[ref(f"m{i}", i * 4)], **typed,
            detail_images=[ref(f"d{i}_0", i * 4 + 1), shared, ref(f"d{i}_1", i * 4 + 2)]))
    return out, ready


def one_run(label: str, args: argparse.Namespace, home: Path, cache_root: Path) -> None:
    publisher = {"schema": "schema", "auto-denied": "auto"}.get(args.publisher, "item.add")
    path = "item.add" if publisher == "item.add" else "schema"
    sim = subprocess.Popen(
        [sys.executable, "-m", "app", "simulator", "--latency-ms", str(args.latency_ms)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert sim.stdout is not None
        router = sim.stdout.readline().strip()
        session = sim.stdout.readline().split()[1]
        base = router.rsplit("/router/rest", 1)[0]
        cfg = TopConfig(app_key=APP_KEY, gateway_url=router, oauth_base_url=base,
                        read_timeout=60)
        client = TopClient(cfg, SECRET, session)
        t0 = time.monotonic()
        if args.publisher == "auto-denied":
            door(base, "faults", {"deny_api": [{"method": "taobao.item.add", "code": 11}]})
        leaves = category_data(client, cache_root, path)
        category_calls = client.calls_made
        products, ready = build(args.products, leaves)
        settings = UploadSettings(workers=args.workers, lookup_unknown=not args.no_lookup,
                                  publisher=publisher)
        with Journal(home / f"journal-{label}.sqlite3") as journal:
            engine = Engine(client, journal, Scope("demo_shop", "local", f"bench-{label}"),
                            settings, preparer=fixed_preparer(ready))
            summary = engine.run(engine.prepare(products, {}))
        wall = time.monotonic() - t0
        client.close()
        by_method = Counter(c["method"] for c in door(base, "calls")["calls"])
    finally:
        sim.terminate()
        sim.wait(timeout=30)
    listed = summary.created
    total = sum(by_method.values())
    mains = listed if path == "schema" else 0  # each product's own main picture, to the space
    new_detail = (by_method["taobao.picture.upload"] - mains) / max(1, listed)
    target = 1 + new_detail + 0.02
    lookups = by_method["taobao.items.custom.get"]
    print(f"--- {label} ({summary.publisher}): {listed} listed of {summary.total} "
          f"(failed {summary.failed}), wall {wall:.1f} s")
    print("calls by method: " + ", ".join(f"{m.removeprefix('taobao.')} {n}"
                                          for m, n in by_method.most_common()))
    print(f"category calls {category_calls} ({category_calls / max(1, listed):.4f} per product)")
    print(f"new detail pictures per product {new_detail:.4f}; target {target:.4f}")
    print(f"calls per listed product {total / max(1, listed):.4f}"
          f"{' (met)' if total / max(1, listed) <= target else ' (over)'}")
    print(f"  excluding the plan-time outer_id lookup ({lookups} calls): "
          f"{(total - lookups) / max(1, listed):.4f}"
          f"{' (met)' if (total - lookups) / max(1, listed) <= target else ' (over)'}")
    if mains:
        rest = (total - mains - lookups) / max(1, listed)
        print(f"  main pictures to the picture space: {mains} ({mains / max(1, listed):.4f} per "
              f"product); without them and the lookup {rest:.4f}"
              f"{' (met)' if rest <= target else ' (over)'}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--products", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--latency-ms", type=int, default=0)
    ap.add_argument("--no-lookup", action="store_true", help="skip the plan-time lookup")
    ap.add_argument("--publisher", choices=("item.add", "schema", "auto-denied"),
                    default="item.add", help="how the products are listed")
    args = ap.parse_args()
    home = Path(tempfile.mkdtemp(prefix="bench_props_"))
    os.environ["TAOSHELF_HOME"] = str(home)
    cache_root = home / "categories"
    print(f"{args.products} products in {len(LEAVES)} categories, 4 SKUs each, 3 detail "
          f"pictures each (1 shared by all), {args.workers} workers, "
          f"lookup {'off' if args.no_lookup else 'on'}, publisher {args.publisher}")
    one_run("cold", args, home, cache_root)
    one_run("cached", args, home, cache_root)


if __name__ == "__main__":
    main()
