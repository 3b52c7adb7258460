"""What each column of a sheet is read as, worked out once from its header (`RowBuilder` reads
every row's cells by these instead of asking the header map again for every cell)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from app.catalog.model import Issue, Product, Severity
from app.excel.fields import BY_NAME, PICTURE_FIELDS, FieldSpec, Kind
from app.excel.grid import CellValue
from app.excel.header import HeaderMap
from app.excel.numbers import fold
from app.excel.ooxml import col_letter
from app.excel.values import (
    Problem,
    as_text,
    normalize_location,
    parse_bool,
    parse_choice,
    parse_date,
    parse_int,
    parse_price,
    parse_status,
)

# a category id, or a number that is not one (1E+30, NaN): never a category name
_NUMBER = re.compile(r"^\s*[+-]?([0-9][0-9,\s]*(\.[0-9]*)?(e[+-]?[0-9]+)?|nan|inf|infinity)\s*$",
                     re.IGNORECASE)
SKU_VALUE_FIELDS = frozenset({"sku_colour", "sku_size"})
ONCE_PER_ROW = frozenset({"outer_id"})  # a key: a merged cell does not copy it down (row_marks)
_PARSERS: dict[Kind, Callable[[CellValue, str], tuple[object, Problem]]] = {
    Kind.PRICE: parse_price, Kind.INT: parse_int, Kind.DATE: parse_date, Kind.BOOL: parse_bool}


class Mode(Enum):
    """How a column's cells are read (in the order `RowBuilder.build` has always decided it)."""

    NONE = "none"  # no field: kept in ``Product.extra`` under `Column.extra_key`, if any
    IMAGE = "image"  # picture paths and URLs
    LIST = "list"  # a comma-separated SKU list
    NAMED = "named"  # 颜色/尺码: a SKU's value by the column's header
    PARSE = "parse"  # a price, count, date or yes/no (`Column.parse`)
    TEXT = "text"  # plain text (省份/城市 without 省/市, a title on one line)
    OTHER = "other"  # 上架状态, choices, 类目, 宝贝属性: `RowBuilder._scalar`


@dataclass(frozen=True, slots=True)
class Column:
    letter: str
    name: str | None = None  # the field, None for an unknown or ignored column
    spec: FieldSpec | None = None
    label: str = ""  # the field's Chinese name, in messages
    mode: Mode = Mode.NONE
    header: str = ""  # as written ("" when the column has none)
    attr: str = ""  # the Product attribute of ``name`` (location.state -> location_state)
    extra_key: str | None = None  # Mode.NONE: the Product.extra key of its text, None: dropped
    named_key: str = ""  # Mode.NAMED: the SKU value's name
    once: bool = False  # only its first row keeps a value merged over several rows
    picture_field: str = "image"  # the Issue field of a picture placed in the column
    parse: Callable[[CellValue, str], tuple[object, Problem]] | None = None
    location: bool = False  # Mode.TEXT: 省份/城市
    title: bool = False  # Mode.TEXT: 标题


def plan_columns(hmap: HeaderMap) -> dict[int, Column]:
    """Every column with a header or a field -> how its cells are read."""
    plans: dict[int, Column] = {}
    for col in sorted(set(hmap.headers) | set(hmap.fields) | set(hmap.unknown)):
        plans[col] = _plan(hmap, col)
    return plans


def blank_column(col: int) -> Column:
    """A column with no header and no field: only a picture or an overlong cell in it counts."""
    return Column(letter=col_letter(col))


def _plan(hmap: HeaderMap, col: int) -> Column:
    letter = col_letter(col)
    name = hmap.fields.get(col)
    header = hmap.headers.get(col, "")
    picture_field = name if name in PICTURE_FIELDS else "image"
    if name is None:
        text = hmap.unknown.get(col) or hmap.headers.get(col)
        key = None
        if text and col not in hmap.ignored:
            key = text if col in hmap.unknown else f"{text}（{letter}列）"
        return Column(letter=letter, header=header, extra_key=key, picture_field=picture_field)
    spec = BY_NAME[name]
    kind = spec.kind
    if kind is Kind.IMAGE:
        mode = Mode.IMAGE
    elif kind is Kind.LIST:
        mode = Mode.LIST
    elif name in SKU_VALUE_FIELDS:
        mode = Mode.NAMED
    elif kind in _PARSERS:
        mode = Mode.PARSE
    elif name in ("approve_status", "props") or kind in (Kind.CHOICE, Kind.CATEGORY):
        mode = Mode.OTHER
    else:
        mode = Mode.TEXT
    return Column(letter=letter, name=name, spec=spec, label=spec.label, mode=mode, header=header,
                  attr=name.replace(".", "_"), named_key=hmap.headers.get(col) or spec.label,
                  once=name in ONCE_PER_ROW, picture_field=picture_field,
                  parse=_PARSERS.get(kind), location=name.startswith("location."),
                  title=name == "title")


def add_problem(p: Product, name: str, ref: str, problem: Problem) -> None:
    """A parser's finding on the cell ``ref`` as an issue of ``p`` (none when ``problem`` is
    None): an error is ``<field>.invalid``, a warning (read after cleaning) ``.cleaned``."""
    if problem is not None:
        is_error, message = problem
        code = f"{name}.invalid" if is_error else f"{name}.cleaned"
        p.cell_issues.append(Issue(Severity.ERROR if is_error else Severity.WARNING,
                                   name, code, f"{ref} {message}"))


def read_scalar(p: Product, spec: FieldSpec, ref: str, value: CellValue, header: str) -> None:
    """Any field's cell ``ref`` into ``p`` (`RowBuilder.build` reads the plain text and parsed
    columns itself, the same way); ``header``: the column's, as written."""
    name, kind, label = spec.name, spec.kind, spec.label
    problem: Problem = None
    result: object
    if kind is Kind.PRICE:
        result, problem = parse_price(value, label)
    elif kind is Kind.INT:
        result, problem = parse_int(value, label)
    elif kind is Kind.DATE:
        result, problem = parse_date(value, label)
    elif kind is Kind.BOOL:
        result, problem = parse_bool(value, label)
    elif name == "approve_status":
        result = parse_status(value, header)
    elif kind is Kind.CHOICE:
        result = parse_choice(value, name)
    elif kind is Kind.CATEGORY:
        text = as_text(value)
        if text and isinstance(value, str) and not _NUMBER.match(fold(text)):
            p.category_text = " ".join(text.split())  # a name or a path: resolved later
            return
        result, problem = parse_int(value, label)
    elif name == "props":
        p.props_text = as_text(value) or None
        result = p.props_text
    else:
        text = as_text(value)
        if name.startswith("location."):
            text = normalize_location(text)
        elif name == "title" and not text.isprintable():
            text = " ".join(text.split())  # line breaks inside the cell -> one line
        result = text or None
    add_problem(p, name, ref, problem)
    setattr(p, name.replace(".", "_"), result)
