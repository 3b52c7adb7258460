"""Connecting to a shop: gateway, App Secret from the keyring, session — and opening the engine.

The CLI (`taoshelf upload`) and the window both start runs through here, so they reach the same
shop the same way. Failures are `ConnectError` with a Chinese message for the user.

The journal's shop identity is the nick of the shop **the session used belongs to**:
- a session from the keyring's token set: that set's nick. The token set is one keyring entry
  written from one Taobao token answer (``taobao_user_nick`` for that very access token, also
  after a refresh), so its nick is the session's own; no call is spent on it (a run started
  while the daily quota is used up can still wait for the reset with ``--wait-for-quota``).
- any other session (``--session``, or a token set without a nick): Taobao is asked once,
  ``taobao.user.seller.get`` (transient failures retried twice). If that fails the connection
  fails (`ConnectError`): there is no fallback to another identity.
A session that changes during the run (refresh, re-authorisation) must belong to the same shop.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from app.categories.cache import CategoryCache
from app.categories.service import CategoryService, is_category_error
from app.credentials.authorize import AuthorizationError, authorize
from app.credentials.store import CredentialError, CredentialStore, NoKeyringError
from app.credentials.tokens import ReauthRequired, TokenManager
from app.top.client import TopClient
from app.top.config import TopConfig
from app.top.errors import ErrorKind, TopError
from app.top.oauth import OAuthClient
from app.top.ratelimit import RateLimiter
from app.upload.audit import AuditLog
from app.upload.engine import Engine
from app.upload.events import Event
from app.upload.journal import Journal, Scope
from app.upload.pictures import default_preparer
from app.upload.pipeline import CategoryErrorHook
from app.upload.propimg import ColourPid
from app.upload.session import SessionProvider, StaticSession, TokenManagerSessions
from app.upload.settings import UploadSettings

ENVS = ("local", "sandbox", "production")
DEFAULT_RATE = {"local": 10.0, "sandbox": 2.0, "production": 2.0}  # calls/s; bans obeyed anyway
IDENTITY_ATTEMPTS = 3  # sends of taobao.user.seller.get when the network fails


class ConnectError(Exception):
    """Unusable configuration; ``str()`` is the Chinese message for the user (worded for the
    command line: it may name a command). ``code`` says what is missing, so the window can say
    what to do there instead (`app.ui.shop_text`):

    ``no_keyring`` no usable OS keyring · ``bad_app_key`` · ``no_shop`` no shop set up ·
    ``no_secret`` no App Secret saved · ``not_authorised`` no authorisation in that environment ·
    ``reauth`` the authorisation lapsed and cannot be renewed · ``identity`` Taobao would not say
    whose session it is (``identity_auth``: because the session is refused) · ``no_gateway`` /
    ``bad_gateway`` the 本地模拟 address · ``manual_session`` a run on a typed-in session cannot
    be re-authorised · ``auth_failed`` the browser authorisation did not complete ·
    ``other_shop`` it authorised another shop · ``""`` anything else.
    """

    def __init__(self, message: str, code: str = "", window_message: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.window_message = window_message  # the same without a command, when known here


@dataclass(frozen=True, slots=True)
class Connection:
    """Everything a run needs to reach one shop. Secrets stay out of repr."""

    config: TopConfig
    env: str
    shop: str  # the journal's shop identity: the nick of the session's own shop
    sessions: SessionProvider
    secret: str = field(repr=False)
    session: str = field(repr=False)
    rate: float = 2.0  # calls per second; infinity = no pacing (bans are still obeyed)
    limiter: RateLimiter | None = field(default=None, repr=False, compare=False)

    def rate_limiter(self) -> RateLimiter:
        """The limiter all calls of this connection share (`connect` makes it; a `Connection`
        built without one gets a new one)."""
        return self.limiter if self.limiter is not None else new_limiter(self.rate)


def new_limiter(rate: float) -> RateLimiter:
    return RateLimiter(qps=None if math.isinf(rate) else rate)


def shop_of_session(config: TopConfig, secret: str, session: str,
                    limiter: RateLimiter | None = None) -> str:
    """The nick of the shop ``session`` belongs to, asked of Taobao (``taobao.user.seller.get``);
    `ConnectError` (Chinese) when it cannot be known."""
    with TopClient(config, secret, session, limiter) as client:
        for attempt in range(1, IDENTITY_ATTEMPTS + 1):
            try:
                return client.get_seller().nick
            except TopError as err:
                if err.kind is ErrorKind.TRANSIENT and attempt < IDENTITY_ATTEMPTS:
                    time.sleep(0.5 * attempt)
                    continue
                if err.kind is ErrorKind.AUTH:
                    why = (f"{err.explanation or '会话无效或已过期'}请运行 taoshelf auth login "
                           "重新授权店铺（或提供有效的 --session），然后再次运行。")
                else:
                    why = err.user_message
                raise ConnectError(
                    f"无法向淘宝确认这个会话属于哪个店铺：{why}\n"
                    "为了不把商品记到别的店铺名下，没有上架任何商品。",
                    "identity_auth" if err.kind is ErrorKind.AUTH else "identity",
                ) from None
    raise AssertionError("unreachable")


def gateway_config(env: str, app_key: str, gateway: str | None) -> TopConfig:
    if env == "local":
        if not gateway:
            raise ConnectError(
                "--env local 需要用 --gateway 指定本地网关地址"
                "（taoshelf simulator 启动时打印的第一行）。",
                "no_gateway",
            )
        parts = urlsplit(gateway)
        try:
            return TopConfig(
                app_key=app_key,
                gateway_url=gateway,
                oauth_base_url=f"{parts.scheme}://{parts.netloc}",
            )
        except ValueError as exc:
            raise ConnectError(f"网关地址不可用：{exc}", "bad_gateway") from None
    try:
        return TopConfig.for_env(env, app_key, gateway_url=gateway)
    except ValueError as exc:
        raise ConnectError(f"网关地址不可用：{exc}", "bad_gateway") from None


def connect(
    env: str,
    *,
    app_key: str | None = None,
    gateway: str | None = None,
    session: str | None = None,
    rate: float | None = None,
    store: CredentialStore | None = None,
) -> Connection:
    """The active (or given) shop's connection: secret from the keyring, session from the
    keyring's token set (refreshed if due) or the one given."""
    store = store or CredentialStore()
    try:
        store.check_backend()
        if not app_key:
            active = store.get_active()
            if active is None:
                raise ConnectError(
                    "请用 --app-key 指定 App Key（或先运行 taoshelf secret set）。", "no_shop"
                )
            app_key = active.app_key
        secret = store.get_secret(app_key)
        if not secret:
            raise ConnectError(
                f"系统钥匙串里没有 App Key {app_key} 的 App Secret："
                f"请先运行 taoshelf secret set --app-key {app_key}",
                "no_secret",
            )
        tokens = store.get_tokens(app_key, env)
    except NoKeyringError as exc:
        raise ConnectError(str(exc), "no_keyring", exc.window_message) from None
    except CredentialError as exc:  # the keyring refused or failed
        raise ConnectError(exc.message, "no_keyring", exc.message) from None
    except ValueError as exc:  # an App Key that cannot be one
        raise ConnectError(str(exc), "bad_app_key") from None
    config = gateway_config(env, app_key, gateway)
    rate = rate if rate is not None else DEFAULT_RATE[env]
    limiter = new_limiter(rate)
    if session:
        if tokens is not None and tokens.access_token == session and tokens.nick:
            shop = tokens.nick  # the keyring's own session: its nick came with it
        else:
            shop = shop_of_session(config, secret, session, limiter)
        return Connection(config, env, shop, StaticSession(session), secret, session, rate,
                          limiter)
    if tokens is None:
        raise ConnectError(
            f"App Key {app_key} 在 {env} 环境还没有授权店铺：请先运行 "
            f"taoshelf auth login --app-key {app_key}，或用 --session 提供会话。",
            "not_authorised",
        )
    manager = TokenManager(
        store,
        OAuthClient(config, secret),
        app_key,
        env,
        can_refresh=tokens.refresh_token is not None,
    )
    try:
        current = manager.session_for_run()
    except ReauthRequired as exc:
        raise ConnectError(exc.message, "reauth", exc.message) from None
    held = manager.tokens
    if held is not None and held.access_token == current and held.nick:
        shop = held.nick
    else:
        shop = shop_of_session(config, secret, current, limiter)
    return Connection(config, env, shop, TokenManagerSessions(manager, shop=shop), secret,
                      current, rate, limiter)


def reauthorize(
    connection: Connection,
    open_browser: Callable[[str], object],
    *,
    store: CredentialStore | None = None,
    timeout: float = 300.0,
) -> str:
    """Authorise the shop again during a paused run (browser + loopback callback); the new
    tokens go to the keyring and to the run's TokenManager. Returns the new session."""
    sessions = connection.sessions
    if not isinstance(sessions, TokenManagerSessions):
        raise ConnectError(
            "这次上架使用的是手动提供的会话，无法在这里重新授权："
            "请取消上架，用 taoshelf auth login 授权后再开始。",
            "manual_session",
        )
    try:
        result = authorize(
            OAuthClient(connection.config, connection.secret),
            store or CredentialStore(),
            connection.config.app_key,
            connection.env,
            open_browser=open_browser,
            timeout=timeout,
        )
    except AuthorizationError as exc:
        raise ConnectError(str(exc), "auth_failed") from None
    except NoKeyringError as exc:
        raise ConnectError(str(exc), "no_keyring", exc.window_message) from None
    except TopError as exc:
        raise ConnectError(exc.user_message, "auth_failed") from None
    new = result.tokens
    nick = new.nick or shop_of_session(connection.config, connection.secret, new.access_token)
    if nick != connection.shop:
        raise ConnectError(
            f"刚才授权的是店铺“{nick}”，而这次上架的是店铺“{connection.shop}”："
            f"请用店铺“{connection.shop}”的账号重新授权，或取消这次上架。",
            "other_shop",
        )
    sessions.manager.adopt(new)
    return new.access_token


def category_hooks(shop: str, env: str, *, root: Path | None = None
                   ) -> tuple[ColourPid, CategoryErrorHook]:
    """The engine's two links to the shop's cached category data, without a call during the
    run: the colour property of a leaf (by its flags, from the cached rules; None when they are
    not cached) and the hook for a category error at upload (`is_category_error`: the leaf's
    rules are dropped and its node marked stale, once per leaf and run, so the next check or run
    reads them again)."""
    cache = CategoryCache(shop, env, root=root)
    service = CategoryService(cache)  # no source: invalidation only
    lock = threading.Lock()
    colours: dict[int, int | None] = {}
    stale: set[int] = set()

    def colour_pid(cid: int) -> int | None:
        with lock:
            if cid not in colours:
                cached = cache.load_rules(cid)
                prop = cached.rules.colour_prop if cached is not None else None
                colours[cid] = prop.pid if prop is not None else None
            return colours[cid]

    def on_category_error(cid: int, sub_code: str | None, sub_msg: str | None) -> bool:
        if not is_category_error(sub_code, sub_msg):
            return False
        with lock:
            if cid not in stale:
                stale.add(cid)
                service.on_category_error(cid)
        return True

    return colour_pid, on_category_error


def remember_switch(connection: Connection) -> Callable[[str], None]:
    """自动 found item.add refused: the shop (App Key) + environment uses the schema API from
    now on (its settings file)."""
    def remember(when: str) -> None:
        from app import settings_store  # the settings sit above the engine: imported on demand

        settings_store.remember_switch(connection.config.app_key, connection.env, when)
    return remember


@contextmanager
def open_engine(
    connection: Connection,
    sheet_identity: str,
    sheet_dir: Path,
    settings: UploadSettings,
    on_event: Callable[[Event], None],
    *,
    sheet_name: str = "",
    on_publisher_switch: Callable[[str], None] | None = None,
) -> Iterator[Engine]:
    """An engine wired to the shop, the journal, the audit log and the shop's cached category
    data (`category_hooks`); all closed on exit. ``sheet_name`` (the file's name) is what the
    run list shows. 自动 switching to the schema API is remembered in the shop's settings
    (`app.settings_store.remember_switch`) unless ``on_publisher_switch`` says otherwise."""
    limiter = connection.rate_limiter()
    if on_publisher_switch is None:
        on_publisher_switch = remember_switch(connection)
    colour_pid, on_category_error = category_hooks(connection.shop, connection.env)
    audit = AuditLog()
    try:
        with (
            TopClient(connection.config, connection.secret, connection.session, limiter) as client,
            Journal() as journal,
        ):
            engine = Engine(
                client,
                journal,
                Scope(connection.shop, connection.env, sheet_identity, sheet_name),
                settings,
                sessions=connection.sessions,
                preparer=default_preparer(sheet_dir, settings.fix_options),
                audit=audit,
                on_event=on_event,
                colour_pid=colour_pid,
                on_category_error=on_category_error,
                on_publisher_switch=on_publisher_switch,
            )
            try:
                yield engine
            finally:
                engine.close()  # the shop's run lock, if prepare() took it and run() did not
    finally:
        audit.close()
