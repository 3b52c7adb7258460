"""`taoshelf categories search|show|refresh`: the shop's category tree and a leaf's properties.

``search TEXT`` works offline from the cache; ``show CID`` reads the leaf's properties when they
are not cached (or older than 7 days, or with ``--refresh``); ``refresh`` downloads the whole tree
after saying what it costs (``refresh CID…`` re-reads just those leaves). They reach the shop as
``taoshelf upload`` does. Exit 0 = done, 1 = nothing found, 2 = unusable input or setup,
3 = the download stopped part-way (run it again to go on).
"""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack

from app import settings_store
from app.categories.cache import CategoryCache
from app.categories.console import FLAG_LEGEND, WalkPrinter, china_time, rules_lines
from app.categories.service import CategoryService, OfflineError
from app.categories.sources import rules_source
from app.credentials.shops import ShopRegistry
from app.top.client import TopClient
from app.top.errors import TopError
from app.top.ratelimit import RateLimiter
from app.upload.connection import ENVS, ConnectError, connect


class UsageError(Exception):
    """Exit 2 with this Chinese message."""


def _connection_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--env", default="production", choices=ENVS,
                        help="which gateway (default: production)")
    parser.add_argument("--gateway", default=None, help="router URL (required for --env local)")
    parser.add_argument("--app-key", default=None, help="App Key (default: the active shop)")
    parser.add_argument("--session", default=None,
                        help="shop session token (default: the one saved by `taoshelf auth`)")
    parser.add_argument("--rate", type=float, default=None, help="calls per second")


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True, metavar="search|show|refresh")
    search = sub.add_parser("search", help="find leaf categories by name or path (offline)")
    search.add_argument("text", nargs="+", help="name or path, e.g. 连衣裙 or 女装 连衣裙")
    search.add_argument("--limit", type=int, default=20, help="at most this many (default 20)")
    _connection_args(search)
    show = sub.add_parser("show", help="a leaf's properties with their flags and values")
    show.add_argument("cid", type=int, help="leaf category id")
    show.add_argument("--refresh", action="store_true", help="read the properties again")
    show.add_argument("--all", action="store_true", help="list every value")
    _connection_args(show)
    refresh = sub.add_parser("refresh", help="download the category tree (or re-read leaves)")
    refresh.add_argument("cids", nargs="*", type=int, help="only re-read these leaves")
    refresh.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    _connection_args(refresh)


def run(args: argparse.Namespace) -> int:
    reconfigure = getattr(sys.stderr, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")
    try:
        with ExitStack() as stack:
            return {"search": _search, "show": _show, "refresh": _refresh}[args.action](
                args, stack)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return 2


def _offline_cache(args: argparse.Namespace) -> CategoryCache | None:
    """The cache of the shop this App Key + environment last connected as (no keyring)."""
    app_key = args.app_key or ShopRegistry().get_active()
    if not app_key:
        raise UsageError("请用 --app-key 指定 App Key（或先运行 taoshelf secret set）。")
    shop = CategoryCache.known_shop(app_key, args.env)
    return CategoryCache(shop, args.env) if shop else None


def _online(args: argparse.Namespace, stack: ExitStack) -> CategoryService:
    try:
        connection = connect(args.env, app_key=args.app_key, gateway=args.gateway,
                             session=args.session, rate=args.rate)
    except ConnectError as exc:
        raise UsageError(str(exc)) from None
    CategoryCache.remember_shop(connection.config.app_key, args.env, connection.shop)
    client = stack.enter_context(TopClient(connection.config, connection.secret,
                                           connection.session, RateLimiter(qps=connection.rate)))
    path = settings_store.load(connection.config.app_key, args.env).publish_path
    return CategoryService(CategoryCache(connection.shop, args.env), rules_source(client, path))


def _refresh_hint(args: argparse.Namespace) -> str:
    gateway = f" --gateway {args.gateway}" if args.gateway else ""
    return f"taoshelf categories refresh --env {args.env}{gateway}"


def _search(args: argparse.Namespace, _stack: ExitStack) -> int:
    text = " ".join(args.text)
    cache = _offline_cache(args)
    service = CategoryService(cache) if cache is not None else None
    if service is None or not len(service.tree):
        raise UsageError(f"还没有下载 {args.env} 环境的类目树：请先运行 {_refresh_hint(args)}")
    cached = service.cached
    found = service.tree.search(text, limit=max(1, args.limit))
    if not cached.complete:
        print(f"类目树只下载了一部分（{len(service.tree)} 个类目），结果可能不全："
              f"运行 {_refresh_hint(args)} 下载完整的类目树。", file=sys.stderr)
    if not found:
        closest = service.tree.closest(text)
        hint = f"最接近的：{'；'.join(c.label for c in closest)}" if closest else "请换个说法再试"
        print(f"没有找到“{text}”。{hint}", file=sys.stderr)
        return 1
    for candidate in found:
        print(f"{candidate.cid}\t{candidate.path}")
    print(f"共 {len(found)} 个（类目树更新于 {china_time(cached.fetched_at)}）", file=sys.stderr)
    return 0


def _show(args: argparse.Namespace, stack: ExitStack) -> int:
    cache = None if args.refresh else _offline_cache(args)
    service = CategoryService(cache) if cache is not None else None
    if service is None or not service.cache.is_fresh(service.rules_fetched_at(args.cid)):
        service = _online(args, stack)  # not cached, or older than 7 days
    try:
        path = service.ensure_path(args.cid)
        node = service.tree.get(args.cid)
        if service.source is not None and node is None:
            raise UsageError(f"类目 {args.cid} 不存在。")
        if node is not None and node.is_parent:
            raise UsageError(f"类目 {args.cid}（{path}）是上级类目，没有商品属性：请选择叶子类目。")
        rules = service.rules(args.cid, refresh=args.refresh)
    except TopError as exc:
        raise UsageError(f"读取类目失败：{exc.user_message}") from None
    except OfflineError as exc:
        raise UsageError(str(exc)) from None
    print(f"类目 {args.cid}：{path}")
    print(f"属性读取于 {china_time(service.rules_fetched_at(args.cid))}，来源 {rules.source}；"
          f"共 {len(rules.props)} 个属性。")
    print(FLAG_LEGEND)
    for line in rules_lines(rules, show_all=args.all):
        print(line)
    return 0


def _refresh(args: argparse.Namespace, stack: ExitStack) -> int:
    service = _online(args, stack)
    if args.cids:
        return _refresh_leaves(service, args.cids)
    estimate = service.walk_estimate()
    print(estimate.text, file=sys.stderr)
    if not args.yes:
        if not sys.stdin.isatty():
            raise UsageError("下载类目树会用掉不少接口调用：确认后请加上 --yes 再运行。")
        answer = input("继续吗？[y/N] ")
        if answer.strip().lower() not in {"y", "yes", "是"}:
            print("已取消，没有下载类目树。", file=sys.stderr)
            return 3
    printer = WalkPrinter(sys.stderr, tty=sys.stderr.isatty())
    try:
        result = service.refresh_tree(printer)
    except (TopError, KeyboardInterrupt) as exc:
        printer.finish()
        why = exc.user_message if isinstance(exc, TopError) else "已取消"
        print(f"类目树下载中断：{why}。已下载的部分已保存，再次运行 {_refresh_hint(args)}"
              " 会从中断处继续。", file=sys.stderr)
        return 3
    printer.finish()
    print(f"类目树已更新：{result.nodes} 个类目，其中 {result.leaves} 个叶子类目；"
          f"调用接口 {result.calls} 次。", file=sys.stderr)
    return 0


def _refresh_leaves(service: CategoryService, cids: list[int]) -> int:
    try:
        refreshed = service.refresh_leaves(cids)
    except TopError as exc:
        raise UsageError(f"读取类目失败：{exc.user_message}") from None
    for cid, rules in refreshed:
        if rules is None:
            node = service.tree.get(cid)
            why = "不存在" if node is None else "是上级类目，没有商品属性"
            print(f"类目 {cid}：{why}，跳过。", file=sys.stderr)
        else:
            print(f"类目 {cid}（{service.tree.path(cid)}）：已重新读取 {len(rules.props)} 个属性。",
                  file=sys.stderr)
    print(f"调用接口 {service.source.calls if service.source else 0} 次。", file=sys.stderr)
    return 0
