"""Starting the window: QApplication, translations, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.ui.main_window import MainWindow


def run_gui(sheet: Path | None = None, *, demo: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    window = MainWindow(demo=demo)
    if sheet is not None:
        window.open_sheet(sheet)
    window.show()
    return app.exec()
