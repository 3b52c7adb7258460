"""One call per picture reference: load → inspect → check → fix, every failure a row issue."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from app.catalog.model import ImageRef, Issue, Severity
from app.images.download import Downloader
from app.images.errors import ImageError
from app.images.fix import PreparedImage, prepare
from app.images.inspect import ImageInfo, inspect_bytes
from app.images.options import FixOptions
from app.images.rules import check_image
from app.images.source import load_ref

log = logging.getLogger(__name__)


@dataclass(slots=True)
class RefResult:
    """Outcome for one `ImageRef`: ``prepared`` is None when the picture cannot be used."""

    ref: ImageRef
    info: ImageInfo | None = None
    prepared: PreparedImage | None = None
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.prepared is not None and not any(i.is_error for i in self.issues)


def ref_label(position: int) -> str:
    """Name of a picture by its place in the row: 主图, 第2张图, ..."""
    return "主图" if position == 0 else f"第{position + 1}张图"


def _name(ref: ImageRef) -> str:
    return ref.name or ref.location


def prepare_ref(
    ref: ImageRef,
    base_dir: Path,
    downloader: Downloader | None = None,
    options: FixOptions | None = None,
    *,
    position: int = 0,
) -> RefResult:
    """Load and fix one picture of a row (``position`` 0 = the main picture). Never raises
    `ImageError`: it becomes an error issue whose message starts with the picture's label."""
    options = options or FixOptions()
    result = RefResult(ref)
    label = ref_label(position)
    try:
        data = load_ref(ref, base_dir, downloader)
        result.info = inspect_bytes(data, _name(ref))
        result.prepared = prepare(
            data, options, is_main=position == 0, name=_name(ref), info=result.info, label=label
        )
    except ImageError as exc:
        result.issues.append(Issue(Severity.ERROR, "image", exc.code, f"{label}：{exc.message}"))
        return result
    except MemoryError:  # one huge picture must not stop the whole import
        log.warning("out of memory preparing %s", ref.location)
        result.issues.append(
            Issue(
                Severity.ERROR,
                "image",
                "image.out_of_memory",
                f"{label}：图片太大，电脑内存不足，无法处理。请缩小图片后再试",
            )
        )
        return result
    # What the sheet's picture is (fixable warnings included), plus any error left after fixing.
    result.issues.extend(check_image(result.info, position == 0, options, label=label))
    seen = {i.code for i in result.issues}
    result.issues.extend(i for i in result.prepared.issues if i.is_error and i.code not in seen)
    return result
