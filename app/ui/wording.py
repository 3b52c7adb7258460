"""The window's own wording for messages the engine and the connection write for the CLI.

`app.upload` words its messages for `taoshelf upload`: "请先运行 taoshelf secret set …",
"用 --session 提供会话", "更新模式（taoshelf upload --update）". A window user never types a
command, so every message that reaches the window (connect failures, row outcomes, a run's stop
message, the result sheet it exports) goes through `for_window`: a sentence that names a command
is replaced by what to do in the window. The CLI keeps its hints (nothing changes below `ui`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from app.upload.events import Event, RowFailed, RowOutcome, RowSkipped, RunPaused, RunSummary

# a sentence or clause (Chinese punctuation ends it) naming a command or an option
_CLAUSE = re.compile(r"[^。；;！：:\n]*?(?:taoshelf\s|--[a-z])[^。；;！\n]*[。；;！]?")
# "（或 taoshelf undo 3 --relist）": the window's way is said before it; the alternative goes
_ALTERNATIVE = re.compile(r"[（(]\s*或[^（）()]*?(?:taoshelf\s|--[a-z])[^（）()]*[）)]")
_SHOPS = "请打开 设置 → 店铺"
# (what the clause mentions, the window's wording); the first match wins
_HINTS: tuple[tuple[str, str], ...] = (
    ("--update", ""),  # update mode is a CLI option: the window says only what it cannot do
    ("指定 App Key", f"{_SHOPS}，添加店铺（App Key 和 App Secret）。"),
    ("secret set", f"{_SHOPS}，填写这个店铺的 App Secret。"),
    ("auth login", f"{_SHOPS}，点 授权店铺 后再开始上架。"),
    ("--session", f"{_SHOPS}，点 授权店铺 后再开始上架。"),
    ("--app-key", f"{_SHOPS}，添加店铺（App Key 和 App Secret）。"),
    ("--gateway", f"{_SHOPS}，填写本地模拟的网关地址。"),
    ("simulator", f"{_SHOPS}，填写本地模拟的网关地址。"),
    ("template", "可以点 下载模板，照着模板填写。"),
    ("gnome-keyring", "请确认系统钥匙串（Windows 凭据管理器）可以使用，然后重试。"),
)
_DEFAULT = f"{_SHOPS}，检查店铺设置后重试。"
_ENVS = (
    (" production 环境", "正式环境"), (" sandbox 环境", "沙箱环境"),
    (" local 环境", "本地模拟环境"),
    ("（production）", "（正式）"), ("（sandbox）", "（沙箱）"), ("（local）", "（本地模拟）"),
)


def names_a_command(text: str) -> bool:
    return "taoshelf " in text or re.search(r"--[a-z]", text) is not None


def for_window(text: str) -> str:
    """``text`` with every clause that names a command replaced by the window's wording."""
    if not text or not names_a_command(text):
        return text
    text = _ALTERNATIVE.sub("", text)
    if not names_a_command(text):
        return text
    used: set[str] = set()

    def swap(match: re.Match[str]) -> str:
        clause = match.group(0)
        hint = next((h for key, h in _HINTS if key in clause), _DEFAULT)
        if hint in used:  # two clauses, one advice
            return ""
        used.add(hint)
        return hint

    out = _CLAUSE.sub(swap, text)
    out = re.sub(r"[，,；;：:]\s*(?=[。；;]|$)", "", out)  # a clause left dangling
    out = re.sub(r"（\s*）|\(\s*\)", "", out)
    for cli, window in _ENVS:
        out = out.replace(cli, window)
    return out.strip() or _DEFAULT


def outcome_for_window(outcome: RowOutcome) -> RowOutcome:
    if not names_a_command(outcome.message):
        return outcome
    return replace(outcome, message=for_window(outcome.message))


def event_for_window(event: Event) -> Event:
    """The engine's event with its message in the window's wording (the same object if no
    command is named)."""
    if isinstance(event, RowFailed | RowSkipped) and names_a_command(event.outcome.message):
        return replace(event, outcome=outcome_for_window(event.outcome))
    if isinstance(event, RunPaused) and names_a_command(event.message):
        return replace(event, message=for_window(event.message))
    return event


def summary_for_window(summary: RunSummary) -> RunSummary:
    if names_a_command(summary.message):
        summary.message = for_window(summary.message)
    for row, outcome in summary.outcomes.items():
        if names_a_command(outcome.message):
            summary.outcomes[row] = outcome_for_window(outcome)
    return summary
