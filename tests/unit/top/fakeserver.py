"""A tiny scripted HTTP server on 127.0.0.1 for transport tests (no mocks of requests).

Each request is recorded; the answer comes from the next scripted `Reply` (or the default).
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Reply:
    """What to answer: JSON (or raw bytes), a status, a delay, or a dropped connection."""

    json: Any = None
    raw: bytes | None = None
    status: int = 200
    delay: float = 0.0
    drop: bool = False


@dataclass
class Seen:
    """One request as the server saw it."""

    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    form: dict[str, str] = field(default_factory=dict)
    files: dict[str, tuple[str, bytes, str]] = field(default_factory=dict)
    client_port: int = 0


def _single(values: dict[str, list[str]]) -> dict[str, str]:
    return {k: v[0] for k, v in values.items()}


def parse_body(content_type: str, body: bytes) -> tuple[dict[str, str], dict[str, Any]]:
    """Form fields and file parts of a urlencoded or multipart body."""
    if content_type.startswith("application/x-www-form-urlencoded"):
        return _single(parse_qs(body.decode("ascii"), keep_blank_values=True)), {}
    if content_type.startswith("multipart/form-data"):
        head = f"Content-Type: {content_type}\r\n\r\n".encode()
        msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
        form: dict[str, str] = {}
        files: dict[str, tuple[str, bytes, str]] = {}
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            data = part.get_payload(decode=True)
            if part.get_filename() is not None:
                files[name] = (part.get_filename(), data, part.get_content_type())
            else:
                form[name] = data.decode("utf-8")
        return form, files
    return {}, {}


class FakeServer:
    """Start with ``with FakeServer() as srv``; ``srv.url``; script with ``srv.replies``."""

    def __init__(self, default: Callable[[Seen], Reply] | None = None) -> None:
        self.replies: list[Reply] = []
        self.seen: list[Seen] = []
        self.default = default or (lambda seen: Reply(json={"ok_response": {}}))
        self.stop_event = threading.Event()
        self._lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # else delayed ACKs add ~40 ms per answer

            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                owner._handle(self)

            def do_GET(self) -> None:
                owner._handle(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/router/rest"

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def wrap_tls(self, context: ssl.SSLContext) -> None:
        """Serve HTTPS with ``context`` (call before the first request)."""
        self._server.socket = context.wrap_socket(self._server.socket, server_side=True)

    def __enter__(self) -> FakeServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop_event.set()
        self._server.shutdown()
        self._server.server_close()

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length)
        parts = urlsplit(handler.path)
        ctype = handler.headers.get("Content-Type", "")
        form, files = parse_body(ctype, body)
        seen = Seen(
            path=parts.path,
            query=_single(parse_qs(parts.query, keep_blank_values=True)),
            headers=dict(handler.headers.items()),
            body=body,
            form=form,
            files=files,
            client_port=handler.client_address[1],
        )
        with self._lock:
            self.seen.append(seen)
            reply = self.replies.pop(0) if self.replies else None
        if reply is None:
            reply = self.default(seen)
        if reply.delay:
            self.stop_event.wait(reply.delay)
        if reply.drop:
            handler.close_connection = True
            return
        data = reply.raw if reply.raw is not None else json.dumps(reply.json).encode("utf-8")
        handler.send_response(reply.status)
        handler.send_header("Content-Type", "application/json;charset=UTF-8")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)
