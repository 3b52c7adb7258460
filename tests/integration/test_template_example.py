"""The template's example row is unmistakable: `check` refuses it until the user changes it,
and an upload of a template whose example row was forgotten lists only the user's own rows."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.excel.template import COLUMNS
from app.excel.template_columns import EXAMPLE_ROWS
from app.simulator import Simulator, SimulatorConfig
from tests.integration.test_upload_cli import ROOT, cli_env, upload_cmd
from tests.upload_kit import items_by_outer_id, picture_file

__all__ = ["cli_env"]  # fixture

EXAMPLE_TEXT = "这是模板里的示例行，请删除或改成你的商品"


def _template(path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["template", str(path)]) == 0
    capsys.readouterr()
    return path


def _check_json(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    code = main(["check", str(path), "--json", "--location", "浙江/杭州"])
    return code, json.loads(capsys.readouterr().out)


OWN_ROW = 2 + EXAMPLE_ROWS  # the first row after the example product


def _fill_own_row(path: Path, pictures: Path) -> None:
    """What a shop owner does: types a product below the example, forgets to delete it."""
    picture_file(pictures, "own.jpg", 3)
    wb = load_workbook(path)
    ws = wb["宝贝"]
    own = {"商家编码": "MY-001", "宝贝标题": "春季新款纯棉长袖衬衫 男", "一口价": 88,
           "库存": 10, "类目": 50000671, "宝贝描述": "纯棉面料，舒适透气。",
           "主图": "pics/own.jpg", "省份": "浙江", "城市": "杭州", "品牌": "太平鸟",
           "货号": "MY2026", "材质成分": "棉100%", "年份季节": "2026年春季"}
    for index, column in enumerate(COLUMNS, start=1):
        if column.header in own:
            ws.cell(row=OWN_ROW, column=index, value=own[column.header])
    wb.save(path)


def _own_example(path: Path) -> None:
    """The example product made the user's own: a title and a 商家编码 on each of its rows."""
    wb = load_workbook(path)
    ws = wb["宝贝"]
    for row in range(2, 2 + EXAMPLE_ROWS):
        ws[f"A{row}"] = "MY-002"
    ws["B2"] = "夏季纯棉圆领短袖T恤女宽松百搭上衣"
    wb.save(path)


def test_check_refuses_the_untouched_example_row(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = _check_json(_template(tmp_path / "模板.xlsx", capsys), capsys)
    assert code == 1
    [row] = doc["rows"]
    assert row["row"] == 2
    example = [i for i in row["issues"] if i["code"] == "example.row"]
    assert len(example) == 1
    assert example[0]["severity"] == "error"
    assert EXAMPLE_TEXT in example[0]["message"]


def test_changed_example_row_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _template(tmp_path / "模板.xlsx", capsys)
    _own_example(path)
    code, doc = _check_json(path, capsys)
    assert code == 0, doc


def test_example_row_keeping_its_code_is_still_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A new title alone is not enough: the example's 商家编码 marks it too."""
    path = _template(tmp_path / "模板.xlsx", capsys)
    wb = load_workbook(path)
    wb["宝贝"]["B2"] = "夏季纯棉圆领短袖T恤女宽松百搭上衣"
    wb.save(path)
    code, doc = _check_json(path, capsys)
    assert code == 1
    issue = next(i for i in doc["rows"][0]["issues"] if i["code"] == "example.row")
    assert issue["field"] == "outer_id"


def test_upload_of_a_template_with_the_example_left_in_lists_only_own_rows(
        tmp_path: Path, cli_env: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    path = _template(tmp_path / "商品.xlsx", capsys)
    _fill_own_row(path, tmp_path / "pics")
    code, doc = _check_json(path, capsys)
    assert code == 1
    assert [r["row"] for r in doc["rows"] if r["issues"] and
            any(i["severity"] == "error" for i in r["issues"])] == [2]  # the example, rows 2–5
    with Simulator(SimulatorConfig()) as sim:
        done = subprocess.run(
            [*upload_cmd(sim, path, "--session", sim.issue_session(), "--location", "浙江/杭州")],
            env=cli_env, cwd=ROOT, capture_output=True, text=True, timeout=240, check=False,
            encoding="utf-8")
        assert done.returncode == 3, done.stderr
        assert sorted(items_by_outer_id(sim)) == ["MY-001"]
        assert {c["method"] for c in sim.calls()} <= {
            "taobao.user.seller.get",  # whose session
            "taobao.itemcats.get", "taobao.itemprops.get", "taobao.itempropvalues.get",
            "taobao.items.custom.get", "taobao.item.add"}
        assert sum(c["method"] == "taobao.item.add" for c in sim.calls()) == 1
