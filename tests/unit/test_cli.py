from __future__ import annotations

import subprocess
import sys

import pytest

from app import __version__
from app.cli import COMMANDS, main


def test_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_subcommand_has_help(name: str) -> None:
    """Each subcommand module loads and describes itself, run as `python -m app`."""
    result = subprocess.run(
        [sys.executable, "-m", "app", name, "--help"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"taoshelf {name}" in result.stdout
