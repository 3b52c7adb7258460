"""Pictures inside an item's descriptions must come from this shop's picture space (§6, §8).

``desc`` (HTML): every ``<img src>``, ``background`` and ``<embed src>``; refused with
``isv.invalid-parameter:desc``. ``wireless_desc`` (XML): every ``<img>`` element; refused with the
documented ``isv.invalid-parameters:item_wldescription_content_image_or_flash_error``. Both answer
the sub_msg Taobao shows: 您只能使用审核通过的淘宝图片空间的图片.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from app.simulator.errors import invalid, isv
from app.simulator.rules import optional

if TYPE_CHECKING:
    from app.simulator.methods.base import CallContext

WIRELESS_IMAGE_ERROR = "isv.invalid-parameters:item_wldescription_content_image_or_flash_error"
ONLY_PICTURE_SPACE = "您只能使用审核通过的淘宝图片空间的图片"

_HTML_SRC = re.compile(
    r"""<(?:img|embed)\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"""
    r"""|\bbackground\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""",
    re.IGNORECASE,
)
_WIRELESS_IMG = re.compile(r"<img>\s*([^<]*?)\s*</img>", re.IGNORECASE)


def html_pictures(text: str) -> list[str]:
    found = []
    for match in _HTML_SRC.finditer(text):
        url = next(group for group in match.groups() if group is not None)
        found.append(html.unescape(url).strip())
    return found


def check_desc_pictures(ctx: CallContext) -> None:
    desc = optional(ctx.params, "desc") or ""
    for url in html_pictures(desc):
        if ctx.state.find_picture(ctx.app_key, ctx.shop, url) is None:
            raise invalid(
                "desc", f"宝贝描述中的图片 {url} 不在当前店铺的图片空间中：{ONLY_PICTURE_SPACE}")
    wireless = optional(ctx.params, "wireless_desc") or ""
    for url in _WIRELESS_IMG.findall(wireless):
        if ctx.state.find_picture(ctx.app_key, ctx.shop, html.unescape(url)) is None:
            raise isv(WIRELESS_IMAGE_ERROR,
                      f"手机端描述中的图片 {url} 不在当前店铺的图片空间中：{ONLY_PICTURE_SPACE}")
