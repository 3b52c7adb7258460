"""`SchemaPublisher`: the `Publisher` for shops on the schema flow (taobao-props.md §7).

One product = ``alibaba.item.publish.submit`` (1 call) once its leaf's schema is known: the
schema (``schema.get``) is fetched once per leaf for the publisher's life (one run) and shared by
the workers. Filling and every rule are checked locally before anything is sent; a product the
schema refuses is a `TopError` of kind ``row`` (nothing sent), so the engine shows it like any
rejected row. Pictures must already be in the picture space (``pictures``: the main picture
first, then the extra ones; at most the schema's picture slots); a file ``image`` cannot travel in
a schema. Reconciliation after a doubtful submit stays a lookup by 商家编码, as for item.add.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import Protocol

from app.top.calls import AddedItem
from app.top.request import FilePart
from app.top.schema import (
    DEFAULT_MAP,
    FieldMap,
    Schema,
    SchemaError,
    SchemaInvalidError,
    Submission,
    parse_schema,
    submission,
)
from app.top.schema_calls import MARKET, SubmittedItem, schema_top_error

SUBMIT = "alibaba.item.publish.submit"


class SchemaClient(Protocol):
    def publish_schema(self, cat_id: int, *, market: str = MARKET) -> str: ...

    def publish_submit(self, cat_id: int, schema_xml: str, *, market: str = MARKET
                       ) -> SubmittedItem: ...


class SchemaPublisher:
    """Publishes through the schema API; thread-safe (one schema read per leaf)."""

    def __init__(self, client: SchemaClient, *, market: str = MARKET,
                 field_map: FieldMap = DEFAULT_MAP) -> None:
        self._client = client
        self.market = market
        self.field_map = field_map
        self._schemas: dict[int, Schema] = {}
        self._locks: dict[int, threading.Lock] = {}
        self._guard = threading.Lock()

    def schema(self, cid: int) -> Schema:
        """The leaf's parsed schema (read once; an unusable one is a row `TopError`)."""
        with self._guard:
            lock = self._locks.setdefault(cid, threading.Lock())
        with lock:
            if cid not in self._schemas:
                text = self._client.publish_schema(cid, market=self.market)
                try:
                    self._schemas[cid] = parse_schema(text)
                except SchemaError as error:
                    raise schema_top_error(error, "alibaba.item.publish.schema.get") from None
            return self._schemas[cid]

    def forget(self, cid: int) -> None:
        """Drop a leaf's schema (after a category error, so the next product reads it again)."""
        with self._guard:
            self._schemas.pop(cid, None)

    def prepare(self, fields: Mapping[str, object], pictures: Sequence[str] = ()) -> Submission:
        """The XML submit would carry for this product, every rule checked (no submit)."""
        schema = self.schema(_cid(fields))
        try:
            return submission(schema, fields, pictures=pictures, field_map=self.field_map)
        except (SchemaError, SchemaInvalidError) as error:
            raise schema_top_error(error, SUBMIT) from None

    def publish(self, fields: Mapping[str, object], image: FilePart | None = None, *,
                pictures: Sequence[str] = ()) -> AddedItem:
        """Create the item; its ``num_iid`` is the ``item_id`` Taobao answered."""
        if image is not None:
            raise ValueError("the schema flow takes picture-space pictures, not a file part")
        return self.submit(fields, self.prepare(fields, pictures))

    def submit(self, fields: Mapping[str, object], prepared: Submission) -> AddedItem:
        """Send what `prepare` made (the engine prepares first, so a product the schema refuses
        is never journaled as sent)."""
        item = self._client.publish_submit(_cid(fields), prepared.xml, market=self.market)
        return AddedItem(num_iid=item.item_id, created=item.time, request_id=item.request_id)


def _cid(fields: Mapping[str, object]) -> int:
    try:
        return int(str(fields["cid"]))
    except (KeyError, ValueError):
        raise ValueError("fields must hold the leaf category id 'cid'") from None
