"""The rows side's category and SKU corrections: 选择类目 (from the 类目 cell or the detail
pane) writes the chosen leaf into the edits overlay — its id where the sheet's 类目 cell holds an
id (or nothing), else its path, as the user writes it — and remembers it among the shop's
recently used; the property editor's and the SKU lines' corrections go into the overlay the
same way. Each is checked again at once (`EditSession.edit`); a leaf whose data is not read yet
is read in the background (`CategorySync.review_changed`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject

from app.catalog.model import Product
from app.categories.prefetch import leaves_of
from app.categories.recent import remember_recent
from app.ui.category_picker import CategoryPicker
from app.ui.category_sync import CategorySync
from app.ui.edit_session import EditSession
from app.ui.row_state import RowState
from app.ui.table_model import Column, has_sku_rows

if TYPE_CHECKING:
    from app.ui.products_panel import ProductsPanel


class RowEditing(QObject):
    """Owned by `ProductsPanel` (``category_edits``); ``running()`` tells a run uses the rows."""

    def __init__(self, panel: ProductsPanel, session: EditSession,
                 running: Callable[[], bool]) -> None:
        super().__init__(panel)
        self._panel, self._session, self._running = panel, session, running
        self.sync: CategorySync | None = None
        self._ask_tree: Callable[[], object] | None = None
        self.picker: CategoryPicker | None = None
        panel.detail.choose_category.connect(self.choose)
        panel.detail.edit_field.connect(self.record)
        panel.actions.choose_category.triggered.connect(self._choose_selected)

    def set_sync(self, sync: CategorySync, ask_tree: Callable[[], object] | None) -> None:
        self.sync, self._ask_tree = sync, ask_tree

    def choose(self, row: int) -> CategoryPicker | None:
        """Open the picker for sheet row ``row`` (not during a run)."""
        review, sync = self._session.review, self.sync
        state = self._panel.model.row_state(row)
        if self._running() or review is None or state is None or sync is None:
            return None
        picker = CategoryPicker(sync, current=state.product.cid,
                                sheet_leaves=list(leaves_of(review.categories)),
                                ask_tree=self._ask_tree, parent=self._panel.window())
        picker.accepted.connect(lambda: self._chosen(row, picker))
        picker.finished.connect(picker.deleteLater)
        self.picker = picker
        picker.open()
        return picker

    def _choose_selected(self) -> None:
        """选择类目… from the row's context menu (one row selected)."""
        states = self._panel.selected_states()
        if len(states) == 1:
            self.choose(states[0].product.row)

    def _chosen(self, row: int, picker: CategoryPicker) -> None:
        chosen, review, applied = picker.chosen, self._session.review, self._session.applied
        if chosen is None or review is None or applied is None or self._running():
            return
        written = applied.read_text(review.sheet, row, "cid").strip()
        text = str(chosen.cid) if not written or written.isdigit() else chosen.path
        node = picker.tree.get(chosen.cid) if picker.tree is not None else None
        if node is not None:
            self._session.know_category(text, node, chosen.path)  # checked with it at once
        self._session.edit(row, "cid", text)
        if self.sync is not None:
            cid = chosen.cid
            self.sync.submit(lambda service: remember_recent(service.cache, cid),
                             lambda _saved: None, lambda _why: None)

    def record(self, row: int, name: str, text: str) -> None:
        """A property or SKU correction from the detail pane."""
        if not self._running():
            self._session.edit(row, name, text)

    def double_clicked(self, column: Column, product: Product) -> None:
        """The 类目 cell opens the picker; a variant's price or stock says where to edit it."""
        if column is Column.CID:
            self.choose(product.row)
        elif column in (Column.PRICE, Column.NUM) and has_sku_rows(product):
            self._panel.bar.show_notice(QCoreApplication.translate(
                "ProductsPanel", "This product has several SKUs: its price and stock come from "
                "them. Correct them per SKU in the pane on the right."))

    def detail_args(self, state: RowState) -> dict[str, Any]:
        """What the detail pane's category part needs for ``state``'s product."""
        review, applied = self._session.review, self._session.applied
        rows = applied.rows if applied is not None else {}
        if review is None:
            return {}
        return {"categories": review.categories,
                "headers": tuple(review.sheet.unknown_columns.values()),
                "more_edits": tuple(rows[r] for r in state.product.rows[1:] if r in rows),
                "editable": not self._running()}
