"""The journal's picture tables (a mixin of `app.upload.journal.Journal`): ``pictures`` (shop +
env + sha256 of the prepared bytes → picture-space path) and ``picture_sources`` (a path, URL or
embedded picture → the sha256 it became last time, only for estimating a run's room)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import AbstractContextManager
from datetime import UTC, datetime

_IN_BATCH = 500  # identities per ``IN (...)`` query


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class PictureRecords:
    """Needs ``_tx()`` (the locked connection) and ``_write(sql, args)``."""

    def _tx(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _write(self, sql: str, args: Iterable[object] = ()) -> int:
        raise NotImplementedError

    def picture_path(self, shop: str, env: str, sha256: str) -> str | None:
        with self._tx() as db:
            r = db.execute(
                "SELECT picture_path FROM pictures WHERE shop=? AND env=? AND sha256=?",
                (shop, env, sha256),
            ).fetchone()
        return r[0] if r else None

    def put_picture(self, shop: str, env: str, sha256: str, picture_path: str, *,
                    picture_id: int | None = None, size: int | None = None) -> None:
        self._write(
            "INSERT OR REPLACE INTO pictures (shop, env, sha256, picture_path, picture_id, size, "
            "created_at) VALUES (?,?,?,?,?,?,?)",
            (shop, env, sha256, picture_path, picture_id, size, _now()),
        )

    def put_picture_source(self, shop: str, env: str, identity: str, sha256: str) -> None:
        """``identity`` (a path, URL or embedded picture: `fields.image_identity`) was prepared
        into the picture ``sha256`` last time: lets a run estimate what it still has to upload."""
        self._write("INSERT OR REPLACE INTO picture_sources (shop, env, identity, sha256, "
                    "updated_at) VALUES (?,?,?,?,?)", (shop, env, identity, sha256, _now()))

    def uploaded_sources(self, shop: str, env: str, identities: Iterable[str]) -> set[str]:
        """Those ``identities`` whose last prepared picture is in the picture space."""
        wanted, out = list(dict.fromkeys(identities)), set()
        sql = ("SELECT s.identity FROM picture_sources s JOIN pictures p ON p.shop=s.shop AND "
               "p.env=s.env AND p.sha256=s.sha256 WHERE s.shop=? AND s.env=? AND s.identity IN ")
        with self._tx() as db:
            for start in range(0, len(wanted), _IN_BATCH):
                batch = wanted[start:start + _IN_BATCH]
                marks = f"({','.join('?' * len(batch))})"
                out.update(r[0] for r in db.execute(sql + marks, (shop, env, *batch)))
        return out
