"""Per-row actions, as QActions shared by the detail pane's buttons and the table's context menu:
重试这一行 (上架这一行 for a row not tried yet), 跳过这一行 / 取消跳过, 同步修改 (a listed row's
changes to its item), 复制错误信息, 打开宝贝页面, 撤销我的修改, 选择类目… (the menu only; the detail
pane has its own button beside the category) and 重试全部失败.

`update_for` enables them for the selected rows; the products panel connects ``triggered``. The
detail pane shows a button for each action that applies to the row (the others are hidden, so
the few that remain fit beside each other).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QMenu, QToolButton, QWidget

from app.ui.row_state import ON_SHOP, RowState, Status
from app.upload.events import RowStatus

SENDABLE = frozenset({Status.READY, Status.WARNING, Status.FAILED, Status.WAITING})
SYNCABLE = frozenset({Status.LISTED, Status.SKIPPED})  # on sale: its changes can be sent
NO_REAL_PAGE = frozenset({"local", "sandbox"})


def error_text(state: RowState) -> str:
    """What 复制错误信息 puts on the clipboard: the row, Taobao's answer with its code and
    request_id, and every issue — enough for a helper to know what happened."""
    p = state.product
    lines = [f"第 {p.row} 行  {p.key or ''}  {p.title or ''}".rstrip()]
    outcome = state.outcome
    if state.message:
        lines.append(state.message)
    if outcome is not None and outcome.message and outcome.message != state.message:
        lines.append(outcome.message)
    if outcome is not None:
        code = " ".join(str(x) for x in (outcome.code, outcome.sub_code) if x is not None)
        if code:
            lines.append(f"错误代码：{code}")
        if outcome.request_id:
            lines.append(f"request_id：{outcome.request_id}")
    lines += [("✖ " if i.is_error else "⚠ ") + i.message for i in state.issues]
    return "\n".join(lines)


def syncable(state: RowState) -> bool:
    """A row on sale with changes 同步修改 can send."""
    return state.status in SYNCABLE and bool(state.sendable)


class RowActions(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.retry = QAction(self.tr("Retry this row"), self)
        self.skip = QAction(self.tr("Skip this row"), self)
        self.sync = QAction(self.tr("Sync changes"), self)
        self.sync.setToolTip(self.tr("Send the row's changes to its item on Taobao"))
        self.copy_error = QAction(self.tr("Copy error message"), self)
        self.open_page = QAction(self.tr("Open item page"), self)
        self.undo = QAction(self.tr("Undo my corrections"), self)
        self.choose_category = QAction(self.tr("Choose category…"), self)
        self.retry_all = QAction(self.tr("Retry all failed"), self)
        self.skipping = True  # what `skip` does now: skip (True) or take the skip back
        self.update_for([], env=None, any_failed=False, running=False)

    def update_for(self, states: list[RowState], *, env: str | None, any_failed: bool,
                   running: bool) -> None:
        idle = not running
        self.retry.setEnabled(idle and any(s.status in SENDABLE for s in states))
        tried = any(s.status in (Status.FAILED, Status.WAITING) for s in states)
        if len(states) > 1:
            self.retry.setText(self.tr("Retry these rows") if tried
                               else self.tr("Upload these rows"))
        else:
            self.retry.setText(self.tr("Retry this row") if tried else self.tr("Upload this row"))
        self.sync.setEnabled(idle and any(syncable(s) for s in states))
        skippable = [s for s in states if s.status not in ON_SHOP]
        self.skipping = not skippable or not all(s.skipped for s in skippable)
        self.skip.setEnabled(idle and bool(skippable))
        self.skip.setText(self.tr("Skip this row") if self.skipping
                          else self.tr("Don't skip this row"))
        self.copy_error.setEnabled(any(s.issues or s.message or (
            s.outcome is not None and s.outcome.status is not RowStatus.LISTED) for s in states))
        one = states[0] if len(states) == 1 else None
        has_page = one is not None and one.num_iid is not None
        self.open_page.setEnabled(has_page and env not in NO_REAL_PAGE)
        self.open_page.setToolTip(self.tr("This item is not on the real Taobao: no page.")
                                  if has_page and env in NO_REAL_PAGE else "")
        self.undo.setEnabled(idle and any(s.edits for s in states))
        self.choose_category.setEnabled(idle and one is not None)  # as the pane's button
        self.retry_all.setEnabled(idle and any_failed)

    def menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(parent)
        for action in (self.retry, self.skip, self.sync, self.copy_error, self.open_page,
                       self.undo, self.choose_category):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.retry_all)
        return menu

    def buttons(self) -> QWidget:
        """Buttons for the detail pane, following the actions' text and state."""
        bar = QWidget()
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(0, 0, 0, 0)
        for action in (self.retry, self.sync, self.skip, self.copy_error, self.open_page):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setVisible(action.isEnabled())
            action.changed.connect(lambda b=button, a=action: b.setVisible(a.isEnabled()))
            layout.addWidget(button)
        layout.addStretch(1)
        return bar
