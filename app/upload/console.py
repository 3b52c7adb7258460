"""Text for a terminal: the live progress line and the final summary (Chinese), no Qt."""

from __future__ import annotations

import threading
import time
from typing import TextIO

from app.top.chinatime import to_china
from app.upload.changes import unsent_text
from app.upload.events import (
    Event,
    Progress,
    PublisherSwitched,
    RowFailed,
    RowSkipped,
    RowStatus,
    RunPaused,
    RunStarted,
    RunSummary,
    StopReason,
)

REAUTH_HINT = "请运行 taoshelf auth login 重新授权店铺，然后再次运行同一命令继续。"
LINE_EVERY = 5.0  # seconds between lines when stderr is not a terminal


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "估算中"
    seconds = int(seconds)
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}小时{m:02d}分" if h else (f"{m}分{s:02d}秒" if m else f"{s}秒")


def progress_line(p: Progress) -> str:
    return (f"已上架 {p.listed} · 失败 {p.failed} · 剩余 {p.left} · "
            f"{p.calls_per_second:.1f} 次调用/秒 · 预计还需 {duration(p.eta_seconds)}")


class ProgressPrinter:
    """Subscribes to engine events; on a TTY rewrites one line, otherwise prints every 5 s."""

    def __init__(self, stream: TextIO, *, tty: bool, verbose_rows: bool = True) -> None:
        self.stream = stream
        self.tty = tty
        self.verbose_rows = verbose_rows
        self._lock = threading.Lock()
        self._last = 0.0
        self._width = 0

    def _write_line(self, text: str) -> None:
        if self.tty and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self._width = 0
        self.stream.write(text + "\n")
        self.stream.flush()

    def __call__(self, event: Event) -> None:
        with self._lock:
            if isinstance(event, Progress):
                self._progress(event)
            elif isinstance(event, RunStarted):
                if event.notice:
                    self._write_line(event.notice)
                if event.publisher:
                    self._write_line(event.publisher)
                self._write_line(
                    f"共 {event.total} 行：需要处理 {event.to_do} 行，"
                    f"已上架或跳过 {event.total - event.to_do - event.blocked} 行，"
                    f"有错误不能上架 {event.blocked} 行"
                    f"（核对商家编码用了 {event.lookup_calls} 次调用）")
            elif isinstance(event, RowFailed) and self.verbose_rows:
                o = event.outcome
                self._write_line(f"第 {o.row} 行（{o.key}）失败：{o.message}")
            elif isinstance(event, RowSkipped) and event.outcome.status is RowStatus.BLOCKED:
                if self.verbose_rows:
                    o = event.outcome
                    self._write_line(f"第 {o.row} 行不能上架：{o.message}")
            elif isinstance(event, PublisherSwitched):
                self._write_line(event.message)
            elif isinstance(event, RunPaused):
                until = (f"（到 {to_china(event.until):%Y-%m-%d %H:%M} 北京时间）"
                         if event.until else "")
                self._write_line(f"已暂停{until}：{event.message}")

    def _progress(self, p: Progress) -> None:
        text = progress_line(p)
        if self.tty:
            pad = max(0, self._width - len(text))
            self.stream.write("\r" + text + " " * pad)
            self.stream.flush()
            self._width = len(text) * 2  # wide characters take two columns
            return
        now = time.monotonic()
        if now - self._last >= LINE_EVERY or p.left == 0:
            self._last = now
            self.stream.write(text + "\n")
            self.stream.flush()

    def finish(self) -> None:
        with self._lock:
            if self.tty and self._width:
                self.stream.write("\n")
                self.stream.flush()
                self._width = 0


def summary_text(s: RunSummary) -> str:
    lines = [
        f"上架完成情况：共 {s.total} 行，已上架 {s.listed} 行（本次新建 {s.created}，"
        f"核对后确认已存在 {s.found}，修改 {s.updated}），失败 {s.failed} 行，"
        f"有错误未上架 {s.blocked} 行，跳过 {s.skipped} 行。",
        f"用时 {duration(s.elapsed)}，调用接口 {s.calls} 次"
        f"（其中核对商家编码 {s.lookup_calls} 次）。",
    ]
    lines += unsent_lines(s)
    undone = sum(1 for o in s.outcomes.values() if o.kind == "undone")
    if undone:
        lines.append(f"{undone} 行的商品已撤销上架（下架或删除），这次没有重新上架：要重新上架请用 "
                     "taoshelf runs 查看编号，再运行 taoshelf undo 编号 --relist。")
    if s.waiting_quota:
        lines.append(f"{s.waiting_quota} 行等待调用额度恢复。")
    if s.unknown:
        lines.append(f"{s.unknown} 行结果未知：下次运行会先按商家编码核对，不会重复上架。")
    if s.left:
        lines.append(f"{s.left} 行尚未处理：再次运行同一表格会从中断处继续。")
    if s.stop_reason is StopReason.QUOTA:
        when = (f"{to_china(s.reset_at):%Y-%m-%d %H:%M}（北京时间）" if s.reset_at
                else "明天 00:00（北京时间）")
        lines.append(f"今日接口调用额度已用完，将于 {when}恢复。届时重新运行同一命令即可继续，"
                     "或加上 --wait-for-quota 让程序等待额度恢复后自动继续。")
    elif s.stop_reason is StopReason.REAUTH:
        lines.append(s.message or "需要重新授权。")
        lines.append(REAUTH_HINT)
    elif s.stop_reason is StopReason.PICTURE_SPACE:
        lines.append(s.message)
    elif s.stop_reason is StopReason.FATAL:
        lines.append(f"运行已停止：{s.message}")
    elif s.stop_reason is StopReason.CANCELLED:
        lines.append("已取消：正在进行的请求已完成，未开始的行保持不变。")
    return "\n".join(lines)


UNSENT_SHOWN = 50  # rows listed one by one; the rest are counted


def unsent_lines(s: RunSummary) -> list[str]:
    """One line per listed row whose edits are not on Taobao and were not sent (with why)."""
    rows = [o for o in s.outcomes.values() if o.status is RowStatus.LISTED and o.unsent]
    if not rows:
        return []
    lines = [f"{len(rows)} 行已上架，但表格里的以下修改没有同步到淘宝："]
    for o in rows[:UNSENT_SHOWN]:
        lines.append(f"  第 {o.row} 行（{o.key}）已上架，{unsent_text(o.unsent)}")
    if len(rows) > UNSENT_SHOWN:
        lines.append(f"  …另有 {len(rows) - UNSENT_SHOWN} 行，详见结果表（--report）。")
    return lines
