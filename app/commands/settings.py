"""`taoshelf settings [show | set KEY VALUE] [--app-key K] [--env E]`: a shop's listing settings.

The same settings the window's 上架设置 dialog edits and ``taoshelf upload`` reads
(`app.settings_store`). ``--app-key`` default: the current shop; ``--env`` (only for the run
settings: rate, workers, wait_for_quota) default: the shop's environment. Exit 0 done, 2 an
unusable key, value or shop.
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal

from app import settings_store
from app.catalog.pricing import compute_price
from app.credentials.shops import ENVS, validate_app_key
from app.settings_keys import KEYS, set_value

EXIT_OK = 0
EXIT_UNUSABLE = 2
ENV_NAMES = {"production": "正式", "sandbox": "沙箱", "local": "本地模拟"}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", nargs="?", choices=("show", "set"), default="show",
                        help="show every setting (default) or set one")
    parser.add_argument("key", nargs="?", help="with set: the setting's name (see show)")
    parser.add_argument("value", nargs="?", help="with set: the new value ('' clears a text)")
    parser.add_argument("--app-key", default=None, help="the shop (default: the current one)")
    parser.add_argument("--env", choices=ENVS, default=None,
                        help="environment of the run settings (default: the shop's)")


def _shop(args: argparse.Namespace) -> tuple[str | None, str]:
    app_key, env = settings_store.current_shop()
    if args.app_key is not None:
        app_key = validate_app_key(args.app_key)
        env = settings_store.shop_env(app_key)
    return app_key, args.env or env


def _show(app_key: str | None, env: str) -> None:
    settings = settings_store.load(app_key, env)
    if app_key is None:
        print("还没有保存任何店铺；以下是新店铺会沿用的设置：")
    else:
        print(f"店铺 App Key {app_key} 的上架设置（运行速度为{ENV_NAMES[env]}环境）：")
    width = max(len(key.name) for key in KEYS)
    for key in KEYS:
        print(f"  {key.name:<{width}}  {key.label}：{key.show(settings, env)}")
    if settings.pricing is not None:
        price = compute_price(Decimal(100), settings.pricing)
        print(f"  价格规则示例：成本 100.00 元 → 一口价 {price:.2f} 元")
    print("修改：taoshelf settings set 名称 值，例如 taoshelf settings set location 浙江/杭州")


def run(args: argparse.Namespace) -> int:
    try:
        app_key, env = _shop(args)
        if args.action == "show":
            if args.key is not None:
                print("show 不需要其他参数。", file=sys.stderr)
                return EXIT_UNUSABLE
            _show(app_key, env)
            return EXIT_OK
        if args.key is None or args.value is None:
            print("用法：taoshelf settings set 名称 值（名称见 taoshelf settings show）。",
                  file=sys.stderr)
            return EXIT_UNUSABLE
        if app_key is None:
            print("还没有保存任何店铺：请先在淘上架窗口的 设置 → 店铺 中添加店铺，"
                  "或用 --app-key 指定店铺。", file=sys.stderr)
            return EXIT_UNUSABLE
        settings = set_value(settings_store.load(app_key, env), args.key, args.value)
        settings_store.save(app_key, env, settings)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    key = next(k for k in KEYS if k.name == args.key.strip().lower())
    where = f"（{ENV_NAMES[env]}环境）" if key.per_env else ""
    print(f"已保存：{key.label}{where} = {key.show(settings, env)}")
    return EXIT_OK
