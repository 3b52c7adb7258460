"""Asks the upload journal, off the GUI thread, which rows of the sheet are already listed (or
waiting for the quota, or refused and unchanged) on the current shop: `found(env, by_row)`.

The shop's journal identity and environment are set by the shell (`set_shop`), or worked out by
a resolver it gives (`set_resolver`, called off the GUI thread, once per sheet loaded).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QThreadPool, Signal

from app.catalog.model import Product
from app.ui.loaders import Task
from app.upload.status import listed_status

log = logging.getLogger(__name__)
Resolver = Callable[[], tuple[str, str] | None]


class _Signals(QObject):
    found = Signal(int, object, str, object)  # sequence, (shop, env) used, env, by row


class JournalStatusLoader(QObject):
    found = Signal(str, object)  # env, dict[sheet row, JournalStatus]

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._identity: tuple[str, str] | None = None
        self._resolver: Resolver | None = None
        self._sequence = 0
        self._signals = _Signals()  # no parent: a task may finish after the window is gone
        self._signals.found.connect(self._on_found)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

    def set_shop(self, shop: str, env: str) -> None:
        self._identity = (shop, env)

    def set_resolver(self, resolve: Resolver | None) -> None:
        self._resolver = resolve
        self._identity = None

    def forget_shop(self) -> None:
        """A new sheet: a resolver is asked again (the shell may have switched shops)."""
        if self._resolver is not None:
            self._identity = None

    def query(self, products: Sequence[Product]) -> None:
        if self._identity is None and self._resolver is None:
            return
        self._sequence += 1
        sequence, identity, resolve = self._sequence, self._identity, self._resolver
        rows, signals = list(products), self._signals

        def work() -> None:
            try:
                who = identity or (resolve() if resolve is not None else None)
                if who is None:
                    return
                signals.found.emit(sequence, who, who[1], listed_status(who[0], who[1], rows))
            except Exception as exc:  # noqa: BLE001 - no shop yet, journal busy: rows stay as read
                log.info("journal status not shown: %s", exc)

        self._pool.start(Task(work))

    def shutdown(self) -> None:
        self._sequence += 1
        self._pool.clear()
        self._pool.waitForDone()

    def _on_found(self, sequence: int, who: tuple[str, str], env: str, by_row: object) -> None:
        if self._identity is None and self._resolver is not None:
            self._identity = who
        if sequence == self._sequence:
            self.found.emit(env, by_row)
