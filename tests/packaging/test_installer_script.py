"""The Inno Setup script (build/taoshelf.iss) cannot be compiled here (no Windows); these pin what
the issue asks of it and that it deletes exactly the per-user folders app.paths uses."""

from __future__ import annotations

import ntpath
import re

import platformdirs.windows
import pytest

from app import APP_NAME, paths
from tests.packaging import ROOT

ISS = (ROOT / "build" / "taoshelf.iss").read_text(encoding="utf-8-sig")
LOCALAPPDATA = r"C:\Users\shop\AppData\Local"


def _define(name: str) -> str:
    found = re.search(rf'^#define {name} "([^"]*)"', ISS, re.MULTILINE)
    assert found, f"#define {name} missing"
    return found.group(1)


def _setup(directive: str) -> str:
    found = re.search(rf"^{directive}=(.*)$", ISS, re.MULTILINE)
    assert found, f"[Setup] {directive} missing"
    return found.group(1).strip()


def test_per_user_install_without_admin_rights() -> None:
    assert _setup("PrivilegesRequired") == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in ISS
    assert _setup("DefaultDirName").startswith("{autopf}")  # %LOCALAPPDATA%\Programs per user


def test_chinese_installer_with_inno_setup_6_6() -> None:
    assert 'MessagesFile: "compiler:Languages\\ChineseSimplified.isl"' in ISS
    assert "Default.isl" not in ISS  # Chinese only: no English fallback to pick
    assert "#if PREPROCVER < EncodeVer(6, 6, 0)" in ISS


def test_start_menu_and_optional_desktop_shortcut() -> None:
    icons = [line for line in ISS.splitlines() if line.startswith("Name: ") and "Filename:" in line]
    assert any(line.startswith('Name: "{group}\\{#AppName}"') for line in icons)
    desktop = [line for line in icons if "{autodesktop}" in line]
    assert desktop
    assert all("Tasks: desktopicon" in line for line in desktop)
    assert re.search(r'Name: "desktopicon";.*Flags: unchecked', ISS)


def test_signing_only_when_configured() -> None:
    assert re.search(r"#ifdef SIGN\s+SignTool=taoshelf\s+SignedUninstaller=yes\s+#endif", ISS)


def test_bundled_template_name_matches_the_app() -> None:
    assert _define("TemplateFile") == paths.TEMPLATE_FILE


@pytest.fixture
def windows_dirs(monkeypatch: pytest.MonkeyPatch) -> platformdirs.windows.Windows:
    folders = {"CSIDL_LOCAL_APPDATA": LOCALAPPDATA,
               "CSIDL_APPDATA": r"C:\Users\shop\AppData\Roaming"}
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", folders.__getitem__)
    return platformdirs.windows.Windows(APP_NAME, appauthor=False)


def test_uninstall_box_deletes_exactly_the_apps_user_folders(
    windows_dirs: platformdirs.windows.Windows,
) -> None:
    """app.paths asks platformdirs for these four on Windows; the box deletes their one parent."""
    user_data = _define("UserDataDir").replace("{localappdata}", LOCALAPPDATA)
    used = [windows_dirs.user_config_dir, windows_dirs.user_data_dir,
            windows_dirs.user_log_dir, windows_dirs.user_cache_dir]
    assert ntpath.normcase(windows_dirs.user_data_dir) == ntpath.normcase(user_data)
    for folder in used:
        assert ntpath.normcase(folder).startswith(ntpath.normcase(user_data)), folder
    # never the install folder ({autopf} = %LOCALAPPDATA%\Programs) nor anything wider
    assert ntpath.normcase(user_data) != ntpath.normcase(LOCALAPPDATA)
    assert "Programs" not in user_data


def test_user_data_kept_unless_the_box_is_ticked() -> None:
    code = ISS.split("[Code]", 1)[1]
    assert "Box.Checked := False;" in code
    assert "DeleteUserData := Result and Box.Checked;" in code
    # deleted only after the files are gone, and only when asked
    assert re.search(r"usPostUninstall\) and DeleteUserData then\s+DelTree\(UserDataDir\(\)", code)
    assert "UninstallSilent()" in code  # silent uninstall never deletes
