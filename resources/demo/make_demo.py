"""Generate resources/demo/demo.xlsx, the sheet `taoshelf --demo` opens.

Run from the repository root:  uv run --frozen python resources/demo/make_demo.py

12 products of a small clothing/accessories shop, with pictures inside the workbook: some float
over their row (Insert → Picture), some are WPS in-cell pictures (=DISPIMG). Most rows are
valid; three show what the preview catches: a title of 68 bytes (row 7), a price with three
decimals (row 10) and a 640×640 main picture (row 13); row 12 has no 商家编码 (a warning: a
stable key is generated). Row 14's picture is a file path, 图片/草编遮阳帽.jpg, that does not
exist: the demo shows what a missing picture looks like, offline (`--demo` opens a copy of this
sheet in its own folder, where that file is not either). Category ids are leaves of the
simulator's tree (app/simulator/categories.py); the clothing rows carry the properties those
leaves require (品牌, 货号, 材质成分, 年份季节 as property columns).
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
HEADER = ["商家编码", "宝贝标题", "一口价", "库存", "类目ID", "宝贝描述", "主图", "省份", "城市",
          "新旧程度", "成本价", "卖点", "品牌", "货号", "材质成分", "年份季节"]
CLOTHING = frozenset({50000671, 162104, 50010850, 162205, 50000697, 50000436, 3035})

# outer_id, title, price, num, cid, desc, shape, colour, picture size, floating?
Row = tuple[str | None, str, float, int, int, str, str, tuple[int, int, int], int, bool]
PRODUCTS: list[Row] = [
    ("LX-T001", "夏季纯棉圆领短袖T恤女宽松百搭白色上衣", 59.9, 320, 50000671,
     "新疆长绒棉，180 克重磅面料，不透不变形。宽松版型，S–XL 四个尺码。", "shirt",
     (236, 236, 236), 800, True),
    ("LX-T002", "冰丝凉感短袖T恤女夏薄款防晒上衣", 69.0, 150, 50000671,
     "冰丝混纺面料，触感清凉，UPF50+ 防晒。", "shirt", (120, 180, 220), 800, False),
    ("LX-S001", "法式复古碎花衬衫女长袖春秋薄款", 129.0, 80, 162104,
     "雪纺面料，垂感好；复古小翻领，配牛仔裤或半裙都好看。", "shirt", (240, 200, 200), 800,
     True),
    ("LX-D001", "小个子收腰显瘦连衣裙女夏季新款气质长裙", 199.0, 60, 50010850,
     "高腰设计拉长比例，内衬防走光，腰部松紧可调。", "dress", (90, 60, 140), 800, False),
    ("LX-D002", "高端重磅真丝连衣裙女夏季新款法式复古气质收腰显瘦长裙温柔风名媛小香风",
     459.0, 20, 50010850, "22 姆米重磅真丝，亲肤透气，手工包边。", "dress", (200, 40, 60), 800,
     True),
    ("LX-J001", "高腰直筒牛仔裤女宽松显瘦阔腿拖地裤", 139.0, 200, 162205,
     "弹力棉牛仔，水洗不褪色；高腰直筒，遮胯显腿直。", "pants", (60, 90, 150), 800, False),
    ("LX-K001", "慵懒风毛衣女宽松外穿针织开衫秋冬", 168.0, 90, 50000697,
     "羊毛混纺，柔软不扎；落肩宽松版型。", "shirt", (200, 170, 120), 800, True),
    ("NZ-T001", "男士纯棉短袖T恤夏季潮流宽松半袖", 49.999, 500, 50000436,
     "精梳棉，领口加固不变形，多色可选。", "shirt", (40, 40, 40), 800, False),
    ("NZ-P001", "男士休闲裤夏季薄款直筒宽松长裤", 119.0, 180, 3035,
     "速干面料，微弹舒适，直筒版型。", "pants", (110, 110, 90), 800, True),
    (None, "透明硅胶手机壳防摔全包适用新款", 19.9, 1000, 50008093,
     "加厚四角气囊防摔，透明不发黄。", "phone", (180, 220, 240), 800, False),
    ("JJ-B001", "纯棉四件套全棉床单被套简约北欧风", 299.0, 40, 50008164,
     "100% 纯棉斜纹，1.5 米 / 1.8 米床通用。", "bed", (150, 200, 170), 640, True),
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


def key_props(cid: int, oid: str | None, n: int) -> list[object]:
    """品牌, 货号, 材质成分, 年份季节: what the simulator's clothing leaves require (the phone
    case and the bedding set need none of them)."""
    if cid not in CLOTHING:
        return [None, None, None, None]
    brands = ("优衣库", "太平鸟", "森马", "耐克")
    article = (oid or f"DEMO{n}").replace("-", "")
    return [brands[n % len(brands)], article, "棉95% 氨纶5%" if n % 2 else "棉100%", "2026年夏季"]


def build(path: Path = OUT) -> Path:
    title = "淘上架 演示表格：拖进窗口即可预览，红色标记是需要修改的地方"
    rows: list[list[object]] = [[title], HEADER]
    floating: dict[str, bytes] = {}
    wps: dict[str, bytes] = {}
    for i, (oid, title, price, num, cid, desc, shape, colour, size, is_float) in enumerate(
            PRODUCTS):
        row = i + 3
        rows.append([oid, title, price, num, cid, desc, None, "浙江", "杭州", "全新",
                     round(price * 0.45, 2), "包邮 7天无理由", *key_props(cid, oid, i)])
        (floating if is_float else wps)[f"G{row}"] = product_picture(shape, colour, size)
    # the last row shows a picture failure, offline: its picture is a file next to the sheet
    # that is not there (the reader says so in Chinese; nothing is fetched from the internet)
    rows.append(["LX-A001", "草编遮阳帽女夏季海边度假大檐帽", 45.0, 120, 50000671,
                 "天然草编，大帽檐遮阳，可折叠收纳。", MISSING_PICTURE,
                 "浙江", "杭州", "全新", 18.0, "可折叠", "森马", "LXA001", "草100%", "2026年夏季"])
    build_xlsx(path, rows, floating=floating, wps=wps, merges=["A1:P1"], sheet_title="宝贝")
    return path


if __name__ == "__main__":
    print(build())
