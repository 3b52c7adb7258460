"""`taoshelf check` on the sheet contract: with the category data cached (filled from the
simulator over loopback) every rule is checked before anything is sent; without it, check says
exactly which checks it could not make and how to enable them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.simulator import Simulator
from tests.category_kit import check_args, fill_cache
from tests.props_kit import LEAVES, clothing_sheet


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code = main(["check", *args, "--json"])
    return code, json.loads(capsys.readouterr().out)


def _by_outer_id(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["outer_id"]: r for r in doc["rows"]}


def _codes(row: dict[str, Any], severity: str | None = None) -> set[str]:
    return {i["code"] for i in row["issues"] if severity in (None, i["severity"])}


def test_check_with_cached_data_checks_categories_properties_and_skus(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = clothing_sheet(tmp_path)
    with Simulator() as sim:
        fill_cache(sim, LEAVES, tree=True)
        code, doc = _check(capsys, str(sheet), *check_args(sim))
    assert code == 1
    rows = _by_outer_id(doc)
    assert [r["rows"] for r in doc["rows"]] == [[2, 3, 4], [5, 6, 7, 8], [9], [10], [11],
                                                [12, 13]]
    dress, tee, shirt = rows["DR-1"], rows["MT-1"], rows["SH-1"]
    assert _codes(dress, "error") == set()
    notes = {i["code"]: i for i in dress["issues"]}
    assert set(notes) == {"props.typed", "sku_properties.custom"}  # each a note on the row
    assert notes["props.typed"]["cell"] == "I2"
    assert "小鹿森林" in notes["props.typed"]["message"]
    assert notes["sku_properties.custom"]["cell"] == "F2"
    assert "雾霾蓝" in notes["sku_properties.custom"]["message"]
    [alias] = tee["issues"]
    assert alias["code"] == "sku_properties.alias"
    assert (alias["row"], alias["cell"]) == (7, "F7")  # the SKU row's own cell
    assert "奶油杏" in alias["message"]
    assert shirt["issues"] == []
    assert _codes(rows["BAD-SEASON"], "error") == {"props.required"}
    assert "年份/季节" in rows["BAD-SEASON"]["issues"][0]["message"]
    [ambiguous] = rows["BAD-NAME"]["issues"]
    assert ambiguous["code"] == "cid.ambiguous"
    assert "（50000671）" in ambiguous["message"]
    assert "（50000436）" in ambiguous["message"]
    assert _codes(rows["BAD-DIFF"], "error") == {"title.differs"}
    assert doc["notes"] == []  # nothing left unchecked, every property column claimed


def test_check_without_data_says_which_checks_were_not_made_and_how(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = _check(capsys, str(clothing_sheet(tmp_path)), "--env", "local", "--app-key",
                       "12345678")
    rows = _by_outer_id(doc)
    assert code == 1  # BAD-DIFF's second title needs no category data
    assert _codes(rows["BAD-DIFF"], "error") == {"title.differs"}
    [unchecked] = rows["DR-1"]["issues"]
    assert (unchecked["code"], unchecked["severity"]) == ("cid.unchecked", "warning")
    assert unchecked["cell"] == "C2"
    assert "它的属性也没有检查" in unchecked["message"]
    hint = "taoshelf categories refresh --env local --app-key 12345678"
    assert hint in unchecked["message"]
    assert _codes(rows["MT-1"]) == {"props.unchecked"}  # by id: only its properties wait
    assert _codes(rows["SH-1"]) == {"cid.unchecked"}
    text = "\n".join(doc["notes"])
    assert "没有核对类目 50000436、50000671 的属性" in text
    assert "第 2、9、11 行的类目名称没有核对" in text
    assert "I列「品牌」" in text  # maybe properties: said so, not called unknown
    assert hint in text


def test_the_template_with_cached_data_is_refused_only_for_being_the_example(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "模板.xlsx"
    assert main(["template", str(path)]) == 0
    capsys.readouterr()
    with Simulator() as sim:
        fill_cache(sim, [50000671], tree=True)
        code, doc = _check(capsys, str(path), *check_args(sim))
    [example] = doc["rows"]
    assert code == 1
    assert example["rows"] == [2, 3, 4, 5]
    assert [i["code"] for i in example["issues"]] == ["example.row"]
    assert doc["notes"] == []
