"""item.add's property, custom value and SKU checks (taobao-props.md §4, §8), the item centre's
rules written from the doc; nothing shared with app.catalog.

Called from ``items.item_add`` after the value rules (so ``num`` = SKU sum and ``price`` inside the
SKU range are already checked); returns the extra fields to store with the item.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from app.simulator import categories
from app.simulator.catprops import Prop, props_of
from app.simulator.descpics import check_desc_pictures
from app.simulator.errors import ApiError, invalid, isv
from app.simulator.rules import SkuSpec, optional

if TYPE_CHECKING:
    from app.simulator.methods.base import CallContext

PROPS_MAX_BYTES = 549
INPUT_STR_MAX_BYTES = 3999
ALIAS_MAX_CHARS = 800
SKU_PROPERTIES_MAX_BYTES = 512
SKU_OUTER_IDS_MAX_BYTES = 512
FORBIDDEN_INPUT = ("其他", "其它", "其她")
# Characters a custom sale value may hold besides letters and digits (a stand-in rule: the doc
# only says "special characters fail").
CUSTOM_NAME_EXTRA = set(" -_()（）/+.·#")

PROPS_ERROR = "isv.item-service-error:ITEM_PROPERTIES_ERROR"
SKU_NOT_IN_ITEM = "isv.item-service-error:IC_CHECKSTEP_SKU_PROP_NOT_FOUND_IN_ITEM"
NOT_IN_SKU_PRICE = "isv.item-service-error:IC_CHECKSTEP_ITME_NOT_IN_SKU_PRICE"
USERDEFINED = "isv.item-service-error:IC_CHECKSTEP_USERDEFINED_SKU_ERROR"
REQUIRED_MISSING = "类目必选属性未填写"
DUPLICATE_SKU = "宝贝销售属性出错（重复）"
NOT_CUSTOMISABLE = "属性值不允许自定义"
INPUT_ERROR = "“inputPropText”输入属性错误"

_PAIR_RE = re.compile(r"(\d+):(-?\d+)")
_CUSTOM_RE = re.compile(r"(\d+):(-\d+):(.*)", re.DOTALL)
_ALIAS_RE = re.compile(r"(\d+):(-?\d+):(.*)", re.DOTALL)


def props_error(text: str) -> ApiError:
    return isv(PROPS_ERROR, f"属性错误：{text}")


def _bytes(text: str) -> int:
    return len(text.encode("utf-8"))


@dataclass
class Leaf:
    """One leaf's props by pid, and what the call declared."""

    cid: int
    props: dict[int, Prop]
    custom: dict[tuple[int, int], str] = field(default_factory=dict)

    def prop(self, pid: int) -> Prop:
        prop = self.props.get(pid)
        if prop is None:
            raise props_error(f"类目 {self.cid} 没有属性 {pid}")
        return prop


def check_item_props(
    ctx: CallContext, cid: int, skus: Sequence[SkuSpec], price: Decimal,
) -> dict[str, str]:
    """Every §4 rule for this item; the fields to store (input_pids, aliases, custom values)."""
    p = ctx.params
    category = categories.get(cid)
    if category is not None and category.publishing_frozen:
        raise invalid("category-frozen", f"类目 {cid}（{category.name}）已被冻结，不能发布商品")
    _check_sizes(p)
    leaf = Leaf(cid, {prop.pid: prop for prop in props_of(cid)})
    stored: dict[str, str] = {}
    if (custom := optional(p, "input_custom_cpv")) is not None:
        leaf.custom = _custom_values(leaf, custom, category)
        stored["input_custom_cpv"] = custom
    pairs = _props(leaf, optional(p, "props") or "")
    typed = _typed(leaf, p, {pid for pid, _ in pairs})
    if typed:
        stored["input_pids"] = ",".join(str(pid) for pid in typed)
        stored["input_str"] = optional(p, "input_str") or ""
    _required(leaf, {pid for pid, _ in pairs} | set(typed))
    if (alias := optional(p, "property_alias")) is not None:
        _aliases(leaf, alias, pairs)
        stored["property_alias"] = alias
    _skus(leaf, skus, pairs)
    _in_stock_price(skus, price)
    check_desc_pictures(ctx)
    if (wireless := optional(p, "wireless_desc")) is not None:
        stored["wireless_desc"] = wireless
    return stored


def _check_sizes(p: Mapping[str, str]) -> None:
    limits = (("props", PROPS_MAX_BYTES), ("input_str", INPUT_STR_MAX_BYTES),
              ("sku_properties", SKU_PROPERTIES_MAX_BYTES),
              ("sku_outer_ids", SKU_OUTER_IDS_MAX_BYTES))
    for name, limit in limits:
        size = _bytes(optional(p, name) or "")
        if size > limit:
            raise invalid(name, f"{name} 长度为 {size} 字节，超过上限 {limit} 字节")
    alias = optional(p, "property_alias") or ""
    if len(alias) > ALIAS_MAX_CHARS:
        raise invalid("property_alias", f"属性别名 property_alias 长度为 {len(alias)} 个字符，"
                                        f"超过上限 {ALIAS_MAX_CHARS}")


def _custom_values(
    leaf: Leaf, text: str, category: categories.Category | None,
) -> dict[tuple[int, int], str]:
    """``pid:-n:名称;`` → {(pid, -n): 名称}; only in leaves with udsaleprop, only sale props."""
    if category is None or not category.custom_sale_values:
        raise invalid("input_custom_cpv",
                      f"{NOT_CUSTOMISABLE}：类目 {leaf.cid} 不允许自定义销售属性值")
    found: dict[tuple[int, int], str] = {}
    for entry in (e for e in text.split(";") if e.strip()):
        match = _CUSTOM_RE.fullmatch(entry.strip())
        if match is None:
            raise invalid("input_custom_cpv",
                          f"自定义属性值 input_custom_cpv“{entry}”格式错误，应为 pid:-n:名称")
        pid, vid, name = int(match.group(1)), int(match.group(2)), match.group(3).strip()
        prop = leaf.prop(pid)
        if not prop.is_sale_prop:
            raise invalid("input_custom_cpv",
                          f"{NOT_CUSTOMISABLE}：{prop.name}（{pid}）不是销售属性")
        bad = [ch for ch in name if not (ch.isalnum() or ch in CUSTOM_NAME_EXTRA)]
        if not name or bad:
            raise isv(USERDEFINED, f"自定义销售属性不能含有特殊字符：“{name}”")
        if (pid, vid) in found:
            raise invalid("input_custom_cpv", f"自定义属性值 {pid}:{vid} 重复")
        found[(pid, vid)] = name
    return found


def _props(leaf: Leaf, text: str) -> list[tuple[int, int]]:
    """Each ``pid:vid`` must be a listed value of that prop of the leaf, or a declared custom."""
    pairs: list[tuple[int, int]] = []
    for part in (x for x in text.split(";") if x.strip()):
        match = _PAIR_RE.fullmatch(part.strip())
        if match is None:
            raise invalid("props", f"属性 props“{text}”格式错误，应为 pid:vid;pid:vid")
        pair = (int(match.group(1)), int(match.group(2)))
        if pair not in pairs:
            pairs.append(pair)
    used: dict[int, int] = {}
    for pid, vid in pairs:
        prop = leaf.prop(pid)
        if not prop.is_enum_prop:
            raise props_error(f"{prop.name}（{pid}）需要填写文字，"
                              "请用 input_pids/input_str，不能放在 props 中")
        if vid < 0:
            if (pid, vid) not in leaf.custom:
                raise props_error(f"{pid}:{vid} 是自定义值，但 input_custom_cpv 中没有声明")
        else:
            value = prop.value(vid)
            if value is None or value.status != "normal":
                raise props_error(f"{prop.name}（{pid}）没有值 {vid}")
        used[pid] = used.get(pid, 0) + 1
        if used[pid] > 1 and not prop.multi:
            raise props_error(f"{prop.name}（{pid}）只能选一个值")
        if prop.parent_pid and (prop.parent_pid, prop.parent_vid) not in pairs:
            parent = f"{prop.parent_pid}:{prop.parent_vid}"
            raise props_error(f"{prop.name}（{pid}）是 {parent} 的子属性，父属性值没有填写")
    return pairs


def _typed(leaf: Leaf, p: Mapping[str, str], in_props: set[int]) -> list[int]:
    """``input_pids`` + ``input_str``: one typed value per pid, only where typing is allowed."""
    pids_text = optional(p, "input_pids")
    values_text = optional(p, "input_str")
    if pids_text is None and values_text is None:
        return []
    pids = [x.strip() for x in (pids_text or "").split(",")]
    values = [x.strip() for x in (values_text or "").split(",")]
    if len(pids) != len(values):
        raise invalid("input_str", f"{INPUT_ERROR}：input_pids 有 {len(pids)} 个属性，"
                                   f"input_str 有 {len(values)} 个值，必须一一对应")
    typed: list[int] = []
    for pid_text, value in zip(pids, values, strict=True):
        if not pid_text.isdigit():
            raise invalid("input_pids", f"{INPUT_ERROR}：input_pids“{pids_text}”应为逗号分隔的数字")
        pid = int(pid_text)
        prop = leaf.prop(pid)
        if not prop.typeable:
            raise invalid("input_pids", f"{NOT_CUSTOMISABLE}：{prop.name}（{pid}）只能选择列出的值")
        typed_value = value.rsplit(";", 1)[-1].strip()  # a sub-prop chain ends with the value
        if not typed_value or typed_value in FORBIDDEN_INPUT:
            raise invalid("input_str", f"{INPUT_ERROR}：{prop.name} 的值“{value}”无效"
                                       f"（不能为空，不能填写{'、'.join(FORBIDDEN_INPUT)}）")
        if pid in typed or pid in in_props:
            raise invalid("input_pids", f"{INPUT_ERROR}：{prop.name}（{pid}）重复填写")
        typed.append(pid)
    return typed


def _required(leaf: Leaf, given: set[int]) -> None:
    missing = [p for p in leaf.props.values() if p.must and not p.parent_pid and p.pid not in given]
    if missing:
        names = "、".join(f"{p.name}（{p.pid}）" for p in missing)
        raise invalid("props", f"{REQUIRED_MISSING}：{names}")


def _aliases(leaf: Leaf, text: str, pairs: list[tuple[int, int]]) -> None:
    for entry in (e for e in text.split(";") if e.strip()):
        match = _ALIAS_RE.fullmatch(entry.strip())
        if match is None or not match.group(3).strip():
            raise invalid("property_alias", f"属性别名“{entry}”格式错误，应为 pid:vid:别名")
        pid, vid = int(match.group(1)), int(match.group(2))
        prop = leaf.prop(pid)
        if not prop.is_allow_alias:
            raise invalid("property_alias", f"{prop.name}（{pid}）的值不允许设置别名")
        if (pid, vid) not in pairs:
            raise invalid("property_alias", f"别名对应的属性值 {pid}:{vid} 不在 props 中")


def _skus(leaf: Leaf, skus: Sequence[SkuSpec], pairs: list[tuple[int, int]]) -> None:
    seen: dict[frozenset[tuple[int, int]], str] = {}
    shape: frozenset[int] | None = None
    for sku in skus:
        combo: list[tuple[int, int]] = []
        for part in sku.properties.split(";"):
            match = _PAIR_RE.fullmatch(part.strip())
            if match is None:
                raise invalid("sku_properties", f"SKU 属性“{sku.properties}”格式错误")
            combo.append((int(match.group(1)), int(match.group(2))))
        for pid, vid in combo:
            if (pid, vid) not in pairs:
                raise isv(SKU_NOT_IN_ITEM, f"SKU 属性 {pid}:{vid} 不在商品属性 props 中")
            if not leaf.prop(pid).is_sale_prop:
                raise props_error(f"{leaf.prop(pid).name}（{pid}）不是销售属性，不能用于 SKU")
        pids = frozenset(pid for pid, _ in combo)
        if len(pids) != len(combo):
            raise props_error(f"SKU“{sku.properties}”中同一个销售属性出现了两次")
        if shape is not None and pids != shape:
            raise invalid("sku_properties", "每个 SKU 必须由同样的销售属性组成"
                                            f"（“{sku.properties}”与其他 SKU 不同）")
        shape = pids
        key = frozenset(combo)
        if key in seen:
            raise invalid("sku_properties",
                          f"{DUPLICATE_SKU}：“{seen[key]}”和“{sku.properties}”是同一个组合")
        seen[key] = sku.properties


def _in_stock_price(skus: Sequence[SkuSpec], price: Decimal) -> None:
    if not skus:
        return
    in_stock = [sku.price for sku in skus if sku.quantity > 0] or [sku.price for sku in skus]
    if price not in in_stock:
        prices = "、".join(sorted({f"{p:.2f}" for p in in_stock}))
        raise isv(NOT_IN_SKU_PRICE, f"一口价必须与有库存的宝贝规格价格一致：一口价 {price:.2f}，"
                                    f"有库存的规格价格为 {prices}")
