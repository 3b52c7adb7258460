"""Turn a `Product` into ``taobao.item.add`` parameters (pure). The row key is the outer_id.

The property fields (``props``, ``input_pids``/``input_str``, ``property_alias``,
``input_custom_cpv``, each SKU's ``properties``) are the ones the resolution step composed
against the leaf's rules (`app.catalog.compose`) and stored on the product; they go as they are.

`sent_fields` is the one description of what Taobao holds of a row once it is listed: the plan's
fingerprint hashes it and the journal records it per listed item, so a field `item_fields`
starts sending is covered by both without editing a list.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from decimal import Decimal

from app.catalog.description import compose
from app.catalog.model import ImageRef, Product

CHINA_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def money(value: Decimal) -> str:
    """Prices go as decimal strings with two places (``99.00``)."""
    return f"{value.quantize(Decimal('0.01'))}"


def item_fields(p: Product, *, pic_path: str | None = None,
                detail_urls: Sequence[str] | None = None) -> dict[str, object]:
    """Business parameters of item.add; empty values are left out (never sent).

    ``detail_urls``: the picture-space URLs of the row's detail pictures, once uploaded; the
    description is then the text as paragraphs followed by the pictures (`description.compose`).
    Without them ``desc`` is the 描述 text as written (what `sent_fields` records)."""
    desc = compose(p.desc, detail_urls) if detail_urls is not None else p.desc
    f: dict[str, object] = {
        "outer_id": p.key,
        "title": p.title,
        "desc": desc,
        "num": p.num,
        "cid": p.cid,
        "type": p.type,
        "stuff_status": p.stuff_status,
        "location.state": p.location_state,
        "location.city": p.location_city,
        "approve_status": p.approve_status,
        "props": p.props,
        "input_pids": p.input_pids,
        "input_str": p.input_str,
        "property_alias": p.property_alias,
        "input_custom_cpv": p.input_custom_cpv,
        "seller_cids": p.seller_cids,
        "sell_point": p.sell_point,
        "freight_payer": p.freight_payer,
        "postage_id": p.postage_id,
        "pic_path": pic_path,
    }
    if p.price is not None:
        f["price"] = money(p.price)
    for name in ("post_fee", "express_fee", "ems_fee"):
        value = getattr(p, name, None)
        if value is not None:
            f[name] = money(value)
    for name in ("has_invoice", "has_warranty", "has_discount"):
        value = getattr(p, name, None)
        if value is not None:
            f[name] = "true" if value else "false"
    list_time = getattr(p, "list_time", None)
    if list_time is not None:
        f["list_time"] = list_time.strftime(CHINA_TIME_FORMAT)
    if p.skus:
        f["sku_properties"] = ",".join(s.properties for s in p.skus)
        f["sku_quantities"] = ",".join(str(s.quantity or 0) for s in p.skus)
        f["sku_prices"] = ",".join(money(s.price) if s.price is not None else "" for s in p.skus)
        # sent even without codes (SKU count - 1 commas), as taobao-props.md §4 says
        f["sku_outer_ids"] = ",".join(s.outer_id or "" for s in p.skus)
    return {k: v for k, v in f.items() if v is not None and str(v).strip() != ""}


def image_identity(ref: ImageRef) -> str:
    """Identity of a picture before it is read: embedded bytes by hash, else its location."""
    if ref.data is not None:
        return "sha256:" + hashlib.sha256(ref.data).hexdigest()
    return f"{ref.source}:{ref.location}"


def sent_fields(p: Product) -> dict[str, object]:
    """What item.add sends for this row, JSON-ready: every parameter of `item_fields` as text
    (``desc`` as the 描述 text; pictures by identity, never by their picture-space path) plus the
    extra pictures, the detail pictures (in order) and each SKU's colour picture."""
    doc: dict[str, object] = {k: str(v) for k, v in item_fields(p).items()}
    if p.images:
        doc["main_image"] = image_identity(p.images[0])
    if len(p.images) > 1:
        doc["extra_images"] = [image_identity(r) for r in p.images[1:]]
    if p.detail_images:
        doc["detail_images"] = [image_identity(r) for r in p.detail_images]
    if any(s.image is not None for s in p.skus):
        doc["sku_images"] = [image_identity(s.image) if s.image is not None else ""
                             for s in p.skus]
    return doc
