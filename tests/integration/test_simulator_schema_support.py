"""Helpers for the schema API tests over loopback: a filled ``<itemSchema>`` built here with the
stdlib (independent of app.top.schema and of the simulator's own code) and a hoodie that meets
every rule of the 卫衣/绒衫 leaf (50008898: 品牌, 货号, 材质成分, 年份/季节 required)."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from typing import Any

from tests.integration.test_simulator_support import RawTop, image_bytes

HOODIE_CID = "50008898"


def _field(parent: ET.Element, fid: str, value: Any) -> None:
    if isinstance(value, str):
        element = ET.SubElement(parent, "field", id=fid, type="input")
        ET.SubElement(element, "value").text = value
    elif isinstance(value, dict):
        element = ET.SubElement(parent, "field", id=fid, type="complex")
        box = ET.SubElement(element, "complex-value")
        for key, inner in value.items():
            _field(box, key, inner)
    elif value and isinstance(value[0], dict):
        element = ET.SubElement(parent, "field", id=fid, type="multiComplex")
        for entry in value:
            box = ET.SubElement(element, "complex-values")
            for key, inner in entry.items():
                _field(box, key, inner)
    else:
        element = ET.SubElement(parent, "field", id=fid, type="multiCheck")
        box = ET.SubElement(element, "values")
        for item in value:
            ET.SubElement(box, "value").text = item


def filled(values: dict[str, Any]) -> str:
    """``<itemSchema>`` with one field per key (str → input, list → multiCheck, dict → complex,
    list of dicts → multiComplex)."""
    root = ET.Element("itemSchema")
    for key, value in values.items():
        if value is not None:
            _field(root, key, value)
    return ET.tostring(root, encoding="unicode")


def sku(colour: str, size: str, price: str, stock: str, **extra: str) -> dict[str, Any]:
    return {"props": {"p-1627207": colour, "p-20509": size}, "skuPrice": price,
            "skuStock": stock, **extra}


def hoodie(pic: str, **changes: Any) -> dict[str, Any]:
    """The values of a hoodie with four SKUs (white/black × S/M), 35 in stock."""
    values: dict[str, Any] = {
        "stuffStatus": "5", "title": "加绒卫衣 秋冬", "startTime": "0",
        "catProp": {"p-20000": "1128204128", "p-13021751": "TS26001",
                    "p-149422948": "棉100%", "p-122216347": "3612408003"},
        "saleProp": {"p-1627207": [{"value": "28320"}, {"value": "28341"}],
                     "p-20509": [{"value": "28314"}, {"value": "28315"}]},
        "sku": [sku("28320", "28314", "59.00", "10"), sku("28320", "28315", "59.00", "20"),
                sku("28341", "28314", "69.00", "0"), sku("28341", "28315", "69.00", "5")],
        "price": "59.00", "quantity": "35", "outerId": "HD-001",
        "images": {"images_0": pic}, "desc": "<p>柔软加绒卫衣，秋冬保暖</p>",
        "location": {"prov": "浙江", "city": "杭州"},
    }
    values = copy.deepcopy(values)
    values.update(changes)
    return {k: v for k, v in values.items() if v is not None}


def picture(top: RawTop) -> str:
    answer = top.upload_picture(image_bytes())
    return answer["picture_upload_response"]["picture"]["picture_path"]


def submit(top: RawTop, values: dict[str, Any], cid: str = HOODIE_CID) -> dict:
    return top.call("alibaba.item.publish.submit",
                    {"market": "taobao", "cat_id": cid, "schema": filled(values)})


def body(answer: dict, method: str) -> dict:
    assert "error_response" not in answer, answer
    return answer[method.removeprefix("taobao.").replace(".", "_") + "_response"]
