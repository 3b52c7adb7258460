"""Small helpers over an .xlsx zip: namespaces, relationships, part paths, cell references."""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from xml.etree import ElementTree as ET

from app.excel.zipguard import SafeZip

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_MAIN_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_R_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

_REF = re.compile(r"^([A-Za-z]{1,3})(\d+)$")
_LETTERS = re.compile(r"^[A-Za-z]+")
_DIGITS = "0123456789"
_REF_COLUMNS: dict[str, int] = {}  # "AB" -> 27: the letters of every cell reference seen


def local(tag: str) -> str:
    """Tag without its namespace: ``{ns}row`` -> ``row``."""
    return tag.rpartition("}")[2]


def tags(name: str) -> frozenset[str]:
    """The tag in both the transitional and the strict spreadsheet namespace."""
    return frozenset((f"{{{NS_MAIN}}}{name}", f"{{{NS_MAIN_STRICT}}}{name}"))


def rid_attr(el: ET.Element, name: str = "id") -> str | None:
    """A relationship attribute (``r:id``/``r:embed``) in either namespace."""
    return el.get(f"{{{NS_R}}}{name}") or el.get(f"{{{NS_R_STRICT}}}{name}")


@lru_cache(maxsize=4096)
def col_index(letters: str) -> int:
    """``A`` -> 0, ``Z`` -> 25, ``AA`` -> 26."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n - 1


@lru_cache(maxsize=4096)
def col_letter(index: int) -> str:
    """0 -> ``A``, 26 -> ``AA``."""
    out = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def ref_column(ref: str) -> int | None:
    """The column of a cell reference by its leading letters (``B5`` -> 1, ``b5`` -> 1), or
    ``None`` when it starts with no letter. Cached by the letters (a sheet has a few dozen
    columns and hundreds of thousands of cells), so most cells cost one ``rstrip`` and one
    dict lookup instead of a regex match."""
    col = _REF_COLUMNS.get(ref.rstrip(_DIGITS))
    if col is not None:
        return col
    m = _LETTERS.match(ref)
    if m is None:
        return None
    letters = m.group(0)
    col = col_index(letters)
    if len(letters) <= 3 and letters == ref.rstrip(_DIGITS):  # bounded: 3 letters at most
        _REF_COLUMNS[letters] = col
    return col


def split_ref(ref: str) -> tuple[int, int] | None:
    """``B5`` -> (row 5, col 1); ``None`` if not a cell reference."""
    m = _REF.match(ref)
    if not m:
        return None
    return int(m.group(2)), col_index(m.group(1))


def cell_name(row: int, col: int) -> str:
    return f"{col_letter(col)}{row}"


def part_rels_path(part: str) -> str:
    """``xl/worksheets/sheet1.xml`` -> ``xl/worksheets/_rels/sheet1.xml.rels``."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve(part: str, target: str) -> str:
    """A relationship target relative to ``part`` as a zip member name."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(part), target))


def read_rels(zf: SafeZip, part: str) -> dict[str, str]:
    """Relationship id -> resolved zip member (external targets are skipped)."""
    data = zf.read(part_rels_path(part))
    if data is None:
        return {}
    out: dict[str, str] = {}
    for rel in ET.fromstring(data):  # noqa: S314 (zip member of the user's own file)
        if rel.get("TargetMode") == "External":
            continue
        rid, target = rel.get("Id"), rel.get("Target")
        if rid and target:
            out[rid] = resolve(part, target)
    return out


def parse_member(zf: SafeZip, name: str) -> ET.Element | None:
    """A small XML part, parsed whole (read through the bounded reader)."""
    data = zf.read(name)
    if data is None:
        return None
    return ET.fromstring(data)  # noqa: S314


class MediaCache:
    """Reads each media file of the zip once (many cells may show the same picture)."""

    def __init__(self, zf: SafeZip) -> None:
        self._zf = zf
        self._cache: dict[str, bytes | None] = {}

    def get(self, member: str) -> bytes | None:
        if member not in self._cache:
            self._cache[member] = self._zf.read(member, media=True)
        return self._cache[member]
