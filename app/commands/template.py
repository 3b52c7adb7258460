"""`taoshelf template OUT.xlsx`: write the product sheet template.

An existing file is never replaced unless ``--force`` is given; the workbook is written to a
temporary file and moved into place, so a crash never leaves a half-written one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.commands.outfiles import OutputRefused, reason, refuse_overwrite, write_atomically
from app.excel.template import write_template


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", type=Path, help="where to write the template (.xlsx)")
    parser.add_argument("--force", action="store_true", help="replace OUT if it already exists")


def run(args: argparse.Namespace) -> int:
    out: Path = args.out
    if out.suffix.lower() != ".xlsx":
        out = out.with_suffix(".xlsx")
    try:
        refuse_overwrite([out], [], force=args.force, what="模板")
        written = write_atomically(out, write_template)
    except OutputRefused as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"无法写入「{out}」：{reason(exc)}。", file=sys.stderr)
        return 2
    print(f"模板已保存：{written}")
    return 0
