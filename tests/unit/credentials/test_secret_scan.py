"""The disk scan finds a secret in every form it could be written in, and nothing else."""

from __future__ import annotations

import base64
import gzip
import sqlite3
import zipfile
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.secret_scan import find_secrets

SECRET = "6f1c0de5+ab/cd=ef&0123456789"


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_clean_tree_has_no_hits(tmp_path: Path) -> None:
    _write(tmp_path / "a" / "settings.json", b'{"app_key": "12345678"}')
    _write(tmp_path / "b.bin", bytes(range(256)) * 10)
    assert find_secrets([tmp_path], [SECRET]) == []


@pytest.mark.parametrize(
    "data",
    [
        f"log line secret={SECRET} end".encode(),
        f"xx{SECRET}".encode("utf-16-le"),
        f"{SECRET}".encode("utf-16-be"),
        urlencode({"client_secret": SECRET}).encode(),
        f'{{"k": "{SECRET}"}}'.encode(),
        b"prefix " + base64.b64encode(b"A:" + SECRET.encode()) + b" suffix",
        b"\x00\x01binary\xff" + SECRET.encode() + b"\x00",
    ],
    ids=["text", "utf16le", "utf16be", "urlencoded", "json", "base64-unaligned", "binary"],
)
def test_each_form_is_found(tmp_path: Path, data: bytes) -> None:
    hit = _write(tmp_path / "deep" / "dir" / "f.dat", data)
    _write(tmp_path / "other.txt", b"nothing here")
    assert find_secrets([tmp_path], [SECRET]) == [hit]


def test_sqlite_file_including_deleted_row(tmp_path: Path) -> None:
    db = tmp_path / "journal.sqlite3"
    con = sqlite3.connect(db)
    con.execute("pragma secure_delete = off")  # deleted rows stay in free pages
    con.execute("create table t (v text)")
    con.execute("insert into t values (?)", (SECRET,))
    con.commit()
    con.execute("delete from t")
    con.commit()
    con.close()
    assert find_secrets([tmp_path], [SECRET]) == [db]


def test_sqlite_utf16_database(tmp_path: Path) -> None:
    db = tmp_path / "u16.db"
    con = sqlite3.connect(db)
    con.execute("pragma encoding = 'UTF-16le'")
    con.execute("create table t (v text)")
    con.execute("insert into t values (?)", (SECRET,))
    con.commit()
    con.close()
    assert find_secrets([tmp_path], [SECRET]) == [db]


def test_zip_and_gzip_members(tmp_path: Path) -> None:
    report = tmp_path / "report.xlsx"
    with zipfile.ZipFile(report, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/sharedStrings.xml", f"<si><t>{SECRET}</t></si>" * 50)
    log = _write(tmp_path / "app.log.1.gz", gzip.compress(f"token {SECRET}\n".encode() * 50))
    assert sorted(find_secrets([tmp_path], [SECRET])) == sorted([report, log])


def test_several_roots_and_secrets(tmp_path: Path) -> None:
    a = _write(tmp_path / "one" / "x", b"access-token-abcdef")
    b = _write(tmp_path / "two" / "y", b"refresh-token-123456")
    assert find_secrets(
        [tmp_path / "one", tmp_path / "two", tmp_path / "missing"],
        ["access-token-abcdef", "refresh-token-123456"],
    ) == [a, b]


def test_too_short_secret_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="shorter"):
        find_secrets([tmp_path], ["abc"])
