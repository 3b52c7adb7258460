"""The detail pane's category part: the row's category (name, path, id) with 选择类目…, the property
editor of its leaf (`app.ui.property_editor`) and its SKUs (`app.ui.sku_lines`). Built by
`DetailPane.show_row`; what the user changes is recorded through the pane's ``edit_field`` and
``choose_category`` signals (the pane outlives these widgets: it is rebuilt on every change)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.catalog.resolve import CategoryData
from app.ui.property_editor import PropertyEditor, prop_rows
from app.ui.row_state import RowState
from app.ui.sku_lines import SkuLines

translate = QCoreApplication.translate  # lupdate reads translate("DetailPane", "…")


@dataclass
class CategoryParts:
    """The widgets of the section (the pane keeps them for tests and for `editing`)."""

    widgets: list[QWidget] = field(default_factory=list)
    choose_button: QPushButton | None = None
    editor: PropertyEditor | None = None
    skus: SkuLines | None = None


def category_parts(state: RowState, data: CategoryData | None, *, headers: Collection[str],
                   edited_rows: Collection[int], editable: bool,
                   choose: Callable[[], object], record: Callable[[int, str, str], object],
                   header: Callable[[str], QLabel], label: Callable[[str], QLabel]
                   ) -> CategoryParts:
    p = state.product
    parts = CategoryParts()
    parts.widgets.append(header(translate("DetailPane", "Category")))
    node = data.nodes.get(p.cid) if data is not None and p.cid else None
    path = data.paths.get(p.cid, node.name) if data is not None and node is not None else ""
    cell = p.cell("cid")
    if path:
        text = f"{path}（{p.cid}）"
    elif p.category_text:
        text = p.category_text
    elif p.cid:
        text = translate("DetailPane", "Category ID %1").replace("%1", str(p.cid))
    else:
        text = translate("DetailPane", "No category yet")
    shown = label(f"{cell}：{text}" if cell else text)
    button = QPushButton(translate("DetailPane", "Choose category…"))
    button.setEnabled(editable)
    button.clicked.connect(choose)
    parts.choose_button = button
    box = QWidget()
    line = QHBoxLayout(box)
    line.setContentsMargins(0, 0, 0, 0)
    line.addWidget(shown, 1)
    line.addWidget(button)
    parts.widgets.append(box)
    rules = data.rules.get(p.cid) if data is not None and p.cid else None
    row = p.row
    if rules is not None:
        rows = prop_rows(p, rules, state.issues, headers)
        if rows:
            parts.widgets.append(header(translate(
                "DetailPane", "Properties of this category (* required)")))
            parts.editor = PropertyEditor(
                rows, lambda name, value: record(row, name, value), editable=editable)
            parts.widgets.append(parts.editor)
    elif p.cid:
        why = data.missing.get(p.cid, "") if data is not None else ""
        parts.widgets.append(label(translate(
            "DetailPane", "The properties of this category are not downloaded yet%1.")
            .replace("%1", f"（{why}）" if why else "")))
    if p.skus:
        parts.widgets.append(header(translate("DetailPane", "SKUs (%1)").replace(
            "%1", str(len(p.skus)))))
        parts.skus = SkuLines(p, rules, record, edited_rows=edited_rows, editable=editable)
        parts.widgets.append(parts.skus)
    return parts
