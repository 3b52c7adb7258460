"""Everything the simulated Taobao remembers: shops' items, picture space, sessions, calls."""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.simulator.clock import format_china

DELETED = "deleted"  # approve_status of a deleted item (onsale / instock / deleted at the door)
DEFAULT_PICTURE_SPACE = 1 << 30  # 1 GiB of free picture space per shop (a stand-in figure)


@dataclass
class Sku:
    sku_id: int
    properties: str
    quantity: int
    price: Decimal
    outer_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "sku_id": self.sku_id, "properties": self.properties, "quantity": self.quantity,
            "price": f"{self.price:.2f}", "outer_id": self.outer_id,
        }


@dataclass
class ItemImage:
    id: int
    url: str
    position: int
    created: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "url": self.url, "position": self.position, "created": self.created}


@dataclass
class PropImage:
    """A picture tied to one property value of an item (``taobao.item.joint.propimg``)."""

    id: int
    properties: str
    url: str
    position: int
    created: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "properties": self.properties, "url": self.url,
                "position": self.position, "created": self.created}


@dataclass
class Item:
    num_iid: int
    app_key: str
    nick: str
    outer_id: str | None
    title: str
    desc: str
    price: Decimal
    num: int
    cid: int
    type: str
    stuff_status: str
    location_state: str
    location_city: str
    pic_path: str | None
    approve_status: str
    created: str
    modified: str
    skus: list[Sku] = field(default_factory=list)
    images: list[ItemImage] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)
    prop_imgs: list[PropImage] = field(default_factory=list)

    @property
    def deleted(self) -> bool:
        """Deleted (``alibaba.item.operate.delete``): kept for the test door, gone for the shop."""
        return self.approve_status == DELETED

    def to_json(self) -> dict[str, Any]:
        """Every field, as the test door shows it."""
        return {
            "num_iid": self.num_iid, "app_key": self.app_key, "nick": self.nick,
            "outer_id": self.outer_id, "title": self.title, "desc": self.desc,
            "price": f"{self.price:.2f}", "num": self.num, "cid": self.cid, "type": self.type,
            "stuff_status": self.stuff_status,
            "location": {"state": self.location_state, "city": self.location_city},
            "pic_path": self.pic_path, "approve_status": self.approve_status,
            "created": self.created, "modified": self.modified,
            "skus": [sku.to_json() for sku in self.skus],
            "item_imgs": [img.to_json() for img in self.images],
            "prop_imgs": [img.to_json() for img in self.prop_imgs],
            **self.extra,
        }


@dataclass
class Picture:
    picture_id: int
    app_key: str
    nick: str
    picture_path: str
    title: str
    category_id: int
    pixel: str
    sizes: int
    format: str
    sha256: str
    created: str

    def to_json(self) -> dict[str, Any]:
        return {
            "picture_id": self.picture_id, "app_key": self.app_key, "nick": self.nick,
            "picture_path": self.picture_path, "title": self.title,
            "picture_category_id": self.category_id, "pixel": self.pixel, "sizes": self.sizes,
            "format": self.format, "sha256": self.sha256, "created": self.created,
        }


@dataclass
class Session:
    token: str
    app_key: str
    nick: str
    user_id: str
    issued_at: float
    expires_at: float
    w1_expires_at: float


@dataclass
class RefreshGrant:
    token: str
    app_key: str
    nick: str
    user_id: str
    expires_at: float


@dataclass
class AuthCode:
    code: str
    app_key: str
    redirect_uri: str
    nick: str
    expires_at: float


class SimState:
    """All mutable state, guarded by one re-entrant lock (``with state.lock``)."""

    def __init__(self, first_num_iid: int = 600_000_000_001) -> None:
        self.lock = threading.RLock()
        self.items: dict[int, Item] = {}
        self.pictures: dict[int, Picture] = {}
        self.sessions: dict[str, Session] = {}
        self.refresh_grants: dict[str, RefreshGrant] = {}
        self.codes: dict[str, AuthCode] = {}
        self.calls: list[dict[str, Any]] = []
        self._user_ids: dict[str, str] = {}
        self._next_num_iid = first_num_iid
        self._next_picture_id = 1_000_000_001
        self._next_small_id = 30_000_001
        self.picture_space_bytes = DEFAULT_PICTURE_SPACE  # per shop; settable as a fault

    def new_num_iid(self) -> int:
        with self.lock:
            value = self._next_num_iid
            self._next_num_iid += 1
            return value

    def new_picture_id(self) -> int:
        with self.lock:
            value = self._next_picture_id
            self._next_picture_id += 1
            return value

    def new_small_id(self) -> int:
        """Ids for SKUs and item images."""
        with self.lock:
            value = self._next_small_id
            self._next_small_id += 1
            return value

    def user_id(self, nick: str) -> str:
        """A stable numeric user id per shop nick."""
        with self.lock:
            if nick not in self._user_ids:
                self._user_ids[nick] = str(2_200_000_000 + len(self._user_ids) + 1)
            return self._user_ids[nick]

    def issue_session(
        self, app_key: str, nick: str, now: float, ttl: float, w1_ttl: float | None,
    ) -> Session:
        """A new access token (``session``) for ``nick`` under ``app_key``."""
        session = Session(
            token="6100" + secrets.token_hex(20), app_key=app_key, nick=nick,
            user_id=self.user_id(nick), issued_at=now, expires_at=now + ttl,
            w1_expires_at=now + (ttl if w1_ttl is None else min(ttl, w1_ttl)),
        )
        with self.lock:
            self.sessions[session.token] = session
        return session

    def issue_refresh(self, app_key: str, nick: str, now: float, ttl: float) -> RefreshGrant:
        grant = RefreshGrant(
            token="6200" + secrets.token_hex(20), app_key=app_key, nick=nick,
            user_id=self.user_id(nick), expires_at=now + ttl,
        )
        with self.lock:
            self.refresh_grants[grant.token] = grant
        return grant

    def expire_sessions(self, now: float) -> int:
        """Make every issued session expired now; returns how many."""
        with self.lock:
            for session in self.sessions.values():
                session.expires_at = min(session.expires_at, now)
                session.w1_expires_at = min(session.w1_expires_at, now)
            return len(self.sessions)

    def record_call(self, entry: dict[str, Any]) -> None:
        with self.lock:
            self.calls.append(entry)

    def shop_pictures(self, app_key: str, nick: str) -> list[Picture]:
        with self.lock:
            return [p for p in self.pictures.values() if p.app_key == app_key and p.nick == nick]

    def used_picture_space(self, app_key: str, nick: str) -> int:
        """Bytes this shop's picture space holds."""
        return sum(p.sizes for p in self.shop_pictures(app_key, nick))

    def find_picture(self, app_key: str, nick: str, path: str) -> Picture | None:
        """A picture of this shop by its full URL or by its path part (both are accepted)."""
        wanted = path.strip()
        for picture in self.shop_pictures(app_key, nick):
            full = picture.picture_path
            if wanted == full or (wanted and full.endswith("/" + wanted.lstrip("/"))):
                return picture
        return None

    def shop_item(self, app_key: str, nick: str, num_iid: int) -> Item | None:
        with self.lock:
            item = self.items.get(num_iid)
            if item is None or item.app_key != app_key or item.nick != nick or item.deleted:
                return None
            return item

    def snapshot_items(self) -> list[dict[str, Any]]:
        with self.lock:
            return [item.to_json() for item in self.items.values()]

    def snapshot_pictures(self) -> list[dict[str, Any]]:
        with self.lock:
            return [picture.to_json() for picture in self.pictures.values()]

    def snapshot_calls(self) -> list[dict[str, Any]]:
        with self.lock:
            return [dict(call) for call in self.calls]


def stamp(now: float) -> str:
    """``created``/``modified`` text for an instant."""
    return format_china(now)
