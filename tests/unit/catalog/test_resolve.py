"""The resolution step (pure): 类目 cells → leaves, the checks made when the data is there, and
what is said — and blocked — when it is not."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from app.catalog.categories import CategoryNode, CategoryTree
from app.catalog.category_rules import CategoryRules, PropValue
from app.catalog.keys import assign_keys
from app.catalog.model import Product, Severity, Sku
from app.catalog.resolve import CategoryData, needs_categories, resolve_products
from tests.unit.catalog.test_compose import KEYS, TEE

NODES = [
    CategoryNode(16, 0, "女装/女士精品", True), CategoryNode(30, 0, "男装", True),
    CategoryNode(50000671, 16, "T恤", False, features={"udsaleprop": "1"}),
    CategoryNode(50010850, 16, "连衣裙", False), CategoryNode(50000436, 30, "T恤", False),
]
TREE = CategoryTree(NODES, complete=True)


def data(texts: list[str], *, online: bool = False, rules: bool = True,
         complete: bool = True) -> CategoryData:
    tree = CategoryTree(NODES, complete=complete)
    resolutions = {t: tree.resolve(t) for t in texts}
    return CategoryData(resolutions=resolutions, rules={TEE.cid: TEE} if rules else {},
                        nodes={n.cid: n for n in NODES}, online=online, tree_complete=complete,
                        hint="（怎么办）", paths={50000671: "女装/女士精品 > T恤"},
                        missing={} if rules else {50000671: "读取失败"})


def item(category: object, *, extra: dict[str, str] | None = None,
         skus: list[Sku] | None = None, props_text: str | None = None) -> Product:
    p = Product(row=2, outer_id="A", title="T恤", price=Decimal("59.00"), num=5,
                extra=dict(KEYS if extra is None else extra), skus=skus or [],
                props_text=props_text, columns={"cid": "C"})
    if isinstance(category, int):
        p.cid = category
    else:
        p.category_text = str(category)
    return p


def test_a_category_by_name_or_path_becomes_its_leaf_and_its_properties_are_composed() -> None:
    products = [item("女装/女士精品 > T恤"), item("女士精品/T恤"), item(50000671)]
    texts, cids = needs_categories(products)
    assert (texts, cids) == (["女装/女士精品 > T恤", "女士精品/T恤"], [50000671])
    result = resolve_products(products, data([*texts, "50000671"]))
    assert result.issues == {}
    assert [p.cid for p in products] == [50000671] * 3
    assert all(p.props == "20000:9200003;122216347:3612408002" for p in products)
    assert result.claimed == set(KEYS)
    assert result.notes == []


def test_ambiguous_missing_and_parent_categories_are_errors_with_candidates() -> None:
    texts = ["T恤", "卫衣", "女装/女士精品"]
    ambiguous, missing, parent = (resolve_products([item(t)], data([t])).issues[2][0]
                                  for t in texts)
    assert ambiguous.code == "cid.ambiguous"
    assert "女装/女士精品 > T恤（50000671）" in ambiguous.message
    assert "男装 > T恤（50000436）" in ambiguous.message
    assert ambiguous.cell == "C2"
    assert missing.code == "cid.not_found"
    assert parent.code == "cid.not_leaf"
    assert all(i.is_error for i in (ambiguous, missing, parent))


def test_without_the_tree_a_name_is_a_check_not_made_offline_and_an_error_online() -> None:
    offline = resolve_products([item("连衣裙")], CategoryData(hint="运行 refresh"))
    [unchecked] = offline.issues[2]
    assert (unchecked.code, unchecked.severity) == ("cid.unchecked", Severity.WARNING)
    assert "运行 refresh" in unchecked.message
    assert any("第 2 行的类目名称没有核对" in n for n in offline.notes)
    online = resolve_products([item("连衣裙")], CategoryData(online=True))
    [blocked] = online.issues[2]
    assert (blocked.code, blocked.severity) == ("cid.needs_tree", Severity.ERROR)
    assert "taoshelf categories refresh" in blocked.message


def test_without_rules_what_was_not_checked_is_said_and_raw_ids_still_go() -> None:
    raw = item(50000671, extra={}, props_text="20000:9200003",
               skus=[Sku("1627207:28320", 5, Decimal("59.00"))])
    named = item(50000671, skus=[Sku("", 5, Decimal("59.00"), values={"颜色": "白色"}, row=2)])
    result = resolve_products([raw, named], data(["50000671"], rules=False))
    assert raw.props == "20000:9200003;1627207:28320"  # SKU pairs are added to props
    assert [i.code for i in result.issues[2]] == ["props.unchecked"]  # the named row only
    assert result.issues[2][0].severity is Severity.WARNING
    assert any("没有核对类目 50000671 的属性" in n and "（怎么办）" in n for n in result.notes)
    online = resolve_products([raw, named], data(["50000671"], rules=False, online=True))
    blocked = [i for i in online.issues[2] if i.is_error]
    assert [i.code for i in blocked] == ["props.no_rules"]
    assert "读取失败" in blocked[0].message


def test_online_a_row_with_property_columns_but_no_rules_is_blocked() -> None:
    p = item(50000671)  # the KEYS columns: only the leaf's rules say what they are
    result = resolve_products([p], data(["50000671"], rules=False, online=True))
    [blocked] = result.issues[2]
    assert blocked.code == "props.no_rules"
    assert "「品牌」列" in blocked.message


def test_resolving_again_gives_the_same_fields() -> None:
    p = item("女装/女士精品 > T恤", skus=[
        Sku("", 5, Decimal("59.00"), values={"颜色": "雾霾蓝", "尺码": "M"}, row=2)])
    p.skus[0].extra = p.extra
    first = resolve_products([p], data(["女装/女士精品 > T恤"]))
    fields = (p.cid, p.props, p.input_pids, p.input_str, p.input_custom_cpv,
              p.skus[0].properties)
    again = resolve_products([p], data(["女装/女士精品 > T恤"]))
    assert (p.cid, p.props, p.input_pids, p.input_str, p.input_custom_cpv,
            p.skus[0].properties) == fields
    assert fields[4] == "1627207:-1:雾霾蓝;"  # 50000671 allows custom sale values
    assert first.issues == again.issues
    resolve_products([p], CategoryData())  # then no data: nothing composed is left behind
    assert (p.cid, p.props, p.input_custom_cpv, p.skus[0].properties) == (None, None, None, "")


def test_a_generated_key_does_not_change_when_the_category_is_resolved() -> None:
    p = item("女装/女士精品 > T恤")
    p.outer_id = None
    assign_keys([p])
    before = p.generated_key
    resolve_products([p], data(["女装/女士精品 > T恤"]))
    assign_keys([p])
    assert p.generated_key == before


def test_resolving_again_with_changed_data_uses_the_new_data() -> None:
    """What a resolution looked up is kept with the rules it used (the window resolves the
    sheet again after each correction), never past them: rules read again with a new brand,
    a leaf that no longer allows custom colours, a path renamed are all seen at once."""
    def again(rules: CategoryRules, *, custom: bool = True, path: str = "女装/女士精品 > T恤"
              ) -> tuple[Product, list[str]]:
        p = item(50000671, extra={**KEYS, "品牌": "小鹿森林"}, skus=[
            Sku("", 5, Decimal("59.00"), values={"颜色": "雾霾蓝", "尺码": "M"}, row=2)])
        p.skus[0].extra = p.extra
        node = CategoryNode(50000671, 16, "T恤", False,
                            features={"udsaleprop": "1"} if custom else {})
        found = resolve_products([p], CategoryData(
            rules={rules.cid: rules}, nodes={50000671: node}, paths={50000671: path}))
        return p, [i.message for i in found.issues[2]]

    for _ in range(2):  # the second time from what the first looked up: the same
        p, said = again(TEE)
        assert (p.input_pids or "").startswith("20000,")  # 小鹿森林 typed: not in the list
        assert p.input_custom_cpv == "1627207:-1:雾霾蓝;"
        assert any("不在女装/女士精品 > T恤（50000671）的品牌列表里" in m for m in said)
    brand = replace(TEE.prop(20000), values=(  # type: ignore[type-var]
        *TEE.prop(20000).values, PropValue(9200009, "小鹿森林")))  # type: ignore[union-attr]
    read_again = replace(TEE, props=tuple(brand if q.pid == 20000 else q for q in TEE.props))
    p, said = again(read_again)
    assert "20000:9200009" in (p.props or "")
    assert not (p.input_pids or "").startswith("20000")
    p, said = again(read_again, custom=False)
    assert p.input_custom_cpv is None
    assert p.property_alias == "1627207:28320:雾霾蓝"  # an unused standard colour renamed
    p, said = again(TEE, path="女装 > T恤")
    assert any("不在女装 > T恤（50000671）的品牌列表里" in m for m in said)
