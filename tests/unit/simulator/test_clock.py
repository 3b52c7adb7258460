from __future__ import annotations

from datetime import UTC, datetime

from app.simulator.clock import format_china, parse_timestamp, seconds_until_china_midnight


def test_parse_is_china_time() -> None:
    assert parse_timestamp("2026-01-01 08:00:00") == datetime(2026, 1, 1, tzinfo=UTC).timestamp()
    assert format_china(datetime(2026, 1, 1, tzinfo=UTC).timestamp()) == "2026-01-01 08:00:00"


def test_parse_reads_epoch_milliseconds_as_the_official_sdks_send() -> None:
    assert parse_timestamp("1767225600000") == datetime(2026, 1, 1, tzinfo=UTC).timestamp()
    assert parse_timestamp("1767225600123") == datetime(2026, 1, 1, tzinfo=UTC).timestamp() + 0.123


def test_parse_refuses_other_shapes() -> None:
    for text in ("2026-1-1 08:00:00", "2026-01-01T08:00:00", "2026-01-01 08:00",
                 "2026-02-30 00:00:00", "1767225600", "176722560000", "17672256000000",
                 "1767225600000.5", "-1767225600000", " 1767225600000", ""):
        assert parse_timestamp(text) is None, text


def test_seconds_until_midnight() -> None:
    # 15:59:59 UTC is 23:59:59 in China
    now = datetime(2026, 1, 1, 15, 59, 59, tzinfo=UTC).timestamp()
    assert seconds_until_china_midnight(now) == 1
    assert seconds_until_china_midnight(now + 1) == 86400
