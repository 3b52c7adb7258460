"""The server's checks of a filled schema against a leaf's fields (taobao-props.md §7).

Every rule the schema states: ``requiredRule``, ``disableRule`` with its depend-group (a disabled
field's value is ignored), options of ``singleCheck``/``multiCheck``, ``maxLengthRule`` /
``minLengthRule`` (``unit="byte"``: ASCII counts 1, any other character 2, as Taobao counts a
title; no unit: characters; ``exProperty="not include"`` makes the bound strict), ``regexRule``
(the whole value), ``valueTypeRule``, ``minValueRule``/``maxValueRule``,
``maxDecimalDigitsRule``/``minDecimalDigitsRule`` and ``maxInputNumRule``/``minInputNumRule``.
``tipRule``/``devTipRule`` are for people. The first problem is answered (code 15,
``isv.invalid-parameter:<field id>``, a Chinese sub_msg naming the field), as the item centre does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation

from app.simulator.clock import parse_timestamp
from app.simulator.errors import ApiError, invalid
from app.simulator.schema_model import SField, SRule, Value

_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_INTEGER = re.compile(r"-?\d+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_URL = re.compile(r"https?://\S+")
INT32 = (-(2**31), 2**31 - 1)


def taobao_bytes(text: str) -> int:
    """Taobao's byte count: ASCII 1, every other character 2 (a 汉字 is 2 bytes)."""
    return sum(1 if ord(ch) < 0x80 else 2 for ch in text)


def _empty(value: Value) -> bool:
    return value is None or value in ("", [], {})


class Scope:
    """Field values visible to a depend-express: the innermost dict first, then outward."""

    def __init__(self, chain: Sequence[Mapping[str, Value]]) -> None:
        self.chain = list(chain)

    def inner(self, values: Mapping[str, Value]) -> Scope:
        return Scope([values, *self.chain])

    def lookup(self, field_id: str) -> Value:
        for values in self.chain:
            if field_id in values:
                return values[field_id]
        return _search(self.chain[-1] if self.chain else {}, field_id)


def _search(values: Mapping[str, Value], field_id: str) -> Value:
    for key, value in values.items():
        if key == field_id:
            return value
        nested = [value] if isinstance(value, dict) else (
            [v for v in value if isinstance(v, dict)] if isinstance(value, list) else [])
        for inner in nested:
            found = _search(inner, field_id)
            if found is not None:
                return found
    return None


def _holds(symbol: str, actual: Value, expected: str) -> bool:
    values = actual if isinstance(actual, list) else ([] if _empty(actual) else [str(actual)])
    if symbol == "is null":
        return not values
    if symbol == "is not null":
        return bool(values)
    if symbol in ("==", "="):
        return expected in values
    if symbol == "!=":
        return expected not in values
    if symbol == "contains":
        return any(expected in v for v in values)
    if symbol == "not contains":
        return not any(expected in v for v in values)
    try:
        left, right = Decimal(values[0]), Decimal(expected)
    except (IndexError, InvalidOperation):
        return False
    return {">": left > right, "<": left < right, ">=": left >= right,
            "<=": left <= right}.get(symbol, False)


def rule_applies(rule: SRule, scope: Scope) -> bool:
    """A rule without a depend-group always applies; with one, only while the group holds."""
    if not rule.depends:
        return True
    results = [_holds(d.symbol, scope.lookup(d.field_id), d.value) for d in rule.depends]
    return all(results) if rule.operator == "and" else any(results)


def is_disabled(field: SField, scope: Scope) -> bool:
    rule = field.rule("disableRule")
    return rule is not None and rule.value == "true" and rule_applies(rule, scope)


def _refuse(label: str, field: SField, text: str) -> ApiError:
    return invalid(field.id, f"{label}{field.name}（{field.id}）{text}")


def _length(field: SField, rule: SRule, text: str) -> tuple[int, str]:
    if rule.unit == "byte":
        return taobao_bytes(text), "字节"
    return len(text), "个字符"


def _bound(rule: SRule, actual: Decimal | int, limit: Decimal | int, upper: bool) -> bool:
    strict = rule.ex_property == "not include"
    if upper:
        return actual < limit if strict else actual <= limit
    return actual > limit if strict else actual >= limit


def _decimal(text: str) -> Decimal | None:
    if not _NUMBER.fullmatch(text):
        return None
    return Decimal(text)


def _check_value_type(field: SField, label: str, kind: str, text: str) -> None:
    ok = True
    if kind == "decimal":
        ok = _NUMBER.fullmatch(text) is not None
    elif kind == "integer":
        ok = _INTEGER.fullmatch(text) is not None and INT32[0] <= int(text) <= INT32[1]
    elif kind == "long":
        ok = _INTEGER.fullmatch(text) is not None
    elif kind == "date":
        ok = _DATE.fullmatch(text) is not None
    elif kind == "time":
        ok = parse_timestamp(text) is not None and len(text) == 19
    elif kind == "url":
        ok = _URL.fullmatch(text) is not None
    if not ok:
        names = {"decimal": "数字", "integer": "整数", "long": "整数", "date": "日期（yyyy-MM-dd）",
                 "time": "时间（yyyy-MM-dd HH:mm:ss）", "url": "网址"}
        raise _refuse(label, field, f"应为{names[kind]}，收到“{text}”")


def check_text(field: SField, label: str, text: str) -> None:
    """The rules of one text value."""
    for rule in field.rules:
        name = rule.name
        if name in ("maxLengthRule", "minLengthRule"):
            size, unit = _length(field, rule, text)
            limit = int(rule.value)
            if not _bound(rule, size, limit, upper=name == "maxLengthRule"):
                word = "超过上限" if name == "maxLengthRule" else "少于下限"
                extra = "（一个汉字算 2 个字节）" if rule.unit == "byte" else ""
                raise _refuse(label, field, f"长度为 {size} {unit}，{word} {limit} {unit}{extra}")
        elif name == "regexRule" and re.fullmatch(rule.value, text) is None:
            raise _refuse(label, field, f"的值“{text}”格式不符合要求")
        elif name == "valueTypeRule":
            _check_value_type(field, label, rule.value, text)
        elif name in ("minValueRule", "maxValueRule"):
            number = _decimal(text)
            if number is None:
                raise _refuse(label, field, f"应为数字，收到“{text}”")
            if not _bound(rule, number, Decimal(rule.value), upper=name == "maxValueRule"):
                word = "不能大于" if name == "maxValueRule" else "不能小于"
                if rule.ex_property == "not include":
                    word = "必须小于" if name == "maxValueRule" else "必须大于"
                raise _refuse(label, field, f"为 {text}，{word} {rule.value}")
        elif name in ("maxDecimalDigitsRule", "minDecimalDigitsRule"):
            digits = len(text.partition(".")[2]) if "." in text else 0
            limit = int(rule.value)
            if (name == "maxDecimalDigitsRule" and digits > limit) or (
                    name == "minDecimalDigitsRule" and digits < limit):
                bound = "不超过" if name == "maxDecimalDigitsRule" else "至少"
                raise _refuse(label, field, f"为 {text}，小数位数应{bound} {limit} 位")


def _count_rules(field: SField, label: str, count: int) -> None:
    for rule in field.rules:
        if rule.name == "maxInputNumRule" and count > int(rule.value):
            raise _refuse(label, field, f"最多填写 {rule.value} 项，收到 {count} 项")
        if rule.name == "minInputNumRule" and count < int(rule.value):
            raise _refuse(label, field, f"至少填写 {rule.value} 项，收到 {count} 项")


def check_fields(fields: Sequence[SField], values: Mapping[str, Value], scope: Scope,
                 label: str = "", *, partial: bool = False) -> None:
    """Every field's rules; ``partial`` (fastupdate): absent fields are not required."""
    known = {f.id for f in fields}
    unknown = [key for key in values if key not in known]
    if unknown:
        raise invalid(unknown[0], f"{label}字段 {unknown[0]} 不是这个类目的发布规则中的字段")
    for field in fields:
        value = values.get(field.id)
        if is_disabled(field, scope):
            continue
        if _empty(value):
            if partial:
                continue
            if field.type == "complex":  # a required child names itself
                check_fields(field.children, {}, scope.inner({}), f"{label}{field.name} › ")
            if field.required:
                raise _refuse(label, field, "为必填项")
            continue
        check_field(field, value, scope, label, partial=partial)


def check_field(field: SField, value: Value, scope: Scope, label: str, *,
                partial: bool = False) -> None:
    kind = field.type
    if kind in ("input", "singleCheck"):
        if not isinstance(value, str):
            raise _refuse(label, field, "只能填写一个值")
        if kind == "singleCheck" and field.options and value not in field.option_values():
            raise _refuse(label, field, f"的值“{value}”不在可选范围内")
        check_text(field, label, value)
    elif kind in ("multiInput", "multiCheck"):
        if not isinstance(value, list):
            raise _refuse(label, field, "应填写为多个值（values）")
        _count_rules(field, label, len(value))
        for item in value:
            if kind == "multiCheck" and field.options and item not in field.option_values():
                raise _refuse(label, field, f"的值“{item}”不在可选范围内")
            check_text(field, label, item)
    elif kind == "complex":
        if not isinstance(value, dict):
            raise _refuse(label, field, "应为一组字段（complex-value）")
        check_fields(field.children, value, scope.inner(value), f"{label}{field.name} › ",
                     partial=partial)
    elif kind == "multiComplex":
        if not isinstance(value, list):
            raise _refuse(label, field, "应为多组字段（complex-values）")
        _count_rules(field, label, len(value))
        for number, entry in enumerate(value, 1):
            check_fields(field.children, entry, scope.inner(entry),
                         f"{label}{field.name}第 {number} 项 › ", partial=partial)
