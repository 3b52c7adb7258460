"""The always-visible current shop and environment, and the menu to switch shops.

The environment badge (objectName ``envBadge``) carries the dynamic property ``env``
(production / sandbox / local / none); its style sheet paints 正式 red, 沙箱 blue and 本地模拟 grey,
so the real shop never looks like a test one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from app.ui.shop_context import ShopContext
from app.ui.shop_text import env_name

BADGE_STYLE = """
QToolButton#shopButton { padding: 3px 20px 3px 8px; border: 1px solid #9aa5b1; border-radius: 4px;
                         background: #ffffff; }
QToolButton#shopButton::menu-indicator { subcontrol-position: right center; right: 5px; }
#envBadge { border-radius: 4px; padding: 2px 8px; font-weight: bold; color: white; }
#envBadge[env="production"] { background: #c0392b; }
#envBadge[env="sandbox"] { background: #1f6feb; }
#envBadge[env="local"] { background: #6b7280; }
#envBadge[env="none"] { background: #f0b429; color: #222; }
"""


class ShopSwitcher(QWidget):
    manage_requested = Signal()  # 管理店铺…
    refused = Signal(str)  # a switch refused (a run is going on): the message to show

    def __init__(
        self,
        context: ShopContext,
        busy: Callable[[], bool] = lambda: False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._busy = busy
        self.button = QToolButton()
        self.button.setObjectName("shopButton")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self)
        self.menu.aboutToShow.connect(self._fill_menu)
        self.button.setMenu(self.menu)
        self.badge = QLabel()
        self.badge.setObjectName("envBadge")
        self.setStyleSheet(BADGE_STYLE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.badge)
        context.changed.connect(self.update_view)
        self.update_view()

    @property
    def env(self) -> str:
        """The environment shown (``none`` when no shop is set up)."""
        return str(self.badge.property("env"))

    @Slot()
    def update_view(self) -> None:
        shop = self.context.current
        if shop is None:
            env, text = "none", self.tr("No shop")
            self.button.setText(self.tr("Set up your shop…"))
            self.button.setToolTip(self.tr("No shop is set up yet: add it to upload."))
        else:
            env, text = shop.env, env_name(shop.env)
            self.button.setText(self.tr("Shop: %1").replace("%1", shop.title))
            tip = self.tr("App Key %1 · %2").replace("%1", shop.app_key).replace("%2", text)
            if shop.nick and shop.nick != shop.title:
                tip += self.tr(" · authorised as %1").replace("%1", shop.nick)
            if shop.overridden:
                tip += self.tr(" (environment chosen when TaoShelf was started)")
            self.button.setToolTip(tip)
        self.badge.setText(text)
        self.badge.setProperty("env", env)
        self.badge.setToolTip(
            self.tr("Uploads go to your real Taobao shop.") if env == "production" else ""
        )
        self.badge.style().unpolish(self.badge)
        self.badge.style().polish(self.badge)

    @Slot()
    def _fill_menu(self) -> None:
        self.menu.clear()
        current = self.context.current
        locked = self.context.demo is not None
        for shop in self.context.shops():
            label = f"{shop.title}（{env_name(shop.environment)}）"
            action = self.menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(current is not None and shop.app_key == current.app_key)
            action.setEnabled(not locked)
            action.triggered.connect(lambda _=False, key=shop.app_key: self.switch_to(key))
        if self.menu.actions():
            self.menu.addSeparator()
        manage = self.menu.addAction(self.tr("Manage shops…"))
        manage.setEnabled(not locked)
        manage.triggered.connect(self.manage_requested)

    def switch_to(self, app_key: str) -> bool:
        """Make ``app_key`` the current shop; refused (False) while a run is going on."""
        current = self.context.current
        if current is not None and current.app_key == app_key and not current.overridden:
            return True
        if self._busy():
            self.refused.emit(self.tr("An upload is running: switch shops after it ends."))
            return False
        self.context.switch(app_key)
        return True
