"""The plan: what each row needs, computed synchronously before any thread starts (pure).

Input: the products, their validation issues, the journal's records and the outer_ids found on
the shop by a lookup. Output: one `RowWork` per product. No I/O here.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from app.catalog.description import description_issues
from app.catalog.keys import PREFIX as GENERATED_KEY_PREFIX
from app.catalog.keys import former_keys
from app.catalog.model import SKIPPED_BY_USER, Issue, Product
from app.catalog.rules import row_issues
from app.upload.changes import UNSENDABLE, changed_fields, label, labels, unsent_text
from app.upload.fields import image_identity, sent_fields
from app.upload.journal import RowRecord, RowState, Shelf
from app.upload.settings import UploadSettings

__all__ = ["Action", "Plan", "RowWork", "fingerprint", "image_identity", "lookup_keys",
           "make_plan"]


class Action(StrEnum):
    CREATE = "create"  # pictures → item.add → extra pictures
    RECONCILE = "reconcile"  # journal says add_sent: look it up before anything is sent
    ATTACH = "attach"  # listed, but extra pictures are still missing (and edits, if any)
    UPDATE = "update"  # listed and edited in the sheet: send the edits (app.upload.edits)
    SKIP = "skip"  # nothing to do (already listed, or rejected and unchanged)
    BLOCKED = "blocked"  # validation errors: the user must fix the row


@dataclass(frozen=True, slots=True)
class RowWork:
    product: Product
    action: Action
    key: str
    fingerprint: str
    reasons: tuple[str, ...] = ()  # Chinese: for SKIP/BLOCKED, and what a listed row must say
    num_iid: int | None = None  # known item (skip/attach/update)
    edits: tuple[str, ...] = ()  # UPDATE/ATTACH: sent fields (`fields.sent_fields`) to send
    shared_pictures: frozenset[int] = frozenset()  # indexes into product.images used by other rows
    shared_refs: frozenset[str] = frozenset()  # identities of its pictures other rows use too
    extras_done: int = 0  # ATTACH: extra pictures already attached
    unsent: tuple[str, ...] = ()  # listed item: changes of the row Taobao does not have and
    # that this run will not send (中文, each with its reason when there is one)
    adopt_from: str | None = None  # the generated key this row's item was listed under
    undone: bool = False  # SKIP: an undo took the item down (or deleted it): left alone


@dataclass(slots=True)
class Plan:
    works: list[RowWork]
    counts: Counter[Action] = field(default_factory=Counter)

    def of(self, *actions: Action) -> list[RowWork]:
        return [w for w in self.works if w.action in actions]


def fingerprint(product: Product) -> str:
    """Hash of everything sent to Taobao for this row (`fields.sent_fields`; not the row number,
    nor columns that are never sent)."""
    blob = json.dumps(sent_fields(product), ensure_ascii=False, sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()[:32]


def lookup_keys(products: Sequence[Product], records: Mapping[str, RowRecord]) -> list[str]:
    """Keys the shop must be asked about: rows in ``add_sent``, rows the journal never saw, and
    the generated keys in ``add_sent`` a row that gained a 商家编码 may have been listed under.
    ``products`` must be free of errors (a 商家编码 with a comma is one: catalog.rules)."""
    keys: list[str] = []
    formers = former_keys(products)
    for p in products:
        key = p.key
        if not key:
            continue
        rec = records.get(key)
        if rec is None or rec.state is RowState.ADD_SENT:
            keys.append(key)
        if rec is None:
            keys += [k for k in formers.get(p.row, ())
                     if (old := records.get(k)) is not None and old.state is RowState.ADD_SENT]
    return list(dict.fromkeys(keys))


def _blocked(product: Product, key: str | None, fp: str, issues: Sequence[Issue]) -> RowWork:
    skipped = tuple(i.message for i in issues if i.code == SKIPPED_BY_USER)  # the user's choice
    reasons = skipped or tuple(i.message for i in issues if i.is_error) or ("缺少商家编码",)
    return RowWork(product, Action.BLOCKED, key or "", fp, reasons)


def make_plan(
    products: Sequence[Product],
    issues: Mapping[int, Sequence[Issue]],
    records: Mapping[str, RowRecord],
    settings: UploadSettings,
    found_on_shop: Mapping[str, int] | None = None,
    *,
    sheet: str | None = None,
) -> Plan:
    """One `RowWork` per product, in sheet order.

    ``records``: the journal's rows of this shop + env for the rows' keys and their `former_keys`,
    plus the rows of this ``sheet`` (None: every record is taken as this sheet's).
    ``found_on_shop`` maps outer_id → num_iid for items a lookup found on the shop (used for rows
    in ``add_sent`` and rows unknown to the journal). A key absent from it was either not looked
    up or not found: rows in ``add_sent`` are then still RECONCILE (never "not listed").
    """
    found = found_on_shop or {}
    current_keys = {p.key for p in products}
    issues = _with_description(products, issues)
    has_errors = {p.row for p in products if any(i.is_error for i in row_issues(p, issues))}
    taken = _taken_over(products, has_errors, records, found, current_keys)
    earlier_generated = _earlier_generated_keys(
        records, current_keys, sheet, {old.key for old, _n in taken.values()})
    seen: dict[str, int] = {}
    usage: Counter[str] = Counter()
    for p in products:
        usage.update(_picture_identities(p))
    works: list[RowWork] = []
    for p in products:
        fp = fingerprint(p)
        key = p.key
        if not key or p.row in has_errors:
            works.append(_blocked(p, key, fp, row_issues(p, issues)))
            continue
        if key in seen:
            works.append(RowWork(p, Action.BLOCKED, key, fp, (
                f"商家编码“{key}”与第 {seen[key]} 行重复：每个商品的商家编码必须不同",)))
            continue
        seen[key] = p.row
        earlier = earlier_generated.get(p.row) if not p.outer_id and key not in records else None
        if earlier is not None:
            works.append(RowWork(p, Action.BLOCKED, key, fp, (_edited_without_outer_id(earlier),)))
            continue
        shared = frozenset(i for i, r in enumerate(p.images) if usage[image_identity(r)] > 1)
        shared_refs = frozenset(x for x in _picture_identities(p) if usage[x] > 1)
        rec = records.get(key)
        adopted = taken.get(p.row) if rec is None else None
        if adopted is not None:
            old, num_iid = adopted
            rec = replace(old, key=key, state=RowState.LISTED, num_iid=num_iid,
                          remote_key=old.on_shop, renamed_to=None)
        work = _work_for(p, key, fp, rec, found=found, settings=settings, shared=shared)
        if shared_refs:
            work = replace(work, shared_refs=shared_refs)
        if adopted is not None:
            work = replace(work, adopt_from=adopted[0].key)
        works.append(work)
    plan = Plan(works)
    plan.counts.update(w.action for w in works)
    return plan


def _picture_identities(p: Product) -> set[str]:
    """Every picture of a row (main, extra, detail, colour), by identity."""
    refs = [*p.images, *p.detail_images, *(s.image for s in p.skus if s.image is not None)]
    return {image_identity(r) for r in refs}


def _with_description(products: Sequence[Product], issues: Mapping[int, Sequence[Issue]]
                      ) -> Mapping[int, Sequence[Issue]]:
    """The issues, plus the length of the final description for rows with detail pictures when
    the caller did not validate (it is never found out at item.add)."""
    extra: dict[int, list[Issue]] = {}
    for p in products:
        found = description_issues(p)
        if found and not any(i.code == found[0].code for i in row_issues(p, issues)):
            extra[p.row] = [*issues.get(p.row, ()), *found]
    return {**issues, **extra} if extra else issues


def _taken_over(products: Sequence[Product], has_errors: set[int],
                records: Mapping[str, RowRecord], found: Mapping[str, int],
                current_keys: set[str | None]) -> dict[int, tuple[RowRecord, int]]:
    """Rows whose new 商家编码 is unknown but whose title + category were listed under a
    generated key (no row of the sheet uses it now): sheet row → (that record, num_iid)."""
    out: dict[int, tuple[RowRecord, int]] = {}
    claimed: set[str] = set()
    formers = former_keys(products)
    for p in products:
        if (p.row in has_errors or p.row not in formers or p.key in records
                or p.key in found):
            continue
        for old_key in formers[p.row]:
            old = records.get(old_key)
            if (old is None or old_key in current_keys or old_key in claimed
                    or old.renamed_to not in (None, p.key)):
                continue
            if old.state is RowState.LISTED and old.num_iid:
                num_iid = old.num_iid
            elif old.state is RowState.ADD_SENT and old_key in found:
                num_iid = found[old_key]
            else:
                continue
            out[p.row] = (old, num_iid)
            claimed.add(old_key)
            break
    return out


def _earlier_generated_keys(records: Mapping[str, RowRecord], current_keys: set[str | None],
                            sheet: str | None, taken: set[str]) -> dict[int, RowRecord]:
    """Rows of this sheet listed (or maybe listed) under a generated key that no row has now
    (and no 商家编码 took over), by sheet row: the row's title or category was edited after it
    went up."""
    out: dict[int, RowRecord] = {}
    for rec in records.values():
        if (rec.key.startswith(GENERATED_KEY_PREFIX) and rec.key not in current_keys
                and rec.key not in taken and rec.renamed_to is None
                and (sheet is None or rec.sheet == sheet)
                and rec.state in (RowState.LISTED, RowState.ADD_SENT)):
            out[rec.sheet_row] = rec
    return out


def _edited_without_outer_id(rec: RowRecord) -> str:
    listed = f"（宝贝ID {rec.num_iid}）" if rec.num_iid else "（结果待核对）"
    return (f"这一行没有商家编码，之前已按自动编码“{rec.key}”上架{listed}，之后标题或类目改过，"
            f"无法确认是不是同一个商品。为避免重复上架已跳过：如果是同一个商品，请把“{rec.key}”"
            "填到商家编码列再上传；如果是新商品，请给它填一个新的商家编码")


def _changed(p: Product, rec: RowRecord) -> list[str]:
    """Sent fields of the row that Taobao's copy (the journal's ``sent``) does not have. Rows
    listed before the journal kept ``sent``: only price, stock and the outer_id are known."""
    if rec.sent is not None:
        return changed_fields(rec.sent, sent_fields(p))
    out = []
    if rec.remote_key and rec.remote_key != p.key:
        out.append("outer_id")
    if rec.price is not None and p.price is not None and p.price != rec.price:
        out.append("price")
    if rec.num is not None and p.num is not None and p.num != rec.num:
        out.append("num")
    return out


def _listed_note(rec: RowRecord, key: str, changed: Sequence[str], *, sending: bool) -> str:
    """What a listed row says: 已上架, or which of its changes are not on Taobao (and, for a row
    that gained a 商家编码, the item and outer_id it has there)."""
    unsent = labels(list(changed))
    if not unsent:
        return "已上架"
    tail = "" if sending else "这次没有发送修改"
    if rec.remote_key and rec.remote_key != key:
        others = tuple(x for x in unsent if x != label("outer_id"))
        also = f"；另外{unsent_text(others)}" if others else ""
        return (f"已上架为宝贝ID {rec.num_iid}，商家编码“{rec.remote_key}”（这一行之前没有商家"
                f"编码，按自动生成的编码上架）；表格里新填的商家编码“{key}”还没有改到淘宝上"
                f"{also}" + (f"。{tail}" if tail else ""))
    return f"已上架（宝贝ID {rec.num_iid}）；{unsent_text(unsent)}" + (f"。{tail}" if tail else "")


def _undone_note(rec: RowRecord) -> str:
    """A listed item an undo took down or deleted: the rerun leaves it alone."""
    run = f"第 {rec.shelf_run} 次上架，" if rec.shelf_run else ""
    if rec.shelf in (Shelf.DELETED, Shelf.DELETE_SENT):
        return (f"已撤销上架（{run}宝贝ID {rec.num_iid} 已删除），不会再次上架；要重新发布为新"
                "宝贝，请给这一行换一个新的商家编码")
    how = (f"taoshelf undo {rec.shelf_run} --relist" if rec.shelf_run else "taoshelf undo")
    return (f"已撤销上架（{run}宝贝ID {rec.num_iid} 已下架到仓库中），不会自动重新上架；要重新上架"
            f"请在 上架记录 中点 重新上架（或 {how}）")


def _edit_work(rec: RowRecord, changed: list[str], settings: UploadSettings
               ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(fields this run sends, what it cannot send: Chinese, with the reason)."""
    if not settings.send_edits:
        return (), labels(changed)
    sendable = tuple(f for f in changed if f not in UNSENDABLE)
    refused = tuple(f"{label(f)}（{UNSENDABLE[f]}）" for f in changed if f in UNSENDABLE)
    return sendable, tuple(dict.fromkeys(refused))


def _work_for(p: Product, key: str, fp: str, rec: RowRecord | None, *,
              found: Mapping[str, int], settings: UploadSettings,
              shared: frozenset[int]) -> RowWork:
    def work(action: Action, *reasons: str, **kw: object) -> RowWork:
        return RowWork(p, action, key, fp, tuple(reasons), shared_pictures=shared,
                       **kw)  # type: ignore[arg-type]

    if rec is None:
        if key in found:
            num_iid = found[key]
            return work(Action.SKIP,
                        f"店铺中已有商家编码为“{key}”的商品（{num_iid}），未重复上架",
                        num_iid=num_iid)
        return work(Action.CREATE)
    if rec.state is RowState.ADD_SENT:  # if it exists, it holds what that item.add sent
        changed = _changed(p, rec) if rec.sent is not None else []
        note = (_listed_note(rec, key, changed, sending=False),) if changed else ()
        return work(Action.RECONCILE, *note, num_iid=found.get(key), unsent=labels(changed))
    if rec.state is RowState.LISTED:
        changed = _changed(p, rec)
        if rec.shelf is not None and rec.shelf is not Shelf.UP_SENT:
            return work(Action.SKIP, _undone_note(rec), num_iid=rec.num_iid,
                        unsent=labels(changed), undone=True)
        edits, refused = _edit_work(rec, changed, settings)
        if rec.pictures_pending:
            note = (_listed_note(rec, key, changed, sending=bool(edits)),) if changed else ()
            return work(Action.ATTACH, *note, num_iid=rec.num_iid, extras_done=rec.extras_done,
                        unsent=refused, edits=edits)
        if edits and rec.kind == "row" and rec.fingerprint == fp and (
                not settings.retry_rejected_unchanged):
            return work(Action.SKIP, f"上次修改被淘宝拒绝且此行未再修改：{rec.message or ''}"
                        .rstrip("："), num_iid=rec.num_iid, unsent=labels(changed))
        if edits:
            note = (f"{unsent_text(refused)}",) if refused else ()
            return work(Action.UPDATE, *note, num_iid=rec.num_iid, edits=edits, unsent=refused)
        return work(Action.SKIP, _listed_note(rec, key, changed, sending=settings.send_edits),
                    num_iid=rec.num_iid, unsent=refused if settings.send_edits else labels(changed))
    if (rec.state is RowState.FAILED and rec.kind == "row" and rec.fingerprint == fp
            and not settings.retry_rejected_unchanged):
        return work(Action.SKIP, f"上次被淘宝拒绝且此行未修改：{rec.message or ''}".rstrip("："))
    return work(Action.CREATE)
