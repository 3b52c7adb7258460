"""China time (fixed UTC+8, no daylight saving): TOP timestamps and the daily-quota reset."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

# China has had no daylight saving since 1991: a fixed offset is exact and needs no tz database.
CHINA_TZ = timezone(timedelta(hours=8), "CST")
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S"


def utc_now() -> datetime:
    """The current time as an aware UTC datetime (the default clock)."""
    return datetime.now(UTC)


def to_china(moment: datetime) -> datetime:
    """``moment`` in China time; a naive datetime is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(CHINA_TZ)


def format_timestamp(moment: datetime) -> str:
    """``yyyy-MM-dd HH:mm:ss`` in China time, as the router's ``timestamp`` wants it."""
    return to_china(moment).strftime(TIMESTAMP_FORMAT)


def next_china_midnight(moment: datetime) -> datetime:
    """The next 00:00 China time strictly after ``moment`` (aware, in China time)."""
    local = to_china(moment)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight + timedelta(days=1)
