"""`python -m app categories search|show|refresh` as subprocesses against the simulator."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.credentials.store import CredentialStore
from app.simulator import Simulator
from tests.integration.test_client_support import calls
from tests.keyring_file import BACKEND, ENV_VAR, FileKeyring
from tests.upload_kit import SECRET

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli_env(tmp_path: Path, taoshelf_home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"PYTHON_KEYRING_BACKEND": BACKEND, ENV_VAR: str(tmp_path / "keyring.json"),
                "TAOSHELF_HOME": str(taoshelf_home), "PYTHONPATH": str(ROOT)})
    os.environ[ENV_VAR] = env[ENV_VAR]  # this process writes the same file
    CredentialStore(backend=FileKeyring()).set_secret("12345678", SECRET)
    return env


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", "categories", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False,
                          encoding="utf-8", stdin=subprocess.DEVNULL)


def online(sim: Simulator) -> list[str]:
    return ["--env", "local", "--gateway", sim.router_url, "--app-key", "12345678",
            "--session", sim.issue_session()]


OFFLINE = ["--env", "local", "--app-key", "12345678"]


def walk_calls(sim: Simulator) -> int:
    return len([c for c in calls(sim, "taobao.itemcats.get") if c["verdict"] == "ok"])


def test_refresh_says_the_cost_first_then_downloads_with_progress(cli_env: dict[str, str]) -> None:
    with Simulator() as sim:
        refused = cli(cli_env, "refresh", *online(sim))  # no --yes, stdin is not a terminal
        assert refused.returncode == 2, refused.stderr
        assert "--yes" in refused.stderr
        assert "至少需要 1 次接口调用" in refused.stderr
        assert walk_calls(sim) == 0
        done = cli(cli_env, "refresh", "--yes", *online(sim))
        assert done.returncode == 0, done.stderr
        assert "类目树 [" in done.stderr
        assert "已调用 9/9 次" in done.stderr
        assert "类目树已更新：33 个类目，其中 25 个叶子类目；调用接口 9 次" in done.stderr
        assert walk_calls(sim) == 9
        again = cli(cli_env, "refresh", "--yes", *online(sim))
        assert "约需 9 次接口调用" in again.stderr  # the size is known now


def test_search_works_offline_from_the_cache(cli_env: dict[str, str]) -> None:
    before = cli(cli_env, "search", "连衣裙", *OFFLINE)
    assert before.returncode == 2
    assert "taoshelf categories refresh --env local" in before.stderr
    with Simulator() as sim:
        assert cli(cli_env, "refresh", "--yes", *online(sim)).returncode == 0
    # the simulator is gone: search reads only the cache
    found = cli(cli_env, "search", "连衣裙", *OFFLINE)
    assert found.returncode == 0, found.stderr
    assert found.stdout == "50010850\t女装/女士精品 > 连衣裙\n"
    both = cli(cli_env, "search", "T恤", *OFFLINE)
    assert sorted(both.stdout.splitlines()) == ["50000436\t男装 > T恤",
                                                "50000671\t女装/女士精品 > T恤"]
    assert cli(cli_env, "search", "男装", "T恤", *OFFLINE).stdout == "50000436\t男装 > T恤\n"
    typo = cli(cli_env, "search", "连衣群", *OFFLINE)
    assert typo.returncode == 1
    assert "最接近的：女装/女士精品 > 连衣裙（50010850）" in typo.stderr


def test_search_on_a_partial_tree_says_so(cli_env: dict[str, str]) -> None:
    with Simulator() as sim:
        shown = cli(cli_env, "show", "50010850", *online(sim))  # reads the path by id only
        assert shown.returncode == 0, shown.stderr
    partial = cli(cli_env, "search", "连衣裙", *OFFLINE)
    assert partial.returncode == 0
    assert "只下载了一部分" in partial.stderr


def test_show_lists_properties_with_flags_and_values(cli_env: dict[str, str]) -> None:
    with Simulator() as sim:
        shown = cli(cli_env, "show", "50000671", *online(sim))
        assert shown.returncode == 0, shown.stderr
        out = shown.stdout
        assert out.startswith("类目 50000671：女装/女士精品 > T恤\n")
        assert "- 主要颜色（1627207）[多选 销售 颜色 可别名] 32 个值：白色（28320）" in out
        assert "…等 32 个（加 --all 显示全部）" in out
        assert "- 品牌（20000）[必填 可输入]" in out
        assert "- 货号（13021751）[必填 文字]" in out
        required = cli(cli_env, "show", "50008898", "--all", *online(sim)).stdout
        assert "- 年份/季节（122216347）[必填] 8 个值" in required
        assert "紫罗兰（80882）" in required  # the 32nd colour: --all lists every value
        assert "均码（28383，又名 F）" in required
        food = cli(cli_env, "show", "50008055", *online(sim)).stdout
        assert "中国大陆（27772）▸" in food
        assert "  - 省份（24557，属于 产地=中国大陆）" in food
        assert "    - 城市（31778，属于 省份=山东省）" in food
        parent = cli(cli_env, "show", "16", *online(sim))
        assert parent.returncode == 2
        assert "上级类目" in parent.stderr
        props_calls = len(calls(sim, "taobao.itemprops.get"))
    offline = cli(cli_env, "show", "50000671", *OFFLINE)  # the simulator is gone: the cache
    assert offline.returncode == 0, offline.stderr
    assert offline.stdout == out
    assert props_calls == 1 + 1 + 3  # 50000671, 50008898, 50008055 (+2 child levels)


def test_a_walk_stopped_by_the_quota_exits_3_and_resumes(cli_env: dict[str, str]) -> None:
    with Simulator() as sim:
        sim.set_faults(daily_quota=3)
        stopped = cli(cli_env, "refresh", "--yes", *online(sim))
        assert stopped.returncode == 3, stopped.stderr
        assert "类目树下载中断" in stopped.stderr
        assert "会从中断处继续" in stopped.stderr
        sim.set_faults(daily_quota=None)
        resumed = cli(cli_env, "refresh", "--yes", *online(sim))
        assert resumed.returncode == 0, resumed.stderr
        assert "继续上次未完成的下载" in resumed.stderr
        assert "调用接口 7 次" in resumed.stderr  # 6 levels + who the session belongs to
        assert walk_calls(sim) == 9


def test_refresh_of_given_leaves(cli_env: dict[str, str]) -> None:
    with Simulator() as sim:
        done = cli(cli_env, "refresh", "50000436", "30", "999", *online(sim))
        assert done.returncode == 0, done.stderr
        assert "类目 50000436（男装 > T恤）：已重新读取 8 个属性" in done.stderr
        assert "类目 30：是上级类目" in done.stderr
        assert "类目 999：不存在" in done.stderr
