"""The per-row pipeline: pictures → item.add → extra pictures, each step journaled first.

Runs on a worker thread. ``Doubt`` (item.add may have created the item) propagates to the
engine, which reconciles the row by outer_id; the row stays ``add_sent`` meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from app.top.client import TopClient
from app.top.errors import TopError
from app.top.request import FilePart
from app.upload.control import Caller, CallFailed, QuotaStop, Stopped
from app.upload.events import Event, RowListed, RowOutcome, RowProgress, RowStatus
from app.upload.fields import item_fields, sent_fields
from app.upload.journal import Journal, RowState, Scope
from app.upload.pictures import PictureProblem, PictureSpace, ReadyPicture
from app.upload.plan import RowWork
from app.upload.settings import UploadSettings


def failed(work: RowWork, err: TopError | None = None, *, kind: str = "row", message: str = "",
           num_iid: int | None = None) -> RowOutcome:
    """A failed row. Picture problems get kind ``image`` (not ``row``): the fix is often a new
    file under the same path, which the row fingerprint cannot see, so they are always retried."""
    if err is not None:
        kind = "image" if err.code == 3 else str(err.kind)
        return RowOutcome(work.product.row, work.key, RowStatus.FAILED, num_iid, kind,
                          err.code, err.sub_code, message or err.user_message, err.request_id,
                          datetime.now(UTC))
    return RowOutcome(work.product.row, work.key, RowStatus.FAILED, num_iid, kind,
                      message=message, at=datetime.now(UTC))


def listed(work: RowWork, num_iid: int, request_id: str | None = None, *,
           created: bool = False) -> RowOutcome:
    """A listed row; unless this run ``created`` its item, it names the changes of the row that
    Taobao does not have (`RowWork.unsent`, explained in its reasons)."""
    say = not created and bool(work.unsent or work.adopt_from)
    message = "；".join(work.reasons) if say else ""
    unsent = () if created else work.unsent
    return RowOutcome(work.product.row, work.key, RowStatus.LISTED, num_iid, message=message,
                      request_id=request_id, at=datetime.now(UTC), unsent=unsent)


class RowPipeline:
    def __init__(self, *, journal: Journal, scope: Scope, run_id: int, client: TopClient,
                 caller: Caller, pictures: PictureSpace, settings: UploadSettings,
                 emit: Callable[[Event], None]) -> None:
        self.journal = journal
        self.scope = scope
        self.run_id = run_id
        self.client = client
        self.caller = caller
        self.pictures = pictures
        self.settings = settings
        self.emit = emit

    # -- steps ------------------------------------------------------------------------------
    def _progress(self, work: RowWork, step: str) -> None:
        self.emit(RowProgress(work.product.row, work.key, step))

    def _fail(self, work: RowWork, outcome: RowOutcome, *, keep_state: bool = False) -> RowOutcome:
        self.journal.mark_error(
            self.scope, work.key, kind=outcome.kind or "row", code=outcome.code,
            sub_code=outcome.sub_code, message=outcome.message, request_id=outcome.request_id,
            state=None if keep_state else RowState.FAILED, fingerprint=work.fingerprint,
        )
        return outcome

    def _pictures(self, work: RowWork) -> tuple[list[ReadyPicture], list[str | None]]:
        """Every picture of the row made ready; shared ones uploaded to the picture space."""
        self._progress(work, "pictures")
        pics = [self.pictures.prepare(ref, shared=i in work.shared_pictures, is_main=i == 0)
                for i, ref in enumerate(work.product.images)]
        paths: list[str | None] = []
        for i, pic in enumerate(pics):
            path = self.pictures.known_path(pic)
            if path is None and (i in work.shared_pictures
                                 or not self.settings.inline_unique_pictures):
                path = self.pictures.ensure_uploaded(pic, lambda p: self._upload(work, p))
            paths.append(path)
        return pics, paths

    def _upload(self, work: RowWork, pic: ReadyPicture) -> tuple[str, int]:
        got = self.caller.call(
            "taobao.picture.upload", lambda: self.client.upload_picture(pic.data, pic.filename),
            row=work.product.row, key=work.key, sha256=pic.sha256, size=pic.size,
        )
        return got.picture_path, got.picture_id

    def create(self, work: RowWork) -> RowOutcome:
        """Create the item; raises Doubt (row left add_sent), Stopped or QuotaStop."""
        p = work.product
        try:
            pics, paths = self._pictures(work)
        except PictureProblem as exc:
            return self._fail(work, failed(work, kind="transient" if exc.retryable else "image",
                                           message=str(exc)))
        except CallFailed as exc:
            return self._fail(work, failed(work, exc.err, message="图片上传失败：" +
                                           exc.err.user_message))
        if any(paths):
            self.journal.set_state(self.scope, work.key, RowState.IMAGES_UPLOADED,
                                   run_id=self.run_id)
        main_path = paths[0] if paths else None
        fields = item_fields(p, pic_path=main_path)
        image = FilePart(pics[0].data, pics[0].filename) if pics and not main_path else None
        info: dict[str, object] = {}
        if image is not None:
            info = {"sha256": pics[0].sha256, "size": pics[0].size}
        self.journal.mark_add_sent(self.scope, work.key, fingerprint=work.fingerprint,
                                   price=p.price, num=p.num, extras_total=max(0, len(pics) - 1),
                                   run_id=self.run_id, sent=sent_fields(p))
        self._progress(work, "add")
        try:
            added = self.caller.call(
                "taobao.item.add", lambda: self.client.add_item(fields, image),
                row=p.row, key=work.key, creates=True, **info,
            )
        except QuotaStop:  # nothing was created: the quota error is a clean answer
            self.journal.set_state(self.scope, work.key, RowState.WAITING_QUOTA)
            raise
        except Stopped:  # raised only before a send or after a not-executed failure
            self.journal.set_state(self.scope, work.key, RowState.PENDING)
            raise
        except CallFailed as exc:
            return self._fail(work, failed(work, exc.err))
        self.journal.mark_listed(self.scope, work.key, added.num_iid,
                                 request_id=added.request_id or None)
        self.emit(RowListed(p.row, work.key, added.num_iid, "created"))
        return self.attach(work, added.num_iid, start=0, ready=(pics, paths),
                           request_id=added.request_id or None, created=True)

    def attach(self, work: RowWork, num_iid: int, *, start: int,
               ready: tuple[list[ReadyPicture], list[str | None]] | None = None,
               request_id: str | None = None, created: bool = False) -> RowOutcome:
        """Attach extra pictures ``start``… to a listed item (journaled one by one)."""
        if len(work.product.images) <= start + 1:
            return listed(work, num_iid, request_id, created=created)
        try:
            pics, paths = ready if ready is not None else self._pictures(work)
        except PictureProblem as exc:
            return self._fail(work, failed(work, message=f"商品已上架（{num_iid}），但附图不可用："
                                           f"{exc}", num_iid=num_iid), keep_state=True)
        except CallFailed as exc:
            return self._fail(work, failed(work, exc.err, num_iid=num_iid), keep_state=True)
        extras = len(pics) - 1
        for idx in range(start, extras):
            pic, path = pics[idx + 1], paths[idx + 1]
            position = self.settings.picture_position_base + idx
            self._progress(work, f"extra {idx + 1}/{extras}")
            try:
                if path:
                    self.caller.call(
                        "taobao.item.joint.img",
                        lambda path=path, position=position: self.client.joint_item_image(
                            num_iid, path, position),
                        row=work.product.row, key=work.key, num_iid=num_iid, sha256=pic.sha256)
                else:
                    self.caller.call(
                        "taobao.item.img.upload",
                        lambda pic=pic, position=position: self.client.upload_item_image(
                            num_iid, pic.data, pic.filename, position),
                        row=work.product.row, key=work.key, num_iid=num_iid, sha256=pic.sha256,
                        size=pic.size)
            except CallFailed as exc:
                message = (f"商品已上架（{num_iid}），但第 {idx + 1} 张附图未能添加："
                           f"{exc.err.user_message}")
                return self._fail(work, failed(work, exc.err, message=message, num_iid=num_iid),
                                  keep_state=True)
            self.journal.mark_extra_done(self.scope, work.key, idx + 1)
        return listed(work, num_iid, request_id, created=created)

    def update(self, work: RowWork) -> RowOutcome:
        """Update mode: send only the price and/or stock that changed."""
        num_iid = work.num_iid
        assert num_iid is not None
        row, key = work.product.row, work.key
        try:
            if work.new_price is not None:
                self._progress(work, "update price")
                price = work.new_price
                self.caller.call("taobao.item.price.update",
                                 lambda: self.client.update_price(num_iid, price),
                                 row=row, key=key, num_iid=num_iid)
            if work.new_num is not None:
                self._progress(work, "update stock")
                num = work.new_num
                self.caller.call("taobao.item.quantity.update",
                                 lambda: self.client.update_quantity(num_iid, num),
                                 row=row, key=key, num_iid=num_iid)
        except CallFailed as exc:
            return self._fail(work, failed(work, exc.err, num_iid=num_iid), keep_state=True)
        # only what was sent: the other changes stay unsent in the journal's copy
        self.journal.mark_updated(self.scope, key, price=work.new_price, num=work.new_num)
        self.emit(RowListed(row, key, num_iid, "updated", work.unsent))
        return listed(work, num_iid)

    def already_listed(self, work: RowWork, num_iid: int) -> RowOutcome:
        """A row whose item exists already (journal, or found on the shop by the plan)."""
        rec = self.journal.get(self.scope, work.key)
        if rec is not None and rec.state is not RowState.LISTED:
            self.journal.mark_listed(self.scope, work.key, num_iid, fingerprint=work.fingerprint)
        self.emit(RowListed(work.product.row, work.key, num_iid, "already", work.unsent))
        return listed(work, num_iid)

    def adopt(self, work: RowWork) -> None:
        """The row's new 商家编码 is the item listed under ``work.adopt_from``: journal it."""
        old = self.journal.get(self.scope, work.adopt_from or "")
        if old is not None and work.num_iid is not None:
            self.journal.adopt(self.scope, work.key, work.product.row, old, work.num_iid)
