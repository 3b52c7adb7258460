"""Depend-groups: whether a rule applies (``disableRule`` and any rule with a condition).

A ``fieldId`` is looked up in the innermost values first (the same complex or multiComplex
entry), then outward, then anywhere in the schema's values (a real schema makes a top-level
field depend on one inside a complex). Comparisons: ``==``/``!=`` (a list holds or lacks the
value), ``contains``/``not contains`` (substring of any value), ``is null``/``is not null``,
and ``>``/``<``/``>=``/``<=`` on numbers (false when either side is not a number).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation

from app.top.schema.model import DependGroup, Field, Rule, Value


def is_empty(value: Value) -> bool:
    return value is None or value in ("", [], {})


class Scope:
    """The values a depend-expression can see, innermost first."""

    __slots__ = ("chain",)

    def __init__(self, chain: Sequence[Mapping[str, Value]]) -> None:
        self.chain = tuple(chain)

    def inner(self, values: Mapping[str, Value]) -> Scope:
        return Scope((values, *self.chain))

    def lookup(self, field_id: str) -> Value:
        for values in self.chain:
            if field_id in values:
                return values[field_id]
        return _search(self.chain[-1], field_id) if self.chain else None


def _search(values: Mapping[str, Value], field_id: str) -> Value:
    stack: list[Mapping[str, Value]] = [values]
    while stack:
        current = stack.pop()
        if field_id in current:
            return current[field_id]
        for value in current.values():
            if isinstance(value, dict):
                stack.append(value)
            elif isinstance(value, list):
                stack.extend(v for v in value if isinstance(v, dict))
    return None


def _number(text: str) -> Decimal | None:
    try:
        number = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _compare(symbol: str, actual: Value, expected: str) -> bool:
    if isinstance(actual, list):
        values = [str(v) for v in actual if not isinstance(v, dict)]
    else:
        values = [] if is_empty(actual) or isinstance(actual, dict) else [str(actual)]
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
    left = _number(values[0]) if values else None
    right = _number(expected)
    if left is None or right is None:
        return False
    return {">": left > right, "<": left < right, ">=": left >= right,
            "<=": left <= right}[symbol]


def holds(group: DependGroup, scope: Scope) -> bool:
    results = [_compare(e.symbol, scope.lookup(e.field_id), e.value) for e in group.expressions]
    results += [holds(g, scope) for g in group.groups]
    if not results:
        return True
    return all(results) if group.operator == "and" else any(results)


def applies(rule: Rule, scope: Scope) -> bool:
    """A rule without a depend-group always applies; with one, only while it holds."""
    return rule.depend is None or holds(rule.depend, scope)


def is_disabled(field: Field, scope: Scope) -> bool:
    return any(r.value == "true" and applies(r, scope) for r in field.rules_named("disableRule"))
