"""Inspecting pictures: real format by content, displayed size, and one message per failure."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PIL import Image

from app.images import inspect as inspect_mod
from app.images.errors import ImageError
from app.images.inspect import MAX_PIXELS, inspect_bytes, inspect_path
from tests import imagegen as gen


def test_format_comes_from_content_not_extension() -> None:
    info = inspect_bytes(gen.rgba_png((900, 700)), "photo.jpg")
    assert info.format == "PNG"
    assert (info.width, info.height) == (900, 700)
    assert info.mode == "RGBA"
    assert info.has_alpha
    assert info.bit_depth == 8


def test_exif_orientation_swaps_displayed_size() -> None:
    info = inspect_bytes(gen.exif_rotated_jpeg((1200, 900), orientation=6))
    assert info.orientation == 6
    assert (info.stored_width, info.stored_height) == (1200, 900)
    assert (info.width, info.height) == (900, 1200)


def test_animated_gif_and_sizes() -> None:
    data = gen.animated_gif((800, 800), frames=3)
    info = inspect_bytes(data)
    assert info.format == "GIF"
    assert info.animated
    assert info.frames == 3
    assert info.size == len(data)


def test_cmyk_and_16_bit_modes_are_reported() -> None:
    assert inspect_bytes(gen.cmyk_jpeg()).mode == "CMYK"
    sixteen = inspect_bytes(gen.png16())
    assert sixteen.bit_depth == 16
    assert sixteen.mode.startswith("I")


def test_sha256_is_of_the_bytes() -> None:
    data = gen.jpeg()
    assert inspect_bytes(data).sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("data", "code", "words"),
    [
        (b"", "image.empty", "0 字节"),
        (gen.html_page(), "image.html", "网页"),
        ("商品图片 说明文字\n".encode() * 20, "image.not_image", "文本文件"),
        (b"%PDF-1.7\n" + b"\x00" * 100, "image.not_image", "PDF"),
        (b"PK\x03\x04" + b"\x00" * 100, "image.not_image", "压缩包"),
        (b"\x00\x00\x00\x18ftypheic" + b"\x00" * 100, "image.heic", "HEIC"),
        (gen.truncated(gen.jpeg()), "image.truncated", "不完整"),
        (gen.truncated(gen.rgba_png()), "image.truncated", "不完整"),
        (gen.corrupted(gen.rgba_png()), "image.corrupt", "损坏"),
    ],
    ids=["empty", "html", "text", "pdf", "zip", "heic", "trunc-jpeg", "trunc-png", "corrupt-png"],
)
def test_each_failure_has_its_own_chinese_message(data: bytes, code: str, words: str) -> None:
    with pytest.raises(ImageError) as info:
        inspect_bytes(data, "商品1.jpg")
    assert info.value.code == code
    assert words in info.value.message
    assert "商品1.jpg" in info.value.message
    assert info.value.to_issue().field == "image"
    with pytest.raises(ImageError) as by_origin:
        inspect_bytes(data, origin="Sheet1!E5")
    assert "Sheet1!E5" in by_origin.value.message


def test_bomb_is_refused_from_its_header_before_pillow_opens_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = gen.bomb_png(30000)

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("Pillow must not be asked to open a bomb")

    monkeypatch.setattr(Image, "open", no_open)
    with pytest.raises(ImageError) as info:
        inspect_bytes(data, "bomb.png")
    assert info.value.code == "image.too_many_pixels"
    assert "30000×30000" in info.value.message


@pytest.mark.parametrize("side", [(12000, 10000), (30000, 30000)], ids=["warn-band", "error-band"])
def test_pillow_bomb_check_is_an_error_not_a_warning(side: tuple[int, int]) -> None:
    # TIFF sizes are not read by our header sniffing: Pillow's own check must refuse it, and
    # its DecompressionBombWarning must not escape (pytest turns any warning into a failure).
    assert side[0] * side[1] > MAX_PIXELS
    with pytest.raises(ImageError) as info:
        inspect_bytes(gen.tiff_header_only(*side), "big.tif")
    assert info.value.code == "image.too_many_pixels"


def test_pillow_limit_is_set_deliberately() -> None:
    assert Image.MAX_IMAGE_PIXELS == inspect_mod.MAX_PIXELS


def test_inspect_path_reads_file_and_names_missing_one(tmp_path: Path) -> None:
    path = tmp_path / "主图.png"
    path.write_bytes(gen.palette_png())
    assert inspect_path(path).format == "PNG"
    with pytest.raises(ImageError) as info:
        inspect_path(tmp_path / "没有.jpg")
    assert info.value.code == "image.missing"
    assert "没有.jpg" in info.value.message
