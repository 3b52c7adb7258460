"""Shared helpers for the TopClient integration tests against the real simulator."""

from __future__ import annotations

import io
import json
import urllib.request
from decimal import Decimal
from typing import Any

from PIL import Image

from app.simulator import Simulator
from app.top.client import TopClient, TopConfig
from app.top.ratelimit import RateLimiter

APP_KEY = "12345678"
SECRET = "helloworld"


def item_fields(outer_id: str, **extra: object) -> dict[str, object]:
    """A valid item.add for the simulator's category tree (50000436 = 男装/T恤, a leaf)."""
    fields: dict[str, object] = {
        "num": 10,
        "type": "fixed",
        "stuff_status": "new",
        "title": "纯棉短袖T恤 男款 夏季",
        "desc": "舒适透气的纯棉短袖T恤，适合夏天穿着。",
        "location.state": "浙江",
        "location.city": "杭州",
        "cid": 50000436,
        "price": Decimal("59.90"),
        "outer_id": outer_id,
        # 男装/T恤 requires 品牌, 年份/季节 (listed) and 货号, 材质成分 (typed)
        "props": "20000:9200003;122216347:3612408002",
        "input_pids": "13021751,149422948",
        "input_str": f"{outer_id[:20]},棉100%",
    }
    fields.update(extra)
    return fields


def jpeg_bytes(size: tuple[int, int] = (800, 800)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buf, "JPEG", quality=85)
    return buf.getvalue()


def make_client(
    sim: Simulator, *, secret: str = SECRET, sign_method: str = "hmac-sha256",
    session: str | None = None, limiter: RateLimiter | None = None, **cfg: Any,
) -> TopClient:
    options: dict[str, Any] = {"connect_timeout": 5.0, "read_timeout": 10.0, **cfg}
    config = TopConfig(app_key=APP_KEY, gateway_url=sim.router_url, sign_method=sign_method,
                       oauth_base_url=sim.base_url, **options)
    token = session if session is not None else sim.issue_session()
    return TopClient(config, secret=secret, session=token, limiter=limiter)


def door(sim: Simulator, what: str) -> Any:
    """GET /_sim/<what> over HTTP, as tests outside the process would."""
    with urllib.request.urlopen(f"{sim.base_url}/_sim/{what}", timeout=5) as answer:
        return json.loads(answer.read().decode("utf-8"))


def calls(sim: Simulator, method: str | None = None) -> list[dict[str, Any]]:
    """The simulator's call log (optionally only one method), via GET /_sim/calls."""
    log = door(sim, "calls")["calls"]
    return [c for c in log if method is None or c["method"] == method]
