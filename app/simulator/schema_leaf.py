"""A leaf's publish schema: which fields, with which ids, types and rules (the simulator's choice).

taobao-props.md §7 gives the shape and a few real samples (``title`` required, ≤ 60 bytes with
that tip; ``outerId`` ≤ 64 bytes; ``catProp`` with ``p-<pid>`` children); everything else here is
**unverified** and kept as data in this module: the ids below, the SKU block (a ``sku``
multiComplex with ``props/p-<pid>``, ``skuPrice``, ``skuStock``, ``skuOuterId``), the sale values
(``saleProp/p-<pid>`` entries of ``value`` + ``alias``), typed values of listed-yet-typeable props
(option ``-1`` + an ``in-<pid>`` field enabled only then), and the picture and freight fields.
``catProp`` holds the same properties and values as ``itemprops.get`` (first level and child
props; a child prop is disabled unless its parent holds the parent value). Sale props live only
in ``saleProp``/``sku``.
"""

from __future__ import annotations

from app.simulator import categories
from app.simulator.catprops import Prop, props_of
from app.simulator.schema_model import Depend, SField, SOption, SRule

# Field ids (unverified apart from title, outerId, catProp, p-<pid>; see the module docstring).
STUFF_STATUS, TITLE, SELL_POINT = "stuffStatus", "title", "sellPoint"
CAT_PROP, SALE_PROP, SKU = "catProp", "saleProp", "sku"
SKU_PROPS, SKU_PRICE, SKU_STOCK, SKU_OUTER_ID = "props", "skuPrice", "skuStock", "skuOuterId"
SALE_VALUE, SALE_ALIAS, SALE_CUSTOM = "value", "alias", "custom"
PRICE, QUANTITY, OUTER_ID = "price", "quantity", "outerId"
IMAGES, IMAGE_COUNT = "images", 5
DESC, WIRELESS_DESC = "desc", "wirelessDesc"
LOCATION, PROV, CITY = "location", "prov", "city"
START_TIME, LIST_TIME = "startTime", "listTime"
SHOP_CATS = "shopcat"
NOTICE = "publishNotice"  # a label: display only, never filled
FREIGHT, FREIGHT_PAYER, TEMPLATE = "tbExtractWay", "freightPayer", "template"
FEES = {"postFee": "post_fee", "expressFee": "express_fee", "emsFee": "ems_fee"}
STUFF_VALUES = {"5": "new", "6": "second"}  # 全新 / 二手 (as a real schema sample has them)
START_NOW, START_TIMED, START_INSTOCK = "0", "1", "2"
CUSTOM_INPUT = "-1"  # the option of a typeable listed prop that means "typed in in-<pid>"
CUSTOM_SALE_VALUES = 24  # negative options -1 … -24 of a sale prop in udsaleprop leaves
NOT_OTHER = r"(?!(其他|其它|其她)$).+"  # typed values may not be 其他/其它/其她 (§4)


def prop_field_id(pid: int) -> str:
    return f"p-{pid}"


def input_field_id(pid: int) -> str:
    return f"in-{pid}"


def image_field_id(number: int) -> str:
    return f"images_{number}"


def _rule(name: str, value: str = "true", *, unit: str | None = None,
          ex_property: str | None = None) -> SRule:
    return SRule(name, value, unit=unit, ex_property=ex_property)


REQUIRED = _rule("requiredRule")
MONEY = (_rule("valueTypeRule", "decimal"), _rule("minValueRule", "0.01"),
         _rule("maxValueRule", "100000000.00"), _rule("maxDecimalDigitsRule", "2"))
STOCK = (_rule("valueTypeRule", "long"), _rule("minValueRule", "0"),
         _rule("maxValueRule", "900000000"))
FEE = (_rule("valueTypeRule", "decimal"), _rule("minValueRule", "0"),
       _rule("maxDecimalDigitsRule", "2"))


def _options(prop: Prop) -> tuple[SOption, ...]:
    return tuple(SOption(str(v.vid), v.name) for v in prop.values if v.status == "normal")


def _child_rule(prop: Prop) -> tuple[SRule, ...]:
    if not prop.parent_pid:
        return ()
    return (SRule("disableRule", "true", depends=(
        Depend(prop_field_id(prop.parent_pid), str(prop.parent_vid), "!="),)),)


def cat_prop_fields(prop: Prop) -> list[SField]:
    """``p-<pid>`` (and ``in-<pid>`` for a listed prop C shops may type) for one non-sale prop."""
    rules = (*((REQUIRED,) if prop.must else ()), *_child_rule(prop))
    pid = prop_field_id(prop.pid)
    if not prop.is_enum_prop:
        tip = "如：棉100%" if prop.is_material else f"请填写{prop.name}"
        return [SField(pid, prop.name, "input", (*rules, _rule("maxLengthRule", "100"),
                                                  _rule("regexRule", NOT_OTHER),
                                                  _rule("tipRule", tip)))]
    if prop.multi:
        return [SField(pid, prop.name, "multiCheck", rules, _options(prop))]
    options = _options(prop)
    if not prop.is_input_prop:
        return [SField(pid, prop.name, "singleCheck", rules, options)]
    typed = SField(input_field_id(prop.pid), f"{prop.name}（自行输入）", "input", (
        REQUIRED, _rule("maxLengthRule", "60", unit="byte"), _rule("regexRule", NOT_OTHER),
        SRule("disableRule", "true", depends=(Depend(pid, CUSTOM_INPUT, "!="),)),
        _rule("tipRule", f"列表中没有的{prop.name}，选择“自行输入”后在这里填写")))
    return [SField(pid, prop.name, "singleCheck", rules,
                   (*options, SOption(CUSTOM_INPUT, "自行输入"))), typed]


def sale_options(prop: Prop, custom: bool) -> tuple[SOption, ...]:
    extra = tuple(SOption(str(-n), f"自定义{n}") for n in range(1, CUSTOM_SALE_VALUES + 1))
    return (*_options(prop), *(extra if custom else ()))


def sale_prop_field(prop: Prop, custom: bool) -> SField:
    """One sale prop's values: entries of ``value``, ``alias`` (a new name for a listed value;
    props with ``is_allow_alias``) and ``custom`` (the name of a custom value, udsaleprop leaves:
    enabled and required only while ``value`` is negative)."""
    children = [SField(SALE_VALUE, prop.name, "singleCheck", (REQUIRED,),
                       sale_options(prop, custom))]
    if prop.is_allow_alias:
        children.append(SField(SALE_ALIAS, "别名", "input", (
            _rule("maxLengthRule", "30"),
            SRule("disableRule", "true", depends=(Depend(SALE_VALUE, "0", "<"),)),
            _rule("tipRule", "填写后买家看到的是这个名称"))))
    if custom:
        children.append(SField(SALE_CUSTOM, "自定义名称", "input", (
            REQUIRED, _rule("maxLengthRule", "30"),
            SRule("disableRule", "true", depends=(Depend(SALE_VALUE, "0", ">="),)))))
    return SField(prop_field_id(prop.pid), prop.name, "multiComplex",
                  (_rule("maxInputNumRule", str(len(children[0].options))),),
                  children=tuple(children))


def sku_field(sale: list[Prop], custom: bool) -> SField:
    props = SField(SKU_PROPS, "销售属性", "complex", (REQUIRED,), children=tuple(
        SField(prop_field_id(p.pid), p.name, "singleCheck", (REQUIRED,), sale_options(p, custom))
        for p in sale))
    return SField(SKU, "宝贝规格", "multiComplex", (_rule("maxInputNumRule", "600"),), children=(
        props,
        SField(SKU_PRICE, "价格", "input", (REQUIRED, *MONEY)),
        SField(SKU_STOCK, "数量", "input", (REQUIRED, *STOCK)),
        SField(SKU_OUTER_ID, "商家编码", "input", (_rule("maxLengthRule", "64", unit="byte"),)),
    ))


def _images() -> SField:
    children = tuple(
        SField(image_field_id(n), "1:1主图" if n == 0 else f"主图{n + 1}", "input",
               (*((REQUIRED,) if n == 0 else ()), _rule("valueTypeRule", "url"),
                _rule("tipRule", "请使用图片空间中的图片")))
        for n in range(IMAGE_COUNT))
    return SField(IMAGES, "宝贝图片", "complex", (REQUIRED,), children=children)


def _freight() -> SField:
    buyer_only = SRule("disableRule", "true", depends=(Depend(FREIGHT_PAYER, "buyer", "!="),))
    return SField(FREIGHT, "运费", "complex", children=(
        SField(FREIGHT_PAYER, "运费承担", "singleCheck", (),
               (SOption("seller", "卖家承担运费"), SOption("buyer", "买家承担运费")),
               default="seller"),
        SField(TEMPLATE, "运费模板", "input", (_rule("valueTypeRule", "long"), buyer_only)),
        *(SField(fid, name, "input", (*FEE, buyer_only)) for fid, name in
          (("postFee", "平邮费用"), ("expressFee", "快递费用"), ("emsFee", "EMS费用"))),
    ))


def leaf_fields(cid: int) -> tuple[SField, ...]:
    """Every field of a leaf's schema, in form order."""
    category = categories.get(cid)
    custom = category is not None and category.custom_sale_values
    props = props_of(cid)
    sale = [p for p in props if p.is_sale_prop]
    cat_children = [f for p in props if not p.is_sale_prop for f in cat_prop_fields(p)]
    fields: list[SField] = [
        SField(NOTICE, "发布须知", "label", (_rule(
            "tipRule", "请如实填写宝贝信息；类目属性填写越完整，越容易被买家搜到"),)),
        SField(STUFF_STATUS, "宝贝类型", "singleCheck", (REQUIRED,),
               (SOption("5", "全新"), SOption("6", "二手")), default="5"),
        SField(TITLE, "宝贝标题", "input", (
            REQUIRED, _rule("maxLengthRule", "60", unit="byte", ex_property="include"),
            _rule("tipRule", "最多允许输入30个汉字（60字符）"), _rule("valueTypeRule", "text"),
            _rule("regexRule", r"[^<>]*"),
            _rule("tipRule", "标题中不能含有半角的 < >，请使用全角的 ＜＞"))),
        SField(SELL_POINT, "宝贝卖点", "input", (_rule("maxLengthRule", "150"),)),
        SField(CAT_PROP, "类目属性", "complex", children=tuple(cat_children)),
    ]
    if sale:
        fields.append(SField(SALE_PROP, "销售属性", "complex", children=tuple(
            sale_prop_field(p, custom) for p in sale)))
        fields.append(sku_field(sale, custom))
    fields += [
        SField(PRICE, "一口价", "input", (REQUIRED, *MONEY,
                                           _rule("tipRule", "有规格时须等于一个有库存规格的价格"))),
        SField(QUANTITY, "总库存", "input", (REQUIRED, *STOCK)),
        SField(OUTER_ID, "商家编码", "input", (_rule("maxLengthRule", "64", unit="byte"),)),
        _images(),
        SField(DESC, "PC端详情描述", "input", (
            REQUIRED, _rule("valueTypeRule", "html"), _rule("minLengthRule", "5"),
            _rule("maxLengthRule", "25000"))),
        SField(WIRELESS_DESC, "手机端详情描述", "input", (_rule("valueTypeRule", "textarea"),)),
        SField(LOCATION, "宝贝所在地", "complex", (REQUIRED,), children=(
            SField(PROV, "省份", "input", (REQUIRED,)),
            SField(CITY, "城市", "input", (REQUIRED,)))),
        SField(START_TIME, "上架时间", "singleCheck", (REQUIRED,), (
            SOption(START_NOW, "立刻上架"), SOption(START_TIMED, "定时上架"),
            SOption(START_INSTOCK, "放入仓库")), default=START_NOW),
        SField(LIST_TIME, "定时上架时间", "input", (
            REQUIRED, _rule("valueTypeRule", "time"),
            SRule("disableRule", "true", depends=(Depend(START_TIME, START_TIMED, "!="),)))),
        SField(SHOP_CATS, "店铺中分类", "multiInput", (
            _rule("regexRule", r"\d+"), _rule("maxInputNumRule", "10"))),
        _freight(),
    ]
    return tuple(fields)


def cascade_fields(cid: int, pid: int, vid: int) -> tuple[SField, ...]:
    """``props.get``: the child props shown under value ``vid`` of prop ``pid``."""
    return tuple(f for p in props_of(cid) if (p.parent_pid, p.parent_vid) == (pid, vid)
                 for f in cat_prop_fields(p))
