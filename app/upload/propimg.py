"""Colour pictures (颜色图): one picture per colour value, tied to it after item.add with
``taobao.item.joint.propimg`` (num_iid, properties = the colour's ``pid:vid``, pic_path).

Each SKU may carry the picture of its colour (`Sku.image`); a colour is attached once, with the
picture of its first SKU that has one, in SKU order. Which pair of a SKU's ``properties`` is the
colour is decided by the leaf's colour property (its ``is_color_prop`` flag, from the cached
category rules: `Engine(colour_pid=...)`); when the rules are not at hand, the colour pids of
taobao-props.md §3 are the fallback. Pictures are uploaded to the picture space before item.add
(with the detail pictures), so after it only the propimg calls remain, journaled one by one
after the extra pictures (`extras_done` counts both): a crash between them attaches only the
rest. Sending the same colour again replaces its picture (never a second one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.catalog.model import ImageRef, Product
from app.upload.fields import image_identity

# taobao-props.md §3: 颜色分类/主要颜色/颜色 1627207, and 31889, 122276380 (fallback only)
KNOWN_COLOUR_PIDS = frozenset({1627207, 31889, 122276380})
ColourPid = Callable[[int], int | None]  # cid → the leaf's colour property id (by its flags)


@dataclass(frozen=True, slots=True)
class ColourPicture:
    properties: str  # "pid:vid" of the colour value
    ref: ImageRef
    name: str  # the colour as the sheet wrote it (for messages)


class ColourProblem(Exception):  # noqa: N818
    """A colour picture cannot be tied to a colour; ``str()`` is Chinese."""


def colour_pair(properties: str, colour_pid: int | None) -> str | None:
    """The ``pid:vid`` of the colour among a SKU's ``properties``."""
    pids = {colour_pid} if colour_pid is not None else KNOWN_COLOUR_PIDS
    for pair in properties.split(";"):
        pid, sep, vid = pair.strip().partition(":")
        if sep and pid.isdigit() and int(pid) in pids and vid.strip():
            return pair.strip()
    return None


def colour_pictures(p: Product, colour_pid: int | None) -> list[ColourPicture]:
    """Each colour of the product's SKUs that has a picture, once, in SKU order."""
    out: dict[str, ColourPicture] = {}
    rows: dict[str, int] = {}
    for sku in p.skus:
        if sku.image is None:
            continue
        row = sku.row or p.row
        pair = colour_pair(sku.properties, colour_pid)
        if pair is None:
            raise ColourProblem(f"第 {row} 行有颜色图，但这个 SKU 没有颜色属性"
                                f"（{sku.properties or '未填写销售属性'}），颜色图无法对应到颜色")
        name = next((v for k, v in sku.values.items() if "色" in k), pair)
        known = out.get(pair)
        if known is None:
            out[pair] = ColourPicture(pair, sku.image, name)
            rows[pair] = row
        elif image_identity(known.ref) != image_identity(sku.image):
            raise ColourProblem(f"颜色「{known.name}」在第 {rows[pair]} 行和第 {row} 行的颜色图"
                                "不同：同一个颜色只能有一张颜色图")
    return list(out.values())


def colour_count(p: Product, colour_pid: int | None) -> int:
    """How many colour pictures the row attaches (0 when they cannot be tied to colours: the
    row then fails with the reason when it gets there)."""
    try:
        return len(colour_pictures(p, colour_pid))
    except ColourProblem:
        return 0
