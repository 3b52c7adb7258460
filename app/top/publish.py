"""Publishing one product behind one small interface.

`taobao.item.add` was taken off the public API list in 2023; the current flow is schema-based
(``alibaba.item.publish.schema.get`` → ``alibaba.item.publish.submit``). The engine talks to a
`Publisher`, so a schema-based implementation can be added beside `ItemAddPublisher`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol, runtime_checkable

from app.top.calls import AddedItem, TypedCalls
from app.top.request import FilePart


@runtime_checkable
class Publisher(Protocol):
    """Lists one product; raises `app.top.errors.TopError` on failure."""

    def publish(
        self, fields: Mapping[str, object], image: FilePart | None = None
    ) -> AddedItem: ...


class ItemAddPublisher:
    """The first implementation: ``taobao.item.add`` with our TOP field names."""

    def __init__(self, client: TypedCalls) -> None:
        self._client = client

    def publish(self, fields: Mapping[str, object], image: FilePart | None = None) -> AddedItem:
        """Send the fields as they are (``add_item`` normalises ``pic_path``)."""
        return self._client.add_item(fields, image)
