"""The bounded zip reader: what it inflates is counted, whatever the zip directory claims."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from app.excel.errors import SheetError
from app.excel.reader import read_sheet
from app.excel.zipguard import CHUNK_OUT, LIMITS, Limits, MiB, SafeZip, ZipBombError
from tests.sheetgen import HEADER, build_xlsx, build_zip_bomb, picture, product_row

SHEET = "xl/worksheets/sheet1.xml"


def drain(zf: SafeZip, name: str, *, media: bool = False) -> int:
    total = 0
    with zf.open(name, media=media) as fh:
        while chunk := fh.read(64 * 1024):
            total += len(chunk)
    return total


@pytest.mark.parametrize("declared", [None, 1000])
def test_bomb_stops_after_the_grace_whatever_the_directory_says(tmp_path: Path,
                                                                declared: int | None) -> None:
    path = build_zip_bomb(tmp_path / "bomb.xlsx", "sheet", inflated=1 << 30,
                          declared_size=declared)
    with SafeZip(path) as zf, pytest.raises(ZipBombError) as info:
        drain(zf, SHEET)
    assert zf.inflated <= LIMITS.grace + CHUNK_OUT
    assert "压缩比超过 100:1" in info.value.message
    assert "bomb.xlsx" in info.value.message


def test_part_cap_counts_inflated_bytes(tmp_path: Path) -> None:
    path = build_zip_bomb(tmp_path / "b.xlsx", "sheet", inflated=20 * MiB)
    limits = Limits(xml_part=4 * MiB, ratio=10**9)
    with SafeZip(path, limits) as zf, pytest.raises(ZipBombError) as info:
        drain(zf, SHEET)
    assert 4 * MiB < zf.inflated <= 4 * MiB + CHUNK_OUT
    assert "解压后超过 4 MB" in info.value.message


def test_pictures_have_their_own_cap(tmp_path: Path) -> None:
    path = build_zip_bomb(tmp_path / "m.xlsx", "media", inflated=1 << 30)
    with SafeZip(path) as zf, pytest.raises(ZipBombError):
        drain(zf, "xl/media/image1.png", media=True)
    assert zf.inflated <= LIMITS.media_part + CHUNK_OUT


def test_the_whole_workbook_has_a_budget(tmp_path: Path) -> None:
    path = build_zip_bomb(tmp_path / "b.xlsx", "sheet", inflated=6 * MiB)
    limits = Limits(ratio=10**9, total=10 * MiB)
    with SafeZip(path, limits) as zf:
        assert drain(zf, SHEET) > 6 * MiB - MiB
        with pytest.raises(ZipBombError) as info:
            drain(zf, SHEET)  # read a second time: the budget is for the file, not the part
    assert "整个文件解压后已超过 10 MB" in info.value.message
    assert LIMITS.budget(3 * MiB) == 300 * MiB
    assert LIMITS.budget(1000) == LIMITS.total_floor
    assert LIMITS.budget(1 << 40) == LIMITS.total


def test_a_real_workbook_reads_whole_and_counted(tmp_path: Path) -> None:
    path = build_xlsx(tmp_path / "ok.xlsx", [HEADER, product_row(1), product_row(2)],
                      floating={"G2": picture(300, 300)}, wps={"G3": picture(300, 300)})
    with zipfile.ZipFile(path) as plain:
        expected = {i.filename: plain.read(i.filename) for i in plain.infolist()}
    with SafeZip(path) as zf:
        for name, data in expected.items():
            assert zf.read(name, media=name.startswith("xl/media/")) == data
        assert zf.read("no/such/part.xml") is None
    assert zf.inflated == sum(len(d) for d in expected.values())
    assert len(read_sheet(path).products) == 2


def test_unreadable_members_are_sheet_errors(tmp_path: Path) -> None:
    path = tmp_path / "lzma.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_LZMA) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(SheetError) as info:
        read_sheet(path)
    assert "压缩方式" in info.value.message
    corrupt = build_xlsx(tmp_path / "crc.xlsx", [HEADER, product_row(1)])
    data = bytearray(corrupt.read_bytes())
    entry = data.index(b"PK\x01\x02")  # the central directory
    while data[entry + 46:entry + 46 + len(SHEET)] != SHEET.encode():
        entry = data.index(b"PK\x01\x02", entry + 4)
    data[entry + 16] ^= 0xFF  # the sheet's CRC-32 as the directory records it
    corrupt.write_bytes(bytes(data))
    with pytest.raises(SheetError) as info:
        read_sheet(corrupt)
    assert "校验不通过" in info.value.message
