"""`taoshelf undo RUN`: take down every item upload run RUN created (`taoshelf runs` lists the
numbers); ``--relist`` puts them back on sale; ``--delete`` deletes them for good.

Taking down and putting back are confirmed with the count (``--yes`` for scripts). Deleting is
a separate, more strongly confirmed action: the user types the number of items (or a script
passes ``--confirm-delete N`` with that number; ``--yes`` does not delete). The run's shop and
environment are the ones it listed on; the session must belong to that shop. Interrupted (Ctrl+C,
a crash), the same command continues with the items not done yet. Exit 0 = every item done,
3 = some not done (failed, stopped, cancelled), 2 = unusable input or setup.
"""

from __future__ import annotations

import argparse
import sys

from app import settings_store
from app.commands.interrupts import Interrupts
from app.credentials.shops import validate_app_key
from app.upload.connection import ConnectError, connect
from app.upload.console import REAUTH_HINT
from app.upload.events import Event, PauseReason, RunPaused
from app.upload.journal import Journal, RunInfo, default_path
from app.upload.runlock import RunLockedError
from app.upload.runs_text import ENV_NAMES, run_row
from app.upload.undo import VERB, ItemDone, Undo, UndoAction, open_undo, pending

NOTHING_DONE = "已取消，没有改动任何商品。"


class UsageError(Exception):
    """Exit 2 with this Chinese message."""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("run", type=int, help="the run's number (see taoshelf runs)")
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--relist", action="store_true",
                      help="put the items taken down back on sale (重新上架)")
    what.add_argument("--delete", action="store_true",
                      help="delete the items for good (asks you to type their number)")
    parser.add_argument("--yes", action="store_true",
                        help="do not ask before taking down or putting back")
    parser.add_argument("--confirm-delete", type=int, default=None, metavar="N",
                        help="with --delete and no terminal: the number of items to delete")
    parser.add_argument("--gateway", default=None, help="router URL (required for --env local)")
    parser.add_argument("--app-key", default=None, help="App Key (default: the active shop)")
    parser.add_argument("--session", default=None,
                        help="shop session token (default: the one saved by `taoshelf auth`)")
    parser.add_argument("--rate", type=float, default=None, help="calls per second")


def run(args: argparse.Namespace) -> int:
    reconfigure = getattr(sys.stderr, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")
    try:
        with Interrupts() as ctrl_c:
            return _run(args, ctrl_c)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"\n{NOTHING_DONE}", file=sys.stderr)
        return 3


def _action(args: argparse.Namespace) -> UndoAction:
    if args.delete:
        return UndoAction.DELETE
    return UndoAction.RELIST if args.relist else UndoAction.TAKE_DOWN


def _target(run_id: int) -> tuple[RunInfo, int]:
    if not default_path().exists():
        raise UsageError("还没有上架记录。")
    with Journal() as journal:
        info = journal.run_info(run_id)
    if info is None:
        raise UsageError(f"没有编号为 {run_id} 的上架记录：用 taoshelf runs 查看编号。")
    if info.kind != "upload":
        raise UsageError(f"编号 {run_id} 是一次{run_row(info).kind}操作，不是上架：请用它撤销的"
                         f"那次上架的编号（第 {info.target_run} 次）。")
    return info, info.created


def _confirm(args: argparse.Namespace, info: RunInfo, action: UndoAction, count: int,
             ctrl_c: Interrupts) -> None:
    r = run_row(info)
    what = (f"{ENV_NAMES.get(info.env, info.env)}环境店铺“{info.shop}”第 {info.id} 次上架"
            f"（{r.time}，{r.sheet}）创建的 {count} 个商品")
    if action is UndoAction.DELETE:
        if args.confirm_delete is not None:
            if args.confirm_delete != count:
                raise UsageError(f"--confirm-delete {args.confirm_delete} 与要删除的商品数 "
                                 f"{count} 不一致：没有删除任何商品。")
            return
        if not sys.stdin.isatty():
            raise UsageError(f"删除需要确认：请在终端里运行，或加上 --confirm-delete {count}。")
        prompt = (f"将永久删除{what}，删除后无法恢复（只想暂时下架请不加 --delete）。\n"
                  f"确认删除请输入商品数量 {count}：")
        expected = str(count)
    else:
        if args.yes:
            return
        if not sys.stdin.isatty():
            raise UsageError(f"{VERB[action]}需要确认：请加上 --yes。")
        prompt = f"将{VERB[action]}{what}，继续吗？[y/N] "
        expected = ""
    try:
        with ctrl_c.raising():
            answer = input(prompt).strip()
    except EOFError:
        answer = ""
    ok = answer == expected if expected else answer.lower() in {"y", "yes", "是"}
    if not ok:
        raise KeyboardInterrupt


def _run(args: argparse.Namespace, ctrl_c: Interrupts) -> int:
    action = _action(args)
    info, _created = _target(args.run)
    with Journal() as journal:
        items = pending(journal, info, action)
    if not items:
        done = {UndoAction.TAKE_DOWN: "都已下架或删除", UndoAction.RELIST: "都没有被下架",
                UndoAction.DELETE: "都已删除"}[action]
        print(f"第 {info.id} 次上架创建的 {info.created} 个商品{done}，没有需要{VERB[action]}的。",
              file=sys.stderr)
        return 0
    app_key = validate_app_key(args.app_key) if args.app_key else None
    try:
        connection = ctrl_c.run(lambda: connect(
            info.env, app_key=app_key, gateway=args.gateway, session=args.session,
            rate=args.rate), waiting="正在取消：等待与淘宝的连接完成…")
    except (ConnectError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    if ctrl_c.requested:
        raise KeyboardInterrupt
    if connection.shop != info.shop:
        raise UsageError(f"第 {info.id} 次上架是店铺“{info.shop}”的，而这个授权属于店铺"
                         f"“{connection.shop}”：请用 --app-key 选择那个店铺。没有改动任何商品。")
    _confirm(args, info, action, len(items), ctrl_c)
    path = settings_store.load(connection.config.app_key, info.env).publish_path
    holder: dict[str, Undo] = {}

    def on_event(event: Event) -> None:
        if isinstance(event, RunPaused) and event.reason is PauseReason.REAUTH:
            holder["undo"].cancel(f"{event.message}\n{REAUTH_HINT}")

    def on_item(done: ItemDone) -> None:
        if not done.ok:
            print(f"宝贝ID {done.item.num_iid}（{done.item.key}）没有{VERB[action]}："
                  f"{done.message}", file=sys.stderr)
        elif done.done % 10 == 0 or done.done == done.total:
            print(f"已{VERB[action]} {done.done}/{done.total}", file=sys.stderr)

    try:
        with open_undo(connection, path, on_event=on_event) as undo:
            holder["undo"] = undo
            summary = ctrl_c.run(lambda: undo.run(info.id, action, on_item),
                                 lambda: undo.cancel("已取消（进行中的请求已完成）"))
    except RunLockedError as exc:
        raise UsageError(str(exc)) from None
    print(summary.text(), file=sys.stderr)
    return 0 if summary.left == 0 and not summary.failed else 3
