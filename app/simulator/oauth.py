"""The OAuth pages: ``GET/POST /authorize`` (code grant) and ``POST /token``."""

from __future__ import annotations

import html
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from app.simulator.config import SimulatorConfig
from app.simulator.state import AuthCode, SimState

CODE_TTL = 600  # an authorisation code is valid for 10 minutes, once
DEFAULT_NICK = "demo_shop"


@dataclass
class HttpAnswer:
    status: int
    body: bytes
    content_type: str = "application/json;charset=UTF-8"
    location: str | None = None


def _json(status: int, payload: dict[str, Any]) -> HttpAnswer:
    return HttpAnswer(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"))


def oauth_error(error: str, description: str) -> HttpAnswer:
    """HTTP 400 ``{error, error_description}`` as the token endpoint answers."""
    return _json(400, {"error": error, "error_description": description})


def _page(status: int, title: str, body: str) -> HttpAnswer:
    text = (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body><h1>{html.escape(title)}</h1>"
        f"{body}</body></html>"
    )
    return HttpAnswer(status, text.encode("utf-8"), "text/html;charset=UTF-8")


class OAuthPages:
    """Authorisation codes, access tokens (sessions) and refresh tokens."""

    def __init__(
        self, config: SimulatorConfig, state: SimState, clock: Callable[[], float] = time.time,
    ) -> None:
        self.config = config
        self.state = state
        self.clock = clock

    def _check_authorize(self, params: dict[str, str]) -> str | None:
        if params.get("response_type", "") != "code":
            return "response_type 必须是 code"
        if params.get("client_id", "") not in self.config.apps():
            return f"client_id {params.get('client_id', '')} 不存在"
        if not params.get("redirect_uri", "").strip():
            return "缺少 redirect_uri"
        return None

    def authorize_page(self, params: dict[str, str]) -> HttpAnswer:
        """The login-and-consent page: a form posting back to /authorize."""
        problem = self._check_authorize(params)
        if problem:
            return _page(400, "授权请求无效", f"<p>{html.escape(problem)}</p>")
        hidden = "".join(
            f'<input type="hidden" name="{name}" value="{html.escape(params.get(name, ""))}">'
            for name in ("response_type", "client_id", "redirect_uri", "state", "view")
        )
        form = (
            '<p>淘上架模拟器：这是本地模拟的淘宝授权页，不是真的淘宝。</p>'
            '<form method="post" action="/authorize">' + hidden
            + '<label>店铺账号 <input type="text" name="nick" value="' + DEFAULT_NICK + '"></label>'
            '<button type="submit">授权</button></form>'
        )
        return _page(200, "授权淘上架访问你的店铺", form)

    def authorize_submit(self, params: dict[str, str]) -> HttpAnswer:
        """The user consented: 302 to redirect_uri with a one-shot code and the state."""
        problem = self._check_authorize(params)
        if problem:
            return _page(400, "授权请求无效", f"<p>{html.escape(problem)}</p>")
        nick = params.get("nick", "").strip() or DEFAULT_NICK
        code = secrets.token_urlsafe(24)
        redirect_uri = params["redirect_uri"].strip()
        with self.state.lock:
            self.state.codes[code] = AuthCode(
                code, params["client_id"], redirect_uri, nick, self.clock() + CODE_TTL,
            )
        query = {"code": code}
        if params.get("state"):
            query["state"] = params["state"]
        joiner = "&" if "?" in redirect_uri else "?"
        return HttpAnswer(302, b"", "text/plain", location=redirect_uri + joiner + urlencode(query))

    def token(self, params: dict[str, str]) -> HttpAnswer:
        """``grant_type=authorization_code`` or ``refresh_token`` -> a token set (or 400)."""
        client_id = params.get("client_id", "")
        if not client_id or not params.get("client_secret"):
            return oauth_error("invalid_request", "缺少 client_id 或 client_secret")
        secret = self.config.apps().get(client_id)
        if secret is None or not secrets.compare_digest(
            secret.encode("utf-8"), params["client_secret"].encode("utf-8"),
        ):
            return oauth_error("invalid_client", "client_id 或 client_secret 错误")
        grant_type = params.get("grant_type", "")
        if grant_type == "authorization_code":
            return self._exchange_code(client_id, params)
        if grant_type == "refresh_token":
            return self._refresh(client_id, params)
        return oauth_error("unsupported_grant_type", f"不支持的 grant_type：{grant_type}")

    def _exchange_code(self, client_id: str, params: dict[str, str]) -> HttpAnswer:
        code_text = params.get("code", "")
        if not code_text:
            return oauth_error("invalid_request", "缺少 code")
        now = self.clock()
        with self.state.lock:
            code = self.state.codes.pop(code_text, None)  # one-shot, even if refused below
        if code is None or code.expires_at <= now or code.app_key != client_id:
            return oauth_error("invalid_grant", "授权码无效、已过期或已被使用")
        if params.get("redirect_uri", "").strip() != code.redirect_uri:
            return oauth_error("invalid_grant", "redirect_uri 与授权时的不一致")
        grant = self.state.issue_refresh(client_id, code.nick, now, self.config.refresh_ttl)
        return self._token_answer(client_id, code.nick, grant.token, grant.expires_at, now)

    def _refresh(self, client_id: str, params: dict[str, str]) -> HttpAnswer:
        token = params.get("refresh_token", "")
        if not token:
            return oauth_error("invalid_request", "缺少 refresh_token")
        now = self.clock()
        with self.state.lock:
            grant = self.state.refresh_grants.get(token)
        if grant is None or grant.app_key != client_id or grant.expires_at <= now:
            return oauth_error("invalid_grant", "refresh_token 无效或已过期，请重新授权")
        return self._token_answer(client_id, grant.nick, grant.token, grant.expires_at, now)

    def _token_answer(
        self, client_id: str, nick: str, refresh_token: str, refresh_expires: float, now: float,
    ) -> HttpAnswer:
        ttl = self.config.session_ttl
        session = self.state.issue_session(client_id, nick, now, ttl, self.config.w1_ttl)
        w1 = int(session.w1_expires_at - now)
        return _json(200, {
            "access_token": session.token,
            "token_type": "Bearer",
            "expires_in": int(ttl),
            "expire_time": int(session.expires_at * 1000),
            "refresh_token": refresh_token,
            "re_expires_in": int(refresh_expires - now),
            "refresh_token_valid_time": int(refresh_expires * 1000),
            "r1_expires_in": int(ttl),
            "r2_expires_in": int(ttl),
            "w1_expires_in": w1,
            "w2_expires_in": w1,
            "taobao_user_nick": nick,
            "taobao_user_id": session.user_id,
        })
