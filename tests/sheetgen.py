"""Generators of fixture workbooks: plain cells, floating pictures (openpyxl), WPS ``DISPIMG``
pictures (``xl/cellimages.xml``) and Excel 365 "Place in cell" pictures (``xl/richData``), the
last two written by post-processing the saved .xlsx zip. Also PNG/JPEG bytes made with Pillow.
"""

from __future__ import annotations

import io
import re
import shutil
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
               write_only: bool = False) -> Path:
    """Write ``rows`` (starting at ``first_row``) and the pictures (cell ref -> image bytes).

    ``floating``: pictures anchored at the cell (xl/drawings). ``wps``: the cell gets
    ``_xlfn.DISPIMG("ID_…",1)`` and the picture goes to xl/cellimages.xml. ``excel``: the cell
    becomes ``<c t="e" vm="N"><v>#VALUE!</v></c>`` backed by xl/metadata.xml + xl/richData.
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


HEADER = ["商家编码", "宝贝标题", "价格", "库存", "类目ID", "宝贝描述", "主图", "省份", "城市",
          "新旧程度"]


def product_row(n: int, image: object = None) -> list[object]:
    """A valid product row matching `HEADER` (image column as given)."""
    return [f"SKU-{n:05d}", f"夏季纯棉短袖T恤 款{n}", 59.9 + n % 7, 100 + n, 50000671,
            f"100% 纯棉面料，透气舒适，第 {n} 款。", image, "浙江", "杭州", "全新"]


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
        f'<sheetData>{"".join(xml_rows)}</sheetData></worksheet>',
        "xl/sharedStrings.xml": f'<?xml version="1.0"?><sst xmlns="{NS_MAIN}" '
        f'count="{len(strings)}">{"".join(sis)}</sst>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return path
