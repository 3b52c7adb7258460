"""The pure plan: create / skip / reconcile / attach / update / blocked."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from app.catalog.keys import assign_keys
from app.catalog.model import ImageRef, ImageSource, Issue, Product, Severity, Sku
from app.catalog.rules import validate
from app.catalog.settings import ListingDefaults
from app.upload import fields
from app.upload.fields import sent_fields
from app.upload.journal import Journal, RowState, Scope
from app.upload.plan import Action, fingerprint, lookup_keys, make_plan
from app.upload.settings import UploadSettings

SCOPE = Scope("shop", "local", "sheet")


def product(row: int, key: str | None, **kw: object) -> Product:
    base: dict[str, object] = {"title": f"商品{row}", "price": Decimal("10.00"), "num": 5}
    base.update(kw)
    return Product(row=row, outer_id=key, **base)  # type: ignore[arg-type]


def test_fingerprint_changes_with_content_not_row() -> None:
    a = product(2, "K", title="红色T恤")
    b = product(9, "K", title="红色T恤")
    assert fingerprint(a) == fingerprint(b)
    assert fingerprint(a) != fingerprint(product(2, "K", title="蓝色T恤"))


def test_fingerprint_follows_the_sent_fields_without_a_list(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The fingerprint is derived from what item.add sends: a field item_fields starts sending
    changes it, nothing else to edit; what is never sent (cost, unmapped columns) does not."""
    p = product(2, "K", title="红色T恤", cid=50000671)
    before = fingerprint(p)
    assert fingerprint(product(2, "K", title="红色T恤", cid=50000671, cost=Decimal("3"),
                               extra={"备注": "x"})) == before
    real = fields.item_fields
    monkeypatch.setattr(fields, "item_fields",
                        lambda p, **kw: {**real(p, **kw), "brand_new_field": "x"})
    assert fingerprint(p) != before
    assert sent_fields(p)["brand_new_field"] == "x"


def test_plan_actions(tmp_path: Path) -> None:
    err = Issue(Severity.ERROR, "title", "title.too_long", "标题 64 字节，超过 60 字节上限")
    rows = [
        product(2, "NEW"),
        product(3, "LISTED"),
        product(4, "SENT"),
        product(5, "BAD"),
        product(6, None),
        product(7, "NEW"),  # duplicate key
        product(8, "ONSHOP"),
        product(9, "REJECTED"),
        product(10, "CHANGED", price=Decimal("12.00")),
        product(11, "PICS"),
    ]
    with Journal(tmp_path / "j.sqlite3") as j:
        for p in rows:
            if p.key in {"LISTED", "SENT", "REJECTED", "CHANGED", "PICS"}:
                j.ensure_row(SCOPE, p.key, p.row, fingerprint(p))
        j.mark_add_sent(SCOPE, "LISTED", fingerprint=fingerprint(rows[1]), price=None, num=5,
                        extras_total=0)
        j.mark_listed(SCOPE, "LISTED", 1)
        j.mark_add_sent(SCOPE, "SENT", fingerprint="x", price=None, num=5, extras_total=0)
        j.mark_error(SCOPE, "REJECTED", kind="row", code=15, sub_code="isv.x", message="违禁词",
                     request_id=None, fingerprint=fingerprint(rows[7]))
        j.mark_add_sent(SCOPE, "CHANGED", fingerprint="old", price=Decimal("10.00"), num=5,
                        extras_total=0)
        j.mark_listed(SCOPE, "CHANGED", 3)
        j.mark_add_sent(SCOPE, "PICS", fingerprint=fingerprint(rows[9]), price=None, num=5,
                        extras_total=2)
        j.mark_listed(SCOPE, "PICS", 4)
        records = j.rows(SCOPE)
    assert records["SENT"].state is RowState.ADD_SENT

    assert lookup_keys(rows, records) == ["NEW", "SENT", "BAD", "ONSHOP"]
    issues = {5: [err]}
    plan = make_plan(rows, issues, records, UploadSettings(), found_on_shop={"ONSHOP": 77})
    actions = [(w.product.row, w.action) for w in plan.works]
    assert actions == [
        (2, Action.CREATE), (3, Action.SKIP), (4, Action.RECONCILE), (5, Action.BLOCKED),
        (6, Action.BLOCKED), (7, Action.BLOCKED), (8, Action.SKIP), (9, Action.SKIP),
        (10, Action.UPDATE), (11, Action.ATTACH),
    ]
    assert by_row_reason(plan, 3) == ("已上架",)
    by_row = {w.product.row: w for w in plan.works}
    assert by_row[5].reasons == ("标题 64 字节，超过 60 字节上限",)
    assert "第 2 行重复" in by_row[7].reasons[0]
    assert by_row[8].num_iid == 77
    assert "违禁词" in by_row[9].reasons[0]

    assert by_row[10].edits == ("price",)  # a rerun sends what changed
    kept = make_plan(rows, issues, records, UploadSettings(send_edits=False,
                                                           retry_rejected_unchanged=True))
    by_row = {w.product.row: w for w in kept.works}
    assert (by_row[10].action, by_row[10].unsent) == (Action.SKIP, ("价格",))
    assert by_row[9].action is Action.CREATE
    assert by_row[8].action is Action.CREATE  # not looked up / not found


def test_comma_in_key_is_blocked_by_the_rules_with_its_cell() -> None:
    """One rule (catalog.rules) refuses a comma in 商家编码; the plan blocks on its error."""
    rows = [product(2, "A,B", columns={"outer_id": "A"}), product(3, "C")]
    outer_id_rules = {r: [i for i in found if i.field == "outer_id"]
                      for r, found in validate(rows).items()}
    plan = make_plan(rows, outer_id_rules, {}, UploadSettings())
    assert [w.action for w in plan.works] == [Action.BLOCKED, Action.CREATE]
    (comma,) = [r for r in plan.works[0].reasons if "逗号" in r]
    assert comma.startswith("A2 ")


def by_row_reason(plan, row: int) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    return next(w.reasons for w in plan.works if w.product.row == row)


def _listed(j: Journal, p: Product, num_iid: int) -> None:
    assert p.key is not None
    j.ensure_row(SCOPE, p.key, p.row, fingerprint(p))
    j.mark_add_sent(SCOPE, p.key, fingerprint=fingerprint(p), price=p.price, num=p.num,
                    extras_total=max(0, len(p.images) - 1), sent=sent_fields(p))
    j.mark_listed(SCOPE, p.key, num_iid)
    j.mark_extra_done(SCOPE, p.key, max(0, len(p.images) - 1))


def test_listed_row_edited_later_lists_what_is_not_on_taobao(tmp_path: Path) -> None:
    """An edit after listing is not forgotten: every plan names the fields Taobao lacks."""
    a_jpg, b_jpg = ImageRef(ImageSource.PATH, "a.jpg"), ImageRef(ImageSource.PATH, "b.jpg")
    sent = [product(2, "K", title="旧标题", cid=1, images=[a_jpg]),
            product(3, "L", title="没改", cid=1, images=[a_jpg, b_jpg])]
    with Journal(tmp_path / "j.sqlite3") as j:
        _listed(j, sent[0], 7)
        _listed(j, sent[1], 8)
        records = j.rows(SCOPE)
    now = [product(2, "K", title="新标题", cid=1, images=[b_jpg], price=Decimal("12.00")),
           product(3, "L", title="没改", cid=1, images=[a_jpg, b_jpg])]
    edited, same = make_plan(now, {}, records, UploadSettings(send_edits=False)).works
    assert (edited.action, edited.num_iid) == (Action.SKIP, 7)
    assert edited.unsent == ("标题", "价格", "主图")
    assert "以下修改未同步到淘宝：标题、价格、主图" in edited.reasons[0]
    assert (same.action, same.unsent, same.reasons) == (Action.SKIP, (), ("已上架",))
    upd, _ = make_plan(now, {}, records, UploadSettings()).works
    assert (upd.action, upd.edits, upd.unsent) == (
        Action.UPDATE, ("title", "price", "main_image"), ())
    now[0].cid = 2  # a new category cannot be sent: said, with why
    moved, _ = make_plan(now, {}, records, UploadSettings()).works
    assert moved.action is Action.UPDATE
    assert "cid" not in moved.edits
    assert moved.unsent[0].startswith("类目（已上架的商品不能用本程序换类目")


def test_row_given_a_shop_code_after_listing_under_a_generated_key_is_recognised(
        tmp_path: Path) -> None:
    """Listed without 商家编码 (generated key), then the user fills one in: same title +
    category → the same item, not a new one; the item still carries the generated outer_id."""
    before = [product(3, None, title="纯棉T恤 白", cid=50000671),
              product(4, None, title="纯棉T恤 白", cid=50000671),  # a twin: its own key
              product(5, None, title="帽子", cid=50000671)]
    assign_keys(before)
    keys = [p.key for p in before]
    with Journal(tmp_path / "j.sqlite3") as j:
        for n, p in enumerate(before):
            _listed(j, p, 1003 + n)
        records = j.rows(SCOPE)
    after = [product(3, "WHITE-1", title="纯棉T恤 白", cid=50000671),
             product(4, "WHITE-2", title="纯棉T恤 白", cid=50000671),
             product(5, None, title="帽子", cid=50000671),
             product(6, "WHITE-3", title="纯棉T恤 白", cid=50000671)]  # a third one: new
    assign_keys(after)
    first, second, cap, third = make_plan(after, {}, records, UploadSettings(send_edits=False),
                                          sheet=SCOPE.sheet).works
    assert (first.action, first.num_iid, first.adopt_from) == (Action.SKIP, 1003, keys[0])
    assert (second.action, second.num_iid, second.adopt_from) == (Action.SKIP, 1004, keys[1])
    assert "宝贝ID 1003" in first.reasons[0]
    assert f"商家编码“{keys[0]}”" in first.reasons[0]
    assert "WHITE-1" in first.reasons[0]
    assert first.unsent == ("商家编码",)
    assert cap.action is Action.SKIP
    assert third.action is Action.CREATE
    # the candidates are still asked about only under their own keys
    assert lookup_keys(after, records) == ["WHITE-1", "WHITE-2", "WHITE-3"]
    # found on the shop under the new code (e.g. changed on Taobao by hand): that wins
    found = make_plan(after, {}, records, UploadSettings(), found_on_shop={"WHITE-1": 99})
    assert (found.works[0].num_iid, found.works[0].adopt_from) == (99, None)


def test_shared_pictures_are_marked() -> None:
    logo = ImageRef(ImageSource.PATH, "pics/logo.jpg")
    rows = [
        product(2, "A", images=[ImageRef(ImageSource.PATH, "a.jpg"), logo]),
        product(3, "B", images=[ImageRef(ImageSource.PATH, "b.jpg"), logo]),
    ]
    plan = make_plan(rows, {}, {}, UploadSettings())
    assert [w.shared_pictures for w in plan.works] == [frozenset({1}), frozenset({1})]


def test_row_without_outer_id_edited_after_listing_is_not_listed_again(tmp_path: Path) -> None:
    """No 商家编码: the key is made from title + category, so editing the title gives a new key.
    The plan must not create a second item for the same sheet row — it asks the user instead."""
    from app.catalog.keys import assign_keys

    before = [product(3, None, title="纯棉T恤 白", cid=50000671),
              product(4, None, title="纯棉T恤 黑", cid=50000671)]
    assign_keys(before)
    old_key = before[0].key
    assert old_key is not None
    with Journal(tmp_path / "j.sqlite3") as j:
        for p in before:
            assert p.key is not None
            j.ensure_row(SCOPE, p.key, p.row, fingerprint(p))
            j.mark_add_sent(SCOPE, p.key, fingerprint=fingerprint(p), price=None, num=5,
                            extras_total=0)
            j.mark_listed(SCOPE, p.key, 1000 + p.row)
        records = j.rows(SCOPE)

    after = [product(3, None, title="纯棉T恤 白色 加厚", cid=50000671),  # title edited
             product(4, None, title="纯棉T恤 黑", cid=50000671),  # unchanged
             product(5, None, title="全新的帽子", cid=50000671)]  # a new row
    assign_keys(after)
    plan = make_plan(after, {}, records, UploadSettings())
    edited, unchanged, new = plan.works
    assert edited.action is Action.BLOCKED
    assert old_key in edited.reasons[0]
    assert "1003" in edited.reasons[0]
    assert unchanged.action is Action.SKIP
    assert new.action is Action.CREATE

    # the user copies the old key into 商家编码: the row is recognised as listed
    fixed = [product(3, old_key, title="纯棉T恤 白色 加厚", cid=50000671)]
    (work,) = make_plan(fixed, {}, records, UploadSettings()).works
    assert work.action is not Action.CREATE
    assert work.action is not Action.BLOCKED


def test_detail_and_colour_pictures_are_sent_fields_by_identity(tmp_path: Path) -> None:
    """An edit of a detail picture (another file, one more, another order) or of a colour
    picture is a change Taobao does not have; the picture-space path never counts."""
    d1, d2 = (ImageRef(ImageSource.PATH, f"pics/d{i}.jpg") for i in (1, 2))
    red = ImageRef(ImageSource.PATH, "pics/red.jpg")

    def row(**kw: object) -> Product:
        base: dict[str, object] = {"detail_images": [d1, d2], "skus": [
            Sku("1627207:28326;20509:28314", 1, Decimal("10.00"), image=red),
            Sku("1627207:28326;20509:28315", 1, Decimal("10.00"), image=red)]}
        base.update(kw)
        return product(2, "K", desc="纯棉", **base)

    listed = row()
    doc = sent_fields(listed)
    assert doc["desc"] == "纯棉"  # the text: the HTML depends on picture-space paths
    assert doc["detail_images"] == ["path:pics/d1.jpg", "path:pics/d2.jpg"]
    assert doc["sku_images"] == ["path:pics/red.jpg", "path:pics/red.jpg"]
    with Journal(tmp_path / "j.db") as j:
        j.ensure_row(SCOPE, "K", 2, fingerprint(listed))
        j.mark_add_sent(SCOPE, "K", fingerprint=fingerprint(listed), price=None, num=5,
                        extras_total=1, sent=sent_fields(listed))
        j.mark_listed(SCOPE, "K", 77)
        j.mark_extra_done(SCOPE, "K", 1)
        records = j.rows(SCOPE)
    edits = {
        "another file": row(detail_images=[d1, ImageRef(ImageSource.PATH, "pics/d3.jpg")]),
        "reordered": row(detail_images=[d2, d1]),
        "one more": row(detail_images=[d1, d2, d2]),
        "new colour picture": row(skus=[
            Sku("1627207:28326;20509:28314", 1, Decimal("10.00"), image=d1),
            Sku("1627207:28326;20509:28315", 1, Decimal("10.00"), image=d1)]),
    }
    assert make_plan([listed], {}, records, UploadSettings()).works[0].unsent == ()
    for what, edited in edits.items():
        work = make_plan([edited], {}, records, UploadSettings(send_edits=False)).works[0]
        assert work.action is Action.SKIP, what
        assert fingerprint(edited) != fingerprint(listed), what
        wanted = "颜色图" if "colour" in what else "详情图"
        assert work.unsent == (wanted,), what
        sending = make_plan([edited], {}, records, UploadSettings()).works[0]
        field = "sku_images" if "colour" in what else "detail_images"
        assert (sending.action, sending.edits, sending.unsent) == (Action.UPDATE, (field,), ())


def test_a_detail_picture_shared_by_rows_is_marked_and_a_too_long_description_blocked() -> None:
    logo = ImageRef(ImageSource.PATH, "pics/logo.jpg")
    rows = [
        product(2, "A", desc="一", detail_images=[ImageRef(ImageSource.PATH, "a.jpg"), logo]),
        product(3, "B", desc="字" * 24_900, detail_images=[logo]),
        product(4, "C", desc="二", images=[logo]),
    ]
    plan = make_plan(rows, {}, {}, UploadSettings())  # no validation by the caller
    assert plan.works[0].shared_refs == frozenset({"path:pics/logo.jpg"})
    assert plan.works[2].shared_pictures == frozenset({0})
    assert plan.works[1].action is Action.BLOCKED
    assert "详情图" in plan.works[1].reasons[0]
    issues = validate(rows, ListingDefaults())  # validated: said once, not twice
    assert len(make_plan(rows, issues, {}, UploadSettings()).works[1].reasons) == len(
        [i for i in issues[3] if i.is_error])
