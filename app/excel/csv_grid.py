"""CSV/TSV text -> `Grid`. The encoding comes from the bytes (`csv_text.decode`), never from the
file name. Sheet row numbers are CSV records (as Excel numbers them when it opens the file), so a
record with a line break inside a quoted cell is still one row.

One bad line or cell never makes the whole file unusable: a line not in the file's encoding
makes its row an error (`Grid.row_issues`); a field over `CELL_MAX_CHARS` becomes `CellTooLong`
(an error on its cell); the rest of the file reads normally.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

from app.catalog.model import Issue, Severity
from app.excel.csv_text import decode, encoding_problem
from app.excel.errors import SheetError
from app.excel.grid import CELL_MAX_CHARS, CellTooLong, CellValue, Grid

_C_LONG_MAX = 2**31 - 1  # csv.field_size_limit takes a C long (32-bit on Windows)


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


def _allow_fields_up_to(length: int) -> None:
    """Let the csv module read fields as long as the whole text (it is in memory already), so
    one long cell is that cell's error, not a csv.Error for the whole file. Only ever raised."""
    wanted = min(length + 1, _C_LONG_MAX)
    if csv.field_size_limit() < wanted:
        csv.field_size_limit(wanted)


def read_csv(path: Path) -> tuple[Grid, str]:
    """The file as a grid (every value a string) and the encoding it was in."""
    decoded = decode(path.read_bytes())
    text = decoded.text
    if "\x00" in text:
        raise SheetError(f"「{path.name}」不是文本表格（含二进制内容），无法按 CSV 读取。")
    grid = Grid(sheet_name=path.stem)
    _allow_fields_up_to(len(text))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    bad_lines = decoded.bad_lines
    last_line = 0
    try:
        for row_number, record in enumerate(reader, start=1):
            first_line, last_line = last_line + 1, reader.line_num
            cells: dict[int, CellValue] = {}
            for i, v in enumerate(record):
                if len(v) > CELL_MAX_CHARS:
                    cells[i] = CellTooLong(v, first_line, last_line)
                elif v.strip():
                    cells[i] = v
            if bad_lines:
                bad = [bad_lines[n] for n in range(first_line, last_line + 1) if n in bad_lines]
                if bad:
                    grid.row_issues[row_number] = [Issue(
                        Severity.ERROR, "row", "row.encoding",
                        encoding_problem(row_number, bad[0], decoded.encoding))]
            if cells or row_number in grid.row_issues:
                grid.rows.append((row_number, cells))
    except csv.Error as exc:
        raise SheetError(f"「{path.name}」的 CSV 格式有误：{exc}") from exc
    return grid, decoded.encoding
