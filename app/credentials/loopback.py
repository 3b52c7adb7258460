"""A one-shot loopback listener for the OAuth redirect: ``http://127.0.0.1:PORT/callback``.

It binds 127.0.0.1 only, accepts exactly one hit on its path (answering the browser with a short
Chinese page), reports the query parameters to a callback and then refuses anything else. The
owner closes it (``close()`` or ``with``); it never outlives the authorisation.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

_PAGE = (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>淘上架</title></head>'
    '<body style="font-family:sans-serif;margin:3em"><h2>{title}</h2><p>{body}</p></body></html>'
)


class _Server(ThreadingHTTPServer):
    # Threads: a browser's idle pre-connection must not hold up the real callback request.
    daemon_threads = True
    block_on_close = False
    owner: LoopbackListener


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    timeout = 10  # seconds a connection may stay silent

    def do_GET(self) -> None:
        owner = self.server.owner
        parts = urlsplit(self.path)
        if parts.path != owner.path:
            self._answer(404, "找不到页面", "这里只接收淘宝授权的回调。")
            return
        params = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        accepted, title, body = owner.accept(params)
        self._answer(200 if accepted else 400, title, body)

    def _answer(self, status: int, title: str, body: str) -> None:
        page = _PAGE.format(title=html.escape(title), body=html.escape(body)).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(page)

    def log_message(self, format: str, *args: object) -> None:
        """Silent: the request line carries the authorisation code."""


class LoopbackListener:
    """One-shot HTTP listener on 127.0.0.1. ``on_hit(params)`` gets the first callback's query.

    ``judge(params) -> (accepted, title, body)`` decides what the browser is told.
    """

    def __init__(
        self,
        on_hit: Callable[[dict[str, str]], None],
        judge: Callable[[dict[str, str]], tuple[bool, str, str]],
        *,
        port: int = 0,
        path: str = "/callback",
    ) -> None:
        self.path = path
        self._on_hit = on_hit
        self._judge = judge
        self._hit = False
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", port), _Handler)
        self._server.owner = self
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="oauth-loopback",
            daemon=True,
        )
        self._thread.start()
        self._closed = False

    @property
    def redirect_uri(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.path}"

    def accept(self, params: dict[str, str]) -> tuple[bool, str, str]:
        """Called by the handler thread: first hit only."""
        with self._lock:
            if self._hit:
                return False, "已处理", "授权回调已经收到过一次，请回到淘上架查看结果。"
            self._hit = True
        verdict = self._judge(params)
        self._on_hit(params)
        return verdict

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> LoopbackListener:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
