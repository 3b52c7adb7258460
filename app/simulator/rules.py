"""The item service's value rules (Taobao's, written from taobao-api.md; not shared with catalog).

Type errors found by the gateway are code 41; values the item service refuses are code 15 with
an ``isv.*`` sub_code. Every sub_msg is Chinese and names the value and the limit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from app.simulator import categories
from app.simulator.errors import ApiError, bad_type, invalid, isv, missing

TITLE_MAX_BYTES = 60
DESC_MIN, DESC_MAX = 5, 25000
PRICE_MIN, PRICE_MAX = Decimal("0.01"), Decimal("100000000.00")
NUM_MAX = 900_000_000
OUTER_ID_MAX_BYTES = 64
SELL_POINT_MAX = 150
PROPS_MAX_PAIRS = 35
# Words the advertising law forbids in titles (a sample of the real list).
BANNED_WORDS: tuple[str, ...] = ("最便宜", "国家级", "第一", "最高级", "全网最低", "最佳")

_INT_RE = re.compile(r"-?\d+")
_NUMBER_RE = re.compile(r"-?\d+(\.\d+)?")
_PAIR_RE = re.compile(r"\d+:-?\d+")


def text_bytes(text: str) -> int:
    """Taobao's title length: ASCII counts 1, every other (full-width, Chinese) character 2."""
    return sum(1 if ord(ch) < 0x80 else 2 for ch in text)


def required(params: Mapping[str, str], name: str) -> str:
    """The value of a required parameter, or code 40 if absent or blank."""
    value = params.get(name, "")
    if not value.strip():
        raise missing(name)
    return value.strip()


def optional(params: Mapping[str, str], name: str) -> str | None:
    value = params.get(name, "")
    return value.strip() or None


def parse_int(name: str, value: str) -> int:
    """Integer type check (code 41)."""
    if not _INT_RE.fullmatch(value.strip()):
        raise bad_type(name, f"参数 {name} 必须是整数，收到“{value}”")
    return int(value)


def parse_price(name: str, value: str) -> Decimal:
    """A price: a number (41), 0.01–100000000.00 with at most two decimals (15)."""
    text = value.strip()
    try:
        if not _NUMBER_RE.fullmatch(text):
            raise InvalidOperation
        price = Decimal(text)
    except InvalidOperation as exc:
        raise bad_type(name, f"参数 {name} 必须是数字，收到“{value}”") from exc
    exponent = price.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and price != price.quantize(Decimal("0.01")):
        raise invalid(name, f"价格 {text} 最多只能有两位小数")
    if not PRICE_MIN <= price <= PRICE_MAX:
        raise invalid(name, f"价格 {text} 超出范围：必须在 0.01 到 100000000.00 元之间")
    return price.quantize(Decimal("0.01"))


def check_num(value: str, name: str = "num") -> int:
    num = parse_int(name, value)
    if not 0 <= num <= NUM_MAX:
        raise invalid(name, f"数量 {num} 超出范围：必须在 0 到 {NUM_MAX} 之间")
    return num


def check_title(title: str) -> None:
    length = text_bytes(title)
    if length > TITLE_MAX_BYTES:
        raise invalid(
            "title",
            f"宝贝标题“{title}”长度为 {length} 字节，超过上限 {TITLE_MAX_BYTES} 字节"
            "（一个汉字算 2 个字节，最多 30 个汉字）",
        )
    check_banned("title", title)


def check_banned(field: str, text: str) -> None:
    for word in BANNED_WORDS:
        if word in text:
            raise isv(f"isv.forbidden-word:{field}", f"{field} 含有违禁词“{word}”，请删除后再发布")


def check_desc(desc: str) -> None:
    if not DESC_MIN <= len(desc) <= DESC_MAX:
        raise invalid(
            "desc",
            f"宝贝描述长度为 {len(desc)} 个字符，必须在 {DESC_MIN} 到 {DESC_MAX} 个字符之间",
        )


def check_choice(name: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise invalid(name, f"参数 {name} 的值“{value}”无效，只能是 {' / '.join(allowed)}")
    return value


def check_leaf_cid(value: str) -> int:
    cid = parse_int("cid", value)
    category = categories.get(cid)
    if category is None:
        raise invalid("cid", f"类目 {cid} 不存在")
    if category.is_parent:
        raise invalid("cid", f"类目 {cid}（{category.name}）不是叶子类目，请选择最末级类目")
    return cid


def check_outer_id(value: str) -> str:
    length = len(value.encode("utf-8"))
    if length > OUTER_ID_MAX_BYTES:
        raise invalid(
            "outer_id",
            f"商家编码 {value} 长度为 {length} 字节，超过上限 {OUTER_ID_MAX_BYTES} 字节",
        )
    return value


def check_props(value: str) -> str:
    pairs = [pair for pair in value.strip(";").split(";") if pair]
    if any(not _PAIR_RE.fullmatch(pair) for pair in pairs):
        raise invalid("props", f"属性 props“{value}”格式错误，应为 pid:vid;pid:vid")
    if len(pairs) > PROPS_MAX_PAIRS:
        raise invalid("props", f"属性 props 有 {len(pairs)} 对，最多 {PROPS_MAX_PAIRS} 对")
    return value


def check_sell_point(value: str) -> str:
    if len(value) > SELL_POINT_MAX:
        raise invalid("sell_point", f"卖点长度为 {len(value)} 个字符，超过上限 {SELL_POINT_MAX}")
    check_banned("sell_point", value)
    return value


@dataclass(frozen=True)
class SkuSpec:
    properties: str
    quantity: int
    price: Decimal
    outer_id: str | None


def parse_skus(params: Mapping[str, str]) -> list[SkuSpec]:
    """The aligned comma-separated ``sku_*`` lists as SKUs (empty when none were sent)."""
    props = optional(params, "sku_properties")
    quantities = optional(params, "sku_quantities")
    prices = optional(params, "sku_prices")
    outer_ids = optional(params, "sku_outer_ids")
    if not (props or quantities or prices or outer_ids):
        return []
    for name, value in (("sku_properties", props), ("sku_quantities", quantities),
                        ("sku_prices", prices)):
        if value is None:
            raise invalid(name, f"设置了 SKU 但缺少 {name}：sku_properties、sku_quantities、"
                                "sku_prices 必须同时提供")
    assert props is not None
    assert quantities is not None
    assert prices is not None
    prop_list = props.split(",")
    qty_list = quantities.split(",")
    price_list = prices.split(",")
    outer_list: list[str | None] = (
        list(outer_ids.split(",")) if outer_ids else [None] * len(prop_list)
    )
    counts = {len(prop_list), len(qty_list), len(price_list), len(outer_list)}
    if len(counts) != 1:
        raise invalid(
            "sku_properties",
            f"SKU 列表长度不一致：sku_properties {len(prop_list)} 个，sku_quantities "
            f"{len(qty_list)} 个，sku_prices {len(price_list)} 个"
            + (f"，sku_outer_ids {len(outer_list)} 个" if outer_ids else ""),
        )
    skus: list[SkuSpec] = []
    seen: set[str] = set()
    for raw_prop, qty, price, outer in zip(
        prop_list, qty_list, price_list, outer_list, strict=True,
    ):
        prop = raw_prop.strip()
        if not prop or any(not _PAIR_RE.fullmatch(p) for p in prop.split(";")):
            raise invalid("sku_properties", f"SKU 属性“{prop}”格式错误，应为 pid:vid;pid:vid")
        combination = ";".join(sorted(prop.split(";")))  # the same pairs in any order
        if combination in seen:
            raise invalid("sku_properties",
                          f"宝贝销售属性出错（重复）：SKU 属性“{prop}”出现了不止一次")
        seen.add(combination)
        sku_outer = outer.strip() if outer else None
        if sku_outer:
            check_outer_id(sku_outer)
        skus.append(SkuSpec(prop, check_num(qty, "sku_quantities"),
                            parse_price("sku_prices", price), sku_outer or None))
    return skus


def check_skus_against_item(skus: list[SkuSpec], num: int, price: Decimal) -> None:
    """With SKUs: num equals the SKU quantity sum and price lies in the SKU price range."""
    if not skus:
        return
    total = sum(sku.quantity for sku in skus)
    if total != num:
        raise invalid("num", f"商品数量 num={num} 必须等于各 SKU 数量之和 {total}")
    low = min(sku.price for sku in skus)
    high = max(sku.price for sku in skus)
    if not low <= price <= high:
        raise invalid("price", f"商品价格 {price} 必须在 SKU 价格范围 {low} 到 {high} 之间")


def check_freight(params: Mapping[str, str]) -> dict[str, str]:
    """``freight_payer`` seller|buyer; a buyer-paid item needs a template or fees."""
    payer = optional(params, "freight_payer")
    extra: dict[str, str] = {}
    if payer is None:
        return extra
    check_choice("freight_payer", payer, ("seller", "buyer"))
    extra["freight_payer"] = payer
    fees = {name: optional(params, name) for name in
            ("postage_id", "post_fee", "express_fee", "ems_fee")}
    if payer == "buyer" and not any(fees.values()):
        raise invalid(
            "freight_payer",
            "买家承担运费时必须提供 postage_id（运费模板）或 post_fee/express_fee/ems_fee",
        )
    for name, value in fees.items():
        if value is None:
            continue
        if name == "postage_id":
            parse_int(name, value)
        elif value not in ("0", "0.0", "0.00"):
            parse_price(name, value)
        extra[name] = value
    return extra


def not_found(num_iid: int) -> ApiError:
    return isv("isv.item-not-exist", f"商品 {num_iid} 不存在或不属于当前店铺")
