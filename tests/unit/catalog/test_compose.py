"""Composing item.add's property fields against a leaf's rules (pure): property columns, the
宝贝属性 cell, required properties, typed values, SKUs by name, custom values and aliases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.catalog.category_rules import CategoryProp, CategoryRules, PropValue
from app.catalog.compose import Composed, LeafIndex, apply, compose
from app.catalog.model import Product, Sku

V = PropValue
BRAND = CategoryProp(20000, "品牌", required=True, input_allowed=True, key=True, values=(
    V(9200001, "耐克/Nike"), V(9200003, "优衣库/UNIQLO")))
ARTICLE = CategoryProp(13021751, "货号", required=True, enum=False, key=True)
MATERIAL = CategoryProp(149422948, "材质成分", required=True, enum=False, material=True)
SEASON = CategoryProp(122216347, "年份/季节", required=True, values=(
    V(828896460, "2019年夏季"), V(3612408002, "2026年夏季")))
AGE = CategoryProp(20017, "适用年龄", values=(V(494072158, "18-24周岁"),
                                             V(494072160, "25-29周岁")))
STYLE = CategoryProp(20608, "风格", multi=True, values=(V(1, "通勤"), V(2, "街头"), V(3, "甜美")))
ORIGIN = CategoryProp(21299, "产地", values=(V(27772, "中国大陆", is_parent=True),
                                            V(9110001, "日本")))
PROVINCE = CategoryProp(24557, "省份", parent_pid=21299, parent_vid=27772,
                        values=(V(254221, "山东省"),))
COLOUR = CategoryProp(1627207, "主要颜色", multi=True, sale=True, colour=True, alias_allowed=True,
                      values=(V(28320, "白色"), V(28341, "黑色"), V(28338, "蓝色")))
SIZE = CategoryProp(20509, "尺码", multi=True, sale=True, alias_allowed=True, values=(
    V(28314, "S"), V(28315, "M"), V(28318, "XXL"), V(6145171, "2XL")))
TEE = CategoryRules(50000671, (BRAND, ARTICLE, MATERIAL, SEASON, AGE, STYLE, ORIGIN, PROVINCE,
                               COLOUR, SIZE))
MODEL = CategoryProp(9000101, "适用手机型号", multi=True, sale=True,
                     values=(V(9101001, "iPhone 15"), V(9101002, "iPhone 15 Pro")))
CASE_COLOUR = CategoryProp(1627207, "颜色分类", multi=True, sale=True, colour=True,
                           values=(V(28320, "白色"), V(107121, "透明")))
CASE = CategoryRules(50008093, (CategoryProp(20000, "品牌", input_allowed=True), MODEL,
                                CASE_COLOUR))
KEYS = {"品牌": "优衣库", "货号": "TS 001", "材质成分": "棉95%,氨纶5%", "年份季节": "2026年夏季"}


def product(extra: dict[str, str] | None = None, skus: list[Sku] | None = None,
            props_text: str | None = None) -> Product:
    p = Product(row=2, outer_id="A", cid=50000671, num=10, price=Decimal("59.00"),
                extra=dict(KEYS if extra is None else extra), props_text=props_text,
                skus=skus or [])
    for sku in p.skus:
        if sku.row == p.row:
            sku.extra = p.extra
    return p


def sku(row: int, colour: str, size: str | None = None, qty: int = 5,
        price: str = "59.00", **extra: str) -> Sku:
    values = {"颜色": colour} | ({"尺码": size} if size else {})
    return Sku("", qty, Decimal(price), values=values, row=row, extra=dict(extra))


def codes(found: Composed) -> set[str]:
    return {i.code for i in found.issues}


def test_property_columns_become_props_and_typed_values() -> None:
    found = compose(product(), TEE, letters={h: "K" for h in KEYS})
    assert found.errors == []
    assert found.fields["props"] == "20000:9200003;122216347:3612408002"
    assert found.fields["input_pids"] == "13021751,149422948"
    assert found.fields["input_str"] == "TS 001,棉95%，氨纶5%"  # a comma would split input_str
    assert found.prop_texts == {"品牌": "优衣库", "货号": "TS 001", "材质成分": "棉95%,氨纶5%",
                                "年份/季节": "2026年夏季"}
    assert found.claimed == set(KEYS)


@pytest.mark.parametrize("header", ["年份/季节", "年份季节", "年份 季节", "*年份季节（必填）",
                                    "季节", "适用季节"])
def test_a_header_names_a_property_ignoring_spaces_and_punctuation(header: str) -> None:
    extra = {k: v for k, v in KEYS.items() if k != "年份季节"} | {header: "2026年夏季"}
    assert "122216347:3612408002" in compose(product(extra), TEE).fields["props"]


def test_several_values_of_a_multi_valued_property() -> None:
    found = compose(product({**KEYS, "风格": "通勤，街头、甜美"}), TEE)
    assert "20608:1;20608:2;20608:3" in found.fields["props"]
    single = compose(product({**KEYS, "适用年龄": "18-24周岁,25-29周岁"}), TEE)
    assert codes(single) == {"props.single"}


def test_props_cell_names_and_raw_pairs() -> None:
    found = compose(product(props_text="适用年龄:25-29周岁；20608:2"), TEE)
    assert found.errors == []
    assert "20017:494072160;20608:2" in found.fields["props"]
    bad = compose(product(props_text="领型:圆领;99:1;20017:1;适用年龄"), TEE)
    assert [i.code for i in bad.errors] == ["props.unknown", "props.unknown", "props.value",
                                            "props.format"]


def test_required_properties_missing_are_one_error_naming_them() -> None:
    found = compose(product({"品牌": "耐克"}), TEE)
    [missing] = found.errors
    assert missing.code == "props.required"
    assert "货号、材质成分、年份/季节（如 2019年夏季）" in missing.message


def test_a_brand_not_in_the_list_is_typed_with_a_note() -> None:
    found = compose(product({**KEYS, "品牌": "小鹿森林"}), TEE)
    assert found.errors == []
    assert found.fields["input_pids"].split(",")[0] == "20000"
    assert found.fields["input_str"].startswith("小鹿森林,")
    [note] = found.notes
    assert note.code == "props.typed"
    assert not note.is_error


def test_other_is_refused_and_an_unlisted_value_lists_the_allowed_ones() -> None:
    assert codes(compose(product({**KEYS, "品牌": "其他"}), TEE)) == {"props.forbidden"}
    found = compose(product({**KEYS, "年份季节": "2030年夏季"}), TEE)
    [error] = found.errors
    assert error.code == "props.value"
    assert "可选：2019年夏季、2026年夏季" in error.message


def test_a_column_the_category_does_not_have_is_a_warning() -> None:
    found = compose(product({**KEYS, "备注": "老客户"}), TEE, letters={"备注": "P"})
    [warning] = found.notes
    assert (warning.code, warning.cell, warning.is_error) == ("props.not_in_category", "P2", False)
    assert "备注" not in found.claimed


def test_a_child_property_needs_its_parent_value() -> None:
    ok = compose(product({**KEYS, "产地": "中国大陆", "省份": "山东省"}), TEE)
    assert "21299:27772;24557:254221" in ok.fields["props"]
    orphan = compose(product({**KEYS, "产地": "日本", "省份": "山东省"}), TEE)
    assert codes(orphan) == {"props.child"}


def test_skus_by_name_every_pair_also_in_props() -> None:
    skus = [sku(2, "白色", "S", 10), sku(3, "白色", "M", 0), sku(4, "黑色", "S", 3, "69.00")]
    found = compose(product(skus=skus), TEE)
    assert found.errors == []
    f = found.fields
    assert f["sku_properties"] == ("1627207:28320;20509:28314,1627207:28320;20509:28315,"
                                   "1627207:28341;20509:28314")
    assert f["props"].endswith(";1627207:28320;20509:28314;20509:28315;1627207:28341")
    assert (f["sku_quantities"], f["sku_prices"]) == ("10,0,3", "59.00,59.00,69.00")
    assert f["sku_outer_ids"] == ",,"  # sent even without codes


def test_custom_values_where_the_leaf_allows_them() -> None:
    skus = [sku(2, "雾霾蓝", "M"), sku(3, "奶油杏", "M"), sku(4, "雾霾蓝", "XXXXL")]
    found = compose(product(skus=skus), TEE, custom_sale_values=True)
    assert found.errors == []
    assert found.fields["input_custom_cpv"] == "1627207:-1:雾霾蓝;1627207:-2:奶油杏;20509:-1:XXXXL;"
    assert found.sku_properties == ["1627207:-1;20509:28315", "1627207:-2;20509:28315",
                                    "1627207:-1;20509:-1"]
    assert [i.code for i in found.notes] == ["sku_properties.custom"] * 3
    bad = compose(product(skus=[sku(2, "蓝色★", "M")]), TEE, custom_sale_values=True)
    assert codes(bad) == {"sku_properties.custom_chars"}


def test_an_unused_standard_value_is_renamed_where_aliases_are_allowed() -> None:
    skus = [sku(2, "白色", "M"), sku(3, "雾霾蓝", "M"), sku(4, "奶油杏", "M")]
    found = compose(product(skus=skus), TEE)  # no udsaleprop
    assert found.errors == []
    assert found.fields["property_alias"] == "1627207:28341:雾霾蓝;1627207:28338:奶油杏"
    assert found.sku_properties[1] == "1627207:28341;20509:28315"
    assert [i.code for i in found.notes] == ["sku_properties.alias"] * 2
    full = compose(product(skus=[sku(n, c, "M") for n, c in enumerate(
        ("白色", "黑色", "蓝色", "雾霾蓝"), start=2)]), TEE)
    assert codes(full) == {"sku_properties.no_free_value"}


def test_no_custom_and_no_alias_is_an_error_listing_the_allowed_values() -> None:
    found = compose(product({"适用手机型号": "iPhone 16"}, skus=[sku(2, "白色")]), CASE)
    [error] = found.errors
    assert error.code == "sku_properties.value"
    assert "可选：iPhone 15、iPhone 15 Pro" in error.message


def test_colour_and_size_by_flags_and_other_sale_props_by_name() -> None:
    skus = [Sku("", 1, Decimal("9.90"), values={"颜色": "透明"}, row=2),
            Sku("", 1, Decimal("9.90"), values={"颜色": "透明"}, row=3,
                extra={"适用手机型号": "iPhone 15 Pro"})]
    p = product({"适用手机型号": "iPhone 15"}, skus=skus)
    p.cid = 50008093
    found = compose(p, CASE)
    assert found.errors == []
    assert found.sku_properties == ["9000101:9101001;1627207:107121",
                                    "9000101:9101002;1627207:107121"]
    no_size = compose(product({}, skus=[sku(2, "透明", "M")]), CASE)
    assert codes(no_size) == {"sku_properties.not_in_category"}


def test_every_sku_has_the_same_sale_props_and_no_combination_twice() -> None:
    found = compose(product(skus=[sku(2, "白色", "M"), sku(3, "黑色"), sku(4, "白色", "M")]),
                    TEE)
    by_code = {i.code: i for i in found.errors}
    assert set(by_code) == {"sku_properties.missing_value", "sku_properties.duplicate"}
    assert "第 3 行没有填写尺码" in by_code["sku_properties.missing_value"].message
    assert "第 4 行和第 2 行的销售属性相同（白色/M）" in by_code["sku_properties.duplicate"].message


def test_a_product_property_on_a_later_sku_row_may_only_repeat_the_first() -> None:
    skus = [sku(2, "白色", "M"), sku(3, "黑色", "M", **{"品牌": "优衣库"}),
            sku(4, "蓝色", "M", **{"品牌": "耐克"})]
    found = compose(product(skus=skus), TEE)
    [error] = found.errors
    assert error.code == "props.differs"
    assert "品牌「耐克」与第 2 行「优衣库」不同" in error.message


def test_limits_of_the_composed_fields() -> None:
    many = [sku(n, "白色" if n % 2 else "黑色", size, 1) for n, size in enumerate(
        ["S", "M", "XXL", "2XL"] * 6, start=2)]
    found = compose(product(skus=many), TEE, custom_sale_values=True)
    assert "sku_properties.duplicate" in codes(found)
    sizes = CategoryProp(20509, "尺码", multi=True, sale=True,
                         values=tuple(V(100000 + n, f"{n}码") for n in range(36)))
    rules = CategoryRules(1, (COLOUR, sizes))
    wide = [Sku("", 1, Decimal(1), values={"颜色": "白色", "尺码": f"{n}码"}, row=n + 2)
            for n in range(36)]  # 37 pairs in props, 36 SKUs of 25 bytes
    p = product({}, skus=wide)
    assert {"sku_properties.too_long", "props.too_long"} <= codes(compose(p, rules))


def test_apply_stores_the_fields_on_the_product() -> None:
    p = product(skus=[sku(2, "雾霾蓝", "M")])
    found = compose(p, TEE, custom_sale_values=True)
    apply(p, found)
    assert (p.props, p.input_pids, p.input_custom_cpv) == (
        found.fields["props"], "13021751,149422948", "1627207:-1:雾霾蓝;")
    assert p.skus[0].properties == "1627207:-1;20509:28315"


def test_the_leaf_index_remembers_lookups() -> None:
    index = LeafIndex(TEE)
    assert index.column_prop("品牌") is BRAND
    assert index.sku_prop("颜色") is COLOUR  # by its flag: here it is called 主要颜色
    assert index.column_prop("颜色") is None  # a property column never guesses from a part
    assert index.value(SIZE, "xxl") == V(28318, "XXL")


def test_remembered_skus_still_need_the_same_properties_and_no_repeat() -> None:
    """SKU values seen before in the leaf are composed from memory: the rules still hold."""
    index = LeafIndex(TEE)
    first = compose(product(skus=[sku(2, "白色", "M"), sku(3, "黑色", "S")]), TEE, index=index)
    assert first.errors == []
    fast = compose(product(skus=[sku(2, "黑色", "S"), sku(3, "白色", "M")]), TEE, index=index)
    assert fast.sku_properties == ["1627207:28341;20509:28314", "1627207:28320;20509:28315"]
    assert fast.fields["props"].endswith("1627207:28341;20509:28314;1627207:28320;20509:28315")
    uneven = compose(product(skus=[sku(2, "白色", "M"), sku(3, "黑色")]), TEE, index=index)
    assert codes(uneven) == {"sku_properties.missing_value"}
    twice = compose(product(skus=[sku(2, "白色", "M"), sku(3, "白色", "M")]), TEE, index=index)
    assert codes(twice) == {"sku_properties.duplicate"}
