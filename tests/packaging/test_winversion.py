"""The Windows version resource is generated from the package version (build/winversion.py) and
is what PyInstaller's own version-info code reads."""

from __future__ import annotations

from pathlib import Path

import PyInstaller
import pytest

from app import __version__
from tests.packaging import build_module

winversion = build_module("winversion")


@pytest.mark.parametrize(
    ("version", "expected"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2.3.4", (1, 2, 3, 4)), ("2.0rc1", (2, 0, 0, 0)),
     ("1.10.0.dev3", (1, 10, 0, 0)), ("3", (3, 0, 0, 0))],
)
def test_version_tuple(version: str, expected: tuple[int, int, int, int]) -> None:
    assert winversion.version_tuple(version) == expected


@pytest.mark.parametrize("bad", ["", "latest", "1.70000"])
def test_unusable_version_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="version"):
        winversion.version_tuple(bad)


def _pyinstaller_versioninfo() -> dict[str, object]:
    """PyInstaller's versioninfo classes. Its Windows-only imports (pefile, win32api) serve only
    to read and write executables, so they are left out to evaluate the file on any OS."""
    src = Path(PyInstaller.__file__).parent / "utils" / "win32" / "versioninfo.py"
    code = src.read_text("utf-8")
    for line in ("import pefile\n", "from PyInstaller.compat import win32api\n"):
        code = code.replace(line, "")
    namespace: dict[str, object] = {"__name__": "versioninfo"}
    exec(compile(code, str(src), "exec"), namespace)
    return namespace


def test_version_file_is_what_pyinstaller_reads(tmp_path: Path) -> None:
    vi = _pyinstaller_versioninfo()
    path = winversion.write_version_file(tmp_path / "version_info.txt", __version__)
    info = vi["load_version_info_from_text_file"](str(path))  # type: ignore[operator]
    assert isinstance(info, vi["VSVersionInfo"])  # type: ignore[arg-type]
    major, minor, patch, build = winversion.version_tuple(__version__)
    assert info.ffi.fileVersionMS == (major << 16) | minor
    assert info.ffi.fileVersionLS == (patch << 16) | build
    assert info.ffi.productVersionMS == info.ffi.fileVersionMS
    strings = {s.name: s.val for s in info.kids[0].kids[0].kids}
    assert strings["ProductVersion"] == __version__
    assert strings["OriginalFilename"] == "TaoShelf.exe"
    assert strings["ProductName"].startswith("淘上架")
