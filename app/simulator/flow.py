"""Flow control (code 7): per-app calls per second, explicit bans, the daily quota.

Model (documented in README.md): every admitted call, whatever its outcome, enters a sliding
window and the day's count. When an app sends more than ``rate`` calls within the window, that
call is refused and the whole app is banned for ``ban_seconds`` (default 1 s); calls refused by a
ban or by the quota are recorded but do not count toward the window or the quota.
"""

from __future__ import annotations

import math
import threading
from collections import deque
from dataclasses import dataclass
from datetime import date

from app.simulator.clock import china_day, seconds_until_china_midnight
from app.simulator.errors import ApiError

APP_API_LIMIT = "accesscontrol.limited-by-app-api-access-count"
API_LIMIT = "accesscontrol.limited-by-api-access-count"
APP_DAILY_LIMIT = "accesscontrol.limited-by-app-access-count"


def ban_error(sub_code: str, seconds: float) -> ApiError:
    """Code 7 with the platform's English ban text (N rounded up, at least 1)."""
    n = max(1, math.ceil(seconds))
    return ApiError(7, None, sub_code, f"This ban will last for {n} more seconds")


@dataclass
class Ban:
    until: float
    sub_code: str
    method: str | None  # None: every method of the app


class FlowControl:
    """Thread-safe admission of calls per app_key."""

    def __init__(
        self, rate: float | None, daily_quota: int | None, ban_seconds: float = 1.0,
    ) -> None:
        self._lock = threading.Lock()
        self.rate = rate
        self.daily_quota = daily_quota
        self.ban_seconds = ban_seconds
        self._windows: dict[str, deque[float]] = {}
        self._bans: dict[str, list[Ban]] = {}
        self._days: dict[str, tuple[date, int]] = {}

    def set_rate(self, rate: float | None) -> None:
        with self._lock:
            self.rate = rate
            self._windows.clear()

    def set_daily_quota(self, quota: int | None) -> None:
        """New quota; the day's count restarts so "N more calls" is easy to test."""
        with self._lock:
            self.daily_quota = quota
            self._days.clear()

    def add_ban(
        self, app_key: str, seconds: float, now: float, *, scope: str = "app",
        method: str | None = None,
    ) -> None:
        """Ban ``app_key`` (all methods, or one ``method``) for ``seconds`` from ``now``."""
        sub_code = API_LIMIT if scope == "api" else APP_API_LIMIT
        with self._lock:
            self._bans.setdefault(app_key, []).append(Ban(now + seconds, sub_code, method))

    def calls_today(self, app_key: str, now: float) -> int:
        with self._lock:
            day, count = self._days.get(app_key, (china_day(now), 0))
            return count if day == china_day(now) else 0

    def admit(self, app_key: str, method: str, now: float) -> ApiError | None:
        """None if the call may proceed (it is then counted), else the code-7 error."""
        with self._lock:
            today = china_day(now)
            day, count = self._days.get(app_key, (today, 0))
            if day != today:
                count = 0
            if self.daily_quota is not None and count >= self.daily_quota:
                return ban_error(APP_DAILY_LIMIT, seconds_until_china_midnight(now))
            bans = [ban for ban in self._bans.get(app_key, []) if ban.until > now]
            self._bans[app_key] = bans
            for ban in bans:
                if ban.method is None or ban.method == method:
                    return ban_error(ban.sub_code, ban.until - now)
            if self.rate is not None and self.rate > 0:
                capacity = max(1, math.floor(self.rate))
                window_len = capacity / self.rate
                window = self._windows.setdefault(app_key, deque())
                while window and window[0] <= now - window_len:
                    window.popleft()
                if len(window) >= capacity:
                    until = now + self.ban_seconds
                    self._bans[app_key].append(Ban(until, APP_API_LIMIT, None))
                    return ban_error(APP_API_LIMIT, self.ban_seconds)
                window.append(now)
            self._days[app_key] = (today, count + 1)
            return None
