"""`taoshelf check SHEET [--json]`: read and validate a sheet, print every row's issues.

Uses `app.review.review_sheet` like the window does (reader findings, categories and
properties resolved against the cached category data of ``--env``/``--app-key`` — nothing is
sent; what could not be checked for lack of data is said, with how to get it —, rules,
pictures' pixels and size). Exit 0 = no errors, 1 = some row has errors, 2 = the file is
unusable (Chinese message on stderr; with ``--json`` also a JSON document naming the
reason). The JSON shape is documented in docs/check-json.md. A reader that goes away early
(``check --json | head``) ends the command quietly.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app import settings_store
from app.catalog.model import Issue, Product, Severity
from app.catalog.rules import count
from app.catalog.variants import rows_text
from app.categories.lookup import cache_for, offline_data
from app.credentials.shops import ENVS
from app.excel.errors import SheetError
from app.excel.ooxml import col_index
from app.excel.reader import SheetData
from app.review import review_sheet

# The reader's findings start with their cell: "C5 价格「abc」不是数字".
_LEADING_CELL = re.compile(r"([A-Z]{1,3})([1-9][0-9]*)(?=[ :：])")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sheet", type=Path, help="product sheet (.xlsx/.xlsm/.csv)")
    parser.add_argument("--json", action="store_true",
                        help="print one machine-readable JSON document (docs/check-json.md)")
    parser.add_argument("--location", default=None, metavar="省/市",
                        help="default location for rows without one, e.g. 浙江/杭州 "
                        "(otherwise the saved listing defaults)")
    parser.add_argument("--no-pictures", action="store_true",
                        help="do not open the pictures (faster; paths are still checked)")
    parser.add_argument("--env", default=None, choices=ENVS,
                        help="the environment whose cached category data to check against "
                        "(nothing is sent; default: the shop's own environment)")
    parser.add_argument("--app-key", default=None,
                        help="App Key of the shop (default: the current shop)")


def _safe_stdout(json_mode: bool) -> None:
    """JSON is always UTF-8; text never crashes on a console that cannot show a character."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        if json_mode:
            reconfigure(encoding="utf-8")
        else:
            reconfigure(errors="replace")


def run(args: argparse.Namespace) -> int:
    _safe_stdout(args.json)
    try:
        args.app_key = args.app_key or settings_store.current_shop()[0]
        args.env = args.env or settings_store.shop_env(args.app_key)
        saved = settings_store.with_location(settings_store.load(args.app_key, args.env),
                                             args.location)
        cache = cache_for(args.app_key, args.env)
        hint = category_hint(args)
        review = review_sheet(args.sheet, settings=saved, check_pictures=not args.no_pictures,
                              categories=lambda products: offline_data(cache, products, hint=hint))
    except ValueError as exc:  # --location that is not 省/市
        print(f"--location：{exc}", file=sys.stderr)
        return 2
    except SheetError as exc:
        print(f"无法使用这个文件：{exc.message}", file=sys.stderr)
        if args.json:
            error = {"code": getattr(exc, "code", None) or "sheet.unusable",
                     "message": exc.message}
            _emit(lambda: _write_json({"file": str(args.sheet), "error": error}))
        return 2
    sheet = review.sheet
    per_row = {p.row: review.row_issues(p) for p in sheet.products}
    errors, warnings = count(per_row)
    if args.json:
        _emit(lambda: _write_json(check_document(sheet, per_row, errors, warnings)))
    else:
        _emit(lambda: _print_text(sheet, per_row, errors, warnings))
    return 1 if errors else 0


def category_hint(args: argparse.Namespace) -> str:
    """How to get the category data `check` reads (it never connects itself)."""
    env = f" --env {args.env}" if args.env != "production" else ""
    key = f" --app-key {args.app_key}" if args.app_key else ""
    return (f"运行 taoshelf categories refresh{env}{key} 下载类目树（按名称找类目要用），"
            f"taoshelf categories show 类目ID{env}{key} 下载一个类目的属性（上架时也会自动下载），"
            f"再检查一次")


def _emit(write: Callable[[], None]) -> None:
    """Write to stdout; if whoever reads it stopped early (`check --json | head`), stop
    quietly: no traceback, and the exit code still says what was found."""
    try:
        write()
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()


def _silence_stdout() -> None:
    """Point stdout at the null device so the interpreter's last flush cannot fail again."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (tests capture it)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def _write_json(doc: dict[str, Any]) -> None:
    json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def check_document(sheet: SheetData, per_row: dict[int, list[Issue]], errors: int,
                   warnings: int) -> dict[str, Any]:
    """The ``check --json`` document (docs/check-json.md)."""
    return {
        "file": str(sheet.path),
        "sheet": sheet.sheet_name,
        "header_row": sheet.header_row,
        "columns": [
            {"column": letter, "header": text, "field": sheet.mapping.get(letter)}
            for letter, text in sorted(sheet.headers.items(), key=lambda kv: col_index(kv[0]))
        ],
        "notes": list(sheet.notes),
        "rows": [
            {"row": p.row, "outer_id": p.key, "rows": p.rows,
             "issues": [_issue_json(sheet.sheet_name, p, i) for i in per_row[p.row]]}
            for p in sheet.products
        ],
        "errors": errors,
        "warnings": warnings,
    }


def issue_cell(product: Product, issue: Issue) -> str | None:
    """The cell an issue is about: the finder's own, the one the reader's message starts with,
    else the field's column on the row; None when the value came from no cell (defaults)."""
    if issue.cell:
        return issue.cell
    found = _LEADING_CELL.match(issue.message)
    if found and int(found.group(2)) == product.row:
        return found.group(0)
    return product.cell(issue.field)


def _issue_json(sheet_name: str, product: Product, issue: Issue) -> dict[str, Any]:
    cell = issue_cell(product, issue)
    column = cell.rstrip("0123456789") if cell else None
    row = int(cell[len(column or ""):]) if cell else product.row  # a SKU row's own cell
    return {"severity": issue.severity.value, "field": issue.field, "code": issue.code,
            "message": issue.message, "sheet": sheet_name, "row": row,
            "column": column, "cell": cell}


def _print_text(sheet: SheetData, per_row: dict[int, list[Issue]], errors: int,
                warnings: int) -> None:
    print(f"{sheet.path}（工作表「{sheet.sheet_name}」，表头在第 {sheet.header_row} 行，"
          f"{len(sheet.products)} 个宝贝）")
    for note in sheet.notes:
        print(f"注意：{note}")
    for p in sheet.products:
        issues = per_row[p.row]
        if not issues:
            continue
        print(f"第 {rows_text(p.rows)} 行（{p.key or '无编码'}）：")
        for i in issues:
            mark = "错误" if i.severity is Severity.ERROR else "提醒"
            print(f"  [{mark}] {i.message}")
    ok = sum(1 for p in sheet.products if not any(i.is_error for i in per_row[p.row]))
    print(f"共 {errors} 个错误、{warnings} 个提醒；{ok} 行可以上架。")
