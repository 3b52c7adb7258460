"""选择类目: a search box over the shop's cached category tree (names, paths and ids, as a 类目 cell
may be written), results as full paths with their ids, leaves only selectable; browsing level by
level (a level not read in the last seven days is read when opened: one call, off the GUI
thread, through `CategorySync.submit`); this shop's recently chosen leaves and the sheet's own on
top. An id or a path the cached tree does not know is looked up (one call per id, one per level).

The tree is searched on the GUI thread on a copy made on the category thread (its indexes built
there): 12 ms for 20,000 leaves. `chosen` is the leaf picked (`Candidate`: id and path).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.catalog.categories import (
    Candidate,
    CategoryNode,
    CategoryTree,
    NotFound,
    NotLeaf,
    Resolved,
    parse,
)
from app.categories.recent import load_recent
from app.categories.service import CategoryService
from app.ui.category_sync import CategorySync

CID_ROLE = Qt.ItemDataRole.UserRole + 1
LOADED_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_LIMIT = 50


@dataclass(frozen=True)
class _Loaded:
    tree: CategoryTree
    recent: tuple[Candidate, ...]
    top_fresh: bool


def _load(sheet_leaves: Sequence[int]) -> Callable[[CategoryService], _Loaded]:
    def job(service: CategoryService) -> _Loaded:
        cached = service.cached
        tree = CategoryTree(cached.tree.nodes(), complete=cached.complete)
        tree.search("索引")  # builds the search indexes here, not on the GUI thread
        wanted = [*load_recent(service.cache), *sheet_leaves]
        recent = tuple(tree.candidate(c) for c in dict.fromkeys(wanted)
                       if (n := tree.get(c)) is not None and not n.is_parent)
        return _Loaded(tree, recent[:12], service.cache.is_fresh(cached.levels.get(0)))
    return job


def _lookup(text: str) -> Callable[[CategoryService], list[CategoryNode]]:
    """An id or a path the copy does not know, asked of Taobao: the nodes on its way."""
    def job(service: CategoryService) -> list[CategoryNode]:
        answer = service.resolve(text)
        cids = [answer.cid] if isinstance(answer, Resolved) else []
        if isinstance(answer, NotLeaf):
            cids = [answer.node.cid]
        tree, found = service.tree, []
        for cid in cids:
            node = tree.get(cid)
            while node is not None:
                found.append(node)
                node = tree.get(node.parent_cid) if node.parent_cid else None
        return found
    return job


class CategoryPicker(QDialog):
    ready = Signal()  # the cached tree is shown
    level_loaded = Signal(int)  # the children of this category are shown
    searched = Signal()  # the results of the text in the box are shown (lookups included)

    def __init__(self, sync: CategorySync, *, current: int | None = None,
                 sheet_leaves: Sequence[int] = (), ask_tree: Callable[[], object] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose a category"))
        self.resize(660, 520)
        self._sync = sync
        self._current = current
        self.tree: CategoryTree | None = None
        self.chosen: Candidate | None = None
        self._looked_up: set[str] = set()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr(
            "Name, path or category ID, e.g. 连衣裙, 女装 > 连衣裙 or 50010850"))
        self.search.setClearButtonEnabled(True)
        self.results = QTreeWidget()
        self.results.setHeaderLabels([self.tr("Category"), self.tr("Category ID")])
        self.results.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.results.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.results.header().setStretchLastSection(False)
        self.status = QLabel(self.tr("Reading the categories…"))
        self.status.setWordWrap(True)
        self.tree_button = QPushButton(self.tr("Download the whole category tree…"))
        self.tree_button.setVisible(False)
        self._can_download = ask_tree is not None
        if ask_tree is not None:
            self.tree_button.clicked.connect(ask_tree)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Choose"))
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self._accept_current)
        self.buttons.rejected.connect(self.reject)
        foot = QHBoxLayout()
        foot.addWidget(self.status, 1)
        foot.addWidget(self.tree_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addLayout(foot)
        layout.addWidget(self.buttons)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(200)
        self._typing.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._typing.start())
        self.search.returnPressed.connect(self.run_search)
        self.results.itemExpanded.connect(self._expanded)
        self.results.itemSelectionChanged.connect(self._selection)
        self.results.itemDoubleClicked.connect(self._double_clicked)
        sync.submit(_load(sheet_leaves), self._loaded, self._load_failed)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in the search box searches (`returnPressed`) and chooses nothing: the user has
        not seen the results yet. Enter in the results chooses the selected leaf (选择)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.search.hasFocus():
            event.accept()
            return
        super().keyPressEvent(event)

    # --- the cached tree ------------------------------------------------------------------------
    def _loaded(self, loaded: _Loaded) -> None:
        self.tree = loaded.tree
        self._recent = loaded.recent
        self._say_size()
        if self.search.text().strip():
            self.run_search()
        else:
            self._browse()
        if not loaded.top_fresh:
            self._read_level(0, None)
        self.ready.emit()

    def _load_failed(self, why: str) -> None:
        self.status.setText(self.tr("Could not read the categories: %1").replace("%1", why))

    def _say_size(self) -> None:
        tree = self.tree
        if tree is None:
            return
        leaves = len(tree.leaves())
        if tree.complete:
            self.status.setText(self.tr("%1 categories (the whole tree).").replace(
                "%1", str(leaves)))
            self.tree_button.setVisible(False)
        else:
            self.status.setText(self.tr(
                "Only the %1 categories downloaded so far are searched; open the levels below "
                "to browse the rest, or download the whole tree.").replace("%1", str(leaves)))
            self.tree_button.setVisible(self._can_download)

    # --- browsing -------------------------------------------------------------------------------
    def _browse(self) -> None:
        self.results.clear()
        tree = self.tree
        if tree is None:
            return
        if self._recent:
            group = QTreeWidgetItem([self.tr("Recently used")])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.results.addTopLevelItem(group)
            for candidate in self._recent:
                group.addChild(self._leaf_item(candidate))
            group.setExpanded(True)
        for node in tree.children(0):
            self.results.addTopLevelItem(self._node_item(node))

    def _node_item(self, node: CategoryNode) -> QTreeWidgetItem:
        item = QTreeWidgetItem([node.name, str(node.cid)])
        item.setData(0, CID_ROLE, node.cid)
        if node.is_parent:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
        return item

    def _leaf_item(self, candidate: Candidate) -> QTreeWidgetItem:
        item = QTreeWidgetItem([candidate.path, str(candidate.cid)])
        item.setData(0, CID_ROLE, candidate.cid)
        item.setToolTip(0, candidate.path)
        if candidate.cid == self._current:
            item.setText(0, self.tr("%1 (now)").replace("%1", candidate.path))
        return item

    def _expanded(self, item: QTreeWidgetItem) -> None:
        cid = item.data(0, CID_ROLE)
        if cid is None or item.data(0, LOADED_ROLE):
            return
        item.setData(0, LOADED_ROLE, True)
        self._read_level(int(cid), item)

    def _read_level(self, cid: int, item: QTreeWidgetItem | None) -> None:
        """The children of ``cid`` from the cache, or read now (one call) when not fresh."""
        waiting = QTreeWidgetItem([self.tr("Reading…")])
        waiting.setFlags(Qt.ItemFlag.NoItemFlags)
        if item is not None:
            item.addChild(waiting)

        def shown(nodes: list[CategoryNode]) -> None:
            if self.tree is not None:
                self.tree.replace_children(cid, nodes)
            if item is None:
                if not self.search.text().strip():
                    self._browse()
            else:
                item.takeChildren()
                for node in nodes:
                    item.addChild(self._node_item(node))
            self._say_size()
            self.level_loaded.emit(cid)

        def failed(why: str) -> None:
            waiting.setText(0, self.tr("Could not read this level: %1").replace("%1", why))
            if item is None:
                self.status.setText(waiting.text(0))
            else:
                item.setData(0, LOADED_ROLE, False)

        self._sync.submit(lambda service: service.level(cid), shown, failed)

    # --- searching ------------------------------------------------------------------------------
    def run_search(self) -> None:
        self._typing.stop()
        text = self.search.text().strip()
        tree = self.tree
        if tree is None:
            return
        if not text:
            self._browse()
            self._say_size()
            self.searched.emit()
            return
        found = tree.search(text, SEARCH_LIMIT)
        answer = tree.resolve(text)
        if isinstance(answer, Resolved) and all(c.cid != answer.cid for c in found):
            found.insert(0, tree.candidate(answer.cid))
        self.results.clear()
        for candidate in found:
            self.results.addTopLevelItem(self._leaf_item(candidate))
        if isinstance(answer, NotLeaf):
            item = self._node_item(tree.get(answer.node.cid) or CategoryNode(
                answer.node.cid, 0, answer.node.path, True))
            item.setText(0, self.tr("%1 (a parent category: open it and choose below)")
                         .replace("%1", answer.node.path))
            self.results.insertTopLevelItem(0, item)
        parsed = parse(text)
        if not found and not tree.complete and (parsed.cid is not None or parsed.is_path) \
                and text not in self._looked_up:
            self._looked_up.add(text)
            self.status.setText(self.tr("Looking it up on Taobao…"))
            self._sync.submit(_lookup(text), self._looked, self._lookup_failed)
            return
        if found:
            self.results.setCurrentItem(self.results.topLevelItem(0))
            self._say_size()
            if tree.complete:  # the answer first; the tree's size after it
                self.status.setText(self.tr("%1 found among %2 categories.").replace(
                    "%1", str(len(found))).replace("%2", str(len(tree.leaves()))))
        else:
            closest = tree.closest(text) if not isinstance(answer, NotFound) or \
                not answer.closest else list(answer.closest)
            for candidate in closest:
                self.results.addTopLevelItem(self._leaf_item(candidate))
            self.status.setText(self.tr("Nothing found for 「%1」.").replace("%1", text) + (
                self.tr(" Closest: see the list.") if closest else ""))
        self.searched.emit()

    def _looked(self, nodes: list[CategoryNode]) -> None:
        if self.tree is not None and nodes:
            self.tree.add(nodes)
        self.run_search()

    def _lookup_failed(self, why: str) -> None:
        self.status.setText(self.tr("Could not look it up: %1").replace("%1", why))
        self.searched.emit()

    # --- choosing -------------------------------------------------------------------------------
    def _selected_leaf(self) -> int | None:
        items = self.results.selectedItems()
        if not items or self.tree is None:
            return None
        cid = items[0].data(0, CID_ROLE)
        node = self.tree.get(int(cid)) if cid is not None else None
        return node.cid if node is not None and not node.is_parent else None

    def _selection(self) -> None:
        self.ok_button.setEnabled(self._selected_leaf() is not None)

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        if self._selected_leaf() is not None:
            self._accept_current()

    def choose(self, cid: int) -> None:
        """Pick ``cid`` (a leaf of the copy) and close: what a double-click does."""
        if self.tree is not None and (node := self.tree.get(cid)) is not None \
                and not node.is_parent:
            self.chosen = self.tree.candidate(cid)
            self.accept()

    def _accept_current(self) -> None:
        cid = self._selected_leaf()
        if cid is not None:
            self.choose(cid)
