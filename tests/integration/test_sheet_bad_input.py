"""Bad input: each case gives a clear Chinese message (file-level) or a row issue, never a crash."""

from __future__ import annotations

import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from app.catalog.keys import assign_keys
from app.catalog.rules import row_issues, validate
from app.catalog.settings import ListingDefaults
from app.excel.errors import SheetError
from app.excel.reader import read_sheet
from app.review import review_sheet
from tests.sheetgen import BOMB_PARTS, HEADER, build_xlsx, build_zip_bomb, product_row

DEFAULTS = ListingDefaults(location_state="浙江", location_city="杭州")
OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff"


def issues_of(path: Path) -> dict[int, list[tuple[str, str, str]]]:
    sheet = read_sheet(path)
    assign_keys(sheet.products)
    result = validate(sheet.products, DEFAULTS)
    return {p.row: [(i.severity.value, i.field, i.message) for i in row_issues(p, result)]
            for p in sheet.products}


def refused(path: Path) -> str:
    with pytest.raises(SheetError) as info:
        read_sheet(path)
    return info.value.message


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.xlsx").write_bytes(b"")
    assert "空文件" in refused(tmp_path / "empty.xlsx")
    (tmp_path / "empty.csv").write_bytes(b"")
    assert "空文件" in refused(tmp_path / "empty.csv")


def test_non_workbook_renamed_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "photo.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    assert "不是有效的 Excel 文件" in refused(path)
    other_zip = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(other_zip, "w") as zf:
        zf.writestr("readme.txt", "hello")
    assert "不是 Excel 工作簿" in refused(other_zip)


def test_password_protected_workbook(tmp_path: Path) -> None:
    path = tmp_path / "locked.xlsx"  # encrypted .xlsx files are OLE compound files
    path.write_bytes(OLE_HEADER + b"\x00" * 2000)
    message = refused(path)
    assert "加密" in message
    assert "另存为 .xlsx" in message


def test_old_xls_refused_with_conversion_hint(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(OLE_HEADER + b"\x00" * 2000)
    message = refused(path)
    assert ".xls" in message
    assert "另存为" in message


def test_no_recognisable_header(tmp_path: Path) -> None:
    path = build_xlsx(tmp_path / "h.xlsx", [["A", "B", "C"], [1, 2, 3]])
    assert "找不到表头" in refused(path)
    empty_sheet = build_xlsx(tmp_path / "e.xlsx", [])
    assert "空的" in refused(empty_sheet)


def test_duplicate_headers_reported(tmp_path: Path) -> None:
    rows = [[*HEADER, "价格"], [*product_row(1, "https://x.cn/a.jpg"), 1.0]]
    sheet = read_sheet(build_xlsx(tmp_path / "d.xlsx", rows))
    assert any("O 列「价格」" in n and "C 列" in n for n in sheet.notes)
    assert str(sheet.products[0].price) == "60.90"


def test_value_error_cells(tmp_path: Path) -> None:
    rows = [HEADER, product_row(1, "https://x.cn/a.jpg")]
    rows[1][3] = "#VALUE!"
    rows[1][1] = "#N/A"
    found = issues_of(build_xlsx(tmp_path / "v.xlsx", rows))[2]
    assert ("error", "num",
            "D2 库存是错误值 #VALUE!（公式出错或引用失效），请改成实际内容") in found
    assert [m for _s, f, m in found if f == "title"] == [
        "B2 标题是错误值 #N/A（公式出错或引用失效），请改成实际内容"]
    assert not any(m.startswith("库存为空") for _s, _f, m in found)


def test_2000_character_title(tmp_path: Path) -> None:
    rows = [HEADER, product_row(1, "https://x.cn/a.jpg")]
    rows[1][1] = "长" * 2000
    found = issues_of(build_xlsx(tmp_path / "t.xlsx", rows))[2]
    [(severity, _field, message)] = [x for x in found if x[1] == "title"]
    assert severity == "error"
    assert message.startswith("标题 4000 字节，超过 60 字节上限（约 30 个汉字）")
    assert len(message) < 120  # the title itself is shortened in the message


def test_emoji(tmp_path: Path) -> None:
    rows = [HEADER, product_row(1, "https://x.cn/a.jpg")]
    rows[1][1] = "爆款T恤🔥🔥"
    rows[1][5] = "描述里的表情😀没问题"
    sheet = read_sheet(build_xlsx(tmp_path / "e.xlsx", rows))
    assert sheet.products[0].title == "爆款T恤🔥🔥"
    found = validate(sheet.products, DEFAULTS)[2]
    assert [(i.severity.value, i.code) for i in found] == [("warning", "title.emoji")]
    assert "🔥" in found[0].message


def test_negative_stock(tmp_path: Path) -> None:
    rows = [HEADER, product_row(1, "https://x.cn/a.jpg")]
    rows[1][3] = -5
    found = issues_of(build_xlsx(tmp_path / "n.xlsx", rows))[2]
    assert found == [("error", "num", "库存 -5 不能是负数（最小 0）")]


def test_missing_picture_path(tmp_path: Path) -> None:
    rows = [HEADER, product_row(1, r"商品图\不存在.jpg")]
    found = issues_of(build_xlsx(tmp_path / "m.xlsx", rows))[2]
    where = tmp_path / "商品图" / "不存在.jpg"
    message = f"G2 图片文件不存在：商品图\\不存在.jpg（查找位置：{where}）"
    assert found == [("error", "image", message)]
    # a Windows drive path on Linux: see tests/integration/test_picture_paths.py


@pytest.mark.slow
def test_100000_rows(tmp_path: Path) -> None:
    rows = [HEADER] + [product_row(i, "https://x.cn/a.jpg") for i in range(1, 100_001)]
    path = build_xlsx(tmp_path / "big.xlsx", rows, write_only=True)
    started = time.perf_counter()
    sheet = read_sheet(path)
    result = validate(sheet.products, DEFAULTS)
    elapsed = time.perf_counter() - started
    assert len(sheet.products) == 100_000
    assert sheet.products[-1].row == 100_001
    assert sum(len(v) for v in result.values()) == 0
    assert elapsed < 120, f"reading 100k rows took {elapsed:.1f}s"


def test_xlsm_read_and_xlsb_refused(tmp_path: Path) -> None:
    xlsm = build_xlsx(tmp_path / "macro.xlsm", [HEADER, product_row(1, "https://x.cn/a.jpg")])
    assert read_sheet(xlsm).products[0].outer_id == "SKU-00001"
    xlsb = tmp_path / "binary.xlsb"
    with zipfile.ZipFile(xlsb, "w") as zf:
        zf.writestr("xl/workbook.bin", b"\x83\x01\x00")
    assert ".xlsb" in refused(xlsb)


def test_nan_and_huge_prices_through_the_upload_reading(tmp_path: Path) -> None:
    """`taoshelf upload` reads with review_sheet(check_pictures=False): no crash, row errors."""
    rows = [HEADER, *(product_row(i, "https://x.cn/a.jpg") for i in range(1, 5))]
    rows[1][2] = "nan"
    rows[2][2] = "1e26"
    rows[3][2] = 1e26
    review = review_sheet(build_xlsx(tmp_path / "u.xlsx", rows), DEFAULTS, check_pictures=False)
    found = {p.row: [i.message for i in review.row_issues(p) if i.is_error]
             for p in review.products}
    assert [m[0].split(" ")[0] for m in (found[2], found[3], found[4])] == ["C2", "C3", "C4"]
    assert found[5] == []


ROOT = Path(__file__).resolve().parents[2]
MEMORY_LIMIT = 1 << 30
# `taoshelf check` in a child whose address space is capped at 1 GiB: a reader that inflated
# the 2 GiB part would die with MemoryError (a traceback, exit 1), not refuse it with exit 2
LIMITED_CHECK = (
    "import atexit, resource, sys\n"
    f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT}, {MEMORY_LIMIT}))\n"
    "def peak():\n"  # VmHWM is this process image's own peak (ru_maxrss counts the parent's)
    "    status = open('/proc/self/status').read()\n"
    "    print('PEAK_KB', status.split('VmHWM:')[1].split()[0] if 'VmHWM:' in status else -1,"
    " file=sys.stderr)\n"
    "atexit.register(peak)\n"
    "from app.cli import main\n"
    "sys.exit(main(['check', sys.argv[1]]))\n"
)


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_AS is POSIX only")
@pytest.mark.parametrize("part", BOMB_PARTS)
def test_zip_bomb_refused_with_exit_2_in_a_memory_capped_process(tmp_path: Path,
                                                                 part: str) -> None:
    path = build_zip_bomb(tmp_path / f"bomb_{part}.xlsx", part, inflated=2 << 30)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", LIMITED_CHECK, str(path)], cwd=ROOT,
                            capture_output=True, timeout=240, check=False)
    elapsed = time.perf_counter() - started
    err = result.stderr.decode("utf-8", "replace")
    peak_kb = int(err.rsplit("PEAK_KB", 1)[1].split()[0]) if "PEAK_KB" in err else -1
    print(f"zip bomb ({part}, {path.stat().st_size / 2**20:.1f} MB on disk, 2 GiB inflated): "
          f"exit {result.returncode} after {elapsed:.2f} s (whole process, start-up included), "
          f"peak RSS {peak_kb / 1024:.0f} MB")
    assert "Traceback" not in err, err[-2000:]
    assert "MemoryError" not in err
    assert result.returncode == 2, err[-2000:]
    assert err.startswith("无法使用这个文件：")
    assert "压缩" in err or "解压后超过" in err
    assert result.stdout == b""


def test_truncated_sheet_xml_is_refused_not_a_traceback(tmp_path: Path) -> None:
    good = build_xlsx(tmp_path / "good.xlsx", [HEADER, product_row(1, "https://x.cn/a.jpg")])
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w") as out:
        for name in src.namelist():
            data = src.read(name)
            out.writestr(name, data[:400] if name == "xl/worksheets/sheet1.xml" else data)
    message = refused(broken)
    assert "已损坏" in message
    assert "另存为" in message
