"""The fixer: upright, RGB on white, ≤ 3 MB, ≥ 800 px, deterministic, original untouched."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image

from app.images.errors import ImageError
from app.images.fix import prepare
from app.images.inspect import inspect_bytes
from app.images.options import FixOptions
from tests import imagegen as gen

MB3 = 3 * 1024 * 1024


def _open(data: bytes) -> Image.Image:
    im = Image.open(io.BytesIO(data))
    im.load()
    return im


def _near(pixel: tuple[int, ...], expected: tuple[int, int, int], tolerance: int = 12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], expected, strict=True))


def test_exif_rotation_is_applied_and_output_is_upright() -> None:
    data = gen.exif_rotated_jpeg((1200, 900), orientation=6)
    prepared = prepare(data)
    assert (prepared.width, prepared.height) == (900, 1200)
    out = _open(prepared.data)
    assert out.size == (900, 1200)
    assert out.getexif().get(0x0112) is None  # no orientation left to apply twice
    # The red block was at the stored top-left; rotating 90° clockwise puts it top-right.
    assert _near(out.getpixel((900 - 40, 40)), gen.RED)
    assert _near(out.getpixel((40, 40)), (255, 255, 255))
    assert "按 EXIF 方向转正" in prepared.actions


@pytest.mark.parametrize("with_icc", [False, True], ids=["plain", "icc"])
def test_cmyk_becomes_rgb_jpeg(with_icc: bool) -> None:
    prepared = prepare(gen.cmyk_jpeg((900, 900), with_icc=with_icc))
    out = _open(prepared.data)
    assert prepared.format == "JPEG"
    assert out.mode == "RGB"
    r, g, b = out.getpixel((450, 450))[:3]
    assert r > 200
    assert g < 80
    assert b < 80


def test_transparent_png_goes_on_white() -> None:
    prepared = prepare(gen.rgba_png((900, 900)))
    out = _open(prepared.data)
    assert (prepared.format, out.mode) == ("JPEG", "RGB")
    assert prepared.filename.endswith(".jpg")
    assert _near(out.getpixel((10, 10)), (255, 255, 255))
    assert _near(out.getpixel((450, 450)), gen.BLUE)


def test_16_bit_png_is_scaled_not_clipped() -> None:
    out = _open(prepare(gen.png16((900, 900), value=40000)).data)
    assert out.mode == "RGB"
    assert _near(out.getpixel((100, 100)), (156, 156, 156), tolerance=3)


@pytest.mark.parametrize("transparent", [False, True])
def test_palette_png_becomes_rgb_jpeg(transparent: bool) -> None:
    out = _open(prepare(gen.palette_png((900, 900), transparent=transparent)).data)
    assert out.format == "JPEG"
    expected = (255, 255, 255) if transparent else (10, 200, 10)
    assert _near(out.getpixel((5, 5)), expected)


def test_animated_gif_is_kept_when_it_fits() -> None:
    data = gen.animated_gif((800, 800), frames=3)
    prepared = prepare(data)
    assert prepared.format == "GIF"
    assert prepared.data == data
    assert not prepared.changed
    assert prepared.filename.endswith(".gif")
    assert inspect_bytes(prepared.data).animated


def test_animated_gif_too_big_keeps_its_first_frame_as_jpeg() -> None:
    data = gen.animated_gif((800, 800), frames=3, noisy=True)
    prepared = prepare(data, FixOptions(max_bytes=len(data) - 1))
    out = _open(prepared.data)
    assert prepared.format == "JPEG"
    assert prepared.size <= len(data) - 1
    assert _near(out.getpixel((400, 400)), (255, 0, 0))


@pytest.mark.parametrize("fmt", ["WEBP", "BMP", "TIFF"])
def test_other_formats_become_jpeg(fmt: str) -> None:
    data = gen.encode(gen.solid((900, 900), (30, 60, 200)), fmt)
    assert inspect_bytes(data, "a.jpg").format == fmt
    prepared = prepare(data)
    assert prepared.format == "JPEG"
    assert f"{fmt} 格式转换为 JPG" in prepared.actions
    assert _near(_open(prepared.data).getpixel((450, 450)), (30, 60, 200))


def test_grayscale_jpeg_is_kept() -> None:
    data = gen.encode(gen.solid((900, 900), 128, mode="L"), "JPEG", quality=90)
    prepared = prepare(data)
    assert (prepared.format, prepared.changed) == ("JPEG", False)


def test_camera_multi_picture_jpeg_keeps_only_the_main_picture() -> None:
    data = gen.mpo((900, 900))
    info = inspect_bytes(data)
    assert (info.format, info.frames, info.animated) == ("MPO", 2, False)
    prepared = prepare(data)
    out = _open(prepared.data)
    assert (prepared.format, out.format) == ("JPEG", "JPEG")
    assert getattr(out, "n_frames", 1) == 1
    assert _near(out.getpixel((450, 450)), (20, 160, 60))
    assert prepared.issues == []


def test_six_megabyte_photo_comes_out_under_3_mb_and_at_least_800_px() -> None:
    data = gen.noise_jpeg(4000, quality=50)
    assert len(data) > 6 * 1024 * 1024
    prepared = prepare(data)
    assert prepared.size <= MB3
    assert len(prepared.data) == prepared.size
    assert min(prepared.width, prepared.height) >= 800
    out = _open(prepared.data)
    assert out.size == (prepared.width, prepared.height)
    assert not any(i.is_error for i in prepared.issues)


def test_quality_search_alone_when_enough() -> None:
    # 2000×2000 noise: too big at the top quality, fits at a lower one without downscaling.
    data = gen.noise_jpeg(2000, quality=95)
    options = FixOptions(max_bytes=len(data) // 2)
    prepared = prepare(data, options)
    assert prepared.size <= options.max_bytes
    assert (prepared.width, prepared.height) == (2000, 2000)
    assert prepared.quality is not None
    assert options.min_quality <= prepared.quality < options.max_quality


def test_never_below_min_side_refuses_instead() -> None:
    data = gen.noise_jpeg(1000, quality=95)
    with pytest.raises(ImageError) as info:
        prepare(data, FixOptions(max_bytes=20_000))
    assert info.value.code == "image.cannot_shrink"
    assert "800×800" in info.value.message


def test_output_is_deterministic() -> None:
    data = gen.exif_rotated_jpeg((1200, 900))
    first, second = prepare(data), prepare(data)
    assert first.data == second.data
    assert first.sha256 == second.sha256 == hashlib.sha256(first.data).hexdigest()
    assert first.filename == f"{first.sha256[:16]}.jpg"
    padded = prepare(data, FixOptions(pad_to_square=True))
    assert padded.sha256 != first.sha256


def test_good_jpeg_keeps_pixels_but_loses_gps() -> None:
    data = gen.jpeg_with_metadata((1000, 1000))
    prepared = prepare(data)
    assert prepared.changed
    out = _open(prepared.data)
    assert not out.getexif()
    assert "comment" not in out.info
    assert out.info.get("icc_profile")  # colour profile kept
    assert out.tobytes() == _open(data).tobytes()  # not re-encoded: identical pixels
    kept = prepare(data, FixOptions(strip_metadata=False))
    assert kept.data == data
    assert not kept.changed


def test_auto_fix_off_uploads_the_original_and_reports_errors() -> None:
    data = gen.cmyk_jpeg((1000, 1000))
    prepared = prepare(data, FixOptions(auto_fix=False))
    assert prepared.data == data
    assert not prepared.changed
    assert [i.code for i in prepared.issues if i.is_error] == ["image.mode"]


def test_pad_to_square_centres_on_white() -> None:
    data = gen.jpeg((1200, 900), color=(200, 30, 30))
    prepared = prepare(data, FixOptions(pad_to_square=True))
    out = _open(prepared.data)
    assert out.size == (1200, 1200)
    assert _near(out.getpixel((600, 20)), (255, 255, 255))  # band above
    assert _near(out.getpixel((600, 1180)), (255, 255, 255))  # band below
    assert _near(out.getpixel((600, 600)), (200, 30, 30))
    assert prepared.issues == []


def test_small_picture_is_not_upscaled_and_stays_an_error() -> None:
    prepared = prepare(gen.rgba_png((640, 640)))
    assert (prepared.width, prepared.height) == (640, 640)
    errors = [i for i in prepared.issues if i.is_error]
    assert [i.code for i in errors] == ["image.too_small"]
    assert "640×640" in errors[0].message


def test_original_file_is_never_modified(tmp_path: Path) -> None:
    path = tmp_path / "phone.jpg"
    path.write_bytes(gen.exif_rotated_jpeg())
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    prepare(path.read_bytes())
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_bad_input_raises_image_error() -> None:
    with pytest.raises(ImageError) as info:
        prepare(gen.html_page(), name="x.jpg")
    assert info.value.code == "image.html"
