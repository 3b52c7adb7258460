"""The leaves a shop chose last in the window's category picker (most recent first), kept beside
its category cache: ``data_dir()/categories/<env>/<shop>/recent.json``. No Qt here."""

from __future__ import annotations

import json
import os
import tempfile

from app.categories.cache import CategoryCache

KEEP = 10


def load_recent(cache: CategoryCache) -> list[int]:
    try:
        data = json.loads((cache.folder / "recent.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    found = data.get("cids") if isinstance(data, dict) else None
    return [int(c) for c in found if isinstance(c, int)][:KEEP] if isinstance(found, list) else []


def remember_recent(cache: CategoryCache, cid: int) -> list[int]:
    """Put ``cid`` first; returns the list as saved (a write that fails loses nothing else)."""
    cids = [cid, *(c for c in load_recent(cache) if c != cid)][:KEEP]
    path = cache.folder / "recent.json"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".recent-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"cids": cids}, handle)
        os.replace(tmp, path)
    except OSError:
        pass  # only a convenience: the choice itself is in the edits overlay
    return cids
