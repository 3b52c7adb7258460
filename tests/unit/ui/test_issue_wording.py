"""A check's hint written for the command line (taoshelf categories show/refresh) never reaches
the window's rows: the row says what to do in the window instead."""

from __future__ import annotations

from app.catalog.model import Issue, Product, Severity
from app.ui.row_state import RowState


def test_a_row_issue_naming_a_command_is_worded_for_the_window() -> None:
    issues = [
        Issue(Severity.ERROR, "props", "props.unknown",
              "宝贝属性「尺寸」不是连衣裙（50010850）的属性："
              "请检查名称（taoshelf categories show 50010850 可以列出全部属性）"),
        Issue(Severity.ERROR, "cid", "cid.needs_tree", "按名称查找类目“T恤”需要完整的类目树："
              "请先运行 taoshelf categories refresh，或填写类目 ID"),
        Issue(Severity.WARNING, "title", "title.cleaned", "标题里的换行已去掉"),
    ]
    state = RowState(Product(row=2))
    state.take(state.product, issues)
    texts = [i.message for i in state.issues]
    assert not any("taoshelf" in t for t in texts)
    assert "右侧的类目属性" in texts[0]
    assert "下载完整类目树" in texts[1]
    assert texts[2] == "标题里的换行已去掉"
    assert "taoshelf" not in state.status_text() + state.tooltip()
