"""`app.review_apply.product_copy`: the cheap shallow copy every review makes of every row."""

from __future__ import annotations

from copy import copy
from dataclasses import fields

from app.catalog.model import Product
from app.review_apply import product_copy


def test_the_copy_has_every_field_of_the_original_and_is_a_new_product() -> None:
    original = Product(row=2)
    for f in fields(Product):  # a distinct value in every field, so none can be missed
        object.__setattr__(original, f.name, object() if f.name != "row" else 7)

    copied = product_copy(original)

    assert copied is not original
    assert type(copied) is Product
    assert [f.name for f in fields(Product)
            if getattr(copied, f.name) is not getattr(original, f.name)] == []


def test_the_copy_is_what_copy_gives_and_changing_it_leaves_the_original() -> None:
    original = Product(row=3, title="纯棉T恤", extra={"品牌": "优衣库"})
    copied = product_copy(original)
    assert copied == copy(original)
    copied.title = "改过的标题"
    assert original.title == "纯棉T恤"
    assert copied.extra is original.extra  # shallow, as copy() is
