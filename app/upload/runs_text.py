"""A run of the journal in words (Chinese): the columns `taoshelf runs` prints and the window's
上架记录 shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.top.chinatime import to_china
from app.upload.journal import RunInfo

ENV_NAMES = {"production": "正式", "sandbox": "沙箱", "local": "本地模拟"}
KIND_NAMES = {"upload": "上架", "undo": "撤销上架", "relist": "重新上架", "delete": "删除"}
OUTCOMES = {"completed": "完成", "cancelled": "已取消", "quota": "额度用完",
            "reauth": "需要重新授权", "fatal": "已停止", "picture_space": "图片空间不足",
            None: "未结束"}


@dataclass(frozen=True, slots=True)
class RunRow:
    id: int
    time: str  # China time
    kind: str
    sheet: str
    shop: str
    env: str
    counts: str
    state: str  # of the items it created: 在售 / 已下架 / 已删除


def china_time(iso: str) -> str:
    try:
        return f"{to_china(datetime.fromisoformat(iso)):%Y-%m-%d %H:%M}"
    except ValueError:
        return iso


def run_row(info: RunInfo) -> RunRow:
    c = info.counts
    if info.kind == "upload":
        parts = [f"新建 {info.created}"]
        for key, name in (("updated", "修改"), ("failed", "失败"), ("blocked", "有错误"),
                          ("left", "未处理")):
            if c.get(key):
                parts.append(f"{name} {c[key]}")
        if "total" in c:
            parts.insert(0, f"共 {c['total']} 行")
        counts = "，".join(parts)
    else:
        counts = f"{KIND_NAMES.get(info.kind, info.kind)} {c.get('done', 0)}/{c.get('total', 0)}"
        if c.get("failed"):
            counts += f"，失败 {c['failed']}"
        counts += f"（第 {info.target_run} 次上架）" if info.target_run else ""
    state = ""
    if info.kind == "upload" and info.created:
        bits = [f"{n} {name}" for n, name in ((info.on_shelf, "在售"), (info.taken_down, "已下架"),
                                               (info.deleted, "已删除")) if n]
        state = "、".join(bits)
    outcome = OUTCOMES.get(info.outcome, info.outcome or "")
    return RunRow(
        id=info.id, time=china_time(info.started_at),
        kind=KIND_NAMES.get(info.kind, info.kind) + ("" if outcome == "完成" else f"（{outcome}）"),
        sheet=info.sheet_name or "（表格名未记录）", shop=info.shop,
        env=ENV_NAMES.get(info.env, info.env), counts=counts, state=state)
