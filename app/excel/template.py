"""The template workbook a shop owner can fill without a manual (`taoshelf template OUT.xlsx`)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image as XlImage
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from app.catalog import limits as lim


@dataclass(frozen=True, slots=True)
class TemplateColumn:
    header: str
    note: str  # limit + example, shown as the cell comment
    example: object
    width: float
    choices: tuple[str, ...] = ()
    required: bool = False


COLUMNS: tuple[TemplateColumn, ...] = (
    TemplateColumn("商家编码", "建议必填。您自己的货号，每个宝贝不同，最长 "
                   f"{lim.OUTER_ID_MAX_BYTES} 字节（字母数字算 1 字节，一个汉字算 3 字节）。"
                   "重新上传时靠它避免重复上架。"
                   "例：TX-2026-001", f"{lim.EXAMPLE_OUTER_ID_PREFIX}TX-2026-001", 16),
    TemplateColumn("宝贝标题", f"必填。最长 {lim.TITLE_MAX_BYTES} 字节：一个汉字算 2 字节，"
                   f"即约 {lim.TITLE_MAX_BYTES // 2} 个汉字。例：夏季纯棉圆领短袖T恤女宽松",
                   f"{lim.EXAMPLE_TITLE_MARK}夏季纯棉圆领短袖T恤女宽松百搭上衣", 36, required=True),
    TemplateColumn("一口价", f"必填。单位元，{lim.PRICE_MIN}–{lim.PRICE_MAX:.0f}，最多两位小数。"
                   "例：59.90", 59.9, 10, required=True),
    TemplateColumn("库存", f"必填。整数 {lim.NUM_MIN}–{lim.NUM_MAX}；有 SKU 时等于各 SKU 数量之和。"
                   "例：200", 200, 8, required=True),
    TemplateColumn("类目ID", "必填。淘宝叶子类目的编号（数字）。例：50000671（女装 > T恤）",
                   50000671, 12, required=True),
    TemplateColumn("宝贝描述", f"必填。{lim.DESC_MIN_CHARS}–{lim.DESC_MAX_CHARS} 个字，"
                   "可以是文字或 HTML。", "100% 纯棉面料，柔软透气，宽松版型不挑身材。", 40,
                   required=True),
    TemplateColumn("主图", "必填。图片文件路径（可写相对本表格的路径）、网址，或直接把图片"
                   "放进这个单元格（WPS 嵌入单元格 / Excel 放在单元格中）或浮在这一行上。"
                   "多张用分号 ; 隔开，第一张是主图。建议 800×800 以上，不超过 3 MB。",
                   None, 18, required=True),
    TemplateColumn("省份", "必填（或在设置里填默认所在地）。不带“省”字。例：浙江", "浙江", 8),
    TemplateColumn("城市", "必填（或在设置里填默认所在地）。不带“市”字。例：杭州", "杭州", 8),
    TemplateColumn("新旧程度", "全新 或 二手；不填用默认（全新）。", "全新", 10, ("全新", "二手")),
    TemplateColumn("出售方式", "一口价 或 拍卖；不填用默认（一口价）。", "一口价", 10,
                   ("一口价", "拍卖")),
    TemplateColumn("上架状态", "出售中（立即上架）或 仓库中（先放仓库）；不填 = 出售中。", "出售中",
                   10, ("出售中", "仓库中")),
    TemplateColumn("成本价", "选填。填了成本价、没填一口价时，可按加价规则自动算出价格。例：25.00",
                   25, 10),
    TemplateColumn("运费模板", "选填。运费模板 ID（数字），在卖家中心“物流工具”里查看。", None, 12),
    TemplateColumn("宝贝属性", f"选填。格式 pid:vid;pid:vid，最多 {lim.PROPS_MAX_PAIRS} 对。",
                   None, 20),
    TemplateColumn("卖点", f"选填。最多 {lim.SELL_POINT_MAX_CHARS} 个字。", "纯棉透气 不起球", 20),
    TemplateColumn("SKU属性", "选填。每个 SKU 的销售属性 pid:vid;pid:vid，多个 SKU 用逗号隔开，"
                   "与 SKU数量、SKU价格 一一对应。", None, 24),
    TemplateColumn("SKU数量", "选填。与 SKU属性 一一对应，逗号隔开；合计要等于库存。例：100,100",
                   None, 12),
    TemplateColumn("SKU价格", "选填。与 SKU属性 一一对应，逗号隔开；一口价要在最低与最高之间。",
                   None, 12),
    TemplateColumn("SKU商家编码", "选填。与 SKU属性 一一对应，逗号隔开。", None, 16),
)


def example_picture(size: int = 800) -> bytes:
    """A plain product-like JPEG (``size``×``size``) for the example row."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (size, size), (245, 245, 245))
    draw = ImageDraw.Draw(img)
    s = size / 800
    body = [(250, 200), (330, 160), (470, 160), (550, 200), (640, 300), (570, 350), (530, 320),
            (530, 640), (270, 640), (270, 320), (230, 350), (160, 300)]
    draw.polygon([(x * s, y * s) for x, y in body], fill=(70, 130, 200))
    draw.ellipse((350 * s, 140 * s, 450 * s, 200 * s), fill=(245, 245, 245))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()


def write_template(path: Path) -> Path:
    """Write the template: headers with notes, drop-downs, one example row with a picture."""
    wb = Workbook()
    ws = wb.active
    ws.title = "宝贝"
    head_fill = PatternFill("solid", fgColor="FFE699")
    for index, col in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        cell = ws.cell(row=1, column=index, value=col.header)
        cell.font = Font(bold=True, color="C00000" if col.required else "000000")
        cell.fill = head_fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
        comment = Comment(col.note, "淘上架")
        comment.width, comment.height = 320, 120
        cell.comment = comment
        ws.column_dimensions[letter].width = col.width
        if col.example is not None:
            ws.cell(row=2, column=index, value=col.example)
        if col.choices:
            dv = DataValidation(type="list", formula1='"' + ",".join(col.choices) + '"',
                                allow_blank=True, showErrorMessage=True,
                                errorTitle="请从下拉列表选择",
                                error="只能填：" + "、".join(col.choices))
            dv.add(f"{letter}2:{letter}5000")
            ws.add_data_validation(dv)
    price_col = get_column_letter(3)
    ws.cell(row=2, column=3).number_format = "0.00"
    dv_price = DataValidation(type="decimal", operator="between", formula1="0.01",
                              formula2="100000000", allow_blank=True, showErrorMessage=True,
                              errorTitle="价格不对", error="价格要在 0.01 到 100000000 元之间")
    dv_price.add(f"{price_col}2:{price_col}5000")
    ws.add_data_validation(dv_price)
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 24
    ws.row_dimensions[2].height = 100
    image_col = next(i for i, c in enumerate(COLUMNS, start=1) if c.header == "主图")
    img = XlImage(io.BytesIO(example_picture()))
    img.width, img.height = 120, 120  # shown size; the stored picture stays 800×800
    ws.add_image(img, f"{get_column_letter(image_col)}2")
    help_ws = wb.create_sheet("填写说明")
    help_ws.column_dimensions["A"].width = 14
    help_ws.column_dimensions["B"].width = 100
    help_ws.append(["列名", "怎么填"])
    for col in COLUMNS:
        help_ws.append([col.header, col.note])
    help_ws.append([])
    help_ws.append(["提示", "红色列名是必填项。第 2 行是示例（标题带「"
                    f"{lim.EXAMPLE_TITLE_MARK}」、商家编码以「{lim.EXAMPLE_OUTER_ID_PREFIX}」开头）："
                    "请删除，或把标题和商家编码都改成自己的宝贝；不改的话这一行不会上架。"
                    "表头上面可以加标题行，列的顺序可以随意调整。"])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
