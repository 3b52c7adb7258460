"""Filling a schema from item.add's field dict (`app.upload.fields.item_fields`), writing the
XML as a tree, and `submission` (fill + every rule + XML). The schemas are the simulator's."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from app.catalog.model import Product, Sku
from app.simulator.schema_leaf import leaf_fields
from app.simulator.schema_model import render
from app.top.schema import (
    DEFAULT_MAP,
    FieldMap,
    Schema,
    SchemaInvalidError,
    Slot,
    fill,
    parse_schema,
    submission,
    to_text,
    validate,
)
from app.upload.fields import item_fields

PIC = "https://img.alicdn.com/imgextra/i1/2200000001/O1CN01AAAA_!!2200000001.jpg"
PIC2 = "https://img.alicdn.com/imgextra/i2/2200000001/O1CN01BBBB_!!2200000001.jpg"


def schema_of(cid: int) -> Schema:
    return parse_schema(render(leaf_fields(cid)))


def hoodie_product(**changes: object) -> Product:
    product = Product(
        row=2, outer_id="HD-001", title="加绒卫衣 秋冬", desc="<p>柔软加绒卫衣</p>",
        price=Decimal("59.00"), num=35, cid=50008898, location_state="浙江",
        location_city="杭州", stuff_status="new", type="fixed", approve_status="onsale",
        props="20000:1128204128;122216347:3612408003;1627207:28320;1627207:28341;"
              "20509:28314;20509:28315",
        skus=[Sku("1627207:28320;20509:28314", 10, Decimal("59.00")),
              Sku("1627207:28320;20509:28315", 20, Decimal("59.00"), "HD-W-M"),
              Sku("1627207:28341;20509:28314", 0, Decimal("69.00")),
              Sku("1627207:28341;20509:28315", 5, Decimal("69.00"))])
    for key, value in changes.items():
        setattr(product, key, value)
    return product


def hoodie_fields(**extra: object) -> dict[str, object]:
    """item_fields of the hoodie, plus what the sheet's property columns compose (typed
    货号 and 材质成分) — the composer's output for item.add."""
    fields = item_fields(hoodie_product())
    fields.update({"input_pids": "13021751,149422948", "input_str": "TS26001,棉100%"})
    fields.update(extra)
    return {k: v for k, v in fields.items() if v is not None}


def test_a_hoodie_fills_every_slot() -> None:
    schema = schema_of(50008898)
    filled = fill(schema, hoodie_fields(), pictures=[PIC, PIC2])
    v = filled.values
    assert filled.issues == []
    assert filled.unsent == ()
    assert (v["title"], v["price"], v["quantity"], v["outerId"], v["desc"]) == (
        "加绒卫衣 秋冬", "59.00", "35", "HD-001", "<p>柔软加绒卫衣</p>")
    assert (v["stuffStatus"], v["startTime"]) == ("5", "0")
    assert v["location"] == {"prov": "浙江", "city": "杭州"}
    assert v["images"] == {"images_0": PIC, "images_1": PIC2}
    assert v["catProp"] == {"p-20000": "1128204128", "p-122216347": "3612408003",
                            "p-13021751": "TS26001", "p-149422948": "棉100%"}
    assert v["saleProp"] == {"p-1627207": [{"value": "28320"}, {"value": "28341"}],
                             "p-20509": [{"value": "28314"}, {"value": "28315"}]}
    assert v["sku"][1] == {"props": {"p-1627207": "28320", "p-20509": "28315"},
                           "skuPrice": "59.00", "skuStock": "20", "skuOuterId": "HD-W-M"}
    assert "skuOuterId" not in v["sku"][0]
    assert validate(schema, v, filled.explicit) == []


def test_shelf_state_condition_location_shop_categories_and_freight() -> None:
    schema = schema_of(50008898)
    second = fill(schema, hoodie_fields(stuff_status="second", approve_status="instock",
                                        seller_cids="12,34", freight_payer="buyer",
                                        postage_id=778, express_fee="8.00"))
    v = second.values
    assert (v["stuffStatus"], v["startTime"]) == ("6", "2")
    assert v["shopcat"] == ["12", "34"]
    assert v["tbExtractWay"] == {"freightPayer": "buyer", "template": "778", "expressFee": "8.00"}
    timed = fill(schema, hoodie_fields(list_time="2026-05-01 08:00:00")).values
    assert (timed["startTime"], timed["listTime"]) == ("1", "2026-05-01 08:00:00")


def test_typed_brand_aliases_and_custom_values() -> None:
    schema = schema_of(50000671)  # 女装 T恤: udsaleprop, 品牌 typeable
    fields = {
        "title": "短袖T恤", "price": "79.00", "num": 20, "cid": 50000671, "desc": "<p>一件T恤</p>",
        "props": "1627207:-1;1627207:28338;20509:28315",
        "input_pids": "20000", "input_str": "小鹿森林",
        "input_custom_cpv": "1627207:-1:雾霾蓝;", "property_alias": "1627207:28338:天青",
        "sku_properties": "1627207:-1;20509:28315,1627207:28338;20509:28315",
        "sku_quantities": "8,12", "sku_prices": "79.00,79.00",
    }
    v = fill(schema, fields).values
    assert v["catProp"] == {"p-20000": "-1", "in-20000": "小鹿森林"}
    assert v["saleProp"]["p-1627207"] == [{"value": "-1", "custom": "雾霾蓝"},
                                          {"value": "28338", "alias": "天青"}]
    assert v["sku"][0]["props"] == {"p-1627207": "-1", "p-20509": "28315"}


def test_multi_check_props_collect_every_value() -> None:
    schema = schema_of(50008094)  # 手机贴膜: 适用手机型号 is multiCheck
    v = fill(schema, {"props": "20000:9200008;9000101:9101001;9000101:9101003"}).values
    assert v["catProp"] == {"p-20000": "9200008", "p-9000101": ["9101001", "9101003"]}


def test_what_does_not_fit_is_named() -> None:
    schema = schema_of(50008898)
    filled = fill(schema, hoodie_fields(
        props="20000:1128204128;777:1;122216347:3612408003;122216347:1767451285",
        input_pids="13021751,20000,122216586", input_str="TS26001,小鹿森林,宽松款",
        has_invoice="true"), pictures=[PIC] * 6)
    messages = dict((i.path, i.message) for i in filled.issues)
    assert messages == {
        "catProp/p-777": "「类目属性」中没有属性 777（777:1），请检查这个类目的属性",
        "catProp/p-122216347": "「年份/季节」只能选一个值",
        "catProp/p-20000": "「品牌」既选了列表中的值，又填写了“小鹿森林”，只能二选一",
        "catProp/p-122216586": "「服装版型」只能从列表中选择，不能填写“宽松款”",
        "images": "「宝贝图片」最多 5 张，商品有 6 张",
    }
    assert filled.unsent == ("has_invoice",)


def test_a_relative_picture_path_is_made_absolute() -> None:
    fields = hoodie_fields(pic_path="i3/2200000001/O1CN01CCCC_!!2200000001.png")
    images = fill(schema_of(50008898), fields).values["images"]
    assert images == {"images_0": "https://img.alicdn.com/imgextra/i3/2200000001/"
                                  "O1CN01CCCC_!!2200000001.png"}


def test_slots_are_found_by_name_when_the_id_changed() -> None:
    text = render(leaf_fields(50000436)).replace('id="title"', 'id="itemTitle"')
    schema = parse_schema(text)
    assert fill(schema, {"title": "男士T恤"}).values["itemTitle"] == "男士T恤"
    moved = FieldMap(title=Slot("headline"))
    assert fill(schema, {"title": "男士T恤"}, field_map=moved).unsent == ("title",)
    assert DEFAULT_MAP.pid_of("p-20000") == 20000
    assert DEFAULT_MAP.pid_of("in-20000") is None


def test_the_schemas_own_values_are_kept() -> None:
    schema = schema_of(50000436)
    v = fill(schema, {"title": "男士T恤"}).values
    assert (v["stuffStatus"], v["startTime"], v["tbExtractWay"]) == (
        "5", "0", {"freightPayer": "seller"})


def test_the_xml_is_a_tree_with_escaped_text_and_no_disabled_fields() -> None:
    schema = schema_of(50008898)
    title = "卫衣 A&B <新款> \"特价\""
    filled = fill(schema, hoodie_fields(title=title), pictures=[PIC])
    filled.values["listTime"] = "2026-05-01 08:00:00"  # disabled while startTime is 0
    text = to_text(schema, filled.values)
    root = ET.fromstring(text)
    assert root.find("field[@id='title']/value").text == title
    assert root.find("field[@id='listTime']") is None
    assert root.find("field[@id='tbExtractWay']/complex-value/field[@id='freightPayer']/value"
                     ).text == "seller"
    skus = root.findall("field[@id='sku']/complex-values")
    assert len(skus) == 4
    assert skus[0].find("field[@id='props']/complex-value/field[@id='p-1627207']/value"
                        ).text == "28320"
    again = parse_schema(text)  # our own output reads back to the same values
    assert again.initial_values()["sku"] == filled.values["sku"]
    assert again.initial_values()["catProp"] == filled.values["catProp"]


def test_submission_lists_every_problem_at_once() -> None:
    schema = schema_of(50008898)
    with pytest.raises(SchemaInvalidError) as info:
        submission(schema, hoodie_fields(title="加" * 31, price="59.001", input_pids=None,
                                         input_str=None), pictures=[PIC])
    messages = [i.message for i in info.value.issues]
    assert "「宝贝标题」最多 60 字节（一个汉字算 2 个字节），现在 62 字节" in messages
    assert "「一口价」最多 2 位小数（现在 3 位）" in messages
    assert "「货号」必须填写" in messages
    assert "「材质成分」必须填写" in messages
    assert "「宝贝标题」" in info.value.message
    ready = submission(schema, hoodie_fields(), pictures=[PIC])
    assert ready.unsent == ()
    assert ET.fromstring(ready.xml).tag == "itemSchema"
