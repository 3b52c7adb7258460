"""设置 → 店铺: the shop list (add, remove, make current) beside one shop's details.

The same dialog is the first-run setup (``first_run=True``: a welcome line, and a new shop on
the environment the window was started on — the sandbox unless told otherwise). When there is
no usable OS keyring the dialog says what to do and nothing can be saved: secrets never go to a
file.
"""

from __future__ import annotations

import webbrowser
from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.credentials.store import CredentialError, CredentialStore, NoKeyringError
from app.ui.shop_context import ShopContext
from app.ui.shop_form import ShopForm
from app.ui.shop_tasks import ShopTasks
from app.ui.shop_text import env_name

KEY_ROLE = Qt.ItemDataRole.UserRole


class ShopsDialog(QDialog):
    def __init__(
        self,
        context: ShopContext,
        parent: QWidget | None = None,
        *,
        first_run: bool = False,
        store: CredentialStore | None = None,
        open_browser: Callable[[str], object] = webbrowser.open,
        busy: Callable[[], bool] = lambda: False,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.store = store or CredentialStore()
        self._busy = busy
        self.setWindowTitle(self.tr("Shops"))
        self.tasks = ShopTasks(self.store, open_browser, self)
        self.keyring_problem: str | None = None
        try:
            where: str | None = self.store.check_backend()
        except NoKeyringError as exc:
            where, self.keyring_problem = None, exc.window_message
        except CredentialError as exc:
            where, self.keyring_problem = None, exc.message
        self.form = ShopForm(self.store, self.tasks, where)
        self._build(first_run)
        self.form.saved.connect(self._on_saved)
        self.form.authorised.connect(self._on_saved)
        self.fill_list()
        current = context.current
        if first_run or current is None:
            self.new_shop()
        else:
            self.select(current.app_key)
        self.resize(900, 600)

    def _build(self, first_run: bool) -> None:
        self.welcome = QLabel(self.tr(
            "Welcome to TaoShelf! First add your shop: the App Key and App Secret of your app "
            "on the Taobao open platform. Start with the sandbox to try it out, then authorise "
            "the shop."))
        self.welcome.setWordWrap(True)
        self.welcome.setVisible(first_run)
        self.keyring_banner = QLabel(self.keyring_problem or "")
        self.keyring_banner.setObjectName("keyringBanner")
        self.keyring_banner.setWordWrap(True)
        self.keyring_banner.setStyleSheet(
            "#keyringBanner { background: #fdecea; border: 1px solid #c0392b; "
            "border-radius: 6px; padding: 8px; color: #7f1d1d; }")
        self.keyring_banner.setVisible(self.keyring_problem is not None)

        self.shop_list = QListWidget()
        self.shop_list.setMinimumWidth(220)
        self.shop_list.currentItemChanged.connect(self._on_pick)
        self.add_button = QPushButton(self.tr("Add shop"))
        self.add_button.clicked.connect(self.new_shop)
        self.remove_button = QPushButton(self.tr("Remove shop"))
        self.remove_button.clicked.connect(self.remove_current)
        self.use_button = QPushButton(self.tr("Use this shop"))
        self.use_button.clicked.connect(self.use_current)
        left = QVBoxLayout()
        left.addWidget(self.shop_list, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        left.addLayout(row)
        left.addWidget(self.use_button)

        body = QHBoxLayout()
        body.addLayout(left)
        body.addWidget(self.form, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = close.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(self.tr("Later") if first_run else self.tr("Close"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.welcome)
        layout.addWidget(self.keyring_banner)
        layout.addLayout(body, 1)
        layout.addWidget(close)

    # -- the list ------------------------------------------------------------------------------
    def fill_list(self) -> None:
        current = self.context.current
        self.shop_list.blockSignals(True)
        self.shop_list.clear()
        for shop in self.context.shops():
            text = f"{shop.title}\n{env_name(shop.environment)} · App Key {shop.app_key}"
            if current is not None and shop.app_key == current.app_key:
                text += self.tr(" · current")
            item = QListWidgetItem(text)
            item.setData(KEY_ROLE, shop.app_key)
            self.shop_list.addItem(item)
        self.shop_list.blockSignals(False)
        if self.shop_list.count():  # set up: 稍后设置 no longer fits
            self.close_button.setText(self.tr("Close"))
        self._sync()

    def select(self, app_key: str) -> None:
        for row in range(self.shop_list.count()):
            if self.shop_list.item(row).data(KEY_ROLE) == app_key:
                self.shop_list.setCurrentRow(row)
                return

    @Slot()
    def new_shop(self) -> None:
        self.shop_list.clearSelection()
        self.shop_list.setCurrentRow(-1)
        env = self.context.override_env or "sandbox"
        self.form.load(None, env=env, gateway=self.context.override_gateway or "")
        self.form.app_key_edit.setFocus()
        self._sync()

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_pick(self, item: QListWidgetItem | None, _: object = None) -> None:
        if item is None:
            return
        key = item.data(KEY_ROLE)
        shop = next((s for s in self.context.shops() if s.app_key == key), None)
        self.form.load(shop)
        self._sync()

    @Slot(str)
    def _on_saved(self, app_key: str) -> None:
        self.context.refresh()  # a first shop becomes the current one; nicks change
        self.fill_list()
        self.select(app_key)

    @Slot()
    def use_current(self) -> None:
        shop = self.form.shop
        if shop is None:
            return
        if self._busy():
            self.form.say(self.tr("An upload is running: switch shops after it ends."), ok=False)
            return
        self.context.switch(shop.app_key)
        self.fill_list()
        self.select(shop.app_key)

    def remove_current(self, *, confirm: bool = True) -> bool:
        shop = self.form.shop
        if shop is None or self.keyring_problem is not None:
            return False
        if confirm:
            answer = QMessageBox.question(
                self, self.tr("Remove shop"),
                self.tr("Remove shop %1? Its App Secret and authorisations are deleted from the "
                        "system keyring; products already listed stay on Taobao.")
                .replace("%1", shop.title))
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            self.store.remove_shop(shop.app_key)
        except CredentialError as exc:
            self.form.say(getattr(exc, "window_message", exc.message), ok=False)
            return False
        self.context.refresh()
        self.fill_list()
        current = self.context.current
        if current is not None:
            self.select(current.app_key)
        else:
            self.new_shop()
        return True

    def _sync(self) -> None:
        chosen = self.form.shop is not None
        current = self.context.current
        is_current = chosen and current is not None and current.app_key == self.form.shop.app_key
        self.remove_button.setEnabled(chosen and self.keyring_problem is None)
        self.use_button.setEnabled(chosen and not is_current)

    # -- closing -------------------------------------------------------------------------------
    def done(self, result: int) -> None:
        self.tasks.shutdown()
        self.context.refresh()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.tasks.shutdown()
        super().closeEvent(event)
