from __future__ import annotations

import hashlib
import hmac

import pytest

from app.simulator.errors import ApiError
from app.simulator.signature import compute_sign, sign_base, verify_sign

EXAMPLE = {
    "method": "taobao.item.seller.get", "app_key": "12345678", "session": "test",
    "timestamp": "2016-01-01 12:00:00", "format": "json", "v": "2.0", "sign_method": "md5",
    "fields": "num_iid,title,nick,price,num", "num_iid": "11223344",
}


def test_published_example() -> None:
    assert compute_sign(EXAMPLE, "helloworld", "md5") == "66987CB115214E59E6EC978214934FB8"


def test_base_sorts_by_bytes_and_skips_sign_files_and_empties() -> None:
    params = {"location.state": "浙江", "location_x": "1", "sign": "S", "image": "file",
              "img": "f", "empty": "", "a": "1"}
    assert sign_base(params) == "a1location.state浙江location_x1"


@pytest.mark.parametrize(
    ("method", "digest"), [("hmac", hashlib.md5), ("hmac-sha256", hashlib.sha256)],
)
def test_hmac_variants(method: str, digest: object) -> None:
    params = {**EXAMPLE, "sign_method": method, "title": "中文标题"}
    base = "".join(k + v for k, v in sorted(params.items())).encode("utf-8")
    expected = hmac.new(b"helloworld", base, digest).hexdigest().upper()  # type: ignore[arg-type]
    assert compute_sign(params, "helloworld", method) == expected
    verify_sign({**params, "sign": expected}, "helloworld")


def _code(params: dict[str, str]) -> int:
    with pytest.raises(ApiError) as info:
        verify_sign(params, "helloworld")
    return info.value.code


def test_verify_refusals() -> None:
    good = compute_sign(EXAMPLE, "helloworld", "md5")
    verify_sign({**EXAMPLE, "sign": good}, "helloworld")
    assert _code({**EXAMPLE, "sign": good.lower()}) == 25
    assert _code(EXAMPLE) == 24
    assert _code({**EXAMPLE, "sign_method": "sha1", "sign": good}) == 25
    assert _code({**EXAMPLE, "title": "改过", "sign": good}) == 25


def test_missing_sign_method_means_md5() -> None:
    params = {k: v for k, v in EXAMPLE.items() if k != "sign_method"}
    verify_sign({**params, "sign": compute_sign(params, "helloworld", "md5")}, "helloworld")
    blog = hashlib.md5(("".join(k + v for k, v in sorted(params.items())) + "helloworld")
                       .encode()).hexdigest()
    assert _code({**params, "sign": blog}) == 25
