"""Connecting to a shop: gateway, App Secret from the keyring, session — and opening the engine.

The CLI (`taoshelf upload`) and the window both start runs through here, so they reach the same
shop the same way. Failures are `ConnectError` with a Chinese message for the user.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from app.credentials.authorize import AuthorizationError, authorize
from app.credentials.store import CredentialStore, NoKeyringError
from app.credentials.tokens import ReauthRequired, TokenManager
from app.top.client import TopClient
from app.top.config import TopConfig
from app.top.errors import TopError
from app.top.oauth import OAuthClient
from app.top.ratelimit import RateLimiter
from app.upload.audit import AuditLog
from app.upload.engine import Engine
from app.upload.events import Event
from app.upload.journal import Journal, Scope
from app.upload.pictures import default_preparer
from app.upload.session import SessionProvider, StaticSession, TokenManagerSessions
from app.upload.settings import UploadSettings

ENVS = ("local", "sandbox", "production")
DEFAULT_RATE = {"local": 10.0, "sandbox": 2.0, "production": 2.0}  # calls/s; bans obeyed anyway


class ConnectError(Exception):
    """Unusable configuration; ``str()`` is the Chinese message for the user."""


@dataclass(frozen=True, slots=True)
class Connection:
    """Everything a run needs to reach one shop. Secrets stay out of repr."""

    config: TopConfig
    env: str
    shop: str  # the journal's shop identity: the token's nick, else app:<app_key>
    sessions: SessionProvider
    secret: str = field(repr=False)
    session: str = field(repr=False)
    rate: float = 2.0


def gateway_config(env: str, app_key: str, gateway: str | None) -> TopConfig:
    if env == "local":
        if not gateway:
            raise ConnectError(
                "--env local 需要用 --gateway 指定本地网关地址"
                "（taoshelf simulator 启动时打印的第一行）。"
            )
        parts = urlsplit(gateway)
        try:
            return TopConfig(
                app_key=app_key,
                gateway_url=gateway,
                oauth_base_url=f"{parts.scheme}://{parts.netloc}",
            )
        except ValueError as exc:
            raise ConnectError(f"网关地址不可用：{exc}") from None
    return TopConfig.for_env(env, app_key, gateway_url=gateway)


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
                raise ConnectError("请用 --app-key 指定 App Key（或先运行 taoshelf secret set）。")
            app_key = active.app_key
        secret = store.get_secret(app_key)
        if not secret:
            raise ConnectError(
                f"系统钥匙串里没有 App Key {app_key} 的 App Secret："
                f"请先运行 taoshelf secret set --app-key {app_key}"
            )
        tokens = store.get_tokens(app_key, env)
    except NoKeyringError as exc:
        raise ConnectError(str(exc)) from None
    config = gateway_config(env, app_key, gateway)
    rate = rate if rate is not None else DEFAULT_RATE[env]
    shop = tokens.nick if tokens is not None and tokens.nick else f"app:{app_key}"
    if session:
        return Connection(config, env, shop, StaticSession(session), secret, session, rate)
    if tokens is None:
        raise ConnectError(
            f"App Key {app_key} 在 {env} 环境还没有授权店铺：请先运行 "
            f"taoshelf auth login --app-key {app_key}，或用 --session 提供会话。"
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
        raise ConnectError(exc.message) from None
    return Connection(config, env, shop, TokenManagerSessions(manager), secret, current, rate)


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
            "请取消上架，用 taoshelf auth login 授权后再开始。"
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
    except (AuthorizationError, NoKeyringError) as exc:
        raise ConnectError(str(exc)) from None
    except TopError as exc:
        raise ConnectError(exc.user_message) from None
    sessions.manager.adopt(result.tokens)
    return result.tokens.access_token


@contextmanager
def open_engine(
    connection: Connection,
    sheet_identity: str,
    sheet_dir: Path,
    settings: UploadSettings,
    on_event: Callable[[Event], None],
) -> Iterator[Engine]:
    """An engine wired to the shop, the journal and the audit log; all closed on exit."""
    limiter = RateLimiter(qps=connection.rate)
    audit = AuditLog()
    try:
        with (
            TopClient(connection.config, connection.secret, connection.session, limiter) as client,
            Journal() as journal,
        ):
            engine = Engine(
                client,
                journal,
                Scope(connection.shop, connection.env, sheet_identity),
                settings,
                sessions=connection.sessions,
                preparer=default_preparer(sheet_dir),
                audit=audit,
                on_event=on_event,
            )
            try:
                yield engine
            finally:
                engine.close()  # the shop's run lock, if prepare() took it and run() did not
    finally:
        audit.close()
