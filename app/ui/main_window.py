"""The main window (minimal until the window issue lands)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QMainWindow


class MainWindow(QMainWindow):
    def __init__(self, *, demo: bool = False) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("TaoShelf") + (" — demo" if demo else ""))
        self._label = QLabel(self.tr("Drop a product sheet here"), self)
        self.setCentralWidget(self._label)
        self.resize(900, 600)

    def open_sheet(self, path: Path) -> None:
        self._label.setText(str(path))
