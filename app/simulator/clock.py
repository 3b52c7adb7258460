"""China time (UTC+8, no daylight saving) as the TOP gateway reads and writes it."""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8), "CST")
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S"
_TIMESTAMP_RE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
# Taobao's own SDKs (Python, Java) send epoch milliseconds, and the real gateway serves them.
_MILLIS_RE = re.compile(r"\d{13}")


def china_time(now: float) -> datetime:
    """The aware China-time datetime of an epoch instant."""
    return datetime.fromtimestamp(now, CHINA)


def format_china(now: float) -> str:
    """``yyyy-MM-dd HH:mm:ss`` in China time, as Taobao answers ``created``/``modified``."""
    return china_time(now).strftime(TIMESTAMP_FORMAT)


def parse_timestamp(value: str) -> float | None:
    """Epoch seconds of a ``timestamp``: a ``yyyy-MM-dd HH:mm:ss`` China-time string or 13-digit
    epoch milliseconds (what the official SDKs send); None if malformed."""
    if _MILLIS_RE.fullmatch(value):
        return int(value) / 1000
    if not _TIMESTAMP_RE.fullmatch(value):
        return None
    try:
        parsed = datetime.strptime(value, TIMESTAMP_FORMAT)
    except ValueError:
        return None
    return parsed.replace(tzinfo=CHINA).timestamp()


def china_day(now: float) -> date:
    """The calendar day in China (the daily quota's period)."""
    return china_time(now).date()


def seconds_until_china_midnight(now: float) -> int:
    """Whole seconds (at least 1) until the next 00:00 China time."""
    here = china_time(now)
    midnight = datetime.combine(here.date() + timedelta(days=1), datetime.min.time(), CHINA)
    return max(1, math.ceil(midnight.timestamp() - now))
