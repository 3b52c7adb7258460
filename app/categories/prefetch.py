"""The window's category data without a command: what a sheet still needs, read in the background.

`pending` looks only at the cache (no call): the categories the sheet uses whose node, path or
rules are not cached or older than seven days, and the bare names (``T恤``) that only the whole
tree can resolve — those are never read one by one; the window offers the full tree with its cost
instead. `fetch` then reads what is missing through the shop's connection exactly as the upload
does (`app.categories.lookup.online_data`: ids in one ``itemcats.get`` per 999, a path one call
per level, each leaf's rules once) and gives the data the window's review is resolved against:
the cache as it is now, with the reason of every read that failed. `LazySource` connects only on
the first call, so a sheet whose data is all cached and fresh costs no connection and no call.
No Qt here.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from typing import TypeVar

from app.catalog.categories import CategoryNode, NeedsTree, Resolved
from app.catalog.category_rules import CategoryRules
from app.catalog.model import Product
from app.catalog.resolve import CategoryData, needs_categories
from app.categories.cache import CategoryCache
from app.categories.lookup import online_data
from app.categories.service import CategoryService
from app.categories.source import RulesSource
from app.categories.source_itemprops import SOURCE_NAME as ITEMPROPS
from app.categories.source_schema import SOURCE_NAME as SCHEMA
from app.top.errors import ErrorKind, TopError

log = logging.getLogger(__name__)
T = TypeVar("T")


def source_name(publish_path: str) -> str:
    """The rules source a shop on ``publish_path`` reads (`app.categories.sources`)."""
    return SCHEMA if publish_path == "schema" else ITEMPROPS


class CancelledError(Exception):
    """The user (or the window closing) stopped the category work."""


@dataclass(frozen=True)
class Pending:
    """What a sheet needs that the cache does not have fresh (counted without a call)."""

    categories: int = 0  # distinct categories to read: ids, paths, leaves' rules
    names: tuple[str, ...] = ()  # bare names that need the whole tree
    name_rows: int = 0  # rows whose 类目 is one of those names

    @property
    def nothing(self) -> bool:
        return not self.categories


class _WouldCall(Exception):  # noqa: N818 - a signal, not an error
    """`pending`'s source was asked for something: a call would be needed."""


class _Tripwire:
    """A `RulesSource` that only says a call would be made (`pending`)."""

    calls = 0

    def __init__(self, name: str) -> None:
        self.name = name

    def children(self, parent_cid: int) -> list[CategoryNode]:
        raise _WouldCall

    def leaves(self, cids: Sequence[int]) -> list[CategoryNode]:
        raise _WouldCall

    def fetch_rules(self, cid: int) -> CategoryRules:
        raise _WouldCall


def pending(cache: CategoryCache, products: Sequence[Product], *,
            publish_path: str = "item.add") -> Pending:
    """What reading the sheet's category data would fetch: the same steps as `fetch`, each
    stopped where it would call (see the module doc)."""
    service = CategoryService(cache, _Tripwire(source_name(publish_path)))
    texts, cids = needs_categories(products)
    todo: dict[object, None] = {}
    names: dict[str, None] = {}
    leaves: dict[int, None] = {}
    for text in [*texts, *(str(c) for c in cids)]:
        try:
            answer = service.resolve(text)
        except _WouldCall:
            todo[text] = None
            continue
        if isinstance(answer, Resolved):
            leaves[answer.cid] = None
        elif isinstance(answer, NeedsTree):
            names[text] = None
    for cid in leaves:
        try:
            service.rules(cid)
        except _WouldCall:
            todo[cid] = None
    name_rows = sum(1 for p in products if p.category_text in names)
    return Pending(len(todo), tuple(names), name_rows)


def same(a: CategoryData, b: CategoryData) -> bool:
    """Two category data resolve the same rows the same way (no need to resolve again)."""
    return (a.resolutions == b.resolutions and a.rules.keys() == b.rules.keys()
            and dict(a.missing) == dict(b.missing) and a.tree_complete == b.tree_complete
            and dict(a.paths) == dict(b.paths))


@dataclass(frozen=True)
class Fetched:
    data: CategoryData  # the window's data: the cache now, the reasons of failed reads kept
    calls: int
    failures: tuple[str, ...] = ()  # Chinese, one per read that failed


def fetch(cache: CategoryCache, source: LazySource, products: Sequence[Product], *,
          hint: str) -> Fetched:
    """Read what the products need and is not cached or fresh, as an upload does; the data the
    window resolves with says what is still unknown as a warning (``online`` false), not as an
    error blocking the row: the run reads again before it sends."""
    fresh = online_data(cache, source, products)
    failures = [*fresh.missing.values(), *(f"读取类目失败：{why}" for why in source.failures)]
    return Fetched(dataclasses.replace(fresh, online=False, hint=hint), source.calls,
                   tuple(dict.fromkeys(failures)))


class LazySource:
    """A `RulesSource` that opens the real one (connects) on its first call. ``expected``: the
    name of the source it will be (cached rules of another source are read again), known
    without connecting. Each call checks ``cancelled`` first and reports ``on_call(calls)``."""

    def __init__(self, open_source: Callable[[ExitStack], RulesSource], expected: str, *,
                 cancelled: threading.Event | None = None,
                 on_call: Callable[[int], None] | None = None) -> None:
        self.errors: list[str] = []  # the reads that failed (Chinese), for the window's line
        self._hiccups: list[str] = []  # transient failures not followed by a success yet
        self._open = open_source
        self._expected = expected
        self._real: RulesSource | None = None
        self._stack = ExitStack()
        self.cancelled = cancelled or threading.Event()
        self._on_call = on_call

    @property
    def name(self) -> str:
        return self._real.name if self._real is not None else self._expected

    @property
    def calls(self) -> int:
        return self._real.calls if self._real is not None else 0

    @property
    def opened(self) -> bool:
        return self._real is not None

    def _source(self) -> RulesSource:
        if self.cancelled.is_set():
            raise CancelledError
        if self._real is None:
            self._real = self._open(self._stack)
        return self._real

    def _done(self) -> None:
        if self._on_call is not None:
            self._on_call(self.calls)

    def _call(self, read: Callable[[RulesSource], T]) -> T:
        source = self._source()
        try:
            found = read(source)
        except TopError as exc:
            retried = exc.kind in (ErrorKind.TRANSIENT, ErrorKind.RATE_LIMITED) \
                and not exc.daily_quota  # tried again by the reader: said only if it stays
            (self._hiccups if retried else self.errors).append(exc.user_message)
            raise
        finally:
            self._done()
        self._hiccups.clear()
        return found

    @property
    def failures(self) -> list[str]:
        return [*self.errors, *self._hiccups]

    def children(self, parent_cid: int) -> list[CategoryNode]:
        return self._call(lambda source: source.children(parent_cid))

    def leaves(self, cids: Sequence[int]) -> list[CategoryNode]:
        return self._call(lambda source: source.leaves(cids))

    def fetch_rules(self, cid: int) -> CategoryRules:
        return self._call(lambda source: source.fetch_rules(cid))

    def close(self) -> None:
        self._stack.close()


def leaves_of(data: CategoryData) -> Iterable[int]:
    """The leaves ``data`` resolved (for the picker's recently used)."""
    for answer in data.resolutions.values():
        if isinstance(answer, Resolved):
            yield answer.cid
