"""The window's menus and shortcuts, the About box, 上架记录 (`runs_dialog.py`, from the 上架
menu) and the offer to resume an unfinished run.

Shortcuts: Ctrl+O 打开表格, Ctrl+Enter 开始上架 (the confirmation's default button then takes
Enter), Ctrl+R 重试失败, Ctrl+E 导出结果, Ctrl+F 搜索, Ctrl+Q 退出. The run actions are the run
bar's own (one QAction each: button and menu item are enabled together).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from app import __version__, paths
from app.ui.row_state import Status
from app.ui.run_state import Act, RunState
from app.ui.runs_dialog import RunsDialog
from app.ui.shop_text import env_name
from app.upload.history import unfinished_runs
from app.upload.journal import default_path
from app.upload.undo import UndoService

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


@dataclass
class Menus:
    open_action: QAction
    recent: QMenu
    template_action: QAction
    mapping_action: QAction
    search_action: QAction
    quit_action: QAction
    about_action: QAction
    log_folder_action: QAction
    history_action: QAction
    sync_action: QAction
    help_menu: QMenu | None = None  # 设置 (ShopUi) goes before it


def _action(window: MainWindow, text: str, slot: object, key: str | None = None) -> QAction:
    action = QAction(text, window)
    if key:
        action.setShortcut(QKeySequence(key))
    action.triggered.connect(slot)
    return action


def build(window: MainWindow) -> Menus:
    panel = window.run_panel
    menus = Menus(
        open_action=_action(
            window, translate("WindowMenus", "&Open sheet…"), window.choose_sheet, "Ctrl+O"
        ),
        recent=QMenu(translate("WindowMenus", "Open &recent"), window),
        template_action=_action(
            window, translate("WindowMenus", "Download &template…"), window.files.template
        ),
        mapping_action=_action(
            window, translate("WindowMenus", "&Match columns…"), window.edit_mapping
        ),
        search_action=_action(
            window, translate("WindowMenus", "&Search rows"), window.products.focus_search, "Ctrl+F"
        ),
        quit_action=_action(window, translate("WindowMenus", "&Quit"), window.close, "Ctrl+Q"),
        about_action=_action(
            window, translate("WindowMenus", "&About TaoShelf"), lambda: about(window)
        ),
        log_folder_action=_action(
            window, translate("WindowMenus", "Open the &log folder"), open_log_folder
        ),
        history_action=_action(
            window, translate("WindowMenus", "Upload &history…"), lambda: open_history(window)
        ),
        sync_action=_action(
            window, translate("WindowMenus", "S&ync changes to Taobao"),
            lambda _checked=False: window.sync_changes(),  # every listed row with changes
        ),
    )
    menus.sync_action.setToolTip(translate(
        "WindowMenus", "Send the changes made to listed rows (title, price, pictures…) to their "
        "items on Taobao; nothing new is listed"))
    menus.recent.aboutToShow.connect(lambda: _fill_recent(window, menus.recent))
    bar = window.menuBar()
    file_menu = bar.addMenu(translate("WindowMenus", "&File"))
    file_menu.addAction(menus.open_action)
    file_menu.addMenu(menus.recent)
    file_menu.addAction(menus.template_action)
    file_menu.addSeparator()
    file_menu.addAction(panel.export_action)
    file_menu.addSeparator()
    file_menu.addAction(menus.quit_action)
    run_menu = bar.addMenu(translate("WindowMenus", "&Upload"))
    for action in (
        panel.start_action,
        panel.pause_action,
        panel.resume_action,
        panel.cancel_action,
        panel.retry_action,
        menus.sync_action,
    ):
        run_menu.addAction(action)
    run_menu.addSeparator()
    run_menu.addAction(menus.history_action)
    run_menu.addSeparator()
    run_menu.addAction(menus.mapping_action)
    run_menu.addAction(menus.search_action)
    # 设置 (shops, listing settings: ShopUi) goes between 上架 and 帮助
    help_menu = menus.help_menu = bar.addMenu(translate("WindowMenus", "&Help"))
    help_menu.addAction(menus.about_action)
    help_menu.addAction(menus.log_folder_action)
    return menus


def sync(window: MainWindow) -> None:
    """Enable what the run state allows (and the data makes sensible): the run bar's actions
    (its buttons and the 上架 menu share them), the top bar and the menus."""
    m, panel, session = window.machine, window.run_panel, window.session
    rows = window.products.row_count()
    empty = window.pages.currentWidget() is window.start_page  # it has its own buttons
    for widget in (window.open_button, window.mapping_button, panel):
        widget.setVisible(not empty)
    window.open_button.setEnabled(m.allows(Act.OPEN))
    mapping = m.allows(Act.MAP_COLUMNS) and session.review is not None
    window.mapping_button.setEnabled(mapping)
    panel.start_action.setEnabled(m.allows(Act.START) and rows > 0)
    failed = window.products.model.counts()[Status.FAILED] > 0 if rows else False
    panel.retry_action.setEnabled(m.allows(Act.RETRY) and failed)
    panel.export_action.setEnabled(m.allows(Act.EXPORT) and session.results is not None)
    panel.pause_action.setEnabled(m.allows(Act.PAUSE) and window.coordinator.sending)
    panel.resume_action.setEnabled(m.allows(Act.RESUME))
    panel.cancel_action.setEnabled(m.allows(Act.CANCEL))
    panel.wait_for_quota.setEnabled(m.state is not RunState.FINISHING)
    menus: Menus | None = getattr(window, "menus", None)
    if menus is None:
        return
    menus.open_action.setEnabled(m.allows(Act.OPEN))
    menus.recent.setEnabled(m.allows(Act.OPEN))
    menus.mapping_action.setEnabled(mapping)
    menus.sync_action.setEnabled(m.allows(Act.START) and bool(window.products.rows_to_sync()))


def _fill_recent(window: MainWindow, menu: QMenu) -> None:
    menu.clear()
    sheets = window.recent.load()
    for sheet in sheets:
        action = menu.addAction(f"{sheet.name}  —  {sheet.path}")
        action.setEnabled(sheet.exists())
        action.triggered.connect(lambda _=False, p=sheet.path: window.open_sheet(Path(p)))
    if not sheets:
        menu.addAction(translate("WindowMenus", "(none yet)")).setEnabled(False)


def open_log_folder() -> bool:
    from app.ui.application import log_folder

    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_folder())))


def about(window: MainWindow) -> QMessageBox:
    from app.ui.application import log_folder

    box = QMessageBox(
        QMessageBox.Icon.Information,
        translate("WindowMenus", "About TaoShelf"),
        translate(
            "WindowMenus",
            "TaoShelf (淘上架) %1\nLists products on Taobao in bulk from an Excel sheet.\n\n"
            "Log folder: %2\nData folder: %3",
        )
        .replace("%1", __version__)
        .replace("%2", str(log_folder()))
        .replace("%3", str(paths.data_dir())),
        QMessageBox.StandardButton.Close,
        window,
    )
    box.finished.connect(box.deleteLater)
    window.about_box = box
    box.open()
    return box


def open_history(window: MainWindow, run_id: int | None = None) -> RunsDialog:
    """上架 → 上架记录 (or the detail pane's button, with ``run_id`` chosen): the current
    shop's runs, with 撤销这次上架 / 重新上架 / 删除 (they connect on a worker thread; a run going
    on holds the shop's run lock and says so). What they did shows on the rows at once."""
    who = window.shop_identity()
    shop, env = who if who is not None else (None, None)
    dialog = RunsDialog(UndoService(window.shop_connection, shop=shop, env=env), window)
    dialog.finished.connect(dialog.deleteLater)
    dialog.signals.done.connect(window.products.refresh_listed)
    if run_id is not None:
        dialog.select_run(run_id)
    window.history_dialog = dialog
    dialog.open()
    return dialog


def offer_unfinished(window: MainWindow) -> QMessageBox | None:
    """An unfinished run of a recent sheet (the journal says so): offer to open it and go on."""
    recent = {s.identity: s for s in window.recent.load() if s.exists()}
    runs = [r for r in unfinished_runs(default_path(), recent) if r.sheet in recent]
    if not runs:
        return None
    run, sheet = runs[0], recent[runs[0].sheet]
    left = (
        translate("WindowMenus", "%1 rows are not listed yet").replace("%1", str(run.rows_left))
        if run.rows_left
        else translate("WindowMenus", "it did not finish")
    )
    box = QMessageBox(
        QMessageBox.Icon.Question,
        translate("WindowMenus", "Continue the last upload?"),
        translate(
            "WindowMenus",
            "The last upload of %1 (shop %2 · %3) was not finished: %4.\n"
            "Open the sheet and continue? Products already listed are not listed again.",
        )
        .replace("%1", sheet.name)
        .replace("%2", run.shop)
        .replace("%3", env_name(run.env))
        .replace("%4", left),
        QMessageBox.StandardButton.NoButton,
        window,
    )
    go = box.addButton(
        translate("WindowMenus", "Open and continue"), QMessageBox.ButtonRole.AcceptRole
    )
    later = box.addButton(translate("WindowMenus", "Not now"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(go)
    box.setEscapeButton(later)
    go.clicked.connect(lambda: window.open_and_continue(Path(sheet.path)))
    box.finished.connect(box.deleteLater)
    window.unfinished_offer = box
    box.open()
    return box
