"""The run bar's sentences: progress while running, the summary when a run ends.

Every category of row is named (listed now, changes sent (同步修改), already on the shop,
failed, sheet errors, skipped by the user, refused before and unchanged, 结果待核对, waiting for
the quota, not reached). A full picture space stops the run with one message (the rows it did
not reach are not failures). Nothing about the daily quota is said unless Taobao said it ran
out: its answers never tell how much is left.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from app.ui.run_tally import Decided, RunTally
from app.upload.events import PauseReason, RunSummary, StopReason

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


def duration(seconds: float | None) -> str:
    if seconds is None:
        return translate("RunPanel", "estimating")
    seconds = max(1, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return (
            translate("RunPanel", "%1 h %2 min")
            .replace("%1", str(hours))
            .replace("%2", f"{minutes:02d}")
        )
    if minutes:
        return (
            translate("RunPanel", "%1 min %2 s")
            .replace("%1", str(minutes))
            .replace("%2", f"{secs:02d}")
        )
    return translate("RunPanel", "%1 s").replace("%1", str(secs))


def clock_time(when: datetime) -> str:
    """An aware time in the PC's own time zone: 今天 23:59 → "06-01 00:00"."""
    local = when.astimezone()
    today = datetime.now().astimezone().date()
    return local.strftime("%H:%M:%S" if local.date() == today else "%m-%d %H:%M")


def _n(text: str, n: int) -> str:
    return text.replace("%1", str(n))


def categories(tally: RunTally) -> list[str]:
    """Listed and failed always; the other categories when they hold a row."""
    counts = tally.counts()
    parts = [
        _n(translate("RunPanel", "%1 listed"), counts[Decided.LISTED]),
        _n(translate("RunPanel", "%1 failed"), counts[Decided.FAILED]),
    ]
    optional = (
        (Decided.UPDATED, translate("RunPanel", "%1 changed on Taobao")),
        (Decided.ALREADY, translate("RunPanel", "%1 already on the shop")),
        (Decided.BLOCKED, translate("RunPanel", "%1 with errors in the sheet, not sent")),
        (Decided.USER_SKIPPED, translate("RunPanel", "%1 skipped by you")),
        (Decided.REFUSED, translate("RunPanel", "%1 refused before and unchanged, not sent again")),
        (Decided.UNKNOWN, translate("RunPanel", "%1 to be checked on the next run")),
    )
    parts += [_n(text, counts[kind]) for kind, text in optional if counts[kind]]
    if tally.waiting_quota:
        parts.append(_n(translate("RunPanel", "%1 waiting for the quota"), tally.waiting_quota))
    return parts


def join(parts: list[str]) -> str:
    return translate("RunPanel", ", ").join(parts)


def progress_line(tally: RunTally) -> str:
    left = max(0, tally.total - tally.done)
    parts = [*categories(tally), _n(translate("RunPanel", "%1 left"), left)]
    parts.append(translate("RunPanel", "%1 calls/s").replace("%1", f"{tally.calls_per_second:.1f}"))
    parts.append(
        translate("RunPanel", "about %1 to go").replace("%1", duration(tally.eta_seconds()))
    )
    line = join(parts)
    reasons = tally.pause_reasons
    for reason, head in (
        (PauseReason.USER, translate("RunPanel", "Paused")),
        (PauseReason.REAUTH, translate("RunPanel", "Waiting for the shop to be authorised")),
        (PauseReason.QUOTA, translate("RunPanel", "Waiting for the quota")),
        (PauseReason.BAN, translate("RunPanel", "Slowed down by Taobao")),
    ):
        if reason in reasons:
            return head + translate("RunPanel", ": ") + line
    return line


def summary_line(summary: RunSummary, tally: RunTally) -> str:
    """What a run did, every category named; cancelled runs say so first."""
    head = {
        StopReason.COMPLETED: translate("RunPanel", "Done"),
        StopReason.CANCELLED: translate("RunPanel", "Cancelled"),
        StopReason.QUOTA: translate("RunPanel", "Stopped: today's call quota is used up"),
        StopReason.REAUTH: translate("RunPanel", "Stopped: the shop must be authorised again"),
        StopReason.FATAL: translate("RunPanel", "Stopped"),
        StopReason.PICTURE_SPACE: translate("RunPanel", "Stopped: the picture space is full"),
    }.get(summary.stop_reason) or translate("RunPanel", "Stopped")
    parts = categories(tally)
    if summary.left:
        parts.append(_n(translate("RunPanel", "%1 not reached"), summary.left))
    text = (
        head
        + translate("RunPanel", ": ")
        + _n(translate("RunPanel", "%1 rows"), summary.total)
        + translate("RunPanel", " — ")
        + join(parts)
        + translate("RunPanel", ", in %1").replace("%1", duration(summary.elapsed))
        + translate("RunPanel", ".")
    )
    more = []
    if summary.stop_reason is StopReason.QUOTA and summary.reset_at is not None:
        more.append(
            translate("RunPanel", "The quota comes back at %1; start again then to go on.").replace(
                "%1", clock_time(summary.reset_at)
            )
        )
    elif summary.stop_reason is not StopReason.COMPLETED and summary.message:
        more.append(summary.message)
    if summary.stop_reason is StopReason.CANCELLED or summary.left:
        more.append(
            translate(
                "RunPanel", "Start again to continue where it stopped; nothing is listed twice."
            )
        )
    for sentence in more:  # Chinese sentences follow one another with no space
        text += sentence if text.endswith(("。", "！", "？", "：")) else " " + sentence
    return text
