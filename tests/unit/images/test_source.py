"""Loading picture bytes from sheet references, and the per-picture pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.catalog.model import ImageRef, ImageSource, Severity
from app.images.errors import ImageError
from app.images.jpegmeta import strip_jpeg_metadata
from app.images.pipeline import prepare_ref
from app.images.source import load_ref, resolve_picture_path
from tests import imagegen as gen


@pytest.fixture
def workbook_dir(tmp_path: Path) -> Path:
    (tmp_path / "图片").mkdir()
    (tmp_path / "图片" / "主图1.jpg").write_bytes(gen.jpeg())
    return tmp_path


def test_relative_path_is_taken_from_the_workbook_folder(workbook_dir: Path) -> None:
    ref = ImageRef(ImageSource.PATH, "图片/主图1.jpg")
    assert load_ref(ref, workbook_dir, None) == gen.jpeg()


@pytest.mark.parametrize("form", ['"{p}"', " {p} ", "{uri}"], ids=["quoted", "spaces", "file-uri"])
def test_absolute_path_forms(workbook_dir: Path, form: str) -> None:
    path = workbook_dir / "图片" / "主图1.jpg"
    location = form.format(p=path, uri=path.as_uri())
    assert load_ref(ImageRef(ImageSource.PATH, location), Path("/elsewhere"), None) == gen.jpeg()


def test_missing_path_names_the_path(workbook_dir: Path) -> None:
    with pytest.raises(ImageError) as info:
        load_ref(ImageRef(ImageSource.PATH, "图片/没有这张.jpg"), workbook_dir, None)
    assert info.value.code == "image.missing"
    assert "图片/没有这张.jpg" in info.value.message
    assert str(resolve_picture_path("图片/没有这张.jpg", workbook_dir)) in info.value.message


def test_folder_is_not_a_picture(workbook_dir: Path) -> None:
    with pytest.raises(ImageError) as info:
        load_ref(ImageRef(ImageSource.PATH, "图片"), workbook_dir, None)
    assert info.value.code == "image.not_file"


def test_embedded_pictures_use_their_bytes() -> None:
    data = gen.palette_png()
    ref = ImageRef(ImageSource.WPS_CELL, "Sheet1!E5", data=data, name="image1.png")
    assert load_ref(ref, Path("/nowhere"), None) is data
    with pytest.raises(ImageError) as empty:
        load_ref(ImageRef(ImageSource.FLOATING, "Sheet1!E6", data=b""), Path("."), None)
    assert empty.value.code == "image.empty"
    assert "Sheet1!E6" in empty.value.message
    with pytest.raises(ImageError) as lost:
        load_ref(ImageRef(ImageSource.EXCEL_CELL, "Sheet1!E7"), Path("."), None)
    assert lost.value.code == "image.embedded_missing"


def test_prepare_ref_turns_failures_into_labelled_row_issues(workbook_dir: Path) -> None:
    ok = prepare_ref(ImageRef(ImageSource.PATH, "图片/主图1.jpg"), workbook_dir)
    assert ok.ok
    assert ok.prepared is not None
    assert ok.prepared.format == "JPEG"

    missing = prepare_ref(ImageRef(ImageSource.PATH, "a.jpg"), workbook_dir, position=1)
    assert not missing.ok
    assert missing.prepared is None
    [issue] = missing.issues
    assert (issue.severity, issue.field, issue.code) == (Severity.ERROR, "image", "image.missing")
    assert issue.message.startswith("第2张图：")

    (workbook_dir / "small.png").write_bytes(gen.rgba_png((640, 640)))
    small = prepare_ref(ImageRef(ImageSource.PATH, "small.png"), workbook_dir)
    assert not small.ok
    assert any("主图 640×640，小于 800×800" in i.message for i in small.issues)


def test_prepare_ref_shows_fixable_warnings_of_the_source(workbook_dir: Path) -> None:
    (workbook_dir / "big.jpg").write_bytes(gen.noise_jpeg(2400, quality=95))
    result = prepare_ref(ImageRef(ImageSource.PATH, "big.jpg"), workbook_dir)
    assert result.ok
    codes = {i.code: i.severity for i in result.issues}
    assert codes == {"image.too_big": Severity.WARNING}


def test_strip_metadata_keeps_colour_profile_and_rejects_non_jpeg() -> None:
    data = gen.jpeg_with_metadata()
    stripped = strip_jpeg_metadata(data)
    assert b"Exif\x00\x00" in data
    assert b"Exif\x00\x00" not in stripped
    assert b"ICC_PROFILE\x00" in stripped
    assert strip_jpeg_metadata(stripped) == stripped
    assert strip_jpeg_metadata(b"\xff\xd8\xff\xe1\xff") == b"\xff\xd8\xff\xe1\xff"
    png = gen.palette_png()
    assert strip_jpeg_metadata(png) is png
