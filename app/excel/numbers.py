"""Reading a number written as text: separators, decimal commas and sane bounds.

A comma is read only when its meaning is certain, so a price is never silently multiplied by 100:

* ``1,299`` / ``1,299.00`` / ``12,345,678``: groups of three after the comma -> thousands
  separators (read, with a warning);
* ``60,90`` / ``59，9``: one comma followed by one or two final digits -> a decimal comma
  (``60.90``, with a warning that says so);
* ``1.299,50``: European writing (dots group thousands, the comma is the decimal point) ->
  ``1299.50``, with a warning;
* anything else with a comma (``1,2345``, ``0,500``, ``1,2,3``) -> an error that names both
  readings.

Full-width digits and punctuation (``５９．９``) are folded first. Non-finite values (``NaN``,
``inf``) and anything of ``NUMBER_LIMIT`` or more are errors, so the rest of the program only
ever sees numbers that every ``Decimal.quantize`` can handle.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# No price, stock, category or template id comes near this; it keeps every later Decimal
# operation (quantize to cents, price rule markups) far inside the 28-digit default context.
NUMBER_LIMIT = Decimal(10) ** 15
TOO_BIG = "太大了，不像是有效的数值（整数部分最多 15 位）"
SHOW_MAX = 24  # characters of the cell shown in a message

# ASCII digits only (``\d`` would also take Arabic-Indic and other digits Decimal accepts)
_PLAIN = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,4})?$", re.ASCII)
_THOUSANDS = re.compile(r"^[+-]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$", re.ASCII)
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d{1,2}$", re.ASCII)
_EUROPEAN = re.compile(r"^[+-]?[1-9]\d{0,2}(?:\.\d{3})+,\d{1,2}$", re.ASCII)


@dataclass(frozen=True, slots=True)
class Reading:
    """What a text says as a number: ``value``, or ``error`` (Chinese, without the label)."""

    value: Decimal | None = None
    comma: str | None = None  # "thousands" | "decimal" | "european" when a comma was read
    error: str | None = None


def shown(text: str) -> str:
    """The cell text as quoted in a message (very long texts shortened)."""
    return text if len(text) <= SHOW_MAX else text[:SHOW_MAX] + "…"


def fold(text: str) -> str:
    """Full-width digits, dots, commas, spaces and ``￥`` to their ASCII forms."""
    return unicodedata.normalize("NFKC", text)


def _plain(text: str) -> Decimal | None:
    if not _PLAIN.match(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
        return None


def read_decimal(text: str) -> Reading:
    """``text`` already stripped of currency symbols and units; see the module docstring."""
    if "," not in text:
        d = _plain(text)
        if d is None:
            lowered = text.lower().lstrip("+-")
            if lowered in ("nan", "snan", "inf", "infinity"):
                return Reading(error="不是有效数字")
            return Reading(error="不是数字")
        return _bounded(d, None)
    if _THOUSANDS.match(text):
        return _bounded(Decimal(text.replace(",", "")), "thousands")
    if _DECIMAL_COMMA.match(text):
        return _bounded(Decimal(text.replace(",", ".")), "decimal")
    if _EUROPEAN.match(text):
        return _bounded(Decimal(text.replace(".", "").replace(",", ".")), "european")
    return Reading(error=ambiguous(text))


def ambiguous(text: str) -> str:
    """The error for a comma that cannot be decided, naming both readings when there are two."""
    as_thousands = _plain(text.replace(",", ""))
    as_decimal = _plain(text.replace(",", ".")) if text.count(",") == 1 and "." not in text \
        else None
    if as_thousands is None or as_decimal is None:
        return "不是数字（逗号的位置不对）"
    return (f"无法确定逗号的意思：当千位分隔符是 {as_thousands}，当小数点是 {as_decimal}。"
            "请去掉逗号，只写数字（小数用小数点）")


def _bounded(d: Decimal, comma: str | None) -> Reading:
    if not d.is_finite():
        return Reading(error="不是有效数字")
    if abs(d) >= NUMBER_LIMIT:
        return Reading(error=TOO_BIG)
    if d.is_zero():
        d = abs(d)  # "-0" is 0
    return Reading(value=d, comma=comma)


def comma_note(comma: str, value: object) -> str:
    """The warning text for a comma that was read (without label and cell)."""
    if comma == "decimal":
        return f"里的逗号当作小数点，已读作 {value}（如果不对，请只写数字和小数点）"
    if comma == "european":
        return f"按“点分千位、逗号作小数点”的写法，已读作 {value}（如果不对，请只写数字和小数点）"
    return f"含千位分隔符，已读作 {value}"
