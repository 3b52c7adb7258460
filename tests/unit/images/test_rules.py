"""Picture rules as row issues: sizes, squareness, bytes, formats and modes."""

from __future__ import annotations

import dataclasses

from app.catalog.model import Issue, Severity
from app.images.inspect import ImageInfo, inspect_bytes
from app.images.options import FixOptions
from app.images.rules import check_image
from tests import imagegen as gen

FIX_OFF = FixOptions(auto_fix=False)


def _info(**changes: object) -> ImageInfo:
    base = inspect_bytes(gen.jpeg((1000, 1000)))
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def _by_code(issues: list[Issue]) -> dict[str, Issue]:
    return {i.code: i for i in issues}


def test_good_main_picture_has_no_issue() -> None:
    assert check_image(_info(), is_main=True) == []


def test_small_main_picture_is_an_error_naming_its_size() -> None:
    info = inspect_bytes(gen.jpeg((640, 640)))
    issues = _by_code(check_image(info, is_main=True))
    issue = issues["image.too_small"]
    assert issue.severity is Severity.ERROR
    assert issue.field == "image"
    assert "主图 640×640，小于 800×800" in issue.message


def test_small_extra_picture_is_only_a_warning() -> None:
    info = _info(width=640, height=640)
    issue = _by_code(check_image(info, is_main=False, label="第2张图"))["image.too_small"]
    assert issue.severity is Severity.WARNING
    assert issue.message.startswith("第2张图 640×640")


def test_not_square_is_a_warning_unless_padding_is_on() -> None:
    info = _info(width=1200, height=900)
    issue = _by_code(check_image(info, is_main=True))["image.not_square"]
    assert issue.severity is Severity.WARNING
    assert "1200×900" in issue.message
    assert check_image(info, is_main=True, options=FixOptions(pad_to_square=True)) == []


def test_padding_makes_a_narrow_picture_big_enough() -> None:
    info = _info(width=1200, height=700)
    assert "image.too_small" in _by_code(check_image(info, is_main=True))
    assert check_image(info, is_main=True, options=FixOptions(pad_to_square=True)) == []


def test_over_3_mb_is_fixable_with_auto_fix_and_an_error_without() -> None:
    info = _info(size=6 * 1024 * 1024 + 300_000)
    on = _by_code(check_image(info, is_main=True))["image.too_big"]
    assert on.severity is Severity.WARNING
    assert "6.3 MB" in on.message
    assert "3.0 MB" in on.message
    off = _by_code(check_image(info, is_main=True, options=FIX_OFF))["image.too_big"]
    assert off.severity is Severity.ERROR


def test_unsupported_format_and_mode() -> None:
    webp = _info(format="WEBP")
    assert _by_code(check_image(webp, True))["image.format"].severity is Severity.WARNING
    assert _by_code(check_image(webp, True, FIX_OFF))["image.format"].severity is Severity.ERROR
    cmyk = inspect_bytes(gen.cmyk_jpeg((1000, 1000)))
    on = _by_code(check_image(cmyk, True))["image.mode"]
    assert on.severity is Severity.WARNING
    assert "CMYK" in on.message
    assert _by_code(check_image(cmyk, True, FIX_OFF))["image.mode"].severity is Severity.ERROR
    sixteen = inspect_bytes(gen.png16((1000, 1000)))
    assert "16 位" in _by_code(check_image(sixteen, True))["image.mode"].message


def test_exif_rotation_and_transparency_warn_only_when_auto_fix_is_off() -> None:
    rotated = inspect_bytes(gen.exif_rotated_jpeg((1000, 1000)))
    assert check_image(rotated, True) == []
    assert "image.exif_rotation" in _by_code(check_image(rotated, True, FIX_OFF))
    rgba = inspect_bytes(gen.rgba_png((1000, 1000)))
    assert check_image(rgba, True) == []
    assert "image.transparency" in _by_code(check_image(rgba, True, FIX_OFF))
