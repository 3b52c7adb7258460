"""Corrections made in the window, kept beside the sheet (never in it): the edits overlay.

One JSON file per sheet, ``data_dir()/edits/<sheet identity>.json``. Each entry names a sheet row
and a fingerprint of that row's cells as read, so an entry whose row has changed in the file
since (rows inserted, the cell fixed in Excel) is found out and shown as such — never applied to
another product. An entry holds the row's edits (field, the cell as read, the new text, when)
and whether the user chose to skip the row (跳过这一行).

`app.review_apply.apply_edits` puts them in, inside `app.review.review_sheet`, right after the
sheet is read and before keys, the price rule, the defaults and the rules: an edited value is
parsed like a cell of the sheet and so checked like one. The window, `taoshelf check` and
`taoshelf upload` all see the same edits. No Qt here.
"""

from __future__ import annotations

import contextlib
import copy
import json
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from app import paths

log = logging.getLogger(__name__)

FORMAT = 1
SKIP_REASON = "已跳过（在窗口里设置）"
# field -> label, the fields the window lets the user correct (TOP names; "image": pictures)
EDITABLE: dict[str, str] = {
    "title": "标题",
    "price": "价格",
    "num": "库存",
    "cid": "类目ID",
    "outer_id": "商家编码",
    "location.state": "省份",
    "location.city": "城市",
    "image": "图片",
}
# Fields named by what they edit (the property editor and the SKU lines of the detail pane):
# ``prop:<key>`` a category property of the product — ``key`` is the property column's header
# when the sheet has one, else the property's name (a 宝贝属性 pair of that name is rewritten,
# else the value is added to the product as if the sheet had that column); ``sku.price``,
# ``sku.num`` and ``sku.value:<header>`` (颜色, 尺码 … as in `Sku.values`) the SKU of the row
# the edit is recorded on (a variant product has one sheet row per SKU).
PROP = "prop:"
SKU_PRICE = "sku.price"
SKU_NUM = "sku.num"
SKU_VALUE = "sku.value:"
_SKU_LABELS = {SKU_PRICE: "SKU价格", SKU_NUM: "SKU库存"}


def is_editable(name: str) -> bool:
    """A field the window may record a correction of."""
    if name in EDITABLE or name in _SKU_LABELS:
        return True
    for prefix in (PROP, SKU_VALUE):
        if name.startswith(prefix) and name[len(prefix):].strip():
            return True
    return False


def is_sku_field(name: str) -> bool:
    return name in _SKU_LABELS or name.startswith(SKU_VALUE)


def label_of(name: str) -> str:
    """What the user calls a field (标题, 品牌, SKU库存, 颜色 …)."""
    if name in EDITABLE:
        return EDITABLE[name]
    if name in _SKU_LABELS:
        return _SKU_LABELS[name]
    for prefix in (PROP, SKU_VALUE):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


@dataclass(frozen=True, slots=True)
class Edit:
    field: str
    old: str  # the cell as read ("" when empty or when the sheet has no such column)
    new: str  # as typed
    at: str  # local time, ISO seconds

    @property
    def label(self) -> str:
        return label_of(self.field)


@dataclass(slots=True)
class RowEdits:
    row: int  # the sheet row the edits were made on
    fingerprint: str  # of that row's cells as read then (`row_fingerprint`)
    edits: dict[str, Edit] = field(default_factory=dict)
    skip: bool = False

    @property
    def empty(self) -> bool:
        return not self.edits and not self.skip


@dataclass(slots=True)
class SheetEdits:
    """The overlay of one sheet. Change it on one thread; `snapshot` for another."""

    identity: str
    rows: dict[int, RowEdits] = field(default_factory=dict)  # by sheet row

    @property
    def path(self) -> Path:
        return edits_path(self.identity)

    def __len__(self) -> int:
        return sum(len(r.edits) for r in self.rows.values())

    def set(self, row: int, fingerprint: str, name: str, old: str, new: str) -> None:
        """Record ``new`` for ``name`` on ``row``; the first edit's ``old`` (as read) is kept.
        Typing the value as read again removes the edit."""
        if not is_editable(name):
            raise ValueError(f"not an editable field: {name}")
        entry = self._entry(row, fingerprint)
        earlier = entry.edits.get(name)
        old = earlier.old if earlier is not None else old
        if new.strip() == old.strip():
            entry.edits.pop(name, None)
        else:
            entry.edits[name] = Edit(name, old, new, _now())
        self._drop_if_empty(row)

    def undo(self, row: int, name: str | None = None) -> None:
        """Forget one edit of ``row`` (or all of them; the skip stays)."""
        entry = self.rows.get(row)
        if entry is None:
            return
        if name is None:
            entry.edits.clear()
        else:
            entry.edits.pop(name, None)
        self._drop_if_empty(row)

    def set_skip(self, row: int, fingerprint: str, skip: bool) -> None:
        self._entry(row, fingerprint).skip = skip
        self._drop_if_empty(row)

    def discard(self, row: int) -> None:
        """Forget everything about ``row`` (e.g. a stale entry the user dismisses)."""
        self.rows.pop(row, None)

    def move(self, old_row: int, new_row: int) -> None:
        """An entry found at another row (rows inserted above it in the file) now lives there."""
        entry = self.rows.pop(old_row, None)
        if entry is not None:
            entry.row = new_row
            self.rows[new_row] = entry

    def snapshot(self) -> SheetEdits:
        return copy.deepcopy(self)

    def _entry(self, row: int, fingerprint: str) -> RowEdits:
        entry = self.rows.get(row)
        if entry is None or entry.fingerprint != fingerprint:
            entry = self.rows[row] = RowEdits(row, fingerprint)
        return entry

    def _drop_if_empty(self, row: int) -> None:
        entry = self.rows.get(row)
        if entry is not None and entry.empty:
            del self.rows[row]

    # --- file ---------------------------------------------------------------------------------
    def to_json(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "sheet": self.identity,
            "rows": [
                {
                    "row": r.row,
                    "fingerprint": r.fingerprint,
                    "skip": r.skip,
                    "edits": [
                        {"field": e.field, "old": e.old, "new": e.new, "at": e.at}
                        for e in r.edits.values()
                    ],
                }
                for r in sorted(self.rows.values(), key=lambda r: r.row)
            ],
        }

    @classmethod
    def from_json(cls, identity: str, data: Mapping[str, object]) -> SheetEdits:
        out = cls(identity)
        rows = data.get("rows")
        for item in rows if isinstance(rows, list) else ():
            if not isinstance(item, dict):
                continue
            row, fp = item.get("row"), item.get("fingerprint")
            if not isinstance(row, int) or not isinstance(fp, str):
                continue
            entry = RowEdits(row, fp, skip=item.get("skip") is True)
            for e in item.get("edits") or ():
                if isinstance(e, dict) and is_editable(str(e.get("field", ""))):
                    entry.edits[e["field"]] = Edit(
                        e["field"], str(e.get("old", "")), str(e.get("new", "")),
                        str(e.get("at", "")))
            if not entry.empty:
                out.rows[row] = entry
        return out

    def save(self) -> None:
        """Write the overlay (atomically); an empty overlay removes its file."""
        target = self.path
        if not self.rows:
            target.unlink(missing_ok=True)
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(".tmp")
        temporary.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=1),
                             encoding="utf-8")
        os.replace(temporary, target)


def edits_path(identity: str) -> Path:
    return paths.data_dir() / "edits" / f"{identity}.json"


def load_edits(identity: str) -> SheetEdits:
    """The saved overlay of a sheet (empty if none). A damaged file is set aside, not lost."""
    path = edits_path(identity)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return SheetEdits(identity)
    except (OSError, ValueError) as exc:
        log.warning("edits file %s unreadable (%s): set aside", path, exc)
        with contextlib.suppress(OSError):
            os.replace(path, path.with_suffix(".damaged.json"))
        return SheetEdits(identity)
    return SheetEdits.from_json(identity, data if isinstance(data, dict) else {})


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")
