"""Ctrl+C in a long command: a request to stop, honoured where it is safe — never a traceback.

While `Interrupts` is active, SIGINT only counts the request: the handler takes no lock and
raises nothing, so it cannot break the code it interrupts (a journal write, a lock held by the
rate limiter). Long work runs through `Interrupts.run(work, on_interrupt)`: ``work`` runs on a
worker thread while the main thread waits; the first Ctrl+C calls ``on_interrupt`` (e.g.
``engine.cancel``) from the main thread, and the wait goes on until ``work`` returns — so calls
in flight end and the journal stays consistent. Inside ``raising()`` (reading the sheet, a
prompt) Ctrl+C raises `KeyboardInterrupt` as usual: nothing is being written there.

Why not ``Thread.join(timeout)``: on CPython 3.11 a KeyboardInterrupt inside it can leave
``is_alive()`` false while the thread still runs.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TypeVar

T = TypeVar("T")
POLL = 0.2  # seconds: how soon a recorded Ctrl+C is acted on


class Interrupts:
    """Installs its SIGINT handler for the ``with`` block (main thread only; elsewhere the
    process keeps its handler and `requested` stays False)."""

    def __init__(self, *, notice: Callable[[str], None] | None = None) -> None:
        self.count = 0
        self._raising = False
        self._previous: object = None
        self._installed = False
        self._notice = notice or (lambda text: print(text, file=sys.stderr, flush=True))

    @property
    def requested(self) -> bool:
        return self.count > 0

    def __enter__(self) -> Interrupts:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
            self._installed = True
        return self

    def __exit__(self, *exc: object) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)  # type: ignore[arg-type]
            self._installed = False

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self._raising:
            raise KeyboardInterrupt
        self.count += 1

    @contextmanager
    def raising(self) -> Iterator[None]:
        """Ctrl+C raises KeyboardInterrupt inside the block (also one pressed just before)."""
        if self.requested:
            raise KeyboardInterrupt
        self._raising = True
        try:
            yield
        finally:
            self._raising = False

    def run(self, work: Callable[[], T], on_interrupt: Callable[[], None] | None = None,
            *, waiting: str = "正在取消：等待进行中的请求完成…") -> T:
        """``work()`` on a worker thread; returns its result or raises its exception."""
        done = threading.Event()
        result: list[T] = []
        failure: list[BaseException] = []

        def target() -> None:
            try:
                result.append(work())
            except BaseException as exc:  # noqa: BLE001 (handed to the main thread as is)
                failure.append(exc)
            finally:
                done.set()

        acted = self.count
        if acted and on_interrupt is not None:
            on_interrupt()  # Ctrl+C came before this step began: it starts cancelled
        thread = threading.Thread(target=target, name="taoshelf-work", daemon=True)
        thread.start()
        while not done.wait(POLL):
            if self.count > acted:
                if acted == 0 and on_interrupt is not None:
                    on_interrupt()
                self._notice(("\n" if acted == 0 else "") + waiting)
                acted = self.count
        if failure:
            raise failure[0]
        return result[0]
