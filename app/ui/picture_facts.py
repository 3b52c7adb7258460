"""The detail pane's pictures: each one's size, format, what auto-fix will do to it, and a large
preview — worked out off the GUI thread (decoding and fixing a photo takes a while).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.catalog.model import ImageRef, ImageSource, Issue
from app.images.errors import ImageError, human_size
from app.images.fix import FixOptions, prepare
from app.images.inspect import inspect_bytes
from app.images.pipeline import ref_label
from app.images.source import load_ref
from app.images.thumbs import render_thumbnails

log = logging.getLogger(__name__)
PREVIEW = 240  # px, longest side


@dataclass(frozen=True, slots=True)
class PictureFacts:
    label: str  # 主图, 第2张图 …
    location: str  # path, web address or Sheet1!G5
    preview: bytes | None = field(default=None, repr=False)
    summary: str = ""  # JPEG 900×900 · 120 KB
    actions: tuple[str, ...] = ()  # what auto-fix does before the upload
    issues: tuple[Issue, ...] = ()  # what is still wrong after fixing
    error: str = ""  # cannot be used at all


def picture_facts(ref: ImageRef, position: int, base_dir: Path,
                  options: FixOptions | None = None) -> PictureFacts:
    """Everything the pane says about one picture (blocking: call it off the GUI thread)."""
    label = ref_label(position)
    if ref.source is ImageSource.URL:
        return PictureFacts(label, ref.location, summary="网址图片：上架时下载并检查")
    try:
        data = load_ref(ref, base_dir, None)
        info = inspect_bytes(data, origin=ref.location)
        fixed = prepare(data, options or FixOptions(), is_main=position == 0, info=info,
                        label=label)
        preview = render_thumbnails(data, (PREVIEW,))[PREVIEW]
    except ImageError as exc:
        return PictureFacts(label, ref.location, error=exc.message)
    summary = f"{info.format} {info.width}×{info.height} · {human_size(info.size)}"
    if fixed.changed and (fixed.width, fixed.height) != (info.width, info.height):
        summary += f" → {fixed.width}×{fixed.height}"
    return PictureFacts(label, ref.location, preview, summary, tuple(fixed.actions),
                        tuple(fixed.issues))


class _Signals(QObject):
    ready = Signal(object, object)  # key, list[PictureFacts]


class _Task(QRunnable):
    def __init__(self, key: tuple, refs: Sequence[ImageRef], base_dir: Path,
                 signals: _Signals) -> None:
        super().__init__()
        self._key, self._refs, self._base_dir, self._signals = key, refs, base_dir, signals

    def run(self) -> None:
        facts = []
        for position, ref in enumerate(self._refs):
            try:
                facts.append(picture_facts(ref, position, self._base_dir))
            except Exception as exc:  # noqa: BLE001 - one odd picture must not stop the pane
                log.warning("picture details failed for %s: %s", ref.location, exc)
                facts.append(PictureFacts(ref_label(position), ref.location, error=str(exc)))
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
    def key(refs: Sequence[ImageRef]) -> tuple:
        return tuple((r.source, r.location, len(r.data or b"")) for r in refs)

    def facts(self, refs: Sequence[ImageRef], base_dir: Path) -> list[PictureFacts] | None:
        """The facts if known; otherwise None and they are worked out (``ready`` follows)."""
        key = self.key(refs)
        if key in self._known:
            self._known.move_to_end(key)
            return self._known[key]
        if key not in self._asked:
            self._pool.clear()  # only the latest selection matters (a running task finishes)
            self._asked = {key}
            self._pool.start(_Task(key, list(refs), base_dir, self._signals))
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
