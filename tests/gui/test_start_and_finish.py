"""Start and finish: the empty window (drop zone, 打开表格, 下载模板, recent sheets), the offer to
resume an unfinished run, 列对应 at once for unknown headers, and 导出结果 in the sheet's
folder with numbers that stay numbers and 打开文件夹 afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app import paths
from app.excel.reader import read_sheet
from app.excel.report import RESULT_SHEET
from app.simulator import Simulator, SimulatorConfig
from app.ui.file_jobs import export_folder
from app.ui.main_window import MainWindow
from app.ui.recent_files import RecentFiles
from app.upload.history import unfinished_runs
from app.upload.journal import Journal, Scope, default_path
from tests.gui.window_kit import open_sheet, shop_on, start_confirmed, write_sheet
from tests.sheetgen import HEADER, build_xlsx, product_row

SECRET = "finish-secret-4"


class _Opened(QObject):
    """Receives the URLs the window asks the desktop to open (QDesktopServices handler)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened() -> object:
    receiver = _Opened()
    QDesktopServices.setUrlHandler("file", receiver, "open")
    yield receiver
    QDesktopServices.unsetUrlHandler("file")


def _save_as(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[str]:
    asked: list[str] = []

    def dialog(parent: object, caption: str, suggested: str, *rest: object) -> tuple[str, str]:
        asked.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return asked


def test_empty_window_offers_open_template_and_recent_sheets(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: _Opened
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    page = window.start_page
    assert window.pages.currentWidget() is page
    assert page.drop_zone.minimumHeight() >= 200
    assert page.recent.isHidden()  # nothing opened yet

    filters: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda parent, caption, folder, filt: (filters.append(filt) or "", ""))
    page.open_button.click()
    assert "*.xlsx" in filters[0]
    assert "*.xls " not in filters[0] + " "  # the reader refuses .xls: not offered

    template = tmp_path / "我的模板.xlsx"
    _save_as(monkeypatch, template)
    with qtbot.waitSignal(window.files.saved, timeout=30_000):
        page.template_button.click()
    assert read_sheet(template).products  # the template reads as a sheet
    box = window.files.notice
    assert box is not None
    folder = next(b for b in box.buttons() if b.text() == "Open folder")
    folder.click()
    assert [Path(u.toLocalFile()) for u in opened.urls] == [tmp_path]

    sheet = write_sheet(tmp_path, "最近.xlsx", 2)
    open_sheet(qtbot, window, sheet)
    again = MainWindow()
    qtbot.addWidget(again)
    assert not again.start_page.recent.isHidden()
    item = again.start_page.recent.item(0)
    assert "最近.xlsx" in item.text()
    with qtbot.waitSignal(again.loader.signals.loaded, timeout=30_000):
        again.start_page.recent.itemClicked.emit(item)
    assert again.session.path == sheet


def test_template_never_replaces_the_open_sheet(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = write_sheet(tmp_path, "商品.xlsx", 2)
    before = sheet.read_bytes()
    window = MainWindow()
    qtbot.addWidget(window)
    open_sheet(qtbot, window, sheet)
    _save_as(monkeypatch, sheet)
    window.menus.template_action.trigger()
    assert sheet.read_bytes() == before
    assert "cannot replace" in window.run_panel.line.text()


def test_an_unfinished_run_of_a_recent_sheet_is_offered(qtbot: QtBot, tmp_path: Path) -> None:
    sheet = write_sheet(tmp_path, "昨晚.xlsx", 3)
    identity = read_sheet(sheet).identity
    RecentFiles().add(sheet, identity)
    with Journal() as journal:  # yesterday's run: two rows never reached, no finish recorded
        scope = Scope("夜店", "local", identity)
        journal.start_run(scope, 3)
        journal.ensure_rows(scope, [("SKU-00001", 2, "f1"), ("SKU-00002", 3, "f2")])
    found = unfinished_runs(default_path(), [identity])
    assert [(r.shop, r.rows_left, r.finished) for r in found] == [("夜店", 2, False)]

    with Simulator(SimulatorConfig(app_key="12345678", app_secret=SECRET)) as sim:
        window = MainWindow(connection=lambda: shop_on(sim, SECRET, nick="夜店"))
        qtbot.addWidget(window)
        box = window.offer_unfinished()
        assert box is not None
        qtbot.waitUntil(box.isVisible)
        assert "昨晚.xlsx" in box.text()
        assert "2 rows" in box.text()
        accept = QMessageBox.ButtonRole.AcceptRole
        go = next(b for b in box.buttons() if box.buttonRole(b) is accept)
        with qtbot.waitSignal(window.runs.finished, timeout=60_000):
            go.click()  # opens the sheet; once read, the run is planned and confirmed
            qtbot.waitUntil(lambda: window.coordinator.confirmation is not None, timeout=30_000)
            window.coordinator.confirmation.start_button.click()
    assert window.session.path == sheet
    assert unfinished_runs(default_path(), [identity]) == []


def test_unknown_headers_open_the_column_dialog_at_once(qtbot: QtBot, tmp_path: Path) -> None:
    # without the property columns (a 货号 column with no 商家编码 beside it would be the code)
    header = ["我家的款号" if h == "商家编码" else h for h in HEADER[:10]]
    sheet = build_xlsx(tmp_path / "表.xlsx", [header, product_row(1)[:10]])
    window = MainWindow()
    qtbot.addWidget(window)
    open_sheet(qtbot, window, sheet)
    dialog = window.mapping_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    combo = dialog.combos["A"]
    names = [combo.itemText(i) for i in range(combo.count())]
    assert "商家编码" in names
    assert not any("outer_id" in n or "location." in n for n in names)  # no API names
    assert combo.currentText() == "Do not import"
    assert "not imported" in dialog.notes["A"].text()
    combo.setCurrentIndex(combo.findData("outer_id"))
    assert dialog.notes["A"].text() == ""


def test_export_opens_in_the_sheets_folder_and_reads_back(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: _Opened
) -> None:
    folder = tmp_path / "我的表格"
    folder.mkdir()
    sheet = write_sheet(folder, "商品.xlsx", 3)
    with Simulator(SimulatorConfig(app_key="12345678", app_secret=SECRET)) as sim:
        window = MainWindow(connection=lambda: shop_on(sim, SECRET))
        qtbot.addWidget(window)
        open_sheet(qtbot, window, sheet)
        with qtbot.waitSignal(window.runs.finished, timeout=60_000):
            start_confirmed(qtbot, window)
    report = folder / "结果.xlsx"
    asked = _save_as(monkeypatch, report)
    with qtbot.waitSignal(window.files.saved, timeout=30_000):
        window.run_panel.export_action.trigger()  # Ctrl+E
    assert asked == [str(folder / "商品_上架结果.xlsx")]  # the sheet's own folder
    ws = load_workbook(report)[RESULT_SHEET]
    header = [c.value for c in ws[1]]
    column = header.index("宝贝ID") + 1
    ids = [ws.cell(row=r, column=column) for r in range(2, 5)]
    assert all(isinstance(c.value, int) and c.value > 0 for c in ids)
    assert all(c.number_format == "0" for c in ids)  # never 6.1E+11
    price = ws.cell(row=2, column=header.index("价格") + 1).value
    assert isinstance(price, float | int)  # numbers stay numbers
    box = window.files.notice
    assert box is not None
    next(b for b in box.buttons() if b.text() == "Open folder").click()
    assert [Path(u.toLocalFile()) for u in opened.urls] == [folder]


def test_the_demo_exports_to_the_users_folder_not_the_hidden_one(qapp: object) -> None:
    demo_sheet = paths.data_dir() / "demo" / "淘上架演示.xlsx"
    chosen = export_folder(demo_sheet, demo=True)
    assert not chosen.resolve().is_relative_to(paths.data_dir().resolve())
    assert not chosen.resolve().is_relative_to(Path(__file__).resolve().parents[2])
    # a sheet the user keeps elsewhere: its own folder
    assert export_folder(Path("/tmp/表/商品.xlsx"), demo=False) == Path("/tmp/表").resolve()
