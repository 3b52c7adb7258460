"""Audit log: every API call as one JSON line in the per-user log dir, rotating.

`AuditLog.observe` is the `TopClient` observer: it hears every HTTP attempt (resends after a
short ban too) and adds what the engine is doing on that thread (`call_context`: sheet row,
outer_id, the engine's attempt number, picture hash + size…).

Fields: ``time`` (UTC ISO), ``method``, ``row`` (sheet row), ``outer_id``, ``duration_ms``,
``outcome`` (``ok`` or the error kind), ``code``, ``sub_code``, ``request_id``, ``attempt`` and
call-specific extras (``num_iid``, picture ``sha256`` + ``size``). Never the app secret, the session
token or the sign: callers pass only these named fields, never request parameters.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from app import paths
from app.top.client import CallRecord

AUDIT_FILE = "audit.jsonl"

_context = threading.local()


@contextmanager
def call_context(**fields: object) -> Iterator[None]:
    """What the calls made on this thread inside the block are for (row, outer_id, …)."""
    previous = getattr(_context, "fields", None)
    _context.fields = fields
    try:
        yield
    finally:
        _context.fields = previous


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        doc = getattr(record, "audit", {})
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), default=str)


class AuditLog:
    """Thread-safe JSON Lines writer (``RotatingFileHandler`` does the locking and rotation)."""

    def __init__(self, path: Path | None = None, *, max_bytes: int = 5_000_000,
                 backups: int = 5) -> None:
        self.path = path or paths.log_dir() / AUDIT_FILE
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._handler = logging.handlers.RotatingFileHandler(
            self.path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
        )
        self._handler.setFormatter(_JsonFormatter())

    def call(self, method: str, *, row: int | None, outer_id: str | None, duration: float,
             outcome: str, code: int | None = None, sub_code: str | None = None,
             request_id: str | None = None, attempt: int = 1, **extra: object) -> None:
        doc: dict[str, object] = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "method": method, "row": row, "outer_id": outer_id,
            "duration_ms": round(duration * 1000, 1), "outcome": outcome, "code": code,
            "sub_code": sub_code, "request_id": request_id, "attempt": attempt,
        }
        doc.update(extra)
        record = logging.makeLogRecord({"msg": "", "levelno": logging.INFO, "audit": doc})
        self._handler.handle(record)

    def observe(self, record: CallRecord) -> None:
        """One HTTP attempt, told by the client, with this thread's `call_context`."""
        fields = dict(getattr(_context, "fields", None) or {})
        row, outer_id, attempt = (fields.pop(k, None) for k in ("row", "outer_id", "attempt"))
        if record.ban_retry:
            fields["ban_retry"] = record.ban_retry
        err = record.error
        if err is not None:
            fields.update(code=err.code, sub_code=err.sub_code,
                          maybe_executed=err.maybe_executed)
        self.call(record.method, row=row if isinstance(row, int) else None,
                  outer_id=str(outer_id) if outer_id is not None else None,
                  duration=record.duration, outcome="ok" if err is None else str(err.kind),
                  request_id=record.request_id,
                  attempt=attempt if isinstance(attempt, int) else 1, **fields)

    def close(self) -> None:
        self._handler.close()
