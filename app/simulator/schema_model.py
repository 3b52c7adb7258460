"""The item-publish schema as the simulated server models it (taobao-props.md §7).

A leaf's schema is a tuple of `SField`s (id, name, type, rules, options, child fields). It is
rendered to the XML that ``alibaba.item.publish.schema.get`` answers, and a filled schema that
``submit`` receives is read back into plain values. The checks live in ``schema_check.py``.
Written from the doc, in the simulator's own code: nothing is shared with ``app.top``.

Values, by field type: ``input``/``singleCheck`` → ``str``; ``multiInput``/``multiCheck`` →
``list[str]``; ``complex`` → ``dict[id, value]``; ``multiComplex`` → ``list[dict[id, value]]``
(one ``<complex-values>`` element per entry).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # building only; parsing goes through defusedxml
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from app.simulator.errors import ApiError, invalid

FIELD_TYPES = frozenset({
    "input", "singleCheck", "multiCheck", "multiInput", "complex", "multiComplex", "label",
})
MAX_SCHEMA_CHARS = 4_000_000  # a filled schema the server reads (a stand-in limit)

Value = Any  # str | list[str] | dict[str, Value] | list[dict[str, Value]]


@dataclass(frozen=True)
class Depend:
    """One ``<depend-express fieldId value symbol>``."""

    field_id: str
    value: str
    symbol: str = "=="


@dataclass(frozen=True)
class SRule:
    name: str
    value: str
    unit: str | None = None
    ex_property: str | None = None
    depends: tuple[Depend, ...] = ()
    operator: str = "and"


@dataclass(frozen=True)
class SOption:
    value: str
    display: str


@dataclass(frozen=True)
class SField:
    id: str
    name: str
    type: str
    rules: tuple[SRule, ...] = ()
    options: tuple[SOption, ...] = ()
    children: tuple[SField, ...] = ()
    default: str | None = None

    def rule(self, name: str) -> SRule | None:
        return next((r for r in self.rules if r.name == name), None)

    @property
    def required(self) -> bool:
        rule = self.rule("requiredRule")
        return rule is not None and rule.value == "true"

    def child(self, field_id: str) -> SField | None:
        return next((c for c in self.children if c.id == field_id), None)

    def option_values(self) -> set[str]:
        return {o.value for o in self.options}


# -- rendering ------------------------------------------------------------------------------
def _rule_element(rule: SRule) -> ET.Element:
    attrs = {"name": rule.name, "value": rule.value}
    if rule.ex_property:
        attrs["exProperty"] = rule.ex_property
    if rule.unit:
        attrs["unit"] = rule.unit
    element = ET.Element("rule", attrs)
    if rule.depends:
        group = ET.SubElement(element, "depend-group", {"operator": rule.operator})
        for dep in rule.depends:
            ET.SubElement(group, "depend-express",
                          {"fieldId": dep.field_id, "value": dep.value, "symbol": dep.symbol})
    return element


def _value_elements(parent: ET.Element, field: SField, value: Value) -> None:
    """Append the value elements of ``value`` (a filled or current value) under ``parent``."""
    if field.type in ("input", "singleCheck"):
        ET.SubElement(parent, "value").text = str(value)
    elif field.type in ("multiInput", "multiCheck"):
        box = ET.SubElement(parent, "values")
        for item in value:
            ET.SubElement(box, "value").text = str(item)
    elif field.type == "complex":
        box = ET.SubElement(parent, "complex-value")
        _fields_into(box, field.children, value)
    elif field.type == "multiComplex":
        for entry in value:
            box = ET.SubElement(parent, "complex-values")
            _fields_into(box, field.children, entry)


def _fields_into(parent: ET.Element, fields: tuple[SField, ...], values: Mapping[str, Value]
                 ) -> None:
    for field in fields:
        if field.id in values and values[field.id] not in (None, "", [], {}):
            element = ET.SubElement(parent, "field",
                                    {"id": field.id, "name": field.name, "type": field.type})
            _value_elements(element, field, values[field.id])


def field_element(field: SField, value: Value = None) -> ET.Element:
    """``<field>`` with its rules, options, child fields, default and (optionally) a value."""
    element = ET.Element("field", {"id": field.id, "name": field.name, "type": field.type})
    if field.rules:
        rules = ET.SubElement(element, "rules")
        rules.extend(_rule_element(r) for r in field.rules)
    if field.options:
        options = ET.SubElement(element, "options")
        for option in field.options:
            ET.SubElement(options, "option", {"displayName": option.display,
                                              "value": option.value})
    if field.children:
        children = ET.SubElement(element, "fields")
        for child in field.children:
            children.append(field_element(child))
    if field.default is not None:
        ET.SubElement(element, "default-value").text = field.default
    if value not in (None, "", [], {}):
        _value_elements(element, field, value)
    return element


def render(fields: tuple[SField, ...], values: Mapping[str, Value] | None = None) -> str:
    """The ``<itemSchema>`` XML text; ``values`` (by field id) are shown as current values."""
    root = ET.Element("itemSchema")
    for field in fields:
        root.append(field_element(field, (values or {}).get(field.id)))
    return ET.tostring(root, encoding="unicode")


# -- reading a filled schema ----------------------------------------------------------------
def schema_error(text: str) -> ApiError:
    return invalid("schema", f"schema 格式错误：{text}")


def parse_filled(text: str) -> dict[str, Value]:
    """The values of a filled ``<itemSchema>`` by field id (rules and options are ignored)."""
    if len(text) > MAX_SCHEMA_CHARS:
        raise schema_error(f"长度为 {len(text)} 个字符，超过上限 {MAX_SCHEMA_CHARS}")
    try:
        root = SafeET.fromstring(text, forbid_dtd=True)
    except (SafeET.ParseError, DefusedXmlException, ValueError) as exc:
        raise schema_error(f"不是合法的 XML（{type(exc).__name__}）") from None
    if root.tag not in ("itemSchema", "itemRule"):
        raise schema_error(f"根元素应为 itemSchema，收到 {root.tag}")
    return _read_fields(root, depth=0)


def _read_fields(parent: ET.Element, depth: int) -> dict[str, Value]:
    if depth > 8:
        raise schema_error("字段嵌套过深")
    values: dict[str, Value] = {}
    for element in parent.findall("field"):
        field_id = element.get("id") or ""
        field_type = element.get("type") or ""
        if not field_id:
            raise schema_error("有字段缺少 id")
        if field_type not in FIELD_TYPES:
            raise schema_error(f"字段 {field_id} 的类型“{field_type}”无效")
        if field_id in values:
            raise schema_error(f"字段 {field_id} 出现了两次")
        value = _read_value(element, field_type, depth)
        if value is not None:
            values[field_id] = value
    return values


def _read_value(element: ET.Element, field_type: str, depth: int) -> Value:
    if field_type in ("input", "singleCheck"):
        node = element.find("value")
        return None if node is None else (node.text or "").strip()
    if field_type in ("multiInput", "multiCheck"):
        box = element.find("values")
        if box is None:
            return None
        return [(v.text or "").strip() for v in box.findall("value")]
    if field_type == "complex":
        box = element.find("complex-value")
        return None if box is None else _read_fields(box, depth + 1)
    if field_type == "multiComplex":
        boxes = element.findall("complex-values")
        return [_read_fields(box, depth + 1) for box in boxes] if boxes else None
    return None  # label
