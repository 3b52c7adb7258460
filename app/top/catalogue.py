"""The error catalogue: for each TOP code / sub_code, plain Chinese for the shop owner.

`explain(code, sub_code, sub_msg)` → ``(explanation, action)``: what happened, what to do.
Unknown codes get a message built from what the server said.
"""

from __future__ import annotations

import re
from typing import Final

BAN_RE: Final = re.compile(r"This ban will last for (\d+) more seconds")

# TOP parameter name → the Chinese column name the user knows from the sheet.
FIELD_LABELS: Final[dict[str, str]] = {
    "title": "标题",
    "desc": "描述",
    "price": "价格",
    "num": "数量",
    "quantity": "库存数量",
    "cid": "类目",
    "outer_id": "商家编码",
    "location.state": "所在地（省）",
    "location.city": "所在地（市）",
    "stuff_status": "新旧程度",
    "type": "出售方式",
    "approve_status": "上架状态",
    "props": "宝贝属性",
    "input_pids": "自定义属性",
    "input_str": "自定义属性值",
    "image": "主图",
    "img": "图片",
    "pic_path": "主图",
    "image_input_title": "图片标题",
    "picture_category_id": "图片分类",
    "position": "图片位置",
    "num_iid": "宝贝 ID",
    "sku_properties": "SKU 属性",
    "sku_quantities": "SKU 数量",
    "sku_prices": "SKU 价格",
    "sku_outer_ids": "SKU 商家编码",
    "sku_id": "SKU ID",
    "freight_payer": "运费承担方",
    "postage_id": "运费模板",
    "post_fee": "平邮费用",
    "express_fee": "快递费用",
    "ems_fee": "EMS 费用",
    "seller_cids": "店铺分类",
    "sell_point": "卖点",
    "list_time": "定时上架时间",
    "valid_thru": "有效期",
    "has_invoice": "发票",
    "has_warranty": "保修",
}

_DEV = "这是程序问题，请把 request_id 发给淘上架开发者。"
_RETRY = "程序会自动稍后重试，无需操作。"
_ROW_FIX = "请按提示修改这一行后重试。"
_REAUTH = "请重新授权店铺（设置 → 店铺授权 → 重新授权），然后继续上架。"

_CODES: Final[dict[int, tuple[str, str]]] = {
    3: ("图片上传失败：图片格式或大小不符合淘宝要求。",
        "请使用 JPG、PNG 或 GIF 格式、不超过 3 MB 的图片后重试。"),
    7: ("调用过于频繁，被淘宝临时限流。",
        "程序会等待限流结束后自动重试；如果经常出现，请在设置中调低每秒调用次数。"),
    9: ("请求方式不被淘宝接受（HTTP 方法不允许）。", _DEV),
    10: ("淘宝服务暂时不可用。", _RETRY),
    11: ("应用没有该接口的权限，或这台电脑的 IP 不在应用的 IP 白名单中。",
         "请在淘宝开放平台检查：应用是否已申请该 API 的权限包；IP 白名单是否包含本机公网 IP。"),
    12: ("授权的店铺账号没有调用该接口的权限。",
         "请用店铺主账号（或有相应权限的子账号）重新授权。"),
    13: ("合作伙伴（partner_id）没有该接口的权限。",
         "请检查设置中的 partner_id，或在淘宝开放平台申请相应权限。"),
    15: ("淘宝处理这一请求时出错。", _ROW_FIX),
    21: ("请求缺少接口名（method）。", _DEV),
    22: ("接口不存在或已被淘宝下线。",
         "该接口可能已下线或应用无权使用，请升级淘上架或联系开发者。"),
    23: ("请求的数据格式（format）不被支持。", _DEV),
    24: ("请求缺少签名（sign）。", _DEV),
    25: ("签名无效：App Secret 可能填错。",
         "请在设置中重新填写 App Secret（在淘宝开放平台的应用管理里查看），"
         "并确认与 App Key 属于同一应用、同一环境。"),
    26: ("请求缺少店铺授权（session）。", "请先授权店铺（设置 → 店铺授权），然后继续上架。"),
    27: ("店铺授权已过期或无效。", _REAUTH),
    28: ("请求缺少 App Key。", "请在设置中填写 App Key。"),
    29: ("App Key 无效。",
         "请检查 App Key 是否填写正确，以及是否与所选环境（正式 / 沙箱）一致。"),
    30: ("请求缺少时间戳（timestamp）。", _DEV),
    31: ("请求的时间与淘宝服务器相差超过 10 分钟，或时间格式不对。",
         "请检查电脑时间是否准确：打开系统设置，开启“自动设置时间”，时区选正确的本地时区。"),
    32: ("请求缺少版本号（v）。", _DEV),
    33: ("请求的版本号（v）无效。", _DEV),
    34: ("请求的版本号（v）不被支持。", _DEV),
    40: ("缺少必填的参数。", "请补全这一行的必填项后重试。"),
    41: ("参数的值不符合淘宝要求。", _ROW_FIX),
    42: ("请求被淘宝拒绝（禁止的请求）。",
         "请检查应用状态和权限；如果无法解决，请联系淘宝开放平台客服。"),
    43: ("参数错误。", _ROW_FIX),
    47: ("请求的字符编码不正确。", _DEV),
}

_SESSION_SUBS: Final[dict[str, str]] = {
    "invalid-sessionkey": "店铺授权无效（可能已被撤销、店铺被冻结，或授权属于另一个应用）。",
    "session-expired": "店铺授权已过期。",
    "session-not-exist": "店铺授权不存在（可能已被撤销）。",
}

_NETWORK: Final[dict[str, tuple[str, str]]] = {
    "connect": ("无法连接淘宝服务器，请求没有发出。",
                "请检查网络连接（以及代理 / 防火墙设置）；程序会稍后自动重试。"),
    "tls": ("无法与淘宝服务器建立安全连接（证书验证失败）。",
            "请检查电脑时间是否准确，以及是否有代理或安全软件拦截了 HTTPS 连接。"),
    "read-timeout": ("等待淘宝响应超时，请求可能已经执行。",
                     "程序会先核对结果（宝贝会按商家编码查询），再决定是否重发。"),
    "dropped": ("连接在请求发出后中断，请求可能已经执行。",
                "程序会先核对结果（宝贝会按商家编码查询），再决定是否重发。"),
    "http-5xx": ("淘宝服务器暂时出错（HTTP 5xx），请求可能已经执行。",
                 "程序会先核对结果，再稍后自动重试。"),
    "bad-response": ("淘宝返回了无法识别的内容，请求可能已经执行。",
                     "程序会先核对结果，再稍后自动重试。"),
    "http-4xx": ("淘宝服务器拒绝了请求（HTTP 4xx），接口地址可能不对。",
                 "请检查设置中的接口地址（环境：正式 / 沙箱 / 本地）。"),
}

_OAUTH: Final[dict[str, tuple[str, str]]] = {
    "invalid_client": ("App Key 或 App Secret 不正确，淘宝拒绝了授权请求。",
                       "请在设置中检查 App Key 和 App Secret（在淘宝开放平台的应用管理里查看）。"),
    "invalid_grant": ("授权码或刷新令牌无效、已使用或已过期。",
                      "请重新授权店铺：在浏览器中重新登录并同意授权。"),
    "unauthorized_client": ("该应用不能用这种方式获取或刷新授权。", "请重新授权店铺。"),
    "invalid_request": ("授权请求不完整或有误。", "请重新授权店铺；如果仍然失败，请联系开发者。"),
    "unsupported_grant_type": ("淘宝不支持这种授权方式（例如该应用不能刷新授权）。",
                               "请重新授权店铺。"),
    "invalid_scope": ("请求的授权范围无效。", "请重新授权店铺；如果仍然失败，请联系开发者。"),
}


def field_label(name: str) -> str:
    """The Chinese name of a TOP parameter (the parameter itself when unknown)."""
    return FIELD_LABELS.get(name, name)


def parse_ban_seconds(text: str | None) -> int | None:
    """``N`` from ``This ban will last for N more seconds``, else ``None``."""
    match = BAN_RE.search(text or "")
    return int(match.group(1)) if match else None


def is_daily_quota(sub_code: str | None) -> bool:
    """The app's daily quota (new and old sub_code spellings), not a per-second limit."""
    return bool(sub_code) and "limited-by-app-access-count" in str(sub_code)


def _said(sub_msg: str | None) -> str:
    return f"淘宝提示：{sub_msg.strip()}" if sub_msg and sub_msg.strip() else ""


def _join(*parts: str) -> str:
    return "".join(part for part in parts if part)


def _explain_rate(sub_code: str | None, sub_msg: str | None) -> tuple[str, str]:
    if is_daily_quota(sub_code):
        return ("今日调用额度已用完，将于 00:00（北京时间）恢复。",
                "请在 00:00 之后继续上架，已上架的行不会重复上传；"
                "如需更多额度，可在淘宝开放平台提升应用等级。")
    seconds = parse_ban_seconds(sub_msg)
    wait = f"（限流 {seconds} 秒）" if seconds is not None else ""
    if sub_code and "limited-by-app-api-access-count" in sub_code:
        what = f"应用（尚未上线）对该接口的调用频率受限{wait}。"
    elif sub_code and "limited-by-api-access-count" in sub_code:
        what = f"该接口的调用过于频繁，被淘宝临时限流{wait}。"
    else:
        what = f"调用过于频繁，被淘宝临时限流{wait}。"
    return what, _CODES[7][1]


def _explain_remote(sub_code: str | None, sub_msg: str | None) -> tuple[str, str]:
    sub = sub_code or ""
    said = _said(sub_msg)
    if sub.startswith("isp."):
        return (_join("淘宝服务内部暂时出错。", said),
                "程序会自动重试；上架宝贝时会先按商家编码核对是否已经创建，避免重复上架。")
    head, _, param = sub.partition(":")
    if param and head.endswith("missing-parameter"):
        label = field_label(param)
        return _join(f"缺少「{label}」。", said), f"请在表格中填写「{label}」后重试。"
    if param and head.endswith("invalid-parameter"):
        label = field_label(param)
        return (_join(f"「{label}」的值不符合淘宝要求。", said),
                f"请修改这一行的「{label}」后重试。")
    if sub.startswith("isv."):
        return _join("淘宝拒绝了这一行的数据。", said), _ROW_FIX
    return _join(_CODES[15][0], said), _ROW_FIX


def explain(
    code: int | None, sub_code: str | None, sub_msg: str | None, msg: str | None = None
) -> tuple[str, str]:
    """(what happened, what to do) in Chinese for one TOP error."""
    if code == 7:
        return _explain_rate(sub_code, sub_msg)
    if code == 15 or (code is None and sub_code):
        return _explain_remote(sub_code, sub_msg)
    if code == 27 and sub_code:
        for key, text in _SESSION_SUBS.items():
            if key in sub_code:
                return text, _REAUTH
    if code in _CODES:
        explanation, action = _CODES[code]
        if code in (3, 22, 40, 41, 43) and sub_code and ":" in sub_code:
            label = field_label(sub_code.partition(":")[2])
            explanation = f"「{label}」：{explanation}"
        return _join(explanation, _said(sub_msg) if code in (3, 22, 40, 41, 42, 43) else ""), action
    said = sub_msg or msg
    sub_text = f"，{sub_code}" if sub_code else ""
    code_text = f"（错误代码 {code}{sub_text}）" if code is not None else ""
    return (_join(f"淘宝返回了错误{code_text}。", _said(said)),
            "请记下 request_id，联系淘宝开放平台客服或淘上架开发者。")


def explain_network(reason: str) -> tuple[str, str]:
    """(what happened, what to do) for a transport failure: one of the `_NETWORK` keys."""
    return _NETWORK.get(reason, _NETWORK["bad-response"])


def explain_oauth(error: str, description: str | None) -> tuple[str, str]:
    """(what happened, what to do) for an OAuth ``/token`` error."""
    if error in _OAUTH:
        explanation, action = _OAUTH[error]
    else:
        explanation = f"授权失败（{error}）。"
        action = "请重新授权店铺；如果仍然失败，请联系开发者。"
    return _join(explanation, _said(description)), action
