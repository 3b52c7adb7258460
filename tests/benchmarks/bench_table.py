"""Benchmark of the rows side of the window (products panel) on a 10,000-row sheet with 500
pictures. Run by hand (offscreen):
    QT_QPA_PLATFORM=offscreen uv run --frozen python tests/benchmarks/bench_table.py

Prints the GUI-thread time of: showing the loaded sheet (model reset, row heights), each filter
button, a search, sorting by price and by status, 2,000 row updates of a run, the journal's
已上架 for every row at once, and one correction (re-check off the GUI thread + applying it).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TAOSHELF_HOME", tempfile.mkdtemp())

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.review import review_sheet, revise  # noqa: E402
from app.ui.products_panel import ProductsPanel  # noqa: E402
from app.ui.row_state import Filter  # noqa: E402
from app.ui.table_model import Column  # noqa: E402
from app.upload.events import RowListed, RowStarted  # noqa: E402
from app.upload.journal import RowState  # noqa: E402
from app.upload.status import JournalStatus  # noqa: E402
from tests.sheetgen import HEADER, build_xlsx, picture, product_row  # noqa: E402

ROWS, PICTURES = 10_000, 500


def timed(label: str, fn: object) -> float:
    app = QApplication.instance()
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    app.processEvents()  # type: ignore[union-attr]
    ms = (time.perf_counter() - start) * 1000
    print(f"{label:<46} {ms:8.1f} ms")
    return ms


def main() -> None:
    QApplication.instance() or QApplication(sys.argv)
    folder = Path(tempfile.mkdtemp())
    rows = [HEADER] + [product_row(n) for n in range(1, ROWS + 1)]
    floating = {f"G{n + 1}": picture(800, 800, (n % 255, 90, 140)) for n in range(1, PICTURES + 1)}
    sheet = build_xlsx(folder / "big.xlsx", rows, floating=floating)
    start = time.perf_counter()
    review = review_sheet(sheet, check_pictures=False)
    took = (time.perf_counter() - start) * 1000
    print(f"{'review_sheet (off the GUI thread)':<46} {took:8.1f} ms")

    panel = ProductsPanel()
    panel.resize(1366, 700)
    panel.show()
    timed("show the sheet (reset, row heights, counts)", lambda: panel.set_review(review))
    for choice in (Filter.ERROR, Filter.READY, Filter.LISTED, Filter.ALL):
        timed(f"filter {choice.name}", lambda c=choice: panel.set_filter(c))
    timed("search '款99' (title)", lambda: panel.proxy.set_search("款99"))
    timed("clear search", lambda: panel.proxy.set_search(""))
    timed("sort by price", lambda: panel.table.sortByColumn(Column.PRICE,
                                                            Qt.SortOrder.AscendingOrder))
    timed("filter READY while sorted", lambda: panel.set_filter(Filter.READY))
    timed("filter ALL while sorted", lambda: panel.set_filter(Filter.ALL))
    timed("sort by status", lambda: panel.table.sortByColumn(Column.STATUS,
                                                             Qt.SortOrder.AscendingOrder))
    timed("back to sheet order", lambda: panel.table.sortByColumn(-1,
                                                                  Qt.SortOrder.AscendingOrder))

    def run_events() -> None:
        for n in range(2, 2002):
            panel.apply_run_event(RowStarted(n, f"SKU-{n - 1:05d}", "create"))
            panel.apply_run_event(RowListed(n, f"SKU-{n - 1:05d}", 600_000_000 + n, "created"))

    ms = timed("2,000 rows started + listed (4,000 events)", run_events)
    print(f"{'  per event':<46} {ms / 4000:8.3f} ms")
    listed = {p.row: JournalStatus(RowState.LISTED, 700_000_000 + p.row) for p in review.products}
    timed("journal: 10,000 rows 已上架 at once", lambda: panel.set_listed_status(listed))

    applied = review.edits
    assert applied is not None
    overlay = applied.overlay.snapshot()
    overlay.set(5, applied.fingerprint(review.sheet, 5), "price",
                applied.read_text(review.sheet, 5, "price"), "49.999")
    start = time.perf_counter()
    revised = revise(review, overlay)
    print(f"{'one correction: revise (off the GUI thread)':<46} "
          f"{(time.perf_counter() - start) * 1000:8.1f} ms")
    timed("one correction: applied to the table", lambda: panel.model.update_review(revised))
    panel.shutdown()


if __name__ == "__main__":
    main()
