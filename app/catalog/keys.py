"""Stable row keys for rows without 商家编码 (``Product.generated_key``).

The key is ``"TS"`` + 12 base32 characters (14 bytes, well under the 64-byte outer_id limit) of
SHA-256 over the row's content (title + category). It depends only on the row itself, so it stays
the same when the sheet is read again, rows are inserted, deleted or sorted around it. Rows with
the same title and category get the occurrence number mixed in (1st, 2nd… in sheet order) so each
key is unique. Changing the title or category of a row gives it a new key: it is then a different
product as far as the journal is concerned.

So a generated key records the identity it came from. When the user later fills in a 商家编码 for
such a row, `former_keys` gives the generated keys that row could have been listed under (same
title and category), and the upload plan recognises the item listed under one of them.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable

from app.catalog.model import Product

PREFIX = "TS"
HASH_CHARS = 12


def category_of(p: Product) -> int | str | None:
    """The category as the row writes it: the 类目 text when it is a name or a path (so the key
    does not change when the text is resolved to its leaf), else the id."""
    return p.category_text or p.cid


def content_key(title: str | None, cid: int | str | None, occurrence: int = 1) -> str:
    """Key for the ``occurrence``-th row (1-based) with this title and category."""
    text = f"{(title or '').strip()}\x1f{cid if cid is not None else ''}"
    if occurrence > 1:
        text += f"\x1f{occurrence}"
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return PREFIX + base64.b32encode(digest).decode("ascii")[:HASH_CHARS]


def assign_keys(products: Iterable[Product]) -> None:
    """Fill ``generated_key`` on every product without ``outer_id`` (others get ``None``)."""
    items = list(products)
    taken = {p.outer_id for p in items if p.outer_id}
    seen: dict[tuple[str, int | str | None], int] = {}
    for p in items:
        if p.outer_id:
            p.generated_key = None
            continue
        ident = ((p.title or "").strip(), category_of(p))
        n = seen.get(ident, 0)
        while True:
            n += 1
            key = content_key(p.title, category_of(p), n)
            if key not in taken:
                break
        seen[ident] = n
        taken.add(key)
        p.generated_key = key


def former_keys(products: Iterable[Product]) -> dict[int, list[str]]:
    """For each row with a 商家编码 (by sheet row): the generated keys a row with its title and
    category had before it got one — occurrence 1 up to the number of such rows in the sheet."""
    items = list(products)
    counts: dict[tuple[str, int | str | None], int] = {}
    for p in items:
        ident = ((p.title or "").strip(), category_of(p))
        counts[ident] = counts.get(ident, 0) + 1
    out: dict[int, list[str]] = {}
    for p in items:
        if p.outer_id and (p.title or "").strip():
            n = counts[((p.title or "").strip(), category_of(p))]
            out[p.row] = [content_key(p.title, category_of(p), k) for k in range(1, n + 1)]
    return out
