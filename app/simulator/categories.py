"""The built-in category tree: 7 top-level categories, one second-level parent, 25 leaves.

Real cids as far as the docs go: 16 女装/女士精品, 50000671 T恤, 162104 衬衫, 50010850 连衣裙,
162205 牛仔裤, 30 男装 and 50000436 T恤; the rest are plausible stand-ins. ``50008091`` is a
second-level parent (three levels deep). Names repeat on purpose (T恤, 衬衫, 卫衣, 帆布鞋 under two
parents) and some hold a "/" (女装/女士精品, 手机壳/保护套), as on Taobao.

``features`` (taobao-props.md §2): ``udsaleprop`` 1 = custom sale values allowed (negative vids);
``freeze`` 5 = publishing frozen (item.add refuses the leaf with ``category-frozen``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# When the tree last changed (itemcats.get answers it as ``last_modified``).
LAST_MODIFIED = "2025-11-03 02:00:00"


@dataclass(frozen=True)
class Category:
    cid: int
    parent_cid: int
    name: str
    is_parent: bool
    sort_order: int = 0
    status: str = "normal"
    features: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def custom_sale_values(self) -> bool:
        return self.features.get("udsaleprop") == "1"

    @property
    def publishing_frozen(self) -> bool:
        return "5" in self.features.get("freeze", "").split(",")


UDSALE = {"udsaleprop": "1"}

_TREE: tuple[tuple[int, int, str, dict[str, str]], ...] = (
    (16, 0, "女装/女士精品", {}),
    (50000671, 16, "T恤", UDSALE),
    (162104, 16, "衬衫", {}),
    (50010850, 16, "连衣裙", UDSALE),
    (162205, 16, "牛仔裤", {}),
    (50000697, 16, "毛针织衫", {}),
    (50008898, 16, "卫衣/绒衫", UDSALE),
    (1623, 16, "半身裙", {}),
    (50013194, 16, "毛呢外套", {}),
    (30, 0, "男装", {}),
    (50000436, 30, "T恤", {}),
    (50011123, 30, "衬衫", {}),
    (3035, 30, "休闲裤", {}),
    (50010158, 30, "夹克", {}),
    (50000557, 30, "卫衣", {}),
    (50006843, 0, "女鞋", {}),
    (50012027, 50006843, "低帮鞋", {}),
    (50012042, 50006843, "帆布鞋", UDSALE),
    (50011740, 0, "流行男鞋", {}),
    (50011745, 50011740, "休闲皮鞋", {}),
    (50012906, 50011740, "帆布鞋", {}),
    (50008090, 0, "3C数码配件", {}),
    (50008091, 50008090, "手机配件", {}),
    (50008093, 50008091, "手机壳/保护套", UDSALE),
    (50008094, 50008091, "手机贴膜", {}),
    (50008095, 50008090, "移动电源", {}),
    (50008163, 0, "床上用品", {}),
    (50008164, 50008163, "床品套件/四件套", UDSALE),
    (50008165, 50008163, "枕头/枕芯", {}),
    (50002766, 0, "零食/坚果/特产", {}),
    (50008055, 50002766, "坚果/炒货", {}),
    (50010550, 50002766, "饼干/膨化", {}),
    (50013061, 50002766, "肉类零食", {"freeze": "5"}),
)


def _build() -> dict[int, Category]:
    parents = {parent for _cid, parent, _name, _f in _TREE}
    order: dict[int, int] = {}
    built: dict[int, Category] = {}
    for cid, parent, name, features in _TREE:
        order[parent] = order.get(parent, 0) + 1
        built[cid] = Category(cid, parent, name, cid in parents, sort_order=order[parent],
                              features=dict(features))
    return built


CATEGORIES: dict[int, Category] = _build()


def get(cid: int) -> Category | None:
    return CATEGORIES.get(cid)


def children(parent_cid: int) -> list[Category]:
    return [cat for cat in CATEGORIES.values() if cat.parent_cid == parent_cid]


def leaves() -> list[Category]:
    return [cat for cat in CATEGORIES.values() if not cat.is_parent]
