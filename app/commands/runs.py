"""`taoshelf runs`: the upload runs the journal remembers (newest first), and what each did.

Offline: reads only the journal. Each line: the run number (for `taoshelf undo RUN`), the time
(Beijing time), what kind of run, the sheet, the shop, the environment, the counts, and the state
of the items it created (在售 / 已下架 / 已删除). Exit 0 (also when there are none).
"""

from __future__ import annotations

import argparse
import sys

from app.credentials.shops import ENVS
from app.upload.journal import Journal, default_path
from app.upload.runs_text import run_row


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--env", choices=ENVS, default=None, help="only this environment")
    parser.add_argument("--shop", default=None, help="only this shop (its nick)")
    parser.add_argument("--limit", type=int, default=20, help="at most this many (default 20)")


def run(args: argparse.Namespace) -> int:
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")
    if not default_path().exists():
        print("还没有上架记录。", file=sys.stderr)
        return 0
    with Journal() as journal:
        runs = journal.run_list(args.shop, args.env, limit=max(1, args.limit))
    if not runs:
        print("还没有上架记录。", file=sys.stderr)
        return 0
    for info in runs:
        r = run_row(info)
        state = f"；商品：{r.state}" if r.state else ""
        print(f"{r.id}\t{r.time}\t{r.kind}\t{r.sheet}\t{r.shop}\t{r.env}\t{r.counts}{state}")
    print("撤销某次上架：taoshelf undo 编号（--relist 重新上架，--delete 删除）",
          file=sys.stderr)
    return 0
