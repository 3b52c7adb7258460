"""Building one TOP request: value formatting, system parameters, the signature.

System parameters (``method``, ``app_key``, ``timestamp``, ``v``, ``sign_method``, ``sign``,
``format``, ``session``, ``partner_id``, ``simplify``) go in the URL query; business parameters
go in the body; file parts are sent as multipart and never signed.

Value rules: ``None``, empty and whitespace-only values are not sent (so never signed);
``bool`` → ``true``/``false``; ``int`` → decimal text; ``Decimal`` → exactly two places
(``99.5`` → ``99.50``). A ``Decimal`` with more precision that would change when rounded
(``99.005``) is **rejected** (`TopError` kind ROW) instead of silently rounded: a price the
seller did not write must never reach the shop. ``datetime`` → China time text; lists and
tuples → comma-joined.
"""

from __future__ import annotations

import math
import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from app.top.catalogue import field_label
from app.top.chinatime import format_timestamp
from app.top.errors import ErrorKind, TopError
from app.top.signing import sign

API_VERSION = "2.0"
SYSTEM_PARAMS = frozenset(
    {"method", "app_key", "timestamp", "v", "sign_method", "sign", "format", "session",
     "partner_id", "simplify", "target_app_key"}
)
_CENTS = Decimal("0.01")


@dataclass(frozen=True)
class FilePart:
    """A file sent as one multipart part (``image``, ``img``): not signed."""

    data: bytes = field(repr=False)
    filename: str
    content_type: str | None = None

    @property
    def mime_type(self) -> str:
        """The declared content type, else a guess from the file name."""
        if self.content_type:
            return self.content_type
        guessed, _ = mimetypes.guess_type(self.filename)
        return guessed or "application/octet-stream"

    def __repr__(self) -> str:
        return f"FilePart(filename={self.filename!r}, size={len(self.data)})"


@dataclass(frozen=True)
class PreparedCall:
    """Everything one HTTP request carries. ``query`` holds secrets: never log it."""

    method: str
    query: dict[str, str] = field(repr=False)
    body: dict[str, str] = field(repr=False)
    files: dict[str, FilePart]


def format_decimal(value: Decimal, name: str = "price") -> str:
    """Two decimal places; more precision than cents is an error, never rounded away."""
    try:
        if not value.is_finite():
            raise InvalidOperation
        cents = value.quantize(_CENTS)
    except InvalidOperation:
        cents = None
    if cents is None or cents != value:
        label = field_label(name)
        raise TopError(
            ErrorKind.ROW,
            msg=f"{name}: more than two decimal places or not a number",
            sub_code=f"local.invalid-decimal:{name}",
            explanation=f"{label}「{value}」不是最多两位小数的金额。",
            action=f"请把{label}改为最多两位小数，例如 99.90。",
        )
    return f"{cents:.2f}"


def format_value(name: str, value: object) -> str | None:
    """The text sent for ``value``, or ``None`` when nothing should be sent."""
    if value is None:
        return None
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, Decimal):
        text = format_decimal(value, name)
    elif isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{name}: {value!r} is not a finite number")
        text = repr(value)
    elif isinstance(value, datetime):
        text = format_timestamp(value)
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, str):
        text = value
    elif isinstance(value, list | tuple):
        items = [format_value(name, item) for item in value]
        text = ",".join(item for item in items if item is not None)
    else:
        raise TypeError(f"{name}: cannot send a {type(value).__name__} as a TOP parameter")
    return text if text.strip() else None


def build_call(
    method: str,
    params: Mapping[str, object],
    files: Mapping[str, FilePart | None] | None,
    *,
    app_key: str,
    secret: str,
    session: str | None,
    sign_method: str,
    timestamp: datetime,
    partner_id: str | None = None,
    simplify: bool = False,
) -> PreparedCall:
    """Format, sign and split one call into query (system) and body (business) parameters."""
    sent_files = {name: part for name, part in (files or {}).items() if part is not None}
    body: dict[str, str] = {}
    for name, value in params.items():
        if name in SYSTEM_PARAMS:
            raise ValueError(f"{name!r} is a system parameter; it is set by the client")
        if name in sent_files:
            raise ValueError(f"{name!r} is given both as a parameter and as a file")
        text = format_value(name, value)
        if text is not None:
            body[name] = text
    system: dict[str, str] = {
        "method": method,
        "app_key": app_key,
        "timestamp": format_timestamp(timestamp),
        "v": API_VERSION,
        "sign_method": sign_method,
        "format": "json",
    }
    if session is not None and session.strip():
        system["session"] = session
    if partner_id:
        system["partner_id"] = partner_id
    if simplify:
        system["simplify"] = "true"
    system["sign"] = sign({**system, **body}, secret, sign_method)
    return PreparedCall(method=method, query=system, body=body, files=sent_files)
