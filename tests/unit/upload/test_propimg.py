"""Which colour each colour picture belongs to (pure)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.catalog.model import ImageRef, ImageSource, Product, Sku
from app.upload.propimg import ColourProblem, colour_pair, colour_pictures


def pic(name: str) -> ImageRef:
    return ImageRef(ImageSource.PATH, f"pics/{name}.jpg")


def sku(props: str, image: ImageRef | None, colour: str = "", row: int = 2) -> Sku:
    return Sku(props, 1, Decimal("9.90"), values={"尺码": "M", "颜色": colour}, row=row,
               image=image)


def test_the_colour_pair_is_found_by_the_leafs_colour_pid_else_the_known_ones() -> None:
    assert colour_pair("20509:28314;1627207:28320", None) == "1627207:28320"
    assert colour_pair("20509:28314;1627207:-1", None) == "1627207:-1"  # a custom colour
    assert colour_pair("20509:28314;9000101:9101001", 9000101) == "9000101:9101001"
    assert colour_pair("20509:28314;1627207:28320", 9000101) is None  # the leaf's flags win
    assert colour_pair("20509:28314", None) is None


def test_each_colour_once_with_its_first_picture_in_sku_order() -> None:
    red, black = pic("red"), pic("black")
    p = Product(row=2, skus=[
        sku("20509:28314;1627207:28326", red, "红色"),
        sku("1627207:28326;20509:28315", red, "红色"),  # order of pairs does not matter
        sku("1627207:28341;20509:28314", None, "黑色"),
        sku("1627207:28341;20509:28315", black, "黑色"),
        sku("1627207:28320;20509:28315", None, "白色"),  # no picture: nothing to attach
    ])
    got = colour_pictures(p, 1627207)
    assert [(c.properties, c.ref, c.name) for c in got] == [
        ("1627207:28326", red, "红色"), ("1627207:28341", black, "黑色")]


def test_a_picture_without_a_colour_or_two_pictures_for_one_colour_are_refused() -> None:
    with pytest.raises(ColourProblem, match="第 7 行有颜色图"):
        colour_pictures(Product(row=2, skus=[sku("20509:28314", pic("x"), row=7)]), None)
    two = Product(row=2, skus=[sku("1627207:28326;20509:28314", pic("a"), "红色", row=3),
                               sku("1627207:28326;20509:28315", pic("b"), "红色", row=4)])
    with pytest.raises(ColourProblem, match="颜色「红色」在第 3 行和第 4 行的颜色图不同"):
        colour_pictures(two, None)
