"""installer.spec refuses a PyInstaller work dir inside build/ (checked-in build inputs only);
the real build (build/build.py, .ci/run) is the positive case."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.packaging import ROOT


def test_work_dir_inside_build_is_refused(tmp_path: Path) -> None:
    spec = shutil.copy(ROOT / "installer.spec", tmp_path / "installer.spec")
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", str(spec), "--noconfirm",
         "--workpath", str(tmp_path / "build" / "work"), "--distpath", str(tmp_path / "dist")],
        capture_output=True, text=True, timeout=300, cwd=tmp_path, check=False,
    )
    assert result.returncode != 0
    assert "--workpath .pyinstaller" in result.stdout + result.stderr
    assert not (tmp_path / "build" / "work" / "installer").exists()  # nothing left in build/
    assert not (tmp_path / "dist").exists() or not any((tmp_path / "dist").iterdir())
