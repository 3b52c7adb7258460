"""Round trip through the real client and simulator: the same products (variants, typed and
custom properties, detail pictures) listed through item.add and through the schema flow are the
same items at the test door, field by field; the schema calls (edits, take-down, put-back)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from app.catalog.model import Product, Sku
from app.simulator import Simulator, SimulatorConfig
from app.top.client import TopClient
from app.top.errors import ErrorKind, TopError
from app.top.publish import ItemAddPublisher
from app.top.publish_schema import SchemaPublisher
from app.top.schema import fill, parse_schema, to_text
from app.upload.fields import item_fields
from tests.integration.test_client_support import APP_KEY, SECRET, calls, door, jpeg_bytes
from tests.integration.test_client_support import make_client as client_for


@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator(SimulatorConfig(app_key=APP_KEY, app_secret=SECRET)) as simulator:
        yield simulator


@pytest.fixture
def client(sim: Simulator) -> Iterator[TopClient]:
    with client_for(sim) as top:
        yield top


def upload(client: TopClient, name: str) -> str:
    return client.upload_picture(jpeg_bytes(), name).picture_path


def hoodie(key: str) -> Product:
    return Product(
        row=2, outer_id=key, title="加绒卫衣 秋冬", desc="<p>柔软加绒卫衣</p>",
        price=Decimal("59.00"), num=35, cid=50008898, location_state="浙江",
        location_city="杭州", stuff_status="new", type="fixed", approve_status="onsale",
        props="20000:1128204128;122216347:3612408003;1627207:28320;1627207:28341;"
              "20509:28314;20509:28315",
        skus=[Sku("1627207:28320;20509:28314", 10, Decimal("59.00")),
              Sku("1627207:28320;20509:28315", 20, Decimal("59.00"), f"{key}-WM"),
              Sku("1627207:28341;20509:28314", 0, Decimal("69.00")),
              Sku("1627207:28341;20509:28315", 5, Decimal("69.00"))])


def tee(key: str, detail: str) -> Product:
    """Custom colours (udsaleprop), a renamed listed colour and a detail picture."""
    return Product(
        row=3, outer_id=key, title="纯棉短袖T恤 女", price=Decimal("79.00"), num=20,
        desc=f'<p>夏季新款</p><p><img align="absmiddle" src="{detail}" '
             'style="max-width:750px" /></p>',
        cid=50000671, location_state="广东", location_city="广州", stuff_status="new",
        type="fixed", approve_status="onsale",
        props="122216347:3612408002;1627207:-1;1627207:28338;20509:28315",
        skus=[Sku("1627207:-1;20509:28315", 8, Decimal("79.00"), f"{key}-1"),
              Sku("1627207:28338;20509:28315", 12, Decimal("79.00"), f"{key}-2")])


def shirt(key: str) -> Product:
    """No SKUs; into the warehouse; buyer-paid freight by template; shop categories."""
    return Product(
        row=4, outer_id=key, title="男士纯棉T恤", desc="<p>男款短袖，纯棉透气</p>",
        price=Decimal("49.90"), num=7, cid=50000436, location_state="浙江",
        location_city="宁波", stuff_status="second", type="fixed", approve_status="instock",
        seller_cids="1001,1002", freight_payer="buyer", postage_id=778, sell_point="透气舒适",
        props="20000:9200003;122216347:3612408002")


# What the sheet's property columns compose for item.add (typed values, aliases, custom values).
EXTRA = {
    "hoodie": {"input_pids": "13021751,149422948", "input_str": "TS26001,棉100%"},
    "tee": {"input_pids": "20000,13021751,149422948", "input_str": "小鹿森林,T26,棉100%",
            "input_custom_cpv": "1627207:-1:雾霾蓝;", "property_alias": "1627207:28338:天青"},
    "shirt": {"input_pids": "13021751,149422948", "input_str": "S26,棉100%"},
}
SAME = ("title", "price", "num", "cid", "desc", "type", "stuff_status", "location", "pic_path",
        "approve_status", "property_alias", "input_custom_cpv", "seller_cids", "postage_id",
        "sell_point")


def fields_of(product: Product, kind: str, pic: str) -> dict[str, object]:
    return {**item_fields(product, pic_path=pic), **EXTRA[kind]}


def typed(item: dict[str, Any]) -> dict[str, str]:
    pids, texts = item.get("input_pids"), item.get("input_str")
    return dict(zip(pids.split(","), texts.split(","), strict=True)) if pids else {}


def skus(item: dict[str, Any]) -> list[tuple]:
    return [(s["properties"], s["quantity"], s["price"], s["outer_id"]) for s in item["skus"]]


@pytest.mark.parametrize("kind", ["hoodie", "tee", "shirt"])
def test_both_publishers_list_the_same_item(client: TopClient, sim: Simulator, kind: str) -> None:
    pic = upload(client, "main.jpg")
    make = {"hoodie": hoodie, "tee": lambda k: tee(k, upload(client, "detail.jpg")),
            "shirt": shirt}[kind]
    by_add = make("ADD-1")
    by_schema = make("SCH-1")
    by_schema.desc = by_add.desc  # the same detail picture
    added = ItemAddPublisher(client).publish(fields_of(by_add, kind, pic))
    published = SchemaPublisher(client).publish(fields_of(by_schema, kind, pic), pictures=[pic])
    items = {i["num_iid"]: i for i in door(sim, "items")["items"]}
    a, s = items[added.num_iid], items[published.num_iid]
    assert (a["outer_id"], s["outer_id"]) == ("ADD-1", "SCH-1")
    for key in SAME:
        assert a.get(key) == s.get(key), key
    # the schema's freight field defaults to 卖家承担运费, which is what item.add means without one
    assert (a.get("freight_payer") or "seller") == s["freight_payer"]
    assert set(a.get("props", "").split(";")) == set(s.get("props", "").split(";"))
    assert typed(a) == typed(s)
    assert [(p, q, price, (o or "").replace("ADD", "SCH") or None) for p, q, price, o in skus(a)
            ] == skus(s)
    assert s["market"] == "taobao"
    if kind == "tee":
        assert "<img" in s["desc"]


def test_the_schema_is_read_once_per_leaf_for_a_run(client: TopClient, sim: Simulator) -> None:
    pic = upload(client, "main.jpg")
    publisher = SchemaPublisher(client)
    for n in range(3):
        publisher.publish(fields_of(hoodie(f"H-{n}"), "hoodie", pic), pictures=[pic])
    publisher.publish(fields_of(shirt("S-1"), "shirt", pic), pictures=[pic])
    assert len(calls(sim, "alibaba.item.publish.schema.get")) == 2
    assert len(calls(sim, "alibaba.item.publish.submit")) == 4


def test_a_product_the_schema_refuses_is_never_sent(client: TopClient, sim: Simulator) -> None:
    pic = upload(client, "main.jpg")
    fields = fields_of(hoodie("H-BAD"), "hoodie", pic)
    del fields["input_pids"], fields["input_str"]
    with pytest.raises(TopError) as info:
        SchemaPublisher(client).publish({**fields, "title": "卫衣<加绒>"}, pictures=[pic])
    assert info.value.kind is ErrorKind.ROW
    message = info.value.user_message
    assert "「宝贝标题」的内容“卫衣<加绒>”不符合格式要求" in message
    assert "「货号」必须填写" in message
    assert calls(sim, "alibaba.item.publish.submit") == []


def test_a_server_refusal_names_the_schema_field(client: TopClient) -> None:
    pic = upload(client, "main.jpg")
    fields = fields_of(hoodie("H-SUM"), "hoodie", pic)
    with pytest.raises(TopError) as info:  # the item centre's rule: num = the SKUs' sum
        SchemaPublisher(client).publish({**fields, "num": 34}, pictures=[pic])
    assert (info.value.kind, info.value.sub_code) == (
        ErrorKind.ROW, "isv.invalid-parameter:quantity")


def test_edits_take_down_and_put_back(client: TopClient, sim: Simulator) -> None:
    pic = upload(client, "main.jpg")
    assert client.publish_markets() == ["taobao"]
    item_id = SchemaPublisher(client).publish(fields_of(hoodie("H-E"), "hoodie", pic),
                                              pictures=[pic]).num_iid

    def item() -> dict[str, Any]:
        return next(i for i in door(sim, "items")["items"] if i["num_iid"] == item_id)

    current = parse_schema(client.edit_schema(item_id))
    assert current.field("title").value == "加绒卫衣 秋冬"  # the item's values come back
    changed = fill(current, {"title": "加绒卫衣 新款", "price": "69.00"})
    light = client.edit_fastupdate(item_id, to_text(current, changed.values,
                                                    only=["title", "price"]))
    assert light.item_id == item_id
    assert (item()["title"], item()["price"]) == ("加绒卫衣 新款", "69.00")
    whole = fill(parse_schema(client.edit_schema(item_id)),
                 {"desc": "<p>新的描述，更暖和</p>"})
    assert client.edit_submit(item_id, to_text(current, whole.values)).item_id == item_id
    assert item()["desc"] == "<p>新的描述，更暖和</p>"
    client.downshelf(item_id)
    assert item()["approve_status"] == "instock"
    client.upshelf(item_id)
    assert item()["approve_status"] == "onsale"
    client.delete_item(item_id)
    assert item()["approve_status"] == "deleted"
    assert client.find_items_by_outer_id(["H-E"]) == []


def test_classic_delist_and_relist(client: TopClient, sim: Simulator) -> None:
    pic = upload(client, "main.jpg")
    num_iid = ItemAddPublisher(client).publish(fields_of(shirt("S-D"), "shirt", pic)).num_iid
    client.relist(num_iid, 7)
    assert door(sim, "items")["items"][0]["approve_status"] == "onsale"
    assert client.delist(num_iid)
    assert door(sim, "items")["items"][0]["approve_status"] == "instock"


def test_props_get_through_the_client(client: TopClient) -> None:
    chosen = '<itemSchema><field id="catProp" type="complex"><complex-value>' \
             '<field id="p-21299" type="singleCheck"><value>27772</value></field>' \
             "</complex-value></field></itemSchema>"
    cascade = parse_schema(client.publish_props(50008165, chosen, 21299))
    assert [(f.id, f.name) for f in cascade.fields] == [("p-24557", "省份")]
