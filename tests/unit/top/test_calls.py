"""Typed calls over a scripted loopback server: parameters sent and answers read."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from app.top.calls import pic_path_for_item
from app.top.client import TopClient, TopConfig
from app.top.errors import ErrorKind, TopError
from tests.unit.top.fakeserver import FakeServer, Reply, Seen


def _items(seen: Seen) -> Reply:
    ids = seen.form["outer_id"].split(",")
    found = [{"num_iid": 1000 + int(i.split("-")[1]), "outer_id": i} for i in ids
             if int(i.split("-")[1]) % 2 == 0]
    body: dict[str, object] = {"request_id": "r"}
    if found:
        body["items"] = {"item": found}
    return Reply(json={"items_custom_get_response": body})


@pytest.fixture
def server() -> Iterator[FakeServer]:
    with FakeServer(default=_items) as srv:
        yield srv


def _client(srv: FakeServer) -> TopClient:
    cfg = TopConfig(app_key="12345678", gateway_url=srv.url)
    return TopClient(cfg, "secret", "sess", clock=lambda: datetime(2026, 1, 1, tzinfo=UTC))


def test_find_items_batches_by_40_and_dedupes(server: FakeServer) -> None:
    ids = [f"A-{i}" for i in range(85)] + ["A-0", "  ", ""]
    with _client(server) as client:
        found = client.find_items_by_outer_id(ids)
    batches = [s.form["outer_id"].split(",") for s in server.seen]
    assert [len(b) for b in batches] == [40, 40, 5]
    assert [i for b in batches for i in b] == [f"A-{i}" for i in range(85)]
    assert server.seen[0].form["fields"] == "num_iid,outer_id,title,num,price,approve_status"
    assert [i["outer_id"] for i in found] == [f"A-{i}" for i in range(0, 85, 2)]


def test_find_items_with_no_ids_makes_no_call(server: FakeServer) -> None:
    with _client(server) as client:
        assert client.find_items_by_outer_id([]) == []
        assert client.calls_made == 0
        with pytest.raises(ValueError):
            client.find_items_by_outer_id(["a,b"])


def test_categories_single_element_and_string_bools(server: FakeServer) -> None:
    server.replies.append(Reply(json={"itemcats_get_response": {"item_cats": {"item_cat": {
        "cid": "50000436", "parent_cid": "30", "name": "T恤", "is_parent": "false"}}}}))
    server.replies.append(Reply(json={"itemcats_get_response": {}}))
    with _client(server) as client:
        cats = client.get_categories(cids=[50000436, 16])
        assert client.get_categories() == []
    assert [(c.cid, c.parent_cid, c.name, c.is_parent) for c in cats] == [
        (50000436, 30, "T恤", False)]
    assert server.seen[0].form["cids"] == "50000436,16"
    assert server.seen[1].form["parent_cid"] == "0"


def test_add_item_answer_without_num_iid_is_doubtful(server: FakeServer) -> None:
    server.replies.append(Reply(json={"item_add_response": {"item": {}}}))
    with _client(server) as client, pytest.raises(TopError) as info:
        client.add_item({"title": "x"})
    assert info.value.kind is ErrorKind.TRANSIENT
    assert info.value.maybe_executed


def test_quantity_update_sends_optional_fields_only_when_set(server: FakeServer) -> None:
    server.replies.append(Reply(json={"item_quantity_update_response": {"item": {
        "num_iid": 5, "num": 7}}}))
    with _client(server) as client:
        item = client.update_quantity(5, 7, type=2)
    assert item == {"num_iid": 5, "num": 7}
    assert server.seen[0].form == {"num_iid": "5", "quantity": "7", "type": "2"}


def test_pic_path_for_item_is_the_relative_path() -> None:
    """taobao-props.md §6: item.add / item.joint.img take the path without
    ``https://img.alicdn.com/imgextra/``."""
    url = "https://img.alicdn.com/imgextra/i1/2201/O1CN01abc_!!2201.jpg"
    assert pic_path_for_item(url) == "i1/2201/O1CN01abc_!!2201.jpg"
    assert pic_path_for_item(url, absolute=True) == url
    assert pic_path_for_item("i1/2201/x.jpg") == "i1/2201/x.jpg"


def test_picture_calls_send_the_relative_path(server: FakeServer) -> None:
    url = "https://img.alicdn.com/imgextra/i3/1810749336/O1CN01x_!!1810749336.png"
    server.replies += [
        Reply(json={"item_add_response": {"item": {"num_iid": 7, "created": "x"}}}),
        Reply(json={"item_joint_img_response": {"item_img": {"id": 1, "url": url}}}),
        Reply(json={"item_joint_propimg_response": {"prop_img": {
            "id": 2, "properties": "1627207:28320", "url": url}}}),
        Reply(json={"picture_userinfo_get_response": {"user_info": {
            "available_space": "1000", "used_space": "400", "remaining_space": "600"}}}),
    ]
    with _client(server) as client:
        client.add_item({"title": "x", "pic_path": url})
        client.joint_item_image(7, url, 1)
        image = client.joint_prop_image(7, "1627207:28320", url)
        room = client.picture_room()
    relative = "i3/1810749336/O1CN01x_!!1810749336.png"
    assert [s.form["pic_path"] for s in server.seen[:3]] == [relative] * 3
    assert server.seen[2].form["properties"] == "1627207:28320"
    assert (image.id, image.properties) == (2, "1627207:28320")
    assert (room.available, room.used, room.remaining) == (1000, 400, 600)
