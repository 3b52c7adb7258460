from __future__ import annotations

import io

import pytest
from PIL import Image

from app.simulator.errors import ApiError
from app.simulator.images import MAX_IMAGE_BYTES, check_image


def _image(fmt: str, size: tuple[int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(("fmt", "kind"), [("PNG", "png"), ("JPEG", "jpg"), ("GIF", "gif")])
def test_facts(fmt: str, kind: str) -> None:
    facts = check_image(_image(fmt, (321, 123)), "img")
    assert (facts.kind, facts.pixel) == (kind, "321x123")


def test_refusals() -> None:
    for data in (b"", b"BM" + b"\0" * 100, _image("PNG", (5, 5))[:20],
                 _image("JPEG", (5, 5)) + b"\0" * MAX_IMAGE_BYTES):
        with pytest.raises(ApiError) as info:
            check_image(data, "img")
        assert info.value.code == 3
    check_image(_image("JPEG", (5, 5)).ljust(MAX_IMAGE_BYTES, b"\0"), "img")
