"""Item and picture methods over loopback: each rule's code, stored state, lookups."""

from __future__ import annotations

import threading

import pytest

from app.simulator import Simulator
from tests.integration.test_simulator_support import (
    KEY_PROPS,
    RawTop,
    door,
    error_of,
    image_bytes,
    item_fields,
    sim,
    top,
)

__all__ = ["sim", "top"]  # fixtures

REQUIRED = ["num", "type", "stuff_status", "title", "desc", "location.state", "location.city",
            "cid", "price"]


@pytest.mark.parametrize("name", REQUIRED)
def test_missing_required_parameter_is_40(top: RawTop, name: str) -> None:
    fields = item_fields()
    fields.pop(name)
    error = error_of(top.call("taobao.item.add", fields))
    assert error["code"] == 40
    assert name in error["msg"]
    assert error["sub_code"] == f"isv.missing-parameter:{name}"


def test_blank_required_parameter_is_missing(top: RawTop) -> None:
    error = error_of(top.add_item(**{"location.city": "   "}))
    assert error["code"] == 40


def test_title_of_30_chinese_characters_is_accepted(top: RawTop) -> None:
    title = "纯" * 30  # 60 bytes
    assert "item_add_response" in top.add_item(title=title)


def test_title_of_61_bytes_is_refused_with_its_length(top: RawTop, sim: Simulator) -> None:
    error = error_of(top.add_item(title="纯" * 30 + "T"))
    assert error["code"] == 15
    assert error["sub_code"] == "isv.invalid-parameter:title"
    assert "61" in error["sub_msg"]
    assert "60" in error["sub_msg"]
    assert door(sim, "items") == []


def test_banned_word_in_title(top: RawTop) -> None:
    error = error_of(top.add_item(title="全网最便宜的T恤"))
    assert error["code"] == 15
    assert error["sub_code"].startswith("isv.")
    assert "最便宜" in error["sub_msg"]


@pytest.mark.parametrize(
    ("override", "code", "sub_code", "in_msg"),
    [
        ({"desc": "四个字符"}, 15, "isv.invalid-parameter:desc", "4"),
        ({"desc": "x" * 25001}, 15, "isv.invalid-parameter:desc", "25001"),
        ({"price": "0.001"}, 15, "isv.invalid-parameter:price", "0.001"),
        ({"price": "0.00"}, 15, "isv.invalid-parameter:price", "0.01"),
        ({"price": "100000000.01"}, 15, "isv.invalid-parameter:price", "100000000"),
        ({"price": "abc"}, 41, "isv.invalid-parameter:price", "abc"),
        ({"num": "-1"}, 15, "isv.invalid-parameter:num", "-1"),
        ({"num": "900000001"}, 15, "isv.invalid-parameter:num", "900000000"),
        ({"num": "ten"}, 41, "isv.invalid-parameter:num", "ten"),
        ({"cid": "16"}, 15, "isv.invalid-parameter:cid", "叶子"),
        ({"cid": "123"}, 15, "isv.invalid-parameter:cid", "123"),
        ({"type": "lottery"}, 15, "isv.invalid-parameter:type", "lottery"),
        ({"stuff_status": "used"}, 15, "isv.invalid-parameter:stuff_status", "used"),
        ({"outer_id": "x" * 65}, 15, "isv.invalid-parameter:outer_id", "65"),
        ({"approve_status": "deleted"}, 15, "isv.invalid-parameter:approve_status", "deleted"),
        ({"sell_point": "好" * 151}, 15, "isv.invalid-parameter:sell_point", "150"),
        ({"props": "20000:abc"}, 15, "isv.invalid-parameter:props", "pid:vid"),
        ({"freight_payer": "buyer"}, 15, "isv.invalid-parameter:freight_payer", "postage_id"),
        ({"pic_path": "i1/2200/O1CN01nope.jpg"}, 15, "isv.invalid-parameter:pic_path", "图片空间"),
    ],
)
def test_rule_violations(
    top: RawTop, sim: Simulator, override: dict, code: int, sub_code: str, in_msg: str,
) -> None:
    error = error_of(top.add_item(**override))
    assert error["code"] == code
    assert error["sub_code"] == sub_code
    assert in_msg in error["sub_msg"]
    assert door(sim, "items") == []


def test_outer_id_of_64_bytes_is_accepted(top: RawTop) -> None:
    assert "item_add_response" in top.add_item(outer_id="x" * 64)


def test_skus_must_sum_to_num(top: RawTop) -> None:
    skus = {
        "sku_properties": "1627207:28341;20509:28314,1627207:28341;20509:28315",
        "sku_quantities": "4,5", "sku_prices": "59.00,69.00",
    }
    error = error_of(top.add_item(num="10", **skus))
    assert error["sub_code"] == "isv.invalid-parameter:num"
    assert "9" in error["sub_msg"]


def test_skus_are_stored_when_consistent(top: RawTop, sim: Simulator) -> None:
    skus = {
        "props": f"{KEY_PROPS};1627207:28341;20509:28314;20509:28315",  # SKU pairs in props too
        "sku_properties": "1627207:28341;20509:28314,1627207:28341;20509:28315",
        "sku_quantities": "4,6", "sku_prices": "59.00,69.00", "sku_outer_ids": "S-M,S-L",
    }
    assert "item_add_response" in top.add_item(num="10", price="59.00", **skus)
    stored = door(sim, "items")[0]
    assert [s["quantity"] for s in stored["skus"]] == [4, 6]
    assert [s["outer_id"] for s in stored["skus"]] == ["S-M", "S-L"]


def test_price_outside_sku_range_and_misaligned_lists(top: RawTop) -> None:
    skus = {"sku_properties": "1627207:1,1627207:2", "sku_quantities": "5,5",
            "sku_prices": "59.00,69.00"}
    error = error_of(top.add_item(price="79.00", **skus))
    assert error["sub_code"] == "isv.invalid-parameter:price"
    error = error_of(top.add_item(**{**skus, "sku_prices": "59.00"}))
    assert error["sub_code"] == "isv.invalid-parameter:sku_properties"


def test_duplicate_outer_id_is_not_rejected(top: RawTop, sim: Simulator) -> None:
    first = top.add_item(outer_id="DUP")["item_add_response"]["item"]["num_iid"]
    second = top.add_item(outer_id="DUP")["item_add_response"]["item"]["num_iid"]
    assert first != second
    assert [i["outer_id"] for i in door(sim, "items")] == ["DUP", "DUP"]


def test_picture_upload_then_pic_path(top: RawTop, sim: Simulator) -> None:
    answer = top.upload_picture(image_bytes("JPEG", (640, 480)), "main.jpg")
    picture = answer["picture_upload_response"]["picture"]
    assert picture["pixel"] == "640x480"
    assert picture["sizes"] > 0
    assert isinstance(picture["picture_id"], int)
    assert door(sim, "pictures")[0]["picture_path"] == picture["picture_path"]
    added = top.add_item(pic_path=picture["picture_path"])
    assert "item_add_response" in added
    assert door(sim, "items")[0]["pic_path"] == picture["picture_path"]


def test_pic_path_of_another_shop_is_refused(sim: Simulator, top: RawTop) -> None:
    other = RawTop(sim, sim.issue_session("other_shop"))
    path = other.upload_picture(image_bytes())["picture_upload_response"]["picture"]["picture_path"]
    error = error_of(top.add_item(pic_path=path))
    assert error["sub_code"] == "isv.invalid-parameter:pic_path"


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF"])
def test_item_add_with_image_file(top: RawTop, sim: Simulator, fmt: str) -> None:
    data = image_bytes(fmt, (500, 500))
    answer = top.call("taobao.item.add", item_fields(),
                      files={"image": (f"main.{fmt.lower()}", data, "image/*")})
    assert "item_add_response" in answer
    assert door(sim, "items")[0]["pic_path"].startswith("https://img.alicdn.com/")


def test_oversized_image_is_upload_failure(top: RawTop, sim: Simulator) -> None:
    data = image_bytes("JPEG")
    data += b"\0" * (int(3.1 * 1024 * 1024) - len(data))
    answer = top.call("taobao.item.add", item_fields(),
                      files={"image": ("big.jpg", data, "image/jpeg")})
    error = error_of(answer)
    assert error["code"] == 3
    assert "3 MB" in error["sub_msg"]
    assert door(sim, "items") == []
    error = error_of(top.upload_picture(data, "big.jpg"))
    assert error["code"] == 3


def test_non_image_bytes_are_upload_failure(top: RawTop) -> None:
    error = error_of(top.upload_picture(b"%PDF-1.4 not an image", "doc.jpg"))
    assert error["code"] == 3
    assert "JPG" in error["sub_msg"]


def test_picture_upload_needs_the_file(top: RawTop) -> None:
    error = error_of(top.call("taobao.picture.upload", {"image_input_title": "a.png"}))
    assert error["code"] == 40


def test_items_custom_get_finds_by_outer_id(top: RawTop) -> None:
    ids = {}
    for outer in ("A", "B", "C"):
        ids[outer] = top.add_item(outer_id=outer)["item_add_response"]["item"]["num_iid"]
    answer = top.call("taobao.items.custom.get",
                      {"outer_id": "A,C,Z", "fields": "num_iid,outer_id,title,price,num"})
    items = answer["items_custom_get_response"]["items"]["item"]
    assert sorted((i["outer_id"], i["num_iid"]) for i in items) == [("A", ids["A"]),
                                                                     ("C", ids["C"])]
    assert set(items[0]) == {"num_iid", "outer_id", "title", "price", "num"}
    empty = top.call("taobao.items.custom.get", {"outer_id": "Z", "fields": "num_iid"})
    assert "items" not in empty["items_custom_get_response"]
    assert empty["items_custom_get_response"]["request_id"]


def test_items_custom_get_only_sees_its_shop(sim: Simulator, top: RawTop) -> None:
    top.add_item(outer_id="MINE")
    other = RawTop(sim, sim.issue_session("other_shop"))
    answer = other.call("taobao.items.custom.get", {"outer_id": "MINE", "fields": "num_iid"})
    assert "items" not in answer["items_custom_get_response"]


def test_items_custom_get_limits_to_40(top: RawTop) -> None:
    outer = ",".join(f"X{i}" for i in range(41))
    error = error_of(top.call("taobao.items.custom.get", {"outer_id": outer, "fields": "num_iid"}))
    assert error["code"] == 41


def test_quantity_and_price_updates(top: RawTop, sim: Simulator) -> None:
    num_iid = str(top.add_item()["item_add_response"]["item"]["num_iid"])
    answer = top.call("taobao.item.quantity.update", {"num_iid": num_iid, "quantity": "3"})
    assert answer["item_quantity_update_response"]["item"]["num"] == 3
    answer = top.call("taobao.item.quantity.update",
                      {"num_iid": num_iid, "quantity": "4", "type": "2"})
    assert answer["item_quantity_update_response"]["item"]["num"] == 7
    answer = top.call("taobao.item.price.update", {"num_iid": num_iid, "price": "12.50"})
    assert answer["item_price_update_response"]["item"]["num_iid"] == int(num_iid)
    stored = door(sim, "items")[0]
    assert (stored["num"], stored["price"]) == (7, "12.50")
    error = error_of(top.call("taobao.item.price.update", {"num_iid": "1", "price": "1.00"}))
    assert error["sub_code"] == "isv.item-not-exist"


def test_extra_images(top: RawTop, sim: Simulator) -> None:
    num_iid = str(top.add_item()["item_add_response"]["item"]["num_iid"])
    answer = top.call("taobao.item.img.upload", {"num_iid": num_iid, "position": "1"},
                      files={"image": ("b.png", image_bytes(), "image/png")})
    first = answer["item_img_upload_response"]["item_img"]
    assert first["position"] == 1
    path = top.upload_picture(image_bytes())["picture_upload_response"]["picture"]["picture_path"]
    answer = top.call("taobao.item.joint.img",
                      {"num_iid": num_iid, "pic_path": path, "position": "2"})
    assert answer["item_joint_img_response"]["item_img"]["url"] == path
    stored = door(sim, "items")[0]
    assert [(img["position"], img["url"]) for img in stored["item_imgs"]] == [
        (1, first["url"]), (2, path)]


def test_itemcats_get(top: RawTop) -> None:
    tops = top.call("taobao.itemcats.get", {"parent_cid": "0", "fields": "cid,name,is_parent"})
    cats = tops["itemcats_get_response"]["item_cats"]["item_cat"]
    assert {"cid": 16, "name": "女装/女士精品", "is_parent": True} in cats
    leaf = top.call("taobao.itemcats.get", {"cids": "50000671,16"})
    rows = leaf["itemcats_get_response"]["item_cats"]["item_cat"]
    assert {(r["cid"], r["parent_cid"], r["is_parent"]) for r in rows} == {
        (50000671, 16, False), (16, 0, True)}


def test_concurrent_adds_get_unique_ids(sim: Simulator) -> None:
    token = sim.issue_session("demo_shop")
    results: list[int] = []
    lock = threading.Lock()

    def worker(index: int) -> None:
        client = RawTop(sim, token)
        for n in range(10):
            answer = client.add_item(outer_id=f"C{index}-{n}")
            with lock:
                results.append(answer["item_add_response"]["item"]["num_iid"])
        client.http.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(results) == len(set(results)) == 60
    assert sorted(i["num_iid"] for i in door(sim, "items")) == sorted(results)


def test_picture_category_must_be_a_number(top: RawTop) -> None:
    answer = top.call(
        "taobao.picture.upload", {"image_input_title": "a.png", "picture_category_id": "x"},
        files={"img": ("a.png", image_bytes(), "image/png")},
    )
    assert error_of(answer)["code"] == 41
