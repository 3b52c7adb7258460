"""Which way a shop's products go to Taobao: ``taobao.item.add`` or the schema API
(``alibaba.item.publish.schema.get`` → ``alibaba.item.publish.submit``), chosen per shop.

The shop's setting (`app.settings_store`, ``taoshelf upload --publisher``) is one of:

- ``auto`` (自动, the default): item.add while the App has it. The first item.add answer that
  means the App cannot use it — code 11 (no permission: ``isv.permission-api-package-*``) or
  code 22 (no such API: taken offline) — switches the run to the schema API and the shop with it
  (``on_switch``: remembered per shop + environment). Those answers mean nothing was created,
  so the rows that got them go again through the schema API; the policy never sees them (the
  send raises `PublisherUnavailable`, not a `TopError`), so they neither stop the run nor fail a
  row. Listeners are told once (`PublisherSwitched`).
- ``item.add``: only item.add; 11/22 stop the run, saying to choose 自动 or 新版发布接口.
- ``schema``: only the schema API.

On the schema path every picture is in the picture space (a schema carries URLs): a main
picture only one row uses costs one ``picture.upload`` more than item.add's inline file, and
the extra pictures ride in the submit instead of one call each. Reconciliation after an unknown
outcome stays a lookup by 商家编码 for both.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Final

from app.top.calls import AddedItem
from app.top.client import TopClient
from app.top.errors import ErrorKind, TopError
from app.top.publish_schema import SchemaPublisher
from app.top.request import FilePart
from app.upload.events import Event, PublisherSwitched

log = logging.getLogger(__name__)

AUTO: Final = "auto"
ITEM_ADD: Final = "item.add"
SCHEMA: Final = "schema"
CHOICES: Final = (AUTO, ITEM_ADD, SCHEMA)
UNAVAILABLE_CODES: Final = frozenset({11, 22})  # no permission / no such API: nothing was done
SWITCH_MESSAGE: Final = ("此应用没有 taobao.item.add 权限，已改用新版发布接口"
                         "（alibaba.item.publish），以后也用它")
NAMES: Final = {ITEM_ADD: "taobao.item.add", SCHEMA: "新版发布接口（alibaba.item.publish）"}


def is_unavailable(err: TopError) -> bool:
    """Code 11 or 22: the App may not call this API (or it is gone); nothing was done."""
    return err.code in UNAVAILABLE_CODES


class PublisherUnavailable(Exception):  # noqa: N818 (a state, not a bug)
    """item.add answered 11/22 under 自动: switch to the schema API and send the row there."""

    def __init__(self, err: TopError) -> None:
        super().__init__(str(err))
        self.err = err


def choice_text(choice: str, path: str) -> str:
    """The publisher a run uses, in Chinese (the CLI prints it; the window can show it)."""
    if choice == AUTO:
        if path == SCHEMA:
            return ("发布方式：自动（此应用没有 taobao.item.add 权限，"
                    "使用新版发布接口 alibaba.item.publish）")
        return "发布方式：自动（使用 taobao.item.add；没有它的权限时自动改用新版发布接口）"
    return f"发布方式：{NAMES[path]}"


class PublishRoute:
    """The run's publish path (thread-safe): item.add calls through `add_item`, the schema
    publisher (one schema read per leaf for the run), and the automatic switch."""

    def __init__(self, client: TopClient, choice: str = AUTO, *, switched: bool = False,
                 emit: Callable[[Event], None] | None = None,
                 on_switch: Callable[[str], None] | None = None) -> None:
        if choice not in CHOICES:
            raise ValueError(f"unknown publisher {choice!r}")
        self.client = client
        self.choice = choice
        self.schema = SchemaPublisher(client)
        self._emit = emit
        self._on_switch = on_switch
        self._lock = threading.Lock()
        self._path = SCHEMA if choice == SCHEMA or (choice == AUTO and switched) else ITEM_ADD
        self.started_on = self._path
        self.switch_error: TopError | None = None

    @property
    def path(self) -> str:
        with self._lock:
            return self._path

    @property
    def used(self) -> str:
        """What the run used: ``item.add``, ``schema`` or ``item.add→schema``."""
        path = self.path
        return path if path == self.started_on else f"{self.started_on}→{path}"

    def describe(self) -> str:
        return choice_text(self.choice, self.path)

    def add_item(self, fields: Mapping[str, object], image: FilePart | None) -> AddedItem:
        """``taobao.item.add``; under 自动 an 11/22 answer raises `PublisherUnavailable`; with
        item.add chosen it stops the run with what to do (a fatal `TopError`)."""
        try:
            return self.client.add_item(fields, image)
        except TopError as err:
            if not is_unavailable(err):
                raise
            if self.choice == AUTO:
                raise PublisherUnavailable(err) from None
            raise TopError(
                ErrorKind.FATAL, code=err.code, msg=err.msg, sub_code=err.sub_code,
                sub_msg=err.sub_msg, request_id=err.request_id, method=err.method,
                explanation=f"此应用不能使用 taobao.item.add（{err.sub_msg or err.msg}）",
                action="请把这个店铺的发布方式改为“自动”或“新版发布接口”（设置 → 上架设置，或 "
                       "taoshelf upload --publisher schema）后重新运行；没有上架任何商品",
            ) from None

    def switch(self, err: TopError) -> None:
        """item.add is not the App's (11/22): use the schema API from now on, remember it for
        the shop and tell the listeners — once, whichever worker got the answer first."""
        with self._lock:
            if self._path == SCHEMA:
                return
            self._path = SCHEMA
            self.switch_error = err
        log.info("publisher switched to the schema API: %s", err)
        if self._on_switch is not None:
            try:
                self._on_switch(datetime.now(UTC).isoformat(timespec="seconds"))
            except Exception:  # a settings file that cannot be written: the run goes on
                log.exception("could not remember the publisher switch")
        if self._emit is not None:
            self._emit(PublisherSwitched(SCHEMA, SWITCH_MESSAGE, err.code, err.sub_code))
