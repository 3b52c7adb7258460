"""The TOP request signature (md5, hmac = HMAC-MD5, hmac-sha256), exactly as taobao-api.md says.

Every sent parameter except ``sign`` and the file parts is sorted by the byte order of its
name, concatenated as ``name1value1name2value2…`` with raw values, UTF-8 encoded, hashed,
and written as upper-case hex.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Final

SIGN_METHODS: Final = ("md5", "hmac", "hmac-sha256")
DEFAULT_SIGN_METHOD: Final = "hmac-sha256"
UNSIGNED_NAMES: Final = frozenset({"sign"})


def signing_string(params: Mapping[str, str]) -> str:
    """The concatenated ``name+value`` string that is hashed (``sign`` left out)."""
    names = sorted((n for n in params if n not in UNSIGNED_NAMES), key=lambda n: n.encode())
    return "".join(name + params[name] for name in names)


def sign(params: Mapping[str, str], secret: str, sign_method: str = DEFAULT_SIGN_METHOD) -> str:
    """Sign the already-formatted text parameters (the caller leaves file parts out)."""
    data = signing_string(params).encode("utf-8")
    key = secret.encode("utf-8")
    if sign_method == "md5":
        digest = hashlib.md5(key + data + key, usedforsecurity=False).hexdigest()
    elif sign_method == "hmac":
        digest = hmac.new(key, data, hashlib.md5).hexdigest()
    elif sign_method == "hmac-sha256":
        digest = hmac.new(key, data, hashlib.sha256).hexdigest()
    else:
        raise ValueError(f"unknown sign_method {sign_method!r}; use one of {SIGN_METHODS}")
    return digest.upper()
