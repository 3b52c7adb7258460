from __future__ import annotations

from decimal import Decimal

import pytest

from app.simulator import rules
from app.simulator.errors import ApiError


def _error(func: object, *args: object) -> ApiError:
    with pytest.raises(ApiError) as info:
        func(*args)  # type: ignore[operator]
    return info.value


def test_text_bytes_counts_wide_characters_twice() -> None:
    assert rules.text_bytes("abc") == 3
    assert rules.text_bytes("纯棉T恤") == 7
    assert rules.text_bytes("ＡＢ") == 4  # full-width Latin


def test_title_limit() -> None:
    rules.check_title("纯" * 30)
    error = _error(rules.check_title, "纯" * 30 + "a")
    assert (error.code, error.sub_code) == (15, "isv.invalid-parameter:title")
    assert "61" in (error.sub_msg or "")


@pytest.mark.parametrize("word", rules.BANNED_WORDS)
def test_banned_words(word: str) -> None:
    error = _error(rules.check_title, f"好看{word}T恤")
    assert error.sub_code == "isv.forbidden-word:title"
    assert word in (error.sub_msg or "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0.01", Decimal("0.01")), ("99", Decimal("99.00")), ("99.5", Decimal("99.50")),
     ("100000000.00", Decimal("100000000.00")), ("1.500", Decimal("1.50"))],
)
def test_price_ok(text: str, expected: Decimal) -> None:
    assert rules.parse_price("price", text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [("0.001", 15), ("0", 15), ("-1", 15), ("100000000.01", 15), ("1e3", 41), ("abc", 41),
     ("", 41), ("1,000", 41)],
)
def test_price_refused(text: str, code: int) -> None:
    assert _error(rules.parse_price, "price", text).code == code


def test_num_range() -> None:
    assert rules.check_num("0") == 0
    assert rules.check_num("900000000") == 900000000
    assert _error(rules.check_num, "900000001").code == 15
    assert _error(rules.check_num, "1.5").code == 41


def test_leaf_cid() -> None:
    assert rules.check_leaf_cid("50000671") == 50000671
    assert "叶子" in (_error(rules.check_leaf_cid, "16").sub_msg or "")
    assert "不存在" in (_error(rules.check_leaf_cid, "1").sub_msg or "")


def test_outer_id_bytes() -> None:
    rules.check_outer_id("编" * 21 + "a")  # 64 bytes in UTF-8
    assert "65" in (_error(rules.check_outer_id, "编" * 21 + "ab").sub_msg or "")


def test_outer_id_boundary_21_vs_22_chinese_characters() -> None:
    """The same convention as app.catalog (written twice, never shared): UTF-8, 3 per 汉字."""
    assert rules.check_outer_id("编" * 21) == "编" * 21  # 63 bytes
    error = _error(rules.check_outer_id, "编" * 22)  # 66 bytes
    assert (error.code, error.sub_code) == (15, "isv.invalid-parameter:outer_id")
    assert "66" in (error.sub_msg or "")
    sku = {"sku_properties": "1:1", "sku_quantities": "1", "sku_prices": "1.00"}
    assert rules.parse_skus({**sku, "sku_outer_ids": "编" * 21})[0].outer_id == "编" * 21
    assert _error(rules.parse_skus, {**sku, "sku_outer_ids": "编" * 22}).sub_code == (
        "isv.invalid-parameter:outer_id")


def test_skus_parse_and_check() -> None:
    params = {"sku_properties": "1:1;2:2,1:1;2:3", "sku_quantities": "3,7",
              "sku_prices": "10.00,20.00", "sku_outer_ids": "A,B"}
    skus = rules.parse_skus(params)
    assert [(s.quantity, s.price, s.outer_id) for s in skus] == [
        (3, Decimal("10.00"), "A"), (7, Decimal("20.00"), "B")]
    rules.check_skus_against_item(skus, 10, Decimal("15.00"))
    assert _error(rules.check_skus_against_item, skus, 11, Decimal("15.00")).sub_code == (
        "isv.invalid-parameter:num")
    assert _error(rules.check_skus_against_item, skus, 10, Decimal("25.00")).sub_code == (
        "isv.invalid-parameter:price")
    assert rules.parse_skus({}) == []
    misaligned = {**params, "sku_quantities": "3"}
    assert _error(rules.parse_skus, misaligned).sub_code == "isv.invalid-parameter:sku_properties"


@pytest.mark.parametrize("props", ["1:1;2:2,1:1;2:2", "1:1;2:2,2:2;1:1", "1:1,1:2,1:1"])
def test_duplicate_sku_properties_get_taobaos_message(props: str) -> None:
    """taobao-props.md §8: the item centre answers 宝贝销售属性出错（重复）, also when the same
    pairs come in another order."""
    n = len(props.split(","))
    params = {"sku_properties": props, "sku_quantities": ",".join(["1"] * n),
              "sku_prices": ",".join(["1.00"] * n)}
    error = _error(rules.parse_skus, params)
    assert (error.code, error.sub_code) == (15, "isv.invalid-parameter:sku_properties")
    assert (error.sub_msg or "").startswith("宝贝销售属性出错（重复）")


def test_props_limit() -> None:
    rules.check_props(";".join(f"{i}:{i}" for i in range(35)))
    assert _error(rules.check_props, ";".join(f"{i}:{i}" for i in range(36))).code == 15


def test_freight() -> None:
    assert rules.check_freight({}) == {}
    assert rules.check_freight({"freight_payer": "buyer", "postage_id": "123"}) == {
        "freight_payer": "buyer", "postage_id": "123"}
    assert rules.check_freight({"freight_payer": "buyer", "post_fee": "0"})["post_fee"] == "0"
    assert _error(rules.check_freight, {"freight_payer": "buyer"}).code == 15
