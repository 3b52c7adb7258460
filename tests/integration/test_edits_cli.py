"""`taoshelf upload` again after editing the sheet: the dry run and the summary say which listed
items it changes and what; `--no-edits` lists only new rows and says what was not sent."""

from __future__ import annotations

from pathlib import Path

from app.simulator import Simulator, SimulatorConfig
from tests.integration.test_upload_cli import cli_env, run_cli, upload_cmd
from tests.sheetgen import HEADER, build_xlsx, product_row
from tests.upload_kit import items_by_outer_id, picture_file

__all__ = ["cli_env"]  # the fixture, used by name


def sheet(folder: Path, titles: dict[int, str]) -> Path:
    rows: list[list[object]] = [list(HEADER)]
    for i in range(1, 4):
        row = product_row(i, f"pics/{picture_file(folder / 'pics', f'm{i}.jpg', i).name}")
        if i in titles:
            row[1] = titles[i]
        rows.append(row)
    return build_xlsx(folder / "products.xlsx", rows)


def test_a_rerun_says_and_sends_the_edits_no_edits_keeps_them(
        tmp_path: Path, cli_env: dict[str, str]) -> None:
    with Simulator(SimulatorConfig()) as sim:
        session = sim.issue_session()
        first = run_cli(upload_cmd(sim, sheet(tmp_path, {}), "--session", session), cli_env)
        assert first.returncode == 0, first.stderr
        edited = sheet(tmp_path, {2: "纯棉T恤 改过的标题"})
        dry = run_cli(upload_cmd(sim, edited, "--session", session, "--dry-run"), cli_env)
        assert "修改已上架的商品 1" in dry.stderr
        assert "第 3 行（SKU-00002）将修改已上架的宝贝ID" in dry.stderr
        assert "：标题" in dry.stderr
        kept = run_cli(upload_cmd(sim, edited, "--session", session, "--no-edits"), cli_env)
        assert kept.returncode == 0, kept.stderr
        assert "以下修改没有同步到淘宝" in kept.stderr
        assert items_by_outer_id(sim)["SKU-00002"][0]["title"] != "纯棉T恤 改过的标题"
        sent = run_cli(upload_cmd(sim, edited, "--session", session), cli_env)
        assert sent.returncode == 0, sent.stderr
        assert "修改 1）" in sent.stderr
        assert items_by_outer_id(sim)["SKU-00002"][0]["title"] == "纯棉T恤 改过的标题"
        assert all(len(found) == 1 for found in items_by_outer_id(sim).values())
