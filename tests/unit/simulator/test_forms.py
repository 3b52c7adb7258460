from __future__ import annotations

import pytest
import requests

from app.simulator.forms import FormError, parse_body, parse_query


def _prepared(data: dict, files: dict) -> tuple[bytes, str]:
    request = requests.Request("POST", "http://127.0.0.1/", data=data, files=files).prepare()
    assert isinstance(request.body, bytes)
    return request.body, request.headers["Content-Type"]


def test_multipart_fields_and_binary_file() -> None:
    payload = bytes(range(256)) * 10 + b"\r\n--not-a-boundary\r\n"
    body, content_type = _prepared(
        {"title": "纯棉T恤", "location.state": "浙江"},
        {"image": ("主图.jpg", payload, "image/jpeg")},
    )
    form = parse_body(body, content_type)
    assert form.fields == {"title": "纯棉T恤", "location.state": "浙江"}
    upload = form.files["image"]
    assert upload.data == payload
    assert upload.filename == "主图.jpg"
    assert "bytes" in repr(upload)


def test_urlencoded_and_query() -> None:
    form = parse_body(b"a=1&title=%E7%BA%AF&empty=", "application/x-www-form-urlencoded")
    assert form.fields == {"a": "1", "title": "纯", "empty": ""}
    assert parse_query("x=%E4%B8%AD") == {"x": "中"}


def test_bad_encoding_and_broken_multipart() -> None:
    with pytest.raises(FormError):
        parse_body(b"title=%D6%D0", "application/x-www-form-urlencoded")  # GBK bytes
    with pytest.raises(FormError):
        parse_body(b'--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1',
                   "multipart/form-data; boundary=b")
