"""The plan: what each row needs, computed synchronously before any thread starts (pure).

Input: the products, their validation issues, the journal's records and the outer_ids found on
the shop by a lookup. Output: one `RowWork` per product. No I/O here.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from app.catalog.keys import PREFIX as GENERATED_KEY_PREFIX
from app.catalog.model import ImageRef, Issue, Product
from app.catalog.rules import row_issues
from app.upload.journal import RowRecord, RowState
from app.upload.settings import UploadSettings


class Action(StrEnum):
    CREATE = "create"  # pictures → item.add → extra pictures
    RECONCILE = "reconcile"  # journal says add_sent: look it up before anything is sent
    ATTACH = "attach"  # listed, but extra pictures are still missing
    UPDATE = "update"  # listed and price/stock changed (update mode)
    SKIP = "skip"  # nothing to do (already listed, or rejected and unchanged)
    BLOCKED = "blocked"  # validation errors: the user must fix the row


@dataclass(frozen=True, slots=True)
class RowWork:
    product: Product
    action: Action
    key: str
    fingerprint: str
    reasons: tuple[str, ...] = ()  # Chinese, for SKIP/BLOCKED
    num_iid: int | None = None  # known item (skip/attach/update)
    new_price: Decimal | None = None  # UPDATE: send item.price.update
    new_num: int | None = None  # UPDATE: send item.quantity.update
    shared_pictures: frozenset[int] = frozenset()  # indexes into product.images used by other rows
    extras_done: int = 0  # ATTACH: extra pictures already attached


@dataclass(slots=True)
class Plan:
    works: list[RowWork]
    counts: Counter[Action] = field(default_factory=Counter)

    def of(self, *actions: Action) -> list[RowWork]:
        return [w for w in self.works if w.action in actions]


def image_identity(ref: ImageRef) -> str:
    """Identity of a picture before it is read: embedded bytes by hash, else its location."""
    if ref.data is not None:
        return "sha256:" + hashlib.sha256(ref.data).hexdigest()
    return f"{ref.source}:{ref.location}"


def fingerprint(product: Product) -> str:
    """Hash of everything sent to Taobao for this row (not the sheet row number)."""
    doc = {
        name: str(getattr(product, name, None))
        for name in ("outer_id", "generated_key", "title", "desc", "price", "num", "cid",
                     "location_state", "location_city", "stuff_status", "type",
                     "approve_status", "props", "seller_cids", "sell_point", "postage_id",
                     "freight_payer", "list_time", "post_fee", "express_fee", "ems_fee",
                     "has_invoice", "has_warranty", "has_discount")
    }
    doc["images"] = [image_identity(r) for r in product.images]
    doc["skus"] = [[s.properties, str(s.quantity), str(s.price), str(s.outer_id)]
                   for s in product.skus]
    doc["extra"] = sorted(product.extra.items())
    blob = json.dumps(doc, ensure_ascii=False, sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()[:32]


def lookup_keys(products: Sequence[Product], records: Mapping[str, RowRecord]) -> list[str]:
    """Keys the shop must be asked about: rows in ``add_sent`` and rows the journal never saw."""
    keys: list[str] = []
    for p in products:
        key = p.key
        if not key or "," in key:
            continue
        rec = records.get(key)
        if rec is None or rec.state is RowState.ADD_SENT:
            keys.append(key)
    return list(dict.fromkeys(keys))


def _blocked(product: Product, key: str | None, fp: str, issues: Sequence[Issue]) -> RowWork:
    reasons = tuple(i.message for i in issues if i.is_error) or ("缺少商家编码",)
    return RowWork(product, Action.BLOCKED, key or "", fp, reasons)


def make_plan(
    products: Sequence[Product],
    issues: Mapping[int, Sequence[Issue]],
    records: Mapping[str, RowRecord],
    settings: UploadSettings,
    found_on_shop: Mapping[str, int] | None = None,
) -> Plan:
    """One `RowWork` per product, in sheet order.

    ``found_on_shop`` maps outer_id → num_iid for items a lookup found on the shop (used for rows
    in ``add_sent`` and rows unknown to the journal). A key absent from it was either not looked
    up or not found: rows in ``add_sent`` are then still RECONCILE (never "not listed").
    """
    found = found_on_shop or {}
    current_keys = {p.key for p in products}
    earlier_generated = _earlier_generated_keys(records, current_keys)
    seen: dict[str, int] = {}
    usage: Counter[str] = Counter()
    for p in products:
        usage.update({image_identity(r) for r in p.images})
    works: list[RowWork] = []
    for p in products:
        fp = fingerprint(p)
        key = p.key
        found_issues = row_issues(p, issues)
        if not key or any(i.is_error for i in found_issues):
            works.append(_blocked(p, key, fp, found_issues))
            continue
        if "," in key:  # the lookup joins outer_ids with commas: such a key cannot be checked
            works.append(RowWork(p, Action.BLOCKED, key, fp, (
                f"商家编码“{key}”含有逗号：淘宝按逗号分隔商家编码，请去掉逗号",)))
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
        works.append(_work_for(p, key, fp, records.get(key), found=found, settings=settings,
                               shared=shared))
    plan = Plan(works)
    plan.counts.update(w.action for w in works)
    return plan


def _earlier_generated_keys(records: Mapping[str, RowRecord],
                            current_keys: set[str | None]) -> dict[int, RowRecord]:
    """Rows of this sheet listed (or maybe listed) under a generated key that no row has now,
    by sheet row: the row's title or category was edited after it went up."""
    out: dict[int, RowRecord] = {}
    for rec in records.values():
        if (rec.key.startswith(GENERATED_KEY_PREFIX) and rec.key not in current_keys
                and rec.state in (RowState.LISTED, RowState.ADD_SENT)):
            out[rec.sheet_row] = rec
    return out


def _edited_without_outer_id(rec: RowRecord) -> str:
    listed = f"（宝贝ID {rec.num_iid}）" if rec.num_iid else "（结果待核对）"
    return (f"这一行没有商家编码，之前已按自动编码“{rec.key}”上架{listed}，之后标题或类目改过，"
            f"无法确认是不是同一个商品。为避免重复上架已跳过：如果是同一个商品，请把“{rec.key}”"
            "填到商家编码列再上传；如果是新商品，请给它填一个新的商家编码")


def _work_for(p: Product, key: str, fp: str, rec: RowRecord | None, *,
              found: Mapping[str, int], settings: UploadSettings,
              shared: frozenset[int]) -> RowWork:
    def work(action: Action, *reasons: str, **kw: object) -> RowWork:
        return RowWork(p, action, key, fp, tuple(reasons), shared_pictures=shared,
                       **kw)  # type: ignore[arg-type]

    if rec is None or rec.state is RowState.ADD_SENT:
        if key in found:
            num_iid = found[key]
            if rec is None:
                return work(Action.SKIP,
                            f"店铺中已有商家编码为“{key}”的商品（{num_iid}），未重复上架",
                            num_iid=num_iid)
            return work(Action.RECONCILE, num_iid=num_iid)  # found: the engine records it
        if rec is None:
            return work(Action.CREATE)
        return work(Action.RECONCILE)
    if rec.state is RowState.LISTED:
        if rec.pictures_pending:
            return work(Action.ATTACH, num_iid=rec.num_iid, extras_done=rec.extras_done)
        if settings.update_mode and rec.fingerprint != fp:
            new_price = p.price if p.price is not None and p.price != rec.price else None
            new_num = p.num if p.num is not None and p.num != rec.num else None
            if new_price is not None or new_num is not None:
                return work(Action.UPDATE, num_iid=rec.num_iid, new_price=new_price,
                            new_num=new_num)
            return work(Action.SKIP, "已上架；更新模式只更新价格和库存，其他修改未发送",
                        num_iid=rec.num_iid)
        return work(Action.SKIP, "已上架", num_iid=rec.num_iid)
    if (rec.state is RowState.FAILED and rec.kind == "row" and rec.fingerprint == fp
            and not settings.retry_rejected_unchanged):
        return work(Action.SKIP, f"上次被淘宝拒绝且此行未修改：{rec.message or ''}".rstrip("："))
    return work(Action.CREATE)
