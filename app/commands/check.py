"""`taoshelf check SHEET [--json]`: read and validate a sheet, print every row's issues.

Uses `app.review.review_sheet` like the window does (reader findings, rules, pictures' pixels
and size). Exit 0 = no errors, 1 = some row has errors, 2 = the file is unusable (Chinese
message on stderr).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app import settings_store
from app.catalog.model import Issue, Severity
from app.catalog.rules import count
from app.excel.errors import SheetError
from app.excel.reader import SheetData
from app.review import review_sheet


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sheet", type=Path, help="product sheet (.xlsx/.xlsm/.csv)")
    parser.add_argument("--json", action="store_true",
                        help="print one machine-readable JSON document")
    parser.add_argument("--location", default=None, metavar="省/市",
                        help="default location for rows without one, e.g. 浙江/杭州 "
                        "(otherwise the saved listing defaults)")
    parser.add_argument("--no-pictures", action="store_true",
                        help="do not open the pictures (faster; paths are still checked)")


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
        saved = settings_store.with_location(settings_store.load_current(), args.location)
        review = review_sheet(args.sheet, settings=saved, check_pictures=not args.no_pictures)
    except ValueError as exc:  # --location that is not 省/市
        print(f"--location：{exc}", file=sys.stderr)
        return 2
    except SheetError as exc:
        print(f"无法使用这个文件：{exc.message}", file=sys.stderr)
        return 2
    sheet = review.sheet
    per_row = {p.row: review.row_issues(p) for p in sheet.products}
    errors, warnings = count(per_row)
    if args.json:
        doc = {
            "file": str(sheet.path),
            "rows": [
                {"row": p.row, "outer_id": p.key,
                 "issues": [{"severity": i.severity.value, "field": i.field, "code": i.code,
                             "message": i.message} for i in per_row[p.row]]}
                for p in sheet.products
            ],
            "errors": errors,
            "warnings": warnings,
        }
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        for note in sheet.notes:
            print(f"注意：{note}", file=sys.stderr)
    else:
        _print_text(sheet, per_row, errors, warnings)
    return 1 if errors else 0


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
        print(f"第 {p.row} 行（{p.key or '无编码'}）：")
        for i in issues:
            mark = "错误" if i.severity is Severity.ERROR else "提醒"
            print(f"  [{mark}] {i.message}")
    ok = sum(1 for p in sheet.products if not any(i.is_error for i in per_row[p.row]))
    print(f"共 {errors} 个错误、{warnings} 个提醒；{ok} 行可以上架。")
