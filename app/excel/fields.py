"""The columns TaoShelf understands: field name (TOP parameter), Chinese label, value kind, aliases.

Field names are the TOP parameter names (``location.state``…) plus ``image`` and ``cost``.
Several columns may map to ``image`` (主图, 图片2, 附图…) and ``detail_image`` (详情图1, 详情图2…);
every other field takes one column. A header no field claims may still be a property of the
row's category (品牌, 材质成分): the reader keeps it (`Product.extra`) for the resolution step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    TEXT = "text"
    PRICE = "price"
    INT = "int"
    DATE = "date"
    BOOL = "bool"
    CHOICE = "choice"
    IMAGE = "image"
    LIST = "list"  # comma-separated SKU list
    CATEGORY = "category"  # a leaf id (→ cid) or a name / path (→ category_text)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    label: str  # Chinese column name used in messages and the template
    kind: Kind
    aliases: tuple[str, ...]


IGNORE = "ignore"  # a user mapping that drops a column on purpose

FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", "标题", Kind.TEXT,
              ("标题", "宝贝标题", "商品标题", "宝贝名称", "商品名称", "名称", "title",
               "item_title")),
    FieldSpec("price", "价格", Kind.PRICE,
              ("价格", "一口价", "售价", "销售价", "宝贝价格", "商品价格", "单价", "price")),
    FieldSpec("num", "库存", Kind.INT,
              ("库存", "数量", "宝贝数量", "库存数量", "库存数", "num", "quantity", "stock")),
    FieldSpec("cid", "类目", Kind.CATEGORY,
              ("类目id", "类目", "类目编号", "宝贝类目", "叶子类目", "类目名称", "类目路径",
               "cid", "category_id", "category")),
    FieldSpec("outer_id", "商家编码", Kind.TEXT,
              ("商家编码", "货号", "商家货号", "商品编码", "编码", "outer_id", "款号")),
    FieldSpec("desc", "描述", Kind.TEXT,
              ("描述", "宝贝描述", "商品描述", "详情", "宝贝详情", "desc", "description",
               "宝贝详情描述")),
    FieldSpec("image", "主图", Kind.IMAGE, ("主图", "图片", "宝贝图片", "商品图片", "附图",
                                            "副图", "图片地址", "image", "images", "pic",
                                            "picture", "pic_path", "pic_url", "新图片", "主图片")),
    FieldSpec("location.state", "省份", Kind.TEXT,
              ("省份", "所在地省", "所在地省份", "发货省份", "省", "location.state", "state",
               "location_state")),
    FieldSpec("location.city", "城市", Kind.TEXT,
              ("城市", "所在地市", "所在地城市", "发货城市", "市", "location.city", "city",
               "location_city")),
    FieldSpec("stuff_status", "新旧程度", Kind.CHOICE,
              ("新旧程度", "新旧", "成色", "宝贝类型", "stuff_status")),
    FieldSpec("type", "出售方式", Kind.CHOICE,
              ("出售方式", "销售方式", "发布类型", "type", "item_type")),
    FieldSpec("approve_status", "上架状态", Kind.CHOICE,
              ("上架状态", "立即上架", "是否上架", "是否立即上架", "上架方式", "放入仓库",
               "是否放入仓库", "approve_status")),  # 是/否: values.parse_status
    FieldSpec("cost", "成本价", Kind.PRICE, ("成本价", "成本", "进价", "采购价", "cost")),
    FieldSpec("props", "宝贝属性", Kind.TEXT, ("宝贝属性", "属性", "props", "cateprops")),
    FieldSpec("seller_cids", "店铺分类", Kind.TEXT,
              ("店铺分类", "店内分类", "seller_cids", "店铺类目")),
    FieldSpec("sell_point", "卖点", Kind.TEXT, ("卖点", "宝贝卖点", "sell_point", "subtitle")),
    FieldSpec("postage_id", "运费模板", Kind.INT,
              ("运费模板", "运费模板id", "邮费模板", "postage_id", "邮费模版id", "运费模版",
               "运费模版id")),
    FieldSpec("freight_payer", "运费承担", Kind.CHOICE,
              ("运费承担", "运费承担方", "freight_payer")),
    FieldSpec("post_fee", "平邮费用", Kind.PRICE, ("平邮费用", "平邮", "post_fee")),
    FieldSpec("express_fee", "快递费用", Kind.PRICE, ("快递费用", "快递费", "运费", "express_fee")),
    FieldSpec("ems_fee", "EMS费用", Kind.PRICE, ("ems费用", "ems", "ems_fee")),
    FieldSpec("list_time", "定时上架", Kind.DATE,
              ("定时上架", "定时上架时间", "上架时间", "开始时间", "list_time")),
    FieldSpec("has_invoice", "发票", Kind.BOOL, ("发票", "有发票", "has_invoice")),
    FieldSpec("has_warranty", "保修", Kind.BOOL, ("保修", "有保修", "has_warranty")),
    FieldSpec("has_discount", "会员打折", Kind.BOOL, ("会员打折", "支持会员打折", "has_discount")),
    FieldSpec("sku_properties", "SKU属性", Kind.LIST,
              ("sku属性", "销售属性", "sku销售属性", "sku_properties")),
    FieldSpec("sku_quantities", "SKU数量", Kind.LIST,
              ("sku数量", "sku库存", "sku_quantities")),
    FieldSpec("sku_prices", "SKU价格", Kind.LIST, ("sku价格", "sku_prices")),
    FieldSpec("sku_outer_ids", "SKU商家编码", Kind.LIST,
              ("sku商家编码", "sku编码", "sku货号", "sku_outer_ids")),
    # One SKU per row (rows sharing a 商家编码 are one product): its colour and size by name, as
    # the shop owner writes them; the leaf's own colour/size prop names (颜色分类, 主要颜色, 鞋码)
    # are aliases here, and any other header is matched against the leaf's props later.
    FieldSpec("sku_colour", "颜色", Kind.TEXT,
              ("颜色", "颜色分类", "主要颜色", "sku颜色", "color", "colour")),
    FieldSpec("sku_size", "尺码", Kind.TEXT,
              ("尺码", "尺寸", "鞋码", "码数", "sku尺码", "服装尺码", "size")),
    FieldSpec("sku_image", "颜色图", Kind.IMAGE,
              ("颜色图", "颜色图片", "sku图", "sku图片", "规格图", "sku_image")),
    FieldSpec("detail_image", "详情图", Kind.IMAGE,
              ("详情图", "描述图", "详情图片", "描述图片", "详情页图片", "detail_image",
               "desc_image")),
)

BY_NAME: dict[str, FieldSpec] = {f.name: f for f in FIELDS}
MULTI_COLUMN = frozenset({"image", "detail_image"})
PICTURE_FIELDS = frozenset({"image", "detail_image", "sku_image"})
# Headers that name a field only when no other column does: 货号 is many shops' 商家编码, but
# next to a 商家编码 column it is the category's 货号 property (a property column).
WEAK_ALIASES: dict[str, str] = {"货号": "outer_id", "款号": "outer_id"}

_ALIASES: dict[str, str] = {}
for _spec in FIELDS:
    for _alias in _spec.aliases:
        _ALIASES[_alias.lower()] = _spec.name

_NOTE = re.compile(r"[（(【\[].*?[)）】\]]")
_SPACE = re.compile(r"\s+")
_TRAIL_DIGITS = re.compile(r"^(.*?)[\s_\-]*\d{1,2}$")


def normalize_header(text: str) -> str:
    """Lower case, no blanks, no ``*`` (required marks), full-width letters folded."""
    text = text.replace("\u3000", " ").strip().lower()
    text = text.replace("*", "").replace("＊", "")
    return _SPACE.sub("", text)


def field_for_header(text: str) -> str | None:
    """The field a header names, or ``None``. ``价格(元)``, ``*标题``, ``图片2`` are understood."""
    norm = normalize_header(text)
    if not norm:
        return None
    if norm in _ALIASES:
        return _ALIASES[norm]
    bare = _NOTE.sub("", norm)  # 价格(元) -> 价格, 标题（30字内） -> 标题
    if bare in _ALIASES:
        return _ALIASES[bare]
    m = _TRAIL_DIGITS.match(bare)  # 图片2, 主图_3, 详情图1
    if m and _ALIASES.get(m.group(1)) in MULTI_COLUMN:
        return _ALIASES[m.group(1)]
    return None
