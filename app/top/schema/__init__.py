"""The item schema codec (taobao-props.md §7), pure: no I/O, no Qt.

`parse_schema` (hardened: size cap, defusedxml, strict structure) → `Schema`; `fill` from the
item.add field dict (`app.upload.fields.item_fields`) → `Filled`; `validate` → `SchemaIssue`s;
`to_text` → the XML for submit; `submission` does the three and raises `SchemaInvalidError`.
Field ids are data (`mapping.DEFAULT_MAP`). Errors: `SchemaError` (an unusable schema or
product), `SchemaInvalidError` (rules broken), both with Chinese messages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.top.schema.errors import SchemaError, SchemaInvalidError, SchemaIssue
from app.top.schema.fill import Filled, fill
from app.top.schema.mapping import DEFAULT_MAP, FieldMap, Slot
from app.top.schema.model import Field, FieldType, Option, Rule, Schema, Values
from app.top.schema.parse import MAX_SCHEMA_BYTES, parse_schema
from app.top.schema.validate import validate
from app.top.schema.write import to_element, to_text

__all__ = [
    "DEFAULT_MAP", "MAX_SCHEMA_BYTES", "Field", "FieldMap", "FieldType", "Filled", "Option",
    "Rule", "Schema", "SchemaError", "SchemaInvalidError", "SchemaIssue", "Slot", "Submission",
    "Values", "fill", "parse_schema", "submission", "to_element", "to_text", "validate",
]


class Submission:
    """What submit will carry for one product: the XML text, and what could not go in it."""

    def __init__(self, xml: str, filled: Filled) -> None:
        self.xml = xml
        self.filled = filled

    @property
    def unsent(self) -> tuple[str, ...]:
        """item.add fields of the product the schema has no place for."""
        return self.filled.unsent


def submission(schema: Schema, fields: Mapping[str, object], *, pictures: Sequence[str] = (),
               field_map: FieldMap = DEFAULT_MAP) -> Submission:
    """Fill, validate every rule, write the XML; `SchemaInvalidError` lists every problem."""
    filled = fill(schema, fields, pictures=pictures, field_map=field_map)
    issues = [*filled.issues, *validate(schema, filled.values, filled.explicit)]
    if issues:
        raise SchemaInvalidError(issues)
    return Submission(to_text(schema, filled.values), filled)
