"""Request bodies: query strings, url-encoded forms and a small multipart/form-data parser."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote


class FormError(Exception):
    """The body could not be decoded (bad UTF-8, broken multipart)."""


@dataclass(frozen=True)
class UploadedFile:
    """One file part of a multipart body."""

    name: str
    filename: str
    content_type: str
    data: bytes

    def __repr__(self) -> str:
        return f"UploadedFile({self.name!r}, {self.filename!r}, {len(self.data)} bytes)"


@dataclass
class ParsedForm:
    fields: dict[str, str] = field(default_factory=dict)
    files: dict[str, UploadedFile] = field(default_factory=dict)


def parse_query(query: str) -> dict[str, str]:
    """Decode ``a=1&b=2`` strictly as UTF-8 (last value wins)."""
    try:
        return dict(parse_qsl(query, keep_blank_values=True, encoding="utf-8", errors="strict"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FormError("query string is not valid UTF-8") from exc


def _header_params(value: str) -> tuple[str, dict[str, str]]:
    """Split ``form-data; name="a"; filename*=utf-8''%E4.jpg`` into its value and params."""
    parts = re.findall(r'(?:[^;"]|"(?:\\.|[^"\\])*")+', value)
    main = parts[0].strip().lower() if parts else ""
    params: dict[str, str] = {}
    for part in parts[1:]:
        key, sep, raw = part.strip().partition("=")
        if not sep:
            continue
        key = key.strip().lower()
        raw = raw.strip()
        if key.endswith("*"):  # RFC 2231/5987: charset'lang'percent-encoded
            _charset, _, rest = raw.partition("'")
            _lang, _, encoded = rest.partition("'")
            params[key[:-1]] = unquote(encoded, encoding="utf-8", errors="replace")
        elif len(raw) >= 2 and raw[0] == raw[-1] == '"':
            params.setdefault(key, raw[1:-1].replace('\\"', '"').replace("\\\\", "\\"))
        else:
            params.setdefault(key, raw)
    return main, params


def parse_multipart(body: bytes, boundary: str) -> ParsedForm:
    """Parse a multipart/form-data body; text parts become fields, parts with a filename files."""
    if not boundary:
        raise FormError("multipart body without boundary")
    delimiter = b"\r\n--" + boundary.encode("latin-1")
    chunks = (b"\r\n" + body).split(delimiter)
    form = ParsedForm()
    closed = False
    for raw in chunks[1:]:
        if raw.startswith(b"--"):
            closed = True
            break
        chunk = raw.removeprefix(b"\r\n")
        head, sep, data = chunk.partition(b"\r\n\r\n")
        if not sep:
            raise FormError("multipart part without header end")
        headers: dict[str, str] = {}
        for line in head.split(b"\r\n"):
            name, colon, value = line.decode("utf-8", errors="strict").partition(":")
            if colon:
                headers[name.strip().lower()] = value.strip()
        disposition, params = _header_params(headers.get("content-disposition", ""))
        name = params.get("name")
        if disposition != "form-data" or not name:
            raise FormError("multipart part without form-data name")
        if "filename" in params:
            form.files[name] = UploadedFile(
                name, params["filename"], headers.get("content-type", ""), data,
            )
        else:
            form.fields[name] = data.decode("utf-8", errors="strict")
    if not closed:
        raise FormError("multipart body not terminated")
    return form


def parse_body(body: bytes, content_type: str | None) -> ParsedForm:
    """Decode a request body by its Content-Type (url-encoded, multipart, or empty)."""
    if not body:
        return ParsedForm()
    main, params = _header_params(content_type or "")
    try:
        if main == "multipart/form-data":
            return parse_multipart(body, params.get("boundary", ""))
        return ParsedForm(fields=parse_query(body.decode("utf-8", errors="strict")))
    except UnicodeDecodeError as exc:
        raise FormError("body is not valid UTF-8") from exc
