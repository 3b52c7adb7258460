"""Undo a run: take down every item an upload run created, put them back, or delete them.

Plain Python for `taoshelf undo` and the window's 上架记录 (which runs it on a worker thread):

    items = pending(journal, run, UndoAction.TAKE_DOWN)     # what the confirmation counts
    with open_undo(connection, publish_path) as undo:        # client, journal, the shop's lock
        summary = undo.run(run_id, UndoAction.TAKE_DOWN)     # undo.cancel() from another thread

- **Take down** (撤销这次上架): ``alibaba.item.operate.downshelf`` on a shop on the schema API,
  ``taobao.item.update.delisting`` on an item.add shop; the item goes to the warehouse.
- **Put back** (重新上架): ``alibaba.item.operate.upshelf`` / ``taobao.item.update.listing``
  (with the stock last sent); an item first listed into the warehouse (上架状态 仓库中) is put
  back there: no call.
- **Delete** (删除, a separate, more strongly confirmed action): ``alibaba.item.operate.delete``.

If the shop's family of calls answers 11/22 (the App may not use it), the other family is tried
once and used for the rest. Each item is journaled before and after its call (``down_sent`` →
``taken_down``, like ``add_sent``; every one of these calls may be sent again safely), so an undo
interrupted halfway continues where it stopped when run again. An item Taobao no longer has is
recorded as deleted. A later upload run leaves taken-down and deleted items alone (the plan says
"已撤销上架（…）"). Each undo is a run in the journal too (``kind`` undo / relist / delete).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from app.top.client import TopClient
from app.top.errors import TopError
from app.upload.connection import Connection
from app.upload.control import Caller, CallFailed, RunControl, Stopped
from app.upload.events import Event
from app.upload.journal import Journal, RunInfo, RunItem, Scope, Shelf, default_path
from app.upload.policy import RetryPolicy, Waiter
from app.upload.publishers import ITEM_ADD, SCHEMA, is_unavailable
from app.upload.runlock import RunLock
from app.upload.session import SessionProvider

ITEM_GONE = "isv.item-not-exist"


class UndoAction(StrEnum):
    TAKE_DOWN = "undo"
    RELIST = "relist"
    DELETE = "delete"


VERB = {UndoAction.TAKE_DOWN: "下架", UndoAction.RELIST: "重新上架", UndoAction.DELETE: "删除"}
_WANTED = {  # which shelf states still need the action (None = as listed)
    UndoAction.TAKE_DOWN: {None, Shelf.DOWN_SENT, Shelf.UP_SENT},
    UndoAction.RELIST: {Shelf.TAKEN_DOWN, Shelf.DOWN_SENT, Shelf.UP_SENT},
    UndoAction.DELETE: {None, Shelf.DOWN_SENT, Shelf.TAKEN_DOWN, Shelf.UP_SENT,
                        Shelf.DELETE_SENT},
}
_SENT = {UndoAction.TAKE_DOWN: Shelf.DOWN_SENT, UndoAction.RELIST: Shelf.UP_SENT,
         UndoAction.DELETE: Shelf.DELETE_SENT}
_DONE = {UndoAction.TAKE_DOWN: Shelf.TAKEN_DOWN, UndoAction.RELIST: None,
         UndoAction.DELETE: Shelf.DELETED}


def pending(journal: Journal, run: RunInfo, action: UndoAction) -> list[RunItem]:
    """The items of ``run`` the action still has to do (read from the journal: no call)."""
    return [i for i in journal.run_items(run.shop, run.env, run.id)
            if i.shelf in _WANTED[action]]


@dataclass(frozen=True, slots=True)
class ItemDone:
    """Told per item as it is done (``ok``) or not (``message``, Chinese)."""

    item: RunItem
    ok: bool
    done: int  # items handled so far
    total: int
    message: str = ""


@dataclass(slots=True)
class UndoSummary:
    action: UndoAction
    run_id: int
    total: int = 0  # items the action had to do
    done: int = 0
    gone: int = 0  # no longer on Taobao: recorded as deleted
    failed: list[tuple[RunItem, str]] = field(default_factory=list)
    stopped: str = ""  # why it stopped early (Chinese), "" when it went through

    @property
    def handled(self) -> int:
        return self.done + self.gone + len(self.failed)

    @property
    def left(self) -> int:
        return self.total - self.handled

    def text(self) -> str:
        verb = VERB[self.action]
        head = (f"第 {self.run_id} 次上架的商品：{verb}了 {self.done} 个"
                + (f"，{self.gone} 个在淘宝上已经不存在（记为已删除）" if self.gone else "")
                + (f"，{len(self.failed)} 个失败" if self.failed else "")
                + (f"，{self.left} 个还没处理" if self.left > 0 else "") + "。")
        lines = [head]
        lines += [f"  宝贝ID {item.num_iid}（{item.key}）：{why}" for item, why in self.failed]
        if self.stopped:
            lines.append(f"已停止：{self.stopped}")
        if self.left > 0 or self.failed:
            lines.append("再次执行同一操作会继续处理剩下的商品（已处理的不会重复）。")
        return "\n".join(lines)


class Undo:
    """Runs one action over one run's items (thread-safe `cancel`)."""

    def __init__(self, client: TopClient, journal: Journal, shop: str, env: str, *,
                 publish_path: str = ITEM_ADD, sessions: SessionProvider | None = None,
                 waiter: Waiter | None = None, policy: RetryPolicy | None = None,
                 on_event: Callable[[Event], None] | None = None) -> None:
        self.client = client
        self.journal = journal
        self.shop, self.env = shop, env
        self.family = publish_path if publish_path in (ITEM_ADD, SCHEMA) else ITEM_ADD
        self.control = RunControl(client, sessions, on_event or (lambda _e: None),
                                  wait_for_quota=False, waiter=waiter)
        self.caller = Caller(self.control, policy or RetryPolicy())
        self._switched = False
        self._lock = threading.Lock()

    def cancel(self, message: str = "已取消") -> None:
        self.control.stop("cancelled", message)

    def run(self, run_id: int, action: UndoAction,
            on_item: Callable[[ItemDone], None] | None = None) -> UndoSummary:
        info = self.journal.run_info(run_id)
        if info is None or (info.shop, info.env) != (self.shop, self.env):
            raise ValueError(f"run {run_id} is not a run of {self.shop} ({self.env})")
        items = pending(self.journal, info, action)
        summary = UndoSummary(action, run_id, total=len(items))
        # its own sheet value: an undo is never taken for an unfinished upload of that sheet
        scope = Scope(self.shop, self.env, f"undo:{info.sheet}", info.sheet_name)
        undo_run = self.journal.start_run(scope, len(items), sheet_name=info.sheet_name,
                                          kind=action.value, target_run=run_id)
        for item in items:
            if self.control.cancel.is_set():
                break
            try:
                gone = self._one(item, action, run_id)
            except Stopped:
                break
            except CallFailed as exc:
                summary.failed.append((item, exc.err.user_message))
                if on_item is not None:
                    on_item(ItemDone(item, False, summary.handled, summary.total,
                                     exc.err.user_message))
                continue
            if gone:
                summary.gone += 1
            else:
                summary.done += 1
            if on_item is not None:
                on_item(ItemDone(item, True, summary.handled, summary.total))
        summary.stopped = self.control.stop_message if self.control.cancel.is_set() else ""
        self.journal.finish_run(
            undo_run, self.control.stop_reason or "completed", summary.stopped,
            counts={"total": summary.total, "done": summary.done, "gone": summary.gone,
                    "failed": len(summary.failed)})
        return summary

    def _one(self, item: RunItem, action: UndoAction, run_id: int) -> bool:
        """Journal, call, journal. True when Taobao no longer has the item."""
        if action is UndoAction.RELIST and item.instock:  # it was listed into the warehouse
            self.journal.set_shelf(self.shop, self.env, item.num_iid, None)
            return False
        self.journal.set_shelf(self.shop, self.env, item.num_iid, _SENT[action], run_id=run_id)
        try:
            self._send(item, action)
        except CallFailed as exc:
            if (exc.err.sub_code or "").endswith(ITEM_GONE):
                self.journal.set_shelf(self.shop, self.env, item.num_iid, Shelf.DELETED)
                return True
            raise
        self.journal.set_shelf(self.shop, self.env, item.num_iid, _DONE[action])
        return False

    def _send(self, item: RunItem, action: UndoAction) -> None:
        client, num_iid = self.client, item.num_iid
        if action is UndoAction.DELETE:
            self._call("alibaba.item.operate.delete", lambda: client.delete_item(num_iid), item)
            return
        stock = item.num if item.num and item.num > 0 else None
        calls = {  # family → (method, send)
            (SCHEMA, UndoAction.TAKE_DOWN): ("alibaba.item.operate.downshelf",
                                             lambda: client.downshelf(num_iid)),
            (ITEM_ADD, UndoAction.TAKE_DOWN): ("taobao.item.update.delisting",
                                               lambda: client.delist(num_iid)),
            (SCHEMA, UndoAction.RELIST): ("alibaba.item.operate.upshelf", lambda: client.upshelf(
                num_iid, None if item.has_skus else stock)),
            (ITEM_ADD, UndoAction.RELIST): ("taobao.item.update.listing",
                                            lambda: client.relist(num_iid, stock or 1)),
        }
        family = self.family
        try:
            self._call(*calls[(family, action)], item, switchable=not self._switched)
        except _Unavailable:
            with self._lock:  # the other family, once, and from now on
                if self.family == family:
                    self.family = SCHEMA if family == ITEM_ADD else ITEM_ADD
                self._switched = True
            self._call(*calls[(self.family, action)], item)

    def _call(self, method: str, send: Callable[[], object], item: RunItem, *,
              switchable: bool = False) -> None:
        def guarded() -> object:
            try:
                return send()
            except TopError as err:
                if switchable and is_unavailable(err):
                    raise _Unavailable(str(err)) from None
                raise
        self.caller.call(method, guarded, key=item.key, num_iid=item.num_iid)


class _Unavailable(Exception):  # noqa: N818
    """This family of calls is not the App's (11/22): try the other one."""


@contextmanager
def open_undo(connection: Connection, publish_path: str, journal_path: Path | None = None,
              on_event: Callable[[Event], None] | None = None) -> Iterator[Undo]:
    """An `Undo` on the shop of ``connection``: its client, the journal, and the shop's run
    lock (no upload runs on the shop meanwhile; `RunLockedError` if one does)."""
    lock = RunLock(connection.shop, connection.env)
    lock.acquire()
    try:
        with (TopClient(connection.config, connection.secret, connection.session,
                        connection.rate_limiter()) as client, Journal(journal_path) as journal):
            yield Undo(client, journal, connection.shop, connection.env,
                       publish_path=publish_path, sessions=connection.sessions,
                       on_event=on_event)
    finally:
        lock.release()


class UndoService:
    """What the window's 上架记录 needs, in plain Python: the runs, the count a confirmation
    states (journal only), and the action itself — `execute` connects and blocks, so call it on
    a worker thread; `cancel` from any thread. ``connect`` makes the shop's `Connection`;
    ``publish_path`` tells its publisher (default: its saved settings)."""

    def __init__(self, connect: Callable[[], Connection], *, shop: str | None = None,
                 env: str | None = None, journal_path: Path | None = None,
                 publish_path: Callable[[Connection], str] | None = None) -> None:
        self._connect = connect
        self.shop, self.env = shop, env
        self.journal_path = journal_path
        self._publish_path = publish_path or _saved_path
        self._lock = threading.Lock()
        self._undo: Undo | None = None
        self._cancelled = False

    def _journal(self) -> Journal | None:
        path = self.journal_path or default_path()
        return Journal(path) if path.exists() else None

    def runs(self, limit: int = 50) -> list[RunInfo]:
        journal = self._journal()
        if journal is None:
            return []
        with journal:
            return journal.run_list(self.shop, self.env, limit=limit)

    def pending(self, run: RunInfo, action: UndoAction) -> int:
        journal = self._journal()
        if journal is None:
            return 0
        with journal:
            return len(pending(journal, run, action))

    def execute(self, run_id: int, action: UndoAction,
                on_item: Callable[[ItemDone], None] | None = None) -> UndoSummary:
        """Connect (keyring, token refresh) and run the action. Raises `ConnectError`,
        `RunLockedError`, or ValueError (Chinese) when the session is another shop's."""
        with self._lock:
            self._cancelled = False
        connection = self._connect()
        journal = self._journal()
        info = None
        if journal is not None:
            with journal:
                info = journal.run_info(run_id)
        if info is None:
            raise ValueError(f"没有编号为 {run_id} 的上架记录。")
        if (connection.shop, connection.env) != (info.shop, info.env):
            raise ValueError(f"第 {run_id} 次上架是店铺“{info.shop}”的，而当前授权的是店铺"
                             f"“{connection.shop}”：请先切换到那个店铺。没有改动任何商品。")
        with open_undo(connection, self._publish_path(connection), self.journal_path) as undo:
            with self._lock:
                self._undo = undo
                if self._cancelled:
                    undo.cancel()
            try:
                return undo.run(run_id, action, on_item)
            finally:
                with self._lock:
                    self._undo = None

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._undo is not None:
                self._undo.cancel("已取消（进行中的请求已完成）")


def _saved_path(connection: Connection) -> str:
    from app import settings_store  # the settings sit above the engine: imported on demand

    return settings_store.load(connection.config.app_key, connection.env).publish_path
