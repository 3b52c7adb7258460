"""The codec's two failures: a schema it cannot use, and a product the schema refuses."""

from __future__ import annotations

from dataclasses import dataclass


class SchemaError(ValueError):
    """The schema XML is unusable (too large, not XML, a DTD or entity, an unknown field type, a
    malformed rule, wrong nesting) or a product cannot be put into it. ``code`` is stable
    (``schema.too_large``); ``message`` is Chinese and says what to do."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.message = message
        super().__init__(f"{code}: {message}")


@dataclass(frozen=True, slots=True)
class SchemaIssue:
    """One rule the filled schema breaks. ``path`` locates the field (``sku[2]/skuPrice``);
    ``message`` names it by its schema ``name`` in Chinese."""

    path: str
    field_id: str
    name: str
    rule: str
    message: str


class SchemaInvalidError(ValueError):
    """Validation found problems: nothing may be sent. ``issues`` holds every one."""

    def __init__(self, issues: list[SchemaIssue]) -> None:
        self.issues = issues
        super().__init__("；".join(i.message for i in issues))

    @property
    def message(self) -> str:
        return "；".join(i.message for i in self.issues)
