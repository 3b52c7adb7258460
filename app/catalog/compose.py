"""A product's item.add property fields, composed against its leaf's rules (pure; taobao-props.md
§4).

`compose(product, rules)` reads what the sheet says — property columns (`Product.extra`: a header
that is the name of one of the leaf's properties, ignoring spaces and punctuation), the 宝贝属性
cell (`Product.props_text`: ``名称:值;…``, raw ``pid:vid`` still accepted) and the SKUs' values by
name (`app.catalog.compose_skus`) — and gives `Composed`: ``props``, ``input_pids``/``input_str``,
``property_alias``, ``input_custom_cpv``, the ``sku_*`` lists, ``num`` and ``price`` as item.add
wants them, the row's notes (a typed brand, a custom colour …) and errors (a required property
missing, a value the leaf does not allow …). `apply` stores them on the product, where
`app.upload.fields.item_fields` sends them from.

A listed value goes in ``props``; text for a free-text property (货号, 材质成分), or an unlisted
value of a property that allows typing (品牌), goes in ``input_pids``/``input_str``. Several
values of a multi-valued property are separated by ``,`` ``，`` or ``、``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from app.catalog import limits as lim
from app.catalog.category_rules import CategoryProp, CategoryRules, PropValue, header_key
from app.catalog.model import Issue, Product, Severity
from app.catalog.text import shorten

E, W = Severity.ERROR, Severity.WARNING
MULTI_SPLIT = re.compile(r"[,，、]")
RAW_PAIR = re.compile(r"^\s*(\d+)\s*:\s*(-?\d+)\s*$")
_NOTE = re.compile(r"[（(【\[].*?[)）】\]]")
_PLAIN_TEXT = re.compile(r"[^,;\s]+(?: [^,;\s]+)*")  # typed as it is: no separator to fold
DUPLICATE_COLUMN = re.compile(r"（[A-Z]{1,3}列）$")  # the reader's key for a duplicate column
SHOWN_VALUES = 12  # allowed values listed in a message


def utf8_len(text: str) -> int:
    return len(text.encode("utf-8"))


def clean_header(header: str) -> str:
    """A property column's header as a name: required marks and notes dropped
    (``*品牌（必填）`` → 品牌); a duplicate column's ``（X列）`` suffix too."""
    return _NOTE.sub("", header.replace("*", "").replace("＊", "")).strip() or header


Pairs = dict[tuple[int, int], str]  # (pid, vid) → "pid:vid", in the order they go in props


def pair_texts(pairs: Iterable[tuple[int, int]]) -> Pairs:
    return {pair: f"{pair[0]}:{pair[1]}" for pair in pairs}


ListedSku = tuple[str, Pairs]  # a SKU's sku_properties text and its pairs


class LeafIndex:
    """One leaf's rules with what was looked up remembered (a sheet repeats its values)."""

    @classmethod
    def of(cls, rules: CategoryRules, *, custom_sale_values: bool = False,
           path: str = "") -> LeafIndex:
        """The index kept with ``rules`` (`CategoryRules.derived`): resolving the sheet again
        against the same rules (the window does after each correction) finds what was looked
        up before. Rules read again are new objects, with a new index."""
        key = (cls, custom_sale_values, path)
        index = rules.derived.get(key)
        if index is None:
            index = rules.derived[key] = cls(rules, custom_sale_values=custom_sale_values,
                                             path=path)
        return index

    def __init__(self, rules: CategoryRules, *, custom_sale_values: bool = False,
                 path: str = "") -> None:
        self.rules = rules
        self.custom_sale_values = custom_sale_values
        self.label = f"{path}（{rules.cid}）" if path else f"类目 {rules.cid}"
        self._by_key = {}
        for prop in rules.props:
            self._by_key.setdefault(header_key(prop.name), prop)
        self._columns: dict[str, CategoryProp | None] = {}
        self._skus: dict[str, CategoryProp | None] = {}
        self._values: dict[tuple[int, str], PropValue | None] = {}
        self._outcomes: dict[tuple[int, str], Outcome] = {}
        self.required = rules.required_props
        self.sale = rules.sale_props
        self.sale_order = {prop.pid: n for n, prop in enumerate(self.sale)}
        self.children = any(prop.parent_pid for prop in rules.props)
        self._listed_skus: dict[tuple[tuple[str, str], ...], ListedSku | None] = {}

    def duplicate(self, header: str) -> bool:
        """The reader's key of a second column of a known field (``标题（L列）``)."""
        return DUPLICATE_COLUMN.search(header) is not None

    def column_prop(self, header: str) -> CategoryProp | None:
        """The property a column or a 宝贝属性 name means: its name ignoring spaces and
        punctuation (季节/适用季节 → 年份/季节); never a guess from part of a word."""
        try:
            return self._columns[header]
        except KeyError:
            pass
        key = header_key(clean_header(header))
        prop = self._by_key.get(key)
        if prop is None and key in ("季节", "适用季节"):
            prop = self.rules.prop_by_header(key)
        self._columns[header] = prop
        return prop

    def sku_prop(self, header: str) -> CategoryProp | None:
        """The property a 颜色/尺码 column means: by name, else the flagged colour prop or the
        size prop whatever their names in this leaf (颜色 → 颜色分类, 尺码 → 鞋码)."""
        if header not in self._skus:
            self._skus[header] = self.column_prop(header) or self.rules.prop_by_header(
                clean_header(header))
        return self._skus[header]

    def listed_sku(self, values: Mapping[str, str]) -> ListedSku | None:
        """A SKU whose every column names a listed value of a sale property: its
        ``sku_properties`` text and pairs, in the order of the leaf's sale properties. None
        otherwise (`app.catalog.compose_skus` composes it the long way and says why).
        Remembered per combination, each value looked up once per leaf."""
        key = tuple(values.items())
        if key in self._listed_skus:
            return self._listed_skus[key]
        vids: dict[int, int] = {}
        found: ListedSku | None = None
        for header, text in key:
            column = self.sku_prop(header)
            if column is None or not column.sale:
                break
            prop = self.rules.prop(column.pid) or column  # by pid, as the long way does
            value = self.value(prop, text)
            if value is None:
                break
            vids[column.pid] = value.vid
        else:
            last = len(self.sale_order)
            pairs = pair_texts(sorted(vids.items(),
                                      key=lambda pair: self.sale_order.get(pair[0], last)))
            found = (";".join(pairs.values()), pairs)
        self._listed_skus[key] = found
        return found

    def value(self, prop: CategoryProp, text: str) -> PropValue | None:
        key = (prop.pid, text)
        if key not in self._values:
            self._values[key] = prop.value_by_name(text)
        return self._values[key]

    def outcome(self, prop: CategoryProp, text: str) -> Outcome:
        """`value_outcome`, remembered per property and text."""
        key = (prop.pid, text)
        found = self._outcomes.get(key)
        if found is None:
            found = self._outcomes[key] = value_outcome(self, prop, text)
        return found

    def allowed(self, prop: CategoryProp) -> str:
        names = [v.name for v in prop.values[:SHOWN_VALUES]]
        more = f" 等 {len(prop.values)} 个" if len(prop.values) > SHOWN_VALUES else ""
        return "、".join(names) + more


@dataclass(slots=True)
class Composed:
    """item.add's property fields for one product, and what the row is told."""

    fields: dict[str, str] = field(default_factory=dict)
    sku_properties: list[str] = field(default_factory=list)  # per SKU, aligned with the product
    prop_texts: dict[str, str] = field(default_factory=dict)  # prop name → as written
    claimed: set[str] = field(default_factory=set)  # Product.extra headers used as properties
    notes: list[Issue] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)

    @property
    def issues(self) -> list[Issue]:
        return [*self.errors, *self.notes]


class Draft:
    """What `compose` collects before writing the fields (one per product: a plain class)."""

    __slots__ = ("aliases", "customs", "given", "index", "letters", "out", "pairs", "product",
                 "sale_columns", "typed")

    def __init__(self, product: Product, index: LeafIndex, letters: Mapping[str, str]) -> None:
        self.product = product
        self.index = index
        self.letters = letters  # Product.extra header -> column letter
        self.out = Composed()
        self.pairs: Pairs = {}  # an ordered set, each pair with its text
        self.typed: dict[int, str] = {}
        self.aliases: dict[tuple[int, int], str] = {}
        self.customs: dict[tuple[int, int], str] = {}
        self.given: dict[int, tuple[str, str | None]] = {}  # pid -> (text, cell)
        self.sale_columns: list[tuple[str, CategoryProp, str]] = []  # the first row's

    def issue(self, severity: Severity, field_name: str, code: str, message: str,
              cell: str | None = None) -> None:
        text = f"{cell} {message}" if cell and not message.startswith(cell) else message
        found = Issue(severity, field_name, code, text, cell)
        (self.out.errors if severity is E else self.out.notes).append(found)

    def cell_of(self, header: str, row: int | None = None) -> str | None:
        letter = self.letters.get(header)
        return f"{letter}{row or self.product.row}" if letter else None


def compose(product: Product, rules: CategoryRules, *, custom_sale_values: bool = False,
            index: LeafIndex | None = None, letters: Mapping[str, str] | None = None,
            path: str = "") -> Composed:
    """item.add's property fields for ``product`` in its leaf (``rules``); see the module doc.
    ``letters`` maps `Product.extra` headers to their column letters (for messages)."""
    ix = index or LeafIndex(rules, custom_sale_values=custom_sale_values, path=path)
    draft = Draft(product, ix, letters or {})
    if product.props_text:
        _props_text(draft)
    if product.extra:
        _columns(draft)
    if ix.children and draft.given:
        _children(draft)
    if product.skus:
        _compose_skus()(draft)
    _required(draft)
    _fields(draft)
    return draft.out


@cache
def _compose_skus() -> Callable[[Draft], None]:
    from app.catalog.compose_skus import add_skus  # the SKU half, in its own module

    return add_skus


def _props_text(d: Draft) -> None:
    """The 宝贝属性 cell: ``名称:值`` pairs by name, raw ``pid:vid`` checked against the leaf."""
    text = d.product.props_text
    if not text:
        return
    cell = d.product.cell("props")
    for part in (x.strip() for x in re.split(r"[;；]", text) if x.strip()):
        raw = RAW_PAIR.match(part)
        if raw:
            _raw_pair(d, int(raw.group(1)), int(raw.group(2)), cell)
            continue
        name, colon, value = part.replace("：", ":").partition(":")
        prop = d.index.column_prop(name.strip()) if colon else None
        if not colon or not value.strip():
            d.issue(E, "props", "props.format", f"宝贝属性「{shorten(part)}」格式不对：写成 "
                    "名称:值，多个用分号隔开（如 品牌:优衣库;材质成分:棉100%）", cell)
        elif prop is None:
            d.issue(E, "props", "props.unknown", f"宝贝属性「{name.strip()}」不是"
                    f"{d.index.label}的属性：请检查名称（taoshelf categories show "
                    f"{d.index.rules.cid} 可以列出全部属性）", cell)
        elif prop.sale and d.product.skus:
            d.issue(E, "props", "props.sale_in_props", f"宝贝属性里的「{prop.name}」是销售属性："
                    "请写在每个SKU的颜色/尺码等列里", cell)
        else:
            add_value(d, prop, value.strip(), cell)


def _raw_pair(d: Draft, pid: int, vid: int, cell: str | None) -> None:
    prop = d.index.rules.prop(pid)
    if prop is None:
        d.issue(E, "props", "props.unknown", f"宝贝属性 {pid}:{vid}：{d.index.label}没有属性 "
                f"{pid}", cell)
    elif vid < 0:
        d.issue(E, "props", "props.format", f"宝贝属性 {pid}:{vid} 是自定义值的编号：请直接写"
                f"名称（如 {prop.name}:雾霾蓝），程序会按类目规则发送", cell)
    elif not prop.enum:
        d.issue(E, "props", "props.value", f"宝贝属性 {pid}:{vid}：{prop.name}要填写文字"
                f"（如 {prop.name}:…），不是编号", cell)
    elif prop.value(vid) is None:
        d.issue(E, "props", "props.value", f"宝贝属性 {pid}:{vid}：{prop.name}没有编号为 {vid}"
                f" 的值，可选：{d.index.allowed(prop)}", cell)
    else:
        _given(d, prop, str(vid), cell)
        d.pairs[(pid, vid)] = f"{pid}:{vid}"


def _columns(d: Draft) -> None:
    """Property columns: a header naming a property of the leaf holds its value(s)."""
    p = d.product
    for header, text in p.extra.items():
        prop = d.index.column_prop(header)
        if prop is None and d.index.duplicate(header):
            continue  # a second column of a known field: the reader noted it already
        cell = d.cell_of(header)
        if prop is None:
            d.issue(W, "props", "props.not_in_category", f"「{clean_header(header)}」列不是"
                    f"{d.index.label}的属性，这一列不会上传", cell)
            continue
        d.out.claimed.add(header)
        if prop.sale and p.skus:
            d.sale_columns.append((header, prop, text))  # each SKU row's own (compose_skus)
            continue
        add_value(d, prop, text, cell)


def _given(d: Draft, prop: CategoryProp, text: str, cell: str | None) -> bool:
    """Remember where a property was given; False (an error said) when it was given twice
    with another value."""
    before = d.given.get(prop.pid)
    if before is not None and before[0] != text:
        where = f"（{before[1]}）" if before[1] else ""
        d.issue(E, "props", "props.twice", f"{prop.name}填了两次：「{shorten(text)}」和"
                f"「{shorten(before[0])}」{where}，请只留一个", cell)
        return False
    d.given[prop.pid] = (text, cell)
    return True


def add_value(d: Draft, prop: CategoryProp, text: str, cell: str | None) -> None:
    """A property's value(s) as written → pairs for ``props`` or a typed value."""
    if not _given(d, prop, text, cell) or prop.pid in d.typed:
        return
    d.out.prop_texts[prop.name] = text
    if not prop.enum and _PLAIN_TEXT.fullmatch(text) and text not in lim.FORBIDDEN_INPUT:
        d.typed[prop.pid] = text  # free text (货号): usually unique, not worth remembering
        return
    found = d.index.outcome(prop, text)
    d.pairs.update(found.pairs)
    if found.typed is not None:
        d.typed[prop.pid] = found.typed
    if found.issue is not None:
        d.issue(*found.issue, cell)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one property's text gives (the same in every row: remembered per leaf)."""

    pairs: Pairs = field(default_factory=dict, hash=False)
    typed: str | None = None
    issue: tuple[Severity, str, str, str] | None = None  # severity, field, code, message


def value_outcome(ix: LeafIndex, prop: CategoryProp, text: str) -> Outcome:
    """A property's text → its listed values, or a typed value, or why neither."""
    if not prop.enum:
        return _typed(ix, prop, text)
    whole = ix.value(prop, text)
    if whole is not None:  # the common case: one listed value
        return Outcome(pairs=pair_texts([(prop.pid, whole.vid)]))
    parts = [x.strip() for x in MULTI_SPLIT.split(text) if x.strip()]
    if len(parts) > 1 and not prop.multi:
        return Outcome(issue=(E, "props", "props.single", f"{prop.name}「{shorten(text)}」填了 "
                              f"{len(parts)} 个值，这个属性只能选一个"))
    found = [(part, ix.value(prop, part)) for part in parts]
    missing = [part for part, value in found if value is None]
    if missing and prop.typeable and len(parts) == 1:
        typed = _typed(ix, prop, text)
        if typed.typed is None:
            return typed  # refused: it says why
        return Outcome(typed=typed.typed, issue=(
            W, "props", "props.typed", f"{prop.name}「{shorten(text)}」不在{ix.label}的"
            f"{prop.name}列表里，将作为自己填写的{prop.name}发送"))
    if missing:
        mixed = "；多选时不能混填列表外的值" if prop.typeable else ""
        shown = shorten("、".join(missing))
        return Outcome(issue=(E, "props", "props.value", f"{prop.name}「{shown}」不是{ix.label}"
                              f"可选的值{mixed}。可选：{ix.allowed(prop)}"))
    return Outcome(pairs=pair_texts((prop.pid, value.vid) for _p, value in found
                                    if value is not None))


def _typed(ix: LeafIndex, prop: CategoryProp, text: str) -> Outcome:
    """A typed value (``input_pids``/``input_str``): commas and semicolons would split it, so
    they become their full-width forms; 其他/其它/其她 are refused by Taobao."""
    value = " ".join(text.replace(",", "，").replace(";", "；").split())
    if not prop.typeable:
        return Outcome(issue=(E, "props", "props.value", f"{prop.name}只能从列表里选："
                              f"「{shorten(text)}」不在其中。可选：{ix.allowed(prop)}"))
    if value in lim.FORBIDDEN_INPUT:
        return Outcome(issue=(E, "props", "props.forbidden", f"{prop.name}不能填写「{value}」"
                              f"（淘宝不接受{'、'.join(lim.FORBIDDEN_INPUT)}），请写具体内容"))
    return Outcome(typed=value)


def _children(d: Draft) -> None:
    """A child property (城市 under 省份: 山东省) needs its parent's value among the pairs."""
    chosen = set(d.pairs)
    for pid, (text, cell) in d.given.items():
        prop = d.index.rules.prop(pid)
        if prop is None or not prop.parent_pid:
            continue
        if (prop.parent_pid, prop.parent_vid) not in chosen:
            parent = d.index.rules.prop(prop.parent_pid)
            value = parent.value(prop.parent_vid) if parent else None
            under = f"{parent.name}为「{value.name}」" if parent and value else "它的上级属性"
            d.issue(E, "props", "props.child", f"{prop.name}「{shorten(text)}」只在{under}时"
                    "才能填写：请先填写上级属性", cell)


def _required(d: Draft) -> None:
    missing = []
    for prop in d.index.required:
        if prop.pid not in d.given and prop.pid not in d.typed:
            missing.append(prop)
    if missing:  # given nowhere by name: perhaps among the SKUs' pairs
        have = {pid for pid, _v in d.pairs}
        missing = [p for p in missing if p.pid not in have]
    if not missing:
        return
    names = []
    for prop in missing:
        example = f"（如 {prop.values[0].name}）" if prop.values and prop.enum else ""
        names.append(f"{prop.name}{example}")
    d.issue(E, "props", "props.required", f"{d.index.label}必须填写的属性没有填：{'、'.join(names)}"
            "。请加上以属性名为列名的列（如「品牌」列），或在宝贝属性列写 名称:值")


def _fields(d: Draft) -> None:
    """The strings item.add gets, and their size limits (taobao-props.md §4)."""
    p, f = d.product, d.out.fields
    if p.cid is not None:
        f["cid"] = str(p.cid)
    if d.pairs:
        f["props"] = ";".join(d.pairs.values())
    if d.typed:
        f["input_pids"] = ",".join(map(str, d.typed))
        f["input_str"] = ",".join(d.typed.values())
    if d.aliases:
        f["property_alias"] = ";".join(f"{pid}:{vid}:{name}" for (pid, vid), name in
                                       d.aliases.items())
    if d.customs:
        f["input_custom_cpv"] = "".join(f"{pid}:{vid}:{name};" for (pid, vid), name in
                                        d.customs.items())
    if p.num is not None:
        f["num"] = str(p.num)
    if p.price is not None:
        f["price"] = f"{p.price:.2f}"
    if len(d.pairs) > lim.PROPS_MAX_PAIRS:
        _too_long(d, "props", len(d.pairs), lim.PROPS_MAX_PAIRS, "对")
    for name, limit, unit in _SIZE_LIMITS:
        text = f.get(name)
        if text is None or len(text) * (3 if unit == "字节" else 1) <= limit:
            continue  # short enough (counted as at most 3 bytes a character)
        size = utf8_len(text) if unit == "字节" else len(text)
        if size > limit:
            _too_long(d, name, size, limit, unit)


_SIZE_LIMITS = (("props", lim.PROPS_MAX_BYTES, "字节"),
                ("input_str", lim.INPUT_STR_MAX_BYTES, "字节"),
                ("property_alias", lim.ALIAS_MAX_CHARS, "个字符"),
                ("sku_properties", lim.SKU_PROPERTIES_MAX_BYTES, "字节"),
                ("sku_outer_ids", lim.SKU_OUTER_IDS_MAX_BYTES, "字节"))
_WHAT = {"props": "属性", "input_str": "自己填写的属性值", "property_alias": "属性别名",
         "sku_properties": "SKU的销售属性", "sku_outer_ids": "SKU商家编码"}


def _too_long(d: Draft, name: str, size: int, limit: int, unit: str) -> None:
    what = _WHAT[name]
    hint = "（每个SKU约 26 字节，最多约 19 个SKU）" if name == "sku_properties" else ""
    d.issue(E, name, f"{name}.too_long", f"{what}合起来有 {size} {unit}，超过淘宝的上限 {limit} "
            f"{unit}{hint}：请减少{what}")


def apply(product: Product, composed: Composed) -> None:
    """Store the composed fields on the product (what item.add sends)."""
    f = composed.fields
    product.props = f.get("props")
    product.input_pids = f.get("input_pids")
    product.input_str = f.get("input_str")
    product.property_alias = f.get("property_alias")
    product.input_custom_cpv = f.get("input_custom_cpv")
    product.prop_texts = dict(composed.prop_texts)
    for sku, properties in zip(product.skus, composed.sku_properties, strict=False):
        sku.properties = properties
