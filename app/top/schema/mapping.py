"""Where each piece of a product goes in a schema: the field-id mapping, kept as data.

Only ``title``, ``outerId``, ``catProp`` and ``p-<pid>`` come from documented samples
(taobao-props.md §7); ``price``, ``quantity``, ``images`` (``images_0`` …), ``desc``,
``stuffStatus`` and ``startTime`` appear in a real submitted schema seen in the wild; the rest —
the SKU block, sale values, typed values, location, freight — are unverified and mirror the
local simulator. Taobao changes its schema with the platform, so a slot is found by its id
first, then by one of its Chinese ``names`` among the top-level fields of the expected type, and
option values are chosen by their display name (全新, 放入仓库…), never by number. To follow a
changed schema, change `DEFAULT_MAP` (or pass another `FieldMap`); nothing else names an id.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.top.schema.model import Field, FieldType, Schema


@dataclass(frozen=True)
class Slot:
    """A top-level field: its id, other names it may carry, the type it must have."""

    id: str
    names: tuple[str, ...] = ()
    type: FieldType | None = None

    def find(self, schema: Schema) -> Field | None:
        found = schema.field(self.id)
        if found is not None:
            return found
        return next((f for f in schema.fields if f.name in self.names
                     and (self.type is None or f.type is self.type)), None)


TEXT, ONE, GROUP, GROUPS = (FieldType.INPUT, FieldType.SINGLE_CHECK, FieldType.COMPLEX,
                            FieldType.MULTI_COMPLEX)


@dataclass(frozen=True)
class FieldMap:
    title: Slot = Slot("title", ("宝贝标题", "商品标题"), TEXT)
    sell_point: Slot = Slot("sellPoint", ("宝贝卖点", "卖点"), TEXT)
    stuff_status: Slot = Slot("stuffStatus", ("宝贝类型", "新旧程度"), ONE)
    price: Slot = Slot("price", ("一口价", "价格"), TEXT)
    quantity: Slot = Slot("quantity", ("总库存", "数量", "库存"), TEXT)
    outer_id: Slot = Slot("outerId", ("商家编码",), TEXT)
    desc: Slot = Slot("desc", ("PC端详情描述", "宝贝描述", "电脑端描述"), TEXT)
    wireless_desc: Slot = Slot("wirelessDesc", ("手机端详情描述", "手机端描述"), TEXT)
    images: Slot = Slot("images", ("宝贝图片", "主图", "1:1主图"), GROUP)
    cat_prop: Slot = Slot("catProp", ("类目属性",), GROUP)
    sale_prop: Slot = Slot("saleProp", ("销售属性",), GROUP)
    sku: Slot = Slot("sku", ("宝贝规格", "SKU", "销售规格"), GROUPS)
    location: Slot = Slot("location", ("宝贝所在地", "所在地"), GROUP)
    start_time: Slot = Slot("startTime", ("上架时间",), ONE)
    list_time: Slot = Slot("listTime", ("定时上架时间", "开始时间"), TEXT)
    shop_cats: Slot = Slot("shopcat", ("店铺中分类", "店铺分类"))
    freight: Slot = Slot("tbExtractWay", ("运费",), GROUP)
    # children and patterns
    prop_prefix: str = "p-"  # catProp/p-<pid>, saleProp/p-<pid>, sku/props/p-<pid>
    input_prefix: str = "in-"  # catProp/in-<pid>: the typed value when p-<pid> is the option
    typed_option: str = "-1"  # …whose value is this ("自行输入")
    sale_value: str = "value"
    sale_alias: str = "alias"  # a listed value's new name (property_alias)
    sale_custom: str = "custom"  # a custom (negative) value's name (input_custom_cpv)
    sku_props: str = "props"
    sku_price: str = "skuPrice"
    sku_stock: str = "skuStock"
    sku_outer_id: str = "skuOuterId"
    prov: str = "prov"
    city: str = "city"
    freight_payer: str = "freightPayer"
    template: str = "template"
    fees: tuple[tuple[str, str], ...] = (("post_fee", "postFee"), ("express_fee", "expressFee"),
                                         ("ems_fee", "emsFee"))
    # option display names
    stuff_names: tuple[tuple[str, str], ...] = (("new", "全新"), ("second", "二手"))
    start_now: str = "立刻上架"
    start_timed: str = "定时上架"
    start_instock: str = "放入仓库"
    # a picture-space path given relative (item.add's pic_path) is made absolute with this
    picture_host: str = "https://img.alicdn.com/imgextra/"

    def prop_id(self, pid: int | str) -> str:
        return f"{self.prop_prefix}{pid}"

    def input_id(self, pid: int | str) -> str:
        return f"{self.input_prefix}{pid}"

    def pid_of(self, field_id: str) -> int | None:
        """``p-20000`` → 20000; None for any other id."""
        text = field_id.removeprefix(self.prop_prefix)
        return int(text) if text != field_id and text.isdigit() else None


DEFAULT_MAP = FieldMap()


def option_by_name(field: Field, *names: str) -> str | None:
    """The value of the option whose display name is one of ``names``."""
    return next((o.value for o in field.options if o.display_name in names), None)
