"""Reviewing a sheet before anything is sent: read it, resolve categories and properties, give
rows their keys, check every rule and every picture. The window's preview, `taoshelf check` and
`taoshelf upload` all use this one function (upload then `recheck`s with fresh category data).

No Qt here; the window calls it off the GUI thread.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from app.catalog.keys import assign_keys
from app.catalog.model import ImageRef, ImageSource, Issue, Product, Severity
from app.catalog.pricing import PricingRule, apply_pricing
from app.catalog.resolve import WINDOW_HINT, CategoryData, SheetResolution, resolve_products
from app.catalog.rules import row_issues, validate
from app.catalog.settings import ListingDefaults, default_changes
from app.categories.cache import CategoryCache
from app.categories.lookup import online_data
from app.categories.sources import rules_source
from app.excel.reader import SheetData, read_sheet, unknown_columns_note
from app.images.fix import FixOptions
from app.images.inspect import ImageError, ImageInfo, inspect_bytes
from app.images.pipeline import ref_label
from app.images.rules import check_image
from app.images.source import load_ref, resolve_picture_path
from app.images.thumbs import ThumbnailCache
from app.review_apply import AppliedEdits, apply_edits, product_copy
from app.review_edits import SheetEdits, load_edits
from app.settings_store import ShopSettings, load, load_current
from app.top.client import TopClient, TopConfig

CategorySource = CategoryData | Callable[[Sequence[Product]], CategoryData]


@dataclass(slots=True)
class Review:
    sheet: SheetData
    issues: dict[int, list[Issue]] = field(default_factory=dict)  # by sheet row, rules + pictures
    pictures_checked: int = 0  # distinct pictures the picture pass opened (shared ones once)
    edits: AppliedEdits | None = None  # the window's corrections applied (`app.review_edits`)
    settings: ShopSettings | None = None  # the shop settings the rows were settled with
    # what resolving the categories and properties said (notes, claimed property columns), and
    # the category data it was resolved against (`revise` resolves again with it)
    resolution: SheetResolution = field(default_factory=SheetResolution)
    categories: CategoryData = field(default_factory=lambda: CategoryData(hint=WINDOW_HINT))
    picture_issues: dict[int, list[Issue]] = field(default_factory=dict)  # the picture pass's

    @property
    def products(self) -> list[Product]:
        return self.sheet.products

    @property
    def base_dir(self) -> Path:
        return Path(self.sheet.path).resolve().parent

    def row_issues(self, product: Product) -> list[Issue]:
        """Everything found on the row: the reader's, the rules' and the pictures'."""
        return row_issues(product, self.issues)


PICTURE_WORKERS = 4  # pictures decoded at once by the picture pass (Pillow frees the GIL)


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
    categories: CategorySource | None = None,
) -> Review:
    """Read a sheet, put in the corrections made in the window (``edits``, default: the saved
    overlay of this sheet), give rows their keys, price rows from their cost (the price rule),
    fill the listing defaults and check every rule — and, unless told not to, every local or
    embedded picture (with the shop's auto-fix settings). ``settings``: a shop's settings
    (`app.settings_store`; default: the current shop's); ``defaults``, ``fix_options`` and
    ``pricing`` override theirs. ``categories``: the category data the categories and properties
    are resolved against, or a function giving it for the products read (None: none, and the
    checks that need it are reported as not made, with the window's hint). Detail and colour
    pictures are checked too. Raises the reader's `SheetError` when the file is unusable."""
    saved = settings if settings is not None else load_current()
    if defaults is not None or pricing is not None:
        saved = replace(saved, listing=defaults or saved.listing,
                        pricing=pricing or saved.pricing)
    sheet = read_sheet(Path(path), sheet_name=sheet_name)
    applied = apply_edits(sheet, edits if edits is not None else load_edits(sheet.identity))
    _settle(sheet.products, saved)
    data = categories(sheet.products) if callable(categories) else (
        categories or CategoryData(hint=WINDOW_HINT))
    review = Review(sheet=sheet, edits=applied, settings=saved)
    recheck(review, data)
    return with_pictures(review, fix_options) if check_pictures else review


def with_pictures(review: Review, fix_options: FixOptions | None = None, *,
                  workers: int = PICTURE_WORKERS) -> Review:
    """The picture pass on a review made with ``check_pictures=False`` (the window shows the
    rows first): a new Review — the same sheet, corrections, shop settings and resolution —
    with every local or embedded picture's issues added (what `recheck` would add); the given
    one is not changed. ``fix_options``: default the review's shop settings'. ``workers``:
    pictures decoded at once (the window leaves a core to its GUI thread)."""
    settings = review.settings if review.settings is not None else load_current()
    found, checked = _check_pictures(review.products, review.base_dir,
                                     fix_options or settings.fix_options, workers)
    pictures = dict(found)
    issues = {row: list(found_here) for row, found_here in review.issues.items()}
    for row, found_here in pictures.items():
        issues.setdefault(row, []).extend(found_here)
    return Review(sheet=review.sheet, issues=issues, pictures_checked=checked,
                  edits=review.edits, settings=review.settings, resolution=review.resolution,
                  categories=review.categories, picture_issues=pictures)


def _settle(products: list[Product], settings: ShopSettings) -> None:
    """Keys, price rule and defaults on the products (in place)."""
    assign_keys(products)
    if settings.pricing is not None:
        apply_pricing(products, settings.pricing)
    listing = settings.listing
    for p in products:  # in place: a copy of each of 10,000 products costs more than the rest
        for name, value in default_changes(p, listing).items():
            setattr(p, name, value)


def recheck(review: Review, data: CategoryData) -> None:
    """Resolve the review's products against ``data`` and check every rule again (the picture
    findings are kept): `taoshelf upload` and the window's run call it with fresh data before
    `Engine.prepare`, so a row that cannot be resolved is blocked with its reason."""
    sheet = review.sheet
    letters = {header: letter for letter, header in sheet.unknown_columns.items()}
    resolution = resolve_products(sheet.products, data, letters=letters)
    review.resolution, review.categories = resolution, data
    settings = review.settings if review.settings is not None else load_current()
    issues = validate(sheet.products, settings.listing)
    for row, found in resolution.issues.items():
        issues.setdefault(row, []).extend(found)
    for row, found in review.picture_issues.items():
        issues.setdefault(row, []).extend(found)
    review.issues = {row: list(found) for row, found in issues.items()}
    _sheet_notes(sheet, resolution)


def recheck_online(review: Review, client: TopClient, *, shop: str, env: str,
                   app_key: str | None = None, publish_path: str | None = None) -> int:
    """`recheck` with fresh data for the shop: what is not cached, or older than 7 days, is read
    through ``client`` (ids in one call per 999, a path one call per level, each leaf's rules
    once) and cached. Called on the upload's thread before `Engine.prepare`, by `taoshelf
    upload` and the window's run. A leaf's rules come from the shop's publisher's API
    (`app.categories.sources.rules_source`: the schema on the schema path). Returns the calls
    it made."""
    cache = CategoryCache(shop, env)
    if app_key:
        CategoryCache.remember_shop(app_key, env, shop)  # so `check` finds this shop's data
    if publish_path is None:  # the shop's saved publisher (``upload --publisher`` says it)
        settings = load(app_key, env) if app_key else review.settings or load_current()
        publish_path = settings.publish_path
    source = rules_source(client, publish_path)
    recheck(review, online_data(cache, source, review.products))
    return source.calls


class ShopConnection(Protocol):
    """What `run_resolver` needs of `app.upload.connection.Connection`."""

    shop: str
    env: str

    @property
    def config(self) -> TopConfig: ...


def run_resolver(review: Review) -> Callable[[ShopConnection, TopClient], dict[int, list[Issue]]]:
    """For the window's run: once connected, `recheck_online` the review and give the issues
    to plan with."""
    def resolve(connection: ShopConnection, client: TopClient) -> dict[int, list[Issue]]:
        recheck_online(review, client, shop=connection.shop, env=connection.env,
                       app_key=connection.config.app_key)
        return {row: list(found) for row, found in review.issues.items()}
    return resolve


def _sheet_notes(sheet: SheetData, resolution: SheetResolution) -> None:
    """The reader's note on unknown columns, less the property columns the rows' leaves claimed;
    then what the resolution could not check (replacing what an earlier pass said)."""
    old = [unknown_columns_note(sheet.unknown_columns),
           unknown_columns_note(sheet.unknown_columns, unchecked=True)]
    notes = [n for n in sheet.notes if n not in old and n not in sheet.resolution_notes]
    left = {letter: header for letter, header in sheet.unknown_columns.items()
            if header not in resolution.claimed}
    if left:
        notes.insert(0, unknown_columns_note(left, unchecked=resolution.unchecked))
    sheet.unknown_headers = list(left.values())
    sheet.notes[:] = [*notes, *resolution.notes]
    sheet.resolution_notes = list(resolution.notes)


def revise(review: Review, edits: SheetEdits, fix_options: FixOptions | None = None) -> Review:
    """``review`` with ``edits`` instead of the edits it was made with, without reading the file
    again: the same result as `review_sheet` (the same shop settings) on the unchanged
    file, in a fraction of the time. Pictures are inspected again only on rows whose pictures
    the edits change. The window calls it off the GUI thread after each correction."""
    before = review.edits or AppliedEdits(edits, as_read={p.row: product_copy(p)
                                                           for p in review.products})
    # product_copy(), not replace() (5x slower) or copy() (4x): the same shallow copy of a
    # Product of ~40 fields (10,000 rows revised when the category data arrives, off the GUI
    # thread but holding the interpreter the GUI thread needs for painting)
    sheet = replace(review.sheet, products=[product_copy(p) for p in before.as_read.values()],
                    raw_rows={**review.sheet.raw_rows, **before.read_cells})
    applied = apply_edits(sheet, edits)
    settings = review.settings if review.settings is not None else load_current()
    _settle(sheet.products, settings)
    old = {p.row: p for p in review.products}
    changed = [p for p in sheet.products
               if p.row not in old or _picture_locations(p) != _picture_locations(old[p.row])]
    again = {p.row for p in changed}
    fresh = Review(sheet=sheet, edits=applied, settings=settings, picture_issues={
        row: list(found) for row, found in review.picture_issues.items() if row not in again})
    found, fresh.pictures_checked = _check_pictures(changed, fresh.base_dir,
                                                    fix_options or settings.fix_options)
    fresh.picture_issues.update(found)
    recheck(fresh, review.categories)
    return fresh


def _picture_locations(product: Product) -> list[tuple[str, str]]:
    return [(ref.source, ref.location) for _p, ref in _pictures_of(product)]


def _check_pictures(
    products: list[Product], base_dir: Path, options: FixOptions,
    workers: int = PICTURE_WORKERS,
) -> tuple[list[tuple[int, list[Issue]]], int]:
    """Inspect every local or embedded picture once (URLs are fetched at upload time, not here):
    rows sharing a file (by resolved path) or embedded bytes (by SHA-256) share one inspection,
    and each of them gets the issue. Returns the issues per row and the pictures opened."""
    keys = _PictureKeys(base_dir)
    uses: list[tuple[int, int, ImageRef, str]] = []  # (row, position, ref, key)
    first: dict[str, ImageRef] = {}
    for product in products:
        for position, ref in _pictures_of(product):
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

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        found = dict(zip(first, pool.map(inspect, first.values()), strict=True))
    verdicts: dict[tuple[str, int], list[Issue]] = {}
    by_row: dict[int, list[Issue]] = {}
    for row, position, ref, key in uses:
        outcome = found[key]
        cell = ref.cell or _cell_of(ref.location)
        if isinstance(outcome, ImageError):
            message = outcome.message.replace(first[key].location, ref.location, 1)
            issues = [Issue(Severity.ERROR, _picture_field(position), outcome.code, message,
                            cell)]
        else:
            # the same picture as a main or an extra one is judged differently (size rules)
            verdict = verdicts.get((key, position))
            if verdict is None:
                verdict = _verdict(outcome, position, options)
                verdicts[(key, position)] = verdict
            issues = [replace(i, cell=cell) for i in verdict] if cell else verdict
        if issues:
            by_row.setdefault(row, []).extend(issues)
    return list(by_row.items()), len(first)


DETAIL, COLOUR = 1_000, 2_000  # positions of detail and colour pictures in the picture pass
# Detail pictures sit in the description at their own size: no square or 800 px rule for them.
DETAIL_SKIPS = frozenset({"image.not_square", "image.too_small"})


def _pictures_of(product: Product) -> list[tuple[int, ImageRef]]:
    """Every picture of a product with its position: main and extra pictures 0…, detail
    pictures from `DETAIL`, colour pictures from `COLOUR`."""
    out = list(enumerate(product.images))
    out += [(DETAIL + n, ref) for n, ref in enumerate(product.detail_images)]
    out += [(COLOUR + n, s.image) for n, s in enumerate(product.skus) if s.image is not None]
    return out


def _picture_field(position: int) -> str:
    return "sku_image" if position >= COLOUR else "detail_image" if position >= DETAIL \
        else "image"


def _verdict(info: ImageInfo, position: int, options: FixOptions) -> list[Issue]:
    """The picture rules for a main, extra, detail (详情图N) or colour picture (颜色图)."""
    if position < DETAIL:
        return check_image(info, position == 0, options, label=ref_label(position))
    field_name = _picture_field(position)
    label = "颜色图" if position >= COLOUR else f"详情图{position - DETAIL + 1}"
    found = check_image(info, False, options, label=label)
    if position < COLOUR:
        found = [i for i in found if i.code not in DETAIL_SKIPS]
    return [replace(i, field=field_name) for i in found]


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
