"""`taoshelf template OUT.xlsx`: write the product sheet template."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.excel.template import write_template


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", type=Path, help="where to write the template (.xlsx)")


def run(args: argparse.Namespace) -> int:
    out: Path = args.out
    if out.suffix.lower() != ".xlsx":
        out = out.with_suffix(".xlsx")
    try:
        write_template(out)
    except OSError as exc:
        print(f"无法写入「{out}」：{exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"模板已保存：{out}")
    return 0
