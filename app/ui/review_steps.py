"""A re-check applied to the table a slice at a time, one slice per event-loop turn.

Category data arriving for a 10,000-row sheet changes every row: applied in one go it held the
GUI thread ~50 ms (compare each product, refresh each row's status and texts). In slices of
`STEP` rows the window paints and answers between them; a newer re-check replaces the one
still being applied (its rows are compared against what the table shows, so nothing is lost),
and another sheet shown cancels it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, QTimer

from app.review import Review
from app.ui.table_model import ProductTableModel

STEP = 1500  # rows per turn: ~8 ms of the GUI thread


class ReviewSteps(QObject):
    def __init__(self, model: ProductTableModel, reshaped: Callable[[list[int]], object],
                 done: Callable[[Review], object], parent: QObject) -> None:
        """``reshaped(rows)`` after each slice (rows whose picture came or went), ``done(review)``
        once every row shows ``review``."""
        super().__init__(parent)
        self._model, self._reshaped, self._done = model, reshaped, done
        self._steps: Iterator[list[int]] | None = None
        self._review: Review | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._next)
        model.modelReset.connect(self.cancel)  # another sheet: this re-check is not its own

    @property
    def busy(self) -> bool:
        return self._steps is not None

    def apply(self, review: Review) -> None:
        self._steps, self._review = self._model.review_steps(review, STEP), review
        self._next()

    def cancel(self) -> None:
        self._timer.stop()
        self._steps = self._review = None

    def _next(self) -> None:
        steps, review = self._steps, self._review
        if steps is None or review is None:
            return
        try:
            self._reshaped(next(steps))
        except StopIteration:
            self._steps = self._review = None
            self._done(review)
            return
        self._timer.start()
