"""The downloader against a real HTTP server on 127.0.0.1: every failure bounded and explained."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from app.catalog.model import ImageRef, ImageSource
from app.images.download import Downloader
from app.images.errors import DownloadError
from app.images.inspect import inspect_bytes
from app.images.pipeline import prepare_ref
from app.images.source import load_ref
from tests import imagegen as gen

PICTURE = gen.jpeg((900, 900))
STOP = threading.Event()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, ctype: str, body: bytes, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._route(path)  # the client may give up early, as it should

    def _route(self, path: str) -> None:
        if path == "/ok.jpg":
            self._send(200, "image/jpeg", PICTURE)
        elif path == "/octet":
            self._send(200, "application/octet-stream", PICTURE)
        elif path in ("/404", "/403", "/502"):
            self._send(int(path[1:]), "text/html", b"<html>error</html>")
        elif path == "/html.jpg":
            self._send(200, "text/html; charset=utf-8", gen.html_page())
        elif path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/ok.jpg")
            self.end_headers()
        elif path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Content-Length", str(500 * 1024 * 1024))
            self.end_headers()
        elif path == "/huge":  # no length: the cap must stop the stream
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.end_headers()
            block = b"\xff" * 65536
            for _ in range(2000):  # 128 MB at most
                if STOP.is_set():
                    return
                self.wfile.write(block)
        elif path == "/stall-body":  # headers, then nothing
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Content-Length", str(len(PICTURE)))
            self.end_headers()
            self.wfile.flush()
            STOP.wait(30)
        elif path == "/stall-headers":
            STOP.wait(30)
        elif path == "/trickle":  # one byte at a time, each within the read timeout
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.end_headers()
            for byte in PICTURE:
                if STOP.wait(0.1):
                    return
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
        else:
            self._send(404, "text/plain", b"no")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    STOP.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        STOP.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(10)


@pytest.fixture
def downloader() -> Iterator[Downloader]:
    session = requests.Session()
    session.trust_env = False  # loopback only, whatever proxy the machine has
    with Downloader(
        connect_timeout=2,
        read_timeout=0.5,
        total_timeout=2.0,
        max_bytes=1024 * 1024,
        max_redirects=3,
        session=session,
    ) as d:
        yield d


def _fails(downloader: Downloader, url: str) -> DownloadError:
    with pytest.raises(DownloadError) as info:
        downloader.fetch(url)
    assert info.value.url == url
    return info.value


def test_ok_and_redirect_and_octet_stream(server: str, downloader: Downloader) -> None:
    assert downloader.fetch(f"{server}/ok.jpg") == PICTURE
    assert downloader.fetch(f"{server}/redirect") == PICTURE
    assert inspect_bytes(downloader.fetch(f"{server}/octet")).format == "JPEG"


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [("/404", 404, "不存在"), ("/403", 403, "拒绝访问"), ("/502", 502, "服务器出错")],
)
def test_http_errors(
    server: str, downloader: Downloader, path: str, status: int, words: str
) -> None:
    err = _fails(downloader, server + path)
    assert (err.code, err.status) == ("download.http_status", status)
    assert words in err.message
    assert f"HTTP {status}" in err.message


def test_html_content_type_is_refused(server: str, downloader: Downloader) -> None:
    err = _fails(downloader, f"{server}/html.jpg")
    assert err.code == "download.not_image"
    assert "网页" in err.message
    assert "text/html" in err.message


def test_redirect_loop_is_cut(server: str, downloader: Downloader) -> None:
    err = _fails(downloader, f"{server}/loop")
    assert err.code == "download.redirects"
    assert "3 次" in err.message


def test_size_cap_declared_and_streamed(server: str, downloader: Downloader) -> None:
    assert _fails(downloader, f"{server}/huge-declared").code == "download.too_big"
    err = _fails(downloader, f"{server}/huge")
    assert err.code == "download.too_big"
    assert "1.0 MB" in err.message


@pytest.mark.parametrize("path", ["/stall-body", "/stall-headers"])
def test_silent_server_times_out(server: str, downloader: Downloader, path: str) -> None:
    started = time.monotonic()
    err = _fails(downloader, server + path)
    assert err.code == "download.timeout"
    assert "0.5 秒" in err.message
    assert time.monotonic() - started < downloader.total_timeout + 1


def test_trickling_server_hits_the_total_deadline(server: str, downloader: Downloader) -> None:
    started = time.monotonic()
    err = _fails(downloader, f"{server}/trickle")
    elapsed = time.monotonic() - started
    assert err.code == "download.deadline"
    assert "2 秒" in err.message
    assert downloader.total_timeout <= elapsed < downloader.total_timeout + 1


def test_refused_connection_and_bad_address(downloader: Downloader) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert _fails(downloader, f"http://127.0.0.1:{port}/a.jpg").code == "download.connection"
    err = _fails(downloader, "ftp://127.0.0.1/a.jpg")
    assert err.code == "download.bad_url"


def test_query_string_stays_out_of_messages(server: str, downloader: Downloader) -> None:
    err = _fails(downloader, f"{server}/404?Signature=s3cr3t&Expires=1")
    assert "s3cr3t" not in err.message


def test_load_ref_downloads_url_refs(server: str, downloader: Downloader, tmp_path: Path) -> None:
    ref = ImageRef(ImageSource.URL, f"{server}/ok.jpg")
    assert load_ref(ref, tmp_path, downloader) == PICTURE
    with pytest.raises(DownloadError):
        load_ref(ImageRef(ImageSource.URL, f"{server}/404"), tmp_path, downloader)


def test_failed_download_becomes_the_rows_issue(server: str, downloader: Downloader) -> None:
    result = prepare_ref(ImageRef(ImageSource.URL, f"{server}/html.jpg"), Path("."), downloader)
    assert result.prepared is None
    [issue] = result.issues
    assert issue.is_error
    assert issue.code == "download.not_image"
    assert issue.message.startswith("主图：")
    ok = prepare_ref(ImageRef(ImageSource.URL, f"{server}/ok.jpg"), Path("."), downloader)
    assert ok.ok
