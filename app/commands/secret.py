"""`taoshelf secret set|status|delete --app-key K`: the App Secret in the OS keyring.

The secret is read from stdin when stdin is not a terminal, otherwise from a hidden prompt asked
twice; never from the command line. ``status`` says whether it is stored and where, never prints
it. Exit 0 on success, 2 when no keyring backend is usable or the input is unusable.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from app.credentials.shops import validate_app_key
from app.credentials.store import CredentialError, CredentialStore

EXIT_OK = 0
EXIT_UNUSABLE = 2


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True, metavar="{set,status,delete}")
    helps = {
        "set": "store the App Secret (read from stdin or a hidden prompt, never from argv)",
        "status": "say whether the App Secret is stored and in which keyring",
        "delete": "delete the stored App Secret",
    }
    for name, help_ in helps.items():
        p = sub.add_parser(name, help=help_, description=help_)
        p.add_argument(
            "--app-key",
            required=False,
            help="the shop's App Key (default: the active shop)",
        )


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def resolve_app_key(store: CredentialStore, app_key: str | None) -> str | None:
    """The App Key given (checked: digits; ValueError otherwise — an empty one is refused, never
    taken as "the active shop"), else the active shop's; None (after telling the user)."""
    if app_key is not None:
        return validate_app_key(app_key)
    active = store.get_active()
    if active is None:
        _err("请用 --app-key 指定店铺的 App Key（还没有保存过任何店铺）。")
        return None
    return active.app_key


def read_secret() -> str | None:
    """The secret from stdin (not a terminal) or a hidden prompt asked twice; None if unusable."""
    if not sys.stdin.isatty():
        value = sys.stdin.read().strip()
        if not value:
            _err(
                "标准输入中没有读到 App Secret：请用管道或重定向传入，"
                "例如 taoshelf secret set --app-key K < secret.txt"
            )
            return None
        return value
    first = getpass.getpass("App Secret（输入时不显示）: ").strip()
    if not first:
        _err("没有输入 App Secret。")
        return None
    second = getpass.getpass("请再输入一次 App Secret: ").strip()
    if first != second:
        _err("两次输入的 App Secret 不一致，没有保存。")
        return None
    return first


def run(args: argparse.Namespace, store: CredentialStore | None = None) -> int:
    store = store if store is not None else CredentialStore()
    try:
        where = store.check_backend()
        app_key = resolve_app_key(store, args.app_key)
        if app_key is None:
            return EXIT_UNUSABLE
        if args.action == "set":
            secret = read_secret()
            if secret is None:
                return EXIT_UNUSABLE
            store.set_secret(app_key, secret)
            print(f"App Key {app_key} 的 App Secret 已保存在 {where}。")
        elif args.action == "status":
            if store.has_secret(app_key):
                print(f"App Key {app_key} 的 App Secret：已保存在 {where}。")
            else:
                print(f"App Key {app_key} 的 App Secret：未保存（密钥环：{where}）。")
        elif store.delete_secret(app_key):
            print(f"已从 {where} 删除 App Key {app_key} 的 App Secret。")
        else:
            print(f"{where} 中没有 App Key {app_key} 的 App Secret，无需删除。")
    except CredentialError as exc:
        _err(exc.message)
        return EXIT_UNUSABLE
    except ValueError as exc:
        _err(str(exc))
        return EXIT_UNUSABLE
    return EXIT_OK
