"""Rows whose item.add outcome is unknown, and the batched outer_id lookups that settle them.

A row enters here after a timeout, a dropped connection, an HTTP 5xx or an ``isp.*`` answer on
item.add (or when a run starts with it in ``add_sent``). It is looked up by outer_id (40 per
call) after ``delay`` seconds; found → listed; not found → created again; lookup failed → stays
unknown (``add_sent``) and is looked up again later, never treated as "not listed".
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from app.top.calls import OUTER_ID_BATCH
from app.upload.plan import RowWork


@dataclass(slots=True)
class _Doubt:
    work: RowWork
    due: float
    failures: int = 0


class Doubts:
    """Thread-safe set of rows waiting for a lookup."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[str, _Doubt] = {}

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def add(self, work: RowWork, due: float) -> None:
        with self._lock:
            self._items[work.key] = _Doubt(work, due)

    def take_due(self, now: float, limit: int = OUTER_ID_BATCH) -> list[_Doubt]:
        """Up to ``limit`` rows due for a lookup, removed from the set (oldest first)."""
        with self._lock:
            due = sorted((d for d in self._items.values() if d.due <= now), key=lambda d: d.due)
            batch = due[:limit]
            for d in batch:
                del self._items[d.work.key]
            return batch

    def put_back(self, batch: Sequence[_Doubt], due: float, *, failed: bool) -> None:
        with self._lock:
            for d in batch:
                d.due = due
                d.failures += int(failed)
                self._items[d.work.key] = d

    def drain(self) -> list[RowWork]:
        with self._lock:
            works = [d.work for d in self._items.values()]
            self._items.clear()
            return works


def found_num_iids(items: Sequence[dict[str, Any]], keys: Sequence[str]) -> dict[str, int]:
    """outer_id → num_iid from a ``taobao.items.custom.get`` answer (the oldest item wins when
    the shop already holds several)."""
    wanted = set(keys)
    found: dict[str, int] = {}
    for item in items:
        key = str(item.get("outer_id", ""))
        try:
            num_iid = int(item.get("num_iid", 0))
        except (TypeError, ValueError):
            continue
        if key in wanted and num_iid and (key not in found or num_iid < found[key]):
            found[key] = num_iid
    return found


def lookup(find: Callable[[Sequence[str]], list[dict[str, Any]]], keys: Sequence[str]
           ) -> dict[str, int]:
    """Look ``keys`` up with ``find`` (one call per 40 keys)."""
    return found_num_iids(find(keys), keys)
