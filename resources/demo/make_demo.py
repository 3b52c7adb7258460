"""Generate resources/demo/demo.xlsx, the sheet `taoshelf --demo` opens.

Run from the repository root:  uv run --frozen python resources/demo/make_demo.py

A small clothing/accessories shop's sheet, written the way a shop owner writes one, with
pictures inside the workbook: some float over their row (Insert → Picture), some are WPS in-cell
pictures (=DISPIMG). 18 rows (3–20), 13 products:

- Rows 5–10 are ONE product in colours and sizes (LX-T003, a T-shirt in 白色/黑色/粉色 × M/L):
  the rows share the 商家编码, each row is one SKU (颜色分类, 尺码, SKU价格, SKU库存); 标题,
  类目, 主图, 描述, the properties … are on row 5 only and left empty below; each colour's
  first row has its 颜色图, row 5 a 详情图 (a floating picture in the 详情图 column).
- 类目 is written as shop owners do: a name (连衣裙, 牛仔裤, 手机壳/保护套 …) or a path where the
  name alone is ambiguous (T恤 and 衬衫 exist under 女装 and 男装: ``女装/女士精品 > T恤``,
  ``男装 > T恤``); row 20 keeps a bare 类目ID (50000671) to show that still works. The names
  resolve against the simulator's tree (app/simulator/categories.py), which the demo reads ahead
  (app/ui/demo.py `prewarm`), so nothing asks for the whole tree.
- The clothing rows carry the properties their leaves require (品牌, 货号, 材质成分, 年份季节 as
  property columns).

Most rows are valid; three show what the preview catches: a title of 68 bytes (row 13), a price
with three decimals (row 16) and a 640×640 main picture (row 19); row 18 has no 商家编码 (a
warning: a stable key is generated). Row 20's picture is a file path, 图片/草编遮阳帽.jpg, that
does not exist: the demo shows what a missing picture looks like, offline (`--demo` opens a copy
of this sheet in its own folder, where that file is not either).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.sheetgen import build_xlsx  # noqa: E402

OUT = Path(__file__).resolve().parent / "demo.xlsx"
MISSING_PICTURE = "图片/草编遮阳帽.jpg"  # deliberately absent: the demo's picture failure
HEADER = ["商家编码", "宝贝标题", "一口价", "库存", "类目", "宝贝描述", "主图", "省份", "城市",
          "新旧程度", "成本价", "卖点", "品牌", "货号", "材质成分", "年份季节",
          "颜色分类", "尺码", "SKU价格", "SKU库存", "颜色图", "详情图"]
# The categories by name or path; the numeric id on the last row (LX-A001)
CLOTHING = frozenset({"女装/女士精品 > T恤", "女装/女士精品 > 衬衫", "连衣裙", "牛仔裤",
                      "毛针织衫", "男装 > T恤", "休闲裤"})
FIRST_ROW = 3  # row 1: a title over the sheet, row 2: the header

# outer_id, title, price, num, 类目, desc, shape, colour, picture size, floating?
Row = tuple[str | None, str, float, int, str, str, str, tuple[int, int, int], int, bool]
BEFORE: list[Row] = [  # rows 3–4, before the variant product
    ("LX-T001", "夏季纯棉圆领短袖T恤女宽松百搭白色上衣", 59.9, 320, "女装/女士精品 > T恤",
     "新疆长绒棉，180 克重磅面料，不透不变形。宽松版型，S–XL 四个尺码。", "shirt",
     (236, 236, 236), 800, True),
    ("LX-T002", "冰丝凉感短袖T恤女夏薄款防晒上衣", 69.0, 150, "女装/女士精品 > T恤",
     "冰丝混纺面料，触感清凉，UPF50+ 防晒。", "shirt", (120, 180, 220), 800, False),
]
AFTER: list[Row] = [  # rows 11–19, after it
    ("LX-S001", "法式复古碎花衬衫女长袖春秋薄款", 129.0, 80, "女装/女士精品 > 衬衫",
     "雪纺面料，垂感好；复古小翻领，配牛仔裤或半裙都好看。", "shirt", (240, 200, 200), 800,
     True),
    ("LX-D001", "小个子收腰显瘦连衣裙女夏季新款气质长裙", 199.0, 60, "连衣裙",
     "高腰设计拉长比例，内衬防走光，腰部松紧可调。", "dress", (90, 60, 140), 800, False),
    ("LX-D002", "高端重磅真丝连衣裙女夏季新款法式复古气质收腰显瘦长裙温柔风名媛小香风",
     459.0, 20, "连衣裙", "22 姆米重磅真丝，亲肤透气，手工包边。", "dress", (200, 40, 60), 800,
     True),
    ("LX-J001", "高腰直筒牛仔裤女宽松显瘦阔腿拖地裤", 139.0, 200, "牛仔裤",
     "弹力棉牛仔，水洗不褪色；高腰直筒，遮胯显腿直。", "pants", (60, 90, 150), 800, False),
    ("LX-K001", "慵懒风毛衣女宽松外穿针织开衫秋冬", 168.0, 90, "毛针织衫",
     "羊毛混纺，柔软不扎；落肩宽松版型。", "shirt", (200, 170, 120), 800, True),
    ("NZ-T001", "男士纯棉短袖T恤夏季潮流宽松半袖", 49.999, 500, "男装 > T恤",
     "精梳棉，领口加固不变形，多色可选。", "shirt", (40, 40, 40), 800, False),
    ("NZ-P001", "男士休闲裤夏季薄款直筒宽松长裤", 119.0, 180, "休闲裤",
     "速干面料，微弹舒适，直筒版型。", "pants", (110, 110, 90), 800, True),
    (None, "透明硅胶手机壳防摔全包适用新款", 19.9, 1000, "手机壳/保护套",
     "加厚四角气囊防摔，透明不发黄。", "phone", (180, 220, 240), 800, False),
    ("JJ-B001", "纯棉四件套全棉床单被套简约北欧风", 299.0, 40, "床品套件/四件套",
     "100% 纯棉斜纹，1.5 米 / 1.8 米床通用。", "bed", (150, 200, 170), 640, True),
]
# The variant product (rows 5–10): colour, its picture colour, size, SKU price, SKU stock
VARIANT_ID = "LX-T003"
VARIANT_TITLE = "纯棉基础款短袖T恤女夏季百搭打底衫三色可选"
VARIANT_SKUS: list[tuple[str, tuple[int, int, int], str, float, int]] = [
    ("白色", (240, 240, 240), "M", 79.0, 60), ("白色", (240, 240, 240), "L", 79.0, 45),
    ("黑色", (45, 45, 45), "M", 79.0, 50), ("黑色", (45, 45, 45), "L", 79.0, 40),
    ("粉色", (245, 182, 193), "M", 85.0, 30), ("粉色", (245, 182, 193), "L", 85.0, 25),
]


def product_picture(shape: str, colour: tuple[int, int, int], size: int) -> bytes:
    """A clean product shot: light background, the item as a flat shape, JPEG."""
    img = Image.new("RGB", (size, size), (248, 246, 242))
    d = ImageDraw.Draw(img)
    s = size / 800
    outline = tuple(max(0, c - 60) for c in colour)

    def poly(points: list[tuple[int, int]]) -> None:
        d.polygon([(x * s, y * s) for x, y in points], fill=colour, outline=outline)

    if shape == "shirt":
        poly([(250, 200), (330, 160), (470, 160), (550, 200), (640, 300), (570, 350),
              (530, 320), (530, 640), (270, 640), (270, 320), (230, 350), (160, 300)])
        d.ellipse((350 * s, 140 * s, 450 * s, 200 * s), fill=(248, 246, 242))
    elif shape == "dress":
        poly([(330, 150), (470, 150), (500, 330), (620, 680), (180, 680), (300, 330)])
        d.rectangle((300 * s, 320 * s, 500 * s, 345 * s), fill=outline)
    elif shape == "pants":
        poly([(280, 150), (520, 150), (560, 680), (430, 680), (400, 330), (370, 680),
              (240, 680)])
    elif shape == "phone":
        d.rounded_rectangle((280 * s, 120 * s, 520 * s, 680 * s), radius=int(40 * s),
                            fill=colour, outline=outline, width=max(2, int(8 * s)))
        d.ellipse((310 * s, 150 * s, 370 * s, 210 * s), fill=(60, 60, 60))
    else:  # bed set
        d.rectangle((140 * s, 300 * s, 660 * s, 620 * s), fill=colour, outline=outline)
        d.rounded_rectangle((170 * s, 250 * s, 390 * s, 340 * s), radius=int(30 * s),
                            fill=(255, 255, 255), outline=outline)
        d.rounded_rectangle((410 * s, 250 * s, 630 * s, 340 * s), radius=int(30 * s),
                            fill=(255, 255, 255), outline=outline)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()


def three_shirts() -> bytes:
    """The variant's main picture: its three colours side by side, 800×800."""
    shot = Image.new("RGB", (800, 800), (248, 246, 242))
    for i, (_name, colour) in enumerate(dict.fromkeys((c, rgb) for c, rgb, *_ in VARIANT_SKUS)):
        one = Image.open(io.BytesIO(product_picture("shirt", colour, 400)))
        shot.paste(one, ((0, 400, 200)[i], (0, 0, 400)[i]))
    out = io.BytesIO()
    shot.save(out, "JPEG", quality=85)
    return out.getvalue()


def detail_picture() -> bytes:
    """A 详情图: a tall page of the description (the shirt over a size chart's bars), no text."""
    img = Image.new("RGB", (750, 1000), (255, 255, 255))
    d = ImageDraw.Draw(img)
    shirt = Image.open(io.BytesIO(product_picture("shirt", (240, 240, 240), 600)))
    img.paste(shirt, (75, 20))
    for i, width in enumerate((300, 360, 420)):
        top = 700 + i * 90
        d.rounded_rectangle((100, top, 100 + width, top + 50), radius=12,
                            fill=(120 + i * 40, 160, 200))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=80)
    return out.getvalue()


def key_props(category: str, oid: str | None, n: int) -> list[object]:
    """品牌, 货号, 材质成分, 年份季节: what the simulator's clothing leaves require (the phone
    case and the bedding set need none of them)."""
    if category not in CLOTHING:
        return [None, None, None, None]
    brands = ("优衣库", "太平鸟", "森马", "耐克")
    article = (oid or f"DEMO{n}").replace("-", "")
    return [brands[n % len(brands)], article, "棉95% 氨纶5%" if n % 2 else "棉100%", "2026年夏季"]


def _product_rows(products: list[Row], first: int, start: int, rows: list[list[object]], *,
                  floating: dict[str, bytes], wps: dict[str, bytes]) -> None:
    for i, (oid, title, price, num, category, desc, shape, colour, size, is_float) in enumerate(
            products):
        row = first + i
        rows.append([oid, title, price, num, category, desc, None, "浙江", "杭州", "全新",
                     round(price * 0.45, 2), "包邮 7天无理由",
                     *key_props(category, oid, start + i)])
        (floating if is_float else wps)[f"G{row}"] = product_picture(shape, colour, size)


def _variant_rows(first: int, rows: list[list[object]], *, floating: dict[str, bytes],
                  wps: dict[str, bytes]) -> None:
    """One product, one SKU per row; the product's columns on its first row only."""
    seen: set[str] = set()
    for i, (name, colour, size, price, stock) in enumerate(VARIANT_SKUS):
        row = first + i
        sku: list[object] = [name, size, price, stock]
        if i == 0:
            rows.append([VARIANT_ID, VARIANT_TITLE, None, None, "女装/女士精品 > T恤",
                         "精梳纯棉，微弹不变形，三色可选；M、L 两个尺码，L 码加长 3 厘米。",
                         None, "浙江", "杭州", "全新", 32.0, "三色可选",
                         "优衣库", "LXT003", "棉100%", "2026年夏季", *sku])
            floating[f"G{row}"] = three_shirts()
            floating[f"V{row}"] = detail_picture()
        else:
            rows.append([VARIANT_ID, *[None] * 15, *sku])
        if name not in seen:  # each colour's picture on its first row
            seen.add(name)
            (wps if len(seen) % 2 else floating)[f"U{row}"] = product_picture(
                "shirt", colour, 800)


def build(path: Path = OUT) -> Path:
    title = "淘上架 演示表格：拖进窗口即可预览，红色标记是需要修改的地方"
    rows: list[list[object]] = [[title], HEADER]
    floating: dict[str, bytes] = {}
    wps: dict[str, bytes] = {}
    _product_rows(BEFORE, FIRST_ROW, 0, rows, floating=floating, wps=wps)
    variant_row = FIRST_ROW + len(BEFORE)
    _variant_rows(variant_row, rows, floating=floating, wps=wps)
    _product_rows(AFTER, variant_row + len(VARIANT_SKUS), len(BEFORE), rows,
                  floating=floating, wps=wps)
    # the last row shows a picture failure, offline: its picture is a file next to the sheet
    # that is not there (the reader says so in Chinese; nothing is fetched from the internet);
    # its 类目 is the bare numeric id (女装 > T恤), which keeps working
    rows.append(["LX-A001", "草编遮阳帽女夏季海边度假大檐帽", 45.0, 120, 50000671,
                 "天然草编，大帽檐遮阳，可折叠收纳。", MISSING_PICTURE,
                 "浙江", "杭州", "全新", 18.0, "可折叠", "森马", "LXA001", "草100%", "2026年夏季"])
    build_xlsx(path, rows, floating=floating, wps=wps, merges=["A1:V1"], sheet_title="宝贝")
    return path


if __name__ == "__main__":
    print(build())
