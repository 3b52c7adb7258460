"""The error catalogue: every code and sub_code family of the doc has Chinese text and an action."""

from __future__ import annotations

import re

import pytest

from app.top.catalogue import explain, explain_network, explain_oauth, field_label

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("code", "sub_code", "sub_msg", "in_explanation", "in_action"),
    [
        (3, None, "图片太大", "图片", "3 MB"),
        (7, "accesscontrol.limited-by-app-access-count",
         "This ban will last for 31062 more seconds", "今日调用额度已用完，将于 00:00", "00:00"),
        (7, "isv.access-limited-by-app-access-count", None, "今日调用额度已用完", "00:00"),
        (7, "accesscontrol.limited-by-api-access-count",
         "This ban will last for 1 more seconds", "限流 1 秒", "自动重试"),
        (7, "accesscontrol.limited-by-app-api-access-count",
         "This ban will last for 2 more seconds", "限流 2 秒", "调低每秒调用次数"),
        (7, None, None, "限流", "自动重试"),
        (9, None, None, "请求方式", "开发者"),
        (10, None, None, "暂时不可用", "自动"),
        (11, None, None, "IP 白名单", "权限包"),
        (12, None, None, "店铺账号没有", "重新授权"),
        (13, None, None, "partner_id", "partner_id"),
        (15, "isp.top-remote-connection-timeout", "超时", "内部暂时出错", "商家编码核对"),
        (15, "isv.invalid-parameter:title", "标题含违禁词", "「标题」", "修改这一行的「标题」"),
        (15, "isv.invalid-parameter:location.city", None, "所在地（市）", "所在地（市）"),
        (15, "isv.missing-parameter:cid", None, "缺少「类目」", "填写「类目」"),
        (15, "isv.item-is-delete", "宝贝已删除", "宝贝已删除", "修改这一行"),
        (21, None, None, "method", "开发者"),
        (22, None, "api offline", "下线", "升级"),
        (23, None, None, "format", "开发者"),
        (24, None, None, "签名", "开发者"),
        (25, None, None, "App Secret 可能填错", "App Secret"),
        (26, None, None, "缺少店铺授权", "授权店铺"),
        (27, None, None, "店铺授权已过期", "重新授权"),
        (27, "session-expired", None, "店铺授权已过期", "重新授权"),
        (27, "invalid-sessionkey", None, "另一个应用", "重新授权"),
        (27, "session-not-exist", None, "不存在", "重新授权"),
        (28, None, None, "App Key", "App Key"),
        (29, None, None, "App Key 无效", "正式 / 沙箱"),
        (30, None, None, "时间戳", "开发者"),
        (31, None, None, "10 分钟", "请检查电脑时间是否准确"),
        (32, None, None, "版本号", "开发者"),
        (33, None, None, "版本号", "开发者"),
        (34, None, None, "版本号", "开发者"),
        (40, "isv.missing-parameter:title", "缺少标题", "「标题」", "必填项"),
        (41, None, "价格不对", "价格不对", "修改这一行"),
        (42, None, None, "拒绝", "权限"),
        (43, None, "参数错误", "参数错误", "修改这一行"),
        (47, None, None, "字符编码", "开发者"),
    ],
)
def test_catalogue(code: int, sub_code: str | None, sub_msg: str | None,
                   in_explanation: str, in_action: str) -> None:
    explanation, action = explain(code, sub_code, sub_msg)
    assert in_explanation in explanation
    assert in_action in action
    assert CJK.search(explanation)
    assert CJK.search(action)


def test_unknown_code_uses_what_the_server_said() -> None:
    explanation, action = explain(1234, "isx.odd", "奇怪的错误")
    assert "1234" in explanation
    assert "isx.odd" in explanation
    assert "奇怪的错误" in explanation
    assert "request_id" in action
    explanation, _ = explain(1234, None, None, "Weird Thing")
    assert "Weird Thing" in explanation


def test_field_labels() -> None:
    assert field_label("title") == "标题"
    assert field_label("outer_id") == "商家编码"
    assert field_label("no_such_field") == "no_such_field"


@pytest.mark.parametrize("reason", ["connect", "tls", "read-timeout", "dropped", "http-5xx",
                                    "bad-response", "http-4xx"])
def test_network_reasons(reason: str) -> None:
    explanation, action = explain_network(reason)
    assert CJK.search(explanation)
    assert CJK.search(action)


def test_oauth_errors() -> None:
    assert "App Secret" in explain_oauth("invalid_client", None)[0]
    explanation, action = explain_oauth("invalid_grant", "code used")
    assert "授权码" in explanation
    assert "code used" in explanation
    assert "重新授权" in action
    assert "weird" in explain_oauth("weird", None)[0]
