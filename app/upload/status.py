"""What the journal already knows about a sheet's rows, before any run: for the window to show
已上架 and the 宝贝ID (or 等待额度, or Taobao's last refusal) as soon as a sheet is loaded.

Read-only: it never creates the journal. Plain Python, called off the GUI thread once the shop
(its journal identity) and the environment are known.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.catalog.model import Product
from app.upload.changes import UNSENDABLE, changed_fields, labels
from app.upload.fields import sent_fields
from app.upload.journal import Journal, RowState, Scope, Shelf, default_path
from app.upload.plan import fingerprint


@dataclass(frozen=True, slots=True)
class JournalStatus:
    state: RowState  # LISTED, WAITING_QUOTA or FAILED (only rows the next run would not send)
    num_iid: int | None = None
    unsent: tuple[str, ...] = ()  # LISTED: changes of the row Taobao does not have (标题 …)
    message: str = ""  # FAILED: Taobao's refusal in Chinese
    code: int | None = None
    sub_code: str | None = None
    request_id: str | None = None
    shelf: Shelf | None = None  # LISTED: an undo took the item down (or deleted it)
    sendable: tuple[str, ...] = ()  # LISTED: of ``unsent``, what a run can send (not 类目 …)
    shelf_run: int | None = None  # LISTED with a shelf: the upload run that undo took back


def listed_status(shop: str, env: str, products: Sequence[Product],
                  journal_path: Path | None = None) -> dict[int, JournalStatus]:
    """By sheet row: the rows the journal of ``shop`` + ``env`` has as listed (with what of the
    row is not on Taobao), waiting for the daily quota, or refused by Taobao and unchanged since
    (the next run skips those until they are edited). Keys are looked up per shop + env,
    whatever sheet listed them (as the upload plan does)."""
    path = journal_path or default_path()
    keyed = [p for p in products if p.key]
    if not keyed or not path.exists():
        return {}
    with Journal(path) as journal:
        records = journal.records(Scope(shop, env, ""), [p.key or "" for p in keyed])
    out: dict[int, JournalStatus] = {}
    for product in keyed:
        rec = records.get(product.key or "")
        if rec is None:
            continue
        if rec.state is RowState.LISTED:
            changed = (changed_fields(rec.sent, sent_fields(product))
                       if rec.sent is not None else [])
            out[product.row] = JournalStatus(
                rec.state, rec.num_iid, labels(changed), shelf=rec.shelf,
                sendable=labels([f for f in changed if f not in UNSENDABLE]),
                shelf_run=rec.shelf_run)
        elif rec.state is RowState.WAITING_QUOTA:
            out[product.row] = JournalStatus(rec.state)
        elif (rec.state is RowState.FAILED and rec.kind == "row"
              and rec.fingerprint == fingerprint(product)):
            out[product.row] = JournalStatus(rec.state, rec.num_iid, (), rec.message or "",
                                             rec.code, rec.sub_code, rec.request_id)
    return out
