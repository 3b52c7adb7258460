"""Detail pictures (详情图) and the picture space, through the engine against the simulator:
re-hosted once per content, the description as text paragraphs + pictures in order, a sheet URL
never hot-linked, the room checked before the run and a full space stopping it."""

from __future__ import annotations

import hashlib
import re
import shutil
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from app.catalog.model import ImageRef, ImageSource
from app.simulator import Simulator, SimulatorConfig
from app.upload.console import summary_text
from app.upload.events import RowListed, RowStatus, StopReason
from app.upload.journal import Journal, RowState, Scope
from app.upload.pictures import default_preparer
from app.upload.plan import Action
from app.upload.settings import UploadSettings
from tests.integration.test_upload_cli import cli_env, run_cli, upload_cmd
from tests.sheetgen import HEADER, build_xlsx, picture, product_row
from tests.upload_kit import (
    DESC,
    calls,
    client_for,
    door,
    items_by_outer_id,
    make_engine,
    picture_file,
    variant_products,
)

__all__ = ["cli_env"]  # fixture

SCOPE = Scope("demo_shop", "local", "sheet-1")
SRC = re.compile(r'<img align="absmiddle" src="([^"]+)" style="max-width:750px" />')


def run_once(sim: Simulator, journal: Journal, products: list, **kw: object):
    client = client_for(sim, sim.issue_session())
    run = make_engine(client, journal, products, **kw)  # type: ignore[arg-type]
    plan = run.engine.prepare(products, {})
    return run, plan, run.engine.run(plan)


def methods(sim: Simulator, since: int = 0) -> Counter[str]:
    return Counter(c["method"] for c in calls(sim)[since:])


def space_by_sha(sim: Simulator) -> dict[str, str]:
    return {p["sha256"]: p["picture_path"] for p in door(sim, "pictures")["pictures"]}


def sha_of(ref: ImageRef) -> str:
    return hashlib.sha256(Path(ref.location).read_bytes()).hexdigest()


def test_detail_pictures_are_uploaded_once_per_content_and_shown_in_order(
        tmp_path: Path) -> None:
    pics = tmp_path / "pics"
    first = variant_products(3, pics, colour_pictures=False)
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        _, _, summary = run_once(sim, journal, first)
        assert (summary.listed, summary.failed) == (3, 0)
        # 2 own detail pictures per row + the one all rows share; main pictures travel inline
        assert methods(sim)["taobao.picture.upload"] == 3 * 2 + 1
        space = space_by_sha(sim)
        items = items_by_outer_id(sim)
        for p in first:
            desc = items[p.key][0]["desc"]
            text = "<p>纯棉面料 &lt;舒适&gt; &amp; 透气</p><p>洗涤：30℃ 以下手洗</p>"
            assert desc.startswith(text)
            assert SRC.findall(desc) == [space[sha_of(r)] for r in p.detail_images]
            assert all(u.startswith("https://img.alicdn.com/imgextra/") for u in SRC.findall(desc))

        # next run: two new rows; one's detail picture is a copy (same bytes, another file) of
        # a picture already in the space, the shared one too: only new content is uploaded
        second = variant_products(2, pics, colour_pictures=False, start=4)
        copy = pics / "copy_of_d1_0.jpg"
        shutil.copy(first[0].detail_images[0].location, copy)
        second[0].detail_images[0] = ImageRef(ImageSource.PATH, str(copy))
        before = len(calls(sim))
        _, _, again = run_once(sim, journal, first + second)
        assert (again.listed, again.created) == (5, 2)
        assert methods(sim, before)["taobao.picture.upload"] == 3  # d4_1, d5_0, d5_1
        desc = items_by_outer_id(sim)[second[0].key][0]["desc"]
        assert SRC.findall(desc)[0] == SRC.findall(items[first[0].key][0]["desc"])[0]
        assert all(len(v) == 1 for v in items_by_outer_id(sim).values())


class _Pictures(BaseHTTPRequestHandler):
    body = picture(900, 1200, (30, 120, 200), fmt="JPEG", label="detail")

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)


@pytest.fixture
def picture_site() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Pictures)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_detail_picture_given_as_a_url_is_re_hosted_not_hot_linked(
        tmp_path: Path, picture_site: str) -> None:
    url = f"{picture_site}/shop/detail.jpg"
    products = variant_products(2, tmp_path / "pics", details=1, shared_detail=False,
                                colour_pictures=False)
    for p in products:
        p.detail_images.append(ImageRef(ImageSource.URL, url))
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        _, _, summary = run_once(sim, journal, products,
                                 preparer=default_preparer(tmp_path))  # reads and downloads
        assert (summary.listed, summary.failed) == (2, 0)
        assert methods(sim)["taobao.picture.upload"] == 2 + 1  # the URL's picture once
        space = set(space_by_sha(sim).values())
        for item in (v[0] for v in items_by_outer_id(sim).values()):
            assert picture_site not in item["desc"]
            urls = SRC.findall(item["desc"])
            assert len(urls) == 2
            assert set(urls) <= space
        assert len({SRC.findall(v[0]["desc"])[1] for v in items_by_outer_id(sim).values()}) == 1


def test_a_description_too_long_with_its_pictures_is_blocked_before_anything_is_sent(
        tmp_path: Path) -> None:
    products = variant_products(2, tmp_path / "pics", colour_pictures=False)
    products[1].desc = "很长的描述" * 4950  # 24,750 characters: fits alone, not with 3 pictures
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        _, plan, summary = run_once(sim, journal, products)
        assert [w.action for w in plan.works] == [Action.CREATE, Action.BLOCKED]
        assert "详情图" in plan.works[1].reasons[0]
        assert "24999" in plan.works[1].reasons[0]
        assert summary.outcomes[products[1].row].status is RowStatus.BLOCKED
        assert set(items_by_outer_id(sim)) == {products[0].key}
        assert methods(sim)["taobao.picture.upload"] == 3  # the blocked row's pictures never went


def test_a_full_picture_space_before_the_run_stops_it_with_one_message_and_sends_nothing(
        tmp_path: Path) -> None:
    products = variant_products(4, tmp_path / "pics")
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        sim.set_faults(picture_space_bytes=20_000)
        _, _, summary = run_once(sim, journal, products)
        assert summary.stop_reason is StopReason.PICTURE_SPACE
        assert "上架没有开始" in summary.message
        assert "17 张图片" in summary.message  # 4 × (2 own + 2 colours) + the shared one
        assert "图片空间只剩 20 KB" in summary.message
        assert (summary.left, summary.failed, summary.listed) == (4, 0, 0)
        assert summary.message in summary_text(summary)
        assert methods(sim) == {"taobao.items.custom.get": 1, "taobao.picture.userinfo.get": 1}
        assert {r.state for r in journal.rows(SCOPE).values()} == {RowState.PENDING}
        # room made: the same rows go
        sim.set_faults(picture_space_bytes=1 << 30)
        _, _, again = run_once(sim, journal, products)
        assert (again.stop_reason, again.listed) == (StopReason.COMPLETED, 4)


def test_the_space_filling_up_mid_run_stops_it_and_a_rerun_lists_each_row_once(
        tmp_path: Path) -> None:
    products = variant_products(5, tmp_path / "pics")
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        def fill_up(event: object) -> None:  # the shop owner uploads pictures meanwhile
            if isinstance(event, RowListed) and event.key == products[1].key:
                used = sum(p["sizes"] for p in sim.pictures())
                sim.set_faults(picture_space_bytes=used)

        client = client_for(sim, sim.issue_session())
        run = make_engine(client, journal, products,
                          settings=UploadSettings(workers=1, reconcile_delay=0.2))
        run.engine.subscribe(fill_up)
        summary = run.engine.run(run.engine.prepare(products, {}))
        assert summary.stop_reason is StopReason.PICTURE_SPACE
        assert "上架已停止" in summary.message
        assert "还没处理的 3 行" in summary.message
        assert "PICTURE_OVER_AVAILSPACE" not in summary.message
        assert (summary.listed, summary.failed, summary.left) == (2, 0, 3)
        refused = [c for c in calls(sim) if c.get("sub_code", "") and
                   c["sub_code"].endswith("PICTURE_OVER_AVAILSPACE")]
        assert len(refused) == 1  # the first refusal stopped the run
        states = {r.key: r.state for r in journal.rows(SCOPE).values()}
        assert [states[p.key] for p in products[2:]] == [RowState.PENDING] * 3

        sim.set_faults(picture_space_bytes=1 << 30)
        _, _, again = run_once(sim, journal, products)
        assert (again.stop_reason, again.listed, again.created) == (StopReason.COMPLETED, 5, 3)
        items = items_by_outer_id(sim)
        assert sorted(items) == sorted(p.key for p in products)
        assert all(len(v) == 1 for v in items.values())
        ok = [c for c in calls(sim) if c["method"] == "taobao.picture.upload"
              and c["verdict"] == "ok"]
        assert len(ok) == len(space_by_sha(sim)) == 5 * 4 + 1  # every content once in all
        for p in products:
            assert len(items[p.key][0]["prop_imgs"]) == 2


def test_desc_text_is_sent_as_written_when_the_row_has_no_detail_pictures(
        tmp_path: Path) -> None:
    products = variant_products(1, tmp_path / "pics", details=0, shared_detail=False,
                                colour_pictures=False)
    with Simulator(SimulatorConfig()) as sim, Journal(tmp_path / "j.db") as journal:
        run_once(sim, journal, products)
        assert items_by_outer_id(sim)[products[0].key][0]["desc"] == DESC
        assert "taobao.picture.userinfo.get" not in methods(sim)  # nothing goes to the space


def test_cli_says_once_that_the_picture_space_is_full_and_lists_nothing(
        tmp_path: Path, cli_env: dict[str, str]) -> None:
    pics = tmp_path / "pics"
    shared = picture_file(pics, "shared.jpg", 99).name  # an extra picture every row shows
    rows: list[list[object]] = [list(HEADER)]
    for i in range(1, 5):
        rows.append(product_row(i, f"pics/{picture_file(pics, f'm{i}.jpg', i).name};"
                                   f"pics/{shared}"))
    sheet = build_xlsx(tmp_path / "products.xlsx", rows)
    with Simulator(SimulatorConfig()) as sim:
        sim.set_faults(picture_space_bytes=1000)
        done = run_cli(upload_cmd(sim, sheet, "--session", sim.issue_session()), cli_env)
        assert done.returncode == 3, done.stderr
        assert done.stderr.count("图片空间容量不足") == 1
        assert "上架没有开始：这次有 4 行要往图片空间上传约 1 张图片" in done.stderr
        assert "图片空间只剩 1000 字节" in done.stderr
        assert "失败 0 行" in done.stderr
        assert items_by_outer_id(sim) == {}
        assert "taobao.picture.upload" not in methods(sim)
