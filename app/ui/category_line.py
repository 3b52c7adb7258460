"""What the line over the table says about the category data (`CategorySync`'s state), and its
one button: 下载完整类目树 (the cost asked first), 取消 while the tree downloads, 继续下载 after a
stop. `attach` wires the category work into the window (a sheet ready, a correction, the data
read → the rows resolved again)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from app.categories.service import WalkEstimate
from app.ui.category_sync import CategorySync

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


class CategoryLine(QObject):
    def __init__(self, sync: CategorySync, window: QWidget) -> None:
        super().__init__(window)
        self.sync = sync
        self._window = window
        self.question: QMessageBox | None = None  # the cost of the whole tree, asked first
        self.button = QPushButton()
        self.button.hide()
        self.button.clicked.connect(self._clicked)
        sync.line_changed.connect(self._show_button)

    def _show_button(self) -> None:
        state, button, estimate = self.sync.state, self.button, self.sync.estimate
        if state in ("need_tree", "stopped"):
            button.setText(self.tr("Download the whole category tree") if state == "need_tree"
                           else self.tr("Continue downloading the tree"))
            button.setToolTip(estimate.text if estimate else "")
            button.show()
        elif state == "walking":
            button.setText(self.tr("Cancel"))
            button.setToolTip("")
            button.show()
        else:
            button.hide()

    def text(self) -> str:
        """The category part of the line over the table ("" when there is nothing to say)."""
        sync = self.sync
        state, needed, estimate = sync.state, sync.pending, sync.estimate
        if state == "fetching":
            count = needed.categories if needed else 0
            text = self.tr("Downloading category data (%1 categories)…").replace("%1", str(count))
            if sync.calls:
                text += self.tr(" %1 calls so far").replace("%1", str(sync.calls))
            return text
        if state == "failed":
            return self.tr("Could not download the category data: %1").replace("%1", sync.message)
        if state == "need_tree":
            rows = needed.name_rows if needed else 0
            cost = (self.tr("about %1 calls") if estimate and estimate.exact
                    else self.tr("at least %1 calls")).replace(
                "%1", str(estimate.calls if estimate else 0))
            return (self.tr("%1 row(s) give their category by name only: finding it needs the "
                            "whole category tree (%2)").replace("%1", str(rows))
                    .replace("%2", cost))
        if state == "walking":
            return (self.tr("Downloading the whole category tree: %1 of about %2 calls…")
                    .replace("%1", str(sync.calls))
                    .replace("%2", str(max(sync.walk_planned, sync.calls))))
        if state == "stopped":
            return self.tr("Downloading the category tree was stopped; the next download "
                           "continues where it stopped.")
        return ""

    def unknown_text(self, count: int) -> str:
        """How the line names columns not recognised while there is no category data: they may
        be the categories' properties (never "use Match columns" for them)."""
        if self.sync.state == "no_shop":
            text = self.tr("; %1 column(s) may be category properties: the category data is "
                           "downloaded automatically once a shop is connected")
        else:
            text = self.tr("; %1 column(s) may be category properties: they are recognised "
                           "once the category data is there")
        return text.replace("%1", str(count))

    def _clicked(self) -> None:
        if self.sync.state == "walking":
            self.sync.cancel()
        else:
            self.ask_download()

    def ask_download(self) -> None:
        """The cost of the whole tree first; 下载 starts it (the line shows its progress)."""
        sync = self.sync
        if sync.busy:
            return
        if sync.estimate is None:  # asked from the picker: the sheet needed no tree so far
            sync.submit(lambda service: service.walk_estimate(), self._ask,
                        lambda why: QMessageBox.warning(self._window, self.tr("Categories"), why))
            return
        self._ask(sync.estimate)

    def _ask(self, found: WalkEstimate) -> None:
        sync = self.sync
        sync.estimate = found
        estimate = found.text
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Download the whole category tree"),
                          self.tr("%1\n\nDownload it now? You can stop at any time; the next "
                                  "download continues where it stopped.").replace("%1", estimate),
                          QMessageBox.StandardButton.Cancel, self._window)
        start = box.addButton(self.tr("Download"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(start)
        start.clicked.connect(sync.download_tree)
        box.finished.connect(box.deleteLater)
        self.question = box
        box.open()


def attach(window: MainWindow) -> CategoryLine:
    """The window's category work: read after each sheet is ready and after each correction
    that names a category not known yet; the rows resolved again with what was read."""
    shops = window.shops  # not the window: the worker's callables must not hold it
    sync = CategorySync(window.shop_identity, window.shop_connection,
                        lambda: shops.settings().publish_path, window)
    line = CategoryLine(sync, window)
    panel = window.products
    session = window.session  # every row resolved again, once the thumbnails are made
    sync.data_ready.connect(
        lambda data: session.after_thumbnails(lambda: panel.session.use_categories(data)))
    panel.review_changed.connect(sync.review_changed)
    panel.category_edits.set_sync(sync, line.ask_download)  # the picker reads through it
    return line
