"""Validation rules: every Taobao limit a row can break, as pure functions returning `Issue`s.

`validate` is the entry point: the per-row rules (`check_product`), then the rules across rows
(duplicates). The reader's own findings stay in ``Product.cell_issues`` (not repeated here);
`row_issues` gives both for one row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from app.catalog import limits as lim
from app.catalog.checks import check_num, check_price
from app.catalog.description import description_issues
from app.catalog.model import Issue, Product, Severity
from app.catalog.perf import gc_paused
from app.catalog.rules_sku import check_skus
from app.catalog.settings import (
    APPROVE_STATUSES,
    FREIGHT_PAYERS,
    ITEM_TYPES,
    STUFF_STATUSES,
    ListingDefaults,
)
from app.catalog.text import (
    astral_chars,
    has_astral,
    shorten,
    taobao_bytes,
    utf8_bytes,
    words_in,
)

E = Severity.ERROR
_PROPS = re.compile(r"[^;:]+:[^;:]+(?:;[^;:]+:[^;:]+)*;?")
W = Severity.WARNING


def _issue(severity: Severity, field: str, code: str, message: str) -> Issue:
    return Issue(severity, field, code, message)


def _title(p: Product, d: ListingDefaults) -> list[Issue]:
    title = p.title
    if not title:
        return [_issue(E, "title", "title.missing", "标题为空：每个宝贝都要有标题")]
    out: list[Issue] = []
    size = taobao_bytes(title)
    if size > lim.TITLE_MAX_BYTES:
        out.append(_issue(E, "title", "title.too_long",
                          f"标题 {size} 字节，超过 {lim.TITLE_MAX_BYTES} 字节上限"
                          f"（约 {lim.TITLE_MAX_BYTES // 2} 个汉字）：「{shorten(title)}」"))
    if has_astral(title):
        out.append(_issue(W, "title", "title.emoji",
                          f"标题含表情或生僻字符「{astral_chars(title)[:5]}」，淘宝可能拒收，建议删除"))
    banned = words_in(title, lim.ABSOLUTE_WORDS)
    if banned:
        shown = "、".join(f"「{w}」" for w in banned)
        out.append(_issue(W, "title", "title.absolute_word",
                          f"标题含广告法禁用的极限词{shown}：淘宝会过滤或拒绝这样的标题，建议改掉"))
    return out


def _desc(p: Product, d: ListingDefaults) -> list[Issue]:
    if p.detail_images:  # the final HTML (text paragraphs + pictures) is what counts
        return description_issues(p)
    desc = p.desc or d.desc
    if not desc:
        return [_issue(E, "desc", "desc.missing",
                       f"描述为空：淘宝要求 {lim.DESC_MIN_CHARS}–{lim.DESC_MAX_CHARS} "
                       "个字的宝贝描述")]
    n = len(desc)
    if n < lim.DESC_MIN_CHARS:
        return [_issue(E, "desc", "desc.too_short",
                       f"描述只有 {n} 个字，至少要 {lim.DESC_MIN_CHARS} 个字")]
    if n > lim.DESC_MAX_CHARS:
        return [_issue(E, "desc", "desc.too_long",
                       f"描述 {n} 个字，超过 {lim.DESC_MAX_CHARS} 字上限")]
    return []


def _price(p: Product, d: ListingDefaults) -> list[Issue]:
    if p.price is None:
        if any(i.field == "price" for i in p.cell_issues):
            return []  # the reader already said what is wrong with the cell
        return [_issue(E, "price", "price.missing",
                       "价格为空：请填写一口价（或设置成本价加价规则）")]
    out = check_price(p.price)
    if p.price_computed and not out:
        out.append(_issue(W, "price", "price.computed",
                          f"价格 {p.price} 由成本价 {p.cost} 按加价规则算出，请确认"))
    return out


def _num(p: Product, d: ListingDefaults) -> list[Issue]:
    if p.num is None:
        if any(i.field == "num" for i in p.cell_issues):
            return []
        return [_issue(E, "num", "num.missing", "库存为空：请填写数量（0–900000000）")]
    return check_num(p.num)


def _cid(p: Product, d: ListingDefaults) -> list[Issue]:
    if p.cid is None:
        if any(i.field == "cid" for i in p.cell_issues) or p.category_text:
            return []  # the reader said, or a 类目 name the resolution step reports on
        return [_issue(E, "cid", "cid.missing",
                       "类目为空：请填写叶子类目的 ID、名称或路径（如 女装/女士精品 > 连衣裙）")]
    if p.cid <= 0:
        return [_issue(E, "cid", "cid.invalid", f"类目ID {p.cid} 不是有效的类目编号")]
    return []


def _outer_id(p: Product, d: ListingDefaults) -> list[Issue]:
    oid = p.outer_id
    if not oid:
        key = f"，将使用自动生成的编码 {p.generated_key}" if p.generated_key else ""
        return [_issue(W, "outer_id", "outer_id.missing",
                       f"没有商家编码{key}；建议填写：重新上传时靠它避免重复上架"
                       "（没有它时，改过标题或类目的行需要你确认后才会再上传）")]
    out: list[Issue] = []
    size = utf8_bytes(oid)
    if size > lim.OUTER_ID_MAX_BYTES:
        out.append(_issue(E, "outer_id", "outer_id.too_long",
                          f"商家编码 {size} 字节，超过 {lim.OUTER_ID_MAX_BYTES} 字节上限"
                          f"（一个汉字算 3 字节，最多 {lim.OUTER_ID_MAX_BYTES // 3} 个汉字）："
                          f"「{shorten(oid)}」"))
    if "," in oid:  # the one comma rule: the upload plan blocks on it, never looks such a key up
        where = f"{p.cell('outer_id')} " if p.cell("outer_id") else ""
        out.append(_issue(E, "outer_id", "outer_id.comma",
                          f"{where}商家编码「{shorten(oid)}」含英文逗号，请去掉"
                          "（淘宝按逗号分隔商家编码，这个编码无法核对是否已上架）"))
    return out


def _choice(field: str, label: str, allowed: Sequence[str], shown: str, *,
            required: bool) -> Callable[[Product, ListingDefaults], list[Issue]]:
    def rule(p: Product, d: ListingDefaults) -> list[Issue]:
        attr = field
        value = getattr(p, attr) or getattr(d, attr, "")
        if not value:
            if not required:
                return []
            return [_issue(E, field, f"{field}.missing",
                           f"{label}为空，也没有设置默认值：请填写{shown}")]
        if value not in allowed:
            return [_issue(E, field, f"{field}.invalid",
                           f"{label}「{shorten(value)}」无效，只能是{shown}")]
        return []
    return rule


def _location(field: str, attr: str, label: str, example: str
              ) -> Callable[[Product, ListingDefaults], list[Issue]]:
    def rule(p: Product, d: ListingDefaults) -> list[Issue]:
        if getattr(p, attr) or getattr(d, attr):
            return []
        return [_issue(E, field, f"{field}.missing",
                       f"{label}为空，也没有设置默认所在地：请填写{label}（例如「{example}」）")]
    return rule


def _props(p: Product, d: ListingDefaults) -> list[Issue]:
    if not p.props:
        return []
    if _PROPS.fullmatch(p.props) and p.props.count(":") <= lim.PROPS_MAX_PAIRS:
        return []
    pairs = [x for x in p.props.split(";") if x]
    bad = [x for x in pairs if x.count(":") != 1]
    out: list[Issue] = []
    if bad:
        out.append(_issue(E, "props", "props.format",
                          f"属性「{shorten(bad[0])}」格式不对，应为 pid:vid;pid:vid"))
    if len(pairs) > lim.PROPS_MAX_PAIRS:
        out.append(_issue(E, "props", "props.too_many",
                          f"属性 {len(pairs)} 对，超过 {lim.PROPS_MAX_PAIRS} 对上限"))
    return out


def _sell_point(p: Product, d: ListingDefaults) -> list[Issue]:
    if p.sell_point and len(p.sell_point) > lim.SELL_POINT_MAX_CHARS:
        return [_issue(E, "sell_point", "sell_point.too_long",
                       f"卖点 {len(p.sell_point)} 个字，超过 {lim.SELL_POINT_MAX_CHARS} 字上限")]
    return []


def _fees(p: Product, d: ListingDefaults) -> list[Issue]:
    out: list[Issue] = []
    fees = (("post_fee", "平邮费用"), ("express_fee", "快递费用"), ("ems_fee", "EMS费用"))
    for field, label in fees:
        value = getattr(p, field)
        if value is not None and value != 0:
            out += check_price(value, field, label)
    return out


def _images(p: Product, d: ListingDefaults) -> list[Issue]:
    if p.images:
        return []
    if any(i.field == "image" for i in p.cell_issues):
        return []  # e.g. the picture file is missing: already said
    return [_issue(E, "image", "image.missing",
                   "没有主图：请在主图列填写图片路径或网址，或把图片放进这一行")]


def _example_row(p: Product, d: ListingDefaults) -> list[Issue]:
    """The template's example row, left in the sheet: never list it."""
    text = "这是模板里的示例行，请删除或改成你的商品"
    if p.title and lim.EXAMPLE_TITLE_MARK in p.title:
        return [_issue(E, "title", "example.row",
                       f"{text}（标题里有「{lim.EXAMPLE_TITLE_MARK}」）")]
    if p.outer_id and p.outer_id.startswith(lim.EXAMPLE_OUTER_ID_PREFIX):
        return [_issue(E, "outer_id", "example.row",
                       f"{text}（商家编码「{shorten(p.outer_id)}」是示例编码，请换成你自己的货号）")]
    return []


ROW_RULES: tuple[Callable[[Product, ListingDefaults], list[Issue]], ...] = (
    _example_row, _title, _desc, _price, _num, _cid, _outer_id,
    _location("location.state", "location_state", "所在地省份", "浙江"),
    _location("location.city", "location_city", "所在地城市", "杭州"),
    _choice("stuff_status", "新旧程度", STUFF_STATUSES, "全新(new) 或 二手(second)",
            required=True),
    _choice("type", "出售方式", ITEM_TYPES, "一口价(fixed) 或 拍卖(auction)", required=True),
    _choice("approve_status", "上架状态", APPROVE_STATUSES,
            "出售中(onsale) 或 仓库中(instock)", required=False),
    _choice("freight_payer", "运费承担方", FREIGHT_PAYERS,
            "卖家承担(seller) 或 买家承担(buyer)", required=False),
    _props, _sell_point, _fees, check_skus, _images,
)


def check_product(product: Product, defaults: ListingDefaults) -> list[Issue]:
    """Every per-row rule on one product (not the reader's findings, not duplicates)."""
    out: list[Issue] = []
    for rule in ROW_RULES:
        out += rule(product, defaults)
    if product.cell_issues and out:
        # a field the reader could not read is not also "missing"
        unreadable = {i.field for i in product.cell_issues if i.is_error}
        out = [i for i in out if not (i.field in unreadable and i.code.endswith(".missing"))]
    return out


def check_duplicates(products: Sequence[Product]) -> dict[int, list[Issue]]:
    """Same 商家编码 on several rows (error); same title + category (warning)."""
    by_oid: dict[str, list[int]] = {}
    by_title: dict[tuple[str, int | None], list[int]] = {}
    for p in products:
        if p.outer_id:
            by_oid.setdefault(p.outer_id, []).append(p.row)
        if p.title:
            by_title.setdefault((p.title, p.cid), []).append(p.row)
    out: dict[int, list[Issue]] = {}
    for oid, rows in by_oid.items():
        if len(rows) > 1:
            for r in rows:
                others = "、".join(str(x) for x in rows if x != r)
                out.setdefault(r, []).append(_issue(
                    E, "outer_id", "outer_id.duplicate",
                    f"商家编码「{shorten(oid)}」在第 {others} 行也出现了："
                    "每个宝贝的商家编码必须不同"))
    for (title, _cid), rows in by_title.items():
        if len(rows) > 1:
            for r in rows:
                others = "、".join(str(x) for x in rows if x != r)
                out.setdefault(r, []).append(_issue(
                    W, "title", "title.duplicate",
                    f"第 {others} 行的标题和类目与本行相同「{shorten(title)}」：可能重复上架"))
    return out


def validate(products: Sequence[Product], defaults: ListingDefaults | None = None
             ) -> dict[int, list[Issue]]:
    """The rules' issues per sheet row number, every product's row present (empty = clean).

    ``Product.cell_issues`` (what the reader found) are not included: see `row_issues`.
    """
    defaults = defaults or ListingDefaults()
    result: dict[int, list[Issue]] = {}
    with gc_paused():
        for p in products:
            result[p.row] = check_product(p, defaults)
        for row, issues in check_duplicates(products).items():
            result[row].extend(issues)
    return result


def row_issues(product: Product, result: Mapping[int, Sequence[Issue]]) -> list[Issue]:
    """Everything about one row: the reader's findings first, then the rules'."""
    return [*product.cell_issues, *result.get(product.row, ())]


def count(result: dict[int, list[Issue]]) -> tuple[int, int]:
    """(errors, warnings) over a mapping of row -> issues."""
    errors = warnings = 0
    for issues in result.values():
        for i in issues:
            if i.severity is Severity.ERROR:
                errors += 1
            else:
                warnings += 1
    return errors, warnings
