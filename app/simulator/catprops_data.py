"""Properties of the simulator's leaves (taobao-props.md §3–§5).

Doc ids (real, 2018–2019 clothing data): 颜色 ``1627207`` with its 32 listed values,
尺码 ``20509`` with its 22 listed values and the men's T-shirt list, 品牌 ``20000``,
货号 ``13021751`` / ``1632501``, 材质成分 ``149422948``, 年份/季节 ``122216347``,
适用年龄 ``20017``, 领型 ``20663``, 服装版型 ``122216586``, 尺码 ``20518``, 鞋码 ``20549``,
材质 ``20021``, 产地 ``21299`` → 省份 ``24557`` → 城市 ``31778``. Every other id is a
**stand-in**: pids ``90001xx`` and vids ``91xxxxx``/``92xxxxx``, and the 2026 seasons of
年份/季节 (``36124080xx``, plausible values for today, not read from Taobao).
Brand names are stand-ins too (only the shape of 品牌 is from the doc).

Required props: the doc says "require 品牌, 货号, 材质成分, 年份/季节 for clothing". Here they are
``must`` in every clothing leaf. ``OPTIONAL_FOR_NOW`` (leaves where they were not, while the app
could not send props) is empty now that it composes them from the sheet; it stays as the one
place to relax a leaf again.
"""

from __future__ import annotations

from dataclasses import replace

from app.simulator.catprops import Prop, Value

OPTIONAL_FOR_NOW: frozenset[int] = frozenset()


def _values(*rows: tuple) -> tuple[Value, ...]:
    return tuple(Value(*row) for row in rows)


COLOURS = _values(
    (28320, "白色"), (28341, "黑色"), (28326, "红色"), (28338, "蓝色"), (28335, "绿色"),
    (28324, "黄色"), (28329, "紫色"), (28334, "灰色"), (28332, "浅灰色"), (3232478, "深灰色"),
    (3232480, "粉红色", "粉色"), (90554, "桔色", "橙色"), (28321, "乳白色"), (4266701, "米白色"),
    (28331, "卡其色"), (129819, "咖啡色"), (3232483, "军绿色"), (3232484, "天蓝色"),
    (28340, "深蓝色"), (28866, "藏青色"), (28327, "酒红色"), (3594022, "玫红色"),
    (3232481, "巧克力色"), (132069, "褐色"), (3224419, "驼色"), (30155, "杏色"), (28328, "金色"),
    (28330, "银色"), (107121, "透明"), (130164, "花色"), (3232479, "深紫色"), (80882, "紫罗兰"),
)
WOMEN_SIZES = _values(
    (28381, "XXS"), (28313, "XS"), (28314, "S"), (28315, "M"), (28316, "L"), (28317, "XL"),
    (28318, "XXL"), (6145171, "2XL"), (28319, "XXXL"), (115781, "3XL"), (3727387, "4XL"),
    (7539404, "5XL"), (28128814, "6XL"), (28383, "均码", "F"), (649458002, "145/80A"),
    (66579689, "150/80A"), (3959184, "155/80A"), (6215318, "160/84A"), (3267942, "165/88A"),
    (3267943, "170/92A"), (3267944, "175/96A"), (71744989, "175/100A"),
    (9100099, "XXXXL", "", False, "deleted"),  # stand-in: a value Taobao withdrew
)
MEN_SIZES = _values(
    (28314, "S"), (28315, "M"), (28316, "L"), (28317, "XL"), (6145171, "2XL"), (115781, "3XL"),
    (3727387, "4XL"), (7539404, "5XL"), (28383, "均码"), (3271528, "165/85A"),
    (3271530, "170/90A"), (3271531, "175/95A"), (3267945, "180/100A"), (3271533, "185/105A"),
)
WAIST_SIZES = _values(*((9100000 + n, str(n)) for n in range(25, 35)))
SHOE_SIZES = _values(*((9100100 + n, str(n)) for n in range(35, 45)))

CLOTHING_BRANDS = _values(
    (1128204128, "森马/Semir"), (9200001, "耐克/Nike"), (9200002, "阿迪达斯/Adidas"),
    (9200003, "优衣库/UNIQLO"), (9200004, "太平鸟/PEACEBIRD"),
)
SHOE_BRANDS = _values((9200001, "耐克/Nike"), (9200005, "回力/Warrior"), (9200006, "百丽/Belle"))
TECH_BRANDS = _values(
    (9200007, "Apple/苹果"), (9200008, "华为/HUAWEI"), (9200009, "小米/Xiaomi"),
    (9200010, "倍思/Baseus"),
)
HOME_BRANDS = _values((9200011, "罗莱/LUOLAI"), (9200012, "水星家纺/MERCURY"))
FOOD_BRANDS = _values((9200013, "三只松鼠"), (9200014, "良品铺子"), (9200015, "百草味"))

SEASONS = _values(
    (1767451285, "2019年春季"), (828896460, "2019年夏季"), (1930889840, "2019年秋季"),
    (1930994249, "2019年冬季"), (3612408001, "2026年春季"), (3612408002, "2026年夏季"),
    (3612408003, "2026年秋季"), (3612408004, "2026年冬季"),
)


def brand(values: tuple[Value, ...], must: bool) -> Prop:
    """品牌: listed values, and C shops may type an unlisted brand (``is_input_prop``)."""
    return Prop(20000, "品牌", must=must, is_key_prop=True, is_input_prop=True, values=values)


def colour(name: str = "颜色分类") -> Prop:
    return Prop(1627207, name, multi=True, is_sale_prop=True, is_color_prop=True,
                is_allow_alias=True, values=COLOURS)


def size(pid: int, name: str, values: tuple[Value, ...]) -> Prop:
    return Prop(pid, name, multi=True, is_sale_prop=True, is_allow_alias=True, values=values)


def typed(pid: int, name: str, must: bool = False, key: bool = False,
          material: bool = False) -> Prop:
    """A free-text prop (``is_enum_prop`` false): its value goes in ``input_pids``/``input_str``."""
    return Prop(pid, name, must=must, is_key_prop=key, is_enum_prop=False, is_material=material)


def enum(pid: int, name: str, values: tuple[Value, ...], must: bool = False,
         multi: bool = False) -> Prop:
    return Prop(pid, name, must=must, multi=multi, values=values)


# 产地 → 省份 → 城市: the child-prop example (ids as the doc gives them, "unverified today").
ORIGIN = (
    enum(21299, "产地", _values((27772, "中国大陆", "", True), (9110001, "日本"),
                               (9110002, "韩国"))),
    replace(enum(24557, "省份", _values((254221, "山东省", "", True), (9111001, "浙江省"),
                                       (9111002, "广东省"))), parent_pid=21299, parent_vid=27772),
    replace(enum(31778, "城市", _values((47653222, "临沂市"), (9112001, "青岛市"))),
            parent_pid=24557, parent_vid=254221),
)
AGE = enum(20017, "适用年龄", _values(
    (136515180, "17周岁以下"), (494072158, "18-24周岁"), (494072160, "25-29周岁"),
    (494072162, "30-34周岁"), (494072164, "35-39周岁"), (494072166, "40-49周岁")))
FIT = enum(122216586, "服装版型", _values((29947, "直筒"), (130137, "修身"), (4043538, "宽松")))
COLLAR = enum(20663, "领型", _values((29447, "圆领"), (29448, "V领"), (29541, "立领")))
PHONE_MODELS = _values((9101001, "iPhone 15"), (9101002, "iPhone 15 Pro"),
                       (9101003, "华为 Mate 60"), (9101004, "小米 14"))


def clothing(cid: int, colour_name: str, sizes: Prop, *, women: bool, top: bool) -> tuple:
    must = cid not in OPTIONAL_FOR_NOW
    props = [
        brand(CLOTHING_BRANDS, must),
        typed(13021751, "货号", must=must, key=True),
        typed(149422948, "材质成分", must=must, material=True),
        enum(122216347, "年份/季节", SEASONS, must=must),
    ]
    if women:
        props.append(AGE)
    props.append(FIT)
    if top:
        props.append(COLLAR)
    return (*props, colour(colour_name), sizes)


def shoes(cid: int, size_name: str) -> tuple:
    return (
        brand(SHOE_BRANDS, True), typed(1632501, "货号", must=True, key=True),
        enum(9000110, "鞋面材质", _values((9109001, "帆布"), (9109002, "头层牛皮"),
                                        (9109003, "PU"))),
        colour(), size(20549, size_name, SHOE_SIZES),
    )


WOMEN = size(20509, "尺码", WOMEN_SIZES)
MEN = size(20509, "尺码", MEN_SIZES)
WAIST = size(20518, "尺码", WAIST_SIZES)
FOOD = (
    brand(FOOD_BRANDS, True), *ORIGIN,
    enum(9000107, "包装方式", _values((9108001, "散装"), (9108002, "袋装"), (9108003, "罐装"))),
    typed(9000108, "净含量", must=True), typed(9000109, "保质期"),
)

LEAF_PROPS: dict[int, tuple[Prop, ...]] = {
    50000671: clothing(50000671, "主要颜色", WOMEN, women=True, top=True),
    162104: clothing(162104, "颜色分类", WOMEN, women=True, top=True),
    50010850: clothing(50010850, "颜色分类", WOMEN, women=True, top=False),
    162205: clothing(162205, "颜色分类", WAIST, women=True, top=False),
    50000697: clothing(50000697, "颜色分类", WOMEN, women=True, top=True),
    50008898: clothing(50008898, "颜色分类", WOMEN, women=True, top=True),
    1623: clothing(1623, "颜色分类", WOMEN, women=True, top=False),
    50013194: clothing(50013194, "颜色分类", WOMEN, women=True, top=True),
    50000436: clothing(50000436, "颜色", MEN, women=False, top=True),
    50011123: clothing(50011123, "颜色分类", MEN, women=False, top=True),
    3035: clothing(3035, "颜色分类", WAIST, women=False, top=False),
    50010158: clothing(50010158, "颜色分类", MEN, women=False, top=True),
    50000557: clothing(50000557, "颜色分类", MEN, women=False, top=True),
    50012027: shoes(50012027, "鞋码"),
    50012042: shoes(50012042, "鞋码"),
    50011745: shoes(50011745, "尺码"),
    50012906: shoes(50012906, "尺码"),
    50008093: (
        brand(TECH_BRANDS, False),
        Prop(9000101, "适用手机型号", multi=True, is_sale_prop=True, values=PHONE_MODELS),
        enum(20021, "材质", _values((9102001, "硅胶"), (9102002, "TPU"), (9102003, "PC"),
                                   (9102004, "真皮"))),
        colour(),
    ),
    50008094: (
        brand(TECH_BRANDS, True), enum(9000101, "适用手机型号", PHONE_MODELS, multi=True),
        enum(9000102, "贴膜类型", _values((9103001, "钢化膜"), (9103002, "水凝膜"))),
    ),
    50008095: (
        brand(TECH_BRANDS, True),
        Prop(9000111, "型号", is_key_prop=True, is_input_prop=True,
             values=_values((9113001, "PB-10"), (9113002, "PB-20"))),
        enum(9000103, "电池容量", _values((9104001, "10000mAh"), (9104002, "20000mAh"))),
        colour(),
    ),
    50008164: (
        brand(HOME_BRANDS, False),
        enum(9000105, "面料材质", _values((9106001, "纯棉"), (9106002, "天丝"), (9106003, "磨毛"))),
        colour(),
        size(9000104, "适用床尺寸", _values((9105001, "1.2m（4英尺）床"),
                                          (9105002, "1.5m（5英尺）床"),
                                          (9105003, "1.8m（6英尺）床"))),
        *ORIGIN,
    ),
    50008165: (
        brand(HOME_BRANDS, True),
        enum(9000106, "填充物", _values((9107001, "荞麦"), (9107002, "乳胶"), (9107003, "羽绒")),
             must=True),
        *ORIGIN,
    ),
    50008055: FOOD,
    50010550: FOOD,
    50013061: FOOD,
}
