"""`taoshelf check`: the JSON contract, exit codes 0/1/2 and Chinese messages, on real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from tests.sheetgen import HEADER, build_xlsx, picture, product_row


def run_check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_sheet_exit_0_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = build_xlsx(tmp_path / "ok.xlsx", [HEADER, product_row(1), product_row(2)],
                      floating={"G2": picture(800, 800)}, wps={"G3": picture(800, 800)})
    code, out, _err = run_check(capsys, str(path), "--json")
    doc = json.loads(out)
    assert code == 0
    assert set(doc) == {"file", "rows", "errors", "warnings"}
    assert doc["file"] == str(path)
    assert (doc["errors"], doc["warnings"]) == (0, 0)
    assert [(r["row"], r["outer_id"], r["issues"]) for r in doc["rows"]] == [
        (2, "SKU-00001", []), (3, "SKU-00002", [])]


def test_row_errors_exit_1_with_fields_and_cells(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    rows = [HEADER, product_row(1, "https://x.cn/a.jpg"), product_row(2, "https://x.cn/b.jpg"),
            product_row(3, "https://x.cn/c.jpg")]
    rows[1][1] = "超长标题" * 10
    rows[2][2] = "abc"
    rows[3][0] = None
    code, out, _err = run_check(capsys, str(build_xlsx(tmp_path / "bad.xlsx", rows)), "--json")
    doc = json.loads(out)
    assert code == 1
    by_row = {r["row"]: r for r in doc["rows"]}
    title = by_row[2]["issues"][0]
    assert (title["severity"], title["field"]) == ("error", "title")
    assert title["code"] == "title.too_long"
    assert title["message"].startswith("标题 80 字节，超过 60 字节上限")
    price = by_row[3]["issues"][0]
    assert (price["field"], price["message"]) == ("price", "C3 价格「abc」不是数字")
    assert by_row[4]["outer_id"].startswith("TS")  # the generated key stands in
    assert by_row[4]["issues"][0]["severity"] == "warning"
    assert (doc["errors"], doc["warnings"]) == (2, 1)


def test_text_output_and_location_default(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    rows = [HEADER[:7], product_row(1, "https://x.cn/a.jpg")[:7]]  # no 省份/城市 columns
    path = build_xlsx(tmp_path / "loc.xlsx", rows)
    code, out, _ = run_check(capsys, str(path))
    assert code == 1
    assert "所在地省份为空" in out
    code, out, _ = run_check(capsys, str(path), "--location", "浙江/杭州")
    assert code == 0
    assert "共 0 个错误" in out


def test_unusable_file_exit_2_message_on_stderr(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nothing.xlsx"
    path.write_bytes(b"")
    code, out, err = run_check(capsys, str(path), "--json")
    assert code == 2
    assert out == ""
    assert "空文件" in err


def test_as_a_real_process(tmp_path: Path) -> None:
    path = build_xlsx(tmp_path / "p.xlsx", [HEADER, product_row(1, "https://x.cn/a.jpg")])
    result = subprocess.run([sys.executable, "-m", "app", "check", str(path), "--json"],
                            capture_output=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert json.loads(result.stdout.decode("utf-8"))["rows"][0]["outer_id"] == "SKU-00001"


def test_template_command_output_is_refused_only_for_its_example_row(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_path = tmp_path / "模板.xlsx"
    assert main(["template", str(out_path)]) == 0
    capsys.readouterr()
    code, out, _err = run_check(capsys, str(out_path))
    assert code == 1
    assert "这是模板里的示例行" in out
    assert "共 1 个错误、0 个提醒" in out


def test_small_embedded_picture_is_reported(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = build_xlsx(tmp_path / "small.xlsx", [HEADER, product_row(1)],
                      wps={"G2": picture(640, 640)})
    code, out, _err = run_check(capsys, str(path), "--json")
    issues = json.loads(out)["rows"][0]["issues"]
    assert any(i["field"] == "image" and "640" in i["message"] for i in issues), issues
    assert code == 1
