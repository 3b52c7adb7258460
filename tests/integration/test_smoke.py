"""`taoshelf --smoke` from source: the checks a frozen build runs after it is built.

The real command runs as a process inside a fresh D-Bus session with gnome-keyring (like
tests/integration/test_keyring_secret_service.py), from a folder that is not the repository, so
resources must be found through the package. A file keyring is refused. (.ci/run runs the same
command on the frozen bundle: tests/packaging/test_frozen_bundle.py.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.keyring_file import BACKEND, ENV_VAR
from tests.keyring_session import UNLOCKED, in_session, missing_tools, session_env


def _report(stdout: str) -> dict[str, Any]:
    lines = [line for line in stdout.splitlines() if line.strip()]
    assert len(lines) == 1, f"--smoke must print exactly one line, got {lines!r}"
    return json.loads(lines[0])


@pytest.mark.secret_service
def test_smoke_passes_with_secret_service(tmp_path: Path) -> None:
    reason = missing_tools()
    if reason:
        pytest.skip(reason)
    env = session_env(tmp_path)
    env["QT_QPA_PLATFORM"] = "offscreen"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = in_session(env, UNLOCKED, "-m", "app", "--smoke", stdin="", cwd=elsewhere)
    assert result.returncode == 0, result.stdout + result.stderr
    report = _report(result.stdout)
    assert report["ok"] is True
    assert report["problems"] == []
    assert report["version"]
    assert report["qt_platform"] == "offscreen"
    assert report["translation"]["language"] == "zh_CN"
    assert report["demo"] == {"rows": 13, "simulator_items": 0}
    assert report["template"]["rows"] == 1
    assert report["keyring"]["backend"] == "keyring.backends.SecretService.Keyring"
    assert report["keyring"]["state"] == "ok"
    assert "Traceback" not in result.stderr


def test_smoke_fails_on_a_plain_file_keyring(tmp_path: Path) -> None:
    """A backend that keeps secrets in a file is not an OS keyring: exit 1, said in the JSON."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHON_KEYRING_BACKEND=BACKEND,
        **{ENV_VAR: str(tmp_path / "plain.json")},
    )
    result = subprocess.run(
        [sys.executable, "-m", "app", "--smoke"],
        capture_output=True, text=True, timeout=120, env=env, check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    report = _report(result.stdout)
    assert report["ok"] is False
    assert report["keyring"] is None
    assert any("not an OS keyring" in p for p in report["problems"]), report["problems"]
    assert not (tmp_path / "plain.json").exists(), "the smoke check wrote to a file keyring"
    # everything else still checked and reported
    assert report["demo"]["rows"] == 13
