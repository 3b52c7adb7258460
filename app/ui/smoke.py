"""`taoshelf --smoke`: start the app's whole stack without showing a window and check what a
frozen build loses first; print one line of JSON.

Checks: the bundled resources are where ``app.paths`` looks; the Chinese translation (ours and
Qt's) loads; the demo sheet reads and the in-process simulator answers a signed call; the
template (the bundled file when frozen) reads back with every column; the keyring backend is a
real OS keyring (never a plain file) and keeps a throw-away entry. Exit 0 when every check
passed, 1 otherwise (``problems`` says which). A platform plugin Qt cannot load ends in the same
advice and exit 2 as the window.

Also: with ``TAOSHELF_EXIT_AFTER_SHOW=1`` the window closes itself on its first paint and prints
``{"shown": true}`` (how tests/benchmarks/bench_startup.py measures start-up to a shown window).
"""

from __future__ import annotations

import json
import os
import platform
import secrets
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from app import __version__, paths
from app.ui.qt_platform import platform_plugin_advice

# Files the window loads at run time (the bundle must carry them; installer.spec lists them).
RESOURCES = (
    ("translations", "taoshelf_zh_CN.qm"),
    ("demo", "demo.xlsx"),
    ("icons", "taoshelf.png"),
)
# The operating systems' own keyrings. Anything else (keyrings.alt's files, a test backend, a
# chainer with nothing in it) fails the check: the bundle lost its backends or secrets would end
# up in a plain file.
OS_KEYRINGS = (
    "keyring.backends.Windows",
    "keyring.backends.macOS",
    "keyring.backends.SecretService",
    "keyring.backends.libsecret",
    "keyring.backends.kwallet",
)
_PROBE_USER = "smoke-check"  # a throw-away entry; real ones are app_secret:/tokens:
_OUR_STRING = ("RunPanel", "Start upload")  # -> 开始上架 (resources/translations)
_QT_STRING = ("QPlatformTheme", "Cancel")  # -> 取消 (Qt's qtbase_zh_CN.qm)


def check_resources() -> dict[str, Any]:
    missing = [
        "/".join(parts) for parts in RESOURCES if not paths.resource(*parts).is_file()
    ]
    if missing:
        raise RuntimeError(f"missing resources under {paths.RESOURCES}: {', '.join(missing)}")
    return {"dir": str(paths.RESOURCES)}


def check_translation(app: QApplication) -> dict[str, Any]:
    from app.ui.application import install_translations

    installed = install_translations(app, "zh_CN")
    try:  # (names in variables: lupdate must not take these for new UI strings)
        ours = QApplication.translate(*_OUR_STRING)
        qt_own = QApplication.translate(*_QT_STRING)
    finally:
        for translator in installed:
            app.removeTranslator(translator)
    if ours != "开始上架":
        raise RuntimeError(f"the zh_CN translation did not load ('Start upload' -> {ours!r})")
    if qt_own == "Cancel":
        raise RuntimeError("Qt's own zh_CN translation (qtbase) did not load")
    return {"language": "zh_CN", "translators": len(installed)}


def check_demo() -> dict[str, Any]:
    from app.review import review_sheet
    from app.top.client import TopClient
    from app.ui.demo import demo_shop

    review = review_sheet(paths.resource("demo", "demo.xlsx"))
    with demo_shop() as shop, TopClient(shop.config, shop.secret, shop.session) as client:
        found = client.find_items_by_outer_id(["SMOKE-CHECK"])
    return {"rows": len(review.products), "simulator_items": len(found)}


def check_template() -> dict[str, Any]:
    """The bundled template (a frozen build carries one, written at build time) reads back with
    every column; from source, one is written first."""
    from app.excel.reader import read_sheet
    from app.excel.template import COLUMNS, write_template

    bundled = paths.resource("template", paths.TEMPLATE_FILE)
    with tempfile.TemporaryDirectory(prefix="taoshelf-smoke-") as tmp:
        source = bundled if bundled.is_file() else write_template(Path(tmp) / "template.xlsx")
        sheet = read_sheet(source)
    headers = set(sheet.headers.values())
    missing = [c.header for c in COLUMNS if c.header not in headers]
    if missing or not sheet.products:
        raise RuntimeError(f"template read back: missing {missing}, {len(sheet.products)} rows")
    return {
        "source": "bundled" if bundled.is_file() else "generated",
        "columns": len(headers),
        "rows": len(sheet.products),
    }


def check_keyring() -> dict[str, Any]:
    """One of :data:`OS_KEYRINGS`, keeping a throw-away entry; a locked one is reported, not
    failed (the bundle found its backend; the user unlocks it)."""
    import keyring.errors

    from app.credentials.backend import NoKeyringError, active_backend, display_name
    from app.credentials.store import SERVICE_NAME

    try:
        backend = active_backend(None)
    except NoKeyringError as exc:
        raise RuntimeError(f"no usable OS keyring ({exc.detail})") from None
    leaf = next(iter(getattr(backend, "backends", None) or [backend]))
    found = {"backend": f"{type(leaf).__module__}.{type(leaf).__name__}",
             "name": display_name(backend)}
    if not type(leaf).__module__.startswith(OS_KEYRINGS):
        raise RuntimeError(f"keyring backend {found['backend']} is not an OS keyring")
    value = secrets.token_hex(8)
    try:
        backend.set_password(SERVICE_NAME, _PROBE_USER, value)
        kept = backend.get_password(SERVICE_NAME, _PROBE_USER) == value
        backend.delete_password(SERVICE_NAME, _PROBE_USER)
    except keyring.errors.KeyringLocked:
        return {**found, "state": "locked"}
    if not kept:
        raise RuntimeError(f"keyring backend {found['backend']} did not keep a value")
    return {**found, "state": "ok"}


def _run(report: dict[str, Any], problems: list[str], key: str, check: Callable[[], Any]) -> None:
    try:
        report[key] = check()
    except Exception as exc:  # noqa: BLE001 - a smoke check reports every failure, then exits 1
        report[key] = None
        problems.append(f"{key}: {type(exc).__name__}: {exc}")


def run_smoke() -> int:
    """Run every check; print one JSON line; 0 if all passed, else 1."""
    started = time.perf_counter()
    with platform_plugin_advice():
        app = QApplication.instance() or QApplication([sys.argv[0]])
    report: dict[str, Any] = {
        "ok": False,
        "version": __version__,
        "frozen": bool(getattr(sys, "frozen", False)),
        "python": platform.python_version(),
        "qt": qVersion(),
        "qt_platform": QGuiApplication.platformName(),
    }
    problems: list[str] = []
    _run(report, problems, "resources", check_resources)
    _run(report, problems, "translation", lambda: check_translation(app))
    _run(report, problems, "demo", check_demo)
    _run(report, problems, "template", check_template)
    _run(report, problems, "keyring", check_keyring)
    report["ok"] = not problems
    report["problems"] = problems
    report["seconds"] = round(time.perf_counter() - started, 3)
    line = json.dumps(report)  # ASCII: a Chinese Windows console pipe may not be UTF-8
    if sys.stdout is not None:
        print(line, flush=True)
    return 0 if not problems else 1


class _FirstShow(QObject):
    """Closes the first top-level widget on its first paint and prints ``{"shown": true}``."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.isWindow()
        ):
            QApplication.instance().removeEventFilter(self)
            if sys.stdout is not None:
                print(json.dumps({"shown": True, "title": watched.windowTitle()}), flush=True)
            QTimer.singleShot(0, watched.close)
        return False


def exit_after_first_show(app: QApplication) -> None:
    """With ``TAOSHELF_EXIT_AFTER_SHOW=1``, close the window once it has painted (start-up
    benchmark); otherwise nothing."""
    if os.environ.get("TAOSHELF_EXIT_AFTER_SHOW") == "1":
        probe = _FirstShow(app)
        app.installEventFilter(probe)
