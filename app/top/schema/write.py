"""Filled values → the ``<itemSchema>`` sent to submit, built as an element tree (never by
joining strings: names and values with ``<``, ``&`` or quotes are escaped by ElementTree).

Each field the schema has, in its order, with a value and not disabled: ``<field id name
type>`` and its value element (``<value>``, ``<values>``, ``<complex-value>``, one
``<complex-values>`` per entry). Rules and options are not repeated: the server has them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

from app.top.schema.depend import Scope, is_disabled, is_empty
from app.top.schema.model import Field, FieldType, Schema, Value, Values


def _put(parent: ET.Element, fields: Iterable[Field], values: Values, scope: Scope) -> None:
    for f in fields:
        value = values.get(f.id)
        if f.type is FieldType.LABEL or is_empty(value) or is_disabled(f, scope):
            continue
        element = ET.SubElement(parent, "field", {"id": f.id, "name": f.name,
                                                  "type": f.type.value})
        _value(element, f, value, scope)


def _value(element: ET.Element, f: Field, value: Value, scope: Scope) -> None:
    if f.type.is_text:
        ET.SubElement(element, "value").text = str(value)
    elif f.type.is_list:
        box = ET.SubElement(element, "values")
        for item in value:
            ET.SubElement(box, "value").text = str(item)
    elif f.type is FieldType.COMPLEX:
        _put(ET.SubElement(element, "complex-value"), f.children, value, scope.inner(value))
    else:
        for entry in value:
            _put(ET.SubElement(element, "complex-values"), f.children, entry,
                 scope.inner(entry))


def to_element(schema: Schema, values: Values, *, only: Iterable[str] | None = None
               ) -> ET.Element:
    """The filled schema as a tree; ``only`` keeps just these top-level ids (fastupdate)."""
    keep = None if only is None else set(only)
    root = ET.Element("itemSchema")
    fields = [f for f in schema.fields if keep is None or f.id in keep]
    _put(root, fields, values, Scope((values,)))
    return root


def to_text(schema: Schema, values: Values, *, only: Iterable[str] | None = None) -> str:
    """The filled schema as the XML text the ``schema`` parameter carries."""
    return ET.tostring(to_element(schema, values, only=only), encoding="unicode")
