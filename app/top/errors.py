"""The typed errors of the TOP client. Every failure the engine sees is one `TopError`."""

from __future__ import annotations

from enum import StrEnum


class ErrorKind(StrEnum):
    """What the UI and the retry policy act on (see docs/architecture.md)."""

    TRANSIENT = "transient"  # network, timeout, 5xx, code 10, isp.*: retry with backoff
    RATE_LIMITED = "rate_limited"  # code 7: wait the ban; daily quota stops the run
    AUTH = "auth"  # 26/27: pause, re-authorise, go on
    ROW = "row"  # 40/41/43/15+isv.*, local validation: the user fixes the row
    FATAL = "fatal"  # configuration or a bug: stop and say what to check
