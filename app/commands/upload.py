"""`taoshelf upload SHEET --env ...`: the headless upload, through the same engine as the window.

The App Secret comes only from the OS keyring (`taoshelf secret set`); the shop's session from
the keyring's token set (`taoshelf auth login`) or ``--session``. Running the same command again
resumes: only rows not yet listed are sent. Exit 0 = every row listed, 3 = some rows not listed
(failed, blocked, waiting for quota, left, or cancelled with Ctrl+C), 2 = unusable input or
configuration (or the shop must be authorised again).

Ctrl+C cancels cleanly (`app.commands.interrupts`): calls in flight end, the journal stays
consistent, the summary is printed. ``--report`` is checked before anything is sent (never the
input sheet; an existing file only with ``--force``) and written atomically; if it cannot be
written after the run, the results go to a fallback file and the user is told where.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from app import settings_store
from app.commands.interrupts import Interrupts
from app.commands.outfiles import (
    OutputRefused,
    fallback_paths,
    reason,
    refuse_overwrite,
    write_atomically,
)
from app.credentials.shops import validate_app_key
from app.excel.errors import SheetError
from app.excel.reader import SheetData
from app.excel.report import FAILED_SHEET, write_report
from app.review import Review, recheck_online, review_sheet
from app.settings_keys import check_rate, check_workers
from app.settings_store import ShopSettings
from app.top.errors import TopError
from app.upload.changes import label as field_label
from app.upload.connection import ENVS, ConnectError, Connection, connect, open_engine
from app.upload.console import REAUTH_HINT, ProgressPrinter, summary_text
from app.upload.control import CallFailed, Stopped
from app.upload.engine import Engine
from app.upload.events import Event, PauseReason, RunPaused, RunSummary, StopReason
from app.upload.plan import Action, Plan
from app.upload.results import report_rows
from app.upload.runlock import RunLockedError

NOTHING_LISTED = "已取消，没有上架任何商品。"


class UsageError(Exception):
    """Unusable input or configuration: exit 2 with this Chinese message."""


class Cancelled(Exception):  # noqa: N818 (a state, not a bug)
    """Ctrl+C before anything was sent: exit 3 with this Chinese message."""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sheet", type=Path, help="product sheet (.xlsx/.xlsm/.csv)")
    parser.add_argument("--env", required=True, choices=ENVS, help="which gateway")
    parser.add_argument("--gateway", default=None, help="router URL (required for --env local)")
    parser.add_argument("--app-key", default=None, help="App Key (default: the active shop)")
    parser.add_argument("--session", default=None,
                        help="shop session token (default: the one saved by `taoshelf auth`)")
    parser.add_argument("--report", type=Path, default=None,
                        help="write the result sheet here (.xlsx or .csv; never the input sheet)")
    parser.add_argument("--force", action="store_true",
                        help="replace the --report file if it already exists")
    parser.add_argument("--dry-run", action="store_true",
                        help="validate and plan (outer_id lookups only); create nothing")
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    parser.add_argument("--workers", type=int, default=None,
                        help="parallel workers (default: the shop's setting, else 4)")
    parser.add_argument("--rate", type=float, default=None,
                        help="calls per second (default: the shop's setting, else 2 on Taobao,"
                        " 10 locally)")
    parser.add_argument("--wait-for-quota", action="store_true", default=None,
                        help="when the daily quota runs out, wait for the reset and go on "
                        "(default: the shop's setting)")
    parser.add_argument("--publisher", choices=("auto", "item.add", "schema"), default=None,
                        help="how products are listed: auto (item.add while the App has it, "
                        "else the schema API alibaba.item.publish), item.add or schema "
                        "(default: the shop's setting, else auto)")
    parser.add_argument("--update", action="store_true",
                        help="send the edits of listed rows (the default; kept for scripts)")
    parser.add_argument("--no-edits", action="store_true",
                        help="do not change listed items: only list new rows (edits are "
                        "reported as not sent)")
    parser.add_argument("--no-lookup", action="store_true",
                        help="do not look up rows unknown to the journal by outer_id first")
    parser.add_argument("--sheet-name", default=None, help="worksheet to read")
    parser.add_argument("--location", default=None, metavar="省/市",
                        help="default location for rows without one, e.g. 浙江/杭州 "
                        "(default: the shop's setting)")


def saved_settings(args: argparse.Namespace) -> ShopSettings:
    """The shop's saved settings (`taoshelf settings`, the window's 上架设置) with the flags
    given on the command line put over them; ``args.rate``/``workers``/``wait_for_quota``
    are filled in from them."""
    app_key = args.app_key or settings_store.current_shop()[0]
    try:
        saved = settings_store.with_location(settings_store.load(app_key, args.env),
                                             args.location)
    except ValueError as exc:
        raise UsageError(f"--location：{exc}") from None
    if args.rate is None:
        args.rate = saved.run.rate  # None: the environment's default (connect)
    if args.workers is None:
        args.workers = saved.run.workers
    if args.wait_for_quota is None:
        args.wait_for_quota = saved.run.wait_for_quota
    return saved


def _read(args: argparse.Namespace, saved: ShopSettings) -> Review:
    """The window's path (keys, the shop's price rule and defaults, rules); pictures are
    checked by the engine as it prepares them; categories are resolved again with fresh data
    once connected."""
    try:
        return review_sheet(args.sheet, settings=saved, sheet_name=args.sheet_name,
                            check_pictures=False)
    except SheetError as exc:
        raise UsageError(f"无法使用这个文件：{exc.message}") from None


def _resolve(review: Review, connection: Connection, engine: Engine,
             ctrl_c: Interrupts) -> None:
    """Categories and properties against fresh data (`recheck_online`, from the API of the
    publisher the run starts on) before anything is planned: a row that cannot be resolved is
    blocked with its reason."""
    calls = ctrl_c.run(lambda: recheck_online(
        review, engine.client, shop=connection.shop, env=connection.env,
        app_key=connection.config.app_key, publish_path=engine.route.path),
        waiting="正在取消：等待类目数据读取完成…")
    if ctrl_c.requested:
        raise Cancelled(NOTHING_LISTED)
    if calls:
        print(f"已读取类目数据（调用接口 {calls} 次，保存 7 天）。", file=sys.stderr)


def plan_text(plan: Plan) -> str:
    """What a run will do, for the confirmation: new items, and listed items it will change."""
    edits = plan.counts[Action.UPDATE] + sum(1 for w in plan.of(Action.ATTACH) if w.edits)
    work = len(plan.works) - plan.counts[Action.SKIP] - plan.counts[Action.BLOCKED]
    text = f"处理 {work} 个商品"
    if edits:
        fields = Counter(field_label(f) for w in plan.works for f in w.edits)
        which = "、".join(name for name, _ in fields.most_common(6))
        text += f"（其中修改 {edits} 个已上架的商品：{which}）"
    return text


def _confirm(args: argparse.Namespace, plan: Plan, shop: str, ctrl_c: Interrupts) -> bool:
    work = len(plan.works) - plan.counts[Action.SKIP] - plan.counts[Action.BLOCKED]
    if args.yes or work == 0:
        return True
    if not sys.stdin.isatty():
        if args.env == "production":
            raise UsageError("正式环境上架需要确认：请加上 --yes。")
        return True
    try:
        with ctrl_c.raising():
            answer = input(f"将在 {args.env} 环境的店铺“{shop}”{plan_text(plan)}，继续吗？[y/N] ")
    except (KeyboardInterrupt, EOFError):
        print(file=sys.stderr)
        return False
    return answer.strip().lower() in {"y", "yes", "是"}


def _check_options(args: argparse.Namespace) -> None:
    """Refuse nonsense before anything is read or sent."""
    try:
        if args.rate is not None:
            check_rate(args.rate, "--rate")
        if args.workers is not None:
            check_workers(args.workers, "--workers")
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.session is not None and not args.session.strip():
        raise UsageError("--session 为空：请粘贴店铺的会话（session），或去掉 --session "
                         "使用 taoshelf auth login 保存的授权。")
    if args.app_key is not None:
        try:
            args.app_key = validate_app_key(args.app_key)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    if args.report is not None:
        args.report = _report_path(args.report)
        try:
            refuse_overwrite(_report_files(args.report), [args.sheet], force=args.force,
                             what="结果表")
        except OutputRefused as exc:
            raise UsageError(str(exc)) from None


def _report_path(path: Path) -> Path:
    """``.csv`` stays; any other name becomes an ``.xlsx`` workbook (what is written)."""
    return path if path.suffix.lower() in (".csv", ".xlsx") else path.with_suffix(".xlsx")


def _report_files(path: Path) -> list[Path]:
    """Every file the report writes (a ``.csv`` report has its failed rows beside it)."""
    if path.suffix.lower() == ".csv":
        return [path, path.with_name(f"{path.stem}_{FAILED_SHEET}.csv")]
    return [path]


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
    except Cancelled as exc:
        print(str(exc) or NOTHING_LISTED, file=sys.stderr)
        return 3
    except KeyboardInterrupt:  # while reading the sheet or asking: nothing was sent
        print(f"\n{NOTHING_LISTED}", file=sys.stderr)
        return 3


def _run(args: argparse.Namespace, ctrl_c: Interrupts) -> int:
    _check_options(args)
    saved = saved_settings(args)
    with ctrl_c.raising():
        review = _read(args, saved)
    sheet = review.sheet
    if not sheet.products:
        raise UsageError("表格里没有商品行。")
    try:
        connection = ctrl_c.run(lambda: connect(
            args.env, app_key=args.app_key, gateway=args.gateway, session=args.session,
            rate=args.rate), waiting="正在取消：等待与淘宝的连接完成…")
    except ConnectError as exc:
        raise UsageError(str(exc)) from None
    if ctrl_c.requested:
        raise Cancelled(NOTHING_LISTED)
    publisher = args.publisher or saved.publisher
    settings = saved.upload_settings(workers=args.workers, send_edits=not args.no_edits,
                                     lookup_unknown=not args.no_lookup,
                                     wait_for_quota=args.wait_for_quota, dry_run=args.dry_run,
                                     publisher=publisher,
                                     auto_switched=publisher == "auto"
                                     and saved.run.switched_at is not None)
    wait = "额度用完后等待恢复" if settings.wait_for_quota else "额度用完即停止"
    pace = "不限速" if connection.rate == float("inf") else f"每秒 {connection.rate:g} 次调用"
    print(f"店铺“{connection.shop}”：{pace}，同时上架 "
          f"{settings.workers} 个，{wait}。", file=sys.stderr)
    printer = ProgressPrinter(sys.stderr, tty=sys.stderr.isatty())
    holder: dict[str, Engine] = {}

    def on_event(event: Event) -> None:
        printer(event)
        if isinstance(event, RunPaused) and event.reason is PauseReason.REAUTH:
            holder["engine"].cancel(StopReason.REAUTH, event.message)  # headless: cannot ask

    with open_engine(connection, sheet.identity, sheet.path.parent, settings,
                     on_event, sheet_name=sheet.path.name) as engine:
        holder["engine"] = engine
        _resolve(review, connection, engine, ctrl_c)
        try:
            plan = ctrl_c.run(lambda: engine.prepare(sheet.products, review.issues),
                              engine.cancel)
        except (CallFailed, Stopped) as exc:
            if ctrl_c.requested or engine.control.stop_reason == StopReason.CANCELLED:
                raise Cancelled(NOTHING_LISTED) from None
            if engine.control.stop_reason == StopReason.REAUTH:
                raise UsageError(f"{engine.control.stop_message}\n{REAUTH_HINT}") from None
            err = exc.err if isinstance(exc, CallFailed) else None
            text = err.user_message if isinstance(err, TopError) else "已停止"
            raise UsageError(f"核对店铺中已有商品时失败：{text}") from None
        except RunLockedError as exc:
            raise UsageError(str(exc)) from None
        if ctrl_c.requested:
            raise Cancelled(NOTHING_LISTED)
        if args.dry_run:
            return _dry_run(plan, engine.lookup_calls)
        if not _confirm(args, plan, connection.shop, ctrl_c):
            raise Cancelled(NOTHING_LISTED)
        summary = ctrl_c.run(lambda: engine.run(plan), engine.cancel)
    printer.finish()
    print(summary_text(summary), file=sys.stderr)
    if args.report is not None:
        _report(args.report, sheet, summary)
    if summary.stop_reason in (StopReason.FATAL, StopReason.REAUTH):
        return 2
    return 0 if summary.listed == summary.total else 3


def _dry_run(plan: Plan, lookup_calls: int) -> int:
    c = plan.counts
    print(f"试运行（没有创建任何商品）：共 {len(plan.works)} 行；将新建 {c[Action.CREATE]}，"
          f"核对后决定 {c[Action.RECONCILE]}，补传附图 {c[Action.ATTACH]}，"
          f"修改已上架的商品 {c[Action.UPDATE]}，"
          f"跳过 {c[Action.SKIP]}，有错误不能上架 {c[Action.BLOCKED]}。"
          f"核对商家编码用了 {lookup_calls} 次调用。", file=sys.stderr)
    for w in plan.works:
        if w.edits:
            print(f"第 {w.product.row} 行（{w.key}）将修改已上架的宝贝ID {w.num_iid}："
                  f"{'、'.join(dict.fromkeys(field_label(f) for f in w.edits))}", file=sys.stderr)
        if w.action in (Action.BLOCKED, Action.SKIP) and w.reasons:
            label = "不能上架" if w.action is Action.BLOCKED else "跳过"
            key = w.key or "无商家编码"
            print(f"第 {w.product.row} 行（{key}）{label}：{'；'.join(w.reasons)}",
                  file=sys.stderr)
    return 3 if c[Action.BLOCKED] else 0


def _report(path: Path, sheet: SheetData, summary: RunSummary) -> None:
    """Write the result sheet; if ``path`` cannot be written, to a fallback file (said where).
    The run's outcome is in the journal either way, and the exit code does not change."""
    rows = report_rows(summary)

    def save(target: Path) -> Path:
        return write_atomically(target, lambda p: write_report(p, sheet, rows))

    try:
        print(f"结果表已保存：{save(path)}", file=sys.stderr)
        return
    except OSError as exc:
        print(f"无法写入结果表「{path}」：{reason(exc)}。", file=sys.stderr)
    for other in fallback_paths(path, sheet.path):
        try:
            written = save(other)
        except OSError:
            continue
        print(f"结果表已改存到：{written}", file=sys.stderr)
        return
    print("结果表没有保存成功。上架结果已记录，再次运行同一命令（不会重复上架）并指定"
          "另一个 --report 即可重新生成结果表。", file=sys.stderr)
