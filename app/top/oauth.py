"""Shop authorisation (OAuth 2 authorization-code flow) and the token set it yields.

The ``/token`` endpoint answers errors as HTTP 400 ``{error, error_description}`` (not the
router's ``error_response``): ``invalid_client`` → `TopError` FATAL (wrong key/secret), every
other OAuth error → AUTH (authorise again).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import unquote, urlencode

import requests

from app.top.catalogue import explain_oauth
from app.top.chinatime import utc_now
from app.top.config import TopConfig
from app.top.errors import ErrorKind, TopError
from app.top.response import network_error
from app.top.transport import FORM_CONTENT_TYPE, new_http_session, status_error, transport_error

_EXPIRY_FIELDS = {
    "refresh_expires_at": "re_expires_in",
    "w1_expires_at": "w1_expires_in",
    "w2_expires_at": "w2_expires_in",
    "r1_expires_at": "r1_expires_in",
    "r2_expires_at": "r2_expires_in",
}
_DATETIME_FIELDS = ("expires_at", *_EXPIRY_FIELDS)


@dataclass(frozen=True)
class TokenSet:
    """One shop's tokens; every expiry is an aware UTC datetime. Repr hides the tokens."""

    access_token: str = field(repr=False)
    refresh_token: str | None = field(repr=False)
    expires_at: datetime
    refresh_expires_at: datetime | None = None
    w1_expires_at: datetime | None = None
    w2_expires_at: datetime | None = None
    r1_expires_at: datetime | None = None
    r2_expires_at: datetime | None = None
    nick: str = ""
    user_id: str | None = None

    def __repr__(self) -> str:
        return (f"TokenSet(nick={self.nick!r}, user_id={self.user_id!r}, "
                f"expires_at={self.expires_at.isoformat()}, "
                f"write_expires_at={self.write_expires_at.isoformat()}, "
                f"refreshable={self.refresh_token is not None})")

    @property
    def write_expires_at(self) -> datetime:
        """When write calls stop working: the shorter of the token's and ``w1``'s lifetime."""
        if self.w1_expires_at is not None:
            return min(self.expires_at, self.w1_expires_at)
        return self.expires_at

    def to_json(self) -> str:
        """JSON text (holds the tokens: store it only in the keyring)."""
        data: dict[str, Any] = asdict(self)
        for name in _DATETIME_FIELDS:
            if data[name] is not None:
                data[name] = data[name].isoformat()
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> TokenSet:
        """The inverse of `to_json`."""
        data = json.loads(text)
        for name in _DATETIME_FIELDS:
            if data.get(name) is not None:
                data[name] = datetime.fromisoformat(data[name])
        return cls(**data)

    @classmethod
    def from_response(cls, payload: Mapping[str, Any], now: datetime) -> TokenSet:
        """Build from a ``/token`` answer received at ``now`` (aware UTC)."""

        def after(key: str) -> datetime | None:
            raw = payload.get(key)
            try:
                seconds = int(str(raw))
            except (TypeError, ValueError):
                return None
            return now + timedelta(seconds=seconds) if seconds > 0 else None

        access = payload.get("access_token")
        expires_at = after("expires_in")
        if not access or expires_at is None:
            raise ValueError("token answer without access_token / expires_in")
        nick = str(payload.get("taobao_user_nick") or "")
        user_id = payload.get("taobao_user_id")
        refresh = payload.get("refresh_token")
        return cls(
            access_token=str(access),
            refresh_token=str(refresh) if refresh else None,
            expires_at=expires_at,
            nick=unquote(nick) if "%" in nick else nick,
            user_id=str(user_id) if user_id not in (None, "") else None,
            **{name: after(key) for name, key in _EXPIRY_FIELDS.items()},
        )


class OAuthClient:
    """Builds the authorise URL and exchanges codes / refresh tokens at ``/token``."""

    def __init__(
        self,
        cfg: TopConfig,
        secret: str,
        *,
        http: requests.Session | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.cfg = cfg
        self._secret = secret
        self._http = http if http is not None else new_http_session(
            2, use_proxy_settings=not cfg.is_loopback)
        self._clock = clock

    def __repr__(self) -> str:
        return f"OAuthClient(app_key={self.cfg.app_key!r}, base={self.cfg.oauth_base!r})"

    def authorize_url(self, redirect_uri: str, state: str) -> str:
        """The page the shop owner opens in a browser to grant access."""
        query = urlencode({"response_type": "code", "client_id": self.cfg.app_key,
                           "redirect_uri": redirect_uri, "state": state, "view": "web"})
        return f"{self.cfg.oauth_base}/authorize?{query}"

    def exchange_code(self, code: str, redirect_uri: str) -> TokenSet:
        """Trade the one-time ``code`` for tokens."""
        return self._token({"grant_type": "authorization_code", "code": code,
                            "redirect_uri": redirect_uri})

    def refresh(self, refresh_token: str) -> TokenSet:
        """New tokens from a refresh token (only some app types may)."""
        return self._token({"grant_type": "refresh_token", "refresh_token": refresh_token})

    def _token(self, form: dict[str, str]) -> TokenSet:
        what = f"oauth.token:{form['grant_type']}"
        body = {"client_id": self.cfg.app_key, "client_secret": self._secret, **form}
        failure: TopError | None = None
        try:
            response = self._http.post(
                f"{self.cfg.oauth_base}/token",
                data=urlencode(body).encode("ascii"),
                headers={"Content-Type": FORM_CONTENT_TYPE, "Accept": "application/json"},
                timeout=(self.cfg.connect_timeout, self.cfg.read_timeout),
                allow_redirects=False, verify=True,
            )
        except requests.RequestException as exc:
            failure = transport_error(exc, what)
        if failure is not None:
            raise failure
        status, content = response.status_code, response.content
        response.close()
        payload = _json_object(content)
        if status == 200 and payload is not None:
            try:
                return TokenSet.from_response(payload, self._clock())
            except ValueError:
                payload = {"error": "invalid_response", **payload}
        if payload is not None and "error" in payload:
            raise _oauth_error(payload, what)
        raise status_error(status, what) or network_error(
            "bad-response", what, "token answer is not JSON", maybe_executed=True)


def _json_object(content: bytes) -> dict[str, Any] | None:
    try:
        data = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _oauth_error(payload: Mapping[str, Any], what: str) -> TopError:
    error = str(payload.get("error") or "unknown")
    description = payload.get("error_description")
    explanation, action = explain_oauth(error, str(description) if description else None)
    kind = ErrorKind.FATAL if error == "invalid_client" else ErrorKind.AUTH
    return TopError(kind, msg=error, sub_code=error,
                    sub_msg=str(description) if description else None, method=what,
                    explanation=explanation, action=action)
