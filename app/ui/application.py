"""Starting the window: QApplication, translations, logging, crash dialog, demo mode."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from app import paths
from app.review import prune_thumbnails
from app.top.config import TopConfig
from app.ui.main_window import MainWindow
from app.ui.qt_platform import platform_plugin_advice
from app.ui.smoke import exit_after_first_show
from app.upload.connection import Connection
from app.upload.session import StaticSession

log = logging.getLogger(__name__)

DEMO_APP_KEY = "12345678"
DEMO_APP_SECRET = "helloworld"  # noqa: S105 - the simulator's published demo secret


def install_translations(app: QApplication, language: str | None = None) -> list[QTranslator]:
    """Chinese by default; ``TAOSHELF_LANG=en`` (or language="en") keeps the English sources."""
    language = language or os.environ.get("TAOSHELF_LANG", "zh_CN")
    if language.startswith("en"):
        return []
    installed = []
    ours = QTranslator(app)
    if ours.load(str(paths.resource("translations", f"taoshelf_{language}.qm"))):
        app.installTranslator(ours)
        installed.append(ours)
    qt_base = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_base.load(QLocale(language), "qtbase", "_", qt_dir):
        app.installTranslator(qt_base)
        installed.append(qt_base)
    return installed


def setup_logging() -> None:
    handler = RotatingFileHandler(
        paths.log_dir() / "taoshelf.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    log.error("unhandled error", exc_info=(kind, exc, tb))
    detail = "".join(traceback.format_exception_only(kind, exc)).strip()
    QMessageBox.critical(
        None,
        QApplication.translate("Application", "TaoShelf hit an unexpected error"),
        QApplication.translate(
            "Application",
            "Something went wrong. Your sheet and upload journal are safe.\n\n%1\n\n"
            "Details are in the log folder: %2",
        )
        .replace("%1", detail)
        .replace("%2", str(paths.log_dir())),
    )


@contextmanager
def demo_shop() -> Iterator[Connection]:
    """Run the local Taobao simulator in-process; the demo window's shop is on it."""
    from app.simulator import Simulator, SimulatorConfig

    config = SimulatorConfig(app_key=DEMO_APP_KEY, app_secret=DEMO_APP_SECRET, latency_ms=150)
    with Simulator(config, host="127.0.0.1", port=0) as sim:
        session = sim.issue_session(nick="演示店铺")
        gateway = TopConfig(
            app_key=DEMO_APP_KEY, gateway_url=sim.router_url, oauth_base_url=sim.base_url
        )
        yield Connection(
            gateway,
            "local",
            "演示店铺",
            StaticSession(session),
            DEMO_APP_SECRET,
            session,
            rate=10.0,
        )


def run_gui(sheet: Path | None = None, *, demo: bool = False) -> int:
    with platform_plugin_advice():  # a missing platform plugin: advice, exit 2 (not Qt's abort)
        app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("TaoShelf")
    app.setWindowIcon(QIcon(str(paths.resource("icons", "taoshelf.png"))))
    exit_after_first_show(app)  # TAOSHELF_EXIT_AFTER_SHOW=1: start-up benchmark
    install_translations(app)
    setup_logging()
    sys.excepthook = _excepthook
    try:
        if demo:
            with demo_shop() as shop:
                window = MainWindow(demo=True, connection=lambda: shop)
                window.open_sheet(sheet or paths.resource("demo", "demo.xlsx"))
                window.show()
                return app.exec()
        window = MainWindow()
        if sheet is not None:
            window.open_sheet(sheet)
        window.show()
        return app.exec()
    finally:
        prune_thumbnails()
