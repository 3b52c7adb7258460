"""写回表格: a COPY of the user's sheet with the values corrected in the window. The user's own
file is only ever read.

.xlsx/.xlsm: the copy is the same zip with only the edited cells rewritten inside the sheet's
XML; every other part is copied as it is — pictures (floating, WPS 嵌入单元格, Excel 365 in-cell),
styles, formulas, other sheets, macros. openpyxl is not used: it drops in-cell pictures and
parts it does not know. What changes besides the cells: an edited cell that held a formula
holds the value instead (Excel's calculation chain, ``calcChain.xml``, is then left out of the
copy and rebuilt by Excel), and the workbook is marked to recalculate on open so totals over
the edited cells are right. A cell that starts a shared formula is not rewritten (the cells that
share it would break): it is reported as not written.

.csv: the copy has the same encoding and separator; quoting may differ from the original.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from xml.sax.saxutils import escape

from app.excel.csv_grid import _delimiter
from app.excel.errors import SheetError
from app.excel.ooxml import col_index
from app.excel.xlsx_book import WORKBOOK, XlsxBook

_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")
_CALC_CHAIN = "xl/calcChain.xml"


@dataclass(frozen=True, slots=True)
class CellChange:
    ref: str  # "C5"
    text: str  # as typed; "" empties the cell
    number: bool = False  # written as a number when the text is one (price, stock, category)


@dataclass(slots=True)
class CopyResult:
    path: Path
    written: list[str] = field(default_factory=list)  # cell refs
    not_written: list[str] = field(default_factory=list)  # Chinese, one line per cell
    formulas_replaced: list[str] = field(default_factory=list)  # cells that held a formula


def copy_path(source: Path) -> Path:
    """``商品_已修改.xlsx`` beside the sheet (``商品_已修改(2).xlsx`` … if taken)."""
    base = source.with_name(f"{source.stem}_已修改{source.suffix}")
    n = 2
    while base.exists():
        base = source.with_name(f"{source.stem}_已修改({n}){source.suffix}")
        n += 1
    return base


def write_copy(source: Path, sheet_name: str, changes: Sequence[CellChange],
               target: Path) -> CopyResult:
    """Write ``target``: ``source`` with ``changes`` on sheet ``sheet_name``. Raises
    `SheetError` (Chinese) when the copy cannot be made; never writes ``source``."""
    if target.resolve() == source.resolve():
        raise SheetError("不能覆盖原表格：请换一个文件名保存副本。")
    result = CopyResult(target)
    if _is_zip(source):
        data = _xlsx_copy(source, sheet_name, changes, result)
    else:
        data = _csv_copy(source, changes, result)
    temporary = target.with_name(target.name + ".part")
    temporary.write_bytes(data)
    temporary.replace(target)
    return result


def _is_zip(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(4) == b"PK\x03\x04"


# --- xlsx ------------------------------------------------------------------------------------
def _xlsx_copy(source: Path, sheet_name: str, changes: Sequence[CellChange],
               result: CopyResult) -> bytes:
    with XlsxBook(source) as book:
        member = next((m for name, m, _v in book.sheets if name == sheet_name), None)
    if member is None:
        raise SheetError(f"「{source.name}」里没有工作表「{sheet_name}」了：表格在读取后改过？"
                         "请重新读取后再写回。")
    out = io.BytesIO()
    with zipfile.ZipFile(source) as zin:
        xml = zin.read(member).decode("utf-8")
        for change in changes:
            xml = _patch_cell(xml, change, result)
        drop_chain = bool(result.formulas_replaced)
        with zipfile.ZipFile(out, "w") as zout:
            for info in zin.infolist():
                if info.filename == _CALC_CHAIN and drop_chain:
                    continue
                data = zin.read(info.filename)
                if info.filename == member:
                    data = xml.encode("utf-8")
                elif info.filename == WORKBOOK and result.written:
                    data = _recalculate_on_open(data)
                elif drop_chain and info.filename in ("[Content_Types].xml",
                                                      "xl/_rels/workbook.xml.rels"):
                    data = _without_calc_chain(data)
                zout.writestr(info, data, compress_type=info.compress_type)
    return out.getvalue()


def _row_span(xml: str, row: int) -> tuple[int, int, str] | None:
    """(start, end, namespace prefix) of ``<row r="N" …>…</row>`` (or its empty form)."""
    m = re.search(rf'<((?:\w+:)?)row\b[^>]*?\br="{row}"[^>]*?(/?)>', xml)
    if m is None:
        return None
    prefix = m.group(1)
    if m.group(2):
        return m.start(), m.end(), prefix
    end = xml.find(f"</{prefix}row>", m.end())
    return (m.start(), end + len(f"</{prefix}row>"), prefix) if end >= 0 else None


_CELL = re.compile(r'<(?:\w+:)?c\b(?P<attrs>[^>]*?)(?:/>|>(?P<body>.*?)</(?:\w+:)?c>)',
                   re.DOTALL)


def _patch_cell(xml: str, change: CellChange, result: CopyResult) -> str:
    m = _CELL_REF.match(change.ref)
    if m is None:
        result.not_written.append(f"{change.ref}：不是单元格地址")
        return xml
    row, col = int(m.group(2)), col_index(m.group(1))
    span = _row_span(xml, row)
    if span is None:
        result.not_written.append(f"{change.ref}：在表格里找不到第 {row} 行")
        return xml
    start, end, prefix = span
    row_xml = xml[start:end]
    insert_at: int | None = None
    for cell in _CELL.finditer(row_xml):
        ref = re.search(r'\br="([A-Z]+)\d+"', cell.group("attrs"))
        if ref is None:
            result.not_written.append(f"{change.ref}：这一行的单元格没有地址，无法定位")
            return xml
        here = col_index(ref.group(1))
        if here == col:
            body = cell.group("body") or ""
            if re.search(r'<(?:\w+:)?f\b[^>]*\bt="shared"[^>]*\bref="', body):
                result.not_written.append(
                    f"{change.ref}：这个单元格是一组共享公式的第一个，改写会破坏其他公式，"
                    "请在 Excel 里修改")
                return xml
            if re.search(r"<(?:\w+:)?f\b", body):
                result.formulas_replaced.append(change.ref)
            new = _cell_xml(change, prefix, cell.group("attrs"))
            row_xml = row_xml[:cell.start()] + new + row_xml[cell.end():]
            break
        if here > col and insert_at is None:
            insert_at = cell.start()
    else:
        new = _cell_xml(change, prefix, "")
        if row_xml.endswith("/>") and row_xml.count("<") == 1:
            row_xml = row_xml[:-2] + f">{new}</{prefix}row>"
        else:
            at = insert_at if insert_at is not None else row_xml.rfind(f"</{prefix}row>")
            row_xml = row_xml[:at] + new + row_xml[at:]
    result.written.append(change.ref)
    return xml[:start] + row_xml + xml[end:]


def _cell_xml(change: CellChange, prefix: str, attrs: str) -> str:
    style = re.search(r'\bs="(\d+)"', attrs)
    head = f'<{prefix}c r="{change.ref}"' + (f' s="{style.group(1)}"' if style else "")
    text = change.text.strip()
    if not text:
        return head + "/>"
    number = _number(text) if change.number else None
    if number is not None:
        return f"{head}><{prefix}v>{number}</{prefix}v></{prefix}c>"
    return (f'{head} t="inlineStr"><{prefix}is><{prefix}t xml:space="preserve">'
            f"{escape(text)}</{prefix}t></{prefix}is></{prefix}c>")


def _number(text: str) -> str | None:
    """A plain decimal number as written in the cell's XML; None keeps it as text (00123)."""
    if not re.fullmatch(r"-?\d+(\.\d+)?", text) or re.match(r"-?0\d", text):
        return None
    try:
        return format(Decimal(text), "f")
    except InvalidOperation:
        return None


def _recalculate_on_open(data: bytes) -> bytes:
    xml = data.decode("utf-8")
    m = re.search(r"<((?:\w+:)?)calcPr\b([^>]*?)(/?)>", xml)
    if m is None or "fullCalcOnLoad" in m.group(2):
        return data
    tag = f'<{m.group(1)}calcPr{m.group(2)} fullCalcOnLoad="1"{m.group(3)}>'
    return (xml[:m.start()] + tag + xml[m.end():]).encode("utf-8")


def _without_calc_chain(data: bytes) -> bytes:
    xml = data.decode("utf-8")
    xml = re.sub(r'<(?:\w+:)?Override\b[^>]*PartName="/xl/calcChain\.xml"[^>]*/>', "", xml)
    xml = re.sub(r'<(?:\w+:)?Relationship\b[^>]*Target="(?:/xl/)?calcChain\.xml"[^>]*/>', "",
                 xml)
    return xml.encode("utf-8")


# --- csv -------------------------------------------------------------------------------------
def _csv_encoding(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def _csv_copy(source: Path, changes: Sequence[CellChange], result: CopyResult) -> bytes:
    raw = source.read_bytes()
    encoding = _csv_encoding(raw)
    text = raw.decode(encoding, errors="replace")
    delimiter = _delimiter(text)
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    for change in changes:
        m = _CELL_REF.match(change.ref)
        if m is None or int(m.group(2)) > len(records):
            result.not_written.append(f"{change.ref}：在表格里找不到这一行")
            continue
        record = records[int(m.group(2)) - 1]
        col = col_index(m.group(1))
        record.extend([""] * (col + 1 - len(record)))
        record[col] = change.text.strip()
        result.written.append(change.ref)
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(records)
    return out.getvalue().encode(encoding, errors="replace")
