from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow


def test_window_opens(qtbot: QtBot) -> None:
    window = MainWindow(demo=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.isVisible()
