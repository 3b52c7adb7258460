"""Authorise a shop with the OAuth authorization-code flow and keep its tokens in the keyring.

:class:`AuthorizationFlow` builds the authorize URL with a random ``state``. When the redirect URI
is a loopback one (``http://127.0.0.1:PORT/path``, the default with a free port) it starts a
one-shot listener there; whatever the URI, the user may also paste the code or the whole
redirected URL (:meth:`AuthorizationFlow.submit_pasted`). The first answer wins: a wrong
``state`` is refused, the code is exchanged through ``OAuthClient``, the token set is stored, and
the shop nick and expiry are returned. :func:`authorize` does it all with an injectable browser.
"""

from __future__ import annotations

import queue
import secrets
import time
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol
from urllib.parse import parse_qs, urlsplit

from app.credentials.loopback import LoopbackListener
from app.credentials.shops import validate_app_key, validate_env
from app.credentials.store import CredentialStore
from app.credentials.tokens import write_expiry
from app.top.errors import TopError

if TYPE_CHECKING:
    from app.top.oauth import TokenSet

DEFAULT_TIMEOUT = 300.0
_LOOPBACK_HOSTS = ("127.0.0.1", "localhost")


class CodeExchanger(Protocol):
    """What the flow needs from ``app.top.oauth.OAuthClient``."""

    def authorize_url(self, redirect_uri: str, state: str) -> str: ...

    def exchange_code(self, code: str, redirect_uri: str) -> TokenSet: ...


class AuthorizationError(Exception):
    """The authorisation did not complete; ``message`` says why, in Chinese (no code, no token)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class AuthorizationCancelled(AuthorizationError):  # noqa: N818  (reads better than ...Error)
    """The user cancelled while the flow was waiting."""


@dataclass(frozen=True)
class AuthResult:
    """A completed authorisation (the tokens are already in the keyring)."""

    app_key: str
    env: str
    nick: str
    expires_at: datetime
    write_expires_at: datetime
    refresh_expires_at: datetime | None
    tokens: TokenSet = field(repr=False)


def new_state() -> str:
    """A random, URL-safe ``state`` value (CSRF protection of the redirect)."""
    return secrets.token_urlsafe(24)


def loopback_target(redirect_uri: str) -> tuple[int, str] | None:
    """(port, path) to listen on when ``redirect_uri`` is a loopback http URI, else None."""
    parts = urlsplit(redirect_uri)
    if parts.scheme != "http" or parts.hostname not in _LOOPBACK_HOSTS or parts.port is None:
        return None
    return parts.port, parts.path or "/"


def parse_pasted(text: str) -> dict[str, str]:
    """The parameters in a pasted code or redirected URL (``code``, ``state``, ``error``...)."""
    value = text.strip()
    if not value:
        raise AuthorizationError(
            "没有粘贴任何内容：请粘贴浏览器地址栏中的完整网址，或其中的 code 值。"
        )
    if "=" in value or "?" in value or value.startswith(("http://", "https://")):
        parts = urlsplit(value)
        query = parts.query or parts.fragment or value.split("?", 1)[-1]
        params = {k: v[0] for k, v in parse_qs(query, keep_blank_values=True).items()}
        if "code" not in params and "error" not in params:
            raise AuthorizationError(
                "粘贴的网址中没有授权码（code=…）：请复制授权完成后浏览器地址栏的完整网址。"
            )
        return params
    if any(ch.isspace() for ch in value) or len(value) > 512:
        raise AuthorizationError("粘贴的授权码格式不对：请只粘贴 code 的值，或完整网址。")
    return {"code": value}


class AuthorizationFlow:
    """One authorisation attempt. Use as a context manager; :meth:`start` then :meth:`wait`."""

    def __init__(
        self,
        oauth: CodeExchanger,
        store: CredentialStore,
        app_key: str,
        env: str,
        *,
        redirect_uri: str | None = None,
        state: str | None = None,
    ) -> None:
        self._oauth = oauth
        self._store = store
        self.app_key = validate_app_key(app_key)
        self.env = validate_env(env)
        self.state = state or new_state()
        self._requested_uri = redirect_uri
        self.redirect_uri = redirect_uri or ""
        self._events: queue.Queue[tuple[str, dict[str, str] | str | None]] = queue.Queue()
        self._listener: LoopbackListener | None = None
        self.url = ""

    def __repr__(self) -> str:
        return f"<AuthorizationFlow app_key={self.app_key} env={self.env} uri={self.redirect_uri}>"

    @property
    def listening(self) -> bool:
        """True when a loopback listener waits for the browser's redirect."""
        return self._listener is not None

    def start(self) -> str:
        """Start the loopback listener when the redirect URI allows it; return the authorize URL."""
        target = (0, "/callback") if self._requested_uri is None else None
        if self._requested_uri is not None:
            target = loopback_target(self._requested_uri)
        if target is not None:
            port, path = target
            try:
                self._listener = LoopbackListener(
                    lambda params: self._events.put(("callback", params)),
                    self._judge,
                    port=port,
                    path=path,
                )
            except OSError as exc:
                raise AuthorizationError(
                    f"无法在本机端口 {port} 上等待授权回调"
                    f"（{exc.strerror or type(exc).__name__}）："
                    "请关闭占用该端口的程序，或改用粘贴授权码的方式。"
                ) from None
            if self._requested_uri is None:
                self.redirect_uri = self._listener.redirect_uri
        self.url = self._oauth.authorize_url(self.redirect_uri, self.state)
        return self.url

    def submit_pasted(self, text: str) -> None:
        """Hand over what the user pasted (the code or the whole redirected URL)."""
        self._events.put(("paste", text))

    def cancel(self) -> None:
        """Stop waiting (from any thread): :meth:`wait` raises AuthorizationCancelled."""
        self._events.put(("cancel", None))

    def wait(self, timeout: float = DEFAULT_TIMEOUT) -> AuthResult:
        """Wait for the callback or a pasted code (bounded), check ``state``, exchange, store."""
        if not self.url:
            raise RuntimeError("start() first")
        deadline = time.monotonic() + timeout
        try:
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AuthorizationError(f"等待授权超时（{timeout:.0f} 秒）：请重新开始授权。")
                try:
                    kind, payload = self._events.get(timeout=remaining)
                except queue.Empty:
                    continue
                if kind == "cancel":
                    raise AuthorizationCancelled("已取消授权。")
                if kind == "paste":
                    params = parse_pasted(str(payload))
                    from_browser = False
                else:
                    params = payload if isinstance(payload, dict) else {}
                    from_browser = True
                return self._complete(params, from_browser)
        finally:
            self.close()

    def close(self) -> None:
        if self._listener is not None:
            self._listener.close()

    def __enter__(self) -> AuthorizationFlow:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals ---------------------------------------------------------------------------

    def _judge(self, params: dict[str, str]) -> tuple[bool, str, str]:
        """What the browser is told on the loopback page."""
        if "error" in params:
            return False, "授权未完成", "淘宝没有给出授权码，请回到淘上架重新授权。"
        if not secrets.compare_digest(params.get("state", ""), self.state):
            return (
                False,
                "授权被拒绝",
                "回调中的 state 与本次授权不一致，已拒绝。请回到淘上架重新授权。",
            )
        if not params.get("code"):
            return False, "授权未完成", "回调中没有授权码，请回到淘上架重新授权。"
        return True, "授权码已收到", "可以关闭此页面，回到淘上架查看授权结果。"

    def _complete(self, params: dict[str, str], from_browser: bool) -> AuthResult:
        if "error" in params:
            why = params.get("error_description") or params["error"]
            raise AuthorizationError(f"淘宝没有完成授权：{why[:200]}。请重新授权。")
        state = params.get("state")
        if (from_browser or state is not None) and not secrets.compare_digest(
            state or "", self.state
        ):
            raise AuthorizationError(
                "授权回调中的 state 与本次授权不一致，已拒绝"
                "（可能是旧的或伪造的授权链接）。请重新授权。"
            )
        code = params.get("code", "")
        if not code:
            raise AuthorizationError("没有收到授权码（code），请重新授权。")
        try:
            tokens = self._oauth.exchange_code(code, self.redirect_uri)
        except TopError as exc:
            detail = exc.explanation or "授权码无效或已使用"
            action = f" {exc.action}" if exc.action else ""
            raise AuthorizationError(f"用授权码换取授权失败：{detail}{action}") from None
        self._store.set_tokens(self.app_key, self.env, tokens)
        return AuthResult(
            app_key=self.app_key,
            env=self.env,
            nick=tokens.nick,
            expires_at=tokens.expires_at,
            write_expires_at=write_expiry(tokens),
            refresh_expires_at=tokens.refresh_expires_at if tokens.refresh_token else None,
            tokens=tokens,
        )


def authorize(
    oauth: CodeExchanger,
    store: CredentialStore,
    app_key: str,
    env: str,
    *,
    redirect_uri: str | None = None,
    open_browser: Callable[[str], object] | None = webbrowser.open,
    timeout: float = DEFAULT_TIMEOUT,
) -> AuthResult:
    """The whole flow with a loopback redirect: open the browser (injectable), wait, store."""
    with AuthorizationFlow(oauth, store, app_key, env, redirect_uri=redirect_uri) as flow:
        url = flow.start()
        if not flow.listening:
            raise AuthorizationError(
                "此回调地址不是本机地址，请使用粘贴授权码的方式（AuthorizationFlow）。"
            )
        if open_browser is not None:
            open_browser(url)
        return flow.wait(timeout)
