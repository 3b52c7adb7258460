"""The corrections of the sheet on screen: recorded in its overlay (saved at once, so they
survive a reload and a restart), then the sheet is checked again off the GUI thread
(`app.review.revise`) and the new review handed back with ``revised``. Also 写回表格.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal

from app.catalog.categories import CategoryNode, Resolved
from app.catalog.resolve import CategoryData
from app.excel.writeback import CopyResult, write_copy
from app.review import Review, revise
from app.review_apply import AppliedEdits, copy_changes
from app.review_edits import RowEdits, SheetEdits
from app.ui.loaders import Task

log = logging.getLogger(__name__)
_LOCATION_SPLIT = re.compile(r"[/／\s,，、]+")


class _Signals(QObject):
    revised = Signal(int, object)  # sequence number, Review
    failed = Signal(int, str)
    copied = Signal(object, object)  # CopyResult, list[str] not written
    copy_failed = Signal(str)


class EditSession(QObject):
    revised = Signal(object)  # the review with the latest corrections (GUI thread)
    failed = Signal(str)
    copied = Signal(object, object)  # CopyResult, edits the copy could not hold (Chinese)
    copy_failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.review: Review | None = None
        self.overlay: SheetEdits | None = None
        self._sequence = 0  # of the latest change
        self._settled = 0  # the latest change whose re-check has come back
        self._started = 0  # the sequence number of the last `start`
        self._categories: CategoryData | None = None  # read in the background since `start`
        self._signals = _Signals()  # no parent: tasks may finish after the window is gone
        self._signals.revised.connect(self._on_revised)
        self._signals.failed.connect(self._on_failed)
        self._signals.copied.connect(self.copied)
        self._signals.copy_failed.connect(self.copy_failed)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one re-check at a time, in order

    @property
    def applied(self) -> AppliedEdits | None:
        return self.review.edits if self.review is not None else None

    @property
    def pending(self) -> bool:
        """A correction is still being checked: `review` does not hold it yet."""
        return self._settled < self._sequence

    def when_settled(self, fn: Callable[[], object]) -> None:
        """Call ``fn`` once `review` holds every correction (now, if none is pending)."""
        if not self.pending:
            fn()
            return

        def once(*_: object) -> None:
            self.revised.disconnect(once)
            self.failed.disconnect(once)
            fn()

        self.revised.connect(once)
        self.failed.connect(once)

    def start(self, review: Review) -> None:
        """A sheet was (re)loaded with its saved overlay applied."""
        self._sequence += 1  # results for the sheet before are dropped
        self._settled = self._started = self._sequence
        self._categories = None
        self.review = review
        applied = review.edits
        self.overlay = (applied.overlay.snapshot() if applied is not None
                        else SheetEdits(review.sheet.identity))
        if applied is not None and applied.moved:
            self.overlay.save()  # entries now live on the rows they were found on

    def adopt(self, review: Review) -> None:
        """The sheet `start` was given, its picture pass done (same rows, same saved
        corrections). Corrections made since `start` are checked again on top of it."""
        self.review = review
        if self._sequence > self._started or self._categories is not None:
            self._changed()  # a re-check based on the review before is dropped

    def use_categories(self, data: CategoryData) -> None:
        """Category data read in the background for this sheet: every row is resolved again
        with it (and every correction from now on)."""
        if self.review is None:
            return
        self._categories = data
        self._changed(save=False)

    def know_category(self, text: str, node: CategoryNode, path: str) -> None:
        """A leaf chosen in the picker and written as ``text`` (its id or path): the rows naming
        it are resolved with it at once (its rules follow from `CategorySync`)."""
        base = self._categories or (self.review.categories if self.review is not None else None)
        if base is None:
            return
        cid = node.cid
        self._categories = replace(
            base, nodes={**base.nodes, cid: node}, paths={**base.paths, cid: path},
            resolutions={**base.resolutions, text: Resolved(text, cid, path),
                         str(cid): Resolved(str(cid), cid, path)})

    def stale(self) -> list[RowEdits]:
        applied = self.applied
        return list(applied.stale) if applied is not None else []

    # --- changes ------------------------------------------------------------------------------
    def edit(self, row: int, name: str, text: str) -> None:
        """The user typed ``text`` for ``name`` ("location": province and city) on ``row``."""
        if name == "location":
            parts = [x for x in _LOCATION_SPLIT.split(text.strip()) if x]
            self._record(row, "location.state", parts[0] if parts else "")
            if len(parts) != 1:  # "浙江" alone keeps the city
                self._record(row, "location.city", " ".join(parts[1:]))
        else:
            self._record(row, name, text)
        self._changed()

    def undo(self, row: int, name: str = "") -> None:
        if self.overlay is not None:
            self.overlay.undo(row, name or None)
            self._changed()

    def set_skip(self, rows: Iterable[int], skip: bool) -> None:
        if self.overlay is None or self.review is None:
            return
        applied = self.applied
        for row in rows:
            fp = applied.fingerprint(self.review.sheet, row) if applied is not None else ""
            self.overlay.set_skip(row, fp, skip)
        self._changed()

    def discard_stale(self, rows: Iterable[int] | None = None) -> None:
        """Forget stale entries (all of them when ``rows`` is None)."""
        if self.overlay is None:
            return
        wanted = set(rows) if rows is not None else None
        for entry in self.stale():
            if (wanted is None or entry.row in wanted) and \
                    self.overlay.rows.get(entry.row) is not None and \
                    self.overlay.rows[entry.row].fingerprint == entry.fingerprint:
                self.overlay.discard(entry.row)
        if self.applied is not None:
            self.applied.stale = [e for e in self.applied.stale
                                  if wanted is not None and e.row not in wanted]
        self._changed()

    def _record(self, row: int, name: str, text: str) -> None:
        review, applied, overlay = self.review, self.applied, self.overlay
        if review is None or applied is None or overlay is None:
            return
        old = applied.read_text(review.sheet, row, name)
        overlay.set(row, applied.fingerprint(review.sheet, row), name, old, text)

    def _changed(self, *, save: bool = True) -> None:
        """Save the overlay and check the sheet again with it, in the background."""
        review, overlay = self.review, self.overlay
        if review is None or overlay is None:
            return
        try:
            if save:
                overlay.save()
        except OSError as exc:  # the data folder is not writable: the edit still shows
            log.warning("could not save edits: %s", exc)
            self.failed.emit(str(exc))
        if self._categories is not None and review.categories is not self._categories:
            review = replace(review, categories=self._categories)
        self._sequence += 1
        sequence, snapshot, signals = self._sequence, overlay.snapshot(), self._signals

        def work() -> None:
            try:
                signals.revised.emit(sequence, revise(review, snapshot))
            except Exception as exc:
                log.exception("re-checking the sheet after an edit failed")
                signals.failed.emit(sequence, str(exc))

        self._pool.start(Task(work))

    def _on_revised(self, sequence: int, review: Review) -> None:
        if sequence == self._sequence:
            self._settled = sequence
            self.review = review
            self.revised.emit(review)

    def _on_failed(self, sequence: int, message: str) -> None:
        if sequence == self._sequence:
            self._settled = sequence
            self.failed.emit(message)

    # --- 写回表格 -------------------------------------------------------------------------------
    def write_copy(self, target: Path) -> None:
        """Save a copy of the sheet with the corrections (``copied`` or ``copy_failed``)."""
        review = self.review
        if review is None or review.edits is None:
            return
        sheet, applied, signals = review.sheet, review.edits, self._signals

        def work() -> None:
            try:
                changes, missing = copy_changes(sheet, applied)
                result: CopyResult = write_copy(Path(sheet.path), sheet.sheet_name, changes,
                                                target)
            except Exception as exc:  # noqa: BLE001 - SheetError, OSError…: said to the user
                log.warning("could not write the copy %s: %s", target, exc)
                signals.copy_failed.emit(str(exc))
                return
            signals.copied.emit(result, missing)

        self._pool.start(Task(work))

    def shutdown(self) -> None:
        self._sequence += 1
        self._settled = self._sequence
        self._pool.clear()
        self._pool.waitForDone()
