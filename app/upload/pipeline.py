"""The per-row pipeline: pictures (main/extra, detail, colour) → the create call (item.add, or
the schema API's submit: `app.upload.publishers`) → extra pictures → colour pictures, each step
journaled first. Edits of listed rows are `app.upload.edits`.

Runs on a worker thread. ``Doubt`` (the create call may have created the item) propagates to the
engine, which reconciles the row by outer_id; the row stays ``add_sent`` meanwhile.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from app.catalog.model import ImageRef
from app.top.calls import AddedItem
from app.top.client import TopClient
from app.top.errors import ErrorKind, TopError
from app.top.request import FilePart
from app.top.schema import DEFAULT_MAP
from app.upload.control import Caller, CallFailed, QuotaStop, Stopped
from app.upload.events import Event, RowListed, RowOutcome, RowProgress, RowStatus
from app.upload.fields import image_identity, item_fields, sent_fields
from app.upload.journal import Journal, RowState, Scope
from app.upload.pictures import PictureProblem, PictureSpace, ReadyPicture
from app.upload.plan import RowWork
from app.upload.propimg import (
    ColourPicture,
    ColourPid,
    ColourProblem,
    colour_count,
    colour_pictures,
)
from app.upload.publishers import ITEM_ADD, SCHEMA, PublisherUnavailable, PublishRoute
from app.upload.settings import UploadSettings

log = logging.getLogger(__name__)


SCHEMA_READS = frozenset({"alibaba.item.publish.schema.get", "alibaba.item.edit.schema.get"})


def failed(work: RowWork, err: TopError | None = None, *, kind: str = "row", message: str = "",
           num_iid: int | None = None) -> RowOutcome:
    """A failed row. Picture problems get kind ``image`` (not ``row``): the fix is often a new
    file under the same path, which the row fingerprint cannot see, so they are always retried;
    so is a row whose leaf schema Taobao sent unusable (kind ``transient``)."""
    if err is not None:
        kind = "image" if err.code == 3 else str(err.kind)
        if err.method in SCHEMA_READS and (err.sub_code or "").startswith("schema."):
            kind = "transient"  # Taobao's schema was unusable, not the row: try it next run
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


CategoryErrorHook = Callable[[int, str | None, str | None], bool]
"""Told of item.add's row refusals: (cid, sub_code, sub_msg) → True when it was a category error
(the leaf's cached data is then marked stale: `app.categories` wires it, the engine does not
import it)."""


def category_message(cid: int | None, err: TopError) -> str:
    said = (err.sub_msg or err.msg or "").strip()
    rid = f" [request_id: {err.request_id}]" if err.request_id else ""
    return (f"淘宝不接受这一行的类目（{cid}）" + (f"：{said}" if said else "") + "。请在表格里"
            "把「类目」改成一个可用的叶子类目后重新上架；本地保存的这个类目的数据已标记为过期，"
            "下次检查或上架时会重新读取类目树。" + rid)


@dataclass(slots=True)
class Ready:
    """A row's pictures made ready for item.add: main and extra pictures (with their
    picture-space path when they have one), the detail pictures' URLs, the colour pictures'."""

    pics: list[ReadyPicture]
    paths: list[str | None]
    detail_urls: list[str] | None = None
    colour_paths: list[str] = field(default_factory=list)


class RowPipeline:
    def __init__(self, *, journal: Journal, scope: Scope, run_id: int, client: TopClient,
                 caller: Caller, pictures: PictureSpace, settings: UploadSettings,
                 emit: Callable[[Event], None], route: PublishRoute,
                 colour_pid: ColourPid | None = None,
                 on_category_error: CategoryErrorHook | None = None) -> None:
        self.route = route
        self.journal = journal
        self.scope = scope
        self.run_id = run_id
        self.client = client
        self.caller = caller
        self.pictures = pictures
        self.settings = settings
        self.emit = emit
        self.colour_pid = colour_pid
        self.on_category_error = on_category_error

    # -- steps ------------------------------------------------------------------------------
    def progress(self, work: RowWork, step: str) -> None:
        self.emit(RowProgress(work.product.row, work.key, step))

    def fail(self, work: RowWork, outcome: RowOutcome, *, keep_state: bool = False) -> RowOutcome:
        self.journal.mark_error(
            self.scope, work.key, kind=outcome.kind or "row", code=outcome.code,
            sub_code=outcome.sub_code, message=outcome.message, request_id=outcome.request_id,
            state=None if keep_state else RowState.FAILED, fingerprint=work.fingerprint,
        )
        return outcome

    def colours(self, work: RowWork) -> list[ColourPicture]:
        """The row's colour pictures (raises `ColourProblem`)."""
        p = work.product
        pid = self.colour_pid(p.cid) if self.colour_pid is not None and p.cid else None
        return colour_pictures(p, pid)

    def steps_after_add(self, work: RowWork) -> int:
        """Extra pictures + colour pictures to attach once the item exists."""
        p = work.product
        pid = self.colour_pid(p.cid) if self.colour_pid is not None and p.cid else None
        return max(0, len(p.images) - 1) + colour_count(p, pid)

    def _pictures(self, work: RowWork, *, store_all: bool = False
                  ) -> tuple[list[ReadyPicture], list[str | None]]:
        """Every main/extra picture of the row made ready; shared ones (``store_all``: every
        one, as the schema API needs) uploaded to the picture space."""
        self.progress(work, "pictures")
        pics = [self.pictures.prepare(ref, shared=i in work.shared_pictures, is_main=i == 0)
                for i, ref in enumerate(work.product.images)]
        paths: list[str | None] = []
        for i, (ref, pic) in enumerate(zip(work.product.images, pics, strict=True)):
            path = self.pictures.known_path(pic)
            if path is None and (store_all or i in work.shared_pictures
                                 or not self.settings.inline_unique_pictures):
                path = self.pictures.ensure_uploaded(pic, lambda p: self._upload(work, p),
                                                     ref=ref)
            paths.append(path)
        return pics, paths

    def store(self, work: RowWork, ref: ImageRef, *, is_main: bool = False) -> str:
        """One picture in the picture space (uploaded once per content and shop) → its path."""
        shared = image_identity(ref) in work.shared_refs
        pic = self.pictures.prepare(ref, shared=shared, is_main=is_main)
        return self.pictures.ensure_uploaded(pic, lambda p: self._upload(work, p), ref=ref)

    def store_url(self, work: RowWork, ref: ImageRef, *, is_main: bool = False) -> str:
        """`store`, as the absolute URL a schema carries."""
        return _absolute(self.store(work, ref, is_main=is_main))

    def _upload(self, work: RowWork, pic: ReadyPicture) -> tuple[str, int]:
        got = self.caller.call(
            "taobao.picture.upload", lambda: self.client.upload_picture(pic.data, pic.filename),
            row=work.product.row, key=work.key, sha256=pic.sha256, size=pic.size,
        )
        return got.picture_path, got.picture_id

    def _ready(self, work: RowWork, colours: list[ColourPicture], *,
               store_all: bool = False) -> Ready:
        """Everything the create call and the steps after it need, all picture-space uploads
        done."""
        pics, paths = self._pictures(work, store_all=store_all)
        ready = Ready(pics, paths)
        if work.product.detail_images:
            self.progress(work, "detail pictures")
            ready.detail_urls = [self.store(work, ref) for ref in work.product.detail_images]
        ready.colour_paths = [self.store(work, c.ref) for c in colours]
        return ready

    def create(self, work: RowWork) -> RowOutcome:
        """Create the item; raises Doubt (row left add_sent), Stopped or QuotaStop."""
        p = work.product
        path = self.route.path
        try:
            colours = self.colours(work)
            ready = self._ready(work, colours, store_all=path == SCHEMA)
        except ColourProblem as exc:
            return self.fail(work, failed(work, message=str(exc)))
        except PictureProblem as exc:
            return self.fail(work, failed(work, kind="transient" if exc.retryable else "image",
                                           message=str(exc)))
        except CallFailed as exc:
            return self.fail(work, failed(work, exc.err, message="图片上传失败：" +
                                           exc.err.user_message))
        pics, paths = ready.pics, ready.paths
        if any(paths) or ready.detail_urls or ready.colour_paths:
            self.journal.set_state(self.scope, work.key, RowState.IMAGES_UPLOADED,
                                   run_id=self.run_id)
        main_path = paths[0] if paths else None
        fields = item_fields(p, pic_path=main_path, detail_urls=ready.detail_urls)
        if path == SCHEMA:
            return self._submit(work, fields, ready, colours)
        image = FilePart(pics[0].data, pics[0].filename) if pics and not main_path else None
        info: dict[str, object] = {}
        if image is not None:
            info = {"sha256": pics[0].sha256, "size": pics[0].size}
        self._add_sent(work, max(0, len(pics) - 1) + len(colours), ITEM_ADD)
        self.progress(work, "add")
        try:
            added = self._send_create(work, "taobao.item.add",
                                      lambda: self.route.add_item(fields, image), **info)
        except PublisherUnavailable as exc:  # 11/22 under 自动: nothing was created
            self.journal.set_state(self.scope, work.key, RowState.PENDING)
            self.route.switch(exc.err)
            return self.create(work)  # again, through the schema API
        except CallFailed as exc:
            return self.fail(work, self._refused(work, exc.err))
        self.journal.mark_listed(self.scope, work.key, added.num_iid,
                                 request_id=added.request_id or None, created=True)
        self.emit(RowListed(p.row, work.key, added.num_iid, "created"))
        return self.attach(work, added.num_iid, start=0, ready=ready,
                           request_id=added.request_id or None, created=True)

    def _add_sent(self, work: RowWork, extras_total: int, via: str) -> None:
        p = work.product
        self.journal.mark_add_sent(self.scope, work.key, fingerprint=work.fingerprint,
                                   price=p.price, num=p.num, extras_total=extras_total,
                                   run_id=self.run_id, sent=sent_fields(p), via=via)

    def _send_create(self, work: RowWork, method: str, send: Callable[[], AddedItem],
                     **info: object) -> AddedItem:
        """The create call under the policy; a quota or stop before it left puts the row back
        (`QuotaStop`/`Stopped` are raised only before a send or after a clean refusal)."""
        try:
            return self.caller.call(method, send, row=work.product.row, key=work.key,
                                    creates=True, **info)
        except QuotaStop:  # nothing was created: the quota error is a clean answer
            self.journal.set_state(self.scope, work.key, RowState.WAITING_QUOTA)
            raise
        except Stopped:
            self.journal.set_state(self.scope, work.key, RowState.PENDING)
            raise

    def _submit(self, work: RowWork, fields: dict[str, object], ready: Ready,
                colours: list[ColourPicture]) -> RowOutcome:
        """The schema path: the leaf's schema (read once per run) filled and checked locally,
        then ``alibaba.item.publish.submit`` with every picture's URL (the extra pictures ride
        in it: only the colour pictures are attached after)."""
        p = work.product
        urls = [_absolute(path) for path in ready.paths if path]
        schema = self.route.schema
        self.progress(work, "schema")
        try:
            prepared = self.caller.call(
                "alibaba.item.publish.schema.get", lambda: schema.prepare(fields, urls),
                row=p.row, key=work.key)
        except CallFailed as exc:
            return self.fail(work, self._refused(work, exc.err))
        extras = max(0, len(urls) - 1)
        self._add_sent(work, extras + len(colours), SCHEMA)
        self.progress(work, "submit")
        try:
            added = self._send_create(work, "alibaba.item.publish.submit",
                                      lambda: schema.submit(fields, prepared))
        except CallFailed as exc:
            return self.fail(work, self._refused(work, exc.err))
        self.journal.mark_listed(self.scope, work.key, added.num_iid, extras_done=extras,
                                 request_id=added.request_id or None, created=True)
        self.emit(RowListed(p.row, work.key, added.num_iid, "created"))
        return self.attach(work, added.num_iid, start=extras, ready=ready,
                           request_id=added.request_id or None, created=True)

    def attach_start(self, work: RowWork) -> int:
        """Where attaching starts for an item found after a doubtful create: a schema submit
        carried the extra pictures, item.add did not."""
        rec = self.journal.get(self.scope, work.key)
        return max(0, len(work.product.images) - 1) if rec is not None and rec.via == SCHEMA else 0

    def give_up(self, work: RowWork, tries: int) -> RowOutcome:
        """item.add sent ``tries`` times this run, never answered, not created: stop the row."""
        return self.fail(work, failed(work, kind="transient", message=(
            f"本次已尝试上架 {tries} 次都没有得到淘宝的答复（核对确认未上架），"
            "先停止此行，请稍后重新运行。")))

    def _refused(self, work: RowWork, err: TopError) -> RowOutcome:
        """The create call refused the row; a category error also marks the leaf's data stale
        (and the run reads the leaf's schema again)."""
        hook, cid = self.on_category_error, work.product.cid
        if hook is not None and cid is not None and err.kind is ErrorKind.ROW:
            try:
                is_category = hook(cid, err.sub_code, err.sub_msg)
            except Exception:
                log.exception("category error hook failed for cid %s", cid)
                is_category = False
            if is_category:
                self.route.schema.forget(cid)
                return failed(work, err, message=category_message(cid, err))
        return failed(work, err)

    def attach(self, work: RowWork, num_iid: int, *, start: int, ready: Ready | None = None,
               request_id: str | None = None, created: bool = False) -> RowOutcome:
        """Attach the extra pictures, then the colour pictures, from step ``start`` on, to a
        listed item (journaled one by one: `extras_done`)."""
        p = work.product
        extras = max(0, len(p.images) - 1)
        try:
            colours = self.colours(work)
            if extras + len(colours) <= start:
                return listed(work, num_iid, request_id, created=created)
            if ready is None:
                pics, paths = self._pictures(work) if start < extras else ([], [])
                ready = Ready(pics, paths, colour_paths=[
                    self.store(work, c.ref) if extras + i >= start else ""
                    for i, c in enumerate(colours)])
        except (ColourProblem, PictureProblem) as exc:
            return self.fail(work, failed(work, message=f"商品已上架（{num_iid}），但附图或颜色图"
                                           f"不可用：{exc}", num_iid=num_iid), keep_state=True)
        except CallFailed as exc:
            return self.fail(work, failed(work, exc.err, num_iid=num_iid), keep_state=True)
        for idx in range(start, extras + len(colours)):
            try:
                if idx < extras:
                    self._extra(work, num_iid, idx, extras, ready)
                else:
                    c = colours[idx - extras]
                    self.progress(work, f"colour {idx - extras + 1}/{len(colours)}")
                    path = ready.colour_paths[idx - extras]
                    self.caller.call(
                        "taobao.item.joint.propimg",
                        lambda c=c, path=path: self.client.joint_prop_image(
                            num_iid, c.properties, path),
                        row=p.row, key=work.key, num_iid=num_iid, properties=c.properties)
            except CallFailed as exc:
                what = (f"第 {idx + 1} 张附图" if idx < extras
                        else f"颜色「{colours[idx - extras].name}」的颜色图")
                message = f"商品已上架（{num_iid}），但{what}未能添加：{exc.err.user_message}"
                return self.fail(work, failed(work, exc.err, message=message, num_iid=num_iid),
                                  keep_state=True)
            self.journal.mark_extra_done(self.scope, work.key, idx + 1)
        return listed(work, num_iid, request_id, created=created)

    def _extra(self, work: RowWork, num_iid: int, idx: int, extras: int, ready: Ready) -> None:
        """Extra picture ``idx`` (0-based): by picture-space path, or as a file."""
        pic, path = ready.pics[idx + 1], ready.paths[idx + 1]
        position = self.settings.picture_position_base + idx
        self.progress(work, f"extra {idx + 1}/{extras}")
        if path:
            self.caller.call(
                "taobao.item.joint.img",
                lambda: self.client.joint_item_image(num_iid, path, position),
                row=work.product.row, key=work.key, num_iid=num_iid, sha256=pic.sha256)
        else:
            self.caller.call(
                "taobao.item.img.upload",
                lambda: self.client.upload_item_image(num_iid, pic.data, pic.filename, position),
                row=work.product.row, key=work.key, num_iid=num_iid, sha256=pic.sha256,
                size=pic.size)

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


def _absolute(path: str) -> str:
    """A picture-space path as the URL a schema carries."""
    return path if "://" in path else DEFAULT_MAP.picture_host + path.lstrip("/")
