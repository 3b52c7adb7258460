"""TopClient against the real simulator: signing, typed calls, lookups, pictures."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import pytest
import requests

from app.simulator import Simulator, SimulatorConfig
from app.top.chinatime import format_timestamp
from app.top.errors import ErrorKind, TopError
from app.top.publish import ItemAddPublisher, Publisher
from app.top.request import FilePart
from app.top.signing import signing_string
from tests.integration.test_client_support import (
    APP_KEY,
    SECRET,
    calls,
    door,
    item_fields,
    jpeg_bytes,
    make_client,
)


@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator(SimulatorConfig(app_key=APP_KEY, app_secret=SECRET)) as simulator:
        yield simulator


@pytest.mark.parametrize("sign_method", ["md5", "hmac", "hmac-sha256"])
def test_signed_item_add_returns_num_iid(sim: Simulator, sign_method: str) -> None:
    with make_client(sim, sign_method=sign_method) as client:
        added = client.add_item(item_fields(f"SKU-{sign_method}"))
    assert added.num_iid > 0
    assert added.request_id
    items = door(sim, "items")["items"]
    assert [(i["num_iid"], i["outer_id"]) for i in items] == [(added.num_iid,
                                                               f"SKU-{sign_method}")]
    assert items[0]["title"] == "纯棉短袖T恤 男款 夏季"
    assert str(items[0]["price"]) in ("59.90", "59.9")


def test_publisher_interface(sim: Simulator) -> None:
    with make_client(sim) as client:
        publisher: Publisher = ItemAddPublisher(client)
        added = publisher.publish(item_fields("PUB-1"))
    assert isinstance(publisher, Publisher)
    assert added.num_iid == door(sim, "items")["items"][0]["num_iid"]


def test_wrong_secret_is_code_25_fatal(sim: Simulator) -> None:
    with make_client(sim, secret="not-the-secret") as client, pytest.raises(TopError) as info:
        client.add_item(item_fields("X-1"))
    err = info.value
    assert err.code == 25
    assert err.kind is ErrorKind.FATAL
    assert not err.maybe_executed
    assert "App Secret" in err.explanation
    assert err.request_id
    for text in (str(err), repr(err), err.user_message):
        assert "not-the-secret" not in text
    assert door(sim, "items")["items"] == []


def test_the_common_wrong_signature_is_code_25(sim: Simulator) -> None:
    """The blog-post recipe: secret only appended, lower-case hex, no sign_method."""
    params = {
        "method": "taobao.itemcats.get", "app_key": APP_KEY, "v": "2.0", "format": "json",
        "timestamp": format_timestamp(datetime.now(UTC)), "fields": "cid,name", "parent_cid": "0",
        "session": sim.issue_session(),
    }
    wrong = hashlib.md5((signing_string(params) + SECRET).encode()).hexdigest()
    answer = requests.post(sim.router_url, data={**params, "sign": wrong}, timeout=5).json()
    assert answer["error_response"]["code"] == 25


def test_upload_picture_then_add_item_with_pic_path(sim: Simulator) -> None:
    with make_client(sim) as client:
        picture = client.upload_picture(jpeg_bytes(), "主图.jpg")
        added = client.add_item(item_fields("PIC-1", pic_path=picture.picture_path))
        extra = client.upload_item_image(added.num_iid, jpeg_bytes((700, 700)), "b.jpg", 1)
        second = client.upload_picture(jpeg_bytes((900, 900)), "c.jpg")
        joint = client.joint_item_image(added.num_iid, second.picture_path, 2)
    assert picture.picture_id > 0
    assert picture.size > 0
    assert picture.pixel
    assert extra.id > 0
    assert joint.id > 0
    item = door(sim, "items")["items"][0]
    assert item["pic_path"] == picture.picture_path
    assert len(door(sim, "pictures")["pictures"]) == 2


def test_add_item_with_image_file(sim: Simulator) -> None:
    with make_client(sim) as client:
        added = client.add_item(item_fields("IMG-1"), FilePart(jpeg_bytes(), "main.jpg"))
    item = door(sim, "items")["items"][0]
    assert item["num_iid"] == added.num_iid
    assert item["pic_path"]


def test_find_items_by_outer_id_batches_by_40(sim: Simulator) -> None:
    with make_client(sim) as client:
        made = [client.add_item(item_fields(f"OID-{i:03d}")).num_iid for i in range(3)]
        wanted = [f"OID-{i:03d}" for i in range(85)]  # 3 exist, 82 do not
        found = client.find_items_by_outer_id(wanted)
        assert client.find_items_by_outer_id(["NOPE-1"]) == []  # absent list → []
    assert sorted(int(i["num_iid"]) for i in found) == sorted(made)
    assert {i["outer_id"] for i in found} == {"OID-000", "OID-001", "OID-002"}
    lookups = calls(sim, "taobao.items.custom.get")
    assert len(lookups) == 4  # 40 + 40 + 5, then the single miss
    assert all(c["verdict"] == "ok" for c in lookups)


def test_update_quantity_and_price(sim: Simulator) -> None:
    with make_client(sim) as client:
        num_iid = client.add_item(item_fields("UPD-1")).num_iid
        qty = client.update_quantity(num_iid, 33)
        price = client.update_price(num_iid, Decimal("45.5"))
    assert int(qty["num_iid"]) == num_iid
    assert int(price["num_iid"]) == num_iid
    item = door(sim, "items")["items"][0]
    assert int(item["num"]) == 33
    assert str(item["price"]) in ("45.50", "45.5")


def test_get_categories(sim: Simulator) -> None:
    with make_client(sim) as client:
        top = client.get_categories(parent_cid=0)
        leaf = client.get_categories(cids=[50000436])
    assert any(c.cid == 30 and c.name == "男装" and c.is_parent for c in top)
    assert [(c.cid, c.parent_cid, c.is_parent) for c in leaf] == [(50000436, 30, False)]


def test_invalid_row_is_kind_row_with_field_named(sim: Simulator) -> None:
    with make_client(sim) as client, pytest.raises(TopError) as info:
        client.add_item(item_fields("BAD-1", title="太长" * 40))
    err = info.value
    assert err.kind is ErrorKind.ROW
    assert "标题" in err.explanation + err.action
    assert not err.maybe_executed
