"""Verify a TOP request signature, written from taobao-api.md (independent of app.top)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

from app.simulator.errors import ApiError

# File parameters are never signed (they travel as multipart parts).
FILE_PARAMS = frozenset({"img", "image"})
SIGN_METHODS = ("md5", "hmac", "hmac-sha256")
DEFAULT_SIGN_METHOD = "md5"  # what TOP assumes when `sign_method` is absent


def sign_base(params: Mapping[str, str]) -> str:
    """``k1v1k2v2...`` over every parameter but ``sign`` and files, sorted by name.

    Empty values are skipped, as the official SDKs skip them when signing.
    Python's code-point order equals UTF-8 byte order, so plain ``sorted`` is exact.
    """
    return "".join(
        name + value
        for name, value in sorted(params.items())
        if name != "sign" and name not in FILE_PARAMS and value != ""
    )


def compute_sign(params: Mapping[str, str], secret: str, sign_method: str) -> str:
    """Upper-case hex signature of ``params`` for one of md5 / hmac / hmac-sha256."""
    base = sign_base(params).encode("utf-8")
    key = secret.encode("utf-8")
    if sign_method == "md5":
        digest = hashlib.md5(key + base + key, usedforsecurity=False).hexdigest()
    elif sign_method == "hmac":
        digest = hmac.new(key, base, hashlib.md5).hexdigest()
    elif sign_method == "hmac-sha256":
        digest = hmac.new(key, base, hashlib.sha256).hexdigest()
    else:
        raise ValueError(f"unknown sign method {sign_method!r}")
    return digest.upper()


def verify_sign(params: Mapping[str, str], secret: str) -> None:
    """Raise code 24 (no sign) or 25 (wrong sign / unknown sign_method); pass otherwise.

    The comparison is exact: lower-case hex is refused like the real gateway's SDKs expect.
    """
    sent = params.get("sign", "")
    if not sent:
        raise ApiError(24, sub_msg="缺少签名参数 sign")
    sign_method = params.get("sign_method") or DEFAULT_SIGN_METHOD
    if sign_method not in SIGN_METHODS:
        raise ApiError(
            25, sub_msg=f"不支持的签名方法 sign_method={sign_method}，只支持 md5/hmac/hmac-sha256",
        )
    expected = compute_sign(params, secret, sign_method)
    if not hmac.compare_digest(expected.encode(), sent.encode("utf-8")):
        raise ApiError(
            25, sub_msg="签名错误：请检查 App Secret、参数排序、UTF-8 编码与大写十六进制",
        )
