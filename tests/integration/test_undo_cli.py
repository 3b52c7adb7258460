"""`taoshelf upload --publisher`, `taoshelf runs` and `taoshelf undo` as subprocesses against the
simulator: the automatic switch is said and remembered, runs are listed, a run is taken down,
put back and (typed confirmation) deleted."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from app.simulator import Simulator, SimulatorConfig
from app.upload.publishers import SWITCH_MESSAGE
from tests.integration.test_upload_cli import cli_env, make_sheet, run_cli, upload_cmd
from tests.upload_kit import calls, door

__all__ = ["cli_env"]  # the fixture, used by name
TAOSHELF = [sys.executable, "-m", "app"]


def undo_cmd(sim: Simulator, session: str, *extra: str) -> list[str]:
    return [*TAOSHELF, "undo", *extra, "--gateway", sim.router_url, "--app-key", "12345678",
            "--session", session]


def statuses(sim: Simulator) -> list[str]:
    return sorted(i["approve_status"] for i in door(sim, "items")["items"])


def test_auto_switch_is_said_remembered_and_runs_can_be_undone(
        tmp_path: Path, cli_env: dict[str, str], taoshelf_home: Path) -> None:
    sheet = make_sheet(tmp_path, 3, extras=1)
    with Simulator(SimulatorConfig()) as sim:
        sim.set_faults(deny_api=[{"method": "taobao.item.add", "code": 22}])
        session = sim.issue_session()
        done = run_cli(upload_cmd(sim, sheet, "--session", session), cli_env)
        assert done.returncode == 0, done.stderr
        assert SWITCH_MESSAGE in done.stderr
        saved = json.loads((taoshelf_home / "config" / "shop_settings" / "12345678.json")
                           .read_text(encoding="utf-8"))
        assert saved["runs"]["local"]["switched_at"]
        shown = run_cli([*TAOSHELF, "settings", "show", "--app-key", "12345678", "--env",
                         "local"], cli_env)
        assert "发布方式：自动（此应用没有 taobao.item.add 权限，已改用新版发布接口）" in (
            shown.stdout)
        before = len(calls(sim))
        sheet2 = make_sheet(tmp_path / "more", 5)  # 3 listed already, 2 new
        again = run_cli(upload_cmd(sim, sheet2, "--session", session), cli_env)
        assert "发布方式：自动（此应用没有 taobao.item.add 权限" in again.stderr
        assert "taobao.item.add" not in {c["method"] for c in calls(sim)[before:]}
        # the runs, newest first: time, sheet, shop, environment, counts
        runs = run_cli([*TAOSHELF, "runs"], cli_env)
        assert runs.returncode == 0
        lines = runs.stdout.strip().splitlines()
        assert len(lines) == 2
        first = lines[1].split("\t")
        assert (first[0], first[2], first[3], first[4], first[5]) == (
            "1", "上架", "products.xlsx", "demo_shop", "本地模拟")
        assert "新建 3" in first[6]
        assert "3 在售" in first[6]
        # take run 1 down: asks (no terminal: --yes needed), then only its 3 items go down
        refused = run_cli(undo_cmd(sim, session, "1"), cli_env)
        assert refused.returncode == 2
        assert "--yes" in refused.stderr
        assert statuses(sim) == ["onsale"] * 5
        down = run_cli(undo_cmd(sim, session, "1", "--yes"), cli_env)
        assert down.returncode == 0, down.stderr
        assert "下架了 3 个" in down.stderr
        assert statuses(sim) == ["instock"] * 3 + ["onsale"] * 2
        assert "3 已下架" in run_cli([*TAOSHELF, "runs"], cli_env).stdout
        # the rerun of run 1's sheet does not put them back
        rerun = run_cli(upload_cmd(sim, sheet, "--session", session), cli_env)
        assert "3 行的商品已撤销上架（下架或删除），这次没有重新上架" in rerun.stderr
        assert statuses(sim) == ["instock"] * 3 + ["onsale"] * 2
        up = run_cli(undo_cmd(sim, session, "1", "--relist", "--yes"), cli_env)
        assert up.returncode == 0, up.stderr
        assert statuses(sim) == ["onsale"] * 5
        # deleting wants the typed count; --yes is not enough
        not_typed = run_cli(undo_cmd(sim, session, "1", "--delete", "--yes"), cli_env)
        assert not_typed.returncode == 2
        assert "--confirm-delete 3" in not_typed.stderr
        wrong = run_cli(undo_cmd(sim, session, "1", "--delete", "--confirm-delete", "5"),
                        cli_env)
        assert wrong.returncode == 2
        assert statuses(sim) == ["onsale"] * 5
        deleted = run_cli(undo_cmd(sim, session, "1", "--delete", "--confirm-delete", "3"),
                          cli_env)
        assert deleted.returncode == 0, deleted.stderr
        assert statuses(sim) == ["deleted"] * 3 + ["onsale"] * 2
        nothing = run_cli(undo_cmd(sim, session, "1", "--yes"), cli_env)
        assert nothing.returncode == 0
        assert "没有需要下架的" in nothing.stderr
        unknown = run_cli(undo_cmd(sim, session, "99", "--yes"), cli_env)
        assert unknown.returncode == 2
        assert "taoshelf runs" in unknown.stderr
