"""What the main window gets from the shops side, in one object: the 设置 menu (店铺…,
上架设置…), the shop switcher (current shop + environment, always visible) and the first-run
setup. The window places ``switcher`` where it likes and builds its runs from the context
(`ShopContext.connection`, `ShopContext.upload_settings`).
"""

from __future__ import annotations

import webbrowser
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from app.ui.settings_dialog import ListingSettingsDialog
from app.ui.shop_context import ShopContext
from app.ui.shop_dialog import ShopsDialog
from app.ui.shop_switcher import ShopSwitcher

translate = QCoreApplication.translate  # lupdate reads translate("ShopMenu", "…")


class ShopUi(QObject):
    """``busy`` and ``tell`` must not hold the window (a cycle through a window would be freed
    by Python's collector on whatever thread runs it: pass a child's bound method)."""

    def __init__(
        self,
        window: QMainWindow,
        context: ShopContext,
        *,
        busy: Callable[[], bool] = lambda: False,
        tell: Callable[[str], object] | None = None,
        open_browser: Callable[[str], object] = webbrowser.open,
        before: QAction | None = None,
    ) -> None:
        super().__init__(window)  # the window is only the Qt parent: no reference cycle
        self.context = context
        self._busy, self._open_browser = busy, open_browser
        self.shops_dialog: ShopsDialog | None = None
        self.settings_dialog: ListingSettingsDialog | None = None
        self.switcher = ShopSwitcher(context, busy)
        self.switcher.manage_requested.connect(self.open_shops)
        if tell is not None:
            self.switcher.refused.connect(tell)
        self.menu = QMenu(translate("ShopMenu", "&Settings"), window)
        self.shops_action = self.menu.addAction(translate("ShopMenu", "&Shops…"))
        self.shops_action.triggered.connect(self.open_shops)
        self.shops_action.setEnabled(context.demo is None)
        self.settings_action = self.menu.addAction(translate("ShopMenu", "&Listing settings…"))
        self.settings_action.triggered.connect(self.open_settings)
        bar = window.menuBar()
        if before is not None:
            bar.insertMenu(before, self.menu)
        else:
            bar.addMenu(self.menu)

    @Slot()
    def open_shops(self, first_run: bool = False) -> ShopsDialog:
        """设置 → 店铺 (window-modal, not blocking: the caller goes on)."""
        if self.shops_dialog is not None and self.shops_dialog.isVisible():
            self.shops_dialog.raise_()
            return self.shops_dialog
        dialog = ShopsDialog(self.context, self._window(), first_run=first_run,
                             open_browser=self._open_browser, busy=self._busy)
        dialog.finished.connect(self._forget_shops_dialog)
        dialog.finished.connect(dialog.deleteLater)
        self.shops_dialog = dialog
        dialog.open()
        return dialog

    def open_settings(self) -> ListingSettingsDialog | ShopsDialog:
        """设置 → 上架设置 of the current shop (the shops dialog when there is none)."""
        shop = self.context.current
        if shop is None:
            return self.open_shops(first_run=True)
        dialog = ListingSettingsDialog(shop, self._window())
        dialog.saved.connect(self.context.settings_saved)
        dialog.finished.connect(self._forget_settings_dialog)
        dialog.finished.connect(dialog.deleteLater)
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def _window(self) -> QMainWindow:
        window = self.parent()
        assert isinstance(window, QMainWindow)
        return window

    @Slot()
    def _forget_shops_dialog(self) -> None:
        self.shops_dialog = None

    @Slot()
    def _forget_settings_dialog(self) -> None:
        self.settings_dialog = None

    def first_run(self) -> ShopsDialog | None:
        """At start: the setup when no shop is set up yet (never in the demo)."""
        if self.context.demo is not None or self.context.shops():
            return None
        return self.open_shops(first_run=True)
