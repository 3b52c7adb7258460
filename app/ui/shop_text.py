"""The window's words for shops: environment names and what to do when a connection fails.

`app.upload.connection.ConnectError` is worded for the command line (it may name a command); its
``code`` says what is missing, and `connect_error_text` says what to do in the window instead
(设置 → 店铺). Nothing here names a command.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from app.top.chinatime import to_china
from app.ui.wording import names_a_command
from app.upload.connection import ConnectError

translate = QCoreApplication.translate  # lupdate reads translate("ShopText", "…")

ENVS = ("production", "sandbox", "local")


def env_name(env: str) -> str:
    """正式 / 沙箱 / 本地模拟."""
    return {
        "production": translate("ShopText", "Production"),
        "sandbox": translate("ShopText", "Sandbox"),
        "local": translate("ShopText", "Local simulator"),
    }.get(env, env)


def china_time(moment: datetime | None) -> str:
    if moment is None:
        return translate("ShopText", "unknown")
    text = to_china(moment).strftime("%Y-%m-%d %H:%M")
    return translate("ShopText", "%1 (Beijing time)").replace("%1", text)


def connect_error_text(exc: ConnectError) -> str:
    """What the window says for a connection that could not be made (never a command)."""
    code = exc.code
    shops = translate("ShopText", "Open Settings → Shops")
    if code == "no_keyring":
        return exc.window_message or translate(
            "ShopText",
            "No usable system keyring: TaoShelf cannot keep the App Secret safely. Make sure "
            "the Windows \"Credential Manager\" service is running, then try again.",
        )
    if code == "no_shop":
        return translate("ShopText", "No shop is set up yet. %1 and add your shop "
                         "(App Key and App Secret).").replace("%1", shops)
    if code == "no_secret":
        return translate("ShopText", "The App Secret of this shop is not saved. %1, enter the "
                         "App Secret and save.").replace("%1", shops)
    if code == "not_authorised":
        return translate("ShopText", "This shop is not authorised in this environment yet. "
                         "%1 and click Authorise shop.").replace("%1", shops)
    if code in ("reauth", "identity_auth"):
        first = exc.window_message if code == "reauth" else translate(
            "ShopText", "Taobao refused this shop's authorisation.")
        return first + translate("ShopText", " %1 and click Authorise shop.").replace("%1", shops)
    if code == "no_gateway":
        return translate("ShopText", "The local simulator needs its gateway address. %1 and "
                         "fill in the gateway address.").replace("%1", shops)
    if code == "manual_session":
        return translate("ShopText", "This run uses a session typed in by hand and cannot be "
                         "authorised again here: cancel the run, authorise the shop in "
                         "Settings → Shops, then start again.")
    text = exc.window_message or str(exc)
    if names_a_command(text):
        return translate("ShopText", "%1, check the shop's settings and try again.").replace(
            "%1", shops)
    return text
