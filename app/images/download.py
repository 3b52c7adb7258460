"""Download pictures given as URLs: bounded in time and size, images only, never a hang.

One `requests.Session` (connection reuse). Limits: connect and read timeouts, a total deadline
per picture (also enforced between reads of the body, by shrinking the socket timeout to the
time left), a byte cap (streamed: we stop reading past it), a redirect limit, and a
content-type check. Every failure is a `DownloadError` with a Chinese message for the row.
"""

from __future__ import annotations

import contextlib
import time
from urllib.parse import urlsplit

import requests
import urllib3.exceptions

from app.images.errors import DownloadError, human_size, short_label

_ACCEPTED_TYPES = ("application/octet-stream", "binary/octet-stream", "")
_CHUNK = 64 * 1024
DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # originals may exceed 3 MB: the fixer shrinks them


def url_label(url: str) -> str:
    """The address for a message: without query/fragment (signed URLs carry tokens there)."""
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return short_label(url, 80)
    return short_label(f"{parts.scheme}://{parts.netloc}{parts.path}", 80)


class Downloader:
    """Fetches picture bytes. Thread-safe enough for a few upload workers sharing it."""

    def __init__(
        self,
        *,
        connect_timeout: float = 5.0,
        read_timeout: float = 15.0,
        total_timeout: float = 60.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_redirects: int = 5,
        session: requests.Session | None = None,
        user_agent: str = "TaoShelf/0.1 (picture download)",
    ) -> None:
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.total_timeout = total_timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.session = session or requests.Session()
        self.session.max_redirects = max_redirects
        self.session.headers.update(
            {"User-Agent": user_agent, "Accept": "image/*", "Accept-Encoding": "identity"}
        )

    def fetch(self, url: str) -> bytes:
        """The body of ``url`` if it is a picture within the limits; else `DownloadError`."""
        label = url_label(url)
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise DownloadError(
                "download.bad_url",
                f"图片地址「{label}」不是有效的网址（应以 http:// 或 https:// 开头）",
                url=url,
            )
        deadline = time.monotonic() + self.total_timeout
        try:
            with self.session.get(
                url.strip(),
                stream=True,
                timeout=(self.connect_timeout, self.read_timeout),
                allow_redirects=True,
            ) as resp:
                self._check_response(resp, url, label)
                return self._read_body(resp, url, label, deadline)
        except DownloadError:
            raise
        except requests.exceptions.TooManyRedirects:
            raise DownloadError(
                "download.redirects",
                f"图片地址「{label}」跳转次数过多（超过 {self.max_redirects} 次），可能是循环跳转",
                url=url,
            ) from None
        except requests.exceptions.ConnectTimeout:
            raise DownloadError(
                "download.connect_timeout",
                f"连接图片地址「{label}」超时（{self.connect_timeout:g} 秒无响应），"
                "请检查网络或换一个地址",
                url=url,
            ) from None
        except (requests.exceptions.ReadTimeout, urllib3.exceptions.ReadTimeoutError):
            raise self._timeout(url, label) from None
        except requests.exceptions.SSLError:
            raise DownloadError(
                "download.tls",
                f"图片地址「{label}」的 HTTPS 证书校验失败，已拒绝下载",
                url=url,
            ) from None
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema):
            raise DownloadError(
                "download.bad_url", f"图片地址「{label}」不是有效的网址", url=url
            ) from None
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError):
            raise DownloadError(
                "download.connection",
                f"无法下载图片「{label}」：网络连接失败或服务器中断了连接，请稍后重试",
                url=url,
            ) from None

    def _timeout(self, url: str, label: str) -> DownloadError:
        return DownloadError(
            "download.timeout",
            f"下载图片「{label}」超时：服务器 {self.read_timeout:g} 秒没有发送数据",
            url=url,
        )

    def _check_response(self, resp: requests.Response, url: str, label: str) -> None:
        status = resp.status_code
        if status >= 400:
            if status in (404, 410):
                text = f"图片地址「{label}」不存在（HTTP {status}），请检查网址"
            elif status in (401, 403):
                text = (
                    f"图片地址「{label}」拒绝访问（HTTP {status}），可能有防盗链；"
                    "请把图片保存到电脑后改用文件路径"
                )
            elif status >= 500:
                text = f"图片服务器出错（HTTP {status}），地址「{label}」，请稍后重试"
            else:
                text = f"下载图片「{label}」失败（HTTP {status}）"
            raise DownloadError("download.http_status", text, url=url, status=status)
        ctype = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if not ctype.startswith("image/") and ctype not in _ACCEPTED_TYPES:
            what = "网页" if ctype in ("text/html", "application/xhtml+xml") else "其他内容"
            raise DownloadError(
                "download.not_image",
                f"图片地址「{label}」返回的是{what}（{ctype}），不是图片；可能需要登录或地址已失效",
                url=url,
                status=status,
            )
        length = resp.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            raise self._too_big(url, label, int(length))

    def _too_big(self, url: str, label: str, size: int | None) -> DownloadError:
        got = f"（{human_size(size)}）" if size else ""
        return DownloadError(
            "download.too_big",
            f"图片「{label}」太大{got}，超过 {human_size(self.max_bytes)} 下载上限",
            url=url,
        )

    def _read_body(self, resp: requests.Response, url: str, label: str, deadline: float) -> bytes:
        raw = resp.raw
        reader = getattr(raw, "read1", None) or raw.read
        chunks: list[bytes] = []
        total = 0
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise DownloadError(
                    "download.deadline",
                    f"下载图片「{label}」超过 {self.total_timeout:g} 秒仍未完成，已放弃",
                    url=url,
                )
            _set_socket_timeout(raw, min(self.read_timeout, left))
            try:
                chunk = reader(_CHUNK, decode_content=True)  # cap what we will hold
            except (urllib3.exceptions.ReadTimeoutError, TimeoutError):
                if deadline - time.monotonic() <= 0:
                    continue  # report the deadline, which is what stopped us
                raise self._timeout(url, label) from None
            if not chunk:
                return b"".join(chunks)
            total += len(chunk)
            if total > self.max_bytes:
                raise self._too_big(url, label, None)
            chunks.append(chunk)

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> Downloader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _set_socket_timeout(raw: object, seconds: float) -> None:
    """Shrink the read timeout of the live socket (best effort: urllib3 internals)."""
    connection = getattr(raw, "connection", None) or getattr(raw, "_connection", None)
    sock = getattr(connection, "sock", None)
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.settimeout(max(0.01, seconds))
