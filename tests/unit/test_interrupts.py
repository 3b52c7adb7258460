"""`Interrupts`: Ctrl+C recorded by the handler, acted on from the main thread, once."""

from __future__ import annotations

import signal
import sys
import threading

import pytest

from app.commands.interrupts import Interrupts

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGINT raised in-process")


def test_first_ctrl_c_calls_on_interrupt_once_and_the_work_still_finishes() -> None:
    notices: list[str] = []
    cancelled = threading.Event()
    calls: list[int] = []

    def on_interrupt() -> None:
        calls.append(1)
        cancelled.set()

    def work() -> str:
        signal.raise_signal(signal.SIGINT)  # the user presses Ctrl+C twice
        signal.raise_signal(signal.SIGINT)
        assert cancelled.wait(10), "on_interrupt never came"
        return "summary"

    before = signal.getsignal(signal.SIGINT)
    with Interrupts(notice=notices.append) as ctrl_c:
        assert ctrl_c.run(work, on_interrupt) == "summary"
        assert ctrl_c.requested
    assert calls == [1]
    assert notices
    assert signal.getsignal(signal.SIGINT) is before


def test_ctrl_c_before_a_step_starts_it_cancelled() -> None:
    order: list[str] = []
    with Interrupts(notice=lambda _t: None) as ctrl_c:
        signal.raise_signal(signal.SIGINT)  # between two steps: only recorded
        ctrl_c.run(lambda: order.append("work"), lambda: order.append("cancel"))
    assert order == ["cancel", "work"]


def test_the_works_exception_reaches_the_caller() -> None:
    def work() -> None:
        raise LookupError("boom")

    with Interrupts() as ctrl_c, pytest.raises(LookupError, match="boom"):
        ctrl_c.run(work)


def test_inside_raising_ctrl_c_is_a_keyboard_interrupt() -> None:
    with Interrupts() as ctrl_c:
        with pytest.raises(KeyboardInterrupt), ctrl_c.raising():
            signal.raise_signal(signal.SIGINT)
        signal.raise_signal(signal.SIGINT)  # outside: recorded, nothing raised
        assert ctrl_c.requested
        with pytest.raises(KeyboardInterrupt), ctrl_c.raising():  # asked before: at once
            pass
