"""Typed errors of the picture pipeline: a stable ``code`` and a plain-Chinese ``message``."""

from __future__ import annotations

from app.catalog.model import Issue, Severity


class ImageError(Exception):
    """A picture that cannot be read, fixed or fetched.

    ``code`` is stable for machines (``image.truncated``); ``message`` is the sentence shown to
    the shop owner, naming the file or address and the limit.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def to_issue(self, severity: Severity = Severity.ERROR) -> Issue:
        """The row issue for this error (field ``image``)."""
        return Issue(severity, "image", self.code, self.message)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {self.message!r})"


class DownloadError(ImageError):
    """A picture address that could not be downloaded (timeout, HTTP error, not an image...)."""

    def __init__(
        self, code: str, message: str, *, url: str = "", status: int | None = None
    ) -> None:
        super().__init__(code, message)
        self.url = url
        self.status = status


def short_label(text: str, limit: int = 60) -> str:
    """A file name or URL shortened for a message (keeps the end, where the name is)."""
    text = text.strip()
    return text if len(text) <= limit else "…" + text[-(limit - 1) :]


def human_size(n: int) -> str:
    """Bytes as shop owners read them: ``6.2 MB``, ``850 KB``, ``12 字节``."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} 字节"
