"""Starting the window: QApplication, translations, logging, crash dialogs, demo mode."""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator, QUrl
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import crashlog, paths
from app.review import prune_thumbnails
from app.ui.demo import demo_session
from app.ui.main_window import MainWindow
from app.ui.qt_platform import platform_plugin_advice
from app.ui.shop_context import ShopContext
from app.ui.smoke import exit_after_first_show

log = logging.getLogger(__name__)
_log_folder: Path | None = None


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


def setup_logging() -> RotatingFileHandler:
    """The app's log, ``log_dir()/taoshelf.log`` (rotating); returns its handler."""
    global _log_folder  # noqa: PLW0603 - where the error dialog sends the user (not the demo's)
    _log_folder = paths.log_dir()
    handler = RotatingFileHandler(
        _log_folder / "taoshelf.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return handler


def log_folder() -> Path:
    """The real log folder (a demo points the per-user dirs elsewhere; its log stays here)."""
    return _log_folder or paths.log_dir()


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    log.error("unhandled error", exc_info=(kind, exc, tb))
    detail = "".join(traceback.format_exception_only(kind, exc)).strip()
    crash_dialog(detail).exec()


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    """An error that ends a Python thread (not the GUI's): into the log, not only stderr."""
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "?"
    log.error("unhandled error in thread %s", name,
              exc_info=(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback))


def crash_dialog(detail: str, parent: QWidget | None = None) -> QMessageBox:
    """"Something went wrong" with 打开日志文件夹 (the log has the whole trace)."""
    folder = log_folder()
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QApplication.translate("Application", "TaoShelf hit an unexpected error"),
        QApplication.translate(
            "Application",
            "Something went wrong. Your sheet and upload journal are safe.\n\n%1\n\n"
            "Details are in the log folder: %2",
        )
        .replace("%1", detail)
        .replace("%2", str(folder)),
        QMessageBox.StandardButton.Close,
        parent,
    )
    _add_open_folder(box, folder)
    return box


def _add_open_folder(box: QMessageBox, folder: Path) -> None:
    button = box.addButton(
        QApplication.translate("Application", "Open log folder"), QMessageBox.ButtonRole.ActionRole
    )
    button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))


def tell_about_last_crash(parent: QWidget, folder: Path | None = None) -> QMessageBox | None:
    """If a TaoShelf process crashed since the window last looked, say so (without blocking)
    and where the trace is; returns the message box shown, if any."""
    trace = crashlog.unseen_crash(folder)
    if trace is None:
        return None
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QApplication.translate("Application", "TaoShelf closed unexpectedly last time"),
        QApplication.translate(
            "Application",
            "TaoShelf closed unexpectedly last time. What it was doing is recorded in:\n%1\n\n"
            "If this happens again, please send that file to us. Products already listed are "
            "in the upload journal: the next upload continues where it stopped.",
        ).replace("%1", str(trace)),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    _add_open_folder(box, trace.parent)
    box.open()
    return box


def run_gui(
    sheet: Path | None = None,
    *,
    demo: bool = False,
    env: str | None = None,
    gateway: str | None = None,
) -> int:
    with platform_plugin_advice():  # a missing platform plugin: advice, exit 2 (not Qt's abort)
        app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("TaoShelf")
    app.setWindowIcon(QIcon(str(paths.resource("icons", "taoshelf.png"))))
    exit_after_first_show(app)  # TAOSHELF_EXIT_AFTER_SHOW=1: start-up benchmark
    install_translations(app)
    setup_logging()
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
    logs = paths.log_dir()  # the real one: a demo points the per-user dirs at its own folder
    try:
        if demo:
            with demo_session() as session:
                window = MainWindow(demo=True, connection=lambda: session.connection,
                                    shops=ShopContext(demo=session.connection))
                window.open_sheet(sheet or session.sheet)
                window.show()
                tell_about_last_crash(window, logs)
                return app.exec()
        window = MainWindow(env=env, gateway=gateway)
        if sheet is not None:
            window.open_sheet(sheet)
        window.show()
        setup = window.shop_ui.first_run()  # no shop yet: the setup
        crash = tell_about_last_crash(window, logs)
        if setup is None and crash is None and sheet is None:
            window.offer_unfinished()  # one question at a time
        return app.exec()
    finally:
        prune_thumbnails()
