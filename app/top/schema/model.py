"""The typed model of an item schema (taobao-props.md §7): fields, rules, options, defaults.

Values travel as plain Python, keyed by field id (`Values`): ``input``/``singleCheck`` → ``str``;
``multiInput``/``multiCheck`` → ``list[str]``; ``complex`` → ``dict[id, value]``;
``multiComplex`` → ``list[dict[id, value]]``; ``label`` holds none.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from enum import StrEnum
from typing import Any, TypeAlias

Value: TypeAlias = Any  # str | list[str] | dict[str, Value] | list[dict[str, Value]]
Values: TypeAlias = dict[str, Any]


class FieldType(StrEnum):
    INPUT = "input"
    SINGLE_CHECK = "singleCheck"
    MULTI_CHECK = "multiCheck"
    MULTI_INPUT = "multiInput"
    COMPLEX = "complex"
    MULTI_COMPLEX = "multiComplex"
    LABEL = "label"

    @property
    def is_text(self) -> bool:
        return self in (FieldType.INPUT, FieldType.SINGLE_CHECK)

    @property
    def is_list(self) -> bool:
        return self in (FieldType.MULTI_INPUT, FieldType.MULTI_CHECK)

    @property
    def has_children(self) -> bool:
        return self in (FieldType.COMPLEX, FieldType.MULTI_COMPLEX)


SYMBOLS = frozenset({"==", "=", "!=", ">", "<", ">=", "<=", "contains", "not contains",
                     "is null", "is not null"})


@dataclass(frozen=True, slots=True)
class DependExpress:
    """``<depend-express fieldId value symbol>``: holds when that field's value compares so."""

    field_id: str
    value: str
    symbol: str = "=="


@dataclass(frozen=True, slots=True)
class DependGroup:
    """``<depend-group operator="and|or">`` of expressions and nested groups."""

    operator: str = "and"
    expressions: tuple[DependExpress, ...] = ()
    groups: tuple[DependGroup, ...] = ()

    def field_ids(self) -> set[str]:
        ids = {e.field_id for e in self.expressions}
        for group in self.groups:
            ids |= group.field_ids()
        return ids


@dataclass(frozen=True, slots=True)
class Rule:
    """One ``<rule>``; a rule with a depend-group applies only while the group holds."""

    name: str
    value: str
    ex_property: str | None = None  # "include" (bound allowed) | "not include" (strict)
    unit: str | None = None  # "byte" for lengths counted in Taobao bytes, else characters
    depend: DependGroup | None = None

    @property
    def strict(self) -> bool:
        return self.ex_property == "not include"


@dataclass(frozen=True, slots=True)
class Option:
    value: str
    display_name: str


@dataclass(frozen=True)
class Field:
    """One ``<field>``: its rules, options, child fields, default and current value (an edit
    schema carries the item's values)."""

    id: str
    name: str
    type: FieldType
    rules: tuple[Rule, ...] = ()
    options: tuple[Option, ...] = ()
    children: tuple[Field, ...] = ()
    default: Value = None
    value: Value = None
    _option_values: frozenset[str] = dc_field(default=frozenset(), repr=False, compare=False)

    def rule(self, name: str) -> Rule | None:
        return next((r for r in self.rules if r.name == name), None)

    def rules_named(self, name: str) -> list[Rule]:
        return [r for r in self.rules if r.name == name]

    @property
    def required(self) -> bool:
        rule = self.rule("requiredRule")
        return rule is not None and rule.value == "true"

    @property
    def read_only(self) -> bool:
        rule = self.rule("readOnlyRule")
        return rule is not None and rule.value == "true"

    @property
    def tips(self) -> list[str]:
        return [r.value for r in self.rules if r.name == "tipRule"]

    def child(self, field_id: str) -> Field | None:
        return next((c for c in self.children if c.id == field_id), None)

    def has_option(self, value: str) -> bool:
        return value in self._option_values

    def option_name(self, value: str) -> str | None:
        return next((o.display_name for o in self.options if o.value == value), None)

    @property
    def initial(self) -> Value:
        """What the form starts with: the current value, else the default."""
        return self.value if self.value is not None else self.default


@dataclass(frozen=True)
class Schema:
    """A parsed schema: top-level fields in order; ``root`` is ``itemSchema`` or ``itemRule``."""

    fields: tuple[Field, ...]
    root: str = "itemSchema"
    _index: dict[str, Field] = dc_field(default_factory=dict, repr=False, compare=False)

    def field(self, field_id: str) -> Field | None:
        """A top-level field by id."""
        return next((f for f in self.fields if f.id == field_id), None)

    def find(self, field_id: str) -> Field | None:
        """A field anywhere in the tree by id (the first in form order)."""
        return self._index.get(field_id)

    def initial_values(self) -> Values:
        """Every value the schema itself carries (current values, else defaults)."""
        return _initial(self.fields)


def _initial(fields: tuple[Field, ...]) -> Values:
    values: Values = {}
    for f in fields:
        start = f.initial
        if start is not None:
            values[f.id] = _copy(start)
        elif f.type is FieldType.COMPLEX and (inner := _initial(f.children)):
            values[f.id] = inner
    return values


def _copy(value: Value) -> Value:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def index_fields(fields: tuple[Field, ...]) -> dict[str, Field]:
    """Field id → field for the whole tree, the first in form order winning."""
    found: dict[str, Field] = {}
    stack = list(reversed(fields))
    while stack:
        current = stack.pop()
        found.setdefault(current.id, current)
        stack.extend(reversed(current.children))
    return found
