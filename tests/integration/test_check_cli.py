"""`taoshelf check`: the JSON contract, exit codes 0/1/2 and Chinese messages, on real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.simulator import Simulator
from tests.category_kit import check_args, fill_cache
from tests.sheetgen import HEADER, build_xlsx, picture, product_row


def run_check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_sheet_exit_0_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = build_xlsx(tmp_path / "ok.xlsx", [HEADER, product_row(1), product_row(2)],
                      floating={"G2": picture(800, 800)}, wps={"G3": picture(800, 800)})
    with Simulator() as sim:
        fill_cache(sim, [50000671])  # the leaf's rules cached: every check can be made
        code, out, _err = run_check(capsys, str(path), "--json", *check_args(sim))
    doc = json.loads(out)
    assert code == 0
    assert set(doc) == {"file", "sheet", "header_row", "columns", "notes", "rows", "errors",
                        "warnings"}
    assert doc["file"] == str(path)
    assert (doc["sheet"], doc["header_row"], doc["notes"]) == ("Sheet1", 1, [])
    assert doc["columns"][:3] == [
        {"column": "A", "header": "商家编码", "field": "outer_id"},
        {"column": "B", "header": "宝贝标题", "field": "title"},
        {"column": "C", "header": "价格", "field": "price"}]
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


def test_unusable_file_exit_2_message_on_stderr_and_json_reason(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nothing.xlsx"
    path.write_bytes(b"")
    code, out, err = run_check(capsys, str(path), "--json")
    assert code == 2
    assert "空文件" in err
    doc = json.loads(out)
    assert set(doc) == {"file", "error"}
    assert doc["file"] == str(path)
    assert doc["error"]["code"] == "sheet.unusable"
    assert "空文件" in doc["error"]["message"]
    code, out, err = run_check(capsys, str(path))  # text mode: stderr only
    assert (code, out) == (2, "")


def test_every_issue_says_where_it_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """sheet, row, column letter and cell for each issue a program has to act on."""
    header = ["说明", *HEADER[:7], "附图"]  # 商家编码 in B … 主图 in H, 附图 in I
    rows: list[list[object]] = [["商品表（2026 春季）"], header]
    for n in range(1, 4):
        rows.append(["", *product_row(n, "https://x.cn/a.jpg")[:7], None])
    rows[2][3] = "abc"  # D3: price the reader cannot read
    rows[3][2] = "超长标题" * 10  # C4: title over 60 bytes
    rows[4][1] = None  # B5: no 商家编码 (a warning)
    rows[4][8] = "pics\\没有.jpg"  # I5: missing extra picture
    path = build_xlsx(tmp_path / "where.xlsx", rows, sheet_title="宝贝",
                      wps={"H3": picture(640, 640)})
    code, out, _err = run_check(capsys, str(path), "--json")
    assert code == 1
    doc = json.loads(out)
    assert (doc["sheet"], doc["header_row"]) == ("宝贝", 2)
    assert doc["columns"][0] == {"column": "A", "header": "说明", "field": None}
    found = {(i["row"], i["code"]): (i["sheet"], i["column"], i["cell"], i["field"],
                                     i["severity"])
             for r in doc["rows"] for i in r["issues"]}
    assert found[(3, "price.invalid")] == ("宝贝", "D", "D3", "price", "error")
    assert found[(3, "image.too_small")] == ("宝贝", "H", "H3", "image", "error")
    assert found[(4, "title.too_long")] == ("宝贝", "C", "C4", "title", "error")
    assert found[(5, "outer_id.missing")] == ("宝贝", "B", "B5", "outer_id", "warning")
    assert found[(5, "image.file_missing")] == ("宝贝", "I", "I5", "image", "error")
    assert all(r["row"] == i["row"] for r in doc["rows"] for i in r["issues"])


def test_issue_from_a_default_has_no_cell(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    rows = [HEADER[:7], product_row(1, "https://x.cn/a.jpg")[:7]]  # no 省份/城市 columns
    code, out, _ = run_check(capsys, str(build_xlsx(tmp_path / "loc.xlsx", rows)), "--json")
    assert code == 1
    issue = next(i for i in json.loads(out)["rows"][0]["issues"]
                 if i["field"] == "location.state")
    assert (issue["column"], issue["cell"], issue["row"]) == (None, None, 2)


def test_sheet_notes_go_into_the_json(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    rows = [[*HEADER, "备用列"], product_row(1, "https://x.cn/a.jpg")]
    with Simulator() as sim:
        fill_cache(sim, [50000671])
        code, out, err = run_check(capsys, str(build_xlsx(tmp_path / "n.xlsx", rows)), "--json",
                                   *check_args(sim))
    notes = json.loads(out)["notes"]
    assert code == 0
    assert len(notes) == 1
    assert "O列「备用列」" in notes[0]  # 品牌 … 年份季节 are the leaf's properties: not listed
    assert "品牌" not in notes[0]
    assert err == ""


def test_json_piped_into_a_reader_that_stops_early_ends_quietly(tmp_path: Path) -> None:
    """`taoshelf check big.xlsx --json | head -c 100`: no BrokenPipeError traceback."""
    rows = [HEADER] + [product_row(n, "https://x.cn/a.jpg") for n in range(1, 1501)]
    for row in rows[1:]:
        row[0] = None  # a warning per row, so the document is far bigger than a pipe's buffer
    path = build_xlsx(tmp_path / "big.xlsx", rows, write_only=True)
    for extra in (["--json"], []):
        proc = subprocess.Popen([sys.executable, "-m", "app", "check", str(path), *extra],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert proc.stdout is not None
        assert proc.stderr is not None
        assert proc.stdout.read(100)
        proc.stdout.close()  # the reader goes away
        err = proc.stderr.read().decode("utf-8", "replace")
        proc.stderr.close()
        assert proc.wait(timeout=120) == 0
        assert "Traceback" not in err
        assert "BrokenPipe" not in err


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
    # and, with no category data cached, that its 类目 path could not be checked
    assert "没有核对类目「女装/女士精品 > T恤」" in out
    assert "共 1 个错误、1 个提醒" in out


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
