"""The simulator's edit, take-down and permission switches over loopback: edit.schema.get /
.submit / .fastupdate, operate.upshelf / .downshelf / .delete, item.update.delisting / .listing,
and ``deny_api`` making item.add answer code 11 or 22 for one app."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
import requests

from app.simulator import Simulator, SimulatorConfig
from tests.integration.test_simulator_schema_support import (
    body,
    filled,
    hoodie,
    picture,
    sku,
    submit,
)
from tests.integration.test_simulator_support import (
    KEY_PROPS,
    TIMEOUT,
    RawTop,
    door,
    error_of,
    item_fields,
    set_faults,
    top,
)

__all__ = ["top"]  # fixture
OTHER_KEY, OTHER_SECRET = "23456789", "other-secret"


@pytest.fixture
def sim() -> Iterator[Simulator]:
    config = SimulatorConfig(seed=7, extra_apps={OTHER_KEY: OTHER_SECRET})
    with Simulator(config) as simulator:
        yield simulator


def listed(top: RawTop, **changes: object) -> int:
    """A hoodie listed through submit; its item id."""
    answer = body(submit(top, hoodie(picture(top), **changes)), "alibaba.item.publish.submit")
    return int(answer["item_id"])


def the_item(sim: Simulator, num_iid: int) -> dict:
    return next(i for i in door(sim, "items") if i["num_iid"] == num_iid)


def edit(top: RawTop, method: str, item_id: int, values: dict) -> dict:
    return top.call(method, {"item_id": str(item_id), "schema": filled(values)})


def test_edit_schema_get_shows_an_item_add_items_current_values(top: RawTop) -> None:
    added = body(top.add_item(props=f"{KEY_PROPS};1627207:28320;20509:28315",
                              property_alias="1627207:28320:象牙白",
                              sku_properties="1627207:28320;20509:28315", sku_quantities="10",
                              sku_prices="59.00"), "taobao.item.add")
    method = "alibaba.item.edit.schema.get"
    result = body(top.call(method, {"item_id": str(added["item"]["num_iid"])}), method)["result"]
    fields = {f.get("id"): f for f in ET.fromstring(result).iter("field")}
    assert fields["title"].findtext("value") == "纯棉短袖T恤 夏季新款"
    assert fields["price"].findtext("value") == "59.00"
    colours = fields["saleProp"].find("complex-value/field[@id='p-1627207']")
    entry = {f.get("id"): f.findtext("value") for f in colours.findall("complex-values/field")}
    assert entry == {"value": "28320", "alias": "象牙白"}
    entries = fields["sku"].findall("complex-values")
    assert len(entries) == 1
    assert entries[0].findtext("field[@id='skuStock']/value") == "10"
    trimmed = body(top.call(method, {"item_id": str(added["item"]["num_iid"]),
                                     "fields": "title,price"}), method)["result"]
    assert [f.get("id") for f in ET.fromstring(trimmed).findall("field")] == ["title", "price"]


def test_edit_submit_replaces_the_item_and_keeps_its_identity(top: RawTop, sim: Simulator) -> None:
    item_id = listed(top)
    before = the_item(sim, item_id)
    top.call("alibaba.item.operate.downshelf", {"item_id": str(item_id)})
    skus = [*hoodie("x")["sku"], sku("28326", "28314", "59.00", "7")]
    sale = {"p-1627207": [{"value": "28320"}, {"value": "28341"}, {"value": "28326"}],
            "p-20509": [{"value": "28314"}, {"value": "28315"}]}
    values = hoodie(before["pic_path"], title="加绒卫衣 秋冬新款", sku=skus, saleProp=sale,
                    quantity="42", desc="<p>新的描述</p>")
    answer = body(edit(top, "alibaba.item.edit.submit", item_id, values),
                  "alibaba.item.edit.submit")
    assert answer["item_id"] == item_id
    assert answer["market"] == "taobao"
    after = the_item(sim, item_id)
    assert (after["title"], after["desc"], after["num"]) == (
        "加绒卫衣 秋冬新款", "<p>新的描述</p>", 42)
    assert (after["created"], after["approve_status"]) == (before["created"], "instock")
    old_ids = {s["properties"]: s["sku_id"] for s in before["skus"]}
    assert {s["properties"]: s["sku_id"] for s in after["skus"][:4]} == old_ids
    assert after["skus"][4]["properties"] == "1627207:28326;20509:28314"
    assert after["modified"] >= before["modified"]
    refused = error_of(edit(top, "alibaba.item.edit.submit", item_id,
                            {**values, "title": None}))
    assert refused["sub_code"] == "isv.invalid-parameter:title"
    assert the_item(sim, item_id)["title"] == "加绒卫衣 秋冬新款"


def test_fastupdate_changes_light_fields_only(top: RawTop, sim: Simulator) -> None:
    item_id = listed(top)
    method = "alibaba.item.edit.fastupdate"
    change = {"title": "加绒卫衣 特价", "sku": [sku("28320", "28314", "55.00", "4")],
              "quantity": "29", "price": "55.00"}
    body(edit(top, method, item_id, change), method)
    item = the_item(sim, item_id)
    assert (item["title"], item["num"], item["price"]) == ("加绒卫衣 特价", 29, "55.00")
    assert (item["skus"][0]["quantity"], item["skus"][0]["price"]) == (4, "55.00")
    assert item["skus"][1]["quantity"] == 20
    new_sku = error_of(edit(top, method, item_id, {"sku": [sku("28326", "28314", "59.00", "1")]}))
    assert new_sku["sub_code"] == "isv.invalid-parameter:sku"
    assert "不能新增 SKU" in new_sku["sub_msg"]
    desc = error_of(edit(top, method, item_id, {"desc": "<p>换一个描述</p>"}))
    assert desc["sub_code"] == "isv.invalid-parameter:desc"
    bad_sum = error_of(edit(top, method, item_id, {"quantity": "100"}))
    assert bad_sum["sub_code"] == "isv.invalid-parameter:quantity"
    long_title = error_of(edit(top, method, item_id, {"title": "加" * 31}))
    assert long_title["sub_code"] == "isv.invalid-parameter:title"
    assert the_item(sim, item_id) == item  # nothing changed by the refusals


def test_downshelf_upshelf_delete(top: RawTop, sim: Simulator) -> None:
    item_id = listed(top)

    def operate(action: str, **extra: str) -> dict:
        return top.call(f"alibaba.item.operate.{action}", {"item_id": str(item_id), **extra})

    assert body(operate("downshelf"), "alibaba.item.operate.downshelf")["result"] == "true"
    assert body(operate("downshelf"), "alibaba.item.operate.downshelf")["result"] == "true"
    assert the_item(sim, item_id)["approve_status"] == "instock"
    assert body(operate("upshelf"), "alibaba.item.operate.upshelf")["result"] == "true"
    assert the_item(sim, item_id)["approve_status"] == "onsale"
    assert body(operate("delete"), "alibaba.item.operate.delete")["result"] == "true"
    assert the_item(sim, item_id)["approve_status"] == "deleted"
    lookup = body(top.call("taobao.items.custom.get", {"outer_id": "HD-001",
                                                       "fields": "num_iid"}),
                  "taobao.items.custom.get")
    assert "items" not in lookup
    assert error_of(operate("upshelf"))["sub_code"] == "isv.item-not-exist"


def test_upshelf_needs_stock(top: RawTop, sim: Simulator) -> None:
    added = body(top.add_item(num="0", approve_status="instock", outer_id="ZERO"),
                 "taobao.item.add")["item"]["num_iid"]
    error = error_of(top.call("alibaba.item.operate.upshelf", {"item_id": str(added)}))
    assert error["sub_code"] == "isv.item-service-error:FORBIDDEN_QUANTITY_ZERO_ERROR"
    body(top.call("alibaba.item.operate.upshelf", {"item_id": str(added), "quantity": "3"}),
         "alibaba.item.operate.upshelf")
    assert (the_item(sim, added)["approve_status"], the_item(sim, added)["num"]) == ("onsale", 3)


def test_classic_delisting_and_listing(top: RawTop, sim: Simulator) -> None:
    num_iid = body(top.add_item(), "taobao.item.add")["item"]["num_iid"]
    down = body(top.call("taobao.item.update.delisting", {"num_iid": str(num_iid)}),
                "taobao.item.update.delisting")
    assert down["item"]["num_iid"] == num_iid
    assert the_item(sim, num_iid)["approve_status"] == "instock"
    missing = error_of(top.call("taobao.item.update.listing", {"num_iid": str(num_iid)}))
    assert (missing["code"], missing["sub_code"]) == (40, "isv.missing-parameter:num")
    zero = error_of(top.call("taobao.item.update.listing", {"num_iid": str(num_iid),
                                                             "num": "0"}))
    assert zero["sub_code"] == "isv.invalid-parameter:num"
    body(top.call("taobao.item.update.listing", {"num_iid": str(num_iid), "num": "8"}),
         "taobao.item.update.listing")
    assert (the_item(sim, num_iid)["approve_status"], the_item(sim, num_iid)["num"]) == (
        "onsale", 8)
    unknown = error_of(top.call("taobao.item.update.delisting", {"num_iid": "1"}))
    assert unknown["sub_code"] == "isv.item-not-exist"


def other_add(other: RawTop, outer_id: str) -> dict:
    return other.call("taobao.item.add", item_fields(outer_id=outer_id),
                      override={"app_key": OTHER_KEY}, secret=OTHER_SECRET)


def test_deny_api_answers_11_or_22_for_one_app(top: RawTop, sim: Simulator) -> None:
    other = RawTop(sim, sim.issue_session("demo_shop", app_key=OTHER_KEY))
    faults = set_faults(sim, deny_api=[{"method": "taobao.item.add", "code": 11,
                                        "app_key": "12345678"}])
    assert faults["deny_api"][0]["code"] == 11
    error = error_of(top.add_item())
    assert (error["code"], error["sub_code"]) == (11, "isv.permission-api-package-limit")
    assert error["sub_msg"].startswith("scope ids is 381 382 11430")
    assert "item_add_response" in other_add(other, "OT-001")
    assert "error_response" not in submit(top, hoodie(picture(top)))  # schema path still open
    set_faults(sim, deny_api=[{"code": 22}])  # every app
    offline = error_of(top.add_item(outer_id="TS-002"))
    assert (offline["code"], offline["msg"]) == (22, "Invalid Method")
    assert error_of(other_add(other, "OT-002"))["code"] == 22
    set_faults(sim, deny_api=[])
    assert "item_add_response" in top.add_item(outer_id="TS-003")
    assert [(i["app_key"], i["outer_id"]) for i in door(sim, "items")] == [
        (OTHER_KEY, "OT-001"), ("12345678", "HD-001"), ("12345678", "TS-003")]


@pytest.mark.parametrize("entry", [{"code": 12}, {"method": ""}, {"app_key": 5},
                                   {"sub_code": "isv.other"}, "taobao.item.add"])
def test_deny_api_refuses_bad_switches(sim: Simulator, entry: object) -> None:
    answer = requests.post(f"{sim.base_url}/_sim/faults", json={"deny_api": [entry]},
                           timeout=TIMEOUT)
    assert answer.status_code == 400
    assert sim.get_faults()["deny_api"] == []
