"""The simulator's schema publish API over loopback, signed requests (taobao-props.md §7):
market.get, schema.get (the real field types and rules; catProp = itemprops), props.get,
submit (every rule refused with the field id and a Chinese message; the item stored like
item.add's; faults as for item.add)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
import requests

from app.simulator import Simulator
from tests.integration.test_simulator_schema_support import (
    HOODIE_CID,
    body,
    filled,
    hoodie,
    picture,
    sku,
    submit,
)
from tests.integration.test_simulator_support import (
    RawTop,
    door,
    error_of,
    set_faults,
    sim,
    top,
)

__all__ = ["sim", "top"]  # fixtures

SCHEMA_GET = "alibaba.item.publish.schema.get"


def schema_root(top: RawTop, cid: str) -> ET.Element:
    result = body(top.call(SCHEMA_GET, {"market": "taobao", "cat_id": cid}), SCHEMA_GET)["result"]
    assert isinstance(result, str)  # the XML travels as a JSON string
    return ET.fromstring(result)


def rules_of(element: ET.Element) -> dict[str, ET.Element]:
    return {r.get("name"): r for r in element.findall("rules/rule")}


def test_market_get_answers_taobao_under_the_alibaba_prefix(top: RawTop) -> None:
    answer = top.call("alibaba.item.publish.market.get")
    assert answer["alibaba_item_publish_market_get_response"]["markets"] == "taobao"


def test_schema_get_has_the_real_field_types_and_rules(top: RawTop) -> None:
    root = schema_root(top, HOODIE_CID)
    film = schema_root(top, "50008094")  # 手机贴膜: 适用手机型号 is a multiCheck
    assert root.tag == film.tag == "itemSchema"
    fields = {f.get("id"): f for f in root.iter("field")}
    types = {f.get("type") for f in [*root.iter("field"), *film.iter("field")]}
    assert types == {"input", "singleCheck", "multiCheck", "multiInput", "complex",
                     "multiComplex", "label"}
    title = rules_of(fields["title"])
    assert title["requiredRule"].get("value") == "true"
    assert (title["maxLengthRule"].get("value"), title["maxLengthRule"].get("unit"),
            title["maxLengthRule"].get("exProperty")) == ("60", "byte", "include")
    tips = [r.get("value") for r in fields["title"].findall("rules/rule[@name='tipRule']")]
    assert "最多允许输入30个汉字（60字符）" in tips
    outer = rules_of(fields["outerId"])["maxLengthRule"]
    assert (outer.get("value"), outer.get("unit")) == ("64", "byte")
    price = rules_of(fields["price"])
    assert price["valueTypeRule"].get("value") == "decimal"
    assert price["maxDecimalDigitsRule"].get("value") == "2"
    assert price["minValueRule"].get("value") == "0.01"
    listing = rules_of(fields["listTime"])["disableRule"]
    express = listing.find("depend-group/depend-express")
    assert express is not None
    assert (express.get("fieldId"), express.get("symbol"), express.get("value")) == (
        "startTime", "!=", "1")
    names = {r.get("name") for r in root.iter("rule")}
    assert {"requiredRule", "maxLengthRule", "minLengthRule", "regexRule", "valueTypeRule",
            "minValueRule", "maxValueRule", "maxDecimalDigitsRule", "disableRule", "tipRule",
            "maxInputNumRule"} <= names
    assert film.find(".//field[@id='p-9000101']").get("type") == "multiCheck"


def test_sku_block_and_sale_values(top: RawTop) -> None:
    fields = {f.get("id"): f for f in schema_root(top, HOODIE_CID).iter("field")}
    assert fields["sku"].get("type") == "multiComplex"
    children = [f.get("id") for f in fields["sku"].findall("fields/field")]
    assert children == ["props", "skuPrice", "skuStock", "skuOuterId"]
    sale_in_sku = [f.get("id") for f in fields["props"].findall("fields/field")]
    assert sale_in_sku == ["p-1627207", "p-20509"]
    assert fields["saleProp"].find("fields/field[@id='p-1627207']").get("type") == "multiComplex"


def _itemprops(top: RawTop, cid: int) -> dict[int, set[int]]:
    """Every prop (first level and child props) of a leaf with its normal values."""
    def props(**params: str) -> list[dict]:
        answer = body(top.call("taobao.itemprops.get", {
            "cid": str(cid), "fields": "pid,parent_pid,prop_values", **params}),
            "taobao.itemprops.get")
        return answer.get("item_props", {}).get("item_prop", [])

    found: dict[int, set[int]] = {}
    queue = [("", p) for p in props()]
    while queue:
        path, prop = queue.pop()
        values = prop.get("prop_values", {}).get("prop_value", [])
        found[prop["pid"]] = {v["vid"] for v in values if v["status"] == "normal"}
        for value in values:
            if value["is_parent"]:
                child_path = f"{path};{prop['pid']}:{value['vid']}".strip(";")
                queue += [(child_path, c) for c in props(child_path=child_path)]
    return found


def test_catprop_and_sale_props_match_itemprops_in_every_leaf(top: RawTop) -> None:
    leaves = [50000671, 162104, 50010850, 162205, 50000697, 50008898, 1623, 50013194, 50000436,
              50011123, 3035, 50010158, 50000557, 50012027, 50012042, 50011745, 50012906,
              50008093, 50008094, 50008095, 50008164, 50008165, 50008055, 50010550, 50013061]
    for cid in leaves:
        root = schema_root(top, str(cid))
        schema: dict[int, set[int]] = {}
        for group in ("catProp", "saleProp"):
            for field in root.findall(f"field[@id='{group}']/fields/field"):
                if not field.get("id", "").startswith("p-"):
                    continue
                options = field.findall("options/option") or field.findall(
                    "fields/field[@id='value']/options/option")
                schema[int(field.get("id")[2:])] = {
                    int(o.get("value")) for o in options if int(o.get("value")) > 0}
        assert schema == _itemprops(top, cid), cid


def test_submit_lists_the_same_item_as_item_add(top: RawTop, sim: Simulator) -> None:
    pic = picture(top)
    answer = body(submit(top, hoodie(pic)), "alibaba.item.publish.submit")
    assert set(answer) == {"item_id", "create_time", "market", "request_id"}
    assert answer["market"] == "taobao"
    added = top.add_item(
        cid=HOODIE_CID, title="加绒卫衣 秋冬", num="35", price="59.00", outer_id="HD-002",
        desc="<p>柔软加绒卫衣，秋冬保暖</p>", pic_path=pic,
        props="20000:1128204128;122216347:3612408003;1627207:28320;1627207:28341;"
              "20509:28314;20509:28315",
        input_pids="13021751,149422948", input_str="TS26001,棉100%",
        sku_properties="1627207:28320;20509:28314,1627207:28320;20509:28315,"
                       "1627207:28341;20509:28314,1627207:28341;20509:28315",
        sku_quantities="10,20,0,5", sku_prices="59.00,59.00,69.00,69.00")
    assert "item_add_response" in added, added
    by_outer = {item["outer_id"]: item for item in door(sim, "items")}
    schema_item, add_item = by_outer["HD-001"], by_outer["HD-002"]
    assert schema_item["num_iid"] == answer["item_id"]
    for key in ("title", "price", "num", "cid", "desc", "type", "stuff_status", "location",
                "pic_path", "approve_status", "input_pids", "input_str"):
        assert schema_item[key] == add_item[key], key
    assert set(schema_item["props"].split(";")) == set(add_item["props"].split(";"))
    assert [(s["properties"], s["quantity"], s["price"]) for s in schema_item["skus"]] == [
        (s["properties"], s["quantity"], s["price"]) for s in add_item["skus"]]
    found = body(top.call("taobao.items.custom.get", {"outer_id": "HD-001",
                                                      "fields": "num_iid,outer_id"}),
                 "taobao.items.custom.get")["items"]["item"]
    assert found == [{"num_iid": answer["item_id"], "outer_id": "HD-001"}]


REFUSALS = [
    # (what, change to the hoodie's values, sub_code field, words in sub_msg)
    ("required", {"title": None}, "title", "宝贝标题（title）为必填项"),
    ("bytes", {"title": "加" * 31}, "title", "62 字节，超过上限 60 字节"),
    ("regex", {"title": "卫衣<秋冬>"}, "title", "格式不符合要求"),
    ("decimal digits", {"price": "59.001"}, "price", "小数位数应不超过 2 位"),
    ("min value", {"price": "0.00"}, "price", "不能小于 0.01"),
    ("value type", {"quantity": "3.5"}, "quantity", "应为整数"),
    ("option", {"stuffStatus": "7"}, "stuffStatus", "不在可选范围内"),
    ("min length", {"desc": "短"}, "desc", "少于下限 5 个字符"),
    ("url", {"images": {"images_0": "O1CN01.jpg"}}, "images_0", "应为网址"),
    ("input num", {"shopcat": [str(n) for n in range(11)]}, "shopcat", "最多填写 10 项"),
    ("regex in a list", {"shopcat": ["12", "abc"]}, "shopcat", "格式不符合要求"),
    ("dependent field enabled", {"startTime": "1"}, "listTime", "定时上架时间（listTime）为必填项"),
    ("time", {"startTime": "1", "listTime": "2026-13-01"}, "listTime", "应为时间"),
    ("unknown field", {"foo": "bar"}, "foo", "不是这个类目的发布规则中的字段"),
    ("sku entry", {"sku": [sku("28320", "28314", "59.00", "10") | {"skuPrice": ""}]},
     "skuPrice", "宝贝规格第 1 项 › 价格（skuPrice）为必填项"),
]


@pytest.mark.parametrize(("what", "change", "field", "words"), REFUSALS,
                         ids=[r[0] for r in REFUSALS])
def test_submit_refuses_each_rule_with_the_field_id(
        top: RawTop, sim: Simulator, what: str, change: dict, field: str, words: str) -> None:
    error = error_of(submit(top, hoodie(picture(top), **change)))
    assert (error["code"], error["sub_code"]) == (15, f"isv.invalid-parameter:{field}"), what
    assert words in error["sub_msg"]
    assert door(sim, "items") == []


def test_required_cat_prop_and_typed_brand(top: RawTop, sim: Simulator) -> None:
    pic = picture(top)
    base = hoodie(pic)["catProp"]
    no_brand = {k: v for k, v in base.items() if k != "p-20000"}
    assert error_of(submit(top, hoodie(pic, catProp=no_brand)))["sub_code"] == (
        "isv.invalid-parameter:p-20000")
    typed_without_text = {**base, "p-20000": "-1"}
    error = error_of(submit(top, hoodie(pic, catProp=typed_without_text)))
    assert error["sub_code"] == "isv.invalid-parameter:in-20000"
    assert "品牌（自行输入）" in error["sub_msg"]
    other = {**base, "p-20000": "-1", "in-20000": "其他"}
    assert error_of(submit(top, hoodie(pic, catProp=other)))["sub_code"] == (
        "isv.invalid-parameter:in-20000")
    typed = {**base, "p-20000": "-1", "in-20000": "小鹿森林"}
    assert "error_response" not in submit(top, hoodie(pic, catProp=typed))
    item = door(sim, "items")[0]
    assert dict(zip(item["input_pids"].split(","), item["input_str"].split(","), strict=True)) == {
        "20000": "小鹿森林", "13021751": "TS26001", "149422948": "棉100%"}
    assert "20000:" not in item["props"]


def test_a_disabled_field_is_ignored(top: RawTop, sim: Simulator) -> None:
    """Fees are only for buyer-paid freight; with the seller paying they are not read."""
    freight = {"freightPayer": "seller", "postFee": "abc"}
    assert "error_response" not in submit(top, hoodie(picture(top), tbExtractWay=freight))
    item = door(sim, "items")[0]
    assert item["freight_payer"] == "seller"
    assert "post_fee" not in item


def test_item_centre_rules_answer_with_schema_field_ids(top: RawTop, sim: Simulator) -> None:
    pic = picture(top)
    wrong_sum = error_of(submit(top, hoodie(pic, quantity="34")))
    assert wrong_sum["sub_code"] == "isv.invalid-parameter:quantity"
    price = error_of(submit(top, hoodie(pic, price="69.00", quantity="35",
                                        sku=[sku("28320", "28314", "59.00", "35"),
                                             sku("28341", "28314", "69.00", "0")])))
    assert price["sub_code"] == "isv.item-service-error:IC_CHECKSTEP_ITME_NOT_IN_SKU_PRICE"
    undeclared = error_of(submit(top, hoodie(pic, quantity="1", sku=[
        sku("28326", "28314", "59.00", "1")])))
    assert undeclared["sub_code"] == (
        "isv.item-service-error:IC_CHECKSTEP_SKU_PROP_NOT_FOUND_IN_ITEM")
    assert door(sim, "items") == []


def test_custom_sale_values_and_aliases(top: RawTop, sim: Simulator) -> None:
    pic = picture(top)
    sale = {"p-1627207": [{"value": "-1", "custom": "雾霾蓝"}, {"value": "28338", "alias": "天青"}],
            "p-20509": [{"value": "28315"}]}
    skus = [sku("-1", "28315", "79.00", "8"), sku("28338", "28315", "79.00", "12")]
    answer = submit(top, hoodie(pic, saleProp=sale, sku=skus, price="79.00", quantity="20"))
    assert "error_response" not in answer, answer
    item = door(sim, "items")[0]
    assert item["input_custom_cpv"] == "1627207:-1:雾霾蓝;"
    assert item["property_alias"] == "1627207:28338:天青"
    nameless = {**sale, "p-1627207": [{"value": "-1"}]}
    error = error_of(submit(top, hoodie(pic, saleProp=nameless, sku=skus[:1], price="79.00",
                                        quantity="8", outerId="HD-009")))
    assert error["sub_code"] == "isv.invalid-parameter:custom"
    assert "自定义名称（custom）为必填项" in error["sub_msg"]


def test_custom_sale_values_only_where_the_leaf_allows_them(top: RawTop) -> None:
    men = schema_root(top, "50000436")  # 男装 T恤: no udsaleprop
    values = men.findall(".//field[@id='saleProp']//field[@id='value']/options/option")
    assert values
    assert all(int(o.get("value")) > 0 for o in values)


@pytest.mark.parametrize("schema", [
    "<itemSchema><field id='title'",  # cut off
    '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    '<itemSchema><field id="title" type="input"><value>&b;</value></field></itemSchema>',
    '<!DOCTYPE x SYSTEM "http://example.invalid/x.dtd"><itemSchema/>',
    "<html><body/></html>",
    "<itemSchema><field id='title' type='bogus'><value>x</value></field></itemSchema>",
], ids=["cut off", "entities", "dtd", "wrong root", "unknown type"])
def test_hostile_or_malformed_schema_is_refused(top: RawTop, sim: Simulator, schema: str) -> None:
    answer = top.call("alibaba.item.publish.submit",
                      {"market": "taobao", "cat_id": HOODIE_CID, "schema": schema})
    error = error_of(answer)
    assert error["sub_code"] == "isv.invalid-parameter:schema"
    assert error["sub_msg"].startswith("schema 格式错误")
    assert door(sim, "items") == []


def test_props_get_answers_the_cascading_props(top: RawTop) -> None:
    method = "alibaba.item.publish.props.get"

    def cascade(**cat: str) -> list[ET.Element]:
        result = body(top.call(method, {"market": "taobao", "cat_id": "50008165",
                                        "prop_id": next(iter(cat)).removeprefix("p-"),
                                        "schema": filled({"catProp": cat})}), method)["result"]
        return ET.fromstring(result).findall("field")

    provinces = cascade(**{"p-21299": "27772"})  # 产地 中国大陆 → 省份
    assert [f.get("id") for f in provinces] == ["p-24557"]
    express = provinces[0].find("rules/rule[@name='disableRule']/depend-group/depend-express")
    assert (express.get("fieldId"), express.get("value"), express.get("symbol")) == (
        "p-21299", "27772", "!=")
    assert [f.get("id") for f in cascade(**{"p-24557": "254221"})] == ["p-31778"]
    assert cascade(**{"p-21299": "9110001"}) == []  # 日本: nothing below it
    error = error_of(top.call(method, {"market": "taobao", "cat_id": "50008165",
                                       "prop_id": "1627207", "schema": "<itemSchema/>"}))
    assert error["sub_code"] == "isv.invalid-parameter:prop_id"


def test_market_and_category_refusals(top: RawTop) -> None:
    tmall = error_of(top.call(SCHEMA_GET, {"market": "tmall", "cat_id": HOODIE_CID}))
    assert tmall["sub_code"] == "isv.invalid-parameter:market"
    parent = error_of(top.call(SCHEMA_GET, {"market": "taobao", "cat_id": "16"}))
    assert (parent["sub_code"], "不是叶子类目" in parent["sub_msg"]) == (
        "isv.invalid-parameter:cat_id", True)
    missing = error_of(top.call(SCHEMA_GET, {"market": "taobao"}))
    assert (missing["code"], missing["sub_code"]) == (40, "isv.missing-parameter:cat_id")
    frozen = error_of(submit(top, {"title": "x"}, cid="50013061"))
    assert frozen["sub_code"] != "isv.invalid-parameter:category-frozen"  # rules first …
    pic = picture(top)
    food = {"stuffStatus": "5", "title": "手撕牛肉干", "startTime": "0", "price": "29.00",
            "quantity": "10", "images": {"images_0": pic}, "desc": "<p>内蒙古风干牛肉</p>",
            "location": {"prov": "内蒙古", "city": "呼和浩特"},
            "catProp": {"p-20000": "9200013", "p-9000108": "250g"}}
    assert error_of(submit(top, food, cid="50013061"))["sub_code"] == (
        "isv.invalid-parameter:category-frozen")  # … then the item centre's leaf check


def test_create_then_drop_on_submit_is_reconcilable_by_outer_id(
        top: RawTop, sim: Simulator) -> None:
    pic = picture(top)
    set_faults(sim, script=[{"method": "alibaba.item.publish.submit",
                             "fault": "create_then_drop"}])
    with pytest.raises(requests.ConnectionError):
        submit(top, hoodie(pic))
    found = body(top.call("taobao.items.custom.get", {"outer_id": "HD-001",
                                                      "fields": "num_iid,outer_id"}),
                 "taobao.items.custom.get")["items"]["item"]
    assert len(found) == 1
    logged = [c for c in door(sim, "calls") if c["method"] == "alibaba.item.publish.submit"]
    assert (logged[-1]["verdict"], logged[-1]["committed"], logged[-1]["num_iid"]) == (
        "dropped", True, found[0]["num_iid"])


def test_random_create_then_drop_and_isp_apply_to_submit(top: RawTop, sim: Simulator) -> None:
    pic = picture(top)
    set_faults(sim, create_then_drop_rate=1.0)
    with pytest.raises(requests.ConnectionError):
        submit(top, hoodie(pic, outerId="HD-R1"))
    set_faults(sim, create_then_drop_rate=0.0, script=[
        {"method": "alibaba.item.publish.submit", "fault": "isp", "commit": True}])
    error = error_of(submit(top, hoodie(pic, outerId="HD-R2")))
    assert error["sub_code"].startswith("isp.")
    assert sorted(i["outer_id"] for i in door(sim, "items")) == ["HD-R1", "HD-R2"]
