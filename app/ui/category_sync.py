"""Category data in the window without a command: after a sheet loads, what it needs and the
cache lacks (or holds for more than seven days) is read in the background through the shop's
connection (`app.categories.prefetch`), then the rows are resolved again (`ProductsPanel.
use_categories`), so property columns are recognised and the rows show their real issues.

The line over the table says what goes on (`line`): 正在下载类目数据（3 个类目）…, a failure in
one Chinese sentence, or — for 类目 cells that are bare names — that the whole tree is needed and
what it costs, with 下载完整类目树 (`tree_button`; cancellable, resumed next time). Without a shop
it says the data comes once a shop is connected; a sheet whose data is all cached and fresh costs
no connection and no call.

All category work runs on one thread, one job at a time (the cache files are read and written by
one job at a time); the picker's lookups go through `submit`. Results of a sheet the user has
replaced are dropped (generations). The signals object has no Qt parent: a job still running
when the window goes away emits into the void; `shutdown` cancels and waits.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QWidget

from app import settings_store
from app.catalog.categories import Resolved
from app.catalog.resolve import WINDOW_HINT, needs_categories
from app.categories.cache import CategoryCache
from app.categories.prefetch import (
    CancelledError,
    Fetched,
    LazySource,
    Pending,
    fetch,
    pending,
    same,
)
from app.categories.prefetch import source_name as expected_source
from app.categories.service import CategoryService, WalkEstimate, WalkProgress
from app.categories.source import RulesSource
from app.categories.sources import rules_source
from app.review import Review
from app.top.client import TopClient
from app.top.errors import TopError
from app.ui.loaders import Task
from app.ui.shop_text import connect_error_text
from app.ui.wording import for_window
from app.upload.connection import ConnectError, Connection

log = logging.getLogger(__name__)
TREE_HINT = ("点表格上方的「下载完整类目树」后会自动核对，"
             "或把类目写成完整路径（如 女装/女士精品 > 连衣裙）")


class _Signals(QObject):
    planned = Signal(int, object, object)  # generation, Pending, WalkEstimate
    estimated = Signal(int, object)  # generation, WalkEstimate
    progress = Signal(int, int)  # generation, calls so far
    fetched = Signal(int, object)  # generation, Fetched
    failed = Signal(int, str)  # generation, why (Chinese)
    no_shop = Signal(int)
    walk_progress = Signal(int, int)  # calls, planned
    walk_ended = Signal(str)  # "" done, else why it stopped ("cancelled" or a message)
    result = Signal(int, object)  # job token, value
    error = Signal(int, str)  # job token, why


@dataclass
class _Sheet:
    generation: int
    review: Review
    shop: tuple[str, str] | None = None
    asked: set[str] | None = None  # 类目 texts and ids read for this sheet (never asked twice)


def _wanted(review: Review) -> set[str]:
    """What the rows need of the category data: their 类目 texts and ids, and ``#cid`` for a
    leaf they resolve to whose rules are neither known nor known to be missing."""
    texts, cids = needs_categories(review.products)
    data = review.categories
    found = {*texts, *(str(c) for c in cids)}
    for text in list(found):
        answer = data.resolutions.get(text)
        if isinstance(answer, Resolved) and answer.cid not in data.rules \
                and answer.cid not in data.missing:
            found.add(f"#{answer.cid}")
    return found


def why(exc: BaseException) -> str:
    """One Chinese sentence for a failed category read (never a command)."""
    if isinstance(exc, ConnectError):
        return connect_error_text(exc)
    if isinstance(exc, TopError):
        return for_window(exc.user_message)
    return for_window(str(exc)) or type(exc).__name__


class CategorySync(QObject):
    data_ready = Signal(object)  # CategoryData for the shown sheet (GUI thread)
    line_changed = Signal()

    def __init__(self, identity: Callable[[], tuple[str, str] | None],
                 connection: Callable[[], Connection], publish_path: Callable[[], str],
                 parent: QWidget) -> None:
        """``identity`` and ``connection`` run on the category thread (they may connect);
        ``publish_path`` on the GUI thread. None of them may hold the window."""
        super().__init__(parent)
        self._identity, self._connection, self._publish_path = identity, connection, publish_path
        self._signals = _Signals()
        s = self._signals
        s.planned.connect(self._on_planned)
        s.progress.connect(self._on_progress)
        s.estimated.connect(self._on_estimated)
        s.fetched.connect(self._on_fetched)
        s.failed.connect(self._on_failed)
        s.no_shop.connect(self._on_no_shop)
        s.walk_progress.connect(self._on_walk_progress)
        s.walk_ended.connect(self._on_walk_ended)
        s.result.connect(self._on_result)
        s.error.connect(self._on_error)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._generation = 0
        self._sheet: _Sheet | None = None
        self._cancel = threading.Event()  # the job running now (a walk, a fetch)
        self._jobs: dict[int, tuple[Callable[[Any], object], Callable[[str], object]]] = {}
        self._token = 0
        # idle · checking · no_shop · fetching · failed · need_tree · walking · stopped
        self.state = "idle"
        self.pending: Pending | None = None
        self.estimate: WalkEstimate | None = None
        self.calls = 0
        self.walk_planned = 0
        self.message = ""

    # --- the sheet ------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.state in ("checking", "fetching", "walking")

    def sheet_loaded(self, review: Review) -> None:
        """A sheet was read (its pictures checked): read what it lacks, in the background."""
        self._generation += 1
        self._cancel.set()  # the previous sheet's work is not wanted any more
        self._cancel = threading.Event()
        self._sheet = _Sheet(self._generation, review, asked=set())
        self._set("idle")
        self._check(self._sheet)

    def review_changed(self, review: Review) -> None:
        """A correction: a 类目 typed or chosen that the data does not know yet is read too."""
        sheet = self._sheet
        if sheet is None or review.sheet.identity != sheet.review.sheet.identity:
            return
        sheet.review = review
        self._maybe_check()

    def _maybe_check(self) -> None:
        sheet = self._sheet
        if sheet is None or self.busy or self.state == "no_shop":
            return
        known = set(sheet.review.categories.resolutions) | (sheet.asked or set())
        if _wanted(sheet.review) - known:
            self._check(sheet)

    def _check(self, sheet: _Sheet) -> None:
        sheet.asked = (sheet.asked or set()) | _wanted(sheet.review)
        self._set("checking")
        products = list(sheet.review.products)
        generation, signals, cancel = sheet.generation, self._signals, self._cancel
        publish_path = self._publish_path()
        identity, open_source = self._identity, self._opener()

        def work() -> None:
            source: LazySource | None = None
            try:
                shop = identity()
                if shop is None:
                    signals.no_shop.emit(generation)
                    return
                cache = CategoryCache(*shop)
                needed = pending(cache, products, publish_path=publish_path)
                estimate = CategoryService(cache).walk_estimate() if needed.names else None
                signals.planned.emit(generation, needed, estimate)
                source = LazySource(open_source, expected_source(publish_path),
                                    cancelled=cancel,
                                    on_call=lambda n: signals.progress.emit(generation, n))
                hint = TREE_HINT if needed.names else WINDOW_HINT
                fetched = fetch(cache, source, products, hint=hint)
                if needed.names:  # the levels read meanwhile tell the tree's size better
                    signals.estimated.emit(generation, CategoryService(cache).walk_estimate())
                signals.fetched.emit(generation, fetched)
            except CancelledError:
                return
            except Exception as exc:  # noqa: BLE001 - a failed read is a line, never a crash
                log.warning("category data for the window: %s", exc)
                signals.failed.emit(generation, why(exc))
            finally:
                if source is not None:
                    source.close()

        self._pool.start(Task(work))

    def _opener(self) -> Callable[[ExitStack], RulesSource]:
        connection = self._connection

        def open_source(stack: ExitStack) -> RulesSource:
            shop = connection()
            app_key = shop.config.app_key
            CategoryCache.remember_shop(app_key, shop.env, shop.shop)
            path = settings_store.load(app_key, shop.env).publish_path
            client = stack.enter_context(TopClient(shop.config, shop.secret, shop.session,
                                                   shop.rate_limiter()))
            return rules_source(client, path)

        return open_source

    # --- the whole tree -------------------------------------------------------------------------
    def download_tree(self) -> None:
        """Walk the whole tree (after the user saw its cost), then resolve the sheet again."""
        sheet = self._sheet
        if sheet is None or self.busy:
            return
        products = list(sheet.review.products)
        generation, signals = sheet.generation, self._signals
        self._cancel = cancel = threading.Event()
        publish_path, identity, open_source = self._publish_path(), self._identity, self._opener()
        self.calls, self.walk_planned = 0, self.estimate.calls if self.estimate else 0
        self._set("walking")

        def work() -> None:
            source: LazySource | None = None
            try:
                shop = identity()
                if shop is None:
                    signals.no_shop.emit(generation)
                    return
                cache = CategoryCache(*shop)
                source = LazySource(open_source, expected_source(publish_path), cancelled=cancel)

                def progress(step: WalkProgress) -> None:
                    if cancel.is_set():
                        raise CancelledError
                    signals.walk_progress.emit(step.calls, step.planned)

                CategoryService(cache, source).refresh_tree(progress)
                signals.walk_ended.emit("")
                signals.fetched.emit(generation, fetch(cache, source, products, hint=WINDOW_HINT))
            except CancelledError:
                signals.walk_ended.emit("cancelled")
            except Exception as exc:  # noqa: BLE001 - said in the line
                log.warning("category tree walk: %s", exc)
                signals.walk_ended.emit(why(exc))
            finally:
                if source is not None:
                    source.close()

        self._pool.start(Task(work))

    def cancel(self) -> None:
        self._cancel.set()

    # --- the picker's lookups -------------------------------------------------------------------
    def submit(self, job: Callable[[CategoryService], Any], done: Callable[[Any], object],
               failed: Callable[[str], object]) -> bool:
        """Run ``job(service)`` on the category thread with the current shop's cache (online:
        it connects when a call is needed); ``done(value)`` or ``failed(why)`` follow on the GUI
        thread. False when no shop is known yet (the caller says so)."""
        self._token += 1
        token, signals = self._token, self._signals
        self._jobs[token] = (done, failed)
        publish_path, identity, open_source = self._publish_path(), self._identity, self._opener()

        def work() -> None:
            source: LazySource | None = None
            try:
                shop = identity()
                if shop is None:
                    raise ConnectError("还没有设置店铺。", "no_shop")
                source = LazySource(open_source, expected_source(publish_path))
                signals.result.emit(token, job(CategoryService(CategoryCache(*shop), source)))
            except Exception as exc:  # noqa: BLE001 - told to the picker
                log.info("category lookup: %s", exc)
                signals.error.emit(token, why(exc))
            finally:
                if source is not None:
                    source.close()

        self._pool.start(Task(work))
        return True

    @Slot(int, object)
    def _on_result(self, token: int, value: object) -> None:
        done, _failed = self._jobs.pop(token, (None, None))
        if done is not None:
            done(value)

    @Slot(int, str)
    def _on_error(self, token: int, message: str) -> None:
        _done, failed = self._jobs.pop(token, (None, None))
        if failed is not None:
            failed(message)

    # --- results --------------------------------------------------------------------------------
    def _current(self, generation: int) -> bool:
        return self._sheet is not None and self._sheet.generation == generation

    @Slot(int, object, object)
    def _on_planned(self, generation: int, needed: Pending, estimate: WalkEstimate | None) -> None:
        if not self._current(generation):
            return
        self.pending, self.estimate = needed, estimate
        if not needed.nothing:  # else it stays "checking" (nothing to say) until `fetched`
            self.calls = 0
            self._set("fetching")

    @Slot(int, object)
    def _on_estimated(self, generation: int, estimate: WalkEstimate) -> None:
        if self._current(generation):
            self.estimate = estimate

    @Slot(int, int)
    def _on_progress(self, generation: int, calls: int) -> None:
        if self._current(generation) and self.state == "fetching":
            self.calls = calls
            self.line_changed.emit()

    @Slot(int, object)
    def _on_fetched(self, generation: int, fetched: Fetched) -> None:
        if not self._current(generation):
            return
        current = self._sheet.review.categories if self._sheet is not None else None
        if fetched.calls or current is None or not same(fetched.data, current):
            self.data_ready.emit(fetched.data)  # resolved again before the line says so
        if self.state != "stopped":
            names = self.pending.names if self.pending else ()
            complete = fetched.data.tree_complete
            if fetched.failures:
                self.message = "；".join(for_window(f) for f in fetched.failures[:2])
                self._set("failed")
            else:
                self._set("need_tree" if names and not complete else "idle")
        self._maybe_check()  # a 类目 corrected while this was read

    @Slot(int, str)
    def _on_failed(self, generation: int, message: str) -> None:
        if self._current(generation):
            self.message = message
            self._set("failed")
            self._maybe_check()

    @Slot(int)
    def _on_no_shop(self, generation: int) -> None:
        if self._current(generation):
            self._set("no_shop")

    @Slot(int, int)
    def _on_walk_progress(self, calls: int, planned: int) -> None:
        self.calls, self.walk_planned = calls, planned
        self.line_changed.emit()

    @Slot(str)
    def _on_walk_ended(self, message: str) -> None:
        if message == "":
            self._set("idle")
        elif message == "cancelled":
            self._set("stopped")
        else:
            self.message = message
            self._set("failed")

    def _set(self, state: str) -> None:
        self.state = state
        self.line_changed.emit()

    def shutdown(self) -> None:
        self._generation += 1
        self._sheet = None
        self._cancel.set()
        self._pool.clear()
        self._pool.waitForDone()
