"""Generators of fixture workbooks: plain cells, floating pictures (openpyxl), WPS ``DISPIMG``
pictures (``xl/cellimages.xml``) and Excel 365 "Place in cell" pictures (``xl/richData``), the
last two written by post-processing the saved .xlsx zip. Also PNG/JPEG bytes made with Pillow.
"""

from __future__ import annotations

import io
import re
import shutil
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.drawing.image import Image as XlImage
from PIL import Image, ImageDraw

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_WPS = "http://www.wps.cn/officeDocument/2017/etCustomData"
REL_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


def picture(width: int = 120, height: int = 120, color: tuple[int, int, int] = (200, 60, 60),
            fmt: str = "PNG", label: str = "") -> bytes:
    """A picture of the given pixel size (a coloured square with a mark, so bytes differ)."""
    img = Image.new("RGB", (width, height), color)
    draw = ImageDraw.Draw(img)
    draw.rectangle((width // 4, height // 4, width * 3 // 4, height * 3 // 4),
                   outline=(255, 255, 255), width=max(1, width // 40))
    if label:
        draw.text((8, 8), label, fill=(255, 255, 255))
    out = io.BytesIO()
    img.save(out, fmt)
    return out.getvalue()


def build_xlsx(path: Path, rows: Sequence[Sequence[object]], *,
               floating: Mapping[str, bytes] | None = None,
               wps: Mapping[str, bytes] | None = None,
               excel: Mapping[str, bytes] | None = None,
               merges: Sequence[str] = (),
               sheet_title: str = "Sheet1",
               extra_sheets: Mapping[str, Sequence[Sequence[object]]] | None = None,
               first_row: int = 1,
               write_only: bool = False,
               hidden_rows: Sequence[int] = (),
               hidden_cols: Sequence[str] = (),
               auto_filter: str | None = None) -> Path:
    """Write ``rows`` (starting at ``first_row``) and the pictures (cell ref -> image bytes).

    ``floating``: pictures anchored at the cell (xl/drawings). ``wps``: the cell gets
    ``_xlfn.DISPIMG("ID_…",1)`` and the picture goes to xl/cellimages.xml. ``excel``: the cell
    becomes ``<c t="e" vm="N"><v>#VALUE!</v></c>`` backed by xl/metadata.xml + xl/richData.
    ``hidden_rows`` (sheet row numbers) and ``hidden_cols`` (letters) are hidden; ``auto_filter``
    (a range such as ``A1:J9``) adds a filter with a condition on its first column.
    """
    wb = Workbook(write_only=write_only)
    if write_only:
        for name, extra_rows in (extra_sheets or {}).items():
            extra = wb.create_sheet(name)
            for r in extra_rows:
                extra.append(list(r))
        ws = wb.create_sheet(sheet_title)
        for _ in range(first_row - 1):
            ws.append([])
        for r in rows:
            ws.append(list(r))
    else:
        ws = wb.active
        ws.title = sheet_title
        for i, r in enumerate(rows):
            for j, value in enumerate(r):
                if value is not None:
                    ws.cell(row=first_row + i, column=j + 1, value=value)
        for ref in merges:
            ws.merge_cells(ref)
        for row in hidden_rows:
            ws.row_dimensions[row].hidden = True
        for letter in hidden_cols:
            ws.column_dimensions[letter].hidden = True
        if auto_filter:
            ws.auto_filter.ref = auto_filter
            ws.auto_filter.add_filter_column(0, ["SKU-00001"])
        for ref, data in (floating or {}).items():
            img = XlImage(io.BytesIO(data))
            ws.add_image(img, ref)
        for name, extra_rows in (extra_sheets or {}).items():
            extra = wb.create_sheet(name, 0)
            for r in extra_rows:
                extra.append(list(r))
        for ref in list(wps or {}) + list(excel or {}):
            ws[ref] = "__PLACEHOLDER__"
    wb.save(path)
    if wps or excel:
        _post_process(path, sheet_title, wps or {}, excel or {})
    return path


def _sheet_member(zf: zipfile.ZipFile, title: str) -> str:
    wb_xml = zf.read("xl/workbook.xml").decode()
    rels = zf.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet[^>]*name="{re.escape(title)}"[^>]*r:id="(rId\d+)"', wb_xml)
    if rid is None:
        rid = re.search(rf'<sheet[^>]*r:id="(rId\d+)"[^>]*name="{re.escape(title)}"', wb_xml)
    assert rid is not None
    target = re.search(rf'Target="([^"]+)" Id="{rid.group(1)}"', rels)
    if target is None:
        target = re.search(rf'Id="{rid.group(1)}"[^>]*Target="([^"]+)"', rels)
    assert target is not None
    t = target.group(1)
    return t.lstrip("/") if t.startswith("/") else "xl/" + t


def _replace_cell(sheet_xml: str, ref: str, new: str) -> str:
    pattern = re.compile(rf'<c r="{ref}"(?:[^>]*/>|[^>]*>.*?</c>)', re.DOTALL)
    out, n = pattern.subn(new, sheet_xml, count=1)
    assert n == 1, f"cell {ref} not found"
    return out


def _post_process(path: Path, title: str, wps: Mapping[str, bytes],
                  excel: Mapping[str, bytes]) -> None:
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
        member = _sheet_member(zf, title)
    sheet = parts[member].decode("utf-8")
    types = parts["[Content_Types].xml"].decode("utf-8")
    wb_rels = parts["xl/_rels/workbook.xml.rels"].decode("utf-8")
    if 'Extension="png"' not in types:
        types = types.replace("<Default ", '<Default Extension="png" ContentType="image/png"/>'
                              "<Default ", 1)
    if wps:
        pics, rels = [], []
        for n, (ref, data) in enumerate(wps.items(), start=1):
            ident = f"ID_{n:04d}{zlib.crc32(ref.encode()):08X}"
            sheet = _replace_cell(sheet, ref, f'<c r="{ref}" t="str"><f>_xlfn.DISPIMG("{ident}",1)'
                                              f'</f><v>=DISPIMG("{ident}",1)</v></c>')
            parts[f"xl/media/wps{n}.png"] = data
            rels.append(f'<Relationship Id="rId{n}" Type="{REL_IMAGE}" Target="media/wps{n}.png"/>')
            pics.append(
                f'<etc:cellImage><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="{n}" name="{ident}"/>'
                f'<xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId{n}"/>'
                f'<a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr/></xdr:pic>'
                f'</etc:cellImage>')
        parts["xl/cellimages.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<etc:cellImages xmlns:xdr="{NS_XDR}" xmlns:etc="{NS_WPS}" xmlns:a="{NS_A}" '
            f'xmlns:r="{NS_R}">{"".join(pics)}</etc:cellImages>').encode()
        parts["xl/_rels/cellimages.xml.rels"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{NS_PKG}">'
            f'{"".join(rels)}</Relationships>').encode()
        wb_rels = wb_rels.replace("</Relationships>", '<Relationship Id="rIdWpsCellImages" '
                                  'Type="http://www.wps.cn/officeDocument/2020/cellImage" '
                                  'Target="cellimages.xml"/></Relationships>')
    if excel:
        bks, rvs, rel_ids, rels = [], [], [], []
        for n, (ref, data) in enumerate(excel.items(), start=1):
            sheet = _replace_cell(sheet, ref, f'<c r="{ref}" t="e" vm="{n}"><v>#VALUE!</v></c>')
            parts[f"xl/media/xlpic{n}.png"] = data
            bks.append(f'<bk><extLst><ext uri="{{3e2802c4-a4d2-4d8b-9148-e3be6c30e623}}">'
                       f'<xlrd:rvb i="{n - 1}"/></ext></extLst></bk>')
            rvs.append(f'<rv s="0"><v>{n - 1}</v><v>5</v></rv>')
            rel_ids.append(f'<rel r:id="rId{n}"/>')
            rels.append(f'<Relationship Id="rId{n}" Type="{REL_IMAGE}" '
                        f'Target="../media/xlpic{n}.png"/>')
        value_bks = "".join(f'<bk><rc t="1" v="{i}"/></bk>' for i in range(len(excel)))
        parts["xl/metadata.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<metadata xmlns="{NS_MAIN}" '
            f'xmlns:xlrd="http://schemas.microsoft.com/office/spreadsheetml/2017/richdata">'
            f'<metadataTypes count="1">'
            f'<metadataType name="XLRICHVALUE" minSupportedVersion="120000"/>'
            f'</metadataTypes><futureMetadata name="XLRICHVALUE" count="{len(excel)}">'
            f'{"".join(bks)}</futureMetadata><valueMetadata count="{len(excel)}">{value_bks}'
            f'</valueMetadata></metadata>').encode()
        ns_rd = "http://schemas.microsoft.com/office/spreadsheetml/2017/richdata"
        parts["xl/richData/rdrichvalue.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<rvData xmlns="{ns_rd}" count="{len(excel)}">{"".join(rvs)}</rvData>').encode()
        parts["xl/richData/rdrichvaluestructure.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<rvStructures xmlns="{ns_rd}" count="1"><s t="_localImage">'
            f'<k n="_rvRel:LocalImageIdentifier" t="i"/><k n="CalcOrigin" t="i"/></s>'
            f'</rvStructures>').encode()
        parts["xl/richData/richValueRel.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<richValueRels '
            f'xmlns="http://schemas.microsoft.com/office/spreadsheetml/2022/richvaluerel" '
            f'xmlns:r="{NS_R}">{"".join(rel_ids)}</richValueRels>').encode()
        parts["xl/richData/_rels/richValueRel.xml.rels"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{NS_PKG}">'
            f'{"".join(rels)}</Relationships>').encode()
        wb_rels = wb_rels.replace(
            "</Relationships>",
            '<Relationship Id="rIdMeta" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/sheetMetadata" Target="metadata.xml"/></Relationships>')
        types = types.replace(
            "</Types>", '<Override PartName="/xl/metadata.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"/></Types>')
    parts[member] = sheet.encode("utf-8")
    parts["[Content_Types].xml"] = types.encode("utf-8")
    parts["xl/_rels/workbook.xml.rels"] = wb_rels.encode("utf-8")
    with tempfile.NamedTemporaryFile(delete=False, dir=path.parent, suffix=".tmp") as tmp:
        tmp_path = Path(tmp.name)
    with zipfile.ZipFile(tmp_path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    shutil.move(tmp_path, path)


# 品牌…年份季节: the properties the simulator's clothing leaves require (property columns, by
# name; 货号 beside 商家编码 is the property, not a second code)
HEADER = ["商家编码", "宝贝标题", "价格", "库存", "类目ID", "宝贝描述", "主图", "省份", "城市",
          "新旧程度", "品牌", "货号", "材质成分", "年份季节"]


def product_row(n: int, image: object = None) -> list[object]:
    """A valid product row matching `HEADER` (image column as given)."""
    return [f"SKU-{n:05d}", f"夏季纯棉短袖T恤 款{n}", 59.9 + n % 7, 100 + n, 50000671,
            f"100% 纯棉面料，透气舒适，第 {n} 款。", image, "浙江", "杭州", "全新",
            "优衣库", f"TS{n:05d}", "棉100%", "2026年夏季"]


def build_shared_strings_xlsx(path: Path, rows: Sequence[Sequence[str | float | None]],
                              rich: bool = True) -> Path:
    """A minimal workbook written the way Excel does: strings in xl/sharedStrings.xml (some as
    rich-text runs, with a phonetic run that must be ignored), numbers as plain ``<v>``."""
    strings: list[str] = []
    index: dict[str, int] = {}
    xml_rows = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{chr(65 + c)}{r}"
            if value is None:
                continue
            if isinstance(value, str):
                if value not in index:
                    index[value] = len(strings)
                    strings.append(value)
                cells.append(f'<c r="{ref}" t="s"><v>{index[value]}</v></c>')
            else:
                cells.append(f'<c r="{ref}"><v>{value!r}</v></c>')
        xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    sis = []
    for s in strings:
        esc = s.replace("&", "&amp;").replace("<", "&lt;")
        if rich and len(s) > 1:
            half = len(esc) // 2
            sis.append(f'<si><r><rPr><b/></rPr><t>{esc[:half]}</t></r><r><t xml:space="preserve">'
                       f'{esc[half:]}</t></r><rPh sb="0" eb="1"><t>ピン</t></rPh></si>')
        else:
            sis.append(f"<si><t>{esc}</t></si>")
    return _minimal_xlsx(path, "".join(xml_rows), "".join(sis), len(strings))


def build_sheet_xml_xlsx(path: Path, sheet_data: str, shared: Sequence[str] = ()) -> Path:
    """A minimal workbook whose sheet is ``sheet_data`` as written (the ``<row>`` elements of
    ``<sheetData>``: any cell XML Excel, WPS or another program may write), with ``shared`` as
    plain shared strings (``t="s"`` cells index them)."""
    sis = "".join(f"<si><t>{s.replace('&', '&amp;').replace('<', '&lt;')}</t></si>"
                  for s in shared)
    return _minimal_xlsx(path, sheet_data, sis, len(shared))


def _minimal_xlsx(path: Path, sheet_data: str, sis: str, count: int) -> Path:
    files = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
        '"application/xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{NS_PKG}"><Relationship '
        'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}">'
        '<sheets><sheet name="商品" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{NS_PKG}">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0"?><worksheet xmlns="{NS_MAIN}">'
        f"<sheetData>{sheet_data}</sheetData></worksheet>",
        "xl/sharedStrings.xml": f'<?xml version="1.0"?><sst xmlns="{NS_MAIN}" '
        f'count="{count}">{sis}</sst>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return path


BOMB_PARTS = ("sheet", "shared_strings", "media")


def build_zip_bomb(path: Path, part: str = "sheet", inflated: int = 2 << 30,
                   declared_size: int | None = None) -> Path:
    """A small .xlsx (a few MB) one part of which inflates to ``inflated`` bytes (~340:1).

    ``part``: ``sheet`` (xl/worksheets/sheet1.xml: a header row, then the same product row over
    and over), ``shared_strings`` (xl/sharedStrings.xml) or ``media`` (a floating picture's
    xl/media/image1.png). The repeated unit is deflated once and its bytes are repeated (each
    copy ends with a full flush, so the copies are independent and the stream stays valid),
    which writes gigabytes of content in well under a second. ``declared_size`` writes that
    (false) uncompressed size in the zip directory instead of the true one.
    """
    assert part in BOMB_PARTS
    header = "".join(f'<c t="inlineStr"><is><t>{h}</t></is></c>' for h in HEADER)
    unit_rows = {
        "sheet": b'<row><c t="inlineStr"><is><t>T\xe6\x81\xa4</t></is></c><c><v>59.9</v></c></row>',
        "shared_strings": b"<si><t>\xe5\xa4\x8f\xe5\xad\xa3 T\xe6\x81\xa4</t></si>",
        "media": b"\x00\x00\x00\x00\x00\x00\x00\x01",
    }
    heads = {
        "sheet": f'<?xml version="1.0"?><worksheet xmlns="{NS_MAIN}"><sheetData>'
                 f"<row>{header}</row>".encode(),
        "shared_strings": f'<?xml version="1.0"?><sst xmlns="{NS_MAIN}">'.encode(),
        "media": b"\x89PNG\r\n\x1a\n",
    }
    tails = {"sheet": b"</sheetData></worksheet>", "shared_strings": b"</sst>", "media": b""}
    unit = unit_rows[part] * ((1 << 20) // len(unit_rows[part]))
    copies = max(1, inflated // len(unit))

    def deflated(data: bytes, final: bool) -> bytes:
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        return c.compress(data) + c.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH)

    head, tail = heads[part], tails[part]
    block = deflated(unit, final=False)
    crc = zlib.crc32(head)
    for _ in range(copies):
        crc = zlib.crc32(unit, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + len(unit) * copies + len(tail)
    bomb = {"sheet": "xl/worksheets/sheet1.xml", "shared_strings": "xl/sharedStrings.xml",
            "media": "xl/media/image1.png"}[part]
    small = _bomb_parts(part)
    small.pop(bomb, None)
    members: list[tuple[str, list[bytes], int, int]] = []  # name, deflated pieces, crc, size
    for name, text in small.items():
        data = text.encode()
        members.append((name, [deflated(data, final=True)], zlib.crc32(data), len(data)))
    pieces = [deflated(head, final=False), *([block] * copies), deflated(tail, final=True)]
    members.append((bomb, pieces, crc, size if declared_size is None else declared_size))
    _write_raw_zip(path, members)
    return path


def _bomb_parts(part: str) -> dict[str, str]:
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats'
        '.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
        "</Types>",
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{NS_PKG}"><Relationship '
        f'Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}">'
        '<sheets><sheet name="商品" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{NS_PKG}">'
        f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>",
        "xl/sharedStrings.xml": f'<?xml version="1.0"?><sst xmlns="{NS_MAIN}"><si><t>x</t></si>'
        "</sst>",
    }
    header = "".join(f'<c t="inlineStr"><is><t>{h}</t></is></c>' for h in HEADER)
    row = "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in product_row(1)[:6])
    parts["xl/worksheets/sheet1.xml"] = (
        f'<?xml version="1.0"?><worksheet xmlns="{NS_MAIN}"><sheetData><row r="1">{header}</row>'
        f'<row r="2">{row}</row><row r="3"><c t="s"><v>0</v></c></row></sheetData>'
        "<drawing r:id=\"rId1\" xmlns:r=\"" + NS_R + "\"/></worksheet>")
    if part == "media":
        parts["xl/worksheets/_rels/sheet1.xml.rels"] = (
            f'<?xml version="1.0"?><Relationships xmlns="{NS_PKG}"><Relationship Id="rId1" '
            f'Type="{rel}/drawing" Target="../drawings/drawing1.xml"/></Relationships>')
        parts["xl/drawings/drawing1.xml"] = (
            f'<?xml version="1.0"?><xdr:wsDr xmlns:xdr="{NS_XDR}" xmlns:a="{NS_A}" '
            f'xmlns:r="{NS_R}"><xdr:oneCellAnchor><xdr:from><xdr:col>6</xdr:col><xdr:colOff>0'
            "</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"
            '<xdr:ext cx="1" cy="1"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="1" name="p"/>'
            '<xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId1"/></xdr:blipFill>'
            "<xdr:spPr/></xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>")
        parts["xl/drawings/_rels/drawing1.xml.rels"] = (
            f'<?xml version="1.0"?><Relationships xmlns="{NS_PKG}"><Relationship Id="rId1" '
            f'Type="{REL_IMAGE}" Target="../media/image1.png"/></Relationships>')
    return parts


def _write_raw_zip(path: Path, members: Sequence[tuple[str, Sequence[bytes], int, int]]) -> None:
    """A zip written by hand from already-deflated pieces (zipfile cannot take those)."""
    central = []
    with path.open("wb") as out:
        for name, pieces, crc, size in members:
            encoded = name.encode()
            csize = sum(len(p) for p in pieces)
            offset = out.tell()
            out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0x800, 8, 0, 0x21, crc, csize,
                                  size, len(encoded), 0) + encoded)
            for piece in pieces:
                out.write(piece)
            central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0x800, 8, 0, 0x21,
                                       crc, csize, size, len(encoded), 0, 0, 0, 0, 0, offset)
                           + encoded)
        start = out.tell()
        directory = b"".join(central)
        out.write(directory)
        out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central),
                              len(directory), start, 0))
