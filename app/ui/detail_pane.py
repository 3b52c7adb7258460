"""The detail pane: everything about the selected row — Taobao's answer after a run (with the
request_id to copy and the item's page), the corrections made here (each one can be undone),
every issue with its cell, every field, and every picture large with what auto-fix will do.

Built from plain labels (`plain_text` gives what it shows). Rebuilt when the selection or the
selected row changes; pictures arrive later from `PictureInspector`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.catalog.model import Issue, Product
from app.catalog.resolve import CategoryData
from app.review_apply import value_text
from app.review_edits import RowEdits
from app.ui.detail_category import CategoryParts, category_parts
from app.ui.detail_listing import listing_section
from app.ui.detail_listing import pane_header as _header
from app.ui.detail_listing import pane_label as _label
from app.ui.picture_facts import COLOUR, DETAIL, MAIN, PictureFacts
from app.ui.row_state import STATUS_COLOURS, RowState, Status
from app.upload.events import RowStatus

ITEM_PAGE = "https://item.taobao.com/item.htm?id={}"
# Taobao's values of the choice fields, as the sheet's users write them
_CHOICES = {"new": "全新", "second": "二手", "fixed": "一口价", "auction": "拍卖",
            "onsale": "出售中", "instock": "仓库中", "seller": "卖家承担", "buyer": "买家承担"}
PICTURE_SIDE = 220  # px shown


def item_page(num_iid: int) -> str:
    return ITEM_PAGE.format(num_iid)


def issue_cell(product: Product, issue: Issue) -> str | None:
    """The cell to blame: the issue's own (when it names one), else its field's column."""
    return getattr(issue, "cell", None) or product.cell(issue.field)


class DetailPane(QWidget):
    undo_edit = Signal(int, str)  # sheet row, field ("" = every edit of the row)
    discard_stale = Signal(int)  # the row a stale entry was recorded on
    edit_pictures = Signal(int)  # sheet row
    copy_text = Signal(str)
    open_page = Signal(object)  # num_iid (beyond 32 bits)
    choose_category = Signal(int)  # sheet row: 选择类目…
    edit_field = Signal(int, str, str)  # sheet row, field, text (properties, SKUs)
    open_history = Signal(object)  # 上架记录, with this upload run chosen (None: none known)

    def __init__(self, actions_bar: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.heading.setFont(font)
        self.actions_bar = actions_bar
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(actions_bar)
        layout.addWidget(self.scroll, 1)
        self.sheet_row: int | None = None
        self.request_id_button: QPushButton | None = None
        self.undo_buttons: dict[str, QPushButton] = {}
        self.category = CategoryParts()
        self.show_nothing()

    # --- what is shown --------------------------------------------------------------------------
    def show_nothing(self) -> None:
        self.sheet_row = None
        self.heading.setText(self.tr("Select a row to see everything about it."))
        self.actions_bar.setVisible(False)
        self.category = CategoryParts()
        self._content([])

    def show_row(self, state: RowState, *, env: str | None, stale: list[RowEdits],
                 pictures: list[PictureFacts] | None, categories: CategoryData | None = None,
                 headers: tuple[str, ...] = (), more_edits: tuple[RowEdits, ...] = (),
                 editable: bool = True) -> None:
        """``categories``: the sheet's category data (the property editor); ``headers``: its
        unknown column headers; ``more_edits``: corrections on the product's other rows (its
        SKUs'); ``editable``: False while a run uses the rows."""
        product = state.product
        self.sheet_row = product.row
        self.heading.setText(self.tr("Row %1 · %2").replace("%1", str(product.row))
                             .replace("%2", product.key or ""))
        self.actions_bar.setVisible(True)
        self.request_id_button = None
        self.undo_buttons = {}
        parts: list[QWidget] = [self._status(state)]
        parts += self._answer(state, env)
        parts += listing_section(state, self.open_history.emit)  # changes not sent, undone
        parts += self._edits(state, stale, more_edits, categories)
        parts += self._issues(state)
        row = product.row
        editable = editable and state.status is not Status.RUNNING
        self.category = category_parts(
            state, categories, headers=headers, edited_rows={e.row for e in more_edits},
            editable=editable, choose=lambda: self.choose_category.emit(row),
            record=self.edit_field.emit, header=_header, label=_label)
        parts += self.category.widgets
        parts += self._pictures(state, pictures)
        parts += self._fields(state)
        self._content(parts)

    def plain_text(self) -> str:
        """Every text the pane shows, in order (for copying and for tests)."""
        texts = [self.heading.text()]
        texts += [w.text() for w in self.scroll.widget().findChildren(QLabel) if w.text()]
        return "\n".join(texts)

    # --- sections -------------------------------------------------------------------------------
    def _status(self, state: RowState) -> QWidget:
        text = state.status_text()
        outcome = state.outcome
        if state.status is Status.FAILED and outcome is not None and outcome.message == text:
            text = self.tr("Not listed: Taobao refused it (see below)")  # said in full below
        label = _label(text)
        colour = STATUS_COLOURS.get(state.status)
        if colour is not None:
            label.setStyleSheet(f"background: {colour.name()}; padding: 4px; border-radius: 3px;")
        return label

    def _answer(self, state: RowState, env: str | None) -> list[QWidget]:
        outcome = state.outcome
        out: list[QWidget] = []
        if outcome is not None and outcome.status in (RowStatus.FAILED, RowStatus.UNKNOWN,
                                                      RowStatus.SKIPPED) and outcome.message:
            out.append(_header(self.tr("Taobao's answer")))
            said = outcome.message
            if outcome.request_id:  # it has a line of its own below, with a copy button
                said = said.replace(f" [request_id: {outcome.request_id}]", "").rstrip()
            out.append(_label(said))
            code = " ".join(str(x) for x in (outcome.code, outcome.sub_code) if x is not None)
            if code:
                out.append(_label(self.tr("Error code: %1").replace("%1", code), small=True))
            if state.status is not Status.FAILED and state.upload_status is None:
                out.append(_label(self.tr("The row has been changed since: the next upload "
                                          "sends it again."), small=True))
        if outcome is not None and outcome.request_id:
            rid = outcome.request_id
            button = QPushButton(self.tr("Copy"))
            button.clicked.connect(lambda: self.copy_text.emit(rid))
            self.request_id_button = button
            out.append(_row(_label(f"request_id: {rid}", small=True), button))
        if state.num_iid is not None:
            out.append(self._page(state.num_iid, env))
        return out

    def _page(self, num_iid: int, env: str | None) -> QWidget:
        if env in ("local", "sandbox"):
            where = (self.tr("the built-in Taobao simulator") if env == "local"
                     else self.tr("the Taobao sandbox"))
            return _label(self.tr("Item ID %1 is on %2: it has no real Taobao page.")
                          .replace("%1", str(num_iid)).replace("%2", where))
        button = QPushButton(self.tr("Open item page"))
        button.clicked.connect(lambda: self.open_page.emit(num_iid))
        return _row(_label(item_page(num_iid), small=True, selectable=True), button)

    def editing(self) -> bool:
        """A property is being typed and not committed: a rebuild would lose the text."""
        editor = self.category.editor
        return editor is not None and editor.editing()

    def _edits(self, state: RowState, stale: list[RowEdits], more: tuple[RowEdits, ...] = (),
               categories: CategoryData | None = None) -> list[QWidget]:
        out: list[QWidget] = []
        paths = categories.paths if categories is not None else {}

        def shown(name: str, value: str) -> str:  # a category by its path, not its number
            path = paths.get(int(value)) if name == "cid" and value.isdigit() else None
            return f"{path}（{value}）" if path else value

        first = state.product.row
        entries = [(first, state.edits), *((e.row, e.edits) for e in more)]
        if any(edits for _row, edits in entries):
            out.append(_header(self.tr("Your corrections (the sheet file is unchanged)")))
        for row, edits in entries:
            for name, edit in edits.items():
                text = (self.tr("%1: 「%2」 → 「%3」, %4").replace("%1", edit.label)
                        .replace("%2", shown(name, edit.old)).replace("%3", shown(name, edit.new))
                        .replace("%4", edit.at[11:16]))
                if row != first:
                    text = self.tr("Row %1 ").replace("%1", str(row)) + text
                undo = QPushButton(self.tr("Undo"))
                undo.clicked.connect(lambda _=False, r=row, n=name: self.undo_edit.emit(r, n))
                self.undo_buttons[name if row == first else f"{row}:{name}"] = undo
                out.append(_row(_label(text), undo))
        for entry in stale:
            what = "；".join(f"{e.label}「{e.old}」→「{e.new}」" for e in entry.edits.values())
            if entry.skip:
                what = "；".join(x for x in (what, self.tr("skip this row")) if x)
            text = self.tr("Row %1 of the file has changed since these corrections were made, "
                           "so they are not applied: %2").replace("%1", str(entry.row))
            discard = QPushButton(self.tr("Discard"))
            discard.clicked.connect(lambda _=False, r=entry.row: self.discard_stale.emit(r))
            out.append(_row(_label(text.replace("%2", what)), discard))
        return out

    def _issues(self, state: RowState) -> list[QWidget]:
        if not state.issues:
            return []
        out: list[QWidget] = [_header(self.tr("What to fix"))]
        for issue in state.issues:
            cell = issue_cell(state.product, issue)
            text = issue.message
            if cell and not text.startswith(cell):
                text = f"{cell} {text}"
            label = _label(("✖ " if issue.is_error else "⚠ ") + text)
            label.setStyleSheet("color: #b42318;" if issue.is_error else "color: #8a6100;")
            out.append(label)
        return out

    def _fields(self, state: RowState) -> list[QWidget]:
        p = state.product
        out: list[QWidget] = [_header(self.tr("Values"))]
        shown = [
            ("outer_id", self.tr("Outer ID"), p.outer_id or self.tr("(none: %1 is used)")
             .replace("%1", p.generated_key or "")),
            ("title", self.tr("Title"), p.title),
            ("price", self.tr("Price"), value_text(p, "price")
             + (self.tr(" (from the cost price)") if p.price_computed else "")),
            ("num", self.tr("Stock"), value_text(p, "num")),
            ("location.state", self.tr("Province"), p.location_state),
            ("location.city", self.tr("City"), p.location_city),
            ("stuff_status", self.tr("Condition"), _CHOICES.get(p.stuff_status or "",
                                                                p.stuff_status)),
            ("type", self.tr("Sale type"), _CHOICES.get(p.type or "", p.type)),
            ("approve_status", self.tr("On sale"), _CHOICES.get(p.approve_status or "",
                                                                 p.approve_status)),
            ("sell_point", self.tr("Selling point"), p.sell_point),
            ("desc", self.tr("Description"), _short(p.desc)),
        ]
        for name, label, value in shown:
            if not value:
                continue
            cell = p.cell(name)
            head = f"{label}（{cell}）" if cell else label
            out.append(_label(f"{head}：{value}", selectable=True))
        for header, value in p.extra.items():
            out.append(_label(f"{header}：{_short(value)}", small=True))
        return out

    def _pictures(self, state: RowState, pictures: list[PictureFacts] | None) -> list[QWidget]:
        """Every picture the row sends: main and extra, then 详情图, then 颜色图."""
        p = state.product
        out: list[QWidget] = [_header(self.tr("Pictures"))]
        edit = QPushButton(self.tr("Change pictures…"))
        edit.clicked.connect(lambda: self.edit_pictures.emit(p.row))
        edit.setEnabled(state.status is not Status.RUNNING)
        if not p.images:
            out.append(_row(_label(self.tr("No picture.")), edit))
        else:
            out.append(_row(_label(self.tr("%1 picture(s)").replace("%1", str(len(p.images)))),
                            edit))
        if pictures is None:
            out.append(_label(self.tr("Checking the pictures…"), small=True))
            return out
        titles = {DETAIL: self.tr("Detail pictures (in the description): %1"),
                  COLOUR: self.tr("Colour pictures (shown for each colour): %1")}
        kind = MAIN
        for facts in pictures:
            if facts.kind != kind:
                kind = facts.kind
                count = sum(1 for f in pictures if f.kind == kind)
                out.append(_label(titles.get(kind, "%1").replace("%1", str(count))))
            out.append(_picture(facts, self.tr("Auto-fix before upload: %1"),
                                self.tr("Uploaded as it is.")))
        return out

    def _content(self, parts: list[QWidget]) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 6, 6)
        for part in parts:
            layout.addWidget(part)
        layout.addStretch(1)
        old = self.scroll.takeWidget()
        self.scroll.setWidget(body)
        if old is not None:
            old.deleteLater()


def _short(text: str | None, limit: int = 200) -> str:
    if not text:
        return ""
    return text if len(text) <= limit else text[:limit] + "…"


def _row(label: QLabel, button: QPushButton) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(label, 1)
    layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
    return box


def _picture(facts: PictureFacts, fix_text: str, as_is: str) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 4, 0, 4)
    if facts.preview:
        image = QLabel()
        pixmap = QPixmap()
        if pixmap.loadFromData(facts.preview):
            image.setPixmap(pixmap.scaled(PICTURE_SIDE, PICTURE_SIDE,
                                          Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.SmoothTransformation))
        layout.addWidget(image)
    layout.addWidget(_label(f"{facts.label} · {facts.location}", small=True, selectable=True))
    if facts.error:
        error = _label("✖ " + facts.error)
        error.setStyleSheet("color: #b42318;")
        layout.addWidget(error)
        return box
    if facts.summary:
        layout.addWidget(_label(facts.summary))
    if facts.preview is not None:
        layout.addWidget(_label(fix_text.replace("%1", "；".join(facts.actions))
                                if facts.actions else as_is, small=True))
    for issue in facts.issues:
        layout.addWidget(_label(("✖ " if issue.is_error else "⚠ ") + issue.message, small=True))
    return box
