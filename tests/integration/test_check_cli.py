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


def test_template_command_output_passes_check(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    out_path = tmp_path / "模板.xlsx"
    assert main(["template", str(out_path)]) == 0
    capsys.readouterr()
    code, _out, _err = run_check(capsys, str(out_path))
    assert code == 0


def test_small_embedded_picture_is_reported(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = build_xlsx(tmp_path / "small.xlsx", [HEADER, product_row(1)],
                      wps={"G2": picture(640, 640)})
    code, out, _err = run_check(capsys, str(path), "--json")
    issues = json.loads(out)["rows"][0]["issues"]
    assert any(i["field"] == "image" and "640" in i["message"] for i in issues), issues
    assert code == 1


def check_process(path: Path, *args: str) -> tuple[int, str, str]:
    """`python -m app check PATH --json` as a real process: (exit code, stdout, stderr)."""
    result = subprocess.run([sys.executable, "-m", "app", "check", str(path), "--json", *args],
                            capture_output=True, timeout=120, check=False)
    return (result.returncode, result.stdout.decode("utf-8"),
            result.stderr.decode("utf-8", "replace"))


def test_nan_inf_and_huge_numbers_are_row_errors_in_a_real_process(tmp_path: Path) -> None:
    rows = [HEADER] + [product_row(i, "https://x.cn/a.jpg") for i in range(1, 8)]
    rows[1][2] = "NaN"
    rows[2][2] = 1e26  # a number cell
    rows[3][2] = "1e26"
    rows[4][2] = "inf"
    rows[5][3] = "123456789012345678901234567890"  # stock
    rows[6][2] = "-0"
    code, out, err = check_process(build_xlsx(tmp_path / "nan.xlsx", rows))
    assert "Traceback" not in err
    assert code == 1, err
    by_row = {r["row"]: r["issues"] for r in json.loads(out)["rows"]}
    assert len(by_row) == 7  # every row listed once, none lost
    for row, cell in ((2, "C2"), (3, "C3"), (4, "C4"), (5, "C5"), (6, "D6")):
        errors = [i for i in by_row[row] if i["severity"] == "error"]
        assert errors, by_row[row]
        assert errors[0]["message"].startswith(f"{cell} "), by_row[row]
    assert [i["code"] for i in by_row[7]] == ["price.too_low"]
    assert by_row[8] == []


def test_nan_and_huge_numbers_in_a_csv_in_a_real_process(tmp_path: Path) -> None:
    path = tmp_path / "nan.csv"
    path.write_text("商家编码,标题,价格,库存,类目ID,成本价,快递费用\n"
                    "A1,T恤,nan,5,50000671,1e30,3\n"
                    "A2,衬衫,19.9,1e40,50000671,5,Infinity\n", encoding="utf-8")
    code, out, err = check_process(path, "--location", "浙江/杭州")
    assert "Traceback" not in err
    assert code == 1, err
    by_row = {r["row"]: r["issues"] for r in json.loads(out)["rows"]}
    numeric = {"price", "num", "cost", "express_fee"}
    cells = {row: sorted(i["message"].split(" ")[0] for i in issues
                         if i["severity"] == "error" and i["field"] in numeric)
             for row, issues in by_row.items()}
    assert cells == {2: ["C2", "F2"], 3: ["D3", "G3"]}


def test_csv_with_a_gbk_line_and_a_huge_cell_in_a_real_process(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    header = "商家编码,宝贝标题,价格,库存,类目ID,宝贝描述,主图\n"

    def line(n: int, title: str, desc: str = "纯棉面料，透气舒适") -> str:
        return f"A-{n},{title},59.90,10,50000671,{desc},https://x.cn/{n}.jpg\n"

    path.write_bytes(b"\xef\xbb\xbf" + header.encode() + line(1, "夏季短袖T恤").encode()
                     + line(2, "羊毛开衫外套").encode("gbk")
                     + line(3, "牛仔裤", "长" * 140_000).encode() + line(4, "运动鞋").encode())
    code, out, err = check_process(path, "--location", "浙江/杭州")
    assert "Traceback" not in err
    assert code == 1, err
    by_row = {r["row"]: [i["message"] for i in r["issues"] if i["severity"] == "error"]
              for r in json.loads(out)["rows"]}
    assert by_row[2] == by_row[5] == []
    assert by_row[3][0].startswith("第 3 行不是 UTF-8 编码")
    assert by_row[4][0].startswith("F4 描述有 140,000 个字符")
