"""The template's columns: the whole sheet contract, each with its note and the example product.

The example is one T-shirt in two colours and two sizes, written the way the contract says: four
rows sharing a 商家编码, one SKU each (颜色, 尺码, SKU价格, SKU库存, SKU商家编码, 颜色图), the
product's columns on its first row, its category as a path, the clothing properties as
property columns (品牌, 货号, 材质成分, 年份季节) and in the 宝贝属性 column (名称:值). Its title
and 商家编码 carry the example marks (`limits.EXAMPLE_TITLE_MARK`, `EXAMPLE_OUTER_ID_PREFIX`),
so `check` refuses it until it is changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.catalog import limits as lim

EXAMPLE_ROWS = 4
CODE = f"{lim.EXAMPLE_OUTER_ID_PREFIX}TX-2026-001"


@dataclass(frozen=True, slots=True)
class TemplateColumn:
    header: str
    note: str  # limit + example, shown as the cell comment
    example: object  # the example product's first row
    width: float
    choices: tuple[str, ...] = ()
    required: bool = False
    kind: str = ""  # "sku": one value per SKU row; "prop": a category property column
    more: tuple[object, ...] = ()  # the example's other SKU rows (3, 4, 5)


def _sku(header: str, note: str, values: tuple[object, ...], width: float) -> TemplateColumn:
    return TemplateColumn(header, note, values[0], width, kind="sku", more=values[1:])


COLUMNS: tuple[TemplateColumn, ...] = (
    TemplateColumn("商家编码", "建议必填。您自己的货号，每个宝贝不同，最长 "
                   f"{lim.OUTER_ID_MAX_BYTES} 字节（字母数字算 1 字节，一个汉字算 3 字节）。"
                   "重新上传时靠它避免重复上架。同一个宝贝有多个颜色/尺码时，每个SKU写一行，"
                   "这几行填相同的商家编码。例：TX-2026-001", CODE, 18, more=(CODE,) * 3),
    TemplateColumn("宝贝标题", f"必填。最长 {lim.TITLE_MAX_BYTES} 字节：一个汉字算 2 字节，"
                   f"即约 {lim.TITLE_MAX_BYTES // 2} 个汉字。多行SKU的宝贝只在第一行填写。"
                   "例：夏季纯棉圆领短袖T恤女宽松",
                   f"{lim.EXAMPLE_TITLE_MARK}夏季纯棉圆领短袖T恤女宽松百搭上衣", 36, required=True),
    TemplateColumn("类目", "必填。淘宝的叶子类目：类目 ID（如 50000671）、类目名称（如 T恤，名称"
                   "需要先下载类目树）或路径（如 女装/女士精品 > T恤，层级用 > 或 / 分隔）。"
                   "找类目：taoshelf categories search T恤", "女装/女士精品 > T恤", 22,
                   required=True),
    TemplateColumn("一口价", f"单位元，{lim.PRICE_MIN}–{lim.PRICE_MAX:.0f}，最多两位小数。"
                   "没有颜色尺码的宝贝必填；有SKU时可留空：自动用有库存的SKU里最低的价格"
                   "（淘宝要求一口价等于某个有库存SKU的价格）。例：59.90", None, 10),
    TemplateColumn("库存", f"整数 {lim.NUM_MIN}–{lim.NUM_MAX}。没有颜色尺码的宝贝必填；"
                   "有SKU时可留空：自动为各SKU库存之和。例：200", None, 8),
    _sku("颜色", "有颜色之分时填写，每行一个颜色（和尺码组成一个SKU）。按类目的颜色列表填写"
         "（白色、黑色、浅灰色…）；列表里没有的颜色，类目允许时作为自定义颜色，否则用一个没用到"
         "的标准颜色改名（会提示你）。列名也可以写类目里的名称，如 颜色分类、主要颜色",
         ("白色", "白色", "黑色", "黑色"), 8),
    _sku("尺码", "有尺码之分时填写，每行一个尺码（S、M、L、XL、2XL、均码、165/88A…，"
         "按类目的尺码列表）。其他销售属性（如 适用手机型号）用属性名作列名",
         ("S", "M", "S", "M"), 8),
    _sku("SKU价格", "这个SKU的价格（每行一个）。不填就用一口价；表格里没有 SKU价格 列时，每行的"
         "一口价就是它的SKU价格", (59.9, 59.9, 69.9, 69.9), 10),
    _sku("SKU库存", "这个SKU的库存（每行一个）。表格里没有 SKU库存 列时，每行的库存就是它的"
         "SKU库存", (50, 80, 30, 0), 9),
    _sku("SKU商家编码", "选填。这个SKU自己的编码，同一宝贝内不重复",
         ("TX001-W-S", "TX001-W-M", "TX001-B-S", "TX001-B-M"), 14),
    _sku("颜色图", "选填。这个颜色的图片（买家选颜色时看到）：放在这个颜色的第一行，可以是路径、"
         "网址或放进单元格的图片", (None, None, None, None), 12),
    TemplateColumn("品牌", "类目属性：列名是类目的属性名时，这一列就是该属性的值（服装类目必填"
                   "品牌、货号、材质成分、年份季节）。品牌不在类目的品牌列表里时，作为自己填写"
                   "的品牌发送（会提示你）", "优衣库", 10, kind="prop"),
    TemplateColumn("货号", "类目属性（服装类目必填）：款式的货号，文字", "TX2026001", 11,
                   kind="prop"),
    TemplateColumn("材质成分", "类目属性（服装类目必填）：材质和含量，如 棉95% 氨纶5%",
                   "棉95% 氨纶5%", 14, kind="prop"),
    TemplateColumn("年份季节", "类目属性（服装类目必填）：如 2026年夏季", "2026年夏季", 11,
                   kind="prop"),
    TemplateColumn("宝贝属性", "选填。其他类目属性写在这一列：名称:值，多个用分号隔开，如 "
                   "适用年龄:25-29周岁;服装版型:宽松；一个属性有多个值时用逗号或顿号隔开。"
                   f"旧写法 pid:vid;pid:vid 也可以（最多 {lim.PROPS_MAX_PAIRS} 对）",
                   "适用年龄:25-29周岁;服装版型:宽松", 24),
    TemplateColumn("宝贝描述", f"必填。{lim.DESC_MIN_CHARS}–{lim.DESC_MAX_CHARS} 个字，"
                   "可以是文字或 HTML；有详情图时，文字在前、图片按顺序在后。",
                   "100% 纯棉面料，柔软透气，宽松版型不挑身材。", 40, required=True),
    TemplateColumn("主图", "必填。图片文件路径（可写相对本表格的路径）、网址，或直接把图片"
                   "放进这个单元格（WPS 嵌入单元格 / Excel 放在单元格中）或浮在这一行上。"
                   "多张用分号 ; 隔开，第一张是主图。建议 800×800 以上，不超过 3 MB。",
                   None, 18, required=True),
    TemplateColumn("详情图", "选填。宝贝描述里的图片：路径、网址或放进单元格的图片，多张用换行、"
                   "分号或逗号隔开，按顺序显示；也可以分成 详情图1、详情图2… 几列。每张不超过"
                   " 3 MB，上传到图片空间一次、重复使用。", None, 18),
    TemplateColumn("省份", "必填（或在设置里填默认所在地）。不带“省”字。例：浙江", "浙江", 8),
    TemplateColumn("城市", "必填（或在设置里填默认所在地）。不带“市”字。例：杭州", "杭州", 8),
    TemplateColumn("新旧程度", "全新 或 二手；不填用默认（全新）。", "全新", 10, ("全新", "二手")),
    TemplateColumn("出售方式", "一口价 或 拍卖；不填用默认（一口价）。", "一口价", 10,
                   ("一口价", "拍卖")),
    TemplateColumn("上架状态", "出售中（立即上架）或 仓库中（先放仓库）；不填 = 出售中。", "出售中",
                   10, ("出售中", "仓库中")),
    TemplateColumn("成本价", "选填。填了成本价、没填一口价时，可按加价规则自动算出价格。例：25.00",
                   None, 10),
    TemplateColumn("运费模板", "选填。运费模板 ID（数字），在卖家中心“物流工具”里查看。", None, 12),
    TemplateColumn("卖点", f"选填。最多 {lim.SELL_POINT_MAX_CHARS} 个字。", "纯棉透气 不起球", 20),
)

GUIDE: tuple[tuple[str, str], ...] = (
    ("提示", "红色列名是必填项，蓝色列名是类目属性，绿色列名是每个SKU一行的列。第 2–5 行是示例"
     f"（一个宝贝、4 个SKU；标题带「{lim.EXAMPLE_TITLE_MARK}」、商家编码以"
     f"「{lim.EXAMPLE_OUTER_ID_PREFIX}」开头）：请删除，或把标题和每行的商家编码都改成自己的"
     "宝贝；不改的话这个宝贝不会上架。表头上面可以加标题行，列的顺序可以随意调整。"),
    ("多个颜色尺码", "同一个宝贝的每个SKU（颜色+尺码）写一行，这几行的商家编码相同。标题、类目、"
     "描述、主图、属性等宝贝信息只在第一行填写，其他行留空（填了就要和第一行相同）。"),
    ("类目属性", "淘宝的大部分类目要求填写必填属性（服装：品牌、货号、材质成分、年份季节），"
     "否则会被拒绝“类目必选属性未填写”。用属性名作列名填写，或写在宝贝属性列里（名称:值）。"
     "taoshelf categories show 类目ID 可以查看一个类目的全部属性和可选值；taoshelf check 会在"
     "上传前检查（需要先下载类目数据，上传时会自动下载）。"),
    ("旧写法", "一行写完所有SKU也可以：SKU属性 列写 pid:vid;pid:vid（或 颜色:白色;尺码:M），"
     "多个SKU用逗号隔开，SKU数量、SKU价格、SKU商家编码 列按同样的顺序用逗号隔开。"),
)
