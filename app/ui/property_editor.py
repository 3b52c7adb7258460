"""The detail pane's property editor: the selected product's leaf's properties — required ones first
and marked, child properties under their parent's value — each with its value as the sheet gives
it (a property column, a 宝贝属性 pair, or a correction made here), an editor (a searchable list
of the leaf's values with their aliases; typed text where the leaf allows it; several values for
a multi-valued property), what will be sent and the row's notes on it (a typed brand, a value
not allowed).

Editing writes a correction of the input (`app.review_edits` ``prop:<key>``: the property column's
header when the sheet has one, else the property's name) through ``edit``; the sheet is resolved
again with the leaf's rules, so the value is checked like a cell. `prop_rows` is the pure part.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.catalog.category_rules import CategoryProp, CategoryRules
from app.catalog.compose import MULTI_SPLIT, LeafIndex
from app.catalog.model import Issue, Product
from app.review_apply_fields import prop_text
from app.review_edits import PROP

NAME_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class PropRow:
    """One property as the editor shows it."""

    prop: CategoryProp
    key: str  # the correction's field is ``prop:<key>``
    current: str  # the value as the sheet (and the corrections) give it
    sent: str  # what item.add gets for it, in words ("" nothing)
    typed: bool  # sent as typed text (input_str), not a listed value
    notes: tuple[Issue, ...]  # the row's issues about this property
    depth: int = 0  # 1: a child property, shown under its parent's value
    missing: bool = False  # required and not given


def _pairs(product: Product) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for part in (product.props or "").split(";"):
        pid, _colon, vid = part.partition(":")
        if pid.strip().isdigit() and vid.strip().lstrip("-").isdigit():
            found.setdefault(int(pid), []).append(int(vid))
    return found


def _custom_names(product: Product) -> dict[tuple[int, int], str]:
    names = {}
    for part in (product.input_custom_cpv or "").split(";"):
        bits = part.split(":", 2)
        if len(bits) == 3 and bits[0].isdigit():
            names[(int(bits[0]), int(bits[1]))] = bits[2]
    for part in (product.property_alias or "").split(";"):
        bits = part.split(":", 2)
        if len(bits) == 3 and bits[0].isdigit():
            names[(int(bits[0]), int(bits[1]))] = bits[2]
    return names


def _typed(product: Product) -> dict[int, str]:
    pids = [p for p in (product.input_pids or "").split(",") if p.strip()]
    texts = (product.input_str or "").split(",")
    return {int(p): t for p, t in zip(pids, texts, strict=False) if p.strip().isdigit()}


def prop_rows(product: Product, rules: CategoryRules, issues: Sequence[Issue],
              headers: Collection[str] = ()) -> list[PropRow]:
    """The properties of ``product``'s leaf as the editor lists them (see the module doc).
    ``headers``: the sheet's unknown column headers (a property's empty column is where its
    value goes)."""
    index = LeafIndex(rules)
    pairs, names, typed = _pairs(product), _custom_names(product), _typed(product)
    columns = {}
    for header in [*product.extra, *headers]:
        prop = index.column_prop(header)
        if prop is not None:
            columns.setdefault(prop.pid, header)
    with_skus = bool(product.skus)
    top = [p for p in rules.top_props if not (p.sale and with_skus)]
    ordered = [p for p in top if p.required] + [p for p in top if not p.required]
    rows: list[PropRow] = []

    def add(prop: CategoryProp, depth: int) -> None:
        key = columns.get(prop.pid, prop.name)
        current = product.prop_texts.get(prop.name) or prop_text(product, key)
        vids = pairs.get(prop.pid, [])
        shown = [names.get((prop.pid, v)) or (prop.value(v).name if prop.value(v) else str(v))
                 for v in vids]
        is_typed = prop.pid in typed
        sent = typed[prop.pid] if is_typed else "、".join(shown)
        notes = tuple(i for i in issues if i.field == "props" and i.code != "props.required"
                      and (f"{prop.name}「" in i.message or f"「{prop.name}」" in i.message))
        missing = prop.required and not sent and not current
        rows.append(PropRow(prop, key, current, sent, is_typed, notes, depth, missing))
        for vid in vids:
            for child in rules.children(prop.pid, vid):
                add(child, depth + 1)

    for prop in ordered:
        add(prop, 0)
    return rows


class ValuesDialog(QDialog):
    """Several values of a multi-valued property: a searchable list to tick."""

    def __init__(self, prop: CategoryProp, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Values of %1").replace("%1", prop.name))
        self.resize(360, 420)
        chosen = {x.strip() for x in MULTI_SPLIT.split(current) if x.strip()}
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Search"))
        self.values = QListWidget()
        for value in prop.values:
            item = QListWidgetItem(f"{value.name}（{value.alias}）" if value.alias else value.name)
            item.setData(NAME_ROLE, value.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if value.name in chosen
                               else Qt.CheckState.Unchecked)
            self.values.addItem(item)
        self.filter.textChanged.connect(self._filter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.values, 1)
        layout.addWidget(buttons)

    def _filter(self, text: str) -> None:
        for n in range(self.values.count()):
            item = self.values.item(n)
            item.setHidden(bool(text) and text.casefold() not in item.text().casefold())

    def text(self) -> str:
        items = [self.values.item(n) for n in range(self.values.count())]
        return "、".join(i.data(NAME_ROLE) for i in items
                        if i.checkState() == Qt.CheckState.Checked)


class ValueCombo(QComboBox):
    """A value list that the mouse wheel does not change unless it was clicked into first: the
    pane scrolls instead (a wheel over an unfocused combo would record a correction)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # to the scroll area around the pane


class PropertyEditor(QWidget):
    """``record(field, text)`` is called for each correction (``prop:<key>``); it must outlive
    this widget (the pane is rebuilt while a dialog may be open)."""

    def __init__(self, rows: Sequence[PropRow], record: Callable[[str, str], object], *,
                 editable: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = list(rows)
        self._record = record
        self.editors: dict[str, QComboBox | QLineEdit] = {}  # by property name
        self.sent_labels: dict[str, QLabel] = {}
        self._last: dict[str, str] = {}  # the text last committed, by property name
        self.dialog: ValuesDialog | None = None
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for row in self.rows:
            form.addRow(self._label(row), self._field(row, editable))

    def _label(self, row: PropRow) -> QLabel:
        name = ("　" * row.depth + "└ " if row.depth else "") + row.prop.name
        label = QLabel(name + (" *" if row.prop.required else ""))
        if row.prop.required:
            label.setStyleSheet("color: #b42318;")
            label.setToolTip(self.tr("Required by this category"))
        return label

    def _field(self, row: PropRow, editable: bool) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 2)
        layout.setSpacing(1)
        editor = self._editor(row)
        editor.setEnabled(editable)
        self.editors[row.prop.name] = editor
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(editor, 1)
        if row.prop.multi and row.prop.values:
            pick = QToolButton()
            pick.setText("…")
            pick.setToolTip(self.tr("Choose several values"))
            pick.setEnabled(editable)
            pick.clicked.connect(lambda _=False, r=row: self._pick_several(r))
            line.addWidget(pick)
        layout.addLayout(line)
        sent = QLabel(self._sent_text(row))
        sent.setWordWrap(True)
        sent.setStyleSheet("color: #b42318;" if row.missing else "color: #52606d;")
        self.sent_labels[row.prop.name] = sent
        layout.addWidget(sent)
        for issue in row.notes:
            note = QLabel(("✖ " if issue.is_error else "⚠ ") + issue.message)
            note.setWordWrap(True)
            note.setStyleSheet("color: #b42318;" if issue.is_error else "color: #8a6100;")
            layout.addWidget(note)
        return box

    def _sent_text(self, row: PropRow) -> str:
        if row.missing:
            return self.tr("Required: not filled in yet")
        if not row.sent:
            return self.tr("Not sent") if not row.current else ""
        if row.typed:
            return self.tr("Sent as typed text: %1").replace("%1", row.sent)
        return self.tr("Sent: %1").replace("%1", row.sent)

    def _editor(self, row: PropRow) -> QComboBox | QLineEdit:
        prop = row.prop
        if not prop.values or prop.multi:
            edit = QLineEdit(row.current)
            edit.setPlaceholderText(self.tr("Several values: separate them with 、") if prop.multi
                                    else self.tr("Type the value"))
            edit.editingFinished.connect(lambda r=row, e=edit: self._commit(r, e.text()))
            return edit
        combo = ValueCombo()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItem("", "")
        for value in prop.values:
            combo.addItem(f"{value.name}（{value.alias}）" if value.alias else value.name,
                          value.name)
        completer = QCompleter(combo.model(), combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        combo.setCompleter(completer)
        combo.setEditText(row.current)
        if prop.typeable:
            combo.setToolTip(self.tr("Choose from the list or type your own"))
        combo.activated.connect(lambda n, r=row, c=combo: self._commit(r, c.itemData(n) or ""))
        edit = combo.lineEdit()
        if edit is not None:
            edit.editingFinished.connect(lambda r=row, c=combo: self._commit(
                r, self._named(c, c.currentText())))
        return combo

    @staticmethod
    def _named(combo: QComboBox, text: str) -> str:
        """The value's name for a list entry shown with its alias (白色（米白） → 白色)."""
        found = combo.findText(text)
        return str(combo.itemData(found)) if found > 0 else text

    def _pick_several(self, row: PropRow) -> ValuesDialog:
        editor = self.editors[row.prop.name]
        current = editor.text() if isinstance(editor, QLineEdit) else editor.currentText()
        dialog = ValuesDialog(row.prop, current, self.window())
        key, record = row.key, self._record
        dialog.accepted.connect(lambda: record(PROP + key, dialog.text()))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def editing(self) -> bool:
        """Text is being typed into one of the editors and not committed yet."""
        for name, editor in self.editors.items():
            if editor.hasFocus() or (isinstance(editor, QComboBox) and editor.lineEdit()
                                     and editor.lineEdit().hasFocus()):
                text = editor.text() if isinstance(editor, QLineEdit) else editor.currentText()
                row = next(r for r in self.rows if r.prop.name == name)
                if text.strip() != self._last.get(name, row.current.strip()):
                    return True
        return False

    def set_value(self, name: str, text: str) -> None:
        """Type ``text`` into property ``name``'s editor and commit it (as Enter does)."""
        row = next(r for r in self.rows if r.prop.name == name)
        editor = self.editors[name]
        if isinstance(editor, QLineEdit):
            editor.setText(text)
        else:
            editor.setEditText(text)
        self._commit(row, text)

    def _commit(self, row: PropRow, text: str) -> None:
        text = text.strip()
        if text == self._last.get(row.prop.name, row.current.strip()):
            return  # Enter, then the focus leaving: one correction
        self._last[row.prop.name] = text
        self._record(PROP + row.key, text)

    def plain_text(self) -> str:
        """What the editor shows, for tests and copying."""
        return "\n".join(w.text() for w in self.findChildren(QLabel) if w.text())

