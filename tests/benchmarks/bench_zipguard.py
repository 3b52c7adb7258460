"""Benchmark of the bounded zip reader (app/excel/zipguard.py). Run by hand:
    uv run --frozen python tests/benchmarks/bench_zipguard.py [--rows 100000]

Prints (a) for a large real-shaped workbook -- ROWS product rows, every row with its own WPS
in-cell picture (xl/cellimages.xml + one media file per row) -- each part's size and
compression ratio next to the cap it must stay under, and the time and peak memory of reading
it in a fresh process; (b) for each 2 GiB zip bomb of tests/sheetgen.py (sheet XML, shared
strings, a picture), how long reading took to refuse it and the peak memory. Linux only
(peak memory from /proc/self/status).
"""

from __future__ import annotations

import argparse
import io
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from app.excel.zipguard import LIMITS, MiB  # noqa: E402
from tests.sheetgen import (  # noqa: E402
    BOMB_PARTS,
    HEADER,
    NS_A,
    NS_MAIN,
    NS_PKG,
    NS_R,
    NS_WPS,
    NS_XDR,
    REL_IMAGE,
    build_zip_bomb,
    product_row,
)

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CHILD = (  # VmHWM: peak RSS of this process image (ru_maxrss would include the parent's)
    "import sys, time\n"
    "from app.excel.errors import SheetError\n"
    "from app.excel.reader import read_sheet\n"
    "started = time.perf_counter()\n"
    "try:\n"
    "    sheet = read_sheet(sys.argv[1]); what = f'{len(sheet.products)} products'\n"
    "except SheetError as exc:\n"
    "    what = 'refused: ' + exc.message[:50]\n"
    "hwm = open('/proc/self/status').read().split('VmHWM:')[1].split()[0]\n"
    "print(f'{time.perf_counter() - started:.2f}', int(hwm) // 1024, what)\n"
)


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


def jpeg(seed: int) -> bytes:
    """A ~4 KB photo-like thumbnail (noise does not compress, like a real JPEG)."""
    rng = random.Random(seed)
    img = Image.frombytes("RGB", (64, 64), rng.randbytes(64 * 64 * 3)).resize((160, 160))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=70)
    return out.getvalue()


def build_big(path: Path, rows: int) -> None:
    def cell(col: int, row: int, value: object) -> str:
        ref = f"{chr(65 + col)}{row}"
        if isinstance(value, int | float):
            return f'<c r="{ref}"><v>{value}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{esc(str(value))}</t></is></c>'

    sheet = [f'<?xml version="1.0"?><worksheet xmlns="{NS_MAIN}"><sheetData><row r="1">'
             + "".join(cell(c, 1, h) for c, h in enumerate(HEADER)) + "</row>"]
    images, rels = [], []
    pool = [jpeg(i) for i in range(500)]
    for n in range(1, rows + 1):
        r = n + 1
        values = product_row(n)
        cells = [cell(c, r, v) for c, v in enumerate(values) if v is not None]
        ident = f"ID_{n:08d}"
        cells.insert(6, f'<c r="G{r}" t="str"><f>_xlfn.DISPIMG("{ident}",1)</f>'
                        f'<v>=DISPIMG("{ident}",1)</v></c>')
        sheet.append(f'<row r="{r}">{"".join(cells)}</row>')
        images.append(f'<etc:cellImage><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="{n}" '
                      f'name="{ident}"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill>'
                      f'<a:blip r:embed="rId{n}"/><a:stretch><a:fillRect/></a:stretch>'
                      "</xdr:blipFill><xdr:spPr/></xdr:pic></etc:cellImage>")
        rels.append(f'<Relationship Id="rId{n}" Type="{REL_IMAGE}" Target="media/p{n}.jpeg"/>')
    sheet.append("</sheetData></worksheet>")
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats'
        '.org/package/2006/content-types"/>',
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{NS_PKG}"><Relationship '
        f'Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}">'
        '<sheets><sheet name="商品" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{NS_PKG}">'
        f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>",
        "xl/worksheets/sheet1.xml": "".join(sheet),
        "xl/cellimages.xml": f'<?xml version="1.0"?><etc:cellImages xmlns:xdr="{NS_XDR}" '
        f'xmlns:etc="{NS_WPS}" xmlns:a="{NS_A}" xmlns:r="{NS_R}">{"".join(images)}'
        "</etc:cellImages>",
        "xl/_rels/cellimages.xml.rels": f'<?xml version="1.0"?><Relationships '
        f'xmlns="{NS_PKG}">{"".join(rels)}</Relationships>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
        for n in range(1, rows + 1):
            zf.writestr(f"xl/media/p{n}.jpeg", pool[n % len(pool)])


def in_child(path: Path) -> str:
    done = subprocess.run([sys.executable, "-c", CHILD, str(path)], cwd=ROOT,
                          capture_output=True, text=True, check=False, encoding="utf-8")
    if done.returncode:
        return f"FAILED: {done.stderr[-500:]}"
    seconds, peak, what = done.stdout.split(" ", 2)
    return f"{what.strip()} in {seconds} s, peak RSS {peak} MB"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    print(f"caps: XML part {LIMITS.xml_part // MiB} MiB, picture {LIMITS.media_part // MiB} MiB,"
          f" XML ratio {LIMITS.ratio}:1 after {LIMITS.grace // MiB} MiB, whole file "
          f"{LIMITS.ratio} x its size (>= {LIMITS.total_floor // MiB} MiB, "
          f"<= {LIMITS.total // MiB} MiB)")
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.xlsx"
        started = time.perf_counter()
        build_big(big, args.rows)
        print(f"\n{args.rows:,} rows, one in-cell picture each: built in "
              f"{time.perf_counter() - started:.0f} s, {big.stat().st_size / MiB:.0f} MiB on disk")
        total = 0
        with zipfile.ZipFile(big) as zf:
            media = [i for i in zf.infolist() if i.filename.startswith("xl/media/")]
            for info in zf.infolist():
                total += info.file_size
                if info in media:
                    continue
                print(f"  {info.filename:32} {info.file_size / MiB:8.1f} MiB  "
                      f"{info.file_size / max(1, info.compress_size):5.1f}:1")
            biggest = max(i.file_size for i in media)
            print(f"  {len(media):,} pictures, largest {biggest / 1024:.0f} KiB")
        print(f"  all parts {total / MiB:.0f} MiB; budget for this file "
              f"{LIMITS.budget(big.stat().st_size) // MiB} MiB")
        print(f"  read: {in_child(big)}")
        print()
        for part in BOMB_PARTS:
            bomb = build_zip_bomb(Path(tmp) / f"bomb_{part}.xlsx", part, inflated=2 << 30)
            print(f"bomb {part:15} {bomb.stat().st_size / MiB:5.1f} MiB -> 2 GiB: "
                  f"{in_child(bomb)}")


if __name__ == "__main__":
    main()
