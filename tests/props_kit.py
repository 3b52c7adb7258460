"""A clothing sheet written the way shop owners write it, for the check and upload tests of the
sheet contract: categories by path, id and name, property columns, 宝贝属性 pairs, colour/size
rows sharing a 商家编码 with a custom colour (a leaf with udsaleprop) and a renamed one (a leaf
without), and rows the rules refuse for a reason each."""

from __future__ import annotations

from pathlib import Path

from tests.sheetgen import build_xlsx
from tests.upload_kit import picture_file

HEADER = ["商家编码", "宝贝标题", "类目", "价格", "库存", "颜色", "尺码", "SKU商家编码", "品牌",
          "货号", "材质成分", "年份季节", "宝贝属性", "宝贝描述", "主图", "省份", "城市"]
DESC = "纯棉面料，柔软透气，做工细致。"


def _row(code: str, title: str | None, category: object, price: float, num: int, colour: object,
         size: object, sku_code: object = None, brand: object = None, article: object = None,
         material: object = None, season: object = None, props: object = None,
         picture: object = None) -> list[object]:
    first = title is not None
    return [code, title, category, price, num, colour, size, sku_code, brand, article, material,
            season, props, DESC if first else None, picture, "浙江" if first else None,
            "杭州" if first else None]


def clothing_rows(pics: str) -> list[list[object]]:
    """Rows 2–4 DR-1 (连衣裙 by path, custom colour 雾霾蓝, typed brand), 5–8 MT-1 (男装 T恤 by
    id, 奶油杏 renamed), 9 SH-1 (衬衫 by path, no SKUs), 10 BAD-SEASON (年份季节 missing),
    11 BAD-NAME (T恤 by bare name: two leaves), 12–13 BAD-DIFF (a second title)."""
    return [
        HEADER,
        _row("DR-1", "法式碎花连衣裙 收腰", "女装/女士精品 > 连衣裙", 199, 5, "雾霾蓝", "M",
             "DR1-BM", "小鹿森林", "DR2026", "棉95% 氨纶5%", "2026年夏季", "适用年龄:25-29周岁",
             f"{pics}/dr.jpg"),
        _row("DR-1", None, None, 199, 3, "雾霾蓝", "L", "DR1-BL"),
        _row("DR-1", None, None, 189, 0, "白色", "M", "DR1-WM"),
        _row("MT-1", "男士纯棉短袖T恤", 50000436, 59, 10, "白色", "M", None, "耐克", "MT01",
             "棉100%", "2026年夏季", None, f"{pics}/mt.jpg"),
        _row("MT-1", None, None, 59, 10, "白色", "L"),
        _row("MT-1", None, None, 69, 4, "奶油杏", "M"),
        _row("MT-1", None, None, 69, 4, "奶油杏", "L"),
        _row("SH-1", "法式复古衬衫", "女装/女士精品/衬衫", 129, 8, None, None, None, "太平鸟",
             "SH01", "雪纺", "2026年春季", "服装版型:宽松", f"{pics}/sh.jpg"),
        _row("BAD-SEASON", "缺年份季节的T恤", 50000671, 49, 2, None, None, None, "森马", "B1",
             "棉100%", None, None, f"{pics}/b1.jpg"),
        _row("BAD-NAME", "只写了T恤的T恤", "T恤", 49, 2, None, None, None, "森马", "B2", "棉100%",
             "2026年夏季", None, f"{pics}/b2.jpg"),
        _row("BAD-DIFF", "一个标题", 50000671, 49, 2, "白色", "M", None, "森马", "B3", "棉100%",
             "2026年夏季", None, f"{pics}/b3.jpg"),
        _row("BAD-DIFF", "另一个标题", None, 49, 2, "黑色", "M"),
    ]


LISTABLE = ("DR-1", "MT-1", "SH-1")
LEAVES = (50010850, 50000436, 162104, 50000671)


def clothing_sheet(folder: Path) -> Path:
    pics = folder / "pics"
    for n, name in enumerate(("dr", "mt", "sh", "b1", "b2", "b3")):
        picture_file(pics, f"{name}.jpg", 40 + n)
    return build_xlsx(folder / "服装.xlsx", clothing_rows("pics"))
