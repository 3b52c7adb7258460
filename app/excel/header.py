"""Finding the header row and mapping its columns to fields (aliases, then the user's overrides)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from app.excel.fields import (
    BY_NAME,
    IGNORE,
    MULTI_COLUMN,
    WEAK_ALIASES,
    field_for_header,
    normalize_header,
)
from app.excel.grid import CellValue
from app.excel.ooxml import col_letter
from app.excel.values import as_text

SCAN_ROWS = 30  # the header must be among the first 30 non-blank rows
MIN_KNOWN = 2  # ... and name at least two known columns


@dataclass(slots=True)
class HeaderMap:
    row: int
    headers: dict[int, str]  # col -> header text as written
    fields: dict[int, str] = field(default_factory=dict)  # col -> field (IGNORE excluded)
    unknown: dict[int, str] = field(default_factory=dict)  # col -> header text
    duplicates: dict[int, int] = field(default_factory=dict)  # col -> col that keeps the field
    ignored: dict[int, str] = field(default_factory=dict)  # col -> header (user said ignore)


def header_texts(cells: Mapping[int, CellValue]) -> dict[int, str]:
    out = {}
    for col, value in cells.items():
        text = as_text(value)
        if text and isinstance(value, str):
            out[col] = text
    return out


def find_header(rows: Sequence[tuple[int, Mapping[int, CellValue]]],
                remembered: Mapping[str, Mapping[str, str]] | None = None
                ) -> tuple[int, int] | None:
    """(index in ``rows``, known-column count) of the best header among the first rows.

    ``remembered`` (signature -> normalised header -> field) counts the user's own mappings.
    """
    remembered = remembered or {}
    best: tuple[int, int] | None = None
    for index, (_row, cells) in enumerate(rows[:SCAN_ROWS]):
        texts = header_texts(cells)
        overrides = remembered.get(signature(texts), {})
        known = {overrides.get(normalize_header(t)) or field_for_header(t)
                 for t in texts.values()} - {None, IGNORE}
        score = len(known)
        if score >= MIN_KNOWN and (best is None or score > best[1]):
            best = (index, score)
    return best


def signature(headers: Mapping[int, str]) -> str:
    """Identity of a header layout (normalised texts in column order) for remembered mappings."""
    return "\x1f".join(normalize_header(headers[c]) for c in sorted(headers))


def build_map(row: int, headers: dict[int, str],
              overrides: Mapping[str, str] | None = None) -> HeaderMap:
    """Map each header to a field; ``overrides`` (normalised header text -> field) win."""
    overrides = overrides or {}
    result = HeaderMap(row=row, headers=headers)
    owner: dict[str, int] = {}
    named = {c: overrides.get(normalize_header(t)) if normalize_header(t) in overrides
             else field_for_header(t) for c, t in headers.items()}
    strong = {name for c, name in named.items()
              if name and WEAK_ALIASES.get(normalize_header(headers[c])) != name}
    for col in sorted(headers):
        text = headers[col]
        norm = normalize_header(text)
        name = named[col]
        if norm not in overrides and WEAK_ALIASES.get(norm) == name and name in strong:
            name = None  # 货号 beside a 商家编码 column: a property column, not a second code
        if name == IGNORE:
            result.ignored[col] = text
            continue
        if name is None or name not in BY_NAME:
            result.unknown[col] = text
            continue
        if name in owner and name not in MULTI_COLUMN:
            result.duplicates[col] = owner[name]
            continue
        owner.setdefault(name, col)
        result.fields[col] = name
    return result


def describe_duplicate(hmap: HeaderMap, col: int) -> str:
    keep = hmap.duplicates[col]
    return (f"{col_letter(col)} 列「{hmap.headers[col]}」与 {col_letter(keep)} 列"
            f"「{hmap.headers[keep]}」重复，只使用 {col_letter(keep)} 列，"
            f"{col_letter(col)} 列的内容没有读入（可在列对应设置里改）")
