"""The Qt binding must not leak references on Signal.emit().

PySide6 6.12.0 under Python 3.11 drops one reference to ``True`` on every emit; after a few
thousand emits the interpreter aborts with "bool_dealloc: deallocating True or False" and the
window vanishes without a word. pyproject.toml excludes that release; this test fails on any
binding that leaks the same way (Python >= 3.12 makes True immortal, which hides the leak).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

EMITS = 200


class _Emitter(QObject):
    bare = Signal()
    number = Signal(int)
    flag = Signal(bool)
    anything = Signal(object)


def _refs() -> tuple[int, int, int]:
    return sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)


def test_emit_keeps_refcounts_of_true_false_none() -> None:
    emitter = _Emitter()
    got: list[object] = []
    emitter.anything.connect(got.append)  # connected and unconnected signals both checked
    before = _refs()
    for i in range(EMITS):
        emitter.bare.emit()
        emitter.number.emit(i)
        emitter.flag.emit(i % 2 == 0)
        emitter.anything.emit(i)
    after = _refs()
    assert len(got) == EMITS
    assert [a - b for a, b in zip(after, before, strict=True)] == [0, 0, 0], (
        "Signal.emit() leaks references to True/False/None: this Qt binding crashes long "
        "sessions (see pyproject.toml)")
