"""What resolving a 类目 cell gives: one leaf, several, none, a parent, or "the tree is needed".

Every result but `Resolved` is a row error; ``message`` is the Chinese text the user sees.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

EXAMPLE_PATH = "女装/女士精品 > 连衣裙"
REFRESH_HINT = "taoshelf categories refresh"

T = TypeVar("T")


@dataclass(frozen=True)
class Candidate:
    cid: int
    path: str

    @property
    def label(self) -> str:
        return f"{self.path}（{self.cid}）"


def _labels(candidates: tuple[Candidate, ...]) -> str:
    return "；".join(c.label for c in candidates)


class _Result:
    text: str

    def for_text(self: T, text: str) -> T:
        """The same answer, quoting the cell as the user wrote it."""
        return dataclasses.replace(self, text=text)  # type: ignore[type-var]

    @property
    def ok(self) -> bool:
        return False


@dataclass(frozen=True)
class Resolved(_Result):
    text: str
    cid: int
    path: str

    @property
    def ok(self) -> bool:
        return True

    @property
    def message(self) -> str:
        return f"{self.path}（{self.cid}）"


@dataclass(frozen=True)
class Ambiguous(_Result):
    text: str
    candidates: tuple[Candidate, ...]
    total: int = 0

    @cached_property  # one answer serves every row with that text
    def message(self) -> str:
        more = "等" if self.total > len(self.candidates) else ""
        return (f"类目“{self.text}”对应 {max(self.total, len(self.candidates))} 个叶子类目："
                f"{_labels(self.candidates)}{more}。请填写类目 ID 或完整路径（如 {EXAMPLE_PATH}）")


@dataclass(frozen=True)
class NotFound(_Result):
    text: str
    closest: tuple[Candidate, ...] = ()
    empty: bool = False
    unknown_id: bool = False

    @cached_property  # one answer serves every row with that text
    def message(self) -> str:
        if self.empty:
            return f"类目为空：请填写叶子类目 ID、名称或路径（如 {EXAMPLE_PATH}）"
        if self.unknown_id:
            return f"类目 ID {self.text.strip()} 不存在：请检查类目编号"
        text = f"找不到类目“{self.text}”"
        if self.closest:
            return f"{text}。最接近的：{_labels(self.closest)}"
        return f"{text}：请检查名称，或填写类目 ID"


@dataclass(frozen=True)
class NotLeaf(_Result):
    text: str
    node: Candidate
    leaves: tuple[Candidate, ...] = ()

    @cached_property  # one answer serves every row with that text
    def message(self) -> str:
        text = (f"“{self.text}”是上级类目 {self.node.label}，不能直接发布商品："
                "请选择它下面的叶子类目")
        return f"{text}，例如 {_labels(self.leaves)}" if self.leaves else text


@dataclass(frozen=True)
class NeedsTree(_Result):
    """A bare name (or a path not starting at the top level) while the tree is not downloaded."""

    text: str

    @property
    def message(self) -> str:
        return (f"按名称查找类目“{self.text}”需要完整的类目树：请先运行 {REFRESH_HINT}，"
                f"或填写类目 ID、从顶级类目开始的完整路径（如 {EXAMPLE_PATH}）")


Resolution = Resolved | Ambiguous | NotFound | NotLeaf | NeedsTree
