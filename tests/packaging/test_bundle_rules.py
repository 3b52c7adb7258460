"""What goes into the bundle (build/bundle_rules.py): the Qt plugins and translations kept, the
keyring backends named for every platform, the system libraries left to Linux."""

from __future__ import annotations

import ast
import re
import sys
from importlib import metadata
from pathlib import Path

import pytest

from tests.packaging import ROOT, build_module

rules = build_module("bundle_rules")
ALL_PLATFORMS = ("win32", "darwin", "linux")


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6\\plugins\\platforms\\qwindows.dll",
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6\\plugins\\imageformats\\qjpeg.dll",
        "PySide6\\plugins\\styles\\qmodernwindowsstyle.dll",
        "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "PySide6/Qt/lib/libQt6Core.so.6",
        "resources/translations/taoshelf_zh_CN.qm",
    ],
)
def test_kept(dest: str) -> None:
    assert rules.keep_qt_file(dest)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",  # pulls in all of GTK 3
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-kms-integration.so",
        "PySide6\\plugins\\generic\\qtuiotouchplugin.dll",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/Qt/translations/qt_zh_CN.qm",
    ],
)
def test_left_out(dest: str) -> None:
    assert not rules.keep_qt_file(dest)


def test_hooks_filter_before_analysis() -> None:
    linux = "PySide6/Qt/plugins"
    windows = "PySide6\\plugins"
    kept = rules.filter_hook_files([
        ("/venv/PySide6/Qt/plugins/platforms/libqxcb.so", f"{linux}/platforms"),
        ("/venv/PySide6/Qt/plugins/platformthemes/libqgtk3.so", f"{linux}/platformthemes"),
        ("C:\\venv\\PySide6\\plugins\\platforms\\qwindows.dll", f"{windows}\\platforms"),
    ])
    assert [dest for _, dest in kept] == [f"{linux}/platforms", f"{windows}\\platforms"]


def test_linux_system_libraries_only_at_top_level() -> None:
    for dest in ("libX11.so.6", "libxcb-cursor.so.0", "libxkbcommon-x11.so.0", "libstdc++.so.6",
                 "libglib-2.0.so.0", "libssl.so.3"):
        assert rules.is_linux_system_lib(dest), dest
    for dest in ("pillow.libs/libxcb-9065bb12.so.1.1.0", "libpython3.11.so.1.0",
                 "libsqlite3.so.0", "libQt6Core.so.6", "libicudata.so.73", "libffi.so.8"):
        assert not rules.is_linux_system_lib(dest), dest
    toc = [("libX11.so.6", "/usr/lib/libX11.so.6", "BINARY")]
    assert rules.filter_toc(toc, "linux") == []
    assert rules.filter_toc(toc, "win32") == toc


def test_windows_leaves_out_the_opengl_dlls() -> None:
    toc = [
        ("PySide6\\opengl32sw.dll", "C:\\venv\\PySide6\\opengl32sw.dll", "BINARY"),
        ("PySide6\\Qt6Widgets.dll", "C:\\venv\\PySide6\\Qt6Widgets.dll", "BINARY"),
        ("PySide6\\d3dcompiler_47.dll", "C:\\venv\\PySide6\\d3dcompiler_47.dll", "BINARY"),
    ]
    assert [dest for dest, _, _ in rules.filter_toc(toc, "win32")] == ["PySide6\\Qt6Widgets.dll"]
    assert len(rules.filter_toc(toc, "darwin")) == 3


def _backend_modules() -> set[str]:
    return {ep.value.split(":")[0] for ep in metadata.entry_points(group="keyring.backends")}


def test_every_keyring_backend_is_a_hidden_import_somewhere() -> None:
    """keyring discovers backends by entry point, which a frozen app loses: each one keyring
    knows must be named for the platform it serves (fails when keyring adds a backend)."""
    named = {m for p in ALL_PLATFORMS for m in rules.keyring_hidden_imports(p)}
    assert _backend_modules() <= named


def test_each_platform_carries_its_own_backend() -> None:
    assert "keyring.backends.Windows" in rules.keyring_hidden_imports("win32")
    assert "win32ctypes.pywin32.win32cred" in rules.keyring_hidden_imports("win32")
    assert "keyring.backends.macOS" in rules.keyring_hidden_imports("darwin")
    assert "keyring.backends.SecretService" in rules.keyring_hidden_imports("linux")
    assert "keyring.backends.SecretService" not in rules.keyring_hidden_imports("win32")


def _third_party_imports(source: str, own: str) -> set[str]:
    """Modules ``source`` imports outside its own package and the stdlib, leaving out the
    fallbacks in ``except ImportError:`` (pywin32 when pywin32-ctypes is missing)."""
    tree = ast.parse(source)
    fallbacks = {
        id(inner)
        for node in ast.walk(tree) if isinstance(node, ast.Try)
        for handler in node.handlers
        for inner in ast.walk(handler)
    }
    names = set()
    for node in ast.walk(tree):
        if id(node) in fallbacks:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return {n for n in names if n.split(".")[0] not in (own, *sys.stdlib_module_names)}


@pytest.mark.parametrize("module", ["keyring.backends.Windows", "keyring.backends.SecretService",
                                    "keyring.backends.macOS"])
def test_backend_imports_are_named_too(module: str) -> None:
    """What a backend imports by itself (win32ctypes, secretstorage…) rides along: each of its
    third-party imports is a hidden import, or inside one, for the backend's platform."""
    dist = metadata.distribution("keyring")
    path = next(f for f in dist.files or [] if str(f).replace("\\", "/") in (
        module.replace(".", "/") + ".py", module.replace(".", "/") + "/__init__.py"))
    imports = _third_party_imports(Path(dist.locate_file(path)).read_text("utf-8"), "keyring")
    platform = next(p for p in ALL_PLATFORMS if module in rules.keyring_hidden_imports(p))
    named = rules.keyring_hidden_imports(platform)
    for name in imports:
        assert any(name == h or h.startswith(name + ".") or name.startswith(h + ".")
                   for h in named), f"{module} imports {name}, not in the {platform} hidden imports"


def test_the_app_uses_only_the_bundled_qt_modules() -> None:
    used = set()
    for path in (ROOT / "app").rglob("*.py"):
        used.update(re.findall(r"PySide6\.(Qt\w+)", path.read_text("utf-8")))
    assert used <= set(rules.QT_MODULES), used - set(rules.QT_MODULES)
    assert not used & set(rules.QT_UNUSED_MODULES)
