"""item.add's property, custom value, SKU and description-picture rules over loopback
(taobao-props.md §4, §6, §8): the doc's examples pass verbatim, each rule's refusal is real."""

from __future__ import annotations

import pytest

from app.simulator import Simulator
from tests.integration.test_simulator_support import (
    KEY_PROPS,
    RawTop,
    door,
    error_of,
    image_bytes,
    sim,
    top,
)

__all__ = ["sim", "top"]  # fixtures

PROPS_ERROR = "isv.item-service-error:ITEM_PROPERTIES_ERROR"
# 卫衣/绒衫: a clothing leaf where 品牌, 货号, 材质成分, 年份/季节 are required; udsaleprop=1.
HOODIE = {
    "cid": "50008898", "title": "加绒卫衣 秋冬", "num": "35", "price": "59.00",
    "props": "20000:1128204128;122216347:3612408003;1627207:28320;1627207:28341;"
             "20509:28314;20509:28315",
    "input_pids": "13021751,149422948", "input_str": "TS26001,棉100%",
    "sku_properties": "1627207:28320;20509:28314,1627207:28320;20509:28315,"
                      "1627207:28341;20509:28314,1627207:28341;20509:28315",
    "sku_quantities": "10,20,0,5", "sku_prices": "59.00,59.00,69.00,69.00",
    "sku_outer_ids": ",,,",
}


def add(top: RawTop, **fields: str | None) -> dict:
    return top.add_item(**{**HOODIE, **fields})


def test_doc_example_a_typed_brand_and_listed_skus(top: RawTop, sim: Simulator) -> None:
    """taobao-props.md §4 example A, verbatim, in 50000671."""
    answer = top.add_item(
        cid="50000671", input_pids="20000,13021751,149422948", input_str="小鹿森林,TS24001,棉100%",
        props="122216347:828896460;1627207:28320;1627207:28341;20509:28314;20509:28315",
        sku_properties=HOODIE["sku_properties"], sku_quantities="10,20,0,5",
        sku_prices="59.00,59.00,69.00,69.00", sku_outer_ids=",,,", num="35", price="59.00")
    assert "item_add_response" in answer, answer
    item = door(sim, "items")[0]
    assert (item["input_pids"], item["input_str"]) == ("20000,13021751,149422948",
                                                       "小鹿森林,TS24001,棉100%")
    assert item["props"].startswith("122216347:828896460;")
    third = item["skus"][2]
    assert (third["properties"], third["quantity"], third["price"], third["outer_id"]) == (
        "1627207:28341;20509:28314", 0, "69.00", None)
    assert all(isinstance(s["sku_id"], int) for s in item["skus"])


def test_doc_example_b_custom_colours(top: RawTop, sim: Simulator) -> None:
    key_props = "20000:1128204128;122216347:3612408003"
    answer = add(top, props=f"{key_props};1627207:-1;1627207:-2;20509:28315",
                 input_custom_cpv="1627207:-1:雾霾蓝;1627207:-2:奶油杏;",
                 sku_properties="1627207:-1;20509:28315,1627207:-2;20509:28315",
                 sku_quantities="8,12", sku_prices="79.00,79.00", sku_outer_ids="TS-BLU-M,TS-APR-M",
                 num="20", price="79.00")
    assert "item_add_response" in answer, answer
    assert door(sim, "items")[0]["input_custom_cpv"] == "1627207:-1:雾霾蓝;1627207:-2:奶油杏;"


def test_alias_route_where_custom_values_are_not_allowed(top: RawTop, sim: Simulator) -> None:
    """50000436 has no udsaleprop: custom values are refused, aliases of listed values work."""
    base = {"cid": "50000436", "props": f"{KEY_PROPS};1627207:28338;1627207:30155;20509:28315",
            "sku_properties": "1627207:28338;20509:28315,1627207:30155;20509:28315",
            "sku_quantities": "8,12", "sku_prices": "79.00,79.00", "num": "20", "price": "79.00"}
    answer = top.add_item(**base, property_alias="1627207:28338:雾霾蓝;1627207:30155:奶油杏")
    assert "item_add_response" in answer, answer
    assert door(sim, "items")[0]["property_alias"] == "1627207:28338:雾霾蓝;1627207:30155:奶油杏"
    custom = top.add_item(**{**base, "props": f"{KEY_PROPS};1627207:-1;20509:28315",
                             "sku_properties": "1627207:-1;20509:28315", "sku_quantities": "20",
                             "sku_prices": "79.00"}, input_custom_cpv="1627207:-1:雾霾蓝")
    error = error_of(custom)
    assert error["sub_code"] == "isv.invalid-parameter:input_custom_cpv"
    assert "属性值不允许自定义" in error["sub_msg"]


def test_required_props_are_named_when_missing(top: RawTop, sim: Simulator) -> None:
    error = error_of(add(top, props="1627207:28320;1627207:28341;20509:28314;20509:28315",
                         input_pids=None, input_str=None))
    assert error["sub_code"] == "isv.invalid-parameter:props"
    assert error["sub_msg"].startswith("类目必选属性未填写")
    for name in ("品牌", "货号", "材质成分", "年份/季节"):
        assert name in error["sub_msg"]
    assert door(sim, "items") == []
    typed_brand = add(top, props=HOODIE["props"].replace("20000:1128204128;", ""),
                      input_pids="20000,13021751,149422948", input_str="小鹿森林,TS26001,棉100%")
    assert "item_add_response" in typed_brand, typed_brand


@pytest.mark.parametrize(
    ("override", "sub_code", "in_msg"),
    [
        ({"props": HOODIE["props"] + ";1627207:1"}, PROPS_ERROR, "1627207"),  # unknown value
        ({"props": HOODIE["props"] + ";99:1"}, PROPS_ERROR, "99"),  # unknown prop
        ({"props": HOODIE["props"] + ";20509:9100099"}, PROPS_ERROR, "9100099"),  # deleted
        ({"props": HOODIE["props"] + ";13021751:1"}, PROPS_ERROR, "input_pids"),  # typed prop
        ({"props": HOODIE["props"] + ";122216347:1767451285"}, PROPS_ERROR, "一个值"),
        ({"props": HOODIE["props"] + ";1627207:-3"}, PROPS_ERROR, "input_custom_cpv"),
        ({"sku_properties": "1627207:28320;20509:28314,1627207:28320;20509:28316,"
                            "1627207:28341;20509:28314,1627207:28341;20509:28315"},
         "isv.item-service-error:IC_CHECKSTEP_SKU_PROP_NOT_FOUND_IN_ITEM", "20509:28316"),
        ({"sku_properties": "1627207:28320;20509:28314,20509:28314;1627207:28320,"
                            "1627207:28341;20509:28314,1627207:28341;20509:28315"},
         "isv.invalid-parameter:sku_properties", "宝贝销售属性出错（重复）"),
        ({"sku_properties": "1627207:28320;20509:28314,1627207:28320,"
                            "1627207:28341;20509:28314,1627207:28341;20509:28315"},
         "isv.invalid-parameter:sku_properties", "同样的销售属性"),
        ({"sku_properties": "1627207:28320;122216347:3612408003,1627207:28320;20509:28315,"
                            "1627207:28341;20509:28314,1627207:28341;20509:28315"},
         PROPS_ERROR, "不是销售属性"),
        ({"input_str": "TS26001,其他"}, "isv.invalid-parameter:input_str", "其他"),
        ({"input_str": "TS26001"}, "isv.invalid-parameter:input_str", "inputPropText"),
        ({"input_pids": "13021751,122216347", "props": "20000:1128204128;1627207:28320;"
          "1627207:28341;20509:28314;20509:28315"}, "isv.invalid-parameter:input_pids",
         "属性值不允许自定义"),
        ({"property_alias": "20000:1128204128:森马"}, "isv.invalid-parameter:property_alias",
         "别名"),
        ({"property_alias": "1627207:28326:大红"}, "isv.invalid-parameter:property_alias",
         "不在 props"),
        ({"property_alias": "1627207:28320:" + "白" * 800}, "isv.invalid-parameter:property_alias",
         "800"),
        ({"input_custom_cpv": "1627207:-1:红色!"},
         "isv.item-service-error:IC_CHECKSTEP_USERDEFINED_SKU_ERROR", "特殊字符"),
        ({"input_custom_cpv": "122216347:-1:2027年春季"}, "isv.invalid-parameter:input_custom_cpv",
         "不是销售属性"),
        ({"price": "64.00"}, "isv.item-service-error:IC_CHECKSTEP_ITME_NOT_IN_SKU_PRICE",
         "一口价必须与有库存的宝贝规格价格一致"),
    ],
)
def test_refusals(top: RawTop, sim: Simulator, override: dict, sub_code: str, in_msg: str) -> None:
    error = error_of(add(top, **override))
    assert error["code"] == 15
    assert error["sub_code"] == sub_code
    assert in_msg in error["sub_msg"]
    assert door(sim, "items") == []


def test_price_must_be_an_in_stock_skus_price(top: RawTop) -> None:
    """69.00 is in the SKU range either way; it is refused while only 0-stock SKUs carry it."""
    out_of_stock = add(top, sku_quantities="10,20,5,0", sku_prices="59.00,59.00,69.00,69.00",
                       price="69.00")
    assert "item_add_response" in out_of_stock, out_of_stock
    error = error_of(add(top, sku_quantities="10,20,5,0", sku_prices="59.00,59.00,59.00,69.00",
                         price="69.00", outer_id="B"))
    assert error["sub_code"] == "isv.item-service-error:IC_CHECKSTEP_ITME_NOT_IN_SKU_PRICE"
    assert "69.00" in error["sub_msg"]


@pytest.mark.parametrize(
    ("field", "value", "limit"),
    [
        ("props", HOODIE["props"] + ";122216347:3612408003" * 28, "549"),  # 34 pairs
        ("input_str", "TS26001," + "棉" * 1334, "3999"),
    ],
)
def test_byte_limits(top: RawTop, field: str, value: str, limit: str) -> None:
    error = error_of(add(top, **{field: value}))
    assert error["sub_code"] == f"isv.invalid-parameter:{field}"
    assert limit in error["sub_msg"]


def test_sku_properties_over_512_bytes(top: RawTop) -> None:
    """20 two-prop SKUs take 26 bytes each (520 with commas): over the limit."""
    colours, sizes = (28320, 28341, 28326, 28338, 28335), (28314, 28315, 28316, 28317)
    combos = [f"1627207:{c};20509:{s}" for c in colours for s in sizes]
    props = ";".join(["20000:1128204128", "122216347:3612408003",
                      *(f"1627207:{c}" for c in colours), *(f"20509:{s}" for s in sizes)])
    fields = {"props": props, "sku_properties": ",".join(combos), "num": "20",
              "sku_quantities": ",".join(["1"] * 20), "sku_prices": ",".join(["59.00"] * 20),
              "sku_outer_ids": None}
    assert len(",".join(combos).encode()) == 519
    error = error_of(add(top, **fields))
    assert error["sub_code"] == "isv.invalid-parameter:sku_properties"
    assert "512" in error["sub_msg"]
    nineteen = {**fields, "sku_properties": ",".join(combos[:19]), "num": "19",
                "sku_quantities": ",".join(["1"] * 19), "sku_prices": ",".join(["59.00"] * 19)}
    long_codes = ",".join(f"{n:02d}" + "X" * 26 for n in range(19))  # 550 bytes
    error = error_of(add(top, **{**nineteen, "sku_outer_ids": long_codes}))
    assert error["sub_code"] == "isv.invalid-parameter:sku_outer_ids"
    assert "item_add_response" in add(top, **nineteen)


def test_child_prop_needs_its_parent_value(top: RawTop) -> None:
    food = {"cid": "50008055", "title": "手剥山核桃", "props": "20000:9200013;24557:254221",
            "input_pids": "9000108", "input_str": "500g"}
    error = error_of(top.add_item(**food))
    assert error["sub_code"] == PROPS_ERROR
    assert "21299:27772" in error["sub_msg"]
    chain = "20000:9200013;21299:27772;24557:254221;31778:47653222"
    assert "item_add_response" in top.add_item(**{**food, "props": chain})


def test_frozen_category(top: RawTop) -> None:
    error = error_of(top.add_item(cid="50013061", props="20000:9200013", input_pids="9000108",
                                  input_str="250g"))
    assert error["sub_code"] == "isv.invalid-parameter:category-frozen"
    assert "冻结" in error["sub_msg"]


def test_desc_pictures_only_from_this_shops_picture_space(top: RawTop, sim: Simulator) -> None:
    mine = top.upload_picture(image_bytes())["picture_upload_response"]["picture"]["picture_path"]
    other = RawTop(sim, sim.issue_session("another_shop"))
    theirs = other.upload_picture(image_bytes())["picture_upload_response"]["picture"][
        "picture_path"]
    good = f'<p><img align="absmiddle" src="{mine}" style="max-width:750px" /></p>'
    assert "item_add_response" in top.add_item(desc=good)
    for src in ("https://img.example.com/x.jpg", theirs):
        error = error_of(top.add_item(desc=f"<p>看图</p><p><img src='{src}'></p>"))
        assert error["sub_code"] == "isv.invalid-parameter:desc"
        assert "图片空间" in error["sub_msg"]
    wireless = f"<wapDesc><txt>文字</txt><img>{mine}</img><img>http://x.cn/a.jpg</img></wapDesc>"
    error = error_of(top.add_item(wireless_desc=wireless))
    assert error["sub_code"] == (
        "isv.invalid-parameters:item_wldescription_content_image_or_flash_error")
    assert len(door(sim, "items")) == 1
