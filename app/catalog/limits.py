"""Taobao item limits (from docs taobao-api.md), one constant each so a change is one line."""

from __future__ import annotations

from decimal import Decimal

TITLE_MAX_BYTES = 60  # ASCII 1, Chinese 2 -> 30 Chinese characters
DESC_MIN_CHARS = 5
DESC_MAX_CHARS = 25000
PRICE_MIN = Decimal("0.01")
PRICE_MAX = Decimal("100000000.00")
PRICE_DECIMALS = 2
NUM_MIN = 0
NUM_MAX = 900_000_000
OUTER_ID_MAX_BYTES = 64  # UTF-8 bytes: ASCII 1, Chinese 3 -> 21 Chinese characters
PROPS_MAX_PAIRS = 35
SELL_POINT_MAX_CHARS = 150

# The template's example row carries these marks; a row still holding one is refused (`check`).
EXAMPLE_TITLE_MARK = "【示例】"
EXAMPLE_OUTER_ID_PREFIX = "示例-"

# Absolute terms China's advertising law bans (广告法 第九条 "最高级、最佳、国家级" and the like);
# Taobao filters titles holding them. `check` warns: the server's list is longer and changes.
ABSOLUTE_WORDS: tuple[str, ...] = (
    "最", "第一", "唯一", "首个", "首选", "独一无二", "国家级", "世界级", "全球级", "顶级",
    "顶尖", "极品", "极致", "绝对", "万能", "王牌", "史无前例", "全网第一",
)

# item.add's property fields (taobao-props.md §4)
PROPS_MAX_BYTES = 549
INPUT_STR_MAX_BYTES = 3999
ALIAS_MAX_CHARS = 800
SKU_PROPERTIES_MAX_BYTES = 512
SKU_OUTER_IDS_MAX_BYTES = 512
FORBIDDEN_INPUT = ("其他", "其它", "其她")  # typed values Taobao refuses
