"""The HTTP layer: a threaded stdlib server routing to the router, OAuth pages and test door."""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from app.simulator.forms import FormError, parse_body, parse_query
from app.simulator.oauth import HttpAnswer, oauth_error

if TYPE_CHECKING:
    from app.simulator.door import TestDoor
    from app.simulator.oauth import OAuthPages
    from app.simulator.router import Router

MAX_BODY = 32 * 1024 * 1024
IDLE_TIMEOUT = 30.0  # seconds an idle keep-alive connection is kept


class SimHTTPServer(ThreadingHTTPServer):
    """Daemon handler threads; remembers open connections so ``stop`` can close them."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self, address: tuple[str, int], router: Router, oauth: OAuthPages, door: TestDoor,
    ) -> None:
        self.router = router
        self.oauth = oauth
        self.door = door
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, SimRequestHandler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet when a client hangs up; print real errors (simulator bugs)."""
        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)

    def close_open_connections(self) -> None:
        with self._open_lock:
            connections = list(self._open)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)


class SimRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "TaoShelfSim/1.0"
    timeout = IDLE_TIMEOUT
    # Headers and body leave in one send (buffered writer, flushed once per request), and
    # Nagle is off: otherwise each answer can wait ~40 ms for the client's delayed ACK.
    wbufsize = 64 * 1024
    disable_nagle_algorithm = True
    server: SimHTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: requests carry sessions and signs that must not reach any log."""

    def _read_chunked(self) -> bytes | None:
        body = bytearray()
        while True:
            size_line = self.rfile.readline(1024).split(b";", 1)[0].strip()
            try:
                size = int(size_line, 16)
            except ValueError:
                return None
            if size == 0:
                while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return bytes(body)
            if len(body) + size > MAX_BODY:
                return None
            body += self.rfile.read(size)
            self.rfile.readline(8)  # the CRLF after each chunk

    def _read_body(self) -> bytes | None:
        """The whole request body (Content-Length or chunked); None if too big or malformed."""
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            return self._read_chunked()
        length_text = self.headers.get("Content-Length")
        if not length_text:
            return b""
        try:
            length = int(length_text)
        except ValueError:
            return None
        if length < 0 or length > MAX_BODY:
            return None
        return self.rfile.read(length)

    def _send(self, answer: HttpAnswer) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        if answer.location:
            self.send_header("Location", answer.location)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    def _drop(self) -> None:
        """Close the connection without a byte of answer (the client sees a disconnect)."""
        self.close_connection = True
        try:
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        self._route("POST")

    def _route(self, verb: str) -> None:
        parts = urlsplit(self.path)
        body = self._read_body()
        if body is None:
            self.close_connection = True
            self._send(HttpAnswer(413, b"request body too large or malformed", "text/plain"))
            return
        try:
            self._dispatch(verb, parts.path, parts.query, body)
        except OSError:
            raise  # the client went away (e.g. it timed out): nothing to answer
        except Exception:
            # A simulator bug: answer 500 (never hang the client), then let socketserver
            # print the traceback to stderr.
            self.close_connection = True
            self._send(HttpAnswer(500, b"simulator internal error", "text/plain"))
            raise

    def _dispatch(self, verb: str, path: str, query: str, body: bytes) -> None:
        if path == "/router/rest":
            reply = self.server.router.handle(query, body, self.headers.get("Content-Type"))
            if reply.action == "drop":
                self._drop()
                return
            self._send(HttpAnswer(reply.status, reply.body, reply.content_type))
        elif path.startswith("/_sim/"):
            self._send(self.server.door.handle(self.client_address[0], verb, path, body))
        elif path == "/authorize":
            self._send(self._authorize(verb, query, body))
        elif path == "/token":
            self._send(self._token(verb, query, body))
        else:
            self._send(HttpAnswer(404, b"not found", "text/plain"))

    def _form(self, query: str, body: bytes) -> dict[str, str]:
        return {**parse_query(query), **parse_body(body, self.headers.get("Content-Type")).fields}

    def _authorize(self, verb: str, query: str, body: bytes) -> HttpAnswer:
        try:
            params = self._form(query, body)
        except FormError:
            return HttpAnswer(400, b"bad request encoding", "text/plain")
        if verb == "GET":
            return self.server.oauth.authorize_page(params)
        return self.server.oauth.authorize_submit(params)

    def _token(self, verb: str, query: str, body: bytes) -> HttpAnswer:
        if verb != "POST":
            return oauth_error("invalid_request", "请使用 POST 请求 /token")
        try:
            params = self._form(query, body)
        except FormError:
            return oauth_error("invalid_request", "请求无法按 UTF-8 解码")
        return self.server.oauth.token(params)
