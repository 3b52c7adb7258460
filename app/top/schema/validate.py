"""Every rule the schema states, checked before anything is sent (taobao-props.md §7).

``requiredRule``; ``disableRule`` with its depend-group (a disabled field is left out of what is
sent; one the product filled is an issue, since what the user wrote would be lost);
``readOnlyRule`` (a value the product changes is an issue); the options of the check types;
``maxLengthRule``/``minLengthRule`` (``unit="byte"``: Taobao bytes, ASCII 1 and any other
character 2, as the title's tip "最多允许输入30个汉字（60字符）" says; no unit: characters;
``exProperty="not include"``: the bound itself is refused); ``regexRule`` (the whole value must
match; values over `REGEX_MAX_CHARS` are left to the server, so a hostile pattern cannot stall
us on a long description); ``valueTypeRule`` (text, textarea, html, decimal, integer, long, date,
time, url); ``minValueRule``/``maxValueRule``; ``maxDecimalDigitsRule``/``minDecimalDigitsRule``;
``maxInputNumRule``/``minInputNumRule``. Any rule with a depend-group applies only while the
group holds. Tips and rules we do not know are not checked. Messages are Chinese and name the
field by its schema ``name``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal, InvalidOperation

from app.top.schema.depend import Scope, applies, is_disabled, is_empty
from app.top.schema.errors import SchemaIssue
from app.top.schema.model import Field, FieldType, Rule, Schema, Value, Values

REGEX_MAX_CHARS = 4_000
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
_INTEGER = re.compile(r"[+-]?\d+")
_URL = re.compile(r"https?://[^\s]+", re.IGNORECASE)
INT32 = (-(2**31), 2**31 - 1)
TYPE_NAMES = {"decimal": "数字", "integer": "整数", "long": "整数", "date": "日期（如 2026-05-01）",
              "time": "时间（如 2026-05-01 08:00:00）", "url": "网址（http:// 或 https:// 开头）"}


def taobao_bytes(text: str) -> int:
    """Taobao's byte count: ASCII 1, any other character 2 (a 汉字 is 2 bytes)."""
    return sum(1 if ord(ch) < 0x80 else 2 for ch in text)


def _type_ok(kind: str, text: str) -> bool:
    if kind == "decimal":
        return _NUMBER.fullmatch(text) is not None
    if kind == "integer":
        return _INTEGER.fullmatch(text) is not None and INT32[0] <= int(text) <= INT32[1]
    if kind == "long":
        return _INTEGER.fullmatch(text) is not None
    if kind in ("date", "time"):
        try:
            datetime.strptime(text, "%Y-%m-%d" if kind == "date" else "%Y-%m-%d %H:%M:%S")
        except ValueError:
            return False
        return True
    if kind == "url":
        return _URL.fullmatch(text) is not None
    return True  # text, textarea, html and types we do not know


def _within(rule: Rule, actual: Decimal | int, limit: Decimal | int, upper: bool) -> bool:
    if upper:
        return actual < limit if rule.strict else actual <= limit
    return actual > limit if rule.strict else actual >= limit


class _Check:
    def __init__(self, schema: Schema, explicit: frozenset[str]) -> None:
        self.schema = schema
        self.explicit = explicit
        self.issues: list[SchemaIssue] = []

    def add(self, f: Field, path: str, rule: str, where: str, text: str) -> None:
        self.issues.append(SchemaIssue(path, f.id, f.name, rule, f"{where}「{f.name}」{text}"))

    def text_rules(self, f: Field, path: str, where: str, text: str, scope: Scope) -> None:
        for rule in f.rules:
            if rule.name in ("requiredRule", "disableRule", "readOnlyRule", "tipRule",
                             "devTipRule") or not applies(rule, scope):
                continue
            problem = _text_problem(f, rule, text)
            if problem is not None:
                self.add(f, path, rule.name, where, problem)

    def fields(self, fields: Iterable[Field], values: Values, scope: Scope, prefix: str,
               where: str) -> None:
        for f in fields:
            path = f"{prefix}{f.id}"
            value = values.get(f.id)
            if f.type is FieldType.LABEL:
                continue
            if is_disabled(f, scope):
                if not is_empty(value) and path in self.explicit:
                    reasons = "、".join(f"「{n}」" for n in self.depends_on(f))
                    self.add(f, path, "disableRule", where,
                             f"在当前选择下不能填写（取决于{reasons or '其他字段'}）")
                continue
            if f.read_only and path in self.explicit and value != f.initial:
                self.add(f, path, "readOnlyRule", where, "不能修改")
            if is_empty(value):
                if f.type is FieldType.COMPLEX:
                    self.fields(f.children, {}, scope.inner({}), f"{path}/", where)
                if f.required:
                    self.add(f, path, "requiredRule", where, "必须填写")
                continue
            self.field(f, value, scope, path, where)

    def field(self, f: Field, value: Value, scope: Scope, path: str, where: str) -> None:
        kind = f.type
        if kind.is_text:
            if not isinstance(value, str):
                self.add(f, path, "type", where, "只能填一个值")
                return
            if kind is FieldType.SINGLE_CHECK and f.options and not f.has_option(value):
                self.add(f, path, "option", where, f"的值“{value}”不在可选范围内")
            self.text_rules(f, path, where, value, scope)
        elif kind.is_list:
            if not isinstance(value, list):
                self.add(f, path, "type", where, "应填写多个值")
                return
            self.count_rules(f, path, where, len(value), scope)
            for item in value:
                if kind is FieldType.MULTI_CHECK and f.options and not f.has_option(item):
                    self.add(f, path, "option", where, f"的值“{item}”不在可选范围内")
                self.text_rules(f, path, where, item, scope)
        elif kind is FieldType.COMPLEX:
            if not isinstance(value, dict):
                self.add(f, path, "type", where, "应为一组字段")
                return
            self.fields(f.children, value, scope.inner(value), f"{path}/", where)
        elif kind is FieldType.MULTI_COMPLEX:
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                self.add(f, path, "type", where, "应为多组字段")
                return
            self.count_rules(f, path, where, len(value), scope)
            for number, entry in enumerate(value, 1):
                self.fields(f.children, entry, scope.inner(entry), f"{path}[{number}]/",
                            f"{where}{f.name}第{number}项：")

    def count_rules(self, f: Field, path: str, where: str, count: int, scope: Scope) -> None:
        for rule in f.rules:
            if rule.name in ("maxInputNumRule", "minInputNumRule") and applies(rule, scope):
                limit = int(rule.value)
                upper = rule.name == "maxInputNumRule"
                if not _within(rule, count, limit, upper):
                    bound = "最多" if upper else "至少"
                    self.add(f, path, rule.name, where, f"{bound}填写 {limit} 项，现在 {count} 项")

    def depends_on(self, f: Field) -> list[str]:
        """The names of the fields a disabled field's condition reads."""
        ids: set[str] = set()
        for rule in f.rules_named("disableRule"):
            if rule.depend is not None:
                ids |= rule.depend.field_ids()
        found = (self.schema.find(i) for i in sorted(ids))
        return [other.name for other in found if other is not None]


def _text_problem(f: Field, rule: Rule, text: str) -> str | None:
    name = rule.name
    if name in ("maxLengthRule", "minLengthRule"):
        in_bytes = rule.unit == "byte"
        size = taobao_bytes(text) if in_bytes else len(text)
        unit = "字节" if in_bytes else "个字符"
        limit = int(rule.value)
        upper = name == "maxLengthRule"
        if _within(rule, size, limit, upper):
            return None
        note = "（一个汉字算 2 个字节）" if in_bytes else ""
        return f"{'最多' if upper else '至少'} {limit} {unit}{note}，现在 {size} {unit}"
    if name == "regexRule":
        if len(text) > REGEX_MAX_CHARS or re.fullmatch(rule.value, text):
            return None
        tip = next(iter(f.tips), "")
        return f"的内容“{text[:30]}”不符合格式要求" + (f"（{_plain(tip)}）" if tip else "")
    if name == "valueTypeRule":
        return None if _type_ok(rule.value, text) else (
            f"应为{TYPE_NAMES.get(rule.value, rule.value)}，现在是“{text[:30]}”")
    if name in ("minValueRule", "maxValueRule"):
        try:
            number, limit = Decimal(text), Decimal(rule.value)
        except InvalidOperation:
            return f"应为数字，现在是“{text[:30]}”"
        upper = name == "maxValueRule"
        if not number.is_finite() or not _within(rule, number, limit, upper):
            word = ("必须小于" if upper else "必须大于") if rule.strict else (
                "不能大于" if upper else "不能小于")
            return f"{word} {rule.value}（现在 {text}）"
        return None
    if name in ("maxDecimalDigitsRule", "minDecimalDigitsRule"):
        digits = len(text.partition(".")[2])
        limit = int(rule.value)
        upper = name == "maxDecimalDigitsRule"
        if (digits <= limit) if upper else (digits >= limit):
            return None
        return f"{'最多' if upper else '至少'} {limit} 位小数（现在 {digits} 位）"
    return None


def _plain(html: str) -> str:
    return re.sub(r"<[^>]*>", "", html).strip()[:60]


def validate(schema: Schema, values: Values, explicit: frozenset[str] = frozenset()
             ) -> list[SchemaIssue]:
    """Every issue of ``values`` against ``schema`` (empty: it may be sent). ``explicit``: the
    paths the product filled (a disabled or read-only field only matters when it filled it)."""
    check = _Check(schema, explicit)
    check.fields(schema.fields, values, Scope((values,)), "", "")
    return check.issues
