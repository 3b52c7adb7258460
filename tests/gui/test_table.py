"""The table without a window: filters with counts, search, sorting through the proxy, row
heights, tooltips, statuses of a run (等待额度), and one dataChanged per row change."""

from __future__ import annotations

import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    Qt,
    QTimer,
)
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QAbstractItemDelegate, QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from app.catalog.model import SKIPPED_BY_USER, ImageRef, ImageSource, Issue, Product, Severity, Sku
from app.excel.reader import SheetData
from app.review import Review
from app.ui.application import install_translations
from app.ui.products_panel import ProductsPanel
from app.ui.review_steps import STEP, ReviewSteps
from app.ui.row_filter import RowFilter
from app.ui.row_state import Filter, Status
from app.ui.table_model import ROW_ROLES, Column, ProductTableModel
from app.upload.events import RowListed, RowOutcome, RowSkipped, RowStatus

E, W = Severity.ERROR, Severity.WARNING
PIC = [ImageRef(ImageSource.PATH, "a.jpg")]
LONG = "类目 50000671 下标题不能含“最”字，淘宝拒绝了这个宝贝：请把标题里的极限用语删掉后重试。" * 2


def _products() -> tuple[list[Product], dict[int, list[Issue]]]:
    products = [
        Product(row=2, outer_id="A-1", title="纯棉T恤", price=Decimal("100"), images=PIC),
        Product(row=3, outer_id="A-2", title="连衣裙", price=Decimal("9.5")),
        Product(row=4, outer_id="B-1", title="牛仔裤 纯棉", price=Decimal("10")),
        Product(row=5, outer_id="00123", title="衬衫", price=Decimal("49.999"), images=PIC),
        Product(row=6, outer_id="C-1", title="毛衣", price=None),
        Product(row=7, outer_id="C-2", title="卫衣", price=Decimal("20")),
    ]
    issues = {
        3: [Issue(W, "title", "title.emoji", "标题含表情")],
        5: [Issue(E, "price", "price.decimals", "价格 49.999 有 3 位小数")],
        6: [Issue(E, "price", "price.missing", "价格为空")],
        7: [Issue(E, "row", SKIPPED_BY_USER, "已跳过（在窗口里设置）")],
    }
    return products, issues


def _model() -> ProductTableModel:
    model = ProductTableModel()
    model.set_products(*_products())
    return model


def _rows(proxy: RowFilter) -> list[int]:
    return [proxy.source_state(proxy.index(r, 0)).product.row for r in range(proxy.rowCount())]


def test_filters_and_their_counts_follow_each_row(qapp: QApplication) -> None:
    model = _model()
    proxy = RowFilter(model)
    model.apply_run_event(RowListed(2, "A-1", 6001, "created"))
    model.apply_run_event(RowSkipped(RowOutcome(4, "B-1", RowStatus.SKIPPED, message=LONG)))
    counts = model.counts()
    assert counts[Status.USER_SKIPPED] == 1
    seen = {}
    for choice in Filter:
        proxy.set_filter(choice)
        seen[choice] = _rows(proxy)
    assert seen == {
        Filter.ALL: [2, 3, 4, 5, 6, 7],
        Filter.READY: [3],  # a warning does not stop a row
        Filter.ERROR: [5, 6],
        Filter.WARNING: [3],
        Filter.FAILED: [4],  # refused before and unchanged
        Filter.LISTED: [2],
    }
    proxy.set_filter(Filter.ERROR)
    model.set_upload_status(5, Status.FAILED, "x")  # live: the row moves to another filter
    assert _rows(proxy) == [6]


class _CountingFilter(RowFilter):
    asked = 0

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        self.asked += 1
        return super().filterAcceptsRow(source_row, source_parent)


def test_changed_rows_are_not_filtered_again_while_nothing_filters_or_sorts(
        qapp: QApplication) -> None:
    """全部, no search, sheet order: a change that spans every row (category data arriving,
    a run's outcomes) asks the filter nothing; a filter, a search or a sort follows changes."""
    model = _model()
    proxy = _CountingFilter(model)
    assert _rows(proxy) == [2, 3, 4, 5, 6, 7]  # mapped, as a view does at once
    proxy.asked = 0
    for row in (2, 3, 4, 5, 6, 7):
        model.set_upload_status(row, Status.RUNNING)
    model.forget_run(None)  # one dataChanged over every row
    assert proxy.asked == 0
    assert _rows(proxy) == [2, 3, 4, 5, 6, 7]
    proxy.set_filter(Filter.FAILED)
    model.set_upload_status(3, Status.FAILED, "x")
    assert _rows(proxy) == [3]  # followed live
    proxy.set_filter(Filter.ALL)
    proxy.set_search("纯棉")
    model.apply_run_event(RowListed(2, "A-1", 6001, "created"))
    assert _rows(proxy) == [2, 4]
    proxy.set_search("")
    proxy.sort(Column.STATUS, Qt.SortOrder.DescendingOrder)
    model.set_upload_status(7, Status.WAITING)  # 8: sorts first now
    assert _rows(proxy)[0] == 7
    proxy.sort(-1)
    proxy.asked = 0
    model.forget_run(None)
    assert proxy.asked == 0


def test_search_finds_title_and_outer_id(qapp: QApplication) -> None:
    proxy = RowFilter(_model())
    proxy.set_search("纯棉")
    assert _rows(proxy) == [2, 4]
    proxy.set_search("0012")
    assert _rows(proxy) == [5]
    proxy.set_search("a-")  # case does not matter
    assert _rows(proxy) == [2, 3]
    proxy.set_filter(Filter.WARNING)
    assert _rows(proxy) == [3]


def test_sorting_is_by_value_not_by_text(qapp: QApplication) -> None:
    proxy = RowFilter(_model())
    proxy.sort(Column.PRICE, Qt.SortOrder.AscendingOrder)
    assert _rows(proxy) == [6, 3, 4, 7, 5, 2]  # empty, 9.5, 10, 20, 49.999, 100
    proxy.sort(Column.PRICE, Qt.SortOrder.DescendingOrder)
    assert _rows(proxy)[0] == 2
    proxy.sort(Column.STATUS, Qt.SortOrder.AscendingOrder)
    assert [proxy.source_state(proxy.index(r, 0)).status for r in range(2)] == [
        Status.READY, Status.READY]
    proxy.sort(Column.ROW, Qt.SortOrder.DescendingOrder)
    assert _rows(proxy) == [7, 6, 5, 4, 3, 2]


def test_values_show_as_the_sheet_has_them(qapp: QApplication) -> None:
    model = _model()
    position = model.position_of(5)
    assert position is not None
    assert model.index(position, Column.PRICE).data() == "49.999"
    assert model.index(position, Column.KEY).data() == "00123"
    assert model.index(position, Column.PRICE).data(Qt.ItemDataRole.EditRole) == "49.999"


def test_status_is_never_cut_short_and_waiting_for_quota_is_not_failure(qapp: QApplication
                                                                        ) -> None:
    installed = install_translations(qapp)
    try:
        model = _model()
        model.apply_run_event(RowSkipped(RowOutcome(3, "A-2", RowStatus.SKIPPED, message=LONG)))
        model.apply_run_event(RowSkipped(RowOutcome(
            4, "B-1", RowStatus.WAITING_QUOTA, message="今日调用额度已用完，额度恢复后继续")))
        failed, waiting = model.position_of(3), model.position_of(4)
        assert failed is not None
        assert waiting is not None
        tip = model.index(failed, Column.STATUS).data(Qt.ItemDataRole.ToolTipRole)
        assert LONG in tip  # whole, whatever the column's width
        assert model.row_state(4).status is Status.WAITING  # type: ignore[union-attr]
        assert model.index(waiting, Column.STATUS).data().startswith("等待额度")
        assert model.index(model.position_of(7) or 0, Column.STATUS).data().startswith("已跳过")
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def test_one_data_changed_per_row_change_with_its_roles(qapp: QApplication,
                                                        qtbot: QtBot) -> None:
    model = _model()
    seen: list[tuple[int, int, list]] = []
    model.dataChanged.connect(lambda a, b, roles: seen.append((a.row(), b.row(), list(roles))))
    model.apply_run_event(RowListed(6, "C-1", 6009, "created"))
    position = model.position_of(6)
    assert seen == [(position, position, ROW_ROLES)]


def test_rows_with_a_picture_are_as_tall_as_it_and_the_others_as_their_text(
        qtbot: QtBot) -> None:
    panel = ProductsPanel()
    qtbot.addWidget(panel)
    panel.model.set_products(*_products())
    header = panel.table.verticalHeader()
    heights = {panel.proxy.source_state(panel.proxy.index(r, 0)).product.row:
               header.sectionSize(r) for r in range(panel.proxy.rowCount())}
    assert heights[2] == heights[5] == ProductTableModel.THUMB_SIZE + 8
    assert heights[3] == heights[4] == heights[6] == panel.text_height
    assert panel.text_height < ProductTableModel.THUMB_SIZE
    panel.set_filter(Filter.ERROR)  # rows filtered out and back keep their heights
    panel.set_filter(Filter.ALL)
    heights = [header.sectionSize(r) for r in range(panel.proxy.rowCount())]
    assert heights == [64, panel.text_height, panel.text_height, 64, panel.text_height,
                       panel.text_height]


def test_filter_counts_follow_a_run_that_changes_rows_faster_than_they_are_counted(
        qtbot: QtBot) -> None:
    """A run changes a row every few tens of milliseconds for minutes: the counts (全部 / 已上架
    …) must move while it does, not only once it stops."""
    panel = ProductsPanel()
    qtbot.addWidget(panel)
    n = 40
    panel.model.set_products([Product(row=r, outer_id=f"K{r}", title=f"商品{r}",
                                      price=Decimal("10")) for r in range(2, n + 2)], {})
    seen: list[int] = []
    panel.counts_changed.connect(lambda counts: seen.append(counts[Status.LISTED]))
    rows = iter(range(2, n + 2))
    ticker = QTimer()
    ticker.setInterval(20)  # a row listed every 20 ms, as a run with several workers does

    def list_one() -> None:
        row = next(rows, None)
        if row is None:
            ticker.stop()
            return
        panel.apply_run_event(RowListed(row, f"K{row}", 7000 + row, "created"))

    ticker.timeout.connect(list_one)
    ticker.start()
    qtbot.waitUntil(lambda: not ticker.isActive(), timeout=30_000)
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] == n)
    assert any(0 < listed < n for listed in seen)  # counted during the run


def _review(products: list[Product], issues: dict[int, list[Issue]]) -> Review:
    sheet = SheetData(path=Path("商品.xlsx"), identity="t", sheet_name="宝贝", header_row=1,
                      mapping={}, headers={}, unknown_headers=[], products=products)
    return Review(sheet=sheet, issues=issues)


def test_a_big_recheck_reaches_every_row_a_slice_at_a_time(qtbot: QtBot) -> None:
    """Category data arriving for a big sheet changes every row: the table takes it a slice
    per event-loop turn (the window paints and answers between them) and every row ends with
    it; another sheet shown cancels the rest of it."""
    model = ProductTableModel()
    count = STEP * 2 + 7
    products = [Product(row=n, outer_id=f"K-{n}", title=f"商品{n}", price=Decimal("10"))
                for n in range(2, count + 2)]
    model.set_products(products, {})
    applied: list[Review] = []
    steps = ReviewSteps(model, lambda _rows: None, applied.append, model)
    warned = {p.row: [Issue(W, "cid", "cid.not_checked", "类目还没有核对")] for p in products}
    steps.apply(_review(products, warned))
    statuses = Counter(state.status for state in model.rows())
    assert statuses == {Status.WARNING: STEP, Status.READY: count - STEP}  # one slice so far
    qtbot.waitUntil(lambda: bool(applied))
    assert all(state.status is Status.WARNING for state in model.rows())

    model.set_products(products, {})  # the sheet read again: no warnings
    steps.apply(_review(products, warned))  # a slice at a time, the first one at once ...
    later = products[STEP:]  # ... when another sheet is shown: rows the next slices would take
    model.set_products(later, {})
    assert not steps.busy
    qtbot.wait(50)  # turns of the event loop in which nothing more may happen
    assert all(state.status is Status.READY for state in model.rows())
    assert applied == applied[:1]  # the cancelled one never ends


def test_a_product_in_colours_and_sizes_says_how_many_skus_it_lists(qapp: QApplication) -> None:
    skus = [Sku("", 10, Decimal("79"), values={"颜色分类": c, "尺码": s}, row=r)
            for r, (c, s) in enumerate(((c, s) for c in ("白色", "黑色") for s in "ML"), 5)]
    model = ProductTableModel()
    model.set_products([Product(row=5, outer_id="LX-T003", title="T恤", skus=skus),
                        Product(row=9, outer_id="LX-T004", title="衬衫")], {})
    status = [model.index(p, Column.STATUS).data() for p in range(2)]
    assert status == ["Ready · 4 SKUs", "Ready"]


def _python_entries_while(action: object) -> int:
    """How many times Qt called into Python (each call takes the GIL) during ``action()``."""
    entries = depth = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal entries, depth
        if event == "call":
            if depth == 0:
                entries += 1
            depth += 1
        elif event == "return":
            depth = max(0, depth - 1)

    sys.setprofile(profile)
    try:
        action()  # type: ignore[operator]
    finally:
        sys.setprofile(None)
    return entries


class _Paints(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_a_repaint_calls_python_once_per_painted_cell(qtbot: QtBot) -> None:
    """Each call from Qt into Python waits for the GIL, which a load's or a run's workers hold
    most of the time: a repaint of ~1,900 calls (one per role, plus the proxy's rowCount,
    columnCount, flags and headerData) held the GUI thread 50–150 ms. One per cell is what
    keeps it short (tests/benchmarks/bench_window.py)."""
    panel = ProductsPanel()
    qtbot.addWidget(panel)
    panel.resize(1200, 700)
    panel.model.set_products([Product(row=r, outer_id=f"K{r}", title=f"商品{r}",
                                      price=Decimal("10"), images=PIC if r % 3 else [])
                              for r in range(2, 3002)], {})
    table = panel.table
    viewport = table.viewport()
    painted = _Paints(viewport)
    panel.show()
    qtbot.waitUntil(lambda: painted.count > 0)  # laid out and painted once
    first, last = table.rowAt(0), table.rowAt(viewport.height() - 1)
    last = panel.proxy.rowCount() - 1 if last < 0 else last
    shown = sum(1 for c in range(panel.model.columnCount()) if not table.isColumnHidden(c)
                and table.columnViewportPosition(c) < viewport.width())
    cells = (last - first + 1) * shown
    assert cells >= 40  # a real screenful
    entries = _python_entries_while(viewport.repaint)
    assert cells <= entries <= cells + 10, (entries, cells)
    header = table.horizontalHeader()
    assert _python_entries_while(header.viewport().repaint) == 0  # the header is all C++


def test_one_call_for_all_roles_gives_what_data_gives(qapp: QApplication) -> None:
    model = _model()
    model.set_locked(False)
    proxy = RowFilter(model)
    proxy.sort(Column.PRICE, Qt.SortOrder.DescendingOrder)  # mapped, not the identity
    roles = [*ROW_ROLES, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.TextAlignmentRole,
             Qt.ItemDataRole.CheckStateRole]
    for row in range(proxy.rowCount()):
        for column in Column:
            index = proxy.index(row, column)
            for role in roles:
                slot = QModelRoleData(role)
                index.multiData(QModelRoleDataSpan(slot))
                expected = proxy.mapToSource(index).data(role)
                got = slot.data()
                assert type(got) is type(expected), (row, column, role)
                if isinstance(expected, QPixmap):
                    assert got.cacheKey() == expected.cacheKey()
                else:
                    assert got == expected, (row, column, role)


def test_a_cell_takes_typing_only_when_it_may(qtbot: QtBot) -> None:
    panel = ProductsPanel()
    qtbot.addWidget(panel)
    products, issues = _products()
    products.append(Product(row=8, outer_id="S-1", title="T恤", price=Decimal("10"),
                            skus=[Sku(row=8, properties="", price=Decimal("10"), quantity=1),
                                  Sku(row=9, properties="", price=Decimal("10"), quantity=1)]))
    panel.model.set_products(products, issues)
    panel.show()
    qtbot.waitExposed(panel)
    table = panel.table

    def opens_editor(sheet_row: int, column: Column) -> bool:
        position = panel.model.position_of(sheet_row)
        assert position is not None
        index = panel.proxy.mapFromSource(panel.model.index(position, column))
        table.edit(index)
        editors = [e for e in table.findChildren(QLineEdit) if e.isVisible()]
        for editor in editors:
            table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
        return bool(editors)

    assert opens_editor(2, Column.TITLE)
    assert opens_editor(3, Column.PRICE)
    assert not opens_editor(2, Column.CID)  # the picker's (a double-click)
    assert not opens_editor(2, Column.STATUS)
    assert not opens_editor(8, Column.PRICE)  # per SKU, in the pane
    assert opens_editor(8, Column.TITLE)
    panel.model.set_upload_status(2, Status.RUNNING)
    assert not opens_editor(2, Column.TITLE)  # being sent now
    panel.model.set_locked(True)
    assert not opens_editor(3, Column.TITLE)  # a run has the rows
    panel.model.set_locked(False)
    assert opens_editor(3, Column.TITLE)
