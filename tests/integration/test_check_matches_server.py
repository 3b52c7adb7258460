"""`check` and the simulator read the same limits from the docs, each in its own code: a row
`check` passes is listed, a row it refuses is refused by the server too (boundary values)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.catalog.model import ImageRef, ImageSource, Product, Sku
from app.catalog.rules import check_product
from app.catalog.settings import ListingDefaults
from tests.integration.test_simulator_support import (
    KEY_PROPS,
    RawTop,
    item_fields,
    sim,
    top,
)

__all__ = ["sim", "top"]  # fixtures


def _product(outer_id: str, skus: list[Sku]) -> Product:
    num = sum(s.quantity or 0 for s in skus) if skus else 10
    return Product(row=2, outer_id=outer_id, title="纯棉短袖T恤 夏季新款",
                   desc="<p>柔软透气的纯棉T恤</p>", price=Decimal("59.00"), num=num,
                   cid=50000671, location_state="浙江", location_city="杭州",
                   stuff_status="new", type="fixed", skus=skus,
                   images=[ImageRef(ImageSource.URL, "https://example.com/a.jpg")])


def _sku_fields(skus: list[Sku]) -> dict[str, str]:
    """The SKU lists, and every pair they use in ``props`` (Taobao wants both)."""
    if not skus:
        return {}
    pairs = dict.fromkeys(pair for s in skus for pair in s.properties.split(";"))
    return {"props": ";".join([KEY_PROPS, *pairs]),
            "sku_properties": ",".join(s.properties for s in skus),
            "sku_quantities": ",".join(str(s.quantity) for s in skus),
            "sku_prices": ",".join(str(s.price) for s in skus)}


@pytest.mark.parametrize(("outer_id", "skus"), [
    ("编" * 21, []),
    ("编" * 22, []),
    ("SKU-A", [Sku("1627207:28341;20509:28315", 5, Decimal("59.00")),
               Sku("1627207:28341;20509:28316", 5, Decimal("59.00"))]),
    ("SKU-B", [Sku("1627207:28341;20509:28315", 5, Decimal("59.00")),
               Sku("1627207:28341;20509:28315", 5, Decimal("59.00"))]),
    ("SKU-C", [Sku("1627207:28341;20509:28315", 5, Decimal("59.00")),
               Sku("20509:28315;1627207:28341", 5, Decimal("59.00"))]),
], ids=["outer_id-21cjk", "outer_id-22cjk", "skus-distinct", "skus-repeated",
        "skus-repeated-reordered"])
def test_check_and_server_agree(top: RawTop, outer_id: str, skus: list[Sku]) -> None:
    product = _product(outer_id, skus)
    product.props = _sku_fields(skus).get("props")
    local_errors = [i for i in check_product(product, ListingDefaults()) if i.is_error]
    answer = top.add_item(**item_fields(outer_id=outer_id, num=str(product.num),
                                        **_sku_fields(skus)))
    refused = "error_response" in answer
    assert bool(local_errors) is refused, (local_errors, answer)
    if refused:
        assert answer["error_response"]["code"] == 15
