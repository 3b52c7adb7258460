"""Find secrets left in files: the check behind "no secret on disk".

``find_secrets(roots, secrets)`` reads every regular file under the roots as bytes (text, binary,
SQLite databases with their -wal/-journal files and free pages, logs) and looks for each secret in
the forms it could take on disk: UTF-8, UTF-16 (LE/BE, as in SQLite UTF-16 databases or Windows
text), URL-encoded (``quote``/``quote_plus``), JSON-escaped, and base64. Zip containers (.xlsx
reports) and gzip files (rotated logs) are also scanned decompressed.
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import io
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote, quote_plus

# Short strings would match by chance; every real secret/token is longer than this.
MIN_SECRET_LENGTH = 6


def encoded_forms(secret: str) -> set[bytes]:
    """Every byte pattern the secret could be stored as."""
    texts = {
        secret,
        quote(secret, safe=""),
        quote_plus(secret, safe=""),
        quote(secret),
        json.dumps(secret)[1:-1],
    }
    forms: set[bytes] = set()
    for text in texts:
        forms.add(text.encode("utf-8"))
        forms.add(text.encode("utf-16-le"))
        forms.add(text.encode("utf-16-be"))
    raw = secret.encode("utf-8")
    # Inside a longer base64 text the secret can start at any of 3 byte offsets: keep only the
    # characters that depend on the secret's bytes alone (skip the head, drop the tail).
    for encode in (base64.b64encode, base64.urlsafe_b64encode):
        for offset, skip in ((0, 0), (1, 2), (2, 3)):
            text = encode(b"\0" * offset + raw)
            forms.add(text[skip:-4] if len(text) - skip > 8 else text.rstrip(b"="))
    return {f for f in forms if len(f) >= MIN_SECRET_LENGTH}


def _contents(data: bytes) -> list[bytes]:
    """The file's bytes, plus decompressed members of zip/gzip containers."""
    blobs = [data]
    if data[:2] == b"\x1f\x8b":
        with contextlib.suppress(OSError, EOFError):
            blobs.append(gzip.decompress(data))
    if data[:4] == b"PK\x03\x04":
        with (
            contextlib.suppress(zipfile.BadZipFile, OSError, EOFError),
            zipfile.ZipFile(io.BytesIO(data)) as zf,
        ):
            blobs.extend(zf.read(name) for name in zf.namelist())
    return blobs


def file_contains(path: Path, forms: set[bytes]) -> bool:
    data = path.read_bytes()
    return any(form in blob for blob in _contents(data) for form in forms)


def find_secrets(roots: list[Path], secrets: list[str],
                 scanned: list[Path] | None = None) -> list[Path]:
    """Every file under ``roots`` (recursively) that contains any of ``secrets`` in any form.
    ``scanned``, if given, receives every file read (so a test can show the scan saw them)."""
    wanted = [s for s in secrets if s]
    short = [s for s in wanted if len(s) < MIN_SECRET_LENGTH]
    if short:
        raise ValueError(f"secrets shorter than {MIN_SECRET_LENGTH} characters cannot be scanned")
    forms: set[bytes] = set()
    for secret in wanted:
        forms |= encoded_forms(secret)
    hits: list[Path] = []
    seen: set[Path] = set()
    for root in roots:
        if root.is_file():
            candidates: Iterable[Path] = [root]
        elif root.is_dir():
            candidates = sorted(root.rglob("*"))
        else:
            continue
        for path in candidates:
            if path in seen or path.is_symlink() or not path.is_file():
                continue
            seen.add(path)
            if scanned is not None:
                scanned.append(path)
            if forms and file_contains(path, forms):
                hits.append(path)
    return hits
