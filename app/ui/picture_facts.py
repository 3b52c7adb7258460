"""The detail pane's pictures: each one's size, format, what auto-fix will do to it, and a large
preview — worked out off the GUI thread (decoding and fixing a photo takes a while). Every
picture the row sends: main and extra pictures, detail pictures (详情图) and colour pictures
(颜色图, one per picture however many SKU rows repeat it).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.catalog.model import ImageRef, ImageSource, Issue, Product, Sku
from app.images.errors import ImageError, human_size
from app.images.fix import FixOptions, prepare
from app.images.inspect import inspect_bytes
from app.images.pipeline import ref_label
from app.images.source import load_ref
from app.images.thumbs import render_thumbnails
from app.review import DETAIL_SKIPS

log = logging.getLogger(__name__)
PREVIEW = 240  # px, longest side
MAIN, DETAIL, COLOUR = "main", "detail", "colour"  # the kinds of a row's pictures


@dataclass(frozen=True, slots=True)
class PictureFacts:
    label: str  # 主图, 第2张图 …
    location: str  # path, web address or Sheet1!G5
    preview: bytes | None = field(default=None, repr=False)
    summary: str = ""  # JPEG 900×900 · 120 KB
    actions: tuple[str, ...] = ()  # what auto-fix does before the upload
    issues: tuple[Issue, ...] = ()  # what is still wrong after fixing
    error: str = ""  # cannot be used at all
    kind: str = MAIN  # MAIN, DETAIL or COLOUR


@dataclass(frozen=True, slots=True)
class PictureEntry:
    """One picture a row sends, named as the pane shows it."""

    label: str  # 主图, 第2张图, 详情图1, 颜色图 · 雾霾蓝
    ref: ImageRef
    kind: str = MAIN
    is_main: bool = False


def pictures_of(product: Product) -> list[PictureEntry]:
    """Every picture ``product`` sends, in the pane's order: main and extra pictures, detail
    pictures, then each distinct colour picture named by its colour."""
    out = [PictureEntry(ref_label(n), ref, MAIN, n == 0) for n, ref in enumerate(product.images)]
    out += [PictureEntry(f"详情图{n + 1}", ref, DETAIL)
            for n, ref in enumerate(product.detail_images)]
    seen: set[tuple[object, str, int]] = set()
    for sku in product.skus:
        if sku.image is None:
            continue
        key = _ref_key(sku.image)
        if key not in seen:
            seen.add(key)
            out.append(PictureEntry(f"颜色图 · {colour_of(sku)}".rstrip(" ·"), sku.image, COLOUR))
    return out


def _ref_key(ref: ImageRef) -> tuple[object, str, int]:
    """Which picture ``ref`` is, cheaply: where it is, and its size when embedded."""
    return ref.source, ref.location, len(ref.data or b"")


def colour_of(sku: Sku) -> str:
    """The value a colour picture belongs to: the SKU's value under a column named for colour
    (颜色, 颜色分类…), else its first value."""
    for name, value in sku.values.items():
        if "色" in name and value:
            return value
    return next((v for v in sku.values.values() if v), "")


def picture_facts(entry: PictureEntry, base_dir: Path,
                  options: FixOptions | None = None) -> PictureFacts:
    """Everything the pane says about one picture (blocking: call it off the GUI thread)."""
    ref, label = entry.ref, entry.label
    if ref.source is ImageSource.URL:
        return PictureFacts(label, ref.location, summary="网址图片：上架时下载并检查",
                            kind=entry.kind)
    try:
        data = load_ref(ref, base_dir, None)
        info = inspect_bytes(data, origin=ref.location)
        fixed = prepare(data, options or FixOptions(), is_main=entry.is_main, info=info,
                        label=label)
        preview = render_thumbnails(data, (PREVIEW,))[PREVIEW]
    except ImageError as exc:
        return PictureFacts(label, ref.location, error=exc.message, kind=entry.kind)
    summary = f"{info.format} {info.width}×{info.height} · {human_size(info.size)}"
    if fixed.changed and (fixed.width, fixed.height) != (info.width, info.height):
        summary += f" → {fixed.width}×{fixed.height}"
    issues = tuple(i for i in fixed.issues
                   if entry.kind != DETAIL or i.code not in DETAIL_SKIPS)  # as the sheet's check
    return PictureFacts(label, ref.location, preview, summary, tuple(fixed.actions), issues,
                        kind=entry.kind)


class _Signals(QObject):
    ready = Signal(object, object)  # key, list[PictureFacts]


class _Task(QRunnable):
    def __init__(self, key: tuple, entries: Sequence[PictureEntry], base_dir: Path,
                 signals: _Signals) -> None:
        super().__init__()
        self._key, self._entries, self._base_dir, self._signals = key, entries, base_dir, signals

    def run(self) -> None:
        facts = []
        for entry in self._entries:
            try:
                facts.append(picture_facts(entry, self._base_dir))
            except Exception as exc:  # noqa: BLE001 - one odd picture must not stop the pane
                log.warning("picture details failed for %s: %s", entry.ref.location, exc)
                facts.append(PictureFacts(entry.label, entry.ref.location, error=str(exc),
                                          kind=entry.kind))
        self._signals.ready.emit(self._key, facts)


class PictureInspector(QObject):
    """Works out `PictureFacts` for a row's pictures in the background, remembering the last
    rows asked for. ``ready(key, facts)`` arrives on the GUI thread."""

    ready = Signal(object, object)

    def __init__(self, parent: QObject | None = None, keep: int = 32) -> None:
        super().__init__(parent)
        self._signals = _Signals()  # no parent: a task finishing after the window is gone
        self._signals.ready.connect(self._on_ready)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._known: OrderedDict[tuple, list[PictureFacts]] = OrderedDict()
        self._asked: set[tuple] = set()
        self._keep = keep

    @staticmethod
    def key(entries: Sequence[PictureEntry]) -> tuple:
        return tuple((e.label, *_ref_key(e.ref)) for e in entries)

    def facts(self, entries: Sequence[PictureEntry],
              base_dir: Path) -> list[PictureFacts] | None:
        """The facts if known; otherwise None and they are worked out (``ready`` follows)."""
        key = self.key(entries)
        if key in self._known:
            self._known.move_to_end(key)
            return self._known[key]
        if key not in self._asked:
            self._pool.clear()  # only the latest selection matters (a running task finishes)
            self._asked = {key}
            self._pool.start(_Task(key, list(entries), base_dir, self._signals))
        return None

    def shutdown(self) -> None:
        self._pool.clear()
        self._pool.waitForDone()

    def _on_ready(self, key: tuple, facts: list[PictureFacts]) -> None:
        self._asked.discard(key)
        self._known[key] = facts
        while len(self._known) > self._keep:
            self._known.popitem(last=False)
        self.ready.emit(key, facts)
