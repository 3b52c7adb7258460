"""`read_sheet(path)`: a product sheet (.xlsx/.xlsm/.csv) -> `SheetData` with typed `Product`s.

The file kind is found from its first bytes, not its name. Everything unusable about the whole
file raises `SheetError` (Chinese message); everything about one cell becomes an `Issue` on
that row's ``Product.cell_issues``; notes about the sheet (unknown or duplicate columns, pictures
on no product row) go to ``SheetData.notes``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from app.catalog.model import Product
from app.catalog.perf import gc_paused
from app.catalog.variants import group_rows
from app.excel import prefs
from app.excel.csv_grid import read_csv
from app.excel.errors import SheetError
from app.excel.grid import CellValue, Grid
from app.excel.header import (
    HeaderMap,
    build_map,
    describe_duplicate,
    find_header,
    header_texts,
    signature,
)
from app.excel.ooxml import col_letter
from app.excel.row_marks import mark_rows
from app.excel.rows import RowBuilder
from app.excel.xlsx_book import XlsxBook

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CONVERT_HINT = ("请用 Excel 或 WPS 打开它，选择“文件 → 另存为”，"
                "保存类型选 Excel 工作簿（.xlsx），再拖进来。")


@dataclass(slots=True)
class SheetData:
    path: Path
    identity: str  # stable id of this sheet: sha256 of absolute path + sheet name (16 hex)
    sheet_name: str
    header_row: int
    mapping: dict[str, str]  # column letter -> field (TOP name, "image", "cost"…)
    headers: dict[str, str]  # column letter -> header text as written
    unknown_headers: list[str]  # header texts no field was found for (their values: Product.extra)
    products: list[Product]
    signature: str = ""  # header layout id for remembered mappings (`prefs.remember_mapping`)
    notes: list[str] = field(default_factory=list)  # sheet-level findings, Chinese
    encoding: str | None = None  # CSV only
    raw_rows: dict[int, dict[int, CellValue]] = field(default_factory=dict, repr=False)
    # letter -> header of the unknown columns (the resolution step claims property columns)
    unknown_columns: dict[str, str] = field(default_factory=dict)
    resolution_notes: list[str] = field(default_factory=list)  # the last resolution's, in notes

    def remember_mapping(self, letter_to_field: Mapping[str, str]) -> None:
        """Remember the user's column choices (letter -> field or ``"ignore"``) for sheets with
        these same headers; read the file again to apply them."""
        by_header = {self.headers[letter]: name for letter, name in letter_to_field.items()
                     if letter in self.headers}
        prefs.remember_mapping(self.signature, by_header)


def unknown_columns_note(columns: Mapping[str, str], *, unchecked: bool = False) -> str:
    """The sheet note on columns no field claims (letter -> header). They may be properties of
    the rows' categories (品牌, 材质成分): the resolution step claims those and says the rest."""
    names = "、".join(f"{letter}列「{header}」" for letter, header in columns.items())
    if unchecked:
        return (f"这些列没认出来：{names}。如果是类目属性（品牌、材质成分等），有了类目数据后会"
                "自动识别；否则内容原样保留但不会上传（可在列对应设置里指定）")
    return f"这些列没认出来，内容原样保留但不会上传：{names}（可在列对应设置里指定）"


def sheet_identity(path: Path, sheet_name: str) -> str:
    text = f"{path.resolve()}\x1f{sheet_name}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _sniff(path: Path) -> str:
    """"xlsx" or "csv" from the first bytes; raises SheetError for what we cannot read."""
    if not path.exists():
        raise SheetError(f"找不到文件「{path}」。")
    if path.is_dir():
        raise SheetError(f"「{path}」是文件夹，不是表格文件。")
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise SheetError(f"无法打开「{path.name}」：{exc.strerror or exc}"
                         "（文件可能正被其他程序占用）。") from exc
    suffix = path.suffix.lower()
    if not head:
        raise SheetError(f"「{path.name}」是空文件（0 字节），里面没有任何内容。")
    if head.startswith(OLE_MAGIC):
        if suffix == ".xls":
            raise SheetError(f"「{path.name}」是旧版 Excel 97–2003 格式（.xls），暂不支持。"
                             f"{CONVERT_HINT}")
        raise SheetError(f"「{path.name}」设置了打开密码（已加密），或是旧版 .xls 文件，无法读取。"
                         "请在 Excel/WPS 里取消密码（文件 → 信息 → 保护工作簿 → "
                         "用密码进行加密，清空密码）并另存为 .xlsx 再试。")
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if suffix in (".xlsx", ".xlsm", ".xls", ".xlsb", ".et"):
        raise SheetError(f"「{path.name}」不是有效的 Excel 文件：可能已损坏，"
                         f"或只是把别的文件改了扩展名。{CONVERT_HINT}")
    return "csv"


def _load_grids(path: Path, sheet_name: str | None, header_row: int | None
                ) -> tuple[Grid, HeaderMap | None, str | None]:
    kind = _sniff(path)
    if kind == "csv":
        grid, encoding = read_csv(path)
        return grid, _header(grid, header_row), encoding
    try:
        return _load_xlsx(path, sheet_name, header_row)
    except ET.ParseError as exc:
        raise SheetError(f"「{path.name}」的内容已损坏（其中的 XML 不完整或格式错误：{exc}），"
                         f"无法读取。{CONVERT_HINT}") from exc


def _load_xlsx(path: Path, sheet_name: str | None, header_row: int | None
               ) -> tuple[Grid, HeaderMap | None, str | None]:
    with XlsxBook(path) as book:
        sheets = book.sheets
        if not sheets:
            raise SheetError(f"「{path.name}」里没有工作表。")
        if sheet_name is not None:
            sheets = [s for s in sheets if s[0] == sheet_name]
            if not sheets:
                raise SheetError(f"「{path.name}」里没有名为「{sheet_name}」的工作表。")
        else:
            sheets = sorted(sheets, key=lambda s: not s[2])  # visible sheets first
        first: Grid | None = None
        for name, member, _visible in sheets:
            sheet, rows = book.sheet_rows(member)
            grid = Grid(sheet_name=name)
            grid.rows = list(rows)
            grid.merges = sheet.merges
            grid.hidden_rows, grid.hidden_cols = sheet.hidden_rows, sheet.hidden_cols
            grid.filtered = sheet.filtered
            grid.apply_merges()
            hmap = _header(grid, header_row)
            first = first or grid
            if hmap is not None:
                book.pictures_for(grid, member)
                return grid, hmap, None
        assert first is not None
        return first, None, None


def _header(grid: Grid, header_row: int | None = None) -> HeaderMap | None:
    remembered = prefs.load_all_overrides()
    if header_row is not None:
        index = next((i for i, (r, _c) in enumerate(grid.rows) if r == header_row), None)
        if index is None:
            return None
    else:
        found = find_header(grid.rows, remembered)
        if found is None:
            return None
        index = found[0]
    row, cells = grid.rows[index]
    texts = header_texts(cells)
    return build_map(row, texts, remembered.get(signature(texts), {}))


def read_sheet(path: str | Path, sheet_name: str | None = None,
               header_row: int | None = None) -> SheetData:
    """Read a product sheet. Raises `SheetError` when the file is unusable.

    ``header_row`` forces the header row (the UI asks the user when none is recognised);
    remembered column mappings (`SheetData.remember_mapping`) are applied automatically.
    """
    path = Path(path)
    with gc_paused():
        return _read(path, sheet_name, header_row)


def _read(path: Path, sheet_name: str | None, header_row: int | None) -> SheetData:
    grid, hmap, encoding = _load_grids(path, sheet_name, header_row)
    if hmap is None:
        if not grid.rows:
            raise SheetError(f"「{path.name}」里没有任何内容（工作表是空的）。")
        if header_row is not None:
            raise SheetError(f"「{path.name}」的第 {header_row} 行是空的，不能作表头。")
        raise SheetError(f"在「{path.name}」的前 30 行里找不到表头：至少要有两列能认出来的列名，"
                         "例如 标题、价格、库存、类目ID、商家编码、主图。"
                         "可以用 `taoshelf template` 生成一个模板照着填。")
    builder = RowBuilder(grid, hmap, path.parent, tbi_dir=path.stem)
    products: list[Product] = []
    raw: dict[int, dict[int, CellValue]] = {}
    product_rows: set[int] = set()
    skipped: list[str] = []
    for row, cells in grid.rows:
        row_found = grid.row_issues.get(row)
        if row <= hmap.row or not (row_found or builder.is_product_row(row, cells)):
            continue
        if not row_found and builder.repeats_header(cells):
            grid.notes.append(f"第 {row} 行是重复的表头（和第 {hmap.row} 行一样），已跳过")
            continue
        if row <= hmap.row + 3 and not row_found and builder.looks_like_header(cells):
            grid.notes.append(f"第 {row} 行像是第二行表头，已跳过")
            continue
        product = builder.build(row, cells)
        if row_found:
            product.cell_issues[0:0] = row_found
        elif not builder.is_product(product):
            skipped.append(str(row))
            continue
        products.append(product)
        raw[row] = cells
        product_rows.add(row)
    if skipped:
        grid.notes.append(f"第 {'、'.join(skipped[:20])}{' 等' if len(skipped) > 20 else ''} 行"
                          "没有标题、商家编码和图片，不当作宝贝（像是合计行）")
    mark_rows(grid, hmap, {p.row: p for p in products})
    products = group_rows(products)  # rows sharing a 商家编码: one product, one SKU per row
    for row, found in sorted(grid.row_issues.items()):
        if row not in product_rows:  # the header row or a line above it
            grid.notes.extend(i.message for i in found if i.is_error)
    for row in grid.floating:
        if row <= hmap.row or row in product_rows:
            continue
        grid.notes.append(f"第 {row} 行有浮动图片，但这一行没有宝贝内容，图片已忽略"
                          "（图片的左上角要放在宝贝所在的那一行）")
    notes = list(grid.notes)
    if hmap.unknown:
        notes.insert(0, unknown_columns_note(
            {col_letter(c): t for c, t in sorted(hmap.unknown.items())}))
    notes[0:0] = [describe_duplicate(hmap, c) for c in sorted(hmap.duplicates)]
    return SheetData(
        path=path,
        identity=sheet_identity(path, grid.sheet_name),
        sheet_name=grid.sheet_name,
        header_row=hmap.row,
        mapping={col_letter(c): f for c, f in sorted(hmap.fields.items())},
        headers={col_letter(c): t for c, t in sorted(hmap.headers.items())},
        unknown_headers=[t for _c, t in sorted(hmap.unknown.items())],
        unknown_columns={col_letter(c): t for c, t in sorted(hmap.unknown.items())},
        products=products,
        signature=signature(hmap.headers),
        notes=notes,
        encoding=encoding,
        raw_rows=raw,
    )
