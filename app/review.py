"""Reviewing a sheet before anything is sent: read it, give rows their keys, check every rule
and every picture. The window's preview and `taoshelf check` both use this one function.

No Qt here; the window calls it off the GUI thread.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from app.catalog.keys import assign_keys
from app.catalog.model import ImageRef, ImageSource, Issue, Product, Severity
from app.catalog.pricing import PricingRule, apply_pricing
from app.catalog.rules import row_issues, validate
from app.catalog.settings import ListingDefaults, apply_defaults
from app.excel.reader import SheetData, read_sheet
from app.images.fix import FixOptions
from app.images.inspect import ImageError, inspect_bytes
from app.images.pipeline import ref_label
from app.images.rules import check_image
from app.images.source import load_ref
from app.images.thumbs import ThumbnailCache
from app.settings_store import ShopSettings, load_current


@dataclass(slots=True)
class Review:
    sheet: SheetData
    issues: dict[int, list[Issue]] = field(default_factory=dict)  # by sheet row, rules + pictures

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
    settings: ShopSettings | None = None,
) -> Review:
    """Read a sheet, give rows their keys, price rows from their cost (the price rule), fill
    the listing defaults and check every rule — and, unless told not to, every local or
    embedded picture (with the shop's auto-fix settings). ``settings``: a shop's settings
    (`app.settings_store`; default: the current shop's); ``defaults``, ``fix_options`` and
    ``pricing`` override theirs. Raises the reader's `SheetError` when the file is unusable."""
    saved = settings if settings is not None else load_current()
    sheet = read_sheet(Path(path), sheet_name=sheet_name)
    assign_keys(sheet.products)
    pricing = pricing or saved.pricing
    if pricing is not None:
        apply_pricing(sheet.products, pricing)
    defaults = defaults or saved.listing
    sheet.products[:] = [apply_defaults(p, defaults) for p in sheet.products]
    issues = validate(sheet.products, defaults)
    review = Review(sheet=sheet, issues={row: list(found) for row, found in issues.items()})
    if check_pictures:
        options = fix_options or saved.fix_options
        for row, found in _check_pictures(sheet.products, review.base_dir, options):
            review.issues.setdefault(row, []).extend(found)
    return review


def _check_pictures(
    products: list[Product], base_dir: Path, options: FixOptions
) -> list[tuple[int, list[Issue]]]:
    """Inspect every local or embedded picture (URLs are fetched at upload time, not here)."""
    jobs = [
        (product.row, position, ref)
        for product in products
        for position, ref in enumerate(product.images)
        if ref.source is not ImageSource.URL
    ]

    def check(job: tuple[int, int, ImageRef]) -> tuple[int, list[Issue]]:
        row, position, ref = job
        try:
            info = inspect_bytes(load_ref(ref, base_dir, None), origin=ref.location)
        except ImageError as exc:
            return row, [Issue(Severity.ERROR, "image", exc.code, exc.message)]
        return row, check_image(info, position == 0, options, label=ref_label(position))

    with ThreadPoolExecutor(max_workers=4) as pool:
        return [result for result in pool.map(check, jobs) if result[1]]


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
