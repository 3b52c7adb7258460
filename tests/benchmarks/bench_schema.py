"""Benchmark of the schema publish path. Run by hand:
    uv run --frozen python tests/benchmarks/bench_schema.py

Prints, for the simulator's 卫衣/绒衫 leaf (a clothing schema with SKUs and required props):
- the local cost per product: parse the schema (once per leaf and run), then fill + validate +
  write one product (every product) — target for all three together: <= 2 ms;
- the same parse with a 20,000-brand 品牌 list (how big real schemas get, and why the cap is
  8 MiB);
- how fast hostile input is refused (billion laughs, 8 MiB of tiny fields, a text over the cap);
- calls per listed product through the schema flow against the simulator (target <= 1.02 +
  new detail pictures, the schema cached per leaf): 50 hoodies, one detail picture each.
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.catalog.model import Product, Sku  # noqa: E402
from app.simulator import Simulator, SimulatorConfig  # noqa: E402
from app.simulator.schema_leaf import leaf_fields  # noqa: E402
from app.simulator.schema_model import render  # noqa: E402
from app.top.client import TopClient, TopConfig  # noqa: E402
from app.top.publish_schema import SchemaPublisher  # noqa: E402
from app.top.schema import SchemaError, parse_schema, submission  # noqa: E402
from app.upload.fields import item_fields  # noqa: E402
from tests.imagegen import jpeg  # noqa: E402

PIC = "https://img.alicdn.com/imgextra/i1/2200000001/O1CN01AAAA_!!2200000001.jpg"


def ms(fn: Callable[[], object], repeat: int) -> float:
    """Median milliseconds of ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def hoodie(key: str, desc: str = "<p>柔软加绒卫衣</p>") -> dict[str, object]:
    product = Product(
        row=2, outer_id=key, title="加绒卫衣 秋冬", desc=desc, price=Decimal("59.00"), num=35,
        cid=50008898, location_state="浙江", location_city="杭州", stuff_status="new",
        type="fixed", approve_status="onsale",
        props="20000:1128204128;122216347:3612408003;1627207:28320;1627207:28341;"
              "20509:28314;20509:28315",
        skus=[Sku("1627207:28320;20509:28314", 10, Decimal("59.00")),
              Sku("1627207:28320;20509:28315", 20, Decimal("59.00")),
              Sku("1627207:28341;20509:28314", 0, Decimal("69.00")),
              Sku("1627207:28341;20509:28315", 5, Decimal("69.00"))])
    return {**item_fields(product), "input_pids": "13021751,149422948",
            "input_str": "TS26001,棉100%"}


def local_cost() -> None:
    text = render(leaf_fields(50008898))
    schema = parse_schema(text)
    fields = hoodie("HD-1")
    options = text.count("<option ")
    print(f"schema of 50008898: {len(text.encode()) / 1024:.1f} KiB, "
          f"{text.count('<field ')} fields, {options} options")
    parse = ms(lambda: parse_schema(text), 200)
    per_product = ms(lambda: submission(schema, fields, pictures=[PIC]), 500)
    print(f"  parse (once per leaf and run):          {parse:6.2f} ms")
    print(f"  fill + validate + write (per product):  {per_product:6.2f} ms")
    print(f"  parse + fill + validate + write:        {parse + per_product:6.2f} ms  "
          "(target <= 2 ms)")
    brands = "".join(f'<option displayName="品牌{n}/Brand{n}" value="{9_300_000 + n}"/>'
                     for n in range(20_000))
    big = text.replace('<option displayName="自行输入" value="-1" />',
                       brands + '<option displayName="自行输入" value="-1" />', 1)
    print(f"  with 20,000 brands: {len(big.encode()) / 1048576:.2f} MiB, "
          f"parse {ms(lambda: parse_schema(big), 5):.0f} ms")


def refused(label: str, text: str) -> None:
    def attempt() -> None:
        try:
            parse_schema(text)
        except SchemaError:
            return
        raise AssertionError(f"{label} was accepted")

    took = ms(attempt, 3)
    tracemalloc.start()
    attempt()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"  {label:<42} refused in {took:7.1f} ms, peak {peak / 1048576:6.1f} MiB")


def hostile() -> None:
    print("hostile input:")
    laughs = ('<!DOCTYPE l [<!ENTITY a "lol">' + "".join(
        f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(8))
        + ']><itemSchema><field id="t" type="input"><value>&i;</value></field></itemSchema>')
    refused("billion laughs (10^8 expansions)", laughs)
    tiny = '<field id="f" type="input"/>'
    flat = "<itemSchema>" + tiny * ((8 * 1048576 - 30) // len(tiny)) + "</itemSchema>"
    refused(f"{len(flat) / 1048576:.1f} MiB of tiny fields (field cap)", flat)
    refused("8 MiB + 1 byte (size cap)", "<itemSchema>" + " " * (8 * 1048576) + "</itemSchema>")


def calls_per_product() -> None:
    products = 50
    with Simulator(SimulatorConfig()) as sim:
        config = TopConfig(app_key="12345678", gateway_url=sim.router_url,
                           oauth_base_url=sim.base_url)
        with TopClient(config, secret="helloworld", session=sim.issue_session()) as client:
            main = client.upload_picture(jpeg((800, 800)), "main.jpg").picture_path
            before = client.calls_made
            publisher = SchemaPublisher(client)
            uploads = 0
            for n in range(products):
                data = jpeg((800, 800), (n * 5 % 256, 80, 40))
                detail = client.upload_picture(data, f"d{n}.jpg").picture_path
                uploads += 1
                desc = f'<p>加绒卫衣</p><p><img src="{detail}" style="max-width:750px" /></p>'
                publisher.publish({**hoodie(f"HD-{n}", desc)}, pictures=[main])
            total = client.calls_made - before
    listing = total - uploads
    print(f"calls for {products} products through the schema flow: {total} "
          f"({uploads} detail picture uploads + {listing} schema calls)")
    print(f"  per product: {listing / products:.2f} + {uploads / products:.0f} new detail "
          "picture (target <= 1.02 + new detail pictures)")


if __name__ == "__main__":
    local_cost()
    hostile()
    calls_per_product()
