"""Schema XML → `Schema`, refusing anything hostile or malformed with a `SchemaError`.

The XML comes from the network, so: a size cap before any parsing (`MAX_SCHEMA_BYTES`), then
``defusedxml`` with DTDs, entity declarations and external references all forbidden (a "billion
laughs" never expands), then caps on nesting depth and on the number of fields and options, and
strict structure: every ``<field>`` has an ``id`` and one of the seven known types, child fields
only under ``complex``/``multiComplex``, options only under the two check types, value elements
that fit the type, every ``<rule>`` with a ``name`` and a ``value``, numeric rules with numbers,
regexes that compile, depend-expressions with a ``fieldId`` and a known symbol. Rule names we do
not know are kept (Taobao adds some; Tmall uses numbered ones) and not checked.

Why 8 MiB: the schema's size is driven by option lists; a clothing leaf with 20,000 brands in
品牌 measures 1.2 MiB (parsed in ~56 ms), so 8 MiB leaves room for the longest real lists, while
the worst a hostile answer under the cap can do (8 MiB of tiny fields) costs ~0.5 s and ~110 MiB
once before it is refused (tests/benchmarks/bench_schema.py).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal, InvalidOperation

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml import ElementTree as SafeET

from app.top.schema.errors import SchemaError
from app.top.schema.model import (
    SYMBOLS,
    DependExpress,
    DependGroup,
    Field,
    FieldType,
    Option,
    Rule,
    Schema,
    Value,
    Values,
    index_fields,
)

MAX_SCHEMA_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 16  # nested fields; real schemas go 3–4 deep
MAX_FIELDS = 20_000
MAX_OPTIONS = 300_000
MAX_REGEX_CHARS = 1_000
ROOTS = ("itemSchema", "itemRule")
NUMBER_RULES = frozenset({
    "maxLengthRule", "minLengthRule", "maxValueRule", "minValueRule", "maxDecimalDigitsRule",
    "minDecimalDigitsRule", "maxInputNumRule", "minInputNumRule", "maxTargetSizeRule",
    "minTargetSizeRule",
})
FLAG_RULES = frozenset({"requiredRule", "readOnlyRule", "disableRule"})
_VALUE_TAGS = {
    FieldType.INPUT: ("value", "default-value"),
    FieldType.SINGLE_CHECK: ("value", "default-value"),
    FieldType.MULTI_INPUT: ("values", "default-values"),
    FieldType.MULTI_CHECK: ("values", "default-values"),
    FieldType.COMPLEX: ("complex-value", "default-complex-values"),
    FieldType.MULTI_COMPLEX: ("complex-values", "default-complex-values"),
    FieldType.LABEL: ("value", "default-value"),
}


def _fail(code: str, text: str) -> SchemaError:
    return SchemaError(code, f"淘宝返回的发布规则无法使用：{text}。请稍后重试；"
                             "一直如此请把这条提示发给淘上架的开发者")


def parse_schema(text: str | bytes) -> Schema:
    """The typed schema; raises `SchemaError` for anything unusable (never another error)."""
    size = len(text)  # characters ≤ UTF-8 bytes: a huge text is refused before encoding it
    if isinstance(text, str) and size <= MAX_SCHEMA_BYTES:
        size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_SCHEMA_BYTES:
        raise _fail("schema.too_large", f"内容有 {size / 1048576:.1f} MB，超过上限 "
                                        f"{MAX_SCHEMA_BYTES // 1048576} MB")
    try:
        root = SafeET.fromstring(text, forbid_dtd=True, forbid_entities=True,
                                 forbid_external=True)
    except DTDForbidden:
        raise _fail("schema.forbidden", "内容含有 DTD 声明（出于安全不予解析）") from None
    except EntitiesForbidden:
        raise _fail("schema.forbidden", "内容含有实体声明（出于安全不予解析）") from None
    except ExternalReferenceForbidden:
        raise _fail("schema.forbidden", "内容引用了外部资源（出于安全不予解析）") from None
    except (ET.ParseError, ValueError, UnicodeError) as exc:
        raise _fail("schema.not_xml", f"不是完整的 XML（{type(exc).__name__}）") from None
    if root.tag not in ROOTS:
        raise _fail("schema.root", f"根元素是 <{root.tag}>，应为 <itemSchema>")
    counter = _Counter()
    fields = _fields(root, depth=1, counter=counter, where="根元素")
    return Schema(fields, root.tag, index_fields(fields))


class _Counter:
    def __init__(self) -> None:
        self.fields = 0
        self.options = 0


def _fields(parent: ET.Element, depth: int, counter: _Counter, where: str) -> tuple[Field, ...]:
    if depth > MAX_DEPTH:
        raise _fail("schema.too_deep", f"字段嵌套超过 {MAX_DEPTH} 层")
    found: list[Field] = []
    seen: set[str] = set()
    for element in parent:
        if element.tag != "field":
            raise _fail("schema.nesting", f"{where}下出现了 <{element.tag}>，这里只能是 <field>")
        field = _field(element, depth, counter)
        if field.id in seen:
            raise _fail("schema.bad_field", f"{where}下字段 {field.id} 出现了两次")
        seen.add(field.id)
        found.append(field)
    return tuple(found)


def _field(element: ET.Element, depth: int, counter: _Counter) -> Field:
    counter.fields += 1
    if counter.fields > MAX_FIELDS:
        raise _fail("schema.too_large", f"字段超过 {MAX_FIELDS} 个")
    field_id = (element.get("id") or "").strip()
    if not field_id:
        raise _fail("schema.bad_field", "有字段缺少 id")
    name = (element.get("name") or "").strip() or field_id
    type_text = element.get("type") or ""
    try:
        kind = FieldType(type_text)
    except ValueError:
        raise _fail("schema.unknown_type",
                    f"字段“{name}”（{field_id}）的类型“{type_text}”无法识别") from None
    label = f"字段“{name}”（{field_id}）"
    rules: tuple[Rule, ...] = ()
    options: tuple[Option, ...] = ()
    children: tuple[Field, ...] = ()
    parts: dict[str, ET.Element] = {}
    for part in element:
        if part.tag in parts and part.tag != "complex-values":
            raise _fail("schema.nesting", f"{label}下 <{part.tag}> 出现了两次")
        parts.setdefault(part.tag, part)
        if part.tag == "rules":
            rules = tuple(_rule(r, label) for r in _only(part, "rule", label))
        elif part.tag == "options":
            if kind not in (FieldType.SINGLE_CHECK, FieldType.MULTI_CHECK):
                raise _fail("schema.nesting", f"{label}是 {kind.value} 类型，不能有选项")
            options = tuple(_option(o, label, counter) for o in _only(part, "option", label))
        elif part.tag == "fields":
            if not kind.has_children:
                raise _fail("schema.nesting", f"{label}是 {kind.value} 类型，不能有子字段")
            children = _fields(part, depth + 1, counter, label)
        elif part.tag not in _VALUE_TAGS[kind] and not (
                part.tag.startswith("default-") and kind is FieldType.LABEL):
            raise _fail("schema.nesting", f"{label}是 {kind.value} 类型，不能有 <{part.tag}>")
    value = default = None
    if kind is not FieldType.LABEL:
        value_tag, default_tag = _VALUE_TAGS[kind]
        value = _value(element, kind, value_tag, depth, counter)
        default = _value(element, kind, default_tag, depth, counter)
    return Field(field_id, name, kind, rules, options, children, default, value,
                 frozenset(o.value for o in options))


def _only(parent: ET.Element, tag: str, label: str) -> list[ET.Element]:
    for child in parent:
        if child.tag != tag:
            raise _fail("schema.nesting", f"{label}的 <{parent.tag}> 里出现了 <{child.tag}>")
    return list(parent)


def _option(element: ET.Element, label: str, counter: _Counter) -> Option:
    counter.options += 1
    if counter.options > MAX_OPTIONS:
        raise _fail("schema.too_large", f"选项超过 {MAX_OPTIONS} 个")
    value = element.get("value")
    if value is None:
        raise _fail("schema.bad_field", f"{label}有选项缺少 value")
    return Option(value, element.get("displayName") or value)


def _rule(element: ET.Element, label: str) -> Rule:
    name = (element.get("name") or "").strip()
    value = element.get("value")
    if not name or value is None:
        raise _fail("schema.bad_rule", f"{label}有规则缺少 name 或 value")
    if name in NUMBER_RULES:
        try:
            Decimal(value)
        except InvalidOperation:
            raise _fail("schema.bad_rule", f"{label}的 {name} 不是数字：“{value}”") from None
        if name.endswith(("LengthRule", "DigitsRule", "NumRule")) and not value.isdigit():
            raise _fail("schema.bad_rule", f"{label}的 {name} 应为非负整数：“{value}”")
    elif name in FLAG_RULES and value not in ("true", "false"):
        raise _fail("schema.bad_rule", f"{label}的 {name} 应为 true 或 false：“{value}”")
    elif name == "regexRule":
        if len(value) > MAX_REGEX_CHARS:
            raise _fail("schema.bad_rule", f"{label}的正则表达式超过 {MAX_REGEX_CHARS} 个字符")
        try:
            re.compile(value)
        except re.error:
            raise _fail("schema.bad_rule", f"{label}的正则表达式无法解析：“{value}”") from None
    depend: DependGroup | None = None
    for child in element:
        if child.tag != "depend-group" or depend is not None:
            raise _fail("schema.nesting", f"{label}的规则 {name} 里出现了 <{child.tag}>")
        depend = _group(child, label, 0)
    return Rule(name, value, element.get("exProperty"), element.get("unit"), depend)


def _group(element: ET.Element, label: str, depth: int) -> DependGroup:
    if depth > MAX_DEPTH:
        raise _fail("schema.too_deep", f"{label}的依赖条件嵌套过深")
    operator = (element.get("operator") or "and").strip()
    if operator not in ("and", "or"):
        raise _fail("schema.bad_rule", f"{label}的依赖条件运算符“{operator}”无法识别")
    expressions: list[DependExpress] = []
    groups: list[DependGroup] = []
    for child in element:
        if child.tag == "depend-group":
            groups.append(_group(child, label, depth + 1))
        elif child.tag == "depend-express":
            field_id = child.get("fieldId") or ""
            symbol = child.get("symbol") or "=="
            if not field_id or symbol not in SYMBOLS:
                raise _fail("schema.bad_rule",
                            f"{label}的依赖条件缺少 fieldId 或比较符“{symbol}”无法识别")
            expressions.append(DependExpress(field_id, child.get("value") or "", symbol))
        else:
            raise _fail("schema.nesting", f"{label}的依赖条件里出现了 <{child.tag}>")
    return DependGroup(operator, tuple(expressions), tuple(groups))


def _value(element: ET.Element, kind: FieldType, tag: str, depth: int, counter: _Counter
           ) -> Value:
    if kind.is_text:
        node = element.find(tag)
        return None if node is None else (node.text or "").strip()
    if kind.is_list:
        box = element.find(tag)
        return None if box is None else [(v.text or "").strip() for v in box.findall("value")]
    boxes = element.findall(tag)
    if not boxes:
        return None
    entries = [_values(box, depth + 1, counter) for box in boxes]
    return entries[0] if kind is FieldType.COMPLEX else entries


def _values(box: ET.Element, depth: int, counter: _Counter) -> Values:
    """The values inside a ``<complex-value>`` (fields by id, read by their own type)."""
    return {f.id: f.value for f in _fields(box, depth, counter, f"<{box.tag}>")
            if f.value is not None}
