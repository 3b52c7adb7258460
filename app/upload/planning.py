"""The engine's plan step (a mixin of `app.upload.engine.Engine`): the shop's run lock, the
journal's records and the outer_id lookups → `app.upload.plan.make_plan`."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence

from app.catalog.keys import former_keys
from app.catalog.model import Issue, Product
from app.catalog.rules import row_issues
from app.top.calls import OUTER_ID_BATCH
from app.top.client import TopClient
from app.upload.control import Caller
from app.upload.journal import Journal, Scope
from app.upload.plan import Plan, lookup_keys, make_plan
from app.upload.reconcile import lookup
from app.upload.runlock import RunLock
from app.upload.settings import UploadSettings


class Planner:
    """Needs the engine's client, journal, scope, settings, caller, run lock and lock."""

    client: TopClient
    journal: Journal
    scope: Scope
    settings: UploadSettings
    caller: Caller
    lookup_calls: int
    _lock: threading.Lock
    _runlock: RunLock
    _calls_at_start: int | None
    _looked_up: set[str]

    def _find(self, keys: Sequence[str]) -> list[dict]:
        with self._lock:
            self.lookup_calls += -(-len(keys) // OUTER_ID_BATCH)
        return self.client.find_items_by_outer_id(keys)

    def close(self) -> None:
        """Release the shop's run lock (after a dry run; `run` releases it itself)."""
        self._runlock.release()

    def prepare(self, products: Sequence[Product], issues: Mapping[int, Sequence[Issue]]) -> Plan:
        """Journal state + outer_id lookups → the plan; takes the shop's run lock (held until
        `run` ends or `close`). Raises `RunLockedError`, or `CallFailed` if a lookup fails."""
        self._runlock.acquire()
        try:
            return self._prepare(products, issues)
        except BaseException:
            self._runlock.release()
            raise

    def _prepare(self, products: Sequence[Product], issues: Mapping[int, Sequence[Issue]]
                 ) -> Plan:
        if self._calls_at_start is None:
            self._calls_at_start = self.client.calls_made
        clean = [p for p in products if not any(i.is_error for i in row_issues(p, issues))]
        wanted = [p.key for p in products if p.key]  # known per shop + env, whatever the sheet
        wanted += [k for keys in former_keys(clean).values() for k in keys]
        records = {**self.journal.rows(self.scope), **self.journal.records(self.scope, wanted)}
        keys = lookup_keys(clean, records)
        if not self.settings.lookup_unknown and self.journal.recovered_from is None:
            keys = [k for k in keys if k in records]
        found: dict[str, int] = {}
        for start in range(0, len(keys), OUTER_ID_BATCH):
            batch = keys[start:start + OUTER_ID_BATCH]
            found.update(self.caller.call("taobao.items.custom.get",
                                          lambda batch=batch: lookup(self._find, batch),
                                          outer_ids=len(batch)))
        self._looked_up = set(keys)
        return make_plan(products, issues, records, self.settings, found, sheet=self.scope.sheet)
