"""The detail pane shows every picture a row sends: main and extra pictures, the 详情图 of the
description and one 颜色图 per colour — each large, with its size and format, what auto-fix does
and what is still wrong, judged as the sheet's check judges it."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow
from tests.sheetgen import build_xlsx, picture


def _sheet(tmp_path: Path) -> Path:
    pics = tmp_path / "pics"
    pics.mkdir()
    for name, (width, height), colour in (("main", (800, 800), (200, 80, 40)),
                                          ("d1", (750, 300), (30, 90, 160)),
                                          ("d2", (750, 1200), (60, 160, 60)),
                                          ("white", (800, 800), (240, 240, 240)),
                                          ("haze", (600, 600), (120, 140, 170))):
        (pics / f"{name}.jpg").write_bytes(picture(width, height, colour, fmt="JPEG"))
    header = ["商家编码", "宝贝标题", "颜色", "尺码", "SKU价格", "SKU库存", "颜色图", "主图",
              "详情图", "省份", "城市"]
    rows = [header,
            ["TEE-1", "纯棉短袖T恤 女 宽松", "白色", "S", 59, 10, "pics/white.jpg",
             "pics/main.jpg", "pics/d1.jpg\npics/d2.jpg", "浙江", "杭州"],
            ["TEE-1", None, "白色", "M", 59, 3, "pics/white.jpg"],
            ["TEE-1", None, "雾霾蓝", "S", 69, 4, "pics/haze.jpg"],
            ["TEE-1", None, "雾霾蓝", "M", 69, 6, None]]
    return build_xlsx(tmp_path / "颜色尺码.xlsx", rows)


def test_the_pane_shows_detail_and_colour_pictures_too(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loader.signals.loaded, timeout=30_000):
        window.open_sheet(_sheet(tmp_path))
    panel = window.products
    panel.table.selectRow(0)
    pane = panel.detail
    qtbot.waitUntil(lambda: "颜色图 · 雾霾蓝" in pane.plain_text(), timeout=30_000)
    lines = pane.plain_text().splitlines()
    text = "\n".join(lines)
    for label, size in (("主图", "800×800"), ("详情图1", "750×300"), ("详情图2", "750×1200"),
                        ("颜色图 · 白色", "800×800"), ("颜色图 · 雾霾蓝", "600×600")):
        at = next(i for i, line in enumerate(lines) if line.startswith(label + " · "))
        assert f"JPEG {size}" in lines[at + 1], (label, lines[at: at + 3])
    assert "Detail pictures (in the description): 2" in text
    assert sum(1 for line in lines if line.startswith("颜色图 · ")) == 2  # one per colour
    # a description picture may be any shape (as the sheet's check says); a colour picture not
    assert "详情图1 750×300 不是正方形" not in text
    assert "小于 800×800" in text  # 雾霾蓝's 600×600 colour picture
    assert lines.index(next(x for x in lines if x.startswith("主图 · "))) < lines.index(
        next(x for x in lines if x.startswith("详情图1 · "))) < lines.index(
        next(x for x in lines if x.startswith("颜色图 · 白色")))
