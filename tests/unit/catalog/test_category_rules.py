"""A leaf's rules: values by name (doc order, no folding), props by header, colour/size by
flags, required props, child props, JSON round trip."""

from __future__ import annotations

import json

import pytest

from app.catalog.category_rules import CategoryProp, CategoryRules, PropValue

V = PropValue
BRAND = CategoryProp(20000, "品牌", required=True, input_allowed=True, key=True, values=(
    V(9200001, "耐克/Nike"), V(9200002, "阿迪达斯/Adidas"), V(9200003, "Nike Kids"),
    V(9200004, "森马/Semir"), V(9200005, "Semir/森马童装")))
COLOUR = CategoryProp(1627207, "主要颜色", multi=True, sale=True, colour=True, alias_allowed=True,
                      values=(V(28320, "白色"), V(28332, "浅灰色"), V(28334, "灰色"),
                              V(3232480, "粉红色", "粉色"), V(90554, "桔色", "橙色")))
SIZE = CategoryProp(20509, "尺码", multi=True, sale=True, alias_allowed=True, values=(
    V(28317, "XL"), V(28318, "XXL"), V(6145171, "2XL"), V(28383, "均码", "F"),
    V(3267942, "165/88A")))
SEASON = CategoryProp(122216347, "年份/季节", required=True, values=(
    V(828896460, "2019年夏季"), V(3612408002, "2026年夏季")))
ARTICLE = CategoryProp(13021751, "货号", required=True, enum=False, key=True)
ORIGIN = CategoryProp(21299, "产地", values=(V(27772, "中国大陆", is_parent=True), V(1, "日本")))
PROVINCE = CategoryProp(24557, "省份", required=True, parent_pid=21299, parent_vid=27772,
                        values=(V(254221, "山东省", is_parent=True),))
COLLAR_CODE = CategoryProp(99, "领口码数")  # has 码 but is no sale prop
RULES = CategoryRules(50000671, (BRAND, ARTICLE, SEASON, ORIGIN, PROVINCE, COLLAR_CODE, COLOUR,
                                 SIZE), last_modified="2025-10-20 04:00:00")


@pytest.mark.parametrize(
    ("prop", "text", "vid"),
    [
        (COLOUR, "白色", 28320),
        (COLOUR, " 白色 ", 28320),
        (COLOUR, "浅灰色", 28332),  # never folded into 灰色
        (COLOUR, "灰色", 28334),
        (COLOUR, "粉色", 3232480),  # name_alias
        (COLOUR, "橙色", 90554),
        (COLOUR, "浅灰", None),  # no fuzzy matching
        (SIZE, "XXL", 28318),
        (SIZE, "2XL", 6145171),  # XXL ≠ 2XL
        (SIZE, "xl", 28317),  # case
        (SIZE, "ＸＸＬ", 28318),  # full width
        (SIZE, "F", 28383),
        (SIZE, "165/88A", 3267942),  # a "/" inside the name is not a split then
        (SIZE, "165", None),  # a measure is not split into parts
        (BRAND, "耐克/Nike", 9200001),
        (BRAND, "耐克", 9200001),  # a "/"-part
        (BRAND, "Nike", 9200001),
        (BRAND, "nike", 9200001),
        (BRAND, "Adidas", 9200002),
        (BRAND, "森马", 9200004),
        (BRAND, "Semir", None),  # two values have this part: not a guess
        (BRAND, "Nike Kids", 9200003),
        (BRAND, "NikeKids", None),
        (ARTICLE, "TS24001", None),
    ],
)
def test_value_by_name(prop: CategoryProp, text: str, vid: int | None) -> None:
    found = prop.value_by_name(text)
    assert (found.vid if found else None) == vid


def test_exact_name_beats_alias_and_parts() -> None:
    prop = CategoryProp(1, "x", values=(V(1, "红/白"), V(2, "白", "红"), V(3, "红")))
    assert prop.value_by_name("红").vid == 3
    assert prop.value_by_name("白").vid == 2
    assert prop.value_by_name("红/白").vid == 1


@pytest.mark.parametrize(
    ("header", "pid"),
    [
        ("年份/季节", 122216347), ("年份季节", 122216347), ("年份 季节", 122216347),
        ("年份／季节", 122216347), ("季节", 122216347), ("适用季节", 122216347),
        ("品牌", 20000), ("货号", 13021751), (" 货 号 ", 13021751),
        ("颜色", 1627207), ("颜色分类", 1627207), ("主要颜色", 1627207),  # by the flag
        ("尺码", 20509), ("尺寸", 20509), ("鞋码", 20509),
        ("省份", 24557), ("材质成分", None), ("", None),
    ],
)
def test_prop_by_header(header: str, pid: int | None) -> None:
    found = RULES.prop_by_header(header)
    assert (found.pid if found else None) == pid


def test_colour_and_size_by_flags_not_names() -> None:
    assert RULES.colour_prop is COLOUR
    assert RULES.size_prop is SIZE  # not 领口码数: it is no sale prop
    renamed = CategoryRules(1, (
        CategoryProp(1627207, "颜色", sale=True, colour=True),
        CategoryProp(20549, "尺码", sale=True)))
    assert renamed.colour_prop.pid == 1627207
    assert renamed.size_prop.pid == 20549
    phone = CategoryRules(2, (CategoryProp(1627207, "颜色分类", sale=True, colour=True),
                              CategoryProp(9000101, "适用手机型号", sale=True)))
    assert phone.size_prop is None  # a sale prop without 码/尺寸 is no size
    assert phone.prop_by_header("适用手机型号").pid == 9000101
    no_flag = CategoryRules(3, (CategoryProp(1627207, "颜色", sale=True),))
    assert no_flag.colour_prop is None


def test_required_props_and_children() -> None:
    assert [p.pid for p in RULES.required_props] == [20000, 13021751, 122216347]  # not 省份
    assert RULES.children(21299, 27772) == [PROVINCE]
    assert RULES.children(21299, 1) == []
    assert [p.pid for p in RULES.sale_props] == [1627207, 20509]
    assert ARTICLE.typeable
    assert BRAND.typeable
    assert not SEASON.typeable


def test_json_round_trip() -> None:
    text = json.dumps(RULES.to_json(), ensure_ascii=False)
    back = CategoryRules.from_json(json.loads(text))
    assert back == RULES
    assert back.prop(24557).parent_vid == 27772
    assert back.prop(1627207).value_by_name("粉色").vid == 3232480
    with pytest.raises(ValueError, match="format"):
        CategoryRules.from_json({**RULES.to_json(), "version": 99})
