"""The window as one piece: the shell (run state, confirmation, run bar) driving the products
panel (corrections, skips) with the shop's settings — what only holds once the three are joined:
a skipped row is not called a sheet error, a full picture space is a stop and not failed rows, a
damaged journal is told, a correction typed while the pictures are checked is kept, the line over
the table follows corrections, 设置 sits between 上架 and 帮助, the quota switch starts as the
shop's setting."""

from __future__ import annotations

import threading
from dataclasses import replace
from decimal import Decimal
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app import settings_store
from app.catalog.model import ImageRef, ImageSource, Issue, Product, Severity
from app.credentials.shops import ShopRegistry
from app.review import Review, review_sheet, thumbnail_for, with_pictures
from app.settings_store import RunSettings
from app.simulator import Simulator, SimulatorConfig
from app.ui.loaders import SheetLoader
from app.ui.main_window import MainWindow
from app.ui.products_panel import ProductsPanel
from app.ui.row_state import Filter, Status, read_for_table
from app.ui.shop_context import ShopContext
from app.ui.table_model import ProductTableModel
from app.upload.connection import Connection
from app.upload.events import StopReason
from app.upload.journal import default_path
from app.upload.publishers import SWITCH_MESSAGE
from tests.gui.shop_kit import chinese
from tests.gui.window_kit import open_sheet, shop_on, start_confirmed, write_sheet
from tests.sheetgen import HEADER, build_xlsx, picture, product_row
from tests.upload_kit import items_by_outer_id

SECRET = "joined-secret-41"
KEY = "12345678"


def _window(qtbot: QtBot, shop: Connection | None = None, **kw: object) -> MainWindow:
    if shop is not None:
        kw.update(connection=lambda: shop, shops=ShopContext(demo=shop))
    window = MainWindow(**kw)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    return window


def test_a_skipped_row_is_counted_as_skipped_not_as_a_sheet_error(qtbot: QtBot,
                                                                 tmp_path: Path) -> None:
    with Simulator(SimulatorConfig(app_key=KEY, app_secret=SECRET)) as sim:
        window = _window(qtbot, shop_on(sim, SECRET))
        open_sheet(qtbot, window, write_sheet(tmp_path, "商品.xlsx", 3, broken=frozenset({3})))
        panel = window.products
        with qtbot.waitSignal(panel.session.revised, timeout=30_000):
            panel.session.set_skip([2], True)  # 跳过这一行 on the first product (sheet row 2)
        with qtbot.waitSignal(window.runs.finished, timeout=60_000) as finished:
            window.run_panel.start_button.click()
            qtbot.waitUntil(lambda: window.coordinator.confirmation is not None, timeout=30_000)
            dialog = window.coordinator.confirmation
            assert dialog is not None
            counts = {key: int(label.text()) for key, label in dialog.counts.items()}
            assert counts == {"to_send": 1, "already": 0, "blocked": 1, "user_skipped": 1}
            dialog.start_button.click()
        _summary, error = finished.args
        assert error == ""
        assert sorted(items_by_outer_id(sim)) == ["SKU-00002"]
    line = window.run_panel.line.text()
    assert "1 skipped by you" in line
    assert "1 with errors in the sheet, not sent" in line  # the broken row only
    assert window.run_panel.progress.value() == 3  # every row decided
    assert window.model.row_state(2).status is Status.USER_SKIPPED  # type: ignore[union-attr]


def test_a_full_picture_space_stops_the_run_with_its_message(qtbot: QtBot,
                                                             tmp_path: Path) -> None:
    with Simulator(SimulatorConfig(app_key=KEY, app_secret=SECRET)) as sim:
        sim.set_faults(picture_space_bytes=1000)
        window = _window(qtbot, shop_on(sim, SECRET))
        open_sheet(qtbot, window, write_sheet(tmp_path, "商品.xlsx", 3))
        with qtbot.waitSignal(window.runs.finished, timeout=60_000) as finished:
            start_confirmed(qtbot, window)
        summary, _error = finished.args
        assert items_by_outer_id(sim) == {}
    assert summary.stop_reason is StopReason.PICTURE_SPACE
    line = window.run_panel.line.text()
    assert line.startswith("Stopped: the picture space is full")
    assert summary.message in line  # the one message, what to do
    assert "0 failed" in line
    assert not any(s.status is Status.FAILED for s in window.model.rows())
    assert not window.run_panel.retry_action.isEnabled()  # nothing failed: nothing to retry


def test_a_damaged_journal_is_told_in_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    journal = default_path()
    journal.parent.mkdir(parents=True, exist_ok=True)
    journal.write_bytes(b"not a database: a sync tool wrote over it " * 200)
    with Simulator(SimulatorConfig(app_key=KEY, app_secret=SECRET)) as sim:
        window = _window(qtbot, shop_on(sim, SECRET))
        open_sheet(qtbot, window, write_sheet(tmp_path, "商品.xlsx", 2))
        with qtbot.waitSignal(window.runs.finished, timeout=60_000):
            start_confirmed(qtbot, window)
        assert len(items_by_outer_id(sim)) == 2
    box = window.coordinator.notice_box
    assert box is not None
    assert box.isVisible()
    assert "上架记录文件已损坏" in box.text()
    assert "不会重复上架" in box.text()


def test_a_correction_typed_while_the_pictures_are_checked_is_kept(qtbot: QtBot,
                                                                   tmp_path: Path) -> None:
    """The table fills before the picture pass; a price fixed meanwhile must survive the pass's
    result (which was made from the rows before the correction)."""
    release = threading.Event()

    def slow_pictures(review: Review) -> Review:
        release.wait(30)
        return with_pictures(review)

    loader = SheetLoader(partial(review_sheet, check_pictures=False), thumbnail_for, None,
                         slow_pictures)
    window = _window(qtbot, loader=loader)
    (tmp_path / "主图.jpg").write_bytes(picture(800, 800, (200, 80, 40), fmt="JPEG"))
    (tmp_path / "坏图.jpg").write_bytes(b"not a picture at all" * 50)
    broken = product_row(2, image="坏图.jpg")
    broken[2] = "abc"  # a price that is not a number
    sheet = build_xlsx(tmp_path / "商品.xlsx",
                       [HEADER, product_row(1, image="主图.jpg"), broken])
    with qtbot.waitSignal(loader.signals.rows, timeout=30_000):
        window.open_sheet(sheet)
    panel = window.products
    assert window.session.pictures_pending
    assert panel.model.row_state(3).status is Status.ERROR  # type: ignore[union-attr]
    with qtbot.waitSignal(panel.session.revised, timeout=30_000):
        panel.session.edit(3, "price", "66.60")
    with qtbot.waitSignal(loader.signals.loaded, timeout=30_000):
        release.set()
    qtbot.waitUntil(lambda: panel.settled, timeout=30_000)
    state = panel.model.row_state(3)
    assert state is not None
    assert str(state.product.price) == "66.60"  # the correction
    assert list(state.edits) == ["price"]
    assert [i.field for i in state.issues] == ["image"]  # the pass's finding, no price error
    review = window.review
    assert review is not None
    assert str(review.products[1].price) == "66.60"  # what a run sends
    assert [i.field for i in review.row_issues(review.products[1])] == ["image"]


def test_the_line_over_the_table_follows_corrections(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot)
    open_sheet(qtbot, window, write_sheet(tmp_path, "商品.xlsx", 3, broken=frozenset({1, 2})))
    assert "1 ready to upload, 2 with errors" in window.summary.text()
    panel = window.products
    with qtbot.waitSignal(panel.session.revised, timeout=30_000):
        panel.session.edit(2, "price", "59.90")
    qtbot.waitUntil(lambda: "2 ready to upload, 1 with errors" in window.summary.text())


def test_settings_sit_between_upload_and_help_and_the_shop_is_in_the_status_bar(
        qtbot: QtBot, qapp: QApplication) -> None:
    with chinese(qapp):
        window = _window(qtbot)
        titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["文件(&F)", "上架(&U)", "设置(&S)", "帮助(&H)"]
    switcher = window.shop_ui.switcher
    assert switcher.parent() is not None
    assert window.statusBar().isAncestorOf(switcher)


def test_the_quota_switch_starts_as_the_shops_setting(qtbot: QtBot,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    registry = ShopRegistry()
    registry.configure(KEY, env="sandbox")
    registry.set_active(KEY)
    saved = settings_store.load(KEY, "sandbox")
    settings_store.save(KEY, "sandbox", replace(saved, run=RunSettings(wait_for_quota=True)))
    window = _window(qtbot)
    assert window.run_panel.wait_for_quota.isChecked()
    settings_store.save(KEY, "sandbox", replace(saved, run=RunSettings(wait_for_quota=False)))
    window.shops.settings_saved.emit()  # 设置 → 上架设置 saved
    assert not window.run_panel.wait_for_quota.isChecked()


def test_mostly_picture_rows_still_give_text_rows_their_own_height(qtbot: QtBot) -> None:
    """The header's default height follows the sheet (most rows have a picture: thumbnail
    height, so 10,000 rows need no resize); the rows without one are still text-tall, also
    after a filter took them away and back."""
    pic = [ImageRef(ImageSource.PATH, "a.jpg")]
    products = [Product(row=n, outer_id=f"K-{n}", title=f"宝贝{n}", price=Decimal("10"),
                        images=[] if n in (4, 7) else pic) for n in range(2, 12)]
    panel = ProductsPanel()
    qtbot.addWidget(panel)
    panel.model.set_products(products, {4: [Issue(Severity.ERROR, "price", "price.x", "x")]})
    header = panel.table.verticalHeader()
    assert header.defaultSectionSize() == panel.picture_height

    def heights() -> dict[int, int]:
        proxy = panel.proxy
        return {proxy.source_state(proxy.index(r, 0)).product.row: header.sectionSize(r)
                for r in range(proxy.rowCount())}

    expected = {n: panel.text_height if n in (4, 7) else panel.picture_height
                for n in range(2, 12)}
    assert heights() == expected
    panel.set_filter(Filter.ERROR)
    panel.set_filter(Filter.ALL)
    assert heights() == expected


def test_rows_built_off_the_gui_thread_are_taken_once(qtbot: QtBot, tmp_path: Path) -> None:
    shown = read_for_table(write_sheet(tmp_path, "商品.xlsx", 3, broken=frozenset({2})))
    built = shown.rows
    assert built is not None
    model = ProductTableModel()
    model.set_review(shown)
    assert model.rows() == built  # the rows the loader built, not built again
    assert shown.rows is None
    assert model.row_state(3).status is Status.ERROR  # type: ignore[union-attr]
    model.set_upload_status(2, Status.FAILED, "淘宝拒绝")
    again = ProductTableModel()
    again.set_review(shown)  # the same review shown again: fresh rows, not the run's word
    assert again.row_state(2).status is Status.READY  # type: ignore[union-attr]


def test_upload_history_opens_from_the_upload_menu_with_this_shops_runs(
        qtbot: QtBot, tmp_path: Path) -> None:
    with Simulator(SimulatorConfig(app_key=KEY, app_secret=SECRET)) as sim:
        window = _window(qtbot, shop_on(sim, SECRET, nick="记录店"))
        open_sheet(qtbot, window, write_sheet(tmp_path, "商品.xlsx", 2))
        with qtbot.waitSignal(window.runs.finished, timeout=60_000):
            start_confirmed(qtbot, window)
        window.menus.history_action.trigger()  # 上架 → 上架记录
        dialog = window.history_dialog
        assert dialog.isVisible()
        assert dialog.service.shop == "记录店"
        assert dialog.table.rowCount() == 1
        assert dialog.table.item(0, 3).text() == "商品.xlsx"
        dialog.close()


def test_edits_of_listed_rows_are_counted_apart_in_the_confirmation(qtbot: QtBot,
                                                                    tmp_path: Path) -> None:
    with Simulator(SimulatorConfig(app_key=KEY, app_secret=SECRET)) as sim:
        window = _window(qtbot, shop_on(sim, SECRET))
        sheet = write_sheet(tmp_path, "商品.xlsx", 2)
        open_sheet(qtbot, window, sheet)
        with qtbot.waitSignal(window.runs.finished, timeout=60_000):
            start_confirmed(qtbot, window)
        panel = window.products
        with qtbot.waitSignal(panel.session.revised, timeout=30_000):
            panel.session.edit(2, "title", "改过的标题 纯棉短袖 新款")
        with qtbot.waitSignal(window.runs.finished, timeout=60_000):
            window.run_panel.start_button.click()
            qtbot.waitUntil(lambda: window.coordinator.confirmation is not None, timeout=30_000)
            dialog = window.coordinator.confirmation
            assert dialog is not None
            counts = {key: int(label.text()) for key, label in dialog.counts.items()}
            assert counts == {"to_send": 0, "edits": 1, "already": 1, "blocked": 0}
            dialog.start_button.click()
        titles = {k: v[0]["title"] for k, v in items_by_outer_id(sim).items()}
    assert titles["SKU-00001"] == "改过的标题 纯棉短袖 新款"
    assert len(titles) == 2


def test_a_switch_of_publisher_is_told_in_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    with Simulator(SimulatorConfig(app_key=KEY, app_secret=SECRET)) as sim:
        sim.set_faults(deny_api=[{"method": "taobao.item.add", "code": 11}])
        window = _window(qtbot, shop_on(sim, SECRET))
        open_sheet(qtbot, window, write_sheet(tmp_path, "商品.xlsx", 2))
        with qtbot.waitSignal(window.runs.finished, timeout=60_000) as finished:
            start_confirmed(qtbot, window)
        summary, error = finished.args
        assert error == ""
        assert len(items_by_outer_id(sim)) == 2
    assert summary.publisher == "item.add→schema"
    box = window.coordinator.notice_box
    assert box is not None
    assert box.isVisible()
    assert box.text() == SWITCH_MESSAGE


def test_thousands_of_row_events_at_once_are_one_repaint(qtbot: QtBot, tmp_path: Path) -> None:
    """300 rows the plan blocks are told at the run's start all at once; the table takes them
    together (a dataChanged per row held the GUI thread for most of a second on 10,000)."""
    broken = frozenset(range(1, 301))
    with Simulator(SimulatorConfig(app_key=KEY, app_secret=SECRET)) as sim:
        window = _window(qtbot, shop_on(sim, SECRET))
        open_sheet(qtbot, window, write_sheet(tmp_path, "商品.xlsx", 301, broken=broken))
        signals: list[int] = []
        window.model.dataChanged.connect(lambda top, bottom, *_: signals.append(1))
        with qtbot.waitSignal(window.runs.finished, timeout=120_000):
            start_confirmed(qtbot, window)
        assert len(items_by_outer_id(sim)) == 1
    assert len(signals) < 20, len(signals)
    statuses = [s.status for s in window.model.rows()]
    assert statuses.count(Status.ERROR) == 300
    assert statuses.count(Status.LISTED) == 1


def test_work_after_the_thumbnails_waits_for_them_and_another_sheet_drops_it(
        qtbot: QtBot, tmp_path: Path) -> None:
    """The category re-check of every row waits for the thumbnails (beside the thumbnail
    workers it starved the GUI thread of the interpreter); what waited for one sheet never
    runs on the next."""
    release = threading.Event()

    def slow_thumbnail(job: object, size: int) -> bytes | None:
        release.wait(30)
        return thumbnail_for(job, size)  # type: ignore[arg-type]

    loader = SheetLoader(partial(review_sheet, check_pictures=False), slow_thumbnail, None,
                         with_pictures)
    window = _window(qtbot, loader=loader)
    (tmp_path / "主图.jpg").write_bytes(picture(800, 800, (200, 80, 40), fmt="JPEG"))
    rows = [HEADER, product_row(1, image="主图.jpg"), product_row(2, image="主图.jpg")]
    first = build_xlsx(tmp_path / "一月.xlsx", rows)
    with qtbot.waitSignal(loader.signals.loaded, timeout=30_000):
        window.open_sheet(first)
    ran: list[str] = []
    window.session.after_thumbnails(lambda: ran.append("一月"))
    assert ran == []  # the thumbnails are still being made
    with qtbot.waitSignal(loader.signals.thumbnails_done, timeout=30_000):
        release.set()
    assert ran == ["一月"]
    window.session.after_thumbnails(lambda: ran.append("now"))  # made: at once
    assert ran == ["一月", "now"]

    release.clear()
    second = build_xlsx(tmp_path / "二月.xlsx", rows)
    with qtbot.waitSignal(loader.signals.loaded, timeout=30_000):
        window.open_sheet(second)
    window.session.after_thumbnails(lambda: ran.append("二月 (dropped)"))
    third = build_xlsx(tmp_path / "三月.xlsx", rows)
    with qtbot.waitSignal(loader.signals.rows, timeout=30_000):
        window.open_sheet(third)  # shown before 二月's thumbnails are made
    with qtbot.waitSignal(loader.signals.thumbnails_done, timeout=30_000,
                          check_params_cb=lambda g: g == loader.generation):
        release.set()
    assert ran == ["一月", "now"]


def test_thumbnails_wait_while_held(qtbot: QtBot) -> None:
    made = threading.Event()

    def thumbnail(job: object, size: int) -> bytes | None:
        made.set()
        return None

    loader = SheetLoader(lambda path: None, thumbnail)
    loader.hold_thumbnails(True)
    assert loader.thumbnails_held
    with qtbot.waitSignal(loader.signals.thumbnails_done, timeout=30_000):
        loader.make_thumbnails(loader.generation, [(2, "a"), (3, "b")], 56)
        assert not made.wait(0.3)  # held: not one thumbnail made
        loader.hold_thumbnails(False)
    assert made.is_set()
    loader.shutdown()


def test_a_run_holds_the_thumbnails_while_it_plans(qtbot: QtBot, tmp_path: Path) -> None:
    """A run's re-check of every row beside the thumbnails of a sheet just opened kept the
    GUI thread waiting for the interpreter (bench_window): the run holds them until planned."""
    with Simulator(SimulatorConfig(app_key=KEY, app_secret=SECRET)) as sim:
        window = _window(qtbot, shop_on(sim, SECRET))
        open_sheet(qtbot, window, write_sheet(tmp_path, "商品.xlsx", 3))
        qtbot.waitUntil(lambda: window.products.settled, timeout=30_000)
        held: list[bool] = []
        window.runs.planned.connect(lambda _plan: held.append(window.loader.thumbnails_held))
        with qtbot.waitSignal(window.runs.finished, timeout=60_000):
            window.run_panel.start_button.click()
            assert window.loader.thumbnails_held  # from the click
            qtbot.waitUntil(lambda: window.coordinator.confirmation is not None, timeout=30_000)
            assert held == [False]  # let go once planned (the coordinator hears it first)
            window.coordinator.confirmation.start_button.click()
        assert not window.loader.thumbnails_held
