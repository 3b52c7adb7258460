"""`taoshelf auth login|status|logout|shops|use`: authorise a shop, show or forget its token.

``shops`` lists the stored shops (App Keys) and marks the active one; ``use`` picks it.

``login`` prints the authorize URL (and opens the browser unless ``--no-browser``), then waits for
the loopback redirect or for the code / redirected URL pasted on stdin. Tokens go to the OS keyring
only and are never printed. Exit 0 done, 1 authorisation failed or cancelled, 2 unusable setup
(no keyring, no App Secret, bad options).
"""

from __future__ import annotations

import argparse
import sys
import threading
import webbrowser
from collections.abc import Callable
from datetime import datetime

from app.credentials.authorize import DEFAULT_TIMEOUT, AuthorizationError, AuthorizationFlow
from app.credentials.shops import ENVS, validate_app_key
from app.credentials.store import CredentialError, CredentialStore
from app.credentials.tokens import write_expiry
from app.top.chinatime import to_china, utc_now

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_UNUSABLE = 2


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(
        dest="action", required=True, metavar="{login,status,logout,shops,use}"
    )
    login = sub.add_parser("login", help="authorise a shop in the browser and keep its tokens")
    status = sub.add_parser("status", help="show which shop is authorised and until when")
    logout = sub.add_parser("logout", help="forget the stored tokens of a shop")
    sub.add_parser("shops", help="list the stored shops; * marks the active one")
    use = sub.add_parser("use", help="make a stored shop the active one")
    use.add_argument("--app-key", required=True, help="the shop's App Key")
    for p in (login, status, logout):
        p.add_argument("--app-key", help="the shop's App Key (default: the active shop)")
    login.add_argument("--env", required=True, choices=ENVS)
    for p in (status, logout):
        p.add_argument("--env", choices=ENVS, help="one environment (default: all)")
    login.add_argument("--gateway", help="router URL (needed for --env local: the simulator's)")
    login.add_argument("--oauth-base", help="OAuth base URL (default: from --env / --gateway)")
    login.add_argument(
        "--redirect-uri",
        help="the app's registered callback; a http://127.0.0.1:PORT/path one is listened on, "
        "any other means pasting the redirected URL (default: a free loopback port)",
    )
    login.add_argument("--no-browser", action="store_true", help="only print the URL")
    login.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds to wait (default 300)"
    )


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _out(message: str) -> None:
    print(message, flush=True)


def _when(moment: datetime | None) -> str:
    if moment is None:
        return "未知"
    return to_china(moment).strftime("%Y-%m-%d %H:%M") + "（北京时间）"


def _read_pasted(flow: AuthorizationFlow) -> None:
    """Daemon thread: each non-empty stdin line is a pasted code or URL."""
    try:
        for line in sys.stdin:
            if line.strip():
                flow.submit_pasted(line)
                return
    except (OSError, ValueError):
        pass  # no usable stdin (closed, or captured by a test runner)
    if not flow.listening:
        flow.cancel()  # nothing else can deliver the code


def _login(
    args: argparse.Namespace, store: CredentialStore, open_browser: Callable[[str], object]
) -> int:
    from app.top.config import TopConfig
    from app.top.oauth import OAuthClient

    secret = store.get_secret(args.app_key)
    if secret is None:
        _err(
            f"App Key {args.app_key} 还没有保存 App Secret：请先运行 "
            f"taoshelf secret set --app-key {args.app_key}"
        )
        return EXIT_UNUSABLE
    gateway = args.gateway
    if args.env == "local" and not gateway and args.oauth_base:
        gateway = args.oauth_base.rstrip("/") + "/router/rest"
    try:
        cfg = TopConfig.for_env(
            args.env, args.app_key, gateway_url=gateway, oauth_base_url=args.oauth_base
        )
    except ValueError:
        _err(
            "网关地址无效：local 环境需要 --gateway（模拟器的 router 地址，如 http://127.0.0.1:PORT/router/rest），"
            "其他地址必须是 https://。"
        )
        return EXIT_UNUSABLE
    flow = AuthorizationFlow(
        OAuthClient(cfg, secret), store, args.app_key, args.env, redirect_uri=args.redirect_uri
    )
    with flow:
        try:
            url = flow.start()
        except AuthorizationError as exc:
            _err(exc.message)
            return EXIT_UNUSABLE
        _out("请在浏览器中打开以下网址，登录店铺账号并同意授权：")
        _out(url)
        if args.env != "local" and args.redirect_uri is None:
            _out(
                "提示：淘宝要求回调地址与应用在开放平台登记的一致；若授权页提示回调地址不符，"
                "请用 --redirect-uri 指定登记的地址。"
            )
        if flow.listening:
            _out(
                f"正在 {flow.redirect_uri} 等待浏览器回调（最多 {args.timeout:.0f} 秒）；"
                "也可以把授权后浏览器地址栏中的完整网址粘贴到这里并回车。"
            )
        else:
            _out("授权完成后，请把浏览器地址栏中的完整网址（或其中的 code 值）粘贴到这里并回车：")
        threading.Thread(target=_read_pasted, args=(flow,), daemon=True).start()
        if not args.no_browser:
            open_browser(url)
        try:
            result = flow.wait(args.timeout)
        except AuthorizationError as exc:
            _err(exc.message)
            return EXIT_FAILED
        except KeyboardInterrupt:
            _err("已取消授权。")
            return EXIT_FAILED
    _out(f"已授权店铺“{result.nick}”（App Key {result.app_key}，{result.env}）。")
    _out(f"授权到期：{_when(result.expires_at)}；写入授权到期：{_when(result.write_expires_at)}。")
    if result.refresh_expires_at is not None:
        _out(f"可自动刷新至：{_when(result.refresh_expires_at)}（需应用类型支持刷新）。")
    return EXIT_OK


def _status(args: argparse.Namespace, store: CredentialStore, where: str) -> int:
    now = utc_now()
    secret = "已保存" if store.has_secret(args.app_key) else "未保存"
    _out(f"App Key {args.app_key}（App Secret：{secret}；密钥环：{where}）")
    for env in [args.env] if args.env else list(ENVS):
        tokens = store.get_tokens(args.app_key, env)
        if tokens is None:
            _out(f"  {env}：未授权")
            continue
        write_end = write_expiry(tokens)
        state = "已过期，需要重新授权" if write_end <= now else "有效"
        line = (
            f"  {env}：店铺“{tokens.nick}”，{state}；授权到期 {_when(tokens.expires_at)}，"
            f"写入授权到期 {_when(write_end)}"
        )
        if tokens.refresh_token and tokens.refresh_expires_at is not None:
            line += f"，可刷新至 {_when(tokens.refresh_expires_at)}"
        _out(line)
    return EXIT_OK


def _logout(args: argparse.Namespace, store: CredentialStore, where: str) -> int:
    for env in [args.env] if args.env else list(ENVS):
        if store.delete_tokens(args.app_key, env):
            _out(f"已从 {where} 删除 App Key {args.app_key} 在 {env} 环境的授权。")
        elif args.env:
            _out(f"App Key {args.app_key} 在 {env} 环境没有保存的授权。")
    return EXIT_OK


def _shops(store: CredentialStore, where: str) -> int:
    shops = store.shops()
    if not shops:
        _out(f"还没有保存任何店铺（密钥环：{where}）。请先运行 taoshelf secret set --app-key K。")
        return EXIT_OK
    active = store.get_active()
    _out(f"已保存的店铺（密钥环：{where}；* 为当前店铺）：")
    for shop in shops:
        mark = "*" if active is not None and shop.app_key == active.app_key else " "
        nicks = "，".join(f"{env}：{nick}" for env, nick in shop.nicks.items()) or "未授权"
        label = f"{shop.label}，" if shop.label else ""
        _out(f"{mark} App Key {shop.app_key}（{label}{nicks}）")
    return EXIT_OK


def run(
    args: argparse.Namespace,
    store: CredentialStore | None = None,
    open_browser: Callable[[str], object] | None = None,
) -> int:
    store = store if store is not None else CredentialStore()
    try:
        where = store.check_backend()
        if args.action == "shops":
            return _shops(store, where)
        if args.app_key is not None:  # given: must be one (an empty one is not "the active")
            args.app_key = validate_app_key(args.app_key)
        if args.action == "use":
            store.set_active(args.app_key)
            _out(f"当前店铺已切换为 App Key {args.app_key}。")
            return EXIT_OK
        if args.app_key is None:
            active = store.get_active()
            if active is None:
                _err("请用 --app-key 指定店铺的 App Key（还没有保存过任何店铺）。")
                return EXIT_UNUSABLE
            args.app_key = active.app_key
        if args.action == "login":
            return _login(args, store, open_browser or webbrowser.open)
        if args.action == "status":
            return _status(args, store, where)
        return _logout(args, store, where)
    except CredentialError as exc:
        _err(exc.message)
        return EXIT_UNUSABLE
    except ValueError as exc:
        _err(str(exc))
        return EXIT_UNUSABLE
