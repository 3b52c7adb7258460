"""Shared helpers for the upload tests: products with real picture files, a client on a
simulator, an engine with a recorded event list. (No mocks: real simulator, SQLite, files.)"""

from __future__ import annotations

import hashlib
import json
import random
import signal
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.catalog.model import ImageRef, ImageSource, Product, Sku
from app.simulator import Simulator
from app.top.client import TopClient, TopConfig
from app.top.ratelimit import RateLimiter
from app.upload.audit import AuditLog
from app.upload.engine import Engine
from app.upload.events import Event
from app.upload.journal import Journal, Scope
from app.upload.pictures import PicturePreparer, ReadyPicture, fixed_preparer
from app.upload.plan import image_identity
from app.upload.policy import RetryPolicy, Waiter
from app.upload.session import SessionProvider, StaticSession
from app.upload.settings import UploadSettings
from tests.sheetgen import picture

SECRET = "helloworld"


def picture_file(folder: Path, name: str, seed: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    color = (40 + seed * 37 % 200, 60 + seed * 53 % 180, 90 + seed * 11 % 150)
    path.write_bytes(picture(800, 800, color, fmt="JPEG", label=name))
    return path


def make_products(n: int, folder: Path, *, extras: int = 0, shared_extra: bool = False,
                  start: int = 1, prefix: str = "SKU") -> list[Product]:
    """``n`` valid products, each with its own main picture (+ ``extras`` extra pictures)."""
    shared = picture_file(folder, "shared.jpg", 999) if shared_extra else None
    out = []
    for i in range(start, start + n):
        images = [ImageRef(ImageSource.PATH, str(picture_file(folder, f"m{i}.jpg", i)))]
        for e in range(extras):
            images.append(ImageRef(ImageSource.PATH,
                                   str(picture_file(folder, f"x{i}_{e}.jpg", i * 10 + e))))
        if shared is not None:
            images.append(ImageRef(ImageSource.PATH, str(shared)))
        out.append(Product(
            row=i + 1, outer_id=f"{prefix}-{i:05d}", title=f"夏季纯棉短袖T恤 款{i}",
            desc=f"100% 纯棉面料，透气舒适，第 {i} 款。", price=Decimal("59.90"), num=100 + i,
            cid=50000671, location_state="浙江", location_city="杭州", stuff_status="new",
            type="fixed", images=images, **clothing_props(i),
        ))
    return out


def clothing_props(n: int) -> dict[str, str]:
    """The composed key props a clothing leaf of the simulator requires (优衣库, 2026年夏季,
    货号 TS<n>, 棉100%): what the resolution step makes of the sheetgen property columns."""
    return {"props": "20000:9200003;122216347:3612408002", "input_pids": "13021751,149422948",
            "input_str": f"TS{n:05d},棉100%"}


# The simulator's women's T-shirt (50000671): colour 1627207, size 20509; its key props too
COLOURS = (("白色", 28320), ("黑色", 28341), ("红色", 28326))
SIZES = (("S", 28314), ("M", 28315))
DESC = "纯棉面料 <舒适> & 透气\n\n洗涤：30℃ 以下手洗"


def variant_products(n: int, folder: Path, *, details: int = 2, shared_detail: bool = True,
                     colours: int = 2, colour_pictures: bool = True, start: int = 1,
                     prefix: str = "VAR") -> list[Product]:
    """``n`` products of ``colours`` × 2 sizes SKUs (resolved: props, sku properties), each with
    its main picture, ``details`` detail pictures of its own (+ one all share, placed second),
    and one picture per colour when ``colour_pictures``."""
    shared = (ImageRef(ImageSource.PATH, str(picture_file(folder, "detail_shared.jpg", 777)))
              if shared_detail else None)
    out = []
    for i in range(start, start + n):
        own = [ImageRef(ImageSource.PATH, str(picture_file(folder, f"d{i}_{k}.jpg",
                                                           5000 + i * 10 + k)))
               for k in range(details)]
        detail = own[:1] + ([shared] if shared is not None else []) + own[1:]
        skus = []
        for c, (cname, cvid) in enumerate(COLOURS[:colours]):
            image = (ImageRef(ImageSource.PATH, str(picture_file(
                folder, f"c{i}_{c}.jpg", 9000 + i * 10 + c))) if colour_pictures else None)
            for sname, svid in SIZES:
                skus.append(Sku(f"1627207:{cvid};20509:{svid}", 5 + c, Decimal("59.90"),
                                values={"颜色": cname, "尺码": sname},
                                row=i * 10 + len(skus), image=image))
        keys = clothing_props(i)
        props = ";".join([keys.pop("props")] + [f"1627207:{v}" for _, v in COLOURS[:colours]]
                         + [f"20509:{v}" for _, v in SIZES])
        out.append(Product(
            row=i * 10, outer_id=f"{prefix}-{i:05d}", title=f"纯棉短袖T恤 多色 款{i}",
            desc=DESC, price=Decimal("59.90"), num=sum(s.quantity or 0 for s in skus),
            cid=50000671, location_state="浙江", location_city="杭州", stuff_status="new",
            type="fixed", props=props, skus=skus, detail_images=detail, **keys,
            images=[ImageRef(ImageSource.PATH, str(picture_file(folder, f"vm{i}.jpg", i)))],
        ))
    return out


def all_refs(p: Product) -> list[ImageRef]:
    return [*p.images, *p.detail_images, *(s.image for s in p.skus if s.image is not None)]


def file_preparer(products: list[Product]) -> PicturePreparer:
    """Pictures read from their files once, up front (JPEGs made by the test: already valid)."""
    ready: dict[str, ReadyPicture] = {}
    for p in products:
        for ref in all_refs(p):
            data = Path(ref.location).read_bytes()
            sha = hashlib.sha256(data).hexdigest()
            ready[image_identity(ref)] = ReadyPicture(data, sha, f"{sha[:16]}.jpg")
    return fixed_preparer(ready)


def door(sim: Simulator, what: str) -> Any:
    with urllib.request.urlopen(f"{sim.base_url}/_sim/{what}", timeout=10) as r:
        return json.loads(r.read())


def items_by_outer_id(sim: Simulator) -> dict[str, list[dict[str, Any]]]:
    data = door(sim, "items")
    items = data["items"] if isinstance(data, dict) else data
    out: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        out.setdefault(str(item.get("outer_id")), []).append(item)
    return out


def calls(sim: Simulator) -> list[dict[str, Any]]:
    data = door(sim, "calls")
    return data["calls"] if isinstance(data, dict) else data


def client_for(sim: Simulator, session: str, qps: float | None = None,
               read_timeout: float = 10.0) -> TopClient:
    cfg = TopConfig(app_key=sim.config.app_key, gateway_url=sim.router_url,
                    oauth_base_url=sim.base_url, read_timeout=read_timeout)
    return TopClient(cfg, secret=SECRET, session=session, limiter=RateLimiter(qps=qps))


@dataclass
class Run:
    engine: Engine
    events: list[Event] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def of(self, kind: type) -> list[Any]:
        with self.lock:
            return [e for e in self.events if isinstance(e, kind)]


def make_engine(client: TopClient, journal: Journal, products: list[Product], *,
                settings: UploadSettings | None = None, sessions: SessionProvider | None = None,
                audit: AuditLog | None = None, scope: Scope | None = None,
                policy: RetryPolicy | None = None,
                preparer: PicturePreparer | None = None, waiter: Waiter | None = None,
                on_publisher_switch: Callable[[str], None] | None = None) -> Run:
    run = Run(engine=None)  # type: ignore[arg-type]

    def on_event(e: Event) -> None:
        with run.lock:
            run.events.append(e)

    run.engine = Engine(
        client, journal, scope or Scope("demo_shop", "local", "sheet-1"),
        settings or UploadSettings(reconcile_delay=0.2),
        sessions=sessions or StaticSession(client.session or ""),
        preparer=preparer or file_preparer(products), audit=audit,
        policy=policy or RetryPolicy(base_delay=0.05, max_delay=0.5), on_event=on_event,
        waiter=waiter, on_publisher_switch=on_publisher_switch)
    return run


class JumpingClock:
    """Real time, except that a wait of the engine's `Waiter` moves this clock forward by the
    time asked instead of sleeping (a cancel still ends it): hours pass in no time."""

    def __init__(self) -> None:
        self.jumped = timedelta(0)

    def monotonic(self) -> float:
        return time.monotonic() + self.jumped.total_seconds()

    def utcnow(self) -> datetime:
        return datetime.now(UTC) + self.jumped

    def wait(self, event: threading.Event, seconds: float) -> bool:
        if not event.is_set():
            self.jumped += timedelta(seconds=seconds)
        return event.is_set()


def kill_at_random_moments(start: Callable[[], subprocess.Popen], made_calls: Callable[[], int],
                           rng: random.Random, *, kills: int, tries: int,
                           longest: float = 0.6, first_call_within: float = 30) -> int:
    """Start the upload again and again and SIGKILL it a random 0–``longest`` s after its first
    call, until ``kills`` kills, ``tries`` starts, or a run that ends by itself (exit 0).
    Returns the kills made."""
    made = 0
    for _ in range(tries):
        if made >= kills:
            break
        before = made_calls()
        proc = start()
        deadline = time.monotonic() + first_call_within
        while made_calls() == before and proc.poll() is None:
            assert time.monotonic() < deadline, "the upload made no call"
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, longest))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            made += 1
        proc.wait(timeout=30)
        if proc.returncode == 0:
            break
    return made


def until_it_ends(run: Callable[[], subprocess.CompletedProcess],
                  tries: int = 5) -> subprocess.CompletedProcess:
    """Run the upload again until it exits 0 (faults may stop a run), at most ``tries`` times;
    the last run's result."""
    for _ in range(tries):
        final = run()
        if final.returncode == 0:
            break
    return final
