"""`taoshelf upload SHEET --env ...`: the headless upload, through the same engine as the window.

The App Secret comes only from the OS keyring (`taoshelf secret set`); the shop's session from
the keyring's token set (`taoshelf auth login`) or ``--session``. Running the same command again
resumes: only rows not yet listed are sent. Exit 0 = every row listed, 3 = some rows not listed
(failed, blocked, waiting for quota, left), 2 = unusable input or configuration (or the shop
must be authorised again).
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

from app.catalog.keys import assign_keys
from app.catalog.rules import validate
from app.catalog.settings import ListingDefaults, apply_defaults
from app.credentials.store import CredentialStore, NoKeyringError
from app.credentials.tokens import ReauthRequired, TokenManager
from app.excel import prefs
from app.excel.errors import SheetError
from app.excel.reader import SheetData, read_sheet
from app.excel.report import RowResult, write_report
from app.top.client import TopClient
from app.top.config import TopConfig
from app.top.errors import TopError
from app.top.oauth import OAuthClient
from app.top.ratelimit import RateLimiter
from app.upload.audit import AuditLog
from app.upload.console import REAUTH_HINT, ProgressPrinter, summary_text
from app.upload.control import CallFailed, Stopped
from app.upload.engine import Engine
from app.upload.events import Event, PauseReason, RowStatus, RunPaused, RunSummary, StopReason
from app.upload.journal import Journal, Scope
from app.upload.pictures import default_preparer
from app.upload.plan import Action, Plan
from app.upload.runlock import RunLockedError
from app.upload.session import SessionProvider, StaticSession, TokenManagerSessions
from app.upload.settings import UploadSettings

ENVS = ("local", "sandbox", "production")
DEFAULT_RATE = {"local": 10.0, "sandbox": 2.0, "production": 2.0}  # calls/s; obey bans anyway
# Slot spacing margin of the shared limiter: (1 + 0.08) / rate. With the limiter's 3 % default,
# send jitter on a loaded PC provoked code-7 bans in bench_upload (25 per 2,000 calls at
# 20/s); 8 % gave none and still reaches 0.92 of the allowed rate.
LIMITER_SAFETY = 0.08


class UsageError(Exception):
    """Unusable input or configuration: exit 2 with this Chinese message."""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sheet", type=Path, help="product sheet (.xlsx/.xlsm/.csv)")
    parser.add_argument("--env", required=True, choices=ENVS, help="which gateway")
    parser.add_argument("--gateway", default=None, help="router URL (required for --env local)")
    parser.add_argument("--app-key", default=None, help="App Key (default: the active shop)")
    parser.add_argument("--session", default=None,
                        help="shop session token (default: the one saved by `taoshelf auth`)")
    parser.add_argument("--report", type=Path, default=None, help="write the result sheet here")
    parser.add_argument("--dry-run", action="store_true",
                        help="validate and plan (outer_id lookups only); create nothing")
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    parser.add_argument("--workers", type=int, default=4, help="parallel workers (default 4)")
    parser.add_argument("--rate", type=float, default=None,
                        help="calls per second (default: 2 on Taobao, 10 locally)")
    parser.add_argument("--wait-for-quota", action="store_true",
                        help="when the daily quota runs out, wait for the reset and go on")
    parser.add_argument("--update", action="store_true",
                        help="for listed rows, send changed price/stock")
    parser.add_argument("--no-lookup", action="store_true",
                        help="do not look up rows unknown to the journal by outer_id first")
    parser.add_argument("--sheet-name", default=None, help="worksheet to read")
    parser.add_argument("--location", default=None, metavar="省/市",
                        help="default location for rows without one, e.g. 浙江/杭州")


def _config(args: argparse.Namespace, app_key: str) -> TopConfig:
    if args.env == "local":
        if not args.gateway:
            raise UsageError("--env local 需要用 --gateway 指定本地网关地址"
                             "（taoshelf simulator 启动时打印的第一行）。")
        parts = urlsplit(args.gateway)
        base = f"{parts.scheme}://{parts.netloc}"
        try:
            return TopConfig(app_key=app_key, gateway_url=args.gateway, oauth_base_url=base)
        except ValueError as exc:
            raise UsageError(f"网关地址不可用：{exc}") from None
    return TopConfig.for_env(args.env, app_key, gateway_url=args.gateway)


def _credentials(args: argparse.Namespace, store: CredentialStore
                 ) -> tuple[str, str, str, SessionProvider, str]:
    """(app_key, secret, session, provider, shop) or UsageError."""
    try:
        store.check_backend()
        app_key = args.app_key
        if not app_key:
            active = store.get_active()
            if active is None:
                raise UsageError("请用 --app-key 指定 App Key（或先运行 taoshelf secret set）。")
            app_key = active.app_key
        secret = store.get_secret(app_key)
        if not secret:
            raise UsageError(f"系统钥匙串里没有 App Key {app_key} 的 App Secret："
                             f"请先运行 taoshelf secret set --app-key {app_key}")
        tokens = store.get_tokens(app_key, args.env)
    except NoKeyringError as exc:
        raise UsageError(str(exc)) from None
    cfg = _config(args, app_key)
    shop = tokens.nick if tokens is not None and tokens.nick else f"app:{app_key}"
    if args.session:
        return app_key, secret, args.session, StaticSession(args.session), shop
    if tokens is None:
        raise UsageError(f"App Key {app_key} 在 {args.env} 环境还没有授权店铺：请先运行 "
                         f"taoshelf auth login --app-key {app_key}，或用 --session 提供会话。")
    manager = TokenManager(store, OAuthClient(cfg, secret), app_key, args.env,
                           can_refresh=tokens.refresh_token is not None)
    sessions = TokenManagerSessions(manager)
    try:
        session = manager.session_for_run()
    except ReauthRequired as exc:
        raise UsageError(exc.message) from None
    return app_key, secret, session, sessions, shop


def _defaults(location: str | None) -> ListingDefaults:
    defaults = prefs.load_defaults()
    if location:
        state, _, city = location.replace("／", "/").partition("/")
        data = defaults.to_dict()
        data.update(location_state=state.strip(), location_city=city.strip())
        defaults = ListingDefaults.from_dict(data)
    return defaults


def _read(args: argparse.Namespace) -> tuple[SheetData, dict[int, list]]:
    try:
        sheet = read_sheet(args.sheet, sheet_name=args.sheet_name)
    except SheetError as exc:
        raise UsageError(f"无法使用这个文件：{exc.message}") from None
    assign_keys(sheet.products)
    defaults = _defaults(args.location)
    sheet.products[:] = [apply_defaults(p, defaults) for p in sheet.products]
    issues = validate(sheet.products, defaults)
    return sheet, {row: list(found) for row, found in issues.items()}


def _confirm(args: argparse.Namespace, plan: Plan, shop: str) -> bool:
    work = len(plan.works) - plan.counts[Action.SKIP] - plan.counts[Action.BLOCKED]
    if args.yes or work == 0:
        return True
    if not sys.stdin.isatty():
        if args.env == "production":
            raise UsageError("正式环境上架需要确认：请加上 --yes。")
        return True
    answer = input(f"将在 {args.env} 环境的店铺“{shop}”处理 {work} 个商品，继续吗？[y/N] ")
    return answer.strip().lower() in {"y", "yes", "是"}


def run(args: argparse.Namespace) -> int:
    reconfigure = getattr(sys.stderr, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")
    try:
        return _run(args)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    sheet, issues = _read(args)
    if not sheet.products:
        raise UsageError("表格里没有商品行。")
    app_key, secret, session, sessions, shop = _credentials(args, CredentialStore())
    cfg = _config(args, app_key)
    rate = args.rate if args.rate is not None else DEFAULT_RATE[args.env]
    settings = UploadSettings(workers=max(1, args.workers), update_mode=args.update,
                              lookup_unknown=not args.no_lookup,
                              wait_for_quota=args.wait_for_quota, dry_run=args.dry_run)
    printer = ProgressPrinter(sys.stderr, tty=sys.stderr.isatty())
    holder: dict[str, Engine] = {}

    def on_event(event: Event) -> None:
        printer(event)
        if isinstance(event, RunPaused) and event.reason is PauseReason.REAUTH:
            holder["engine"].cancel(StopReason.REAUTH, event.message)  # headless: cannot ask

    limiter = RateLimiter(qps=rate, safety=LIMITER_SAFETY)
    with TopClient(cfg, secret, session, limiter) as client, Journal() as journal:
        audit = AuditLog()
        engine = Engine(client, journal, Scope(shop, args.env, sheet.identity), settings,
                        sessions=sessions, preparer=default_preparer(sheet.path.parent),
                        audit=audit, on_event=on_event)
        holder["engine"] = engine
        try:
            plan = engine.prepare(sheet.products, issues)
        except (CallFailed, Stopped) as exc:
            audit.close()
            if engine.control.stop_reason == StopReason.REAUTH:
                raise UsageError(f"{engine.control.stop_message}\n{REAUTH_HINT}") from None
            err = exc.err if isinstance(exc, CallFailed) else None
            text = err.user_message if isinstance(err, TopError) else "已停止"
            raise UsageError(f"核对店铺中已有商品时失败：{text}") from None
        except RunLockedError as exc:
            audit.close()
            raise UsageError(str(exc)) from None
        if args.dry_run:
            engine.close()
            audit.close()
            return _dry_run(plan, engine.lookup_calls)
        if not _confirm(args, plan, shop):
            engine.close()
            audit.close()
            print("已取消，没有上架任何商品。", file=sys.stderr)
            return 3
        summary = _drive(engine, plan)
        audit.close()
    printer.finish()
    print(summary_text(summary), file=sys.stderr)
    if args.report is not None:
        _report(args.report, sheet, summary)
    if summary.stop_reason in (StopReason.FATAL, StopReason.REAUTH):
        return 2
    return 0 if summary.listed == summary.total else 3


def _drive(engine: Engine, plan: Plan) -> RunSummary:
    """Run the engine on a thread so Ctrl+C cancels cleanly (calls in flight finish)."""
    result: dict[str, RunSummary] = {}
    thread = threading.Thread(target=lambda: result.setdefault("s", engine.run(plan)),
                              name="upload-engine")
    thread.start()
    while thread.is_alive():
        try:
            thread.join(0.25)
        except KeyboardInterrupt:
            print("\n正在取消：等待进行中的请求完成…", file=sys.stderr)
            engine.cancel()
    return result["s"]


def _dry_run(plan: Plan, lookup_calls: int) -> int:
    c = plan.counts
    print(f"试运行（没有创建任何商品）：共 {len(plan.works)} 行；将新建 {c[Action.CREATE]}，"
          f"核对后决定 {c[Action.RECONCILE]}，补传附图 {c[Action.ATTACH]}，"
          f"更新 {c[Action.UPDATE]}，"
          f"跳过 {c[Action.SKIP]}，有错误不能上架 {c[Action.BLOCKED]}。"
          f"核对商家编码用了 {lookup_calls} 次调用。", file=sys.stderr)
    for w in plan.works:
        if w.action in (Action.BLOCKED, Action.SKIP) and w.reasons:
            label = "不能上架" if w.action is Action.BLOCKED else "跳过"
            key = w.key or "无商家编码"
            print(f"第 {w.product.row} 行（{key}）{label}：{'；'.join(w.reasons)}",
                  file=sys.stderr)
    return 3 if c[Action.BLOCKED] else 0


_REPORT_STATUS = {RowStatus.LISTED: "listed", RowStatus.FAILED: "failed",
                  RowStatus.BLOCKED: "failed", RowStatus.UNKNOWN: "unknown",
                  RowStatus.WAITING_QUOTA: "pending", RowStatus.LEFT: "pending",
                  RowStatus.SKIPPED: "skipped"}


def _report(path: Path, sheet: SheetData, summary: RunSummary) -> None:
    results = []
    for o in summary.outcomes.values():
        code = " ".join(str(x) for x in (o.code, o.sub_code) if x is not None) or None
        results.append(RowResult(row=o.row, status=_REPORT_STATUS[o.status], num_iid=o.num_iid,
                                 code=code, message=o.message, request_id=o.request_id or "",
                                 at=o.at))
    written = write_report(path, sheet, results)
    print(f"结果表已保存：{written}", file=sys.stderr)
