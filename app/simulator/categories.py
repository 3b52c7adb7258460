"""A small built-in category tree (cid, parent, name). Leaves are where items may be listed.

The cids are real-looking; 16 女装/女士精品, 50000671 T恤, 162104 衬衫, 50010850 连衣裙,
162205 牛仔裤, 30 男装 and 50000436 T恤 match Taobao's published tree as far as we know; the rest
are plausible stand-ins. ``50008091`` is a second-level parent (three levels deep).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    cid: int
    parent_cid: int
    name: str
    is_parent: bool


_TREE: tuple[tuple[int, int, str], ...] = (
    (16, 0, "女装/女士精品"),
    (50000671, 16, "T恤"),
    (162104, 16, "衬衫"),
    (50010850, 16, "连衣裙"),
    (162205, 16, "牛仔裤"),
    (50000697, 16, "毛针织衫"),
    (30, 0, "男装"),
    (50000436, 30, "T恤"),
    (50011123, 30, "衬衫"),
    (3035, 30, "休闲裤"),
    (50008090, 0, "3C数码配件"),
    (50008091, 50008090, "手机配件"),
    (50008093, 50008091, "手机壳/保护套"),
    (50008094, 50008091, "手机贴膜"),
    (50008095, 50008090, "移动电源"),
    (50008163, 0, "床上用品"),
    (50008164, 50008163, "床品套件/四件套"),
    (50008165, 50008163, "枕头/枕芯"),
    (50002766, 0, "零食/坚果/特产"),
    (50008055, 50002766, "坚果/炒货"),
    (50010550, 50002766, "饼干/膨化"),
    (50013061, 50002766, "肉类零食"),
)

_PARENTS = {parent for _cid, parent, _name in _TREE}
CATEGORIES: dict[int, Category] = {
    cid: Category(cid, parent, name, cid in _PARENTS) for cid, parent, name in _TREE
}


def get(cid: int) -> Category | None:
    return CATEGORIES.get(cid)


def children(parent_cid: int) -> list[Category]:
    return [cat for cat in CATEGORIES.values() if cat.parent_cid == parent_cid]


def leaves() -> list[Category]:
    return [cat for cat in CATEGORIES.values() if not cat.is_parent]
