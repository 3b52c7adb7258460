"""`taoshelf settings` shows and sets a shop's listing settings; `taoshelf upload` uses them
(its flags win)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.cli import main
from app.credentials.shops import ShopRegistry
from app.simulator import Simulator, SimulatorConfig
from tests.integration.test_upload_cli import ROOT, run_cli, upload_cmd
from tests.keyring_file import BACKEND, ENV_VAR
from tests.sheetgen import HEADER, build_xlsx, product_row
from tests.upload_kit import items_by_outer_id, picture_file


def test_show_set_round_trip(capsys: pytest.CaptureFixture[str]) -> None:
    ShopRegistry().configure("12345678", env="sandbox")
    assert main(["settings", "set", "location", "广东/广州"]) == 0
    assert "默认所在地 = 广东/广州" in capsys.readouterr().out
    assert main(["settings", "set", "rate", "1.5"]) == 0
    assert "沙箱环境" in capsys.readouterr().out  # the shop's environment
    assert main(["settings", "set", "markup", "30"]) == 0
    capsys.readouterr()

    assert main(["settings", "show"]) == 0
    shown = capsys.readouterr().out
    assert "广东/广州" in shown
    assert "每秒调用次数：1.5" in shown
    assert "加价百分比：30%" in shown
    assert "成本 100.00 元 → 一口价 130.00 元" in shown
    assert main(["settings", "show", "--env", "production"]) == 0
    assert "每秒调用次数：2（默认）" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["settings", "set", "rate", "0"], "大于 0"),
        (["settings", "set", "workers", "0"], "1 到 32"),
        (["settings", "set", "location", "杭州"], "省/市"),
        (["settings", "set", "nope", "1"], "没有名为"),
        (["settings", "set", "rate"], "用法"),
        (["settings", "show", "--app-key", "abc"], "App Key"),
    ],
)
def test_bad_input_exits_2_in_chinese(
    argv: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ShopRegistry().configure("12345678", env="production")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert words in err
    assert "Traceback" not in err


def test_set_without_any_shop_says_where_to_add_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["settings", "set", "rate", "3"]) == 2
    assert "添加店铺" in capsys.readouterr().err


def _sheet_without_location(folder: Path, n: int) -> Path:
    pics = folder / "pics"
    rows: list[list[object]] = [HEADER[:7] + HEADER[10:]]  # the property columns kept
    for i in range(1, n + 1):
        row = product_row(i, f"pics/{picture_file(pics, f'm{i}.jpg', i).name}")
        rows.append(row[:7] + row[10:])
    return build_xlsx(folder / "no_location.xlsx", rows)


def test_upload_uses_the_saved_rate_workers_and_location(tmp_path: Path, taoshelf_home: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    env = dict(os.environ)
    env.update({"PYTHON_KEYRING_BACKEND": BACKEND, ENV_VAR: str(tmp_path / "keyring.json"),
                "TAOSHELF_HOME": str(taoshelf_home), "PYTHONPATH": str(ROOT)})
    ShopRegistry().configure("12345678", env="local")
    for key, value in (("rate", "7"), ("workers", "2"), ("location", "广东/广州")):
        assert main(["settings", "set", key, value]) == 0
    sheet = _sheet_without_location(tmp_path, 3)
    with Simulator(SimulatorConfig(latency_ms=5)) as sim:
        monkeypatch.setenv(ENV_VAR, env[ENV_VAR])
        from app.credentials.store import CredentialStore
        from tests.keyring_file import FileKeyring

        CredentialStore(backend=FileKeyring()).set_secret("12345678", "helloworld")
        done = run_cli(upload_cmd(sim, sheet, "--session", sim.issue_session()), env)
        assert done.returncode == 0, done.stderr
        assert "每秒 7 次调用，同时上架 2 个" in done.stderr
        items = items_by_outer_id(sim)
        assert {(i[0]["location"]["state"], i[0]["location"]["city"])
                for i in items.values()} == {("广东", "广州")}

        flags = run_cli(upload_cmd(sim, sheet, "--session", sim.issue_session(), "--rate", "5",
                                   "--workers", "3", "--location", "浙江/杭州"), env)
        assert flags.returncode == 0, flags.stderr
        assert "每秒 5 次调用，同时上架 3 个" in flags.stderr


def test_upload_pads_pictures_when_the_shop_says_so(tmp_path: Path, taoshelf_home: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The picture auto-fix setting reaches the engine: a shared 900×820 picture (sent once to
    the picture space) arrives 900×900 with 补白成正方形 on."""
    from app.credentials.store import CredentialStore
    from tests.keyring_file import FileKeyring
    from tests.sheetgen import picture

    env = dict(os.environ)
    env.update({"PYTHON_KEYRING_BACKEND": BACKEND, ENV_VAR: str(tmp_path / "keyring.json"),
                "TAOSHELF_HOME": str(taoshelf_home), "PYTHONPATH": str(ROOT)})
    monkeypatch.setenv(ENV_VAR, env[ENV_VAR])
    CredentialStore(backend=FileKeyring()).set_secret("12345678", "helloworld")
    ShopRegistry().configure("12345678", env="local")
    assert main(["settings", "set", "pad_square", "开"]) == 0
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "wide.jpg").write_bytes(picture(900, 820, (200, 90, 40), fmt="JPEG"))
    rows: list[list[object]] = [HEADER]
    rows += [product_row(n, "pics/wide.jpg") for n in (1, 2)]
    sheet = build_xlsx(tmp_path / "shared.xlsx", rows)
    with Simulator(SimulatorConfig(latency_ms=5)) as sim:
        done = run_cli(upload_cmd(sim, sheet, "--session", sim.issue_session()), env)
        assert done.returncode == 0, done.stderr
        assert [p["pixel"] for p in sim.pictures()] == ["900x900"]
