"""The named listing settings (``taoshelf settings set KEY VALUE``) and every validator.

One table, `KEYS`: a key's Chinese label, what it accepts, how it is shown and how a typed value
is read into `ShopSettings`. The validators (`check_rate`, `check_workers`, `parse_location`,
`check_settings`) are the only ones: ``taoshelf upload`` checks ``--rate``/``--workers`` with
them and the window's dialog saves through `app.settings_store.save`, which calls
`check_settings`. Errors are `ValueError` with a Chinese message.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from app.catalog.pricing import Ending, PricingRule
from app.catalog.settings import APPROVE_STATUSES, FREIGHT_PAYERS, ITEM_TYPES, STUFF_STATUSES
from app.settings_model import RunSettings, ShopSettings

STUFF_NAMES = {"new": "全新", "second": "二手"}
TYPE_NAMES = {"fixed": "一口价", "auction": "拍卖"}
APPROVE_NAMES = {"onsale": "出售中（立即上架）", "instock": "仓库中（先不上架）"}
PUBLISHER_NAMES = {"auto": "自动（有 taobao.item.add 权限时用它，没有时自动改用新版发布接口）",
                   "item.add": "taobao.item.add", "schema": "新版发布接口（alibaba.item.publish）"}
FREIGHT_NAMES = {"": "不设置（按表格或淘宝默认）", "seller": "卖家承担", "buyer": "买家承担"}
ENDING_NAMES = {
    Ending.EXACT: "精确到分",
    Ending.ZERO: "整数（如 130.00）",
    Ending.NINETY: "以 .90 结尾（如 129.90）",
    Ending.NINETY_NINE: "以 .99 结尾（如 129.99）",
}
MAX_MARKUP = Decimal(1000)
MAX_WORKERS = 32
_TRUE = {"on", "yes", "true", "1", "是", "开", "开启", "打开"}
_FALSE = {"off", "no", "false", "0", "否", "关", "关闭"}
_ALIASES = {
    "全新": "new", "二手": "second", "一口价": "fixed", "拍卖": "auction",
    "出售中": "onsale", "上架": "onsale", "立即上架": "onsale",
    "仓库中": "instock", "仓库": "instock", "放入仓库": "instock",
    "卖家": "seller", "卖家承担": "seller", "包邮": "seller", "买家": "buyer", "买家承担": "buyer",
    "精确到分": "exact", "整数": ".00", "0.00": ".00", "0.90": ".90", "0.99": ".99",
    "00": ".00", "90": ".90", "99": ".99",
    "自动": "auto", "新版": "schema", "新版发布接口": "schema", "alibaba.item.publish": "schema",
    "taobao.item.add": "item.add", "item_add": "item.add", "itemadd": "item.add",
}


# -- validators (shared with the CLI flags and the window) -------------------------------------


def check_rate(value: float, option: str | None = None) -> float:
    """Calls per second: > 0. A saved setting must be finite; a command-line ``option`` may
    also be ``inf`` (no pacing: the server's bans are still obeyed)."""
    if option is not None:
        if math.isnan(value) or value <= 0:
            raise ValueError(f"{option} 是每秒调用次数，必须大于 0（例如 {option} 2）；"
                             f"不限速请写 {option} inf。")
        return value
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"每秒调用次数必须是大于 0 的数字（例如 2），不能是“{value:g}”。")
    return value


def check_workers(value: int, option: str | None = None) -> int:
    """Products uploaded at the same time: at least 1 (at most `MAX_WORKERS` when saved)."""
    if option is not None:
        if value < 1:
            raise ValueError(f"{option} 是同时上架的数量，至少为 1（默认 4）。")
        return value
    if not 1 <= value <= MAX_WORKERS:
        raise ValueError(f"同时上架的数量必须在 1 到 {MAX_WORKERS} 之间（默认 4），"
                         f"不能是 {value}。")
    return value


def parse_location(text: str) -> tuple[str, str]:
    """``"浙江/杭州"`` → ("浙江", "杭州"); ValueError unless it is 省/市."""
    value = unicodedata.normalize("NFKC", text).strip()
    for sep in ("／", "\\", "，", ",", " "):
        value = value.replace(sep, "/")
    parts = [p.strip() for p in value.split("/") if p.strip()]
    if len(parts) != 2 or any(len(p) > 20 or p.isdigit() for p in parts):
        raise ValueError(f"所在地“{text.strip()[:40]}”应写成“省/市”，例如 浙江/杭州。")
    return parts[0], parts[1]


def parse_bool(text: str, label: str) -> bool:
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"{label}只能是 开 或 关（on / off），不能是“{text.strip()[:20]}”。")


def parse_choice(text: str, label: str, names: dict[str, str]) -> str:
    value = unicodedata.normalize("NFKC", text).strip()
    value = _ALIASES.get(value, value.lower())
    if value in names:
        return value
    allowed = "、".join(f"{key}（{name}）" if key else name for key, name in names.items())
    raise ValueError(f"{label}“{text.strip()[:20]}”无效，只能是：{allowed}。")


def parse_money(text: str, label: str, *, allow_empty: bool = True) -> str:
    """A yuan amount ≥ 0 with at most two decimals, as text ("" when cleared)."""
    value = unicodedata.normalize("NFKC", text).strip().removeprefix("¥").removesuffix("元")
    if not value and allow_empty:
        return ""
    try:
        amount = Decimal(value)
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite() or amount < 0 or amount > 100_000_000:
        raise ValueError(f"{label}应是 0 或更大的金额（元），例如 8 或 8.50。")
    if -amount.as_tuple().exponent > 2:  # type: ignore[operator]
        raise ValueError(f"{label} {value} 有超过 2 位小数：淘宝只接受到分，例如 8.50。")
    return str(amount)


def _decimal(text: str, label: str, low: Decimal, high: Decimal) -> Decimal:
    value = unicodedata.normalize("NFKC", text).strip().removesuffix("%").removesuffix("元")
    try:
        number = Decimal(value)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or not low <= number <= high:
        raise ValueError(f"{label}应是 {low} 到 {high} 之间的数字，不能是“{text.strip()[:20]}”。")
    if -number.as_tuple().exponent > 2:  # type: ignore[operator]
        raise ValueError(f"{label}最多 2 位小数。")
    return number


def check_settings(settings: ShopSettings) -> ShopSettings:
    """Every value usable (the dialog's fields are checked here too); ValueError otherwise."""
    d = settings.listing
    if bool(d.location_state) != bool(d.location_city):
        raise ValueError("默认所在地要同时填写省和市，例如 浙江/杭州。")
    for value, allowed, label in (
        (d.stuff_status, STUFF_STATUSES, "新旧程度"), (d.type, ITEM_TYPES, "出售方式"),
        (d.approve_status, APPROVE_STATUSES, "上架状态"),
    ):
        if value not in allowed:
            raise ValueError(f"{label}“{value}”无效。")
    if d.freight_payer and d.freight_payer not in FREIGHT_PAYERS:
        raise ValueError(f"运费承担“{d.freight_payer}”无效，只能是卖家承担或买家承担。")
    if d.postage_id and not d.postage_id.isdigit():
        raise ValueError(f"运费模板ID“{d.postage_id}”应是一串数字（在千牛“运费模板”里查看）。")
    parse_money(d.express_fee, "快递费")
    if d.freight_payer == "buyer" and not (d.postage_id or d.express_fee):
        raise ValueError("买家承担运费时，请填写运费模板ID或快递费（否则淘宝会拒绝发布）。")
    rule = settings.pricing
    if rule is not None and not (
        0 <= rule.markup_percent <= MAX_MARKUP and 0 <= rule.add <= 100_000
    ):
        raise ValueError(f"加价百分比应在 0–{MAX_MARKUP}，加价金额应在 0–100000 元之间。")
    if settings.publisher not in PUBLISHER_NAMES:
        raise ValueError(f"发布方式“{settings.publisher}”无效。")
    if settings.run.rate is not None:
        check_rate(settings.run.rate)
    check_workers(settings.run.workers)
    return settings


# -- the named keys ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    name: str
    label: str
    accepts: str  # what may be typed, in Chinese
    show: Callable[[ShopSettings, str], str]  # (settings, env) -> text
    apply: Callable[[ShopSettings, str], ShopSettings]  # typed text -> new settings
    per_env: bool = False  # saved per shop + environment


def _listing(s: ShopSettings, **changes: str) -> ShopSettings:
    return replace(s, listing=replace(s.listing, **changes))


def _rule(s: ShopSettings, **changes: object) -> ShopSettings:
    return replace(s, pricing=replace(s.pricing or PricingRule(), **changes))


def _run(s: ShopSettings, **changes: object) -> ShopSettings:
    return replace(s, run=replace(s.run, **changes))


def _onoff(value: bool) -> str:
    return "开" if value else "关"


def _location(s: ShopSettings, text: str) -> ShopSettings:
    if not text.strip():
        return _listing(s, location_state="", location_city="")
    state, city = parse_location(text)
    return _listing(s, location_state=state, location_city=city)


def _rate(s: ShopSettings, text: str) -> ShopSettings:
    if text.strip().lower() in ("", "default", "默认"):
        return _run(s, rate=None)
    try:
        value = float(unicodedata.normalize("NFKC", text).strip())
    except ValueError:
        value = math.nan
    return _run(s, rate=check_rate(value))


def _workers(s: ShopSettings, text: str) -> ShopSettings:
    try:
        value = int(unicodedata.normalize("NFKC", text).strip())
    except ValueError:
        raise ValueError(f"同时上架的数量应是整数（1 到 {MAX_WORKERS}），不能是“{text[:20]}”。"
                         ) from None
    return _run(s, workers=check_workers(value))


def _postage(s: ShopSettings, text: str) -> ShopSettings:
    value = unicodedata.normalize("NFKC", text).strip()
    if value and not value.isdigit():
        raise ValueError(f"运费模板ID“{value[:20]}”应是一串数字（在千牛“运费模板”里查看）。")
    return _listing(s, postage_id=value)


def _rate_text(s: ShopSettings, env: str) -> str:
    value = s.rate_for(env)
    return f"{value:g}" + ("（默认）" if s.run.rate is None else "")


def _publisher_text(s: ShopSettings, env: str) -> str:
    if s.publisher == "auto" and s.run.switched_at:
        return "自动（此应用没有 taobao.item.add 权限，已改用新版发布接口）"
    return PUBLISHER_NAMES[s.publisher].split("（有")[0]


def _price(s: ShopSettings) -> PricingRule | None:
    return s.pricing


KEYS: tuple[Key, ...] = (
    Key("location", "默认所在地", "省/市，如 浙江/杭州；留空 = 不设置",
        lambda s, e: f"{s.listing.location_state}/{s.listing.location_city}"
        if s.listing.location_state else "未设置", _location),
    Key("stuff_status", "新旧程度", "new 全新 / second 二手",
        lambda s, e: STUFF_NAMES.get(s.listing.stuff_status, s.listing.stuff_status),
        lambda s, t: _listing(s, stuff_status=parse_choice(t, "新旧程度", STUFF_NAMES))),
    Key("item_type", "出售方式", "fixed 一口价 / auction 拍卖",
        lambda s, e: TYPE_NAMES.get(s.listing.type, s.listing.type),
        lambda s, t: _listing(s, type=parse_choice(t, "出售方式", TYPE_NAMES))),
    Key("approve_status", "上架后状态", "onsale 出售中 / instock 仓库中",
        lambda s, e: APPROVE_NAMES.get(s.listing.approve_status, s.listing.approve_status),
        lambda s, t: _listing(s, approve_status=parse_choice(t, "上架后状态", APPROVE_NAMES))),
    Key("freight_payer", "运费承担", "seller 卖家承担 / buyer 买家承担；留空 = 不设置",
        lambda s, e: FREIGHT_NAMES.get(s.listing.freight_payer, s.listing.freight_payer),
        lambda s, t: _listing(s, freight_payer=parse_choice(t, "运费承担", FREIGHT_NAMES)
                              if t.strip() else "")),
    Key("postage_id", "运费模板ID", "数字；留空 = 不设置",
        lambda s, e: s.listing.postage_id or "未设置", _postage),
    Key("express_fee", "快递费（元）", "金额，如 8 或 8.50；留空 = 不设置",
        lambda s, e: s.listing.express_fee or "未设置",
        lambda s, t: _listing(s, express_fee=parse_money(t, "快递费"))),
    Key("desc", "默认描述", "文字（表格里没有描述时使用）；留空 = 不设置",
        lambda s, e: s.listing.desc or "未设置", lambda s, t: _listing(s, desc=t.strip())),
    Key("pricing", "按成本价计算一口价", "开 / 关",
        lambda s, e: _onoff(s.pricing is not None),
        lambda s, t: replace(s, pricing=(s.pricing or PricingRule())
                             if parse_bool(t, "按成本价计算一口价") else None)),
    Key("markup", "加价百分比", "0 到 1000，如 30 表示成本 × 1.3",
        lambda s, e: f"{_price(s).markup_percent if _price(s) else 0}%",
        lambda s, t: _rule(s, markup_percent=_decimal(t, "加价百分比", Decimal(0), MAX_MARKUP))),
    Key("add", "再加金额（元）", "0 到 100000",
        lambda s, e: f"{_price(s).add if _price(s) else 0}",
        lambda s, t: _rule(s, add=_decimal(t, "再加金额", Decimal(0), Decimal(100_000)))),
    Key("rounding", "价格尾数", "exact 精确到分 / .00 / .90 / .99",
        lambda s, e: ENDING_NAMES[_price(s).ending if _price(s) else Ending.EXACT],
        lambda s, t: _rule(s, ending=Ending(parse_choice(
            t, "价格尾数", {e.value: n for e, n in ENDING_NAMES.items()})))),
    Key("price_override", "表格已有价格也按成本价重算", "开 / 关",
        lambda s, e: _onoff(bool(_price(s) and _price(s).override)),
        lambda s, t: _rule(s, override=parse_bool(t, "表格已有价格也按成本价重算"))),
    Key("auto_fix", "自动修正图片", "开 / 关（转正、转格式、压缩到 3 MB 以内）",
        lambda s, e: _onoff(s.auto_fix),
        lambda s, t: replace(s, auto_fix=parse_bool(t, "自动修正图片"))),
    Key("pad_square", "图片补白成正方形", "开 / 关",
        lambda s, e: _onoff(s.pad_to_square),
        lambda s, t: replace(s, pad_to_square=parse_bool(t, "图片补白成正方形"))),
    Key("publisher", "发布方式", "auto 自动 / item.add / schema 新版发布接口",
        _publisher_text,
        lambda s, t: replace(s, publisher=parse_choice(t, "发布方式", PUBLISHER_NAMES))),
    Key("rate", "每秒调用次数", "大于 0 的数字；default = 按环境默认", _rate_text, _rate,
        per_env=True),
    Key("workers", "同时上架的数量", f"1 到 {MAX_WORKERS}", lambda s, e: str(s.run.workers),
        _workers, per_env=True),
    Key("wait_for_quota", "额度用完后等待恢复再继续", "开 / 关",
        lambda s, e: _onoff(s.run.wait_for_quota),
        lambda s, t: _run(s, wait_for_quota=parse_bool(t, "额度用完后等待恢复再继续")),
        per_env=True),
)
BY_NAME = {key.name: key for key in KEYS}


def set_value(settings: ShopSettings, name: str, text: str) -> ShopSettings:
    """``settings`` with one named value changed (checked); ValueError (Chinese) otherwise."""
    key = BY_NAME.get(name.strip().lower())
    if key is None:
        raise ValueError(f"没有名为“{name[:30]}”的设置。可用的设置：{'、'.join(BY_NAME)}。")
    return check_settings(key.apply(settings, text))


__all__ = ["BY_NAME", "KEYS", "Key", "RunSettings", "check_rate", "check_settings",
           "check_workers", "parse_location", "set_value"]
