"""测试连接: one harmless call that proves a shop's App Secret (and its authorisation) work.

- Authorised in that environment: the session comes the way a run gets it (`connect`: the
  keyring's token set, refreshed when due) and ``taobao.user.seller.get`` is sent. It needs the
  signature (App Secret) and the session, changes nothing, and answers the shop's nick.
- Not authorised yet: ``taobao.itemcats.get`` (top level, no session) proves App Key + Secret.

A refusal is said in Chinese with what to do (`TopError.user_message`: code 25 → the App Secret
is wrong, 27 → authorise again); a configuration problem is a `ConnectError` with its code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.credentials.store import CredentialError, CredentialStore, NoKeyringError
from app.credentials.tokens import write_expiry
from app.top.chinatime import to_china
from app.top.client import TopClient
from app.top.errors import TopError
from app.upload.connection import ConnectError, connect, gateway_config


@dataclass(frozen=True, slots=True)
class ShopCheck:
    """What 测试连接 found; ``message`` is the Chinese sentence to show."""

    ok: bool
    message: str
    nick: str = ""
    authorised: bool = False
    error_code: int | str | None = None  # Taobao's code when Taobao refused


def china_time(moment: datetime | None) -> str:
    """``2025-06-01 14:30（北京时间）``, or 未知."""
    if moment is None:
        return "未知"
    return to_china(moment).strftime("%Y-%m-%d %H:%M") + "（北京时间）"


def check_shop(
    env: str, app_key: str, gateway: str | None = None, store: CredentialStore | None = None
) -> ShopCheck:
    """Send the one harmless call; never raises for a refusal (see ``ok``). Raises
    `ConnectError` (with its code) when the setup is incomplete: no keyring, no secret…"""
    store = store or CredentialStore()
    try:
        store.check_backend()
        secret = store.get_secret(app_key)
        tokens = store.get_tokens(app_key, env)
    except NoKeyringError as exc:
        raise ConnectError(exc.message, "no_keyring", exc.window_message) from None
    except CredentialError as exc:
        raise ConnectError(exc.message, "no_keyring", exc.message) from None
    except ValueError as exc:
        raise ConnectError(str(exc), "bad_app_key") from None
    if not secret:
        raise ConnectError(f"系统钥匙串里没有 App Key {app_key} 的 App Secret。", "no_secret")
    config = gateway_config(env, app_key, gateway)
    if tokens is None:
        try:
            with TopClient(config, secret) as client:
                client.get_categories(parent_cid=0)
        except TopError as err:
            return ShopCheck(False, f"连接失败：{err.user_message}", error_code=err.code)
        return ShopCheck(True, "App Key 和 App Secret 正确。店铺还没有授权：请点“授权店铺”。")
    connection = connect(env, app_key=app_key, gateway=gateway, store=store)
    try:
        with TopClient(config, secret, connection.session) as client:
            nick = client.get_seller().nick
    except TopError as err:
        return ShopCheck(False, f"连接失败：{err.user_message}", authorised=True,
                         error_code=err.code)
    held = store.get_tokens(app_key, env) or tokens
    until = china_time(write_expiry(held))
    return ShopCheck(True, f"连接成功：店铺“{nick}”，授权可以上架到 {until}。", nick=nick,
                     authorised=True)
