"""授权店铺 and 测试连接 off the GUI thread.

The authorisation waits minutes for the browser (loopback callback, or a code the user pastes:
`submit_code`); 测试连接 waits on the network. Each runs as a `QRunnable` on the global pool and
reports through a signals object with no Qt parent, so a dialog closed meanwhile is no problem
(`shutdown` cancels a waiting authorisation first). One task at a time.
"""

from __future__ import annotations

import logging
import threading
import webbrowser
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from app.credentials.authorize import (
    DEFAULT_TIMEOUT,
    AuthorizationCancelled,
    AuthorizationError,
    AuthorizationFlow,
)
from app.credentials.store import CredentialError, CredentialStore, NoKeyringError
from app.top.errors import TopError
from app.top.oauth import OAuthClient
from app.ui.shop_text import connect_error_text
from app.upload.connection import ConnectError, gateway_config
from app.upload.shop_check import check_shop

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # lupdate reads translate("ShopTasks", "…")


class _Signals(QObject):
    url = Signal(str, bool)  # the authorize URL; True when a loopback listener waits
    authorised = Signal(object)  # AuthResult
    checked = Signal(object)  # ShopCheck
    failed = Signal(object)  # an exception (mapped to words on the GUI thread)
    finished = Signal()


class _Task(QRunnable):
    def __init__(
        self, work: Callable[[_Signals], None], signals: _Signals, idle: threading.Event
    ) -> None:
        super().__init__()
        self._work, self._signals, self._idle = work, signals, idle

    def run(self) -> None:
        try:
            self._work(self._signals)
        except (ConnectError, CredentialError, AuthorizationError, TopError) as exc:
            self._signals.failed.emit(exc)
        except Exception as exc:  # the dialog must not wait forever; the log has the trace
            log.exception("shop task failed")
            self._signals.failed.emit(exc)
        finally:
            self._idle.set()
            self._signals.finished.emit()


class ShopTasks(QObject):
    url_ready = Signal(str, bool)
    authorised = Signal(object)
    checked = Signal(object)
    failed = Signal(str)  # Chinese, for the window
    busy_changed = Signal(bool)

    def __init__(
        self,
        store: CredentialStore | None = None,
        open_browser: Callable[[str], object] = webbrowser.open,
        parent: QObject | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        super().__init__(parent)
        self.store = store or CredentialStore()
        self._open_browser = open_browser
        self._timeout = timeout
        self._lock = threading.Lock()
        self._flow: AuthorizationFlow | None = None
        self._cancelled = False
        self._signals: _Signals | None = None
        self._idle = threading.Event()  # set while no task runs (what shutdown waits for)
        self._idle.set()

    @property
    def busy(self) -> bool:
        return self._signals is not None

    # -- authorisation --------------------------------------------------------------------------
    def authorize(self, app_key: str, env: str, gateway: str, redirect_uri: str) -> bool:
        if self.busy:
            return False
        with self._lock:
            self._flow, self._cancelled = None, False

        def work(signals: _Signals) -> None:
            secret = self.store.get_secret(app_key)
            if not secret:
                raise ConnectError("no secret", "no_secret")
            config = gateway_config(env, app_key, gateway or None)
            flow = AuthorizationFlow(OAuthClient(config, secret), self.store, app_key, env,
                                     redirect_uri=redirect_uri or None)
            with self._lock:
                self._flow = flow
                cancelled = self._cancelled
            with flow:
                url = flow.start()
                if cancelled:
                    flow.cancel()
                signals.url.emit(url, flow.listening)
                try:
                    self._open_browser(url)
                except (OSError, webbrowser.Error) as exc:  # the URL is shown: copy it by hand
                    log.warning("could not open the browser: %s", exc)
                signals.authorised.emit(flow.wait(self._timeout))

        signals = self._signals_for_task()
        signals.url.connect(self.url_ready)
        signals.authorised.connect(self.authorised)
        self._start(work, signals)
        return True

    def submit_code(self, text: str) -> None:
        """What the user pasted: the code, or the whole address the browser ended on."""
        with self._lock:
            flow = self._flow
        if flow is not None:
            flow.submit_pasted(text)

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            flow = self._flow
        if flow is not None:
            flow.cancel()

    # -- 测试连接 -------------------------------------------------------------------------------
    def check(self, app_key: str, env: str, gateway: str) -> bool:
        if self.busy:
            return False

        def work(signals: _Signals) -> None:
            signals.checked.emit(check_shop(env, app_key, gateway or None, self.store))

        signals = self._signals_for_task()
        signals.checked.connect(self.checked)
        self._start(work, signals)
        return True

    def shutdown(self, wait_seconds: float = 3.0) -> bool:
        """Cancel a waiting authorisation and give the task a moment to end (bounded: a test
        of the connection may still wait on the network; it reports to nobody then).
        True when no task is left running."""
        self.cancel()
        return self._idle.wait(wait_seconds)

    # -- internals ------------------------------------------------------------------------------
    def _signals_for_task(self) -> _Signals:
        signals = _Signals()  # no parent: it outlives a closed dialog
        signals.failed.connect(self._on_failed)
        signals.finished.connect(self._on_finished)
        return signals

    def _start(self, work: Callable[[_Signals], None], signals: _Signals) -> None:
        self._signals = signals
        self._idle.clear()
        QThreadPool.globalInstance().start(_Task(work, signals, self._idle))
        self.busy_changed.emit(True)

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        self.failed.emit(failure_text(exc))

    @Slot()
    def _on_finished(self) -> None:
        self._signals = None
        with self._lock:
            self._flow = None
        self.busy_changed.emit(False)


def failure_text(exc: object) -> str:
    """A task's failure in the window's words (never a command, never a secret)."""
    if isinstance(exc, AuthorizationCancelled):
        return translate("ShopTasks", "The authorisation was cancelled.")
    if isinstance(exc, ConnectError):
        return connect_error_text(exc)
    if isinstance(exc, NoKeyringError):
        return exc.window_message
    if isinstance(exc, CredentialError | AuthorizationError):
        return exc.message
    if isinstance(exc, TopError):
        return exc.user_message
    return translate("ShopTasks", "Something went wrong; the details are in the log.")
