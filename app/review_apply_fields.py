"""Corrections of a product's category properties and of its SKUs (`app.review_edits`:
``prop:<key>``, ``sku.price``, ``sku.num``, ``sku.value:<header>``), put into a sheet as read.

They change the inputs the resolution step reads — a property column's value in
`Product.extra`, a pair of the 宝贝属性 cell (``props_text``), a SKU's values, price and stock —
never the composed fields: `app.catalog.resolve` turns them into ``props``/``input_str``/SKUs
again with the leaf's rules, so a corrected value is checked exactly like a cell. A variant
product's SKU is corrected on its own sheet row; the item's stock (the sum) and price (the lowest
in-stock SKU price) follow when the sheet did not give them itself. Also: the cells a 写回表格
copy gets for these corrections, and why some cannot be written (no such column).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from app.catalog.category_rules import header_key
from app.catalog.compose import clean_header
from app.catalog.model import Issue, Product, Severity, Sku
from app.catalog.variants import item_price
from app.excel.grid import CellValue
from app.excel.ooxml import col_index
from app.excel.values import as_text, parse_int, parse_price
from app.excel.writeback import CellChange
from app.review_edits import PROP, SKU_NUM, SKU_PRICE, SKU_VALUE, RowEdits, is_sku_field

_PAIRS = re.compile(r"[;；]")
_DIGITS = "0123456789"


def _key(text: str) -> str:
    return header_key(clean_header(text))


def column_letter(ref: str) -> str:
    """``F3`` → ``F``."""
    return ref.rstrip(_DIGITS)


# --- properties -------------------------------------------------------------------------------
def _pair(props_text: str | None, key: str) -> tuple[int, str] | None:
    """The 宝贝属性 pair naming ``key`` (ignoring spaces and punctuation): (index, value)."""
    wanted = _key(key)
    for n, part in enumerate(_PAIRS.split(props_text or "")):
        name, colon, value = part.replace("：", ":").partition(":")
        if colon and _key(name) == wanted:
            return n, value.strip()
    return None


def prop_text(product: Product, key: str) -> str:
    """The value a product holds for property ``key``: its column, else its 宝贝属性 pair."""
    if key in product.extra:
        return product.extra[key]
    found = _pair(product.props_text, key)
    return found[1] if found is not None else ""


def prop_place(product: Product, key: str) -> str:
    """Where ``key`` is held: ``column`` (a property column), ``props`` (a 宝贝属性 pair) or ""
    (nowhere yet: a correction adds it as if the sheet had that column)."""
    if key in product.extra:
        return "column"
    return "props" if _pair(product.props_text, key) is not None else ""


@dataclass(slots=True)
class PropChange:
    extra: dict[str, str]
    props_text: str | None
    cell: tuple[str, str] | None  # (column letter, new cell text) when a cell holds it


def set_prop(product: Product, key: str, text: str, letters: Mapping[str, str]) -> PropChange:
    """``product`` with property ``key`` set to ``text`` ("" removes it). ``letters``: the
    sheet's unknown headers → their column letters."""
    text = text.strip()
    extra = dict(product.extra)
    if key in extra or prop_place(product, key) == "":
        if text:
            extra[key] = text
        else:
            extra.pop(key, None)
        letter = letters.get(key)
        return PropChange(extra, product.props_text, (letter, text) if letter else None)
    parts = _PAIRS.split(product.props_text or "")
    found = _pair(product.props_text, key)
    assert found is not None
    index = found[0]
    name = parts[index].replace("：", ":").partition(":")[0].strip()
    if text:
        parts[index] = f"{name}:{text}"
    else:
        del parts[index]
    joined = ";".join(p.strip() for p in parts if p.strip()) or None
    letter = product.columns.get("props")
    return PropChange(extra, joined, (letter, joined or "") if letter else None)


# --- SKUs -------------------------------------------------------------------------------------
def sku_text(sku: Sku, name: str) -> str:
    """A SKU's value of a SKU field as the detail pane shows it (49.999 stays 49.999)."""
    if name == SKU_PRICE:
        return _price(sku.price)
    if name == SKU_NUM:
        return "" if sku.quantity is None else str(sku.quantity)
    return sku.values.get(name[len(SKU_VALUE):], "")


def _price(price: Decimal | None) -> str:
    if price is None:
        return ""
    shown = f"{price:.2f}"
    return shown if Decimal(shown) == price else f"{price:f}"


def sku_cell(sku: Sku, name: str) -> str | None:
    """The cell a SKU field was read from (``E4``), if the sheet has one."""
    if name == SKU_PRICE:
        return sku.cells.get("price")
    if name == SKU_NUM:
        return sku.cells.get("quantity")
    return sku.cells.get(name[len(SKU_VALUE):])


def apply_sku_edits(product: Product, entries: list[RowEdits],
                    raw_rows: dict[int, dict[int, CellValue]],
                    read_cells: dict[int, dict[int, CellValue]], *,
                    as_read: Product | None, price_edited: bool) -> Product:
    """``product`` with the SKU corrections of ``entries`` (each on its SKU's own row): the SKUs
    are copied (the product as read is kept as it was), the cells patched in ``raw_rows`` (the
    originals kept in ``read_cells``), the item's stock and price worked out again where they
    were worked out from the SKUs."""
    skus = [replace(s, values=dict(s.values), cells=dict(s.cells)) for s in product.skus]
    issues = list(product.cell_issues)
    for entry in entries:
        sku = next((s for s in skus if s.row == entry.row), None)
        if sku is None:
            continue
        cells = dict(raw_rows.get(entry.row, {}))
        for name, edit in entry.edits.items():
            if not is_sku_field(name):
                continue
            ref = sku_cell(sku, name)
            where = ref or f"第 {entry.row} 行"
            issues = [i for i in issues if not (ref and (i.cell == ref or
                                                          i.message.startswith(ref + " ")))]
            found = _set_sku(sku, name, edit.new, where)
            if found is not None:
                issues.append(found)
            if ref:
                cells[col_index(column_letter(ref))] = edit.new.strip()
        read_cells.setdefault(entry.row, raw_rows.get(entry.row, {}))
        raw_rows[entry.row] = cells
    changes: dict[str, object] = {}
    before = as_read.skus if as_read is not None else product.skus
    quantities = [s.quantity for s in before]
    if as_read is None or as_read.num is None or (
            None not in quantities and as_read.num == sum(q or 0 for q in quantities)):
        now = [s.quantity for s in skus]
        changes["num"] = None if None in now else sum(q or 0 for q in now)
    if not price_edited and (as_read is None or as_read.price is None
                             or as_read.price == item_price(before)):
        changes["price"] = item_price(skus)
    return replace(product, skus=skus, cell_issues=issues, **changes)  # type: ignore[arg-type]


def _set_sku(sku: Sku, name: str, text: str, where: str) -> Issue | None:
    text = text.strip()
    if name == SKU_PRICE:
        sku.price, problem = parse_price(text, "SKU价格")
        field_name = "sku_prices"
    elif name == SKU_NUM:
        sku.quantity, problem = parse_int(text, "SKU库存")
        field_name = "sku_quantities"
    else:
        header = name[len(SKU_VALUE):]
        if text:
            sku.values[header] = text
        else:
            sku.values.pop(header, None)
        return None
    if problem is None:
        return None
    is_error, message = problem
    kind = "invalid" if is_error else "cleaned"
    return Issue(Severity.ERROR if is_error else Severity.WARNING, field_name,
                 f"{field_name}.{kind}", f"{where} {message}", where if where[0] != "第" else None)


def find_sku(products: Mapping[int, Product], row: int) -> tuple[Product, Sku] | None:
    """The product (by first row) and SKU that sheet row ``row`` is."""
    for product in products.values():
        for sku in product.skus:
            if sku.row == row:
                return product, sku
    return None


# --- 写回表格 ---------------------------------------------------------------------------------
def field_change(row: int, name: str, new: str, *, product: Product | None, sku: Sku | None,
                 raw: Mapping[int, CellValue], letters: Mapping[str, str]
                 ) -> tuple[CellChange | None, bool]:
    """The cell a copy gets for a property or SKU correction on ``row``, or None; the bool says
    whether the sheet has no cell for it (the notice names it)."""
    if is_sku_field(name):
        ref = sku_cell(sku, name) if sku is not None else None
        if ref is None:
            return None, True
        return CellChange(ref, new, number=name in (SKU_PRICE, SKU_NUM)), False
    key = name[len(PROP):]
    if product is None:
        return None, True
    place = prop_place(product, key)
    letter = product.columns.get("props")
    if place == "props":
        if letter is None:
            return None, True
        return CellChange(f"{letter}{row}", as_text(raw.get(col_index(letter), ""))), False
    if letters.get(key):  # its column (filled, or empty on this row)
        return CellChange(f"{letters[key]}{row}", new), False
    return None, True
