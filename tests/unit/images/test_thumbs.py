"""Thumbnails: rendered in a pool, cached on disk by hash and size, reused without decoding."""

from __future__ import annotations

import io
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image

from app import paths
from app.images.errors import ImageError
from app.images.fix import prepare
from app.images.thumbs import PREVIEW, SMALL, ThumbnailCache, key_of, render_thumbnails
from tests import imagegen as gen


def _size(thumb: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(thumb)) as im:
        assert im.format == ("PNG" if min(im.size) <= 96 else "JPEG")
        return im.size


def test_render_keeps_aspect_and_orientation() -> None:
    thumbs = render_thumbnails(gen.exif_rotated_jpeg((1200, 900)), (SMALL, PREVIEW))
    assert _size(thumbs[PREVIEW]) == (360, 480)  # upright: portrait after EXIF 6
    assert _size(thumbs[SMALL]) == (72, 96)


def test_transparent_thumbnail_is_on_white() -> None:
    png = render_thumbnails(gen.rgba_png((900, 900)), (SMALL,))[SMALL]
    with Image.open(io.BytesIO(png)) as im:
        assert im.convert("RGB").getpixel((2, 2)) == (255, 255, 255)


def test_cache_lives_under_the_per_user_cache_dir_and_second_open_does_not_decode() -> None:
    data = prepare(gen.exif_rotated_jpeg()).data
    key = key_of(data)
    with ThumbnailCache() as first:
        thumbs = first.submit(data).result(timeout=60)
        assert set(thumbs) == {SMALL, PREVIEW}
        assert first.stats.renders == 1
        path = first.path_for(key, SMALL)
    assert path.is_file()
    assert path.is_relative_to(paths.cache_dir() / "thumbs")
    assert path.read_bytes() == thumbs[SMALL]

    with ThumbnailCache() as reopened:  # a new session: same files, nothing rendered
        future = reopened.submit(data)
        assert future.done()
        assert future.result() == thumbs
        assert reopened.get(key, PREVIEW) == thumbs[PREVIEW]
        assert reopened.stats.renders == 0
        assert reopened.stats.hits == 3


def test_make_many_in_parallel_with_duplicates_and_a_bad_picture(tmp_path: Path) -> None:
    pictures = [gen.jpeg((1000, 800), color=(i * 40, 90, 90)) for i in range(4)]
    bad = gen.truncated(gen.jpeg((1000, 1000), color=(1, 2, 3)))
    with ThumbnailCache(root=tmp_path / "thumbs", max_workers=2) as cache:
        batch = cache.make_many([*pictures, pictures[0], bad], sizes=(SMALL,))
        assert set(batch.thumbs) == {key_of(p) for p in pictures}
        assert all(_size(t[SMALL]) == (96, 77) for t in batch.thumbs.values())
        assert set(batch.errors) == {key_of(bad)}
        assert batch.errors[key_of(bad)].code == "image.truncated"
        assert cache.stats.renders == 5  # the duplicate was not rendered twice
        assert cache.stats.errors == 1
        with pytest.raises(ImageError):
            cache.make(bad)


def test_same_picture_submitted_while_rendering_shares_one_job(tmp_path: Path) -> None:
    gate = threading.Event()
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(gate.wait, 30)  # keep the only worker busy so both requests queue
        cache = ThumbnailCache(root=tmp_path, executor=pool)
        data = gen.jpeg()
        one, two = cache.submit(data), cache.submit(data)
        assert one is two
        gate.set()
        assert set(one.result(timeout=60)) == {SMALL, PREVIEW}
        assert cache.stats.renders == 1


def test_source_fast_path_is_keyed_by_source_bytes(tmp_path: Path) -> None:
    source = gen.exif_rotated_jpeg()
    with ThumbnailCache(root=tmp_path) as cache:
        assert cache.from_source(source, SMALL) == cache.make(source, SMALL)
        assert cache.stats.renders == 1
        assert cache.get(key_of(source), SMALL) is not None
        assert cache.get(prepare(source).sha256, SMALL) is None  # fixed bytes: another key


def test_works_with_a_process_pool(tmp_path: Path) -> None:
    spawn = multiprocessing.get_context("spawn")  # what Windows uses; no fork-with-threads
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
        cache = ThumbnailCache(root=tmp_path, executor=pool)
        thumbs = cache.submit(gen.jpeg((1600, 1200))).result(timeout=120)
    assert _size(thumbs[PREVIEW]) == (480, 360)
    assert cache.path_for(key_of(gen.jpeg((1600, 1200))), PREVIEW).is_file()


def test_keys_must_be_hex() -> None:
    with ThumbnailCache() as cache, pytest.raises(ValueError, match="hex"):
        cache.path_for("../../etc/passwd", SMALL)


def test_prune_removes_oldest_first(tmp_path: Path) -> None:
    pictures = [gen.jpeg((900, 900), color=(i * 50, 10, 10)) for i in range(3)]
    with ThumbnailCache(root=tmp_path) as cache:
        for age, data in enumerate(pictures):
            cache.make(data, SMALL)
            path = cache.path_for(key_of(data), SMALL)
            os.utime(path, (1_000_000 + age, 1_000_000 + age))
        newest = cache.path_for(key_of(pictures[2]), SMALL)
        assert cache.prune(max_bytes=newest.stat().st_size) == 2
        assert newest.exists()
        assert cache.get(key_of(pictures[0]), SMALL) is None
