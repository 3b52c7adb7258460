"""One table row's state (`RowState`) and the words and colours the table uses for it.

Everything the view asks for often (status, search text) is computed when the row changes
(`RowState.refresh`), never while painting or filtering.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from enum import IntEnum
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QPixmap

from app.catalog.model import SKIPPED_BY_USER, ImageSource, Issue, Product
from app.catalog.perf import gc_paused
from app.catalog.rules import row_issues
from app.review import CategorySource, Review, review_sheet
from app.review_edits import Edit
from app.ui.wording import for_window, names_a_command
from app.upload.changes import UNSENDABLE, label
from app.upload.events import RowOutcome
from app.upload.journal_runs import Shelf


class Status(IntEnum):
    READY = 0
    WARNING = 1
    ERROR = 2
    RUNNING = 3
    LISTED = 4
    FAILED = 5
    SKIPPED = 6  # already on the shop (listed before this run)
    USER_SKIPPED = 7  # 跳过这一行: the user chose not to upload it
    WAITING = 8  # waiting for the daily quota
    UNDONE = 9  # listed, then taken down or deleted by an undo (上架记录): not on sale


class Filter(IntEnum):
    """The filter bar's choices, in its order."""

    ALL = 0
    READY = 1  # 可上架: would be sent (with or without warnings)
    ERROR = 2
    WARNING = 3
    FAILED = 4
    LISTED = 5  # listed now or before


FILTER_STATUSES: dict[Filter, frozenset[Status]] = {
    Filter.ALL: frozenset(Status),
    Filter.READY: frozenset({Status.READY, Status.WARNING, Status.WAITING}),  # still to go
    Filter.ERROR: frozenset({Status.ERROR}),
    Filter.WARNING: frozenset({Status.WARNING}),
    Filter.FAILED: frozenset({Status.FAILED}),
    Filter.LISTED: frozenset({Status.LISTED, Status.SKIPPED}),
}

STATUS_COLOURS = {
    Status.WARNING: QColor("#fff4d6"),
    Status.ERROR: QColor("#fde2e1"),
    Status.RUNNING: QColor("#e3efff"),
    Status.LISTED: QColor("#e2f6e5"),
    Status.SKIPPED: QColor("#e2f6e5"),
    Status.FAILED: QColor("#fde2e1"),
    Status.USER_SKIPPED: QColor("#eceff1"),
    Status.WAITING: QColor("#fff4d6"),
    Status.UNDONE: QColor("#ece8f4"),
}
# the status text's own colour: readable at a glance on the row's background
STATUS_INK = {
    Status.READY: QColor("#1f5fbf"),
    Status.WARNING: QColor("#8a6100"),
    Status.ERROR: QColor("#b42318"),
    Status.RUNNING: QColor("#1f5fbf"),
    Status.LISTED: QColor("#1e7b34"),
    Status.SKIPPED: QColor("#1e7b34"),
    Status.FAILED: QColor("#b42318"),
    Status.USER_SKIPPED: QColor("#52606d"),
    Status.WAITING: QColor("#8a6100"),
    Status.UNDONE: QColor("#5b4a86"),
}
EDITED_COLOUR = QColor("#1f5fbf")
ON_SHOP = frozenset({Status.LISTED, Status.SKIPPED, Status.UNDONE})  # an item exists for it
_DELETED = frozenset({Shelf.DELETE_SENT, Shelf.DELETED})
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


@dataclass(slots=True)
class RowState:
    product: Product
    issues: list[Issue] = field(default_factory=list)  # reader, rules and pictures
    upload_status: Status | None = None  # set by a run, or by the journal when the sheet loads
    message: str = ""  # the run's (or journal's) last word on this row
    thumbnail: QPixmap | None = None
    outcome: RowOutcome | None = None  # the last run's outcome: code, request_id, num_iid
    num_iid: int | None = None  # the item on Taobao, when known
    from_journal: bool = False  # upload_status/message come from the journal, not a run here
    edits: dict[str, Edit] = field(default_factory=dict)  # the window's corrections, by field
    skipped: bool = False  # 跳过这一行
    unsent: tuple[str, ...] = ()  # on the shop: changes of the row Taobao does not have (中文)
    sendable: tuple[str, ...] = ()  # of those, what 同步修改 sends
    synced: tuple[str, ...] = ()  # what the last run sent of the row's changes (同步修改)
    shelf: Shelf | None = None  # UNDONE: what the undo did (taken down, deleted)
    shelf_run: int | None = None  # UNDONE: the upload run that undo took back
    status: Status = Status.READY  # cached by refresh()
    search: str = ""  # title and 商家编码, lower case: what the search box matches
    has_picture: bool = False  # a picture the table can show (not only web addresses)

    def refresh(self) -> None:
        """Recompute the cached fields after anything of the row changed."""
        product = self.product
        self.search = f"{product.title or ''}\x1f{product.key or ''}".lower()
        images = product.images
        self.has_picture = bool(images) and (images[0].source is not ImageSource.URL or any(
            r.source is not ImageSource.URL for r in images))
        self.status = self._status()

    def take(self, product: Product, issues: list[Issue], *, same: bool | None = None,
             refresh: bool = True) -> bool:
        """The row's product and issues from a review (the skip marker becomes ``skipped``);
        False when nothing changed. ``same``: whether ``product`` equals the row's (when the
        caller compared them already: a product of ~50 fields is costly to compare, 10,000
        times on the GUI thread); ``refresh=False``: the caller refreshes once afterwards."""
        skipped = bool(issues) and any(i.code == SKIPPED_BY_USER for i in issues)
        if skipped:
            issues = [i for i in issues if i.code != SKIPPED_BY_USER]
        if any(names_a_command(i.message) for i in issues):  # a check's hint for the CLI
            issues = [replace(i, message=for_window(i.message)) for i in issues]
        if same is None:
            same = product is self.product or product == self.product
        if same and issues == self.issues and skipped == self.skipped and self.search:
            return False
        self.product, self.issues, self.skipped = product, issues, skipped
        if refresh:
            self.refresh()
        return True

    def _status(self) -> Status:
        upload = self.upload_status
        if upload in ON_SHOP or upload is Status.RUNNING:
            return upload
        if self.skipped:
            return Status.USER_SKIPPED
        if upload is not None:
            return upload
        if not self.issues:
            return Status.READY
        for issue in self.issues:
            if issue.is_error:
                return Status.ERROR
        return Status.WARNING

    def describe(self) -> str:
        """Plain text of the row: the row, the run's last word, every issue (for copying)."""
        product = self.product
        lines = [f"{product.row}  {product.key or ''}  {product.title or ''}"]
        said = self.status_text() if self.status in ON_SHOP else self.message
        if said:
            lines.append(said)
        lines += [f"{'✖' if issue.is_error else '⚠'} {issue.message}" for issue in self.issues]
        return "\n".join(lines)

    def status_text(self) -> str:
        status = self.status
        if status in ON_SHOP:
            return self.listed_words()
        if status is Status.FAILED and self.message:
            return self.message
        if status is Status.WAITING:
            return QCoreApplication.translate("ProductTableModel", "Waiting for the daily quota")
        if status is Status.USER_SKIPPED:
            return QCoreApplication.translate("ProductTableModel",
                                              "Skipped: you chose not to upload this row")
        if status in (Status.ERROR, Status.WARNING):
            first = next((i for i in self.issues if i.is_error), self.issues[0])
            more = len(self.issues) - 1
            # Chinese has no plural forms; a plain %1 keeps every lupdate version's parser happy
            suffix = QCoreApplication.translate("ProductTableModel", " (+%1 more)")
            return first.message + (suffix.replace("%1", str(more)) if more else "")
        words = {
            Status.READY: QCoreApplication.translate("ProductTableModel", "Ready"),
            Status.RUNNING: QCoreApplication.translate("ProductTableModel", "Uploading…"),
        }.get(status, "")
        skus = len(self.product.skus)
        if words and skus > 1:  # one product in colours/sizes: one table row, its SKUs said
            words += QCoreApplication.translate("ProductTableModel", " · %1 SKUs").replace(
                "%1", str(skus))
        return words

    def listed_words(self) -> str:
        """The status of a row with an item on the shop: listed by this run or before, with
        changes Taobao does not have, with the changes a run just sent, or taken back."""
        if self.status is Status.UNDONE:
            text = (translate("ProductTableModel", "Taken back · deleted")
                    if self.shelf in _DELETED
                    else translate("ProductTableModel", "Taken back · off sale"))
        elif self.unsent:
            text = translate("ProductTableModel", "Listed · %1 change(s) not on Taobao")
            text = text.replace("%1", str(len(self.unsent)))
        elif self.synced:
            text = translate("ProductTableModel", "Changes sent: %1")
            text = text.replace("%1", "、".join(self.synced))
        elif self.status is Status.LISTED:
            text = translate("ProductTableModel", "Listed now")
        else:
            text = translate("ProductTableModel", "Listed")
        if self.num_iid is None:
            return text
        item = translate("ProductTableModel", "item ID %1")
        return text + " · " + item.replace("%1", str(self.num_iid))

    def listed_details(self) -> list[str]:
        """What the tooltip and the detail pane say of an item on the shop beyond its status:
        each change Taobao lacks (why it cannot be sent, when it cannot), what was sent."""
        out = []
        if self.unsent:
            line = translate("ProductTableModel", "Not on Taobao yet: %1")
            out.append(line.replace("%1", "、".join(unsent_reasons(self.unsent, self.sendable))))
            if self.sendable and self.status is not Status.UNDONE:
                line = translate("ProductTableModel", "Sync changes sends %1.")
                out.append(line.replace("%1", "、".join(self.sendable)))
        if self.synced:
            line = translate("ProductTableModel", "Sent to Taobao by the last run: %1")
            out.append(line.replace("%1", "、".join(self.synced)))
        return out

    def tooltip(self) -> str:
        """The whole status (never clipped) and every issue."""
        lines = [self.status_text()]
        if self.status in ON_SHOP:
            lines += self.listed_details()
        elif self.message and self.message not in lines:
            lines.append(self.message)
        lines += [i.message for i in self.issues if i.message not in lines]
        return "\n".join(line for line in lines if line)


def price_text(price: Decimal) -> str:
    """Two decimals, unless the price in the sheet has more: 49.999 must not read as 50.00
    next to the issue that says it has three decimals."""
    shown = f"{price:.2f}"
    return shown if Decimal(shown) == price else f"{price:f}"


def unsent_reasons(unsent: tuple[str, ...], sendable: tuple[str, ...]) -> list[str]:
    """Each change Taobao lacks, with why a run cannot send it when it cannot (the journal
    names them bare; a run's own words carry their reason already)."""
    why = {label(f): reason for f, reason in UNSENDABLE.items()}
    return [x if x in sendable or "（" in x or x not in why else f"{x}（{why[x]}）"
            for x in unsent]


@dataclass(slots=True)
class ShownReview(Review):
    """A review with the table's rows built for it (`read_for_table`, on the loader's thread):
    the model takes them instead of building 10,000 rows while the window waits."""

    rows: list[RowState] | None = None


def build_states(review: Review) -> list[RowState]:
    """The table's rows of ``review``, with the window's corrections marked (any thread)."""
    states = states_of(review.products, review.issues)
    applied = review.edits.rows if review.edits is not None else {}
    if applied:
        by_row = {state.product.row: state for state in states}
        for row, entry in applied.items():
            if row in by_row:
                by_row[row].edits = dict(entry.edits)
    return states


def states_of(products: list[Product], issues: Mapping[int, list[Issue]]) -> list[RowState]:
    states = []
    with gc_paused():  # 10,000 new objects: no collection passes in between
        for p in products:
            state = RowState(product=p)
            state.take(p, row_issues(p, issues))  # the skip marker becomes ``skipped``
            states.append(state)
    return states


def read_for_table(path: Path, *, categories: CategorySource | None = None) -> ShownReview:
    """The window's read of a sheet (loader thread): `review_sheet` without the picture pass
    (``categories``: the shop's cached category data), and the table's rows built."""
    review = review_sheet(path, check_pictures=False, categories=categories)
    kept = {f.name: getattr(review, f.name) for f in fields(Review)}
    return ShownReview(**kept, rows=build_states(review))
