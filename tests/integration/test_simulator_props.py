"""The simulator's category data over loopback: itemcats.get (tree, fields, features),
itemcats.authorize.get, itemprops.get, itempropvalues.get, picture space, item.joint.propimg."""

from __future__ import annotations

import pytest

from app.simulator import Simulator
from tests.integration.test_simulator_support import (
    KEY_PROPS,
    RawTop,
    door,
    error_of,
    image_bytes,
    item_fields,
    set_faults,
    sim,
    top,
)

__all__ = ["sim", "top"]  # fixtures


def body(answer: dict, method: str) -> dict:
    assert "error_response" not in answer, answer
    return answer[method.removeprefix("taobao.").replace(".", "_") + "_response"]


def cats(top: RawTop, **params: str) -> list[dict]:
    answer = body(top.call("taobao.itemcats.get", params), "taobao.itemcats.get")
    assert answer["last_modified"]
    return answer.get("item_cats", {}).get("item_cat", [])


def props(top: RawTop, **params: str) -> list[dict]:
    answer = body(top.call("taobao.itemprops.get", params), "taobao.itemprops.get")
    assert answer["last_modified"]
    return answer.get("item_props", {}).get("item_prop", [])


def values(top: RawTop, **params: str) -> list[dict]:
    answer = body(top.call("taobao.itempropvalues.get", params), "taobao.itempropvalues.get")
    return answer.get("prop_values", {}).get("prop_value", [])


def test_tree_walk_finds_every_leaf_with_the_doc_cids(top: RawTop) -> None:
    parents, leaves, calls = [0], {}, 0
    while parents:
        found = cats(top, parent_cid=str(parents.pop()))
        calls += 1
        for cat in found:
            (parents.append(cat["cid"]) if cat["is_parent"] else leaves.update(
                {cat["cid"]: cat["name"]}))
    assert len(cats(top, parent_cid="0")) == 7
    assert len(leaves) == 25
    assert calls == 9  # root + 7 top-level + 手机配件
    assert {50000671: "T恤", 162104: "衬衫", 50010850: "连衣裙", 162205: "牛仔裤",
            50000436: "T恤"}.items() <= leaves.items()


def test_itemcats_fields_features_and_empty_answer(top: RawTop) -> None:
    rows = cats(top, cids="50000671,50013061,50000436",
                fields="cid,name,features,status,sort_order")
    by_cid = {row["cid"]: row for row in rows}
    assert set(by_cid[50000671]) == {"cid", "name", "features", "status", "sort_order"}
    assert by_cid[50000671]["features"] == {
        "feature": [{"attr_key": "udsaleprop", "attr_value": "1"}]}
    assert by_cid[50013061]["features"]["feature"] == [{"attr_key": "freeze", "attr_value": "5"}]
    assert "features" not in by_cid[50000436]  # no features: the key is left out
    default = cats(top, cids="16")[0]
    assert set(default) == {"cid", "parent_cid", "name", "is_parent"}
    assert cats(top, parent_cid="50000671") == []  # a leaf has no children: no item_cats key


def test_itemcats_refuses_more_than_999_cids(top: RawTop) -> None:
    error = error_of(top.call("taobao.itemcats.get", {"cids": ",".join(["16"] * 1000)}))
    assert (error["code"], error["sub_code"]) == (41, "isv.invalid-parameter:cids")


def test_authorize_get_c_shop_and_tmall_shop(sim: Simulator) -> None:
    c_shop = RawTop(sim, sim.issue_session("小鹿森林"))
    wanted = {"fields": "brand.vid,brand.name,item_cat.cid,"
                        "xinpin_item_cat.cid,xinpin_item_cat.name"}
    answer = body(c_shop.call("taobao.itemcats.authorize.get", wanted),
                  "taobao.itemcats.authorize.get")["seller_authorize"]
    assert set(answer) == {"xinpin_item_cats"}  # a C shop authorises no brands or categories
    assert {"cid": 50000671, "name": "T恤"} in answer["xinpin_item_cats"]["item_cat"]
    tmall = RawTop(sim, sim.issue_session("森马官方旗舰店"))
    answer = body(tmall.call("taobao.itemcats.authorize.get", wanted),
                  "taobao.itemcats.authorize.get")["seller_authorize"]
    assert {b["pid"] for b in answer["brands"]["brand"]} == {20000}
    assert {b["prop_name"] for b in answer["brands"]["brand"]} == {"品牌"}
    assert answer["item_cats"]["item_cat"][0] == {"cid": 50000671}
    assert error_of(c_shop.call("taobao.itemcats.authorize.get", {}))["code"] == 40
    no_session = RawTop(sim, None)
    assert error_of(no_session.call("taobao.itemcats.authorize.get", wanted))["code"] == 26


def test_itemprops_default_fields_and_doc_values(top: RawTop) -> None:
    found = {p["pid"]: p for p in props(top, cid="50000671")}
    assert set(found) == {20000, 13021751, 149422948, 122216347, 20017, 122216586, 20663,
                          1627207, 20509}  # first level only
    assert all(set(p) <= {"pid", "name", "must", "multi", "prop_values"} for p in found.values())
    colour = found[1627207]
    assert colour["name"] == "主要颜色"
    colours = {v["vid"]: v["name"] for v in colour["prop_values"]["prop_value"]}
    assert len(colours) == 32
    assert (colours[28320], colours[28332], colours[28334]) == ("白色", "浅灰色", "灰色")
    sizes = {v["vid"]: v for v in found[20509]["prop_values"]["prop_value"]}
    assert sum(v["status"] == "normal" for v in sizes.values()) == 22
    assert (sizes[28318]["name"], sizes[6145171]["name"]) == ("XXL", "2XL")
    seasons = {v["vid"]: v["name"] for v in found[122216347]["prop_values"]["prop_value"]}
    assert seasons[828896460] == "2019年夏季"
    assert "2026年春季" in seasons.values()
    assert "prop_values" not in found[13021751]  # typed: no values


def test_colour_and_size_names_differ_by_leaf_but_not_ids(top: RawTop) -> None:
    def sale(cid: str) -> dict[int, dict]:
        rows = props(top, cid=cid, is_sale_prop="true", fields="pid,name,is_color_prop,prop_values")
        return {p["pid"]: p for p in rows}

    assert sale("50010850")[1627207]["name"] == "颜色分类"
    men = sale("50000436")
    assert men[1627207]["name"] == "颜色"
    assert men[1627207]["is_color_prop"] is True
    assert men[20509]["is_color_prop"] is False
    men_sizes = {v["vid"] for v in men[20509]["prop_values"]["prop_value"]}
    assert 3271528 in men_sizes
    assert not {28318, 28313} & men_sizes  # no XXL, no XS in the men's T-shirt list
    shoes = sale("50011745")
    assert shoes[20549]["name"] == "尺码"  # 鞋码 20549, also named 尺码


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"is_color_prop": "true"}, {1627207}),
        ({"is_input_prop": "true"}, {20000}),
        ({"is_enum_prop": "false"}, {13021751, 149422948}),
        ({"is_key_prop": "true", "is_enum_prop": "true"}, {20000}),
        ({"pid": "122216347"}, {122216347}),
    ],
)
def test_itemprops_filters(top: RawTop, params: dict, expected: set[int]) -> None:
    assert {p["pid"] for p in props(top, cid="50008898", fields="pid", **params)} == expected


def test_itemprops_flags_for_the_clothing_props(top: RawTop) -> None:
    fields = ("pid,must,multi,is_sale_prop,is_color_prop,is_enum_prop,is_input_prop,"
              "is_allow_alias,is_key_prop,is_material")
    found = {p["pid"]: p for p in props(top, cid="50008898", fields=fields)}
    assert set(found[20000]) == set(fields.split(","))
    assert {pid for pid, p in found.items() if p["must"]} == {20000, 13021751, 149422948,
                                                             122216347}
    assert found[20000]["is_input_prop"] is True
    assert found[149422948]["is_material"] is True
    assert found[1627207]["is_allow_alias"]
    assert found[20509]["is_allow_alias"]
    assert not found[20000]["is_allow_alias"]
    tee = {p["pid"] for p in props(top, cid="50000671", fields="pid,must") if p["must"]}
    assert tee == {20000, 13021751, 149422948, 122216347}  # OPTIONAL_FOR_NOW is empty


def test_child_props_by_child_path_and_parent_pid(top: RawTop) -> None:
    assert 24557 not in {p["pid"] for p in props(top, cid="50008055")}
    origin = props(top, cid="50008055", pid="21299", fields="pid,prop_values")[0]
    mainland = next(v for v in origin["prop_values"]["prop_value"] if v["vid"] == 27772)
    assert mainland["is_parent"] is True
    province = props(top, cid="50008055", child_path="21299:27772",
                     fields="pid,name,parent_pid,parent_vid,prop_values")
    assert [(p["pid"], p["name"], p["parent_pid"], p["parent_vid"]) for p in province] == [
        (24557, "省份", 21299, 27772)]
    city = props(top, cid="50008055", child_path="21299:27772;24557:254221",
                 fields="pid,prop_values")
    assert city[0]["pid"] == 31778
    linyi = city[0]["prop_values"]["prop_value"][0]
    assert (linyi["vid"], linyi["name"]) == (47653222, "临沂市")
    assert [p["pid"] for p in props(top, cid="50008055", parent_pid="21299")] == [24557]
    assert props(top, cid="50008055", child_path="21299:9110001") == []  # 日本: no sub-props
    both = top.call("taobao.itemprops.get", {"cid": "50008055", "pid": "1", "parent_pid": "2"})
    assert error_of(both)["sub_code"] == "isv.invalid-parameter:pid"


@pytest.mark.parametrize(("cid", "in_msg"), [("16", "叶子"), ("123", "不存在")])
def test_itemprops_needs_a_leaf(top: RawTop, cid: str, in_msg: str) -> None:
    error = error_of(top.call("taobao.itemprops.get", {"cid": cid}))
    assert error["sub_code"] == "isv.invalid-parameter:cid"
    assert in_msg in error["sub_msg"]


def test_itempropvalues_by_pvs_with_fields(top: RawTop) -> None:
    one = values(top, cid="50000671", fields="pid,vid,name", pvs="1627207:28320")
    assert one == [{"pid": 1627207, "vid": 28320, "name": "白色"}]
    mixed = values(top, cid="50000671", fields="pid,vid,name,name_alias,prop_name,status",
                   pvs="1627207;20509:28383")
    assert len(mixed) == 33
    free = next(v for v in mixed if v["vid"] == 28383)
    assert (free["name_alias"], free["prop_name"]) == ("F", "尺码")
    everything = values(top, cid="50008055", fields="pid,vid,is_parent")
    assert {"pid": 31778, "vid": 47653222, "is_parent": False} in everything  # child props too
    assert values(top, cid="50000671", fields="vid", pvs="13021751") == []  # omitted key
    assert error_of(top.call("taobao.itempropvalues.get", {"cid": "50000671"}))["code"] == 40


def test_picture_space_capacity_and_the_full_space_error(top: RawTop, sim: Simulator) -> None:
    info = body(top.call("taobao.picture.userinfo.get"), "taobao.picture.userinfo.get")
    assert info["user_info"]["used_space"] == "0"
    assert info["user_info"]["available_space"] == str(1 << 30)
    picture = top.upload_picture(image_bytes("PNG", (300, 300)))["picture_upload_response"]
    size = picture["picture"]["sizes"]
    set_faults(sim, picture_space_bytes=size + 10)
    info = body(top.call("taobao.picture.userinfo.get"), "taobao.picture.userinfo.get")
    assert (info["user_info"]["used_space"], info["user_info"]["remaining_space"]) == (
        str(size), "10")
    error = error_of(top.upload_picture(image_bytes("PNG", (310, 300))))
    assert error["code"] == 15
    assert error["sub_code"] == "isv.pictureServiceClient-service-error:PICTURE_OVER_AVAILSPACE"
    assert "图片空间容量不足" in error["sub_msg"]
    assert len(door(sim, "pictures")) == 1


def _coloured_item(top: RawTop) -> int:
    answer = top.add_item(props=f"{KEY_PROPS};1627207:28320;1627207:28341;20509:28314")
    return body(answer, "taobao.item.add")["item"]["num_iid"]


def test_joint_propimg_ties_a_picture_to_a_colour(top: RawTop, sim: Simulator) -> None:
    num_iid = _coloured_item(top)
    path = top.upload_picture(image_bytes())["picture_upload_response"]["picture"]["picture_path"]
    params = {"num_iid": str(num_iid), "properties": "1627207:28320", "pic_path": path}
    first = body(top.call("taobao.item.joint.propimg", params), "taobao.item.joint.propimg")
    again = body(top.call("taobao.item.joint.propimg", {**params, "position": "1"}),
                 "taobao.item.joint.propimg")
    assert again["prop_img"]["id"] == first["prop_img"]["id"]  # one picture per colour value
    black = {**params, "properties": "1627207:28341"}
    top.call("taobao.item.joint.propimg", black)
    stored = door(sim, "items")[0]["prop_imgs"]
    assert [(p["properties"], p["url"], p["position"]) for p in stored] == [
        ("1627207:28320", path, 1), ("1627207:28341", path, 0)]


@pytest.mark.parametrize(
    ("override", "sub_code"),
    [
        ({"properties": "20509:28314"}, "isv.invalid-parameter:properties"),  # a size
        ({"properties": "1627207:28326"}, "isv.invalid-parameter:properties"),  # not in props
        ({"pic_path": "https://img.example.com/a.jpg"}, "isv.invalid-parameter:pic_path"),
        ({"id": "42"}, "isv.invalid-parameter:id"),
        ({"num_iid": "1"}, "isv.item-not-exist"),
    ],
)
def test_joint_propimg_refusals(top: RawTop, sim: Simulator, override: dict, sub_code: str) -> None:
    num_iid = _coloured_item(top)
    path = top.upload_picture(image_bytes())["picture_upload_response"]["picture"]["picture_path"]
    params = {"num_iid": str(num_iid), "properties": "1627207:28320", "pic_path": path, **override}
    assert error_of(top.call("taobao.item.joint.propimg", params))["sub_code"] == sub_code
    assert door(sim, "items")[0]["prop_imgs"] == []


def test_clothing_leaves_require_their_key_props(top: RawTop) -> None:
    """Every clothing leaf requires 品牌, 货号, 材质成分, 年份/季节 (OPTIONAL_FOR_NOW is empty)."""
    assert "item_add_response" in top.call("taobao.item.add", item_fields())
    for cid in ("50000671", "162104", "50010850", "162205", "50000697", "50000436", "3035"):
        bare = item_fields(cid=cid, props=None, input_pids=None, input_str=None)
        error = error_of(top.call("taobao.item.add", bare))
        assert error["sub_code"] == "isv.invalid-parameter:props", cid
        assert "类目必选属性未填写" in error["sub_msg"]
