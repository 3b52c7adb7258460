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
from app.excel.reader import SheetData, read_sheet
from app.images.fix import FixOptions
from app.images.inspect import ImageError, ImageInfo, inspect_bytes
from app.images.pipeline import ref_label
from app.images.rules import check_image
from app.images.source import load_ref, resolve_picture_path
from app.images.thumbs import ThumbnailCache
from app.review_apply import AppliedEdits, apply_edits
from app.review_edits import SheetEdits, load_edits
from app.settings_store import ShopSettings, load_current


@dataclass(slots=True)
class Review:
    sheet: SheetData
    issues: dict[int, list[Issue]] = field(default_factory=dict)  # by sheet row, rules + pictures
    pictures_checked: int = 0  # distinct pictures the picture pass opened (shared ones once)
    edits: AppliedEdits | None = None  # the window's corrections applied (`app.review_edits`)
    settings: ShopSettings | None = None  # the shop settings the rows were settled with

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
    edits: SheetEdits | None = None,
    settings: ShopSettings | None = None,
) -> Review:
    """Read a sheet, put in the corrections made in the window (``edits``, default: the saved
    overlay of this sheet), give rows their keys, price rows from their cost (the price rule),
    fill the listing defaults and check every rule — and, unless told not to, every local or
    embedded picture (with the shop's auto-fix settings). ``settings``: a shop's settings
    (`app.settings_store`; default: the current shop's); ``defaults``, ``fix_options`` and
    ``pricing`` override theirs. Raises the reader's `SheetError` when the file is unusable."""
    saved = settings if settings is not None else load_current()
    if defaults is not None or pricing is not None:
        saved = replace(saved, listing=defaults or saved.listing,
                        pricing=pricing or saved.pricing)
    sheet = read_sheet(Path(path), sheet_name=sheet_name)
    applied = apply_edits(sheet, edits if edits is not None else load_edits(sheet.identity))
    issues = _settle(sheet.products, saved)
    review = Review(sheet=sheet, issues=issues, edits=applied, settings=saved)
    return with_pictures(review, fix_options) if check_pictures else review


def with_pictures(review: Review, fix_options: FixOptions | None = None) -> Review:
    """The picture pass on a review made with ``check_pictures=False`` (the window shows the
    rows first): a new Review, with the same sheet, corrections and shop settings, and every
    local or embedded picture's issues added; the given one is not changed. ``fix_options``:
    default the review's shop settings'."""
    settings = review.settings if review.settings is not None else load_current()
    issues = {row: list(found) for row, found in review.issues.items()}
    found, checked = _check_pictures(review.products, review.base_dir,
                                     fix_options or settings.fix_options)
    for row, row_issues_found in found:
        issues.setdefault(row, []).extend(row_issues_found)
    return Review(sheet=review.sheet, issues=issues, pictures_checked=checked,
                  edits=review.edits, settings=review.settings)


def _settle(products: list[Product], settings: ShopSettings) -> dict[int, list[Issue]]:
    """Keys, price rule and defaults on the products (in place), then the rules' issues."""
    assign_keys(products)
    if settings.pricing is not None:
        apply_pricing(products, settings.pricing)
    defaults = settings.listing
    products[:] = [apply_defaults(p, defaults) for p in products]
    return {row: list(found) for row, found in validate(products, defaults).items()}


def revise(review: Review, edits: SheetEdits, fix_options: FixOptions | None = None) -> Review:
    """``review`` with ``edits`` instead of the edits it was made with, without reading the file
    again: the same result as `review_sheet` (the same shop settings) on the unchanged
    file, in a fraction of the time. Pictures are inspected again only on rows whose pictures
    the edits change. The window calls it off the GUI thread after each correction."""
    before = review.edits or AppliedEdits(edits, as_read={p.row: replace(p)
                                                           for p in review.products})
    sheet = replace(review.sheet, products=[replace(p) for p in before.as_read.values()],
                    raw_rows={**review.sheet.raw_rows, **before.read_cells})
    applied = apply_edits(sheet, edits)
    settings = review.settings if review.settings is not None else load_current()
    issues = _settle(sheet.products, settings)
    old = {p.row: p for p in review.products}
    changed = [p for p in sheet.products
               if p.row not in old or _pictures_of(p) != _pictures_of(old[p.row])]
    again = {p.row for p in changed}
    for product in sheet.products:
        if product.row not in again:
            kept = [i for i in review.issues.get(product.row, ()) if _from_picture_pass(i)]
            issues.setdefault(product.row, []).extend(kept)
    fresh = Review(sheet=sheet, issues=issues, edits=applied, settings=settings)
    found, fresh.pictures_checked = _check_pictures(changed, fresh.base_dir,
                                                    fix_options or settings.fix_options)
    for row, row_issues_found in found:
        issues.setdefault(row, []).extend(row_issues_found)
    return fresh


def _pictures_of(product: Product) -> list[tuple[str, str]]:
    return [(ref.source, ref.location) for ref in product.images]


def _from_picture_pass(issue: Issue) -> bool:
    """An issue `_check_pictures` found (the rules' only picture issue is image.missing)."""
    return issue.field == "image" and issue.code != "image.missing"


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
