"""A run's outcomes as rows of the result report (used by the CLI's --report and the window)."""

from __future__ import annotations

from app.excel.report import RowResult
from app.upload.events import RowOutcome, RowStatus, RunSummary

REPORT_STATUS = {
    RowStatus.LISTED: "listed",
    RowStatus.FAILED: "failed",
    RowStatus.BLOCKED: "failed",
    RowStatus.UNKNOWN: "unknown",
    RowStatus.WAITING_QUOTA: "pending",
    RowStatus.LEFT: "pending",
    RowStatus.SKIPPED: "skipped",
}


def report_row(outcome: RowOutcome) -> RowResult:
    code = " ".join(str(x) for x in (outcome.code, outcome.sub_code) if x is not None) or None
    return RowResult(
        row=outcome.row,
        status=REPORT_STATUS[outcome.status],
        num_iid=outcome.num_iid,
        code=code,
        message=outcome.message,
        request_id=outcome.request_id or "",
        at=outcome.at,
        unsent=outcome.unsent,
    )


def report_rows(summary: RunSummary) -> list[RowResult]:
    return [report_row(o) for o in summary.outcomes.values()]
