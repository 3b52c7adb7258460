"""The sheets the user opened last (``config_dir()/recent.json``): path, identity, when.

Nothing secret: file paths and the sheet identity the journal keys its runs by. A damaged or
missing file is an empty list; writing goes through a temporary file so a crash never leaves
half a list. No Qt here.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from app import paths

log = logging.getLogger(__name__)
RECENT_FILE = "recent.json"
LIMIT = 8


@dataclass(frozen=True, slots=True)
class RecentSheet:
    path: str
    identity: str  # SheetData.identity: the journal's sheet key
    opened_at: str  # ISO, UTC

    @property
    def name(self) -> str:
        return Path(self.path).name

    def exists(self) -> bool:
        return Path(self.path).is_file()


class RecentFiles:
    def __init__(self, file: Path | None = None, limit: int = LIMIT) -> None:
        self.file = file or paths.config_dir() / RECENT_FILE
        self.limit = limit

    def load(self) -> list[RecentSheet]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
            return [RecentSheet(str(d["path"]), str(d["identity"]), str(d["opened_at"]))
                    for d in data["sheets"]][: self.limit]
        except FileNotFoundError:
            return []
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("recent files list unreadable, starting a new one: %s", exc)
            return []

    def add(self, path: Path, identity: str) -> list[RecentSheet]:
        """``path`` first; the same file (or the same sheet identity) only once."""
        text = str(Path(path).resolve())
        now = datetime.now(UTC).isoformat(timespec="seconds")
        kept = [s for s in self.load() if s.path != text and s.identity != identity]
        sheets = [RecentSheet(text, identity, now), *kept][: self.limit]
        self._save(sheets)
        return sheets

    def remove(self, path: str) -> list[RecentSheet]:
        sheets = [s for s in self.load() if s.path != path]
        self._save(sheets)
        return sheets

    def _save(self, sheets: list[RecentSheet]) -> None:
        temporary = self.file.with_suffix(".tmp")
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(
                json.dumps({"sheets": [asdict(s) for s in sheets]}, ensure_ascii=False, indent=1),
                encoding="utf-8",
            )
            os.replace(temporary, self.file)
        except OSError as exc:  # a read-only config folder must not stop the window
            log.warning("could not save the recent files list: %s", exc)
