"""Terminal text for the ``taoshelf categories`` commands (Chinese, no Qt): a leaf's properties
and the walk's progress bar."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import TextIO

from app.catalog.category_rules import CategoryProp, CategoryRules
from app.categories.service import WalkProgress
from app.top.chinatime import to_china

VALUES_SHOWN = 12
BAR_WIDTH = 24
LINE_EVERY = 5.0  # seconds between progress lines when stderr is not a terminal
FLAG_LEGEND = ("标记：必填 = 发布时必须填写；多选 = 可选多个值；销售 = 组成 SKU；颜色 = 颜色属性；"
               "可输入 = 可填写列表以外的值；可别名 = 可给值改名；文字 = 直接填写文字")


def china_time(epoch: float | None) -> str:
    if epoch is None:
        return "未知时间"
    return f"{to_china(datetime.fromtimestamp(epoch, UTC)):%Y-%m-%d %H:%M}（北京时间）"


def flags(prop: CategoryProp) -> str:
    marks = [("必填", prop.required), ("多选", prop.multi), ("销售", prop.sale),
             ("颜色", prop.colour), ("可输入", prop.enum and prop.input_allowed),
             ("可别名", prop.alias_allowed), ("文字", not prop.enum)]
    shown = [name for name, on in marks if on]
    return f"[{' '.join(shown)}]" if shown else ""


def _values(prop: CategoryProp, show_all: bool) -> str:
    if not prop.values:
        return ""
    limit = len(prop.values) if show_all else VALUES_SHOWN
    texts = []
    for value in prop.values[:limit]:
        alias = f"，又名 {value.alias}" if value.alias else ""
        more = "▸" if value.is_parent else ""  # has sub-properties
        texts.append(f"{value.name}（{value.vid}{alias}）{more}")
    rest = len(prop.values) - limit
    tail = f"…等 {len(prop.values)} 个（加 --all 显示全部）" if rest > 0 else ""
    return f" {len(prop.values)} 个值：{'、'.join(texts)}{tail}"


def rules_lines(rules: CategoryRules, *, show_all: bool = False) -> list[str]:
    """One line per property; child properties indented under the value they belong to."""
    lines: list[str] = []

    def add(prop: CategoryProp, depth: int) -> None:
        parent = ""
        if prop.parent_pid:
            owner = rules.prop(prop.parent_pid)
            value = owner.value(prop.parent_vid) if owner is not None else None
            parent = f"，属于 {owner.name if owner else prop.parent_pid}=" + (
                value.name if value else str(prop.parent_vid))
        label = f"{'  ' * depth}- {prop.name}（{prop.pid}{parent}）"
        lines.append(label + flags(prop) + _values(prop, show_all))
        for value in prop.values:
            for child in rules.children(prop.pid, value.vid):
                add(child, depth + 1)

    for prop in rules.top_props:
        add(prop, 0)
    if rules.unfetched:
        lines.append(f"（还有 {len(rules.unfetched)} 组下级属性没有读取）")
    return lines


class WalkPrinter:
    """The walk's progress on stderr: one rewritten line on a terminal, else a line every 5 s."""

    def __init__(self, stream: TextIO, *, tty: bool) -> None:
        self.stream = stream
        self.tty = tty
        self._last = 0.0
        self._width = 0

    def __call__(self, p: WalkProgress) -> None:
        planned = max(p.planned, p.calls, 1)
        filled = BAR_WIDTH * p.calls // planned
        text = (f"类目树 [{'#' * filled}{'-' * (BAR_WIDTH - filled)}] 已调用 {p.calls}/{planned} 次"
                f" · 已发现 {p.leaves} 个叶子类目")
        if self.tty:
            pad = max(0, self._width - len(text) * 2)
            self.stream.write("\r" + text + " " * pad)
            self._width = len(text) * 2  # wide characters take two columns
        elif time.monotonic() - self._last >= LINE_EVERY or p.calls == p.planned:
            self._last = time.monotonic()
            self.stream.write(text + "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.tty and self._width:
            self.stream.write("\n")
            self.stream.flush()
            self._width = 0
