"""Signature vectors: the published one, plus our own computed independently with hashlib/hmac."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from app.top.signing import sign, signing_string

SECRET = "helloworld"

PUBLISHED = {
    "method": "taobao.item.seller.get",
    "app_key": "12345678",
    "session": "test",
    "timestamp": "2016-01-01 12:00:00",
    "format": "json",
    "v": "2.0",
    "sign_method": "md5",
    "fields": "num_iid,title,nick,price,num",
    "num_iid": "11223344",
}

# Chinese values and the dotted names whose order matters ('.' < '_' < letters in byte order).
CHINESE = {
    "method": "taobao.item.add",
    "app_key": "12345678",
    "timestamp": "2026-11-27 04:05:06",
    "v": "2.0",
    "format": "json",
    "session": "sess-abc",
    "title": "夏季 纯棉T恤 男",
    "location.state": "浙江",
    "location.city": "杭州",
    "location_x": "1",
    "price": "99.00",
    "sign": "MUST-NOT-BE-SIGNED",
}
# Written by hand in byte order of the names (sign left out):
CHINESE_STRING = (
    "app_key12345678"
    "formatjson"
    "location.city杭州"
    "location.state浙江"
    "location_x1"
    "methodtaobao.item.add"
    "price99.00"
    "sessionsess-abc"
    "timestamp2026-11-27 04:05:06"
    "title夏季 纯棉T恤 男"
    "v2.0"
)


def test_published_vector() -> None:
    assert sign(PUBLISHED, SECRET, "md5") == "66987CB115214E59E6EC978214934FB8"


def test_signing_string_is_byte_ordered_and_skips_sign() -> None:
    assert signing_string(CHINESE) == CHINESE_STRING


@pytest.mark.parametrize("method", ["md5", "hmac", "hmac-sha256"])
def test_chinese_vectors_for_every_method(method: str) -> None:
    params = {**CHINESE, "sign_method": method}
    # sign_method is signed too; by hand, it sorts between session and timestamp
    text = CHINESE_STRING.replace("timestamp", f"sign_method{method}timestamp")
    data, key = text.encode("utf-8"), SECRET.encode("utf-8")
    expected = {
        "md5": hashlib.md5(key + data + key).hexdigest(),
        "hmac": hmac.new(key, data, hashlib.md5).hexdigest(),
        "hmac-sha256": hmac.new(key, data, hashlib.sha256).hexdigest(),
    }[method].upper()
    got = sign(params, SECRET, method)
    assert got == expected
    assert len(got) == (64 if method == "hmac-sha256" else 32)


def test_gbk_would_give_another_sign() -> None:
    data_gbk = CHINESE_STRING.encode("gbk")
    key = SECRET.encode()
    gbk = hashlib.md5(key + data_gbk + key).hexdigest().upper()
    assert sign(CHINESE, SECRET, "md5") != gbk


def test_common_wrong_recipe_differs() -> None:
    """Secret only at the end, lower case, no sign_method: not what we produce."""
    params = {k: v for k, v in PUBLISHED.items() if k != "sign_method"}
    wrong = hashlib.md5((signing_string(params) + SECRET).encode()).hexdigest()
    assert sign(PUBLISHED, SECRET, "md5") not in (wrong, wrong.upper())


def test_unknown_method_rejected() -> None:
    with pytest.raises(ValueError):
        sign(PUBLISHED, SECRET, "sha1")
