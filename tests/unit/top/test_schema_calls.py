"""Reading the schema API's answers (item_id in either place, the XML string, operate results)
and the schema publisher's refusals before anything is sent. The client stand-in answers like
Taobao would; our own code is not faked."""

from __future__ import annotations

import pytest

from app.simulator.schema_leaf import leaf_fields
from app.simulator.schema_model import render
from app.top.errors import ErrorKind, TopError
from app.top.publish import Publisher
from app.top.publish_schema import SchemaPublisher
from app.top.schema_calls import MARKET, SubmittedItem, item_id_of, xml_result

M = "alibaba.item.publish.submit"


@pytest.mark.parametrize("answer", [
    {"item_id": 600000000001, "create_time": "2026-05-01 08:00:00"},
    {"item_id": "600000000001"},
    {"result": {"item_id": 600000000001}},
    {"result": '{"item_id": "600000000001", "market": "taobao"}'},
    {"result": "600000000001"},
    {"result": 600000000001},
], ids=["direct", "direct text", "in result", "result as JSON text", "result bare", "result int"])
def test_item_id_is_read_from_either_place(answer: dict) -> None:
    assert item_id_of(answer, M) == 600000000001


@pytest.mark.parametrize("answer", [{}, {"item_id": 0}, {"result": "true"}, {"result": "{oops"},
                                    {"item_id": True}])
def test_no_item_id_means_it_may_have_been_created(answer: dict) -> None:
    with pytest.raises(TopError) as info:
        item_id_of(answer, M)
    assert info.value.maybe_executed
    assert "核对" in info.value.action


def test_the_schema_travels_as_a_string() -> None:
    assert xml_result({"result": "<itemSchema/>"}, "x") == "<itemSchema/>"
    for answer in ({}, {"result": ""}, {"result": {"field": []}}):
        with pytest.raises(TopError) as info:
            xml_result(answer, "alibaba.item.publish.schema.get")
        assert not info.value.maybe_executed


class Taobao:
    """Answers schema.get with a fixed text and counts submits."""

    def __init__(self, schema: str) -> None:
        self.schema = schema
        self.schema_reads = 0
        self.submitted: list[str] = []

    def publish_schema(self, cat_id: int, *, market: str = MARKET) -> str:
        self.schema_reads += 1
        return self.schema

    def publish_submit(self, cat_id: int, schema_xml: str, *, market: str = MARKET
                       ) -> SubmittedItem:
        self.submitted.append(schema_xml)
        return SubmittedItem(600000000000 + len(self.submitted), "2026-05-01 08:00:00", market,
                             "req")


FIELDS = {"cid": 50000436, "title": "男士T恤", "price": "59.00", "num": 10,
          "desc": "<p>纯棉短袖</p>", "location.state": "浙江", "location.city": "杭州",
          "stuff_status": "new", "outer_id": "T-1",
          # the leaf's required props (品牌, 年份/季节 listed; 货号, 材质成分 typed)
          "props": "20000:9200003;122216347:3612408002", "input_pids": "13021751,149422948",
          "input_str": "T1,棉100%"}
PIC = "https://img.alicdn.com/imgextra/i1/1/O1CN01A_!!1.jpg"


def test_the_schema_publisher_reads_each_leaf_once() -> None:
    taobao = Taobao(render(leaf_fields(50000436)))
    publisher = SchemaPublisher(taobao)
    assert isinstance(publisher, Publisher)
    first = publisher.publish(FIELDS, pictures=[PIC])
    second = publisher.publish({**FIELDS, "outer_id": "T-2"}, pictures=[PIC])
    assert (first.num_iid, second.num_iid, taobao.schema_reads) == (
        600000000001, 600000000002, 1)
    publisher.forget(50000436)
    publisher.publish({**FIELDS, "outer_id": "T-3"}, pictures=[PIC])
    assert taobao.schema_reads == 2
    with pytest.raises(ValueError, match="picture-space"):
        publisher.publish(FIELDS, image=object())  # type: ignore[arg-type]


def test_a_refused_product_is_a_row_error_and_nothing_is_sent() -> None:
    taobao = Taobao(render(leaf_fields(50000436)))
    with pytest.raises(TopError) as info:
        SchemaPublisher(taobao).publish({**FIELDS, "title": "加" * 31})  # and no picture
    error = info.value
    assert (error.kind, error.sub_code, error.maybe_executed) == (
        ErrorKind.ROW, "schema.invalid", False)
    assert "「宝贝标题」最多 60 字节" in error.user_message
    assert "「1:1主图」必须填写" in error.user_message
    assert taobao.submitted == []


@pytest.mark.parametrize(("schema", "code"), [
    ('<!DOCTYPE x [<!ENTITY a "a">]><itemSchema/>', "schema.forbidden"),
    ("<itemSchema><field id='x' type='slider'/></itemSchema>", "schema.unknown_type"),
    ("<itemSchema><field id='x' type='input'><rules><rule name='maxLengthRule'/></rules>"
     "</field></itemSchema>", "schema.bad_rule"),
    ("<itemSchema><field", "schema.not_xml"),
], ids=["entity", "unknown type", "rule without value", "cut off"])
def test_a_hostile_schema_gives_the_row_a_clear_error(schema: str, code: str) -> None:
    taobao = Taobao(schema)
    with pytest.raises(TopError) as info:
        SchemaPublisher(taobao).publish(FIELDS, pictures=[PIC])
    assert (info.value.kind, info.value.sub_code) == (ErrorKind.ROW, code)
    assert info.value.user_message.startswith("淘宝返回的发布规则无法使用")
    assert taobao.submitted == []
