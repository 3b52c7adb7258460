"""The SKU half of `app.catalog.compose`: each SKU's sale values by name → ``sku_properties``.

Each SKU row names its values by column (颜色 → the leaf's colour property, found by its flag
whatever its name; 尺码 → the size property; any other sale property by its own name, such as
适用手机型号). A listed value is its vid. A value not listed (taobao-props.md §4):

1. where the leaf allows custom sale values (``udsaleprop``): a custom value, negative vids
   numbered per property in order of first use (``input_custom_cpv`` ``pid:-n:名称;``);
2. else, where the property allows aliases: an unused standard value renamed to it
   (``property_alias`` ``pid:vid:名称``), standard values taken in the leaf's order;
3. else an error listing the allowed values.

Each custom or renamed value is a note on the row. Every SKU pair also goes in ``props``; every
SKU has the same sale properties; no combination twice. A property that is not a sale property,
written on SKU rows, is a product property: the first row's value counts and a later row may
only repeat it.
"""

from __future__ import annotations

from app.catalog.category_rules import CategoryProp, value_key
from app.catalog.compose import (
    RAW_PAIR,
    Draft,
    E,
    Pairs,
    W,
    add_value,
    clean_header,
    pair_texts,
)
from app.catalog.model import Sku
from app.catalog.text import shorten

# Besides letters and digits, what a custom value's name may hold (Taobao refuses "special
# characters", IC_CHECKSTEP_USERDEFINED_SKU_ERROR; taobao-props.md §4).
CUSTOM_NAME_EXTRA = frozenset(" -_()（）/+.·#")
_SEPARATORS = str.maketrans("", "", ",;:，；：")


def _row_cell(d: Draft, sku: Sku, header: str) -> str | None:
    return sku.cells.get(header) or d.cell_of(header, sku.row)


def _where(sku: Sku, index: int) -> str:
    return f"第 {sku.row} 行" if sku.row is not None else f"第 {index} 个SKU"


def add_skus(d: Draft) -> None:
    p = d.product
    if not p.skus or _known_skus(d):
        return
    sale = d.index.sale
    chosen: list[dict[int, tuple[str, str | None]] | None] = []
    for index, sku in enumerate(p.skus, start=1):
        if sku.properties and not sku.values:
            chosen.append(None)  # raw pid:vid pairs (the one-row list form)
            continue
        chosen.append(_sku_values(d, sku, index))
    pairs_of = _vids(d, chosen)
    if any(c is not None for c in chosen) and not sale:
        d.issue(E, "sku_properties", "sku_properties.no_sale_props",
                f"{d.index.label}没有销售属性（颜色、尺码等），不能分SKU：请每行写成一个单独的宝贝"
                "（不同的商家编码），或换一个类目")
        return
    if len(p.skus) > 1:
        _shape(d, pairs_of, chosen)
    order = d.index.sale_order
    texts: list[str] = []
    seen: dict[frozenset[tuple[int, int]], int] = {}
    for index, (sku, found) in enumerate(zip(p.skus, pairs_of, strict=True), start=1):
        pairs = sorted(found, key=lambda pair: order.get(pair[0], len(order))) \
            if len(found) > 1 else found
        key = frozenset(pairs)
        if pairs and key in seen:
            other = p.skus[seen[key] - 1]
            d.issue(E, "sku_properties", "sku_properties.duplicate",
                    f"{_where(sku, index)}和{_where(other, seen[key])}的销售属性相同"
                    f"（{_names(d, pairs)}）：淘宝会拒绝重复的SKU，请合并或删除一行",
                    _row_cell(d, sku, next(iter(sku.values), "")))
        seen.setdefault(key, index)
        with_texts = pair_texts(pairs)
        texts.append(";".join(with_texts.values()))
        d.pairs.update(with_texts)
    _sku_fields(d, texts)


def _known_skus(d: Draft) -> bool:
    """The common case, fast: every SKU names listed values of the leaf's sale properties
    (`LeafIndex.listed_sku`, remembered per leaf), the same properties on every SKU, no
    combination twice. False: compose them the long way (which says what is wrong)."""
    p = d.product
    headers = tuple(p.skus[0].values)
    if d.sale_columns or not headers:
        return False
    texts: list[str] = []
    pairs_of: list[Pairs] = []
    for sku in p.skus:
        if tuple(sku.values) != headers or (sku.extra and sku.extra is not p.extra):
            return False  # every SKU names the same properties: else the long way says why
        listed = d.index.listed_sku(sku.values)
        if listed is None:
            return False
        texts.append(listed[0])
        pairs_of.append(listed[1])
    if len(set(texts)) != len(texts):
        return False
    for pairs in pairs_of:
        d.pairs.update(pairs)
    _sku_fields(d, texts)
    return True


def _sku_fields(d: Draft, texts: list[str]) -> None:
    skus = d.product.skus
    d.out.sku_properties = texts
    f = d.out.fields
    quantities, prices, outer_ids = [], [], []
    for s in skus:
        quantities.append(str(s.quantity or 0))
        prices.append(f"{s.price:.2f}" if s.price is not None else "")
        outer_ids.append(s.outer_id or "")
    f["sku_properties"] = ",".join(texts)
    f["sku_quantities"] = ",".join(quantities)
    f["sku_prices"] = ",".join(prices)
    f["sku_outer_ids"] = ",".join(outer_ids)


def _names(d: Draft, pairs: list[tuple[int, int]]) -> str:
    out = []
    for pid, vid in pairs:
        prop = d.index.rules.prop(pid)
        value = prop.value(vid) if prop else None
        out.append(d.customs.get((pid, vid)) or d.aliases.get((pid, vid))
                   or (value.name if value else f"{pid}:{vid}"))
    return "/".join(out)


def _sku_values(d: Draft, sku: Sku, index: int) -> dict[int, tuple[str, str | None]]:
    """One SKU's sale values by pid (text, cell); product properties on SKU rows checked."""
    p = d.product
    values: dict[int, tuple[str, str | None]] = {}
    for header, text in sku.values.items():
        prop = d.index.sku_prop(header)
        cell = _row_cell(d, sku, header)
        if prop is None:
            names = "、".join(x.name for x in d.index.rules.sale_props) or "没有"
            d.issue(E, "sku_properties", "sku_properties.not_in_category",
                    f"{d.index.label}没有「{clean_header(header)}」这个销售属性（它的销售属性："
                    f"{names}）", cell)
        elif prop.sale:
            values[prop.pid] = (text, cell)
        else:
            _product_prop(d, sku, prop, text, cell)
    if sku.extra is not p.extra:  # a later row's other columns
        for header, text in sku.extra.items():
            prop = d.index.column_prop(header)
            if prop is None:
                continue
            d.out.claimed.add(header)
            cell = _row_cell(d, sku, header)
            if prop.sale:
                values[prop.pid] = (text, cell)
            else:
                _product_prop(d, sku, prop, text, cell)
    else:  # the first row's sale property columns (`compose._columns` found them)
        for header, prop, text in d.sale_columns:
            values[prop.pid] = (text, _row_cell(d, sku, header))
    if not values:
        names = "、".join(x.name for x in d.index.rules.sale_props)
        if names:
            d.issue(E, "sku_properties", "sku_properties.no_value",
                    f"{_where(sku, index)}是一个SKU，但没有填写销售属性（{names}）")
    return values


def _product_prop(d: Draft, sku: Sku, prop: CategoryProp, text: str, cell: str | None) -> None:
    """A product property written on a SKU row: the first row's counts, later rows repeat it."""
    if sku.row == d.product.row or sku.row is None:
        add_value(d, prop, text, cell)
        return
    before = d.given.get(prop.pid)
    if before is None or before[0] != text:
        first = f"「{shorten(before[0])}」" if before else "是空的"
        d.issue(E, "props", "props.differs",
                f"{prop.name}「{shorten(text)}」与第 {d.product.row} 行{first}不同：同一商家编码的"
                f"几行是同一个宝贝，{prop.name}以第一行为准，其他行请留空或填写相同的内容", cell)


def _vids(d: Draft, chosen: list[dict[int, tuple[str, str | None]] | None]
          ) -> list[list[tuple[int, int]]]:
    """Each SKU's pairs: listed values first (so standard values in use are known), then the
    custom or renamed ones, in order of first use."""
    p, rules = d.product, d.index.rules
    out: list[list[tuple[int, int]]] = []
    pending: list[tuple[int, CategoryProp, str, str | None]] = []
    for index, (sku, values) in enumerate(zip(p.skus, chosen, strict=True)):
        if values is None:
            out.append(_raw(d, sku, index + 1))
            continue
        pairs = []
        for pid, (text, cell) in values.items():
            prop = rules.prop(pid)
            assert prop is not None
            value = d.index.value(prop, text)
            if value is not None:
                pairs.append((pid, value.vid))
            else:
                pending.append((index, prop, text, cell))
        out.append(pairs)
    used = {pair for pairs in out for pair in pairs}
    made: dict[tuple[int, str], int | None] = {}
    for index, prop, text, cell in pending:
        key = (prop.pid, value_key(text))
        if key not in made:
            made[key] = _custom(d, prop, text, cell, used)
        vid = made[key]
        if vid is not None:
            out[index].append((prop.pid, vid))
            used.add((prop.pid, vid))
    return out


def _raw(d: Draft, sku: Sku, index: int) -> list[tuple[int, int]]:
    pairs = []
    for part in (x for x in sku.properties.split(";") if x.strip()):
        match = RAW_PAIR.match(part)
        prop = d.index.rules.prop(int(match.group(1))) if match else None
        cell = sku.cells.get("properties")
        if match is None:
            continue  # the format rule (rules_sku) says so
        pid, vid = int(match.group(1)), int(match.group(2))
        if prop is None or not prop.sale:
            d.issue(E, "sku_properties", "sku_properties.not_in_category",
                    f"第 {index} 个SKU的 {pid}:{vid}：{pid} 不是{d.index.label}的销售属性", cell)
        elif vid > 0 and prop.value(vid) is None:
            d.issue(E, "sku_properties", "sku_properties.value",
                    f"第 {index} 个SKU的 {pid}:{vid}：{prop.name}没有编号为 {vid} 的值，"
                    f"可选：{d.index.allowed(prop)}", cell)
        elif vid < 0:
            d.issue(E, "sku_properties", "sku_properties.value",
                    f"第 {index} 个SKU的 {pid}:{vid} 是自定义值的编号：请直接写名称"
                    f"（如 {prop.name}:雾霾蓝），程序会按类目规则发送", cell)
        else:
            pairs.append((pid, vid))
    return pairs


def _custom(d: Draft, prop: CategoryProp, text: str, cell: str | None,
            used: set[tuple[int, int]]) -> int | None:
    """A value the leaf does not list: a custom value, else a renamed standard one, else an
    error (see the module doc). Returns its vid, or None."""
    name = " ".join(text.translate(_SEPARATORS).split())
    if d.index.custom_sale_values:
        bad = sorted({ch for ch in name if not (ch.isalnum() or ch in CUSTOM_NAME_EXTRA)})
        if not name or bad:
            d.issue(E, "sku_properties", "sku_properties.custom_chars",
                    f"自定义的{prop.name}「{shorten(text)}」含有淘宝不接受的符号"
                    f"「{''.join(bad)}」：请只用文字、数字和 - _ ( ) / + . # 这些符号", cell)
            return None
        vid = -1 - sum(1 for pid, _v in d.customs if pid == prop.pid)
        d.customs[(prop.pid, vid)] = name
        d.issue(W, "sku_properties", "sku_properties.custom",
                f"{prop.name}「{name}」不是{d.index.label}的标准{prop.name}，将作为自定义"
                f"{prop.name}发送", cell)
        return vid
    if prop.alias_allowed:
        free = next((v for v in prop.values if (prop.pid, v.vid) not in used
                     and (prop.pid, v.vid) not in d.aliases), None)
        if free is None:
            d.issue(E, "sku_properties", "sku_properties.no_free_value",
                    f"{prop.name}「{shorten(text)}」不在标准值里，{d.index.label}不允许自定义，"
                    "也没有剩下的标准值可以改名：请改用这些值之一："
                    f"{d.index.allowed(prop)}", cell)
            return None
        d.aliases[(prop.pid, free.vid)] = name
        d.issue(W, "sku_properties", "sku_properties.alias",
                f"{prop.name}「{name}」不是{d.index.label}的标准{prop.name}：将用没用到的标准值"
                f"「{free.name}」改名为「{name}」发送（买家看到的是「{name}」）", cell)
        return free.vid
    d.issue(E, "sku_properties", "sku_properties.value",
            f"{prop.name}「{shorten(text)}」不是{d.index.label}可选的值（这个类目不能自定义"
            f"{prop.name}）。可选：{d.index.allowed(prop)}", cell)
    return None


def _shape(d: Draft, pairs_of: list[list[tuple[int, int]]],
           chosen: list[dict[int, tuple[str, str | None]] | None]) -> None:
    """Every SKU has a value for each sale property any SKU uses."""
    p = d.product
    wanted = {pid for pairs in pairs_of for pid, _v in pairs}
    for index, (sku, pairs, values) in enumerate(zip(p.skus, pairs_of, chosen, strict=True),
                                                 start=1):
        have = {pid for pid, _v in pairs} | set(values or ())  # a refused value: said already
        if not have:
            continue  # no value at all: said already
        for pid in sorted(wanted - have):
            prop = d.index.rules.prop(pid)
            name = prop.name if prop else str(pid)
            d.issue(E, "sku_properties", "sku_properties.missing_value",
                    f"{_where(sku, index)}没有填写{name}：同一宝贝的每个SKU都要有相同的销售属性"
                    f"（其他SKU填了{name}）")
