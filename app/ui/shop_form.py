"""One shop's details in the shops dialog: App Key, App Secret (to the OS keyring only),
environment, gateway, callback address — and its authorisation (授权店铺, 测试连接).

Saving writes the non-secret part to ``shops.json`` (`CredentialStore.configure_shop`) and the
App Secret to the keyring (`CredentialStore.set_secret`); the field is emptied afterwards and
never filled from the keyring. The authorisation and the test run off the GUI thread
(`ShopTasks`); their answers arrive as signals.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.credentials.shops import ShopRef, validate_app_key
from app.credentials.store import CredentialError, CredentialStore, NoKeyringError
from app.credentials.tokens import write_expiry
from app.top.chinatime import utc_now
from app.ui.shop_auth_box import AuthBox
from app.ui.shop_tasks import ShopTasks
from app.ui.shop_text import ENVS, china_time, env_name

OK_STYLE = "color: #1a7f37;"
ERROR_STYLE = "color: #c0392b;"


class ShopForm(QWidget):
    saved = Signal(str)  # the App Key saved (added or changed)
    authorised = Signal(str)  # the App Key just authorised (its nick changed)

    def __init__(self, store: CredentialStore, tasks: ShopTasks, where: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.tasks = store, tasks
        self.where = where  # the keyring's name; None: no usable keyring
        self.shop: ShopRef | None = None
        self._build()
        tasks.busy_changed.connect(self._sync_buttons)
        tasks.url_ready.connect(self.auth_box.show_url)
        tasks.authorised.connect(self._on_authorised)
        tasks.checked.connect(self._on_checked)
        tasks.failed.connect(self._on_failed)
        self.load(None)

    def _build(self) -> None:
        self.label_edit = QLineEdit()
        self.label_edit.setPlaceholderText(self.tr("e.g. My flagship store (optional)"))
        self.app_key_edit = QLineEdit()
        self.app_key_edit.setPlaceholderText(self.tr("digits, e.g. 12345678"))
        self.secret_edit = QLineEdit()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_note = QLabel()
        self.secret_note.setWordWrap(True)
        self.env_group = QButtonGroup(self)
        self.env_buttons: dict[str, QRadioButton] = {}
        envs = QHBoxLayout()
        for env in ENVS:
            button = QRadioButton(env_name(env))
            self.env_group.addButton(button)
            self.env_buttons[env] = button
            envs.addWidget(button)
            button.toggled.connect(self._on_env_toggled)
        envs.addStretch(1)
        self.gateway_edit = QLineEdit()
        self.gateway_edit.setPlaceholderText("http://127.0.0.1:8080/router/rest")
        self.redirect_edit = QLineEdit()
        self.redirect_edit.setPlaceholderText(
            self.tr("empty = this computer receives the answer by itself")
        )
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(self.save)

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.label_edit)
        form.addRow(self.tr("App Key"), self.app_key_edit)
        form.addRow(self.tr("App Secret"), self.secret_edit)
        form.addRow("", self.secret_note)
        form.addRow(self.tr("Environment"), envs)
        form.addRow(self.tr("Gateway address"), self.gateway_edit)
        form.addRow(self.tr("Callback address"), self.redirect_edit)

        self.status_label = QLabel()
        self.status_label.setObjectName("shopStatus")
        self.status_label.setWordWrap(True)
        self.authorize_button = QPushButton(self.tr("Authorise shop"))
        self.authorize_button.clicked.connect(self.authorize)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.result_label = QLabel()
        self.result_label.setObjectName("shopResult")
        self.result_label.setWordWrap(True)
        self.auth_box = AuthBox()
        self.auth_box.code_submitted.connect(self.tasks.submit_code)
        self.auth_box.cancel_clicked.connect(self.tasks.cancel)

        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.authorize_button)
        buttons.addWidget(self.test_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)
        layout.addWidget(self.auth_box)
        layout.addWidget(self.result_label)
        layout.addStretch(1)

    # -- showing a shop ------------------------------------------------------------------------
    def load(self, shop: ShopRef | None, env: str = "sandbox", gateway: str = "") -> None:
        """Show ``shop`` (None: a new shop, on ``env`` — the sandbox unless told otherwise)."""
        self.shop = shop
        self.label_edit.setText(shop.label if shop else "")
        self.app_key_edit.setText(shop.app_key if shop else "")
        self.app_key_edit.setReadOnly(shop is not None)  # another App Key is another shop
        self.secret_edit.clear()
        self.gateway_edit.setText(shop.gateway if shop else gateway)
        self.redirect_edit.setText(shop.redirect_uri if shop else "")
        self.env_buttons[shop.environment if shop else env].setChecked(True)
        self.result_label.clear()
        self.auth_box.hide()
        self._show_secret_state()
        self._show_authorisation()
        self._sync_buttons()

    @property
    def env(self) -> str:
        return next(env for env, button in self.env_buttons.items() if button.isChecked())

    def _show_secret_state(self) -> None:
        if self.where is None:
            self.secret_edit.setEnabled(False)
            self.secret_note.setText(self.tr("The App Secret cannot be saved: see above."))
            return
        self.secret_edit.setEnabled(True)
        saved = self.shop is not None and self._has_secret(self.shop.app_key)
        if saved:
            self.secret_edit.setPlaceholderText(self.tr("saved (leave empty to keep it)"))
            text = self.tr("Saved in the system keyring (%1).")
        else:
            self.secret_edit.setPlaceholderText(self.tr("paste the App Secret of your app"))
            text = self.tr("Saved in the system keyring (%1) when you click Save; never in a file.")
        self.secret_note.setText(text.replace("%1", self.where))

    def _has_secret(self, app_key: str) -> bool:
        try:
            return self.store.has_secret(app_key)
        except CredentialError:
            return False

    def _show_authorisation(self) -> None:
        if self.shop is None or self.where is None:
            self.status_label.setText(self.tr("Save the shop first, then authorise it."))
            return
        try:
            tokens = self.store.get_tokens(self.shop.app_key, self.env)
        except CredentialError as exc:
            self.say(getattr(exc, "window_message", exc.message), ok=False)
            return
        if tokens is None:
            self.status_label.setText(
                self.tr("Not authorised in %1 yet: click Authorise shop.").replace(
                    "%1", env_name(self.env))
            )
            return
        now = utc_now()
        write_end = write_expiry(tokens)
        text = (
            self.tr("Authorised shop: %1\nAuthorisation expires: %2\nWrite permission expires: %3")
            .replace("%1", tokens.nick or self.tr("(no name)"))
            .replace("%2", china_time(tokens.expires_at))
            .replace("%3", china_time(write_end))
        )
        if write_end <= now:
            text += "\n" + self.tr("Expired: click Authorise shop again before uploading.")
        self.status_label.setText(text)

    # -- actions -------------------------------------------------------------------------------
    @Slot()
    def save(self) -> bool:
        """Save what the form holds; False (with the reason shown) when it cannot be saved."""
        if self.where is None:
            return False
        try:
            key = validate_app_key(self.app_key_edit.text())
            secret = self.secret_edit.text().strip()
            if not secret and not self.store.has_secret(key):
                raise ValueError(self.tr("Enter the App Secret (from the app's page on the "
                                         "Taobao open platform)."))
            if self.shop is None and self.store.shop(key) is not None:
                raise ValueError(self.tr("A shop with this App Key is already in the list."))
            shop = self.store.configure_shop(
                key, label=self.label_edit.text(), env=self.env,
                gateway=self.gateway_edit.text() if self.env == "local" else None,
                redirect_uri=self.redirect_edit.text().strip(),
            )
            if secret:
                self.store.set_secret(key, secret)
        except NoKeyringError as exc:
            self.say(exc.window_message, ok=False)
            return False
        except CredentialError as exc:
            self.say(exc.message, ok=False)
            return False
        except ValueError as exc:
            self.say(str(exc), ok=False)
            return False
        self.load(self.store.shop(key) or shop)
        self.say(self.tr("Saved."), ok=True)
        self.saved.emit(key)
        return True

    @Slot()
    def authorize(self) -> None:
        if not self.save() or self.shop is None:
            return
        shop = self.shop
        if self.tasks.authorize(shop.app_key, self.env, shop.gateway, shop.redirect_uri):
            self.auth_box.waiting()
            self.say(self.tr("Waiting for the authorisation in the browser…"), ok=True)

    @Slot()
    def test_connection(self) -> None:
        if not self.save() or self.shop is None:
            return
        if self.tasks.check(self.shop.app_key, self.env, self.shop.gateway):
            self.say(self.tr("Testing the connection…"), ok=True)

    # -- answers -------------------------------------------------------------------------------
    @Slot(object)
    def _on_authorised(self, result: object) -> None:
        self.auth_box.hide()
        nick = getattr(result, "nick", "")
        self.say(self.tr("Authorised: shop %1.").replace("%1", nick), ok=True)
        self._show_authorisation()
        self.authorised.emit(getattr(result, "app_key", ""))

    @Slot(object)
    def _on_checked(self, check: object) -> None:
        self.say(str(getattr(check, "message", "")), ok=bool(getattr(check, "ok", False)))
        self._show_authorisation()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.auth_box.hide()
        self.say(message, ok=False)

    def say(self, text: str, *, ok: bool) -> None:
        self.result_label.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.result_label.setText(text)

    @Slot()
    def _on_env_toggled(self) -> None:
        if not self.env_group.checkedButton():
            return
        local = self.env == "local"
        self.gateway_edit.setEnabled(local)
        self._show_authorisation()

    @Slot()
    def _sync_buttons(self, *_: object) -> None:
        usable = self.where is not None and not self.tasks.busy
        for widget in (self.save_button, self.authorize_button, self.test_button):
            widget.setEnabled(usable)
