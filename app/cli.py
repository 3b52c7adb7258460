"""The `taoshelf` command: the window by default, subcommands for headless work.

Each subcommand lives in ``app.commands.<name>`` with ``configure(parser)`` and ``run(args)``;
only the one asked for is imported, so `taoshelf check` never loads Qt.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from app import __version__

# name -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("app.commands.check", "read and validate a sheet; print every row's issues"),
    "upload": ("app.commands.upload", "upload a sheet headless (resumes where it stopped)"),
    "template": ("app.commands.template", "write the product sheet template"),
    "simulator": ("app.commands.simulator", "run the local Taobao gateway"),
    "secret": ("app.commands.secret", "store, check or delete the App Secret in the OS keyring"),
    "auth": ("app.commands.auth", "authorise a shop, show or forget its token"),
    "categories": ("app.commands.categories", "search the category tree, show a leaf, refresh"),
    "settings": ("app.commands.settings", "show or change a shop's listing settings"),
    "runs": ("app.commands.runs", "list the upload runs (time, sheet, shop, counts)"),
    "undo": ("app.commands.undo", "take down (or put back, or delete) what a run listed"),
}


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="taoshelf",
        description="淘上架 TaoShelf. Commands: "
        + "; ".join(f"{name}: {help_}" for name, (_, help_) in COMMANDS.items()),
    )
    parser.add_argument("sheet", nargs="?", type=Path, help="product sheet to open")
    parser.add_argument("--demo", action="store_true", help="open the bundled demo sheet")
    parser.add_argument("--env", choices=("production", "sandbox", "local"), default=None,
                        help="open the window on this environment (default: the shop's own)")
    parser.add_argument("--gateway", default=None,
                        help="router URL of the local simulator (implies --env local)")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="check the installation without showing a window; print one line of JSON",
    )
    parser.add_argument("--version", action="version", version=f"taoshelf {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    from app.crashlog import enable as enable_crash_log  # first: a native crash leaves a trace

    enable_crash_log(args_list[0] if args_list and args_list[0] in COMMANDS else "window")
    if args_list and args_list[0] in COMMANDS:
        name = args_list[0]
        module_name, help_ = COMMANDS[name]
        module = importlib.import_module(module_name)
        parser = argparse.ArgumentParser(prog=f"taoshelf {name}", description=help_)
        module.configure(parser)
        args = parser.parse_args(args_list[1:])
        return int(module.run(args))
    args = _gui_parser().parse_args(args_list)
    if args.smoke:
        from app.ui.smoke import run_smoke

        return run_smoke()
    if args.gateway is not None:
        from app.credentials.shops import validate_gateway

        try:
            args.gateway = validate_gateway(args.gateway)
        except ValueError as exc:
            print(f"--gateway：{exc}", file=sys.stderr)
            return 2
        args.env = args.env or "local"  # a gateway is the local simulator's
    from app.ui.application import run_gui

    return run_gui(sheet=args.sheet, demo=args.demo, env=args.env, gateway=args.gateway)
