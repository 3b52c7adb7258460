"""Helpers for the simulator's integration tests: raw `requests` calls signed by a tiny signer
written here from taobao-api.md (independent of app.top and of the simulator's own code)."""

from __future__ import annotations

import hashlib
import hmac
import io
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
from PIL import Image

from app.simulator import Simulator, SimulatorConfig

APP_KEY = "12345678"
SECRET = "helloworld"
TIMEOUT = (5, 30)


def china_timestamp(offset_seconds: float = 0) -> str:
    now = datetime.now(UTC) + timedelta(hours=8, seconds=offset_seconds)
    return now.strftime("%Y-%m-%d %H:%M:%S")


def sign(params: Mapping[str, str], secret: str = SECRET, method: str = "md5") -> str:
    base = "".join(k + v for k, v in sorted(params.items()) if k != "sign" and v != "")
    data, key = base.encode("utf-8"), secret.encode("utf-8")
    if method == "md5":
        return hashlib.md5(key + data + key).hexdigest().upper()
    digest = hashlib.md5 if method == "hmac" else hashlib.sha256
    return hmac.new(key, data, digest).hexdigest().upper()


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (800, 600)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 60)).save(buffer, format=fmt)
    return buffer.getvalue()


# The required props of the simulator's clothing leaves (品牌 listed, 年份/季节; 货号 and 材质成分
# typed): an item without them is refused (类目必选属性未填写).
KEY_PROPS = "20000:9200003;122216347:3612408002"
CLOTHING_PROPS = {"props": KEY_PROPS, "input_pids": "13021751,149422948",
                  "input_str": "TS-001,棉100%"}


def item_fields(**overrides: str) -> dict[str, str]:
    fields = {
        "num": "10", "type": "fixed", "stuff_status": "new", "title": "纯棉短袖T恤 夏季新款",
        "desc": "<p>柔软透气的纯棉T恤</p>", "location.state": "浙江", "location.city": "杭州",
        "cid": "50000671", "price": "59.00", "outer_id": "TS-001", **CLOTHING_PROPS,
    }
    fields.update(overrides)
    return {k: v for k, v in fields.items() if v is not None}


class RawTop:
    """Build, sign and POST one TOP request; returns the decoded JSON answer."""

    def __init__(self, sim: Simulator, session: str | None, sign_method: str = "md5") -> None:
        self.sim = sim
        self.session = session
        self.sign_method = sign_method
        self.http = requests.Session()

    def system(self, method: str) -> dict[str, str]:
        params = {
            "method": method, "app_key": APP_KEY, "timestamp": china_timestamp(), "v": "2.0",
            "format": "json", "sign_method": self.sign_method,
        }
        if self.session:
            params["session"] = self.session
        return params

    def post(
        self, method: str, params: Mapping[str, str] | None = None,
        files: Mapping[str, tuple[str, bytes, str]] | None = None, *,
        override: Mapping[str, str | None] | None = None, secret: str = SECRET,
        system_in_query: bool = False,
    ) -> requests.Response:
        all_params = {**self.system(method), **(params or {})}
        for key, value in (override or {}).items():
            if value is None:
                all_params.pop(key, None)
            else:
                all_params[key] = value
        if "sign" not in (override or {}):
            all_params["sign"] = sign(all_params, secret, all_params.get("sign_method", "md5"))
        if system_in_query:
            system_keys = {*self.system(method), "sign"}
            query = {k: v for k, v in all_params.items() if k in system_keys}
            body = {k: v for k, v in all_params.items() if k not in system_keys}
            return self.http.post(self.sim.router_url, params=query, data=body, files=files,
                                  timeout=TIMEOUT)
        return self.http.post(self.sim.router_url, data=all_params, files=files, timeout=TIMEOUT)

    def call(self, method: str, params: Mapping[str, str] | None = None, **kwargs: Any) -> dict:
        response = self.post(method, params, **kwargs)
        assert response.status_code == 200, response.text
        return response.json()

    def add_item(self, **overrides: str) -> dict:
        return self.call("taobao.item.add", item_fields(**overrides))

    def upload_picture(self, data: bytes, name: str = "a.png") -> dict:
        return self.call(
            "taobao.picture.upload", {"image_input_title": name, "picture_category_id": "0"},
            files={"img": (name, data, "application/octet-stream")},
        )


def error_of(answer: dict) -> dict:
    assert "error_response" in answer, answer
    return answer["error_response"]


def door(sim: Simulator, name: str) -> list[dict]:
    response = requests.get(f"{sim.base_url}/_sim/{name}", timeout=TIMEOUT)
    response.raise_for_status()
    return response.json()[name]


def set_faults(sim: Simulator, **changes: Any) -> dict:
    response = requests.post(f"{sim.base_url}/_sim/faults", json=changes, timeout=TIMEOUT)
    assert response.status_code == 200, response.text
    return response.json()["faults"]


@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator(SimulatorConfig(seed=7)) as simulator:
        yield simulator


@pytest.fixture
def top(sim: Simulator) -> Iterator[RawTop]:
    client = RawTop(sim, sim.issue_session("demo_shop"))
    yield client
    client.http.close()
