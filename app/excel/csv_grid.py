"""CSV/TSV text -> `Grid`. The encoding is found by trying decodes (BOMs, UTF-8, then GB18030,
which covers GBK/GB2312), never guessed from the file name."""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from pathlib import Path

from app.excel.errors import SheetError
from app.excel.grid import CellValue, Grid


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name) for CSV bytes from Excel, WPS or any editor."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise SheetError("无法识别这个 CSV 文件的文字编码（不是 UTF-8 也不是 GBK）。"
                         "请用 Excel 或 WPS 打开后另存为 .xlsx 再试。") from exc


def _delimiter(text: str) -> str:
    """The separator most lines agree on (tab, comma, semicolon or bar).

    Counted per line rather than with csv.Sniffer, which gives up on files that start with a
    line of another shape (淘宝助理's "version 1.00").
    """
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in ("\t", ",", ";", "|"):
        counts = Counter(line.count(delimiter) for line in lines)
        counts.pop(0, None)
        if not counts:
            continue
        modal, lines_agreeing = counts.most_common(1)[0]
        score = (lines_agreeing, modal)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(path: Path) -> tuple[Grid, str]:
    """The file as a grid (every value a string) and the encoding it was in."""
    text, encoding = decode(path.read_bytes())
    if "\x00" in text:
        raise SheetError(f"「{path.name}」不是文本表格（含二进制内容），无法按 CSV 读取。")
    grid = Grid(sheet_name=path.stem)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        for row_number, record in enumerate(reader, start=1):
            cells: dict[int, CellValue] = {i: v for i, v in enumerate(record) if v.strip()}
            if cells:
                grid.rows.append((row_number, cells))
    except csv.Error as exc:
        raise SheetError(f"「{path.name}」的 CSV 格式有误：{exc}") from exc
    return grid, encoding
