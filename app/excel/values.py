"""Turning raw cell values into typed ones. Each parser returns (value, problem) where problem is
``None``, or (is_error, Chinese text without the cell name) — the caller adds cell and field.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta
from decimal import Decimal

from app.excel.grid import NO_CACHED_VALUE, CellError, CellPicture, CellTooLong, CellValue
from app.excel.numbers import (
    NUMBER_LIMIT,
    TOO_BIG,
    ambiguous,
    comma_note,
    fold,
    read_decimal,
    shown,
)

Problem = tuple[bool, str] | None  # (is_error, message)

CENT = Decimal("0.01")
_MONEY_NOISE = re.compile(r"[¥\s]|元|rmb|cny", re.IGNORECASE)  # after `fold`: ￥ is ¥
_INT_UNITS = re.compile(r"\s|件|个|台|套|双|条|只|把|箱|盒|包|瓶|份")
_FLOAT_LIMIT = float(NUMBER_LIMIT)
_SMALL_INT = re.compile(r"^[+-]?[0-9]{1,15}$")
_EXCEL_EPOCH = datetime(1899, 12, 30)
_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y/%m/%d %H:%M:%S",
                 "%Y/%m/%d %H:%M", "%Y/%m/%d", "%Y年%m月%d日 %H:%M", "%Y年%m月%d日", "%Y.%m.%d")
_TRUE = frozenset({"是", "有", "true", "yes", "y", "1", "√", "✓", "支持"})
_FALSE = frozenset({"否", "无", "没有", "false", "no", "n", "0", "×", "✗", "不支持"})


def format_number(x: float) -> str:
    """A number cell as text: 12345.0 -> "12345", 0.1+0.2 -> "0.3"."""
    if math.isfinite(x) and x == int(x) and abs(x) < 1e16:
        return str(int(x))
    return repr(round(x, 9))


def as_text(value: CellValue) -> str:
    """Any cell value as trimmed text (pictures and errors give their marker)."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S") if value.time() != datetime.min.time() \
            else value.strftime("%Y-%m-%d")
    if isinstance(value, CellError):
        return "" if value.code == NO_CACHED_VALUE else value.code
    if isinstance(value, CellPicture):
        return "[图片]"
    if isinstance(value, CellTooLong):
        return value.text
    return str(value)


def _from_float(x: float) -> Decimal:
    """Excel float noise removed (19.899999999 -> 19.9); real extra decimals kept (19.999)."""
    return Decimal(repr(round(x, 6)))


def _money(d: Decimal) -> Decimal:
    """Two decimals for display when no precision is lost (19.9 -> 19.90)."""
    if d == d.quantize(CENT):
        return d.quantize(CENT)
    return d


def _float_problem(x: float) -> str | None:
    """Why a number cell cannot be a price or a count (NaN, infinity, 1e15 and more)."""
    if not math.isfinite(x):
        return "不是有效数字"
    if abs(x) >= _FLOAT_LIMIT:
        return TOO_BIG
    return None


def parse_price(value: CellValue, label: str) -> tuple[Decimal | None, Problem]:
    """A money cell (price, cost, SKU price, post fees). See `app.excel.numbers` for commas."""
    if isinstance(value, bool):
        return None, (True, f"{label}「{as_text(value)}」不是数字")
    if isinstance(value, float):
        error = _float_problem(value)
        if error is not None:
            return None, (True, f"{label}「{format_number(value)}」{error}")
        d = _from_float(value)
        return _money(d if d else abs(d)), None  # -0.0 is 0
    text = as_text(value)
    if not text:
        return None, None
    folded = fold(text)
    cleaned = _MONEY_NOISE.sub("", folded)
    reading = read_decimal(cleaned)
    if reading.value is None:
        return None, (True, f"{label}「{shown(text)}」{reading.error}")
    d = _money(reading.value)
    if reading.comma in ("decimal", "european"):
        return d, (False, f"{label}「{shown(text)}」{comma_note(reading.comma, d)}")
    if cleaned != text or reading.comma:
        return d, (False, f"{label}「{shown(text)}」含货币符号、单位、全角字符或千位分隔符，"
                          f"已读作 {d}")
    return d, None


def parse_int(value: CellValue, label: str) -> tuple[int | None, Problem]:
    """A whole-number cell (stock, category id, template id, SKU quantity)."""
    if isinstance(value, bool):
        return None, (True, f"{label}「{as_text(value)}」不是整数")
    if isinstance(value, float):
        error = _float_problem(value)
        if error is not None:
            return None, (True, f"{label}「{format_number(value)}」{error}")
        rounded = round(value)
        if abs(value - rounded) > 1e-6:
            return None, (True, f"{label}「{format_number(value)}」不是整数")
        return int(rounded), None
    text = as_text(value)
    if not text:
        return None, None
    if _SMALL_INT.match(text):
        return int(text), None
    folded = fold(text)
    cleaned = _INT_UNITS.sub("", folded)
    reading = read_decimal(cleaned)
    if reading.comma in ("decimal", "european"):
        # "1,5" / "1,00": 15 or 1.5, 100 or 1 -- a stock count is never guessed
        error = "不是整数" if reading.comma == "european" else ambiguous(cleaned)
        return None, (True, f"{label}「{shown(text)}」{error}")
    if reading.value is None:
        error = "不是整数" if reading.error == "不是数字" else reading.error
        return None, (True, f"{label}「{shown(text)}」{error}")
    d = reading.value
    if d != d.to_integral_value():
        return None, (True, f"{label}「{shown(text)}」不是整数")
    n = int(d)
    if cleaned == text and not reading.comma:
        return n, None  # "5.0"
    return n, (False, f"{label}「{shown(text)}」含单位、全角字符或分隔符，已读作 {n}")


def parse_date(value: CellValue, label: str) -> tuple[datetime | None, Problem]:
    if isinstance(value, datetime):
        return value, None
    if isinstance(value, float) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # Excel serial dates up to 9999-12-31
            return _EXCEL_EPOCH + timedelta(days=value), None
        return None, (True, f"{label}「{format_number(value)}」不是日期")
    text = as_text(value)
    if not text:
        return None, None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt), None
        except ValueError:
            continue
    return None, (True, f"{label}「{text}」不是日期（请写成 2026-11-11 20:00 这样）")


def parse_bool(value: CellValue, label: str) -> tuple[bool | None, Problem]:
    if isinstance(value, bool):
        return value, None
    text = as_text(value).lower()
    if not text:
        return None, None
    if text in _TRUE:
        return True, None
    if text in _FALSE:
        return False, None
    return None, (True, f"{label}「{text}」请填“是”或“否”")


CHOICES: dict[str, dict[str, str]] = {
    "stuff_status": {"全新": "new", "新": "new", "新品": "new", "new": "new",
                     "二手": "second", "闲置": "second", "旧": "second", "second": "second"},
    "type": {"一口价": "fixed", "fixed": "fixed", "拍卖": "auction", "auction": "auction"},
    "approve_status": {"出售中": "onsale", "上架": "onsale", "立即上架": "onsale",
                       "onsale": "onsale", "仓库中": "instock", "放入仓库": "instock",
                       "仓库": "instock", "instock": "instock"},
    "freight_payer": {"卖家": "seller", "卖家承担": "seller", "包邮": "seller", "seller": "seller",
                      "买家": "buyer", "买家承担": "buyer", "buyer": "buyer"},
}


_WAREHOUSE_WORDS = ("仓库", "入库")


def parse_status(value: CellValue, header: str) -> str | None:
    """上架状态 (``approve_status``): 出售中/仓库中… mean what they say; 是/否 (or TRUE/FALSE)
    answer the column's own question, so they are read by its header: in a 上架状态, 立即上架,
    是否上架 column 是 = list now (``onsale``) and 否 = keep in the warehouse (``instock``); in a
    放入仓库 / 是否放入仓库 column (any header naming 仓库 or 入库) it is the other way round."""
    text = as_text(value)
    if not text:
        return None
    low = text.lower()
    if low in _TRUE or low in _FALSE:
        warehouse = any(word in header for word in _WAREHOUSE_WORDS)
        return "instock" if (low in _TRUE) == warehouse else "onsale"
    return CHOICES["approve_status"].get(low, text)


def parse_choice(value: CellValue, field: str) -> str | None:
    """Chinese or English word -> the TOP value; unknown text is kept (the rules report it)."""
    text = as_text(value)
    if not text:
        return None
    return CHOICES.get(field, {}).get(text.lower(), text)


_LOCATION_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区",
                      "省", "市")


def normalize_location(text: str) -> str:
    """``浙江省`` -> ``浙江``, ``杭州市`` -> ``杭州`` (Taobao wants the bare names)."""
    if not text.endswith(_LOCATION_SUFFIXES):  # most cells: already bare
        return text
    for suffix in _LOCATION_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text[: -len(suffix)]
    return text


_LIST_SPLIT = re.compile(r"[,，\n]")


def split_list(text: str) -> list[str]:
    """A comma-separated SKU list cell (ASCII or full-width commas, or line breaks)."""
    return [part.strip() for part in _LIST_SPLIT.split(text)] if text.strip() else []
