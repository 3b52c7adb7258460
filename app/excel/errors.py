"""The reader's one exception: the file cannot be used at all (Chinese message for the user)."""

from __future__ import annotations


class SheetError(Exception):
    """The file is unusable (empty, not a workbook, encrypted…); ``message`` is Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
