"""`taoshelf upload` and `template` never replace a file the user did not ask to replace, refuse
nonsense options in Chinese before anything is sent, and never lose a run's results to a report
that cannot be written."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.commands.outfiles import write_atomically
from app.simulator import Simulator, SimulatorConfig
from tests.integration.test_upload_cli import cli_env, make_sheet, run_cli, upload_cmd
from tests.upload_kit import items_by_outer_id

__all__ = ["cli_env"]  # fixture


def _upload(sim: Simulator, sheet: Path, *extra: str) -> list[str]:
    return ["upload", str(sheet), "--env", "local", "--gateway", sim.router_url,
            "--app-key", "12345678", "--session", "s" * 20, "--yes", *extra]


@pytest.fixture
def sim() -> Simulator:
    with Simulator(SimulatorConfig()) as simulator:
        yield simulator  # type: ignore[misc]


@pytest.mark.parametrize(("flag", "value", "says"), [
    ("--rate", "0", "--rate"), ("--rate", "-1", "--rate"), ("--rate", "nan", "--rate"),
    ("--rate", "-inf", "--rate"), ("--workers", "0", "--workers"),
    ("--workers", "-2", "--workers"), ("--app-key", "abc", "App Key"),
    ("--app-key", "", "App Key"), ("--session", " ", "--session"),
])
def test_nonsense_options_are_refused_in_chinese_before_anything_is_sent(
        tmp_path: Path, sim: Simulator, capsys: pytest.CaptureFixture[str], flag: str,
        value: str, says: str) -> None:
    sheet = make_sheet(tmp_path, 1)
    assert main([*_upload(sim, sheet), f"{flag}={value}"]) == 2
    err = capsys.readouterr().err
    assert says in err
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err)  # Chinese
    assert sim.calls() == []


def test_infinite_rate_means_no_limit(tmp_path: Path, cli_env: dict[str, str]) -> None:
    sheet = make_sheet(tmp_path, 3)
    with Simulator(SimulatorConfig()) as sim:
        done = run_cli([*upload_cmd(sim, sheet, "--session", sim.issue_session(),
                                    "--rate", "inf")], cli_env)
        assert done.returncode == 0, done.stderr
        assert len(items_by_outer_id(sim)) == 3


def _report_names(tmp_path: Path, sheet: Path) -> list[str]:
    os.symlink(sheet, tmp_path / "link.xlsx")
    (tmp_path / "sub").mkdir()
    names = [str(sheet), str(tmp_path / "sub" / ".." / sheet.name), str(tmp_path / "link.xlsx"),
             str(sheet.with_suffix(""))]  # no suffix: written as .xlsx, so the sheet itself
    if sys.platform == "win32":
        names.append(str(sheet).upper())
    return names


def test_report_onto_the_input_sheet_is_refused_before_anything_is_sent(
        tmp_path: Path, sim: Simulator, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = make_sheet(tmp_path, 2)
    before = sheet.read_bytes()
    for name in _report_names(tmp_path, sheet):
        assert main([*_upload(sim, sheet), "--report", name, "--force"]) == 2, name
        assert "不能写到输入的表格" in capsys.readouterr().err
    assert sheet.read_bytes() == before
    assert sim.calls() == []


def test_csv_report_whose_failed_rows_file_is_the_input_is_refused(
        tmp_path: Path, sim: Simulator, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = make_sheet(tmp_path, 1)
    dropped_back = sheet.rename(tmp_path / "结果_失败的行.csv")  # any name; read by content
    assert main([*_upload(sim, dropped_back), "--report", str(tmp_path / "结果.csv")]) == 2
    assert "不能写到输入的表格" in capsys.readouterr().err
    assert sim.calls() == []


def test_an_existing_report_needs_force(tmp_path: Path, sim: Simulator,
                                        capsys: pytest.CaptureFixture[str],
                                        cli_env: dict[str, str]) -> None:
    sheet = make_sheet(tmp_path, 2)
    report = tmp_path / "结果.xlsx"
    report.write_bytes(b"the user's own file")
    assert main([*_upload(sim, sheet), "--report", str(report)]) == 2
    assert "--force" in capsys.readouterr().err
    assert report.read_bytes() == b"the user's own file"
    assert sim.calls() == []
    cmd = upload_cmd(sim, sheet, "--session", sim.issue_session(), "--report", str(report),
                     "--force")
    done = run_cli(cmd, cli_env)
    assert done.returncode == 0, done.stderr
    wb = load_workbook(report, read_only=True)
    assert "上架结果" in wb.sheetnames
    wb.close()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".taoshelf-")] == []


def test_a_report_that_cannot_be_written_goes_to_a_fallback_and_keeps_the_exit_code(
        tmp_path: Path, cli_env: dict[str, str]) -> None:
    sheet = make_sheet(tmp_path, 3)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the report's folder should be")
    with Simulator(SimulatorConfig()) as sim:
        cmd = upload_cmd(sim, sheet, "--session", sim.issue_session(),
                         "--report", str(blocker / "结果.xlsx"))
        done = run_cli(cmd, cli_env)
        assert len(items_by_outer_id(sim)) == 3
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "无法写入结果表" in done.stderr
    fallback = [p for p in tmp_path.iterdir() if p.name.startswith("products_上架结果_")]
    assert len(fallback) == 1, list(tmp_path.iterdir())
    assert f"结果表已改存到：{fallback[0]}" in done.stderr
    wb = load_workbook(fallback[0], read_only=True)
    assert "上架结果" in wb.sheetnames
    wb.close()


def test_template_never_overwrites_without_force(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    mine = tmp_path / "商品.xlsx"
    mine.write_bytes(b"my products")
    assert main(["template", str(mine)]) == 2
    assert "--force" in capsys.readouterr().err
    assert mine.read_bytes() == b"my products"
    assert main(["template", str(mine), "--force"]) == 0
    wb = load_workbook(mine, read_only=True)
    assert "宝贝" in wb.sheetnames
    wb.close()


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "结果.xlsx"
    target.write_bytes(b"previous results")

    def crash_midway(path: Path) -> Path:
        path.write_bytes(b"half a workb")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        write_atomically(target, crash_midway)
    assert target.read_bytes() == b"previous results"
    assert [p.name for p in tmp_path.iterdir()] == ["结果.xlsx"]
