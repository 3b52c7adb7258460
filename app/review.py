"""Reviewing a sheet before anything is sent: read it, give rows their keys, check every rule
and every picture. The window's preview and `taoshelf check` both use this one function.

No Qt here; the window calls it off the GUI thread.
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from app.catalog.keys import assign_keys
from app.catalog.model import ImageRef, ImageSource, Issue, Product, Severity
from app.catalog.pricing import PricingRule, apply_pricing
from app.catalog.rules import row_issues, validate
from app.catalog.settings import ListingDefaults, apply_defaults
from app.excel import prefs
from app.excel.reader import SheetData, read_sheet
from app.images.fix import FixOptions
from app.images.inspect import ImageError, ImageInfo, inspect_bytes
from app.images.pipeline import ref_label
from app.images.rules import check_image
from app.images.source import load_ref, resolve_picture_path
from app.images.thumbs import ThumbnailCache


@dataclass(slots=True)
class Review:
    sheet: SheetData
    issues: dict[int, list[Issue]] = field(default_factory=dict)  # by sheet row, rules + pictures
    pictures_checked: int = 0  # distinct pictures the picture pass opened (shared ones once)

    @property
    def products(self) -> list[Product]:
        return self.sheet.products

    @property
    def base_dir(self) -> Path:
        return Path(self.sheet.path).resolve().parent

    def row_issues(self, product: Product) -> list[Issue]:
        """Everything found on the row: the reader's, the rules' and the pictures'."""
        return row_issues(product, self.issues)


def review_sheet(
    path: Path,
    defaults: ListingDefaults | None = None,
    fix_options: FixOptions | None = None,
    *,
    pricing: PricingRule | None = None,
    sheet_name: str | None = None,
    check_pictures: bool = True,
) -> Review:
    """Read a sheet, give rows their keys, price rows from their cost (the saved price rule),
    fill the listing defaults (settings) and check every rule — and, unless told not to, every
    local or embedded picture. Raises the reader's `SheetError` when the file is unusable."""
    sheet = read_sheet(Path(path), sheet_name=sheet_name)
    assign_keys(sheet.products)
    pricing = pricing or prefs.load_pricing()
    if pricing is not None:
        apply_pricing(sheet.products, pricing)
    defaults = defaults or prefs.load_defaults()
    sheet.products[:] = [apply_defaults(p, defaults) for p in sheet.products]
    issues = validate(sheet.products, defaults)
    review = Review(sheet=sheet, issues={row: list(found) for row, found in issues.items()})
    if check_pictures:
        options = fix_options or FixOptions()
        found, review.pictures_checked = _check_pictures(sheet.products, review.base_dir, options)
        for row, issues in found:
            review.issues.setdefault(row, []).extend(issues)
    return review


def _check_pictures(
    products: list[Product], base_dir: Path, options: FixOptions
) -> tuple[list[tuple[int, list[Issue]]], int]:
    """Inspect every local or embedded picture once (URLs are fetched at upload time, not here):
    rows sharing a file (by resolved path) or embedded bytes (by SHA-256) share one inspection,
    and each of them gets the issue. Returns the issues per row and the pictures opened."""
    keys = _PictureKeys(base_dir)
    uses: list[tuple[int, int, ImageRef, str]] = []  # (row, position, ref, key)
    first: dict[str, ImageRef] = {}
    for product in products:
        for position, ref in enumerate(product.images):
            if ref.source is ImageSource.URL:
                continue
            key = keys.key(ref)
            first.setdefault(key, ref)
            uses.append((product.row, position, ref, key))

    def inspect(ref: ImageRef) -> ImageInfo | ImageError:
        try:
            return inspect_bytes(load_ref(ref, base_dir, None), origin=ref.location)
        except ImageError as exc:
            return exc

    with ThreadPoolExecutor(max_workers=4) as pool:
        found = dict(zip(first, pool.map(inspect, first.values()), strict=True))
    verdicts: dict[tuple[str, int], list[Issue]] = {}
    by_row: dict[int, list[Issue]] = {}
    for row, position, ref, key in uses:
        outcome = found[key]
        cell = ref.cell or _cell_of(ref.location)
        if isinstance(outcome, ImageError):
            message = outcome.message.replace(first[key].location, ref.location, 1)
            issues = [Issue(Severity.ERROR, "image", outcome.code, message, cell)]
        else:
            # the same picture as a main or an extra one is judged differently (size rules)
            verdict = verdicts.get((key, position))
            if verdict is None:
                verdict = check_image(outcome, position == 0, options, label=ref_label(position))
                verdicts[(key, position)] = verdict
            issues = [replace(i, cell=cell) for i in verdict] if cell else verdict
        if issues:
            by_row.setdefault(row, []).extend(issues)
    return list(by_row.items()), len(first)


def _cell_of(location: str) -> str | None:
    """``G5`` of an embedded picture's location ``Sheet1!G5``."""
    _sheet, bang, cell = location.rpartition("!")
    return cell if bang and cell else None


class _PictureKeys:
    """The identity of a picture for the picture pass: its resolved file, or its bytes' hash."""

    def __init__(self, base_dir: Path) -> None:
        self._base_dir = base_dir
        self._paths: dict[str, str] = {}
        self._digests: dict[int, tuple[bytes, str]] = {}  # id(bytes) -> (bytes kept alive, key)

    def key(self, ref: ImageRef) -> str:
        if ref.data is not None:
            held = self._digests.get(id(ref.data))
            if held is None or held[0] is not ref.data:
                held = (ref.data, "sha256:" + hashlib.sha256(ref.data).hexdigest())
                self._digests[id(ref.data)] = held
            return held[1]
        key = self._paths.get(ref.location)
        if key is None:
            try:
                key = "file:" + os.path.normpath(
                    resolve_picture_path(ref.location, self._base_dir))
            except ImageError:
                key = "bad:" + ref.location  # load_ref raises the same error, once
            self._paths[ref.location] = key
        return key


_thumbs: ThumbnailCache | None = None


def thumbnail_for(job: tuple[Review, Product], size: int) -> bytes | None:
    """Thumbnail bytes of a row's main picture (cached on disk by content), or None."""
    global _thumbs  # noqa: PLW0603 - one disk cache per process
    review, product = job
    main = next((ref for ref in product.images if ref.source is not ImageSource.URL), None)
    if main is None:
        return None
    if _thumbs is None:
        _thumbs = ThumbnailCache()
    data = load_ref(main, review.base_dir, None)
    return _thumbs.from_source(data, size)


def prune_thumbnails() -> int:
    """Keep the on-disk thumbnail cache bounded (called when the window closes)."""
    return (_thumbs or ThumbnailCache()).prune()
