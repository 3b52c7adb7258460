"""The one pooled HTTP session and how a transport failure maps to a `TopError`.

Messages are our own words: a `requests` exception text contains the URL, whose query holds
the session and the sign, so it is never copied.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlencode

import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter

from app.top.errors import ErrorKind, TopError
from app.top.request import PreparedCall
from app.top.response import network_error

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded;charset=UTF-8"
USER_AGENT = "TaoShelf/0.1 (+python-requests)"


def new_http_session(pool_size: int = 8, *, use_proxy_settings: bool = True) -> requests.Session:
    """A pooled session; no automatic retries (a POST must never be sent twice by accident).

    ``use_proxy_settings=False`` for loopback: a system proxy must not swallow 127.0.0.1.
    """
    http = requests.Session()
    adapter = HTTPAdapter(pool_connections=2, pool_maxsize=max(1, pool_size), max_retries=0)
    http.mount("https://", adapter)
    http.mount("http://", adapter)
    http.headers["User-Agent"] = USER_AGENT
    http.trust_env = use_proxy_settings  # proxies from the environment; verification stays on
    return http


def post(
    http: requests.Session, url: str, prepared: PreparedCall, timeout: tuple[float, float]
) -> requests.Response:
    """POST one prepared call: system params in the query, business params in the body."""
    if prepared.files:
        files = {
            name: (part.filename, part.data, part.mime_type)
            for name, part in prepared.files.items()
        }
        return http.post(url, params=prepared.query, data=prepared.body, files=files,
                         timeout=timeout, allow_redirects=False, verify=True)
    body = urlencode(prepared.body, encoding="utf-8").encode("ascii")
    return http.post(url, params=prepared.query, data=body,
                     headers={"Content-Type": FORM_CONTENT_TYPE},
                     timeout=timeout, allow_redirects=False, verify=True)


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception, its args that are exceptions, ``reason``, causes and contexts."""
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        item = todo.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        more = [*item.args, getattr(item, "reason", None), item.__cause__, item.__context__]
        todo.extend(x for x in more if isinstance(x, BaseException))


def _failed_before_sending(exc: BaseException) -> bool:
    """True when the connection was never made (refused, DNS, connect timeout)."""
    return any(
        isinstance(x, urllib3.exceptions.ConnectTimeoutError | ConnectionRefusedError)
        for x in _chain(exc)
    )


def transport_error(exc: requests.RequestException, method: str) -> TopError:
    """Classify a `requests` failure. Connect errors were not executed; the rest may have been."""
    name = type(exc).__name__
    if isinstance(exc, requests.exceptions.SSLError):
        verify_failed = any("CERTIFICATE_VERIFY_FAILED" in repr(x) for x in _chain(exc))
        return network_error(
            "tls" if verify_failed else "connect", method, f"TLS failure ({name})",
            maybe_executed=False,
            kind=ErrorKind.FATAL if verify_failed else ErrorKind.TRANSIENT,
        )
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return network_error("connect", method, "connect timeout", maybe_executed=False)
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return network_error("read-timeout", method, "read timeout", maybe_executed=True)
    if isinstance(exc, requests.exceptions.ConnectionError):
        if _failed_before_sending(exc):
            return network_error("connect", method, f"cannot connect ({name})",
                                 maybe_executed=False)
        return network_error("dropped", method, f"connection dropped ({name})",
                             maybe_executed=True)
    if isinstance(exc, requests.exceptions.ChunkedEncodingError
                  | requests.exceptions.ContentDecodingError):
        return network_error("dropped", method, f"answer cut off ({name})", maybe_executed=True)
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema
                  | requests.exceptions.InvalidSchema):
        return network_error("http-4xx", method, f"bad gateway URL ({name})",
                             maybe_executed=False, kind=ErrorKind.FATAL)
    return network_error("dropped", method, f"HTTP failure ({name})", maybe_executed=True)


def status_error(status: int, method: str) -> TopError | None:
    """The error for a non-200 HTTP status (None for 200)."""
    if status == 200:
        return None
    if status >= 500:
        return network_error("http-5xx", method, f"HTTP {status}", maybe_executed=True)
    if status in (408, 429):
        return network_error("http-5xx", method, f"HTTP {status}", maybe_executed=False)
    return network_error("http-4xx", method, f"HTTP {status}", maybe_executed=False,
                         kind=ErrorKind.FATAL)
