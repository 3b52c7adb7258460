"""Pictures stored in an .xlsx: floating (drawings), WPS in-cell (cellimages.xml), Excel 365
"Place in cell" (richData). Read straight from the zip; see docs sheet-pictures.md for the chains.
"""

from __future__ import annotations

import posixpath
from xml.etree import ElementTree as ET

from app.catalog.model import ImageRef, ImageSource
from app.excel.grid import CellPicture
from app.excel.ooxml import MediaCache, cell_name, local, parse_member, read_rels, rid_attr
from app.excel.zipguard import SafeZip

NS_WPS = "http://www.wps.cn/officeDocument/2017/etCustomData"


def _blip_rid(pic: ET.Element) -> str | None:
    for el in pic.iter():
        if local(el.tag) == "blip":
            return rid_attr(el, "embed") or rid_attr(el, "link")
    return None


def _pic_name(pic: ET.Element) -> str | None:
    for el in pic.iter():
        if local(el.tag) == "cNvPr":
            return el.get("name")
    return None


def _anchor_start(anchor: ET.Element) -> tuple[int, int] | None:
    """(row 1-based, col 0-based) where a one/two-cell anchor starts."""
    for child in anchor:
        if local(child.tag) == "from":
            row = col = None
            for part in child:
                name = local(part.tag)
                if name == "row":
                    row = int(part.text or 0)
                elif name == "col":
                    col = int(part.text or 0)
            if row is not None and col is not None:
                return row + 1, col
    return None


def floating_pictures(zf: SafeZip, sheet_member: str, sheet_name: str,
                      media: MediaCache) -> dict[int, list[tuple[int, ImageRef]]]:
    """Row -> [(col, picture)] for every picture anchored on the sheet's drawing(s)."""
    out: dict[int, list[tuple[int, ImageRef]]] = {}
    for target in read_rels(zf, sheet_member).values():
        if "/drawings/" not in f"/{target}" or not target.endswith(".xml"):
            continue
        root = parse_member(zf, target)
        if root is None:
            continue
        rels = read_rels(zf, target)
        for anchor in root:
            if local(anchor.tag) not in ("twoCellAnchor", "oneCellAnchor"):
                continue  # absoluteAnchor: not tied to any row
            start = _anchor_start(anchor)
            rid = _blip_rid(anchor)
            if start is None or rid is None or rid not in rels:
                continue
            data = media.get(rels[rid])
            if data is None:
                continue
            row, col = start
            ref = ImageRef(ImageSource.FLOATING, f"{sheet_name}!{cell_name(row, col)}",
                           data=data, name=posixpath.basename(rels[rid]))
            out.setdefault(row, []).append((col, ref))
    for pics in out.values():
        pics.sort(key=lambda item: item[0])
    return out


def wps_cell_images(zf: SafeZip, media: MediaCache) -> dict[str, tuple[str, bytes]]:
    """DISPIMG id -> (media file name, bytes) from ``xl/cellimages.xml``."""
    member = "xl/cellimages.xml"
    root = parse_member(zf, member)
    if root is None:
        return {}
    rels = read_rels(zf, member)
    out: dict[str, tuple[str, bytes]] = {}
    for cell_image in root:
        name = _pic_name(cell_image)
        rid = _blip_rid(cell_image)
        if not name or not rid or rid not in rels:
            continue
        data = media.get(rels[rid])
        if data is not None:
            out[name] = (posixpath.basename(rels[rid]), data)
    return out


def excel_cell_images(zf: SafeZip, media: MediaCache) -> dict[str, tuple[str, bytes]]:
    """``vm`` index (1-based, as text) -> (media file name, bytes) via metadata.xml + richData."""
    metadata = parse_member(zf, "xl/metadata.xml")
    values = parse_member(zf, "xl/richData/rdrichvalue.xml")
    if metadata is None or values is None:
        return {}
    # futureMetadata XLRICHVALUE: block i -> rich value index
    rich_blocks: list[int] = []
    type_index: dict[str, int] = {}
    for i, mtype in enumerate(_children(metadata, "metadataTypes", "metadataType"), start=1):
        type_index[mtype.get("name") or ""] = i
    for fm in metadata:
        if local(fm.tag) == "futureMetadata" and fm.get("name") == "XLRICHVALUE":
            for bk in fm:
                rvb = next((el for el in bk.iter() if local(el.tag) == "rvb"), None)
                rich_blocks.append(int(rvb.get("i") or 0) if rvb is not None else -1)
    xlrich_type = type_index.get("XLRICHVALUE")
    vm_to_rv: dict[str, int] = {}
    for n, bk in enumerate(_children(metadata, "valueMetadata", "bk"), start=1):
        rc = next((el for el in bk if local(el.tag) == "rc"), None)
        if rc is None:
            continue
        t, v = int(rc.get("t") or 0), int(rc.get("v") or 0)
        if xlrich_type is not None and t != xlrich_type:
            continue
        if 0 <= v < len(rich_blocks) and rich_blocks[v] >= 0:
            vm_to_rv[str(n)] = rich_blocks[v]
    local_image_structs = _local_image_structures(zf)
    rv_rel: list[int | None] = []
    for rv in values:
        s = int(rv.get("s") or 0)
        vs = [el.text for el in rv if local(el.tag) == "v"]
        if s in local_image_structs and vs:
            try:
                rv_rel.append(int(vs[local_image_structs[s]] or ""))
            except (ValueError, IndexError):
                rv_rel.append(None)
        else:
            rv_rel.append(None)
    rel_member = "xl/richData/richValueRel.xml"
    rel_root = parse_member(zf, rel_member)
    if rel_root is None:
        return {}
    rel_ids = [rid_attr(el) for el in rel_root]
    rels = read_rels(zf, rel_member)
    out: dict[str, tuple[str, bytes]] = {}
    for vm, rv_index in vm_to_rv.items():
        rel_index = rv_rel[rv_index] if rv_index < len(rv_rel) else None
        if rel_index is None or rel_index >= len(rel_ids):
            continue
        rid = rel_ids[rel_index]
        if rid is None or rid not in rels:
            continue
        data = media.get(rels[rid])
        if data is not None:
            out[vm] = (posixpath.basename(rels[rid]), data)
    return out


def _children(root: ET.Element, parent: str, child: str) -> list[ET.Element]:
    for el in root:
        if local(el.tag) == parent:
            return [c for c in el if local(c.tag) == child]
    return []


def _local_image_structures(zf: SafeZip) -> dict[int, int]:
    """Structure index -> position of ``_rvRel:LocalImageIdentifier`` for ``_localImage`` ones."""
    root = parse_member(zf, "xl/richData/rdrichvaluestructure.xml")
    if root is None:
        return {0: 0}  # the usual single structure, first key = the relationship index
    out: dict[int, int] = {}
    for i, st in enumerate(el for el in root if local(el.tag) == "s"):
        if st.get("t") != "_localImage":
            continue
        keys = [k.get("n") for k in st if local(k.tag) == "k"]
        out[i] = keys.index("_rvRel:LocalImageIdentifier") \
            if "_rvRel:LocalImageIdentifier" in keys else 0
    return out


def cell_picture_refs(zf: SafeZip, media: MediaCache,
                      wanted: set[CellPicture]) -> dict[CellPicture, tuple[str, bytes]]:
    """Resolve the in-cell pictures the sheet uses (only parses the parts that are needed)."""
    out: dict[CellPicture, tuple[str, bytes]] = {}
    if any(p.source is ImageSource.WPS_CELL for p in wanted):
        wps = wps_cell_images(zf, media)
        for p in wanted:
            if p.source is ImageSource.WPS_CELL and p.key in wps:
                out[p] = wps[p.key]
    if any(p.source is ImageSource.EXCEL_CELL for p in wanted):
        excel = excel_cell_images(zf, media)
        for p in wanted:
            if p.source is ImageSource.EXCEL_CELL and p.key in excel:
                out[p] = excel[p.key]
    return out
