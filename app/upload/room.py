"""Room in the shop's picture space: checked before a run, and a full space stops the run.

taobao-props.md §6/§8: a full picture space (``PICTURE_OVER_AVAILSPACE``, 图片空间容量不足) is
the most common upload failure; it is a reason to stop the run, not a failure per row.

- **Before the run.** "A run that adds many pictures" is any run that will put at least one
  picture in the picture space (a detail picture, a colour picture, a picture several rows
  share) that the journal does not already know there: the check costs one
  ``taobao.picture.userinfo.get``, so it is made whenever there is anything to upload. The bytes
  are estimated without reading the pictures: a file's size, an embedded picture's size, and
  `pictures.TYPICAL_PICTURE_BYTES` for a URL (each capped at 3 MB); pictures the journal knows
  were uploaded already (their last prepared content is in the picture space) count nothing. If
  the estimate does not fit in ``remaining_space``, nothing is sent and the run stops with one
  message saying how much is needed and how much is free. If the room cannot be read (no
  permission, network), the run goes on: a full space still stops it at the first refusal.
- **During the run.** The first call answered ``PICTURE_OVER_AVAILSPACE`` stops the run
  (`StopReason.PICTURE_SPACE`): the room is asked once more for the message; rows not reached
  stay as they were (pending, or listed with pictures still to attach), none is marked failed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from app.catalog.model import ImageRef
from app.images.errors import human_size
from app.top.client import TopClient
from app.top.errors import TopError
from app.upload.audit import call_context
from app.upload.fields import image_identity
from app.upload.pictures import PicturePreparer, PictureSpace, size_hint
from app.upload.plan import Action, RowWork
from app.upload.propimg import ColourPid, ColourProblem, colour_pictures
from app.upload.settings import UploadSettings

log = logging.getLogger(__name__)
WILL_UPLOAD = (Action.CREATE, Action.RECONCILE, Action.ATTACH)
FREE_SPACE_HINT = "请在淘宝图片空间（千牛 → 商品 → 图片空间）删除不用的图片，或扩容图片空间"


@dataclass(frozen=True, slots=True)
class Need:
    rows: int  # rows with at least one picture to put in the picture space
    pictures: int
    bytes: int


def stored_pictures(work: RowWork, settings: UploadSettings,
                    colour_pid: ColourPid | None = None) -> list[ImageRef]:
    """The row's pictures that go through picture.upload: detail pictures, colour pictures,
    and main/extra pictures several rows share (all of them when nothing is inlined)."""
    p = work.product
    refs = [r for i, r in enumerate(p.images)
            if i in work.shared_pictures or not settings.inline_unique_pictures]
    refs += p.detail_images
    try:
        pid = colour_pid(p.cid) if colour_pid is not None and p.cid is not None else None
        refs += [c.ref for c in colour_pictures(p, pid)]
    except ColourProblem:
        pass  # the row fails before anything is sent
    return refs


def estimate(works: Iterable[RowWork], space: PictureSpace, preparer: PicturePreparer,
             settings: UploadSettings, colour_pid: ColourPid | None = None) -> Need:
    """What the rows will add to the picture space (each picture once, known ones not)."""
    by_row = [stored_pictures(w, settings, colour_pid) for w in works if w.action in WILL_UPLOAD]
    wanted: dict[str, ImageRef] = {}
    for refs in by_row:
        wanted.update((image_identity(r), r) for r in refs)
    known = space.uploaded(wanted.values()) if wanted else set()
    new = {k: r for k, r in wanted.items() if k not in known}
    rows = sum(1 for refs in by_row if any(image_identity(r) in new for r in refs))
    return Need(rows, len(new), sum(size_hint(preparer, r) for r in new.values()))


class PictureRoom:
    """The run's view of the picture space: the check before, the message when it is full."""

    def __init__(self, client: TopClient, space: PictureSpace, preparer: PicturePreparer,
                 settings: UploadSettings, colour_pid: ColourPid | None = None) -> None:
        self.client = client
        self.space = space
        self.preparer = preparer
        self.settings = settings
        self.colour_pid = colour_pid
        self._lock = threading.Lock()
        self.started = False  # True once the check let the run start
        self.free: int | None = None  # remaining bytes, as last read
        self.said = ""  # what Taobao said when it refused a picture
        self.refused: int | None = None  # bytes of the picture it refused
        self.full = False

    def _remaining(self) -> int | None:
        try:
            with call_context(row=None, outer_id=None, attempt=1):
                return self.client.picture_room().remaining
        except TopError as err:
            log.warning("picture space not read: %s", err)
            return None

    def need(self, works: Iterable[RowWork]) -> Need:
        return estimate(works, self.space, self.preparer, self.settings, self.colour_pid)

    def check(self, works: Iterable[RowWork]) -> bool:
        """Before the run: True to go on; False when the pictures do not fit (``full`` set)."""
        need = self.need(works)
        if need.pictures:
            self.free = self._remaining()
            if self.free is not None and need.bytes > self.free:
                self.full = True
                return False
        self.started = True
        return True

    def on_full(self, err: TopError, size: int | None) -> str:
        """A call was refused for lack of room (first one only reads the room again)."""
        with self._lock:
            if not self.full:
                self.full = True
                self.said = (err.sub_msg or err.msg or "").strip()
                self.refused = size
                self.free = self._remaining()
        return self.message(None)

    def message(self, left: Iterable[RowWork] | None) -> str:
        """One Chinese message: what is needed (for the rows ``left``), what is free, what to do."""
        need = self.need(left) if left is not None else None
        free = f"图片空间只剩 {human_size(self.free)}" if self.free is not None else ""
        if not self.started:
            n = need or Need(0, 0, 0)
            free = free or "图片空间没有足够的空间"
            return (f"图片空间容量不足，上架没有开始：这次有 {n.rows} 行要往图片空间上传约 "
                    f"{n.pictures} 张图片（约 {human_size(n.bytes)}），{free}。"
                    f"{FREE_SPACE_HINT}后，再运行同一表格；没有发送任何商品。")
        said = f"（淘宝提示：{self.said}）" if self.said else ""
        picture = f"，这张图片 {human_size(self.refused)}" if self.refused else ""
        rest = (f"还没处理的 {need.rows} 行约需上传 {need.pictures} 张图片（约 "
                f"{human_size(need.bytes)}）；" if need is not None and need.pictures else "")
        return (f"图片空间容量不足，上架已停止{said}：{rest}{free or '图片空间已满'}{picture}。"
                f"{FREE_SPACE_HINT}后，再运行同一表格继续：已上架的不会重复上架，"
                "没处理的行保持原样。")
