"""The resolution step (pure): each product's 类目 cell → its leaf, and its property columns,
宝贝属性 and SKU values → item.add's fields (`app.catalog.compose`), against the category data
at hand.

`CategoryData` is what is known: the meaning of each 类目 text (from `CategoryTree.resolve`
through `app.categories`), the rules of the leaves used, their nodes (``udsaleprop``). When a
piece is missing the checks that need it are not made, and the result says which, and how to
enable them (``hint``): in `taoshelf check` that is a warning per row that needs the data plus a
sheet note; for an upload (``online``: fresh data was fetched) a row that still cannot be
resolved is an error, so it is blocked with its reason.

It runs again on the same products without harm (the window and the upload resolve what
`review_sheet` read): inputs (`Product.category_text`, ``extra``, ``props_text``, `Sku.values`)
are never changed, outputs are rebuilt.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from app.catalog.categories import CategoryNode, NeedsTree, NotFound, NotLeaf, Resolution, Resolved
from app.catalog.category_rules import CategoryRules
from app.catalog.compose import (
    DUPLICATE_COLUMN,
    RAW_PAIR,
    Composed,
    LeafIndex,
    apply,
    compose,
)
from app.catalog.model import Issue, Product, Severity
from app.catalog.perf import gc_paused

E, W = Severity.ERROR, Severity.WARNING
CHECK_HINT = ("运行 taoshelf categories refresh 下载类目树（按名称找类目要用），"
              "taoshelf categories show 类目ID 下载一个类目的属性，再检查一次")
WINDOW_HINT = "连接店铺后会自动下载类目数据"


@dataclass(frozen=True)
class CategoryData:
    """What is known about the sheet's categories (built by `app.categories.lookup`)."""

    resolutions: Mapping[str, Resolution] = field(default_factory=dict)  # 类目 text → meaning
    rules: Mapping[int, CategoryRules] = field(default_factory=dict)
    nodes: Mapping[int, CategoryNode] = field(default_factory=dict)
    missing: Mapping[int, str] = field(default_factory=dict)  # leaf → why no rules (Chinese)
    online: bool = False  # fresh data was fetched: what is still unknown is an error
    tree_complete: bool = False  # the whole tree is known: a name not found is not there
    hint: str = CHECK_HINT  # how to enable the checks that could not be made
    paths: Mapping[int, str] = field(default_factory=dict)  # leaf → its path, for messages

    @property
    def empty(self) -> bool:
        return not (self.resolutions or self.rules or self.nodes)


NO_DATA = CategoryData()


@dataclass
class SheetResolution:
    """What resolving a sheet gave: issues per product row, sheet notes, claimed columns."""

    issues: dict[int, list[Issue]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    claimed: set[str] = field(default_factory=set)  # Product.extra headers used as properties
    unchecked: bool = False  # some check could not be made for lack of data

    def add(self, row: int, issues: Iterable[Issue]) -> None:
        found = list(issues)
        if found:
            self.issues.setdefault(row, []).extend(found)


def needs_categories(products: Iterable[Product]) -> tuple[list[str], list[int]]:
    """The 类目 texts and ids the products use (distinct, in order)."""
    texts: dict[str, None] = {}
    cids: dict[int, None] = {}
    for p in products:
        if p.category_text:
            texts[p.category_text] = None
        elif p.cid is not None and p.cid > 0:
            cids[p.cid] = None
    return list(texts), list(cids)


def resolve_products(products: Sequence[Product], data: CategoryData = NO_DATA, *,
                     letters: Mapping[str, str] | None = None) -> SheetResolution:
    """Resolve every product in place (see the module doc); ``letters`` maps the sheet's unknown
    headers to their column letters (for messages)."""
    with gc_paused():  # many small objects, none of them garbage: no collector passes
        return _resolve_all(products, data, letters)


def _resolve_all(products: Sequence[Product], data: CategoryData,
                 letters: Mapping[str, str] | None) -> SheetResolution:
    result = SheetResolution()
    indexes: dict[int, LeafIndex] = {}
    no_rules: dict[int, None] = {}
    unchecked_texts: list[int] = []
    for p in products:
        _reset(p)
        issues: list[Issue] = []
        if not _category(p, data, issues) and p.category_text:
            unchecked_texts.append(p.row)
        rules = data.rules.get(p.cid) if p.cid is not None else None
        if rules is None:
            if p.cid is not None and _unresolved(p, data, issues):
                no_rules[p.cid] = None
            _raw(p)
        else:
            index = indexes.get(rules.cid)
            if index is None:
                node = data.nodes.get(rules.cid)
                index = indexes[rules.cid] = LeafIndex.of(
                    rules, custom_sale_values=bool(node and node.custom_sale_values),
                    path=data.paths.get(rules.cid, ""))
            composed: Composed = compose(p, rules, index=index, letters=letters)
            apply(p, composed)
            issues += composed.errors
            issues += composed.notes
            result.claimed |= composed.claimed
        if issues:
            result.add(p.row, issues)
    _notes(result, data, no_rules, unchecked_texts)
    return result


def _reset(p: Product) -> None:
    if p.category_text:
        p.cid = None
    p.props = p.input_pids = p.input_str = p.property_alias = p.input_custom_cpv = None
    p.prop_texts = {}
    for sku in p.skus:
        if sku.values:
            sku.properties = ""


def _category(p: Product, data: CategoryData, issues: list[Issue]) -> bool:
    """Fill ``cid`` from the 类目 text; False when it could not be checked for lack of data."""
    text = p.category_text
    if text is None:
        answer = data.resolutions.get(str(p.cid)) if p.cid is not None else None
        if isinstance(answer, NotLeaf) or (
                isinstance(answer, NotFound) and (data.online or data.tree_complete)):
            issues.append(_issue(E, "cid", f"cid.{_kind(answer)}", answer.message,
                                 p.cell("cid")))
        return True
    answer = data.resolutions.get(text) or NeedsTree(text)
    if isinstance(answer, Resolved):
        p.cid = answer.cid
        return True
    cell = p.cell("cid")
    final = data.online or data.tree_complete or not isinstance(answer, NeedsTree | NotFound)
    if final:
        issues.append(_issue(E, "cid", f"cid.{_kind(answer)}", answer.message, cell))
        return True
    issues.append(_issue(W, "cid", "cid.unchecked", f"没有核对类目「{text}」（还没有类目数据，"
                         f"它的属性也没有检查）：{data.hint}", cell))
    return False


_KINDS = {"Ambiguous": "ambiguous", "NotFound": "not_found", "NotLeaf": "not_leaf",
          "NeedsTree": "needs_tree"}


def _kind(answer: Resolution) -> str:
    return _KINDS.get(type(answer).__name__, "invalid")


def _issue(severity: Severity, field_name: str, code: str, message: str,
           cell: str | None) -> Issue:
    return Issue(severity, field_name, code, f"{cell} {message}" if cell else message, cell)


def _named(p: Product) -> list[str]:
    """What on this row needs the leaf's rules to be sent: names instead of ids."""
    out = []
    if any(s.values for s in p.skus):
        out.append("SKU的" + "、".join(dict.fromkeys(h for s in p.skus for h in s.values)))
    if p.props_text and any(not RAW_PAIR.match(x) for x in p.props_text.split(";") if x.strip()):
        out.append("宝贝属性里的名称")
    return out


def _unresolved(p: Product, data: CategoryData, issues: list[Issue]) -> bool:
    """No rules for the row's leaf: say what was not checked (an error online when the row
    holds names that only the rules turn into ids). True: the leaf's checks were not made."""
    named = _named(p)
    why = data.missing.get(p.cid or 0, "还没有下载这个类目的属性")
    columns = [f"「{h}」列" for h in p.extra if not DUPLICATE_COLUMN.search(h)]
    if data.online and (named or columns):
        what = "、".join([*named, *columns[:3]]) + ("等" if len(columns) > 3 else "")
        issues.append(_issue(E, "props", "props.no_rules", f"无法读取类目 {p.cid} 的属性（{why}）："
                             f"{what}没法核对和转换成淘宝的属性，这一行先不上架（稍后再试，或删掉"
                             "这些列、只用 pid:vid）", None))
    elif named:
        issues.append(_issue(W, "props", "props.unchecked",
                             f"没有核对{'、'.join(named)}（{why}）：{data.hint}", None))
    return True


def _raw(p: Product) -> None:
    """Without rules: raw ``pid:vid`` pairs go as written, every SKU pair added to ``props``."""
    pairs: dict[str, None] = {}
    for part in (p.props_text or "").split(";"):
        if RAW_PAIR.match(part):
            pairs["".join(part.split())] = None
    for sku in p.skus:
        for part in sku.properties.split(";"):
            if RAW_PAIR.match(part):
                pairs["".join(part.split())] = None
    p.props = ";".join(pairs) or None


def _notes(result: SheetResolution, data: CategoryData, no_rules: Mapping[int, None],
           unchecked_texts: Sequence[int]) -> None:
    if no_rules:
        more = " 等" if len(no_rules) > 10 else ""
        cids = "、".join(str(c) for c in list(no_rules)[:10]) + more
        result.notes.append(f"没有核对类目 {cids} 的属性（必填属性、属性值、SKU的颜色尺码）："
                            f"{data.hint}")
        result.unchecked = True
    if unchecked_texts:
        rows = "、".join(str(r) for r in unchecked_texts[:10])
        more = f" 等 {len(unchecked_texts)} 行" if len(unchecked_texts) > 10 else ""
        result.notes.append(f"第 {rows}{more} 行的类目名称没有核对（还没有类目数据）：{data.hint}")
        result.unchecked = True
