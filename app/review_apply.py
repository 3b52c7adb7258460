"""Putting the window's corrections (`app.review_edits`) into a sheet as read, and taking
them out again: fingerprints of rows, values parsed like cells, the cells a 写回表格 copy gets.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from decimal import Decimal
from operator import attrgetter
from pathlib import Path

from app.catalog.model import SKIPPED_BY_USER, ImageRef, ImageSource, Issue, Product, Severity
from app.excel.grid import CellPicture, CellValue
from app.excel.ooxml import col_index
from app.excel.reader import SheetData
from app.excel.values import as_text, normalize_location, parse_int, parse_price
from app.excel.writeback import CellChange
from app.review_apply_fields import (
    apply_sku_edits,
    field_change,
    find_sku,
    prop_text,
    set_prop,
    sku_text,
)
from app.review_edits import EDITABLE, PROP, SKIP_REASON, RowEdits, SheetEdits, is_sku_field

_PICTURE_SPLIT = re.compile(r"[;；\n\r|]+")
_NUMBERS = frozenset({"price", "num", "cid"})
_CATEGORY_ID = re.compile(r"^\s*[0-9０-９][0-9０-９\s]*$|^\s*$")  # else a name or a path
_PRODUCT_FIELDS = attrgetter(*(f.name for f in fields(Product)))  # in the constructor's order


def product_copy(product: Product) -> Product:
    """A shallow copy of ``product`` (what ``copy.copy`` gives: the same field values), four
    times cheaper: the constructor given every field (a review copies all 10,000 rows)."""
    return Product(*_PRODUCT_FIELDS(product))


# --- fingerprints ---------------------------------------------------------------------------
def _cell_token(value: CellValue) -> str:
    if isinstance(value, str):
        return "s" + value
    if isinstance(value, bool):
        return "b" + str(value)
    if isinstance(value, float):
        return "n" + repr(value)
    if isinstance(value, datetime):
        return "d" + value.isoformat()
    return "o" + repr(value)  # CellError, CellPicture: frozen dataclasses with a stable repr


def row_fingerprint(cells: Mapping[int, CellValue]) -> str:
    """A row's identity as read: its cells (not its row number), hashed."""
    blob = json.dumps([[c, _cell_token(v)] for c, v in sorted(cells.items())],
                      ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:20]


# --- applying --------------------------------------------------------------------------------
@dataclass(slots=True)
class AppliedEdits:
    """What `apply_edits` did to a sheet: kept on the `Review` for the window and `revise`."""

    overlay: SheetEdits  # entries re-keyed to the rows they were applied on
    rows: dict[int, RowEdits] = field(default_factory=dict)  # applied, by sheet row
    stale: list[RowEdits] = field(default_factory=list)  # their row changed: not applied
    moved: dict[int, int] = field(default_factory=dict)  # recorded row -> row applied on
    as_read: dict[int, Product] = field(default_factory=dict)  # every product before edits
    read_cells: dict[int, dict[int, CellValue]] = field(default_factory=dict)  # edited rows

    def fingerprint(self, sheet: SheetData, row: int) -> str:
        cells = self.read_cells.get(row)
        return row_fingerprint(cells if cells is not None else sheet.raw_rows.get(row, {}))

    def read_text(self, sheet: SheetData, row: int, name: str) -> str:
        """The cell of ``name`` on ``row`` as read (what an edit's ``old`` records)."""
        if is_sku_field(name):
            found = find_sku(self.as_read, row)
            return sku_text(found[1], name) if found is not None else ""
        product = self.as_read.get(row)
        if product is None:
            return ""
        if name.startswith(PROP):
            return prop_text(product, name[len(PROP):])
        if name == "image":
            return "; ".join(ref.location for ref in product.images)
        letter = product.columns.get(name)
        cells = self.read_cells.get(row, sheet.raw_rows.get(row, {}))
        if letter is not None and col_index(letter) in cells:
            return as_text(cells[col_index(letter)])
        return value_text(product, name)


def value_text(product: Product, name: str) -> str:
    """A product's value of an editable field as the table shows it (49.999 stays 49.999)."""
    if name == "image":
        return "; ".join(ref.location for ref in product.images)
    value = getattr(product, name.replace(".", "_"))
    if value is None:
        return ""
    if isinstance(value, Decimal):
        shown = f"{value:.2f}"
        return shown if Decimal(shown) == value else f"{value:f}"
    return str(value)


def apply_edits(sheet: SheetData, edits: SheetEdits) -> AppliedEdits:
    """Put the overlay's values into ``sheet.products`` (parsed like cells, with their findings
    in ``cell_issues``) and into ``sheet.raw_rows`` (so the result report shows what was sent).
    Entries whose row no longer has the fingerprint are left out (``stale``), unless exactly
    one other unedited row has it (rows inserted above: ``moved``)."""
    overlay = edits.snapshot()
    applied = AppliedEdits(overlay, as_read={p.row: product_copy(p) for p in sheet.products})
    if not overlay.rows:
        return applied
    by_row = owners(sheet.products)  # first rows and SKU rows -> the product's index
    prints: dict[int, str] = {}

    def fp(row: int) -> str:
        if row not in prints:
            prints[row] = row_fingerprint(sheet.raw_rows.get(row, {}))
        return prints[row]

    placed: dict[int, RowEdits] = {}
    homeless: list[RowEdits] = []
    for entry in overlay.rows.values():
        if entry.row in by_row and fp(entry.row) == entry.fingerprint:
            placed[entry.row] = entry
        else:
            homeless.append(entry)
    if homeless:
        free: dict[str, list[int]] = {}
        for row in by_row:
            if row not in placed:
                free.setdefault(fp(row), []).append(row)
        for entry in homeless:
            rows = free.get(entry.fingerprint, [])
            if len(rows) == 1 and rows[0] not in placed:
                applied.moved[entry.row] = rows[0]
                placed[rows[0]] = entry
            else:
                applied.stale.append(entry)
        for old, new in applied.moved.items():
            overlay.move(old, new)
    grouped: dict[int, list[RowEdits]] = {}
    for row, entry in sorted(placed.items()):
        grouped.setdefault(by_row[row], []).append(entry)
    for index, entries in grouped.items():
        sheet.products[index] = _apply_product(sheet, sheet.products[index], entries, applied)
    applied.rows = placed
    return applied


def owners(products: list[Product]) -> dict[int, int]:
    """Sheet row -> index of its product: each product's first row and its SKUs' own rows."""
    found: dict[int, int] = {}
    for i, p in enumerate(products):
        found[p.row] = i
        for sku in p.skus:
            if sku.row is not None:
                found.setdefault(sku.row, i)
    return found


def _apply_product(sheet: SheetData, product: Product, entries: list[RowEdits],
                   applied: AppliedEdits) -> Product:
    """The corrections of a product's rows: its first row's (the product's fields, the skip),
    then each SKU row's own (price, stock, sale values)."""
    first = next((e for e in entries if e.row == product.row), None)
    if first is not None:
        product = _apply_row(sheet, product, first, applied)
    with_skus = [e for e in entries if any(is_sku_field(n) for n in e.edits)]
    if with_skus:
        product = apply_sku_edits(
            product, with_skus, sheet.raw_rows, applied.read_cells,
            as_read=applied.as_read.get(product.row),
            price_edited=first is not None and "price" in first.edits)
    return product


def _apply_row(sheet: SheetData, product: Product, entry: RowEdits,
               applied: AppliedEdits) -> Product:
    changes: dict[str, object] = {}
    touched = set(entry.edits)  # the reader's findings on an edited cell no longer hold
    issues = [i for i in product.cell_issues if i.field not in touched]
    cells = dict(sheet.raw_rows.get(product.row, {}))
    letters = {header: letter for letter, header in sheet.unknown_columns.items()}
    for name, edit in entry.edits.items():
        if is_sku_field(name):
            continue  # the SKU of this row (`apply_sku_edits`)
        if name.startswith(PROP):
            current = replace(product, **changes)  # type: ignore[arg-type]
            change = set_prop(current, name[len(PROP):], edit.new, letters)
            changes["extra"], changes["props_text"] = change.extra, change.props_text
            if change.cell is not None:
                cells[col_index(change.cell[0])] = change.cell[1]
            continue
        ref = product.cell(name) or f"第 {product.row} 行"
        if name == "cid" and not _CATEGORY_ID.match(edit.new):
            # a category name or path, as in the sheet: resolved against the leaf's data
            changes["cid"], changes["category_text"] = None, " ".join(edit.new.split()) or None
            letter = product.columns.get(name)
            if letter is not None:
                cells[col_index(letter)] = edit.new.strip()
            continue
        value, found = parse_value(name, edit.new, ref, sheet.path.parent, product.images)
        changes["images" if name == "image" else name.replace(".", "_")] = value
        if name == "cid":
            changes["category_text"] = None  # an id now: no longer the name or path written
        if name == "price":
            changes["price_computed"] = False
        issues += found
        letter = product.columns.get(name)
        if letter is not None:
            cells[col_index(letter)] = edit.new.strip()
    if entry.skip:
        issues.insert(0, Issue(Severity.ERROR, "row", SKIPPED_BY_USER, SKIP_REASON))
    if entry.edits:
        applied.read_cells.setdefault(product.row, sheet.raw_rows.get(product.row, {}))
        sheet.raw_rows[product.row] = cells
    return replace(product, cell_issues=issues, **changes)  # type: ignore[arg-type]


def parse_value(name: str, text: str, ref: str, base_dir: Path,
                current: Iterable[ImageRef] = ()) -> tuple[object, list[Issue]]:
    """A typed value of ``name`` from the text the user typed, and what is wrong with it —
    the same parsers and messages as a cell read from the sheet."""
    label = EDITABLE[name]
    text = text.strip()
    if name == "price":
        value, problem = parse_price(text, label)
    elif name in ("num", "cid"):
        value, problem = parse_int(text, label)
    elif name == "image":
        return _pictures(text, ref, base_dir, current)
    else:
        if name.startswith("location."):
            text = normalize_location(text)
        elif name == "title" and not text.isprintable():
            text = " ".join(text.split())
        return text or None, []
    if problem is None:
        return value, []
    is_error, message = problem
    code = f"{name}.invalid" if is_error else f"{name}.cleaned"
    return value, [Issue(Severity.ERROR if is_error else Severity.WARNING, name, code,
                         f"{ref} {message}")]


def _pictures(text: str, ref: str, base_dir: Path,
              current: Iterable[ImageRef]) -> tuple[list[ImageRef], list[Issue]]:
    """Picture paths or addresses, one per line or separated by ``;``. A picture of the sheet
    itself (``Sheet1!G5``, as the detail pane lists it) stays that picture."""
    inside = {r.location: r for r in current if r.source is not ImageSource.PATH
              and r.source is not ImageSource.URL}
    refs: list[ImageRef] = []
    issues: list[Issue] = []
    for raw in _PICTURE_SPLIT.split(text):
        token = raw.strip().strip('"')
        if not token:
            continue
        if token in inside:
            refs.append(inside[token])
        elif token.lower().startswith(("http://", "https://", "//")):
            refs.append(ImageRef(ImageSource.URL, "https:" + token if token.startswith("//")
                                 else token))
        else:
            path = Path(token.replace("\\", "/") if os.sep == "/" else token)
            if not path.is_absolute():
                path = base_dir / path
            if path.is_file():
                refs.append(ImageRef(ImageSource.PATH, token))
            else:
                issues.append(Issue(Severity.ERROR, "image", "image.file_missing",
                                    f"{ref} 图片文件不存在：{token}"))
    return refs, issues


def copy_changes(sheet: SheetData, applied: AppliedEdits) -> tuple[list[CellChange], list[str]]:
    """The cells a 写回表格 copy gets for the applied edits, and (Chinese) the edits it cannot
    hold: a field with no column in the sheet (a property added in the window), pictures that
    are inside the workbook. A new 类目 of a variant product goes into every row of the
    product that has the 类目 filled (the rows must agree)."""
    changes: dict[str, CellChange] = {}
    missing: list[str] = []
    letters = {header: letter for letter, header in sheet.unknown_columns.items()}
    for row, entry in sorted(applied.rows.items()):
        product = applied.as_read.get(row)
        cells = applied.read_cells.get(row, sheet.raw_rows.get(row, {}))
        for name, edit in entry.edits.items():
            if is_sku_field(name) or name.startswith(PROP):
                found = find_sku(applied.as_read, row) if is_sku_field(name) else None
                change, no_cell = field_change(row, name, edit.new, product=product,
                                               sku=found[1] if found else None,
                                               raw=sheet.raw_rows.get(row, {}), letters=letters)
                if change is not None:
                    changes[change.ref] = change
                elif no_cell:
                    missing.append(f"第 {row} 行 {edit.label}：表格里没有这一列，副本里没有写入"
                                   "（修改保存在窗口里，上架时会用）")
                continue
            if product is None:
                continue
            ref = product.cell(name)
            if ref is None:
                missing.append(f"第 {row} 行 {edit.label}：表格里没有这一列，副本里没有写入")
                continue
            if name == "image" and (
                    isinstance(cells.get(col_index(ref.rstrip("0123456789"))), CellPicture)
                    or any(r.source not in (ImageSource.PATH, ImageSource.URL)
                           for r in product.images)):
                missing.append(f"第 {row} 行 {edit.label}：图片是放在表格里的，"
                               "不能写成文字，副本里没有改")
                continue
            changes[ref] = CellChange(ref, edit.new, number=name in _NUMBERS)
            if name == "cid":
                for other in _other_category_cells(sheet, applied, product):
                    changes[other] = CellChange(other, edit.new, number=True)
    return list(changes.values()), missing


def _other_category_cells(sheet: SheetData, applied: AppliedEdits, product: Product) -> list[str]:
    """The 类目 cells of a variant product's other rows that hold something."""
    letter = product.columns.get("cid")
    if letter is None:
        return []
    column = col_index(letter)
    found = []
    for row in product.rows[1:]:
        cells = applied.read_cells.get(row, sheet.raw_rows.get(row, {}))
        if as_text(cells.get(column, "")).strip():
            found.append(f"{letter}{row}")
    return found
