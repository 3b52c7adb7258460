"""One resolver for picture paths: every form a shop owner writes gives the same answer in the
reader, `check --no-pictures`, `check`, the thumbnail loader, the upload's picture preparer and
the result report (backslashes are separators everywhere; a Windows drive or network path on
this Linux machine is refused with a sentence saying so)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest
from openpyxl import load_workbook

from app.catalog.model import ImageRef, ImageSource, Product
from app.cli import main
from app.excel.reader import read_sheet
from app.excel.report import FAILED_SHEET, RowResult, write_report
from app.images.errors import ImageError
from app.images.picture_path import picture_path_text, resolve_picture_path
from app.review import review_sheet, thumbnail_for
from app.upload.pictures import PictureProblem, default_preparer
from tests.sheetgen import HEADER, build_xlsx, product_row
from tests.upload_kit import picture_file

pytestmark = pytest.mark.skipif(__import__("os").name == "nt",
                                reason="the Windows-path refusals are for Linux/macOS")


@pytest.fixture
def place(tmp_path: Path) -> Path:
    """``表格/`` holds the sheet and ``表格/图片/主图.jpg``; ``外部 图片/b#1.jpg`` is outside."""
    picture_file(tmp_path / "表格" / "图片", "主图.jpg", 1)
    picture_file(tmp_path / "外部 图片", "b#1.jpg", 2)
    return tmp_path


OUTSIDE = "外部 图片/b#1.jpg"
GOOD: dict[str, Callable[[Path], str]] = {
    "relative": lambda root: "图片/主图.jpg",
    "relative-backslash": lambda root: "图片\\主图.jpg",
    "dot-backslash": lambda root: ".\\图片\\主图.jpg",
    "outside-relative-backslash": lambda root: "..\\外部 图片\\b#1.jpg",
    "absolute": lambda root: str(root / OUTSIDE),
    "absolute-quoted": lambda root: f'"{root / OUTSIDE}"',
    "file-url-encoded": lambda root: (root / OUTSIDE).as_uri(),
    "file-url-raw": lambda root: f"file://{root / OUTSIDE}",
    "file-url-localhost": lambda root: "file://localhost" + quote(str(root / OUTSIDE)),
}
BAD: dict[str, tuple[str, str, str]] = {  # token, code, words of the message
    "windows-drive": ("D:\\图片\\a.jpg", "image.windows_path", "Windows 电脑上的路径（D 盘）"),
    "windows-drive-slash": ("d:/图片/a.jpg", "image.windows_path", "（D 盘）"),
    "file-url-drive": ("file:///C:/图片/a.jpg", "image.windows_path", "（C 盘）"),
    "network-share": ("\\\\server\\共享\\a.jpg", "image.network_path", "网络共享路径"),
    "file-url-share": ("file://server/share/a.jpg", "image.network_path", "网络共享路径"),
}


def _sheet(place: Path, token: str) -> Path:
    return build_xlsx(place / "表格" / "商品.xlsx", [HEADER, product_row(1, token)])


def _check(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict]:
    main(["check", str(path), "--json", *extra])
    return json.loads(capsys.readouterr().out)["rows"][0]["issues"]


def _image_codes(issues: list[dict]) -> list[str]:
    return [i["code"] for i in issues if i["field"] == "image"]


@pytest.mark.parametrize("form", GOOD)
def test_good_forms_pass_every_consumer(place: Path, form: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    token = GOOD[form](place)
    sheet_path = _sheet(place, token)
    # the reader's existence check
    sheet = read_sheet(sheet_path)
    [product] = sheet.products
    assert product.cell_issues == []
    assert [(r.source, r.location) for r in product.images] == [
        (ImageSource.PATH, token.strip('"'))]
    # check --no-pictures and check
    assert _image_codes(_check(sheet_path, capsys, "--no-pictures")) == []
    assert _image_codes(_check(sheet_path, capsys)) == []
    # the review, the thumbnail loader, the upload's picture preparer
    review = review_sheet(sheet_path)
    assert [i for i in review.row_issues(review.products[0]) if i.field == "image"] == []
    assert thumbnail_for((review, review.products[0]), 96)
    ready = default_preparer(review.base_dir)(review.products[0].images[0], True)
    assert ready.size > 0
    # the report's failed rows sheet spells the same file absolutely
    report = write_report(place / "结果.xlsx", sheet, [RowResult(2, "failed", message="x")])
    wb = load_workbook(report, read_only=True)
    cells = [c for row in wb[FAILED_SHEET].iter_rows(values_only=True) for c in row]
    wb.close()
    expected = resolve_picture_path(token, sheet_path.parent).resolve()
    assert str(expected) in cells
    assert expected.is_file()


@pytest.mark.parametrize("form", BAD)
def test_windows_only_forms_are_refused_with_the_same_clear_reason(
        place: Path, form: str, capsys: pytest.CaptureFixture[str]) -> None:
    token, code, words = BAD[form]
    sheet_path = _sheet(place, token)
    [product] = read_sheet(sheet_path).products
    [issue] = [i for i in product.cell_issues if i.field == "image"]
    assert (issue.code, issue.message.startswith("G2 ")) == (code, True)
    assert words in issue.message
    for extra in (("--no-pictures",), ()):
        issues = _check(sheet_path, capsys, *extra)
        assert _image_codes(issues) == [code], issues
    review = review_sheet(sheet_path, check_pictures=False)
    ref = ImageRef(ImageSource.PATH, token)  # as if it had got past the reader
    with pytest.raises(ImageError) as thumb:
        thumbnail_for((review, Product(row=2, images=[ref])), 96)
    assert thumb.value.code == code
    with pytest.raises(PictureProblem) as prepared:
        default_preparer(review.base_dir)(ref, True)
    assert words in str(prepared.value)


def test_missing_file_written_with_backslashes_is_missing_everywhere(
        place: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet_path = _sheet(place, "图片\\没有这张.jpg")
    [product] = read_sheet(sheet_path).products
    [issue] = product.cell_issues
    assert issue.code == "image.file_missing"
    assert str(sheet_path.parent / "图片" / "没有这张.jpg") in issue.message
    ref = ImageRef(ImageSource.PATH, "图片\\没有这张.jpg")
    with pytest.raises(PictureProblem) as prepared:
        default_preparer(sheet_path.parent)(ref, True)
    assert "找不到图片文件" in str(prepared.value)


@pytest.mark.parametrize(("token", "text"), [
    ("图片\\主图.jpg", "图片/主图.jpg"),
    ('  "D:\\图片\\主图.jpg"  ', "D:/图片/主图.jpg"),
    ("“图片/a.jpg”", "图片/a.jpg"),
    ("file:///C:/%E5%9B%BE%E7%89%87/a.jpg", "C:/图片/a.jpg"),
    ("FILE:///C|/图片/a.jpg", "C:/图片/a.jpg"),
    ("file://C:/图片/a.jpg", "C:/图片/a.jpg"),
    ("file:///home/me/a%231.jpg", "/home/me/a#1.jpg"),
    ("file:///home/me/a#1.jpg", "/home/me/a#1.jpg"),
    ("file://localhost/home/me/a.jpg", "/home/me/a.jpg"),
    ("file://server/share/a.jpg", "//server/share/a.jpg"),
    ("\\\\server\\share\\a.jpg", "//server/share/a.jpg"),
    ("file:图片/a.jpg", "图片/a.jpg"),
])
def test_path_text_is_the_same_on_every_system(token: str, text: str) -> None:
    """What Windows then opens as it is (``D:/图片/…`` and ``//server/share`` are valid there)."""
    assert picture_path_text(token) == text
