"""The README's screenshots of the window: ``uv run python docs/screenshots/make_screenshots.py``

The real window, offscreen (no display needed), in Chinese, on a screen of each size
(``--size 1366x768 --size 1920x1080``, the default): a shop is set up through the first-run
dialog on the local simulator (its authorisation page answered like a browser would), the
prepared sheet (the demo sheet: pictures, a product in colours and sizes, 类目 by name, a title
too long, a price with three decimals, a row without 商家编码) is opened, the whole category tree
downloaded (下载完整类目树: the sheet's bare names need it), uploaded with two rows refused by
the simulator, a listed row is corrected (同步修改) and 上架记录 opened; each step is grabbed with
``QWidget.grab()`` (dialogs on their own). Rows are found by their state and every wait is on a
condition (polled), never a pixel position, so new sections in the detail pane do not break it.
Nothing outside a temporary folder is touched: the per-user directories point there, the App
Secret goes to an in-memory keyring.
PNGs are reduced to 256 colours (`--full-colour` keeps them as grabbed).

Each size runs in its own process (Qt takes the screen size once, from
``QT_QPA_PLATFORM=offscreen:configfile=…``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
SIZES = ("1366x768", "1920x1080")
APP_KEY, SECRET, NICK = "23456789", "docs-screenshot-secret", "小雅的衣橱"
SHEET_NAME = "夏季新品.xlsx"
PORT = 47615  # a fixed gateway address in the pictures (any free port if taken)
REFUSED = {  # what the simulator answers the first two item.add calls
    "method": "taobao.item.add", "fault": "error", "code": 15,
    "sub_code": "isv.item-is-forbidden:title-contains-forbidden-word",
    "sub_msg": "宝贝标题中含有违禁词“顶级”，请修改后重新发布"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", action="append", help="WIDTHxHEIGHT (repeatable)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--full-colour", action="store_true")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # the child: one size
    args = parser.parse_args()
    if args.one:
        return shoot(args.one, args.out, not args.full_colour)
    failed = 0
    for size in args.size or SIZES:
        width, height = (int(v) for v in size.split("x"))
        with tempfile.TemporaryDirectory(prefix="taoshelf-shots-") as tmp:
            screen = Path(tmp) / "screen.json"
            screen.write_text(json.dumps({"screens": [{
                "name": "screen", "x": 0, "y": 0, "width": width, "height": height,
                "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
            env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}",
                   "TAOSHELF_HOME": str(Path(tmp) / "home"), "TAOSHELF_LANG": "zh_CN"}
            command = [sys.executable, str(Path(__file__).resolve()), "--one", size,
                       "--out", str(args.out)] + (["--full-colour"] if args.full_colour else [])
            failed += subprocess.run(  # noqa: S603 - this script, again
                command, env=env, cwd=ROOT, check=False).returncode != 0
    return 1 if failed else 0


def shoot(size: str, out: Path, reduce: bool) -> int:
    sys.path.insert(0, str(ROOT))
    import keyring
    from PySide6.QtGui import QFont, QFontDatabase  # noqa: TID251 - drives the window
    from PySide6.QtWidgets import QApplication, QWidget  # noqa: TID251

    from app import paths
    from app.simulator import Simulator, SimulatorConfig
    from app.ui.application import install_translations
    from app.ui.main_window import MainWindow
    from app.ui.row_state import Filter, Status
    from tests.keyring_memory import MemoryKeyring
    from tests.oauth_browser import Browser

    class DocsKeyring(MemoryKeyring):
        display_name = "Windows 凭据管理器"  # what the dialog says on the users' Windows

    app = QApplication([sys.argv[0]])
    install_translations(app)
    families = set(QFontDatabase.families())
    chosen = [f for f in ("Microsoft YaHei UI", "WenQuanYi Micro Hei") if f in families]
    if chosen:
        app.setFont(QFont(chosen[0], 9))
    keyring.set_keyring(DocsKeyring())
    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []

    def settle(condition: Callable[[], object] = lambda: True, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while True:
            for _ in range(5):
                app.processEvents()
            if condition():
                break
            if time.monotonic() > deadline:
                raise TimeoutError(f"{size}: waited {seconds} s")
            time.sleep(0.02)
        for _ in range(10):
            app.processEvents()

    def save(widget: QWidget, name: str) -> None:
        pause = time.monotonic() + 0.4  # the run bar and the counts redraw on timers
        settle(lambda: time.monotonic() > pause)
        path = out / f"{name}-{size}.png"
        widget.grab().save(str(path))
        if reduce:
            _reduce(path)
        shots.append(path)

    config = SimulatorConfig(app_key=APP_KEY, app_secret=SECRET, latency_ms=20)
    try:
        sim = Simulator(config, host="127.0.0.1", port=PORT).__enter__()
    except OSError:
        sim = Simulator(config, host="127.0.0.1", port=0).__enter__()
    try:
        folder = Path(tempfile.gettempdir()) / "淘上架截图" / "商品"  # named in the pictures
        shutil.rmtree(folder.parent, ignore_errors=True)
        folder.mkdir(parents=True)
        sheet = folder / SHEET_NAME
        shutil.copyfile(paths.resource("demo", "demo.xlsx"), sheet)

        window = MainWindow(open_browser=Browser(nick=NICK))
        window.showMaximized()  # the whole screen of each size (a 1920 screen opens at 90 %)
        settle()
        save(window, "00-start")

        setup = window.shop_ui.first_run()  # 设置 → 店铺, the first time
        assert setup is not None
        form = setup.form
        form.label_edit.setText("小雅的衣橱（试用）")
        form.app_key_edit.setText(APP_KEY)
        form.secret_edit.setText(SECRET)
        form.env_buttons["local"].setChecked(True)
        form.gateway_edit.setText(sim.router_url)
        form.authorize_button.click()
        settle(lambda: NICK in form.status_label.text() and not setup.tasks.busy)
        save(setup, "01-shop-setup")
        setup.accept()

        settings = window.shop_ui.open_settings()  # 设置 → 上架设置
        save(settings, "02-settings")
        settings.reject()

        window.open_sheet(sheet)
        settle(lambda: window.machine.state.value == "ready"
               and not window.session.pictures_pending)
        settle(lambda: all(s.thumbnail is not None for s in window.model.rows()
                           if s.has_picture))
        sync = window.categories.sync  # the shop's category data, read in the background
        settle(lambda: sync.calls > 0 and sync.state in ("idle", "need_tree"), seconds=120)
        if sync.state == "need_tree":  # 类目 by bare name (连衣裙): 下载完整类目树, as a shop would
            window.categories.button.click()
            question = window.categories.question
            assert question is not None
            settle(question.isVisible)
            question.defaultButton().click()  # 下载
            settle(lambda: sync.state == "idle" and window.products.settled and not any(
                i.code == "cid.unchecked" for s in window.model.rows() for i in s.issues),
                seconds=120)  # the walk ended, then the rows were resolved again
        save(window, "03-sheet-with-problems")

        panel = window.products

        def select(sheet_row: int) -> None:
            position = panel.model.position_of(sheet_row)
            assert position is not None
            panel.table.selectRow(panel.proxy.mapFromSource(
                panel.model.index(position, 0)).row())
            settle(lambda: panel.detail.sheet_row == sheet_row)

        too_long = next(s.product.row for s in window.model.rows()  # the title too long
                        if any(i.code == "title.too_long" for i in s.issues))
        select(too_long)
        settle(lambda: "图片" in panel.detail.plain_text())  # its pictures are looked at
        save(window, "04-detail-pane")
        panel.table.clearSelection()

        sim.set_faults(latency_ms=900, script=[REFUSED, REFUSED])
        window.run_panel.start_button.click()
        settle(lambda: window.coordinator.confirmation is not None)
        confirmation = window.coordinator.confirmation
        assert confirmation is not None
        settle(confirmation.isVisible)
        save(confirmation, "05-confirmation")
        confirmation.start_button.click()
        tally = lambda: window.run_panel.tally  # noqa: E731
        settle(lambda: tally() is not None and tally().done >= 7, seconds=120)
        save(window, "06-uploading")
        settle(lambda: not window.runs.running, seconds=180)

        panel.set_filter(Filter.FAILED)
        failed = [s.product.row for s in window.model.rows() if s.status is Status.FAILED]
        if failed:
            select(failed[0])
        save(window, "07-finished-with-failures")
        panel.set_filter(Filter.ALL)
        panel.table.clearSelection()

        sim.set_faults(latency_ms=20)
        shown = next(s.product for s in window.model.rows()  # one SKU: its own price
                     if s.status is Status.LISTED and not s.product.skus)
        listed = shown.row
        panel.session.edit(listed, "title", f"{shown.title}包邮")
        panel.session.edit(listed, "price", f"{shown.price - 10:.2f}")
        settle(lambda: panel.settled and panel.rows_to_sync() == [listed])
        select(listed)
        save(window, "08-changes-to-sync")
        panel.table.clearSelection()

        window.menus.history_action.trigger()  # 上架 → 上架记录
        history = window.history_dialog
        history.select_run(history.runs[0].id)
        save(history, "09-history")
        history.close()
        window.close()
    finally:
        sim.__exit__(None, None, None)
        shutil.rmtree(Path(tempfile.gettempdir()) / "淘上架截图", ignore_errors=True)
    for path in shots:
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}"
              f"  {path.stat().st_size // 1024} KB")
    return 0


def _reduce(path: Path) -> None:
    """256 colours, best compression: a window grab loses nothing visible."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT,
                                              dither=Image.Dither.NONE)
    small.save(path, optimize=True)


if __name__ == "__main__":
    sys.exit(main())
