"""What goes into the frozen bundle: Qt's plugins and translations, hidden imports, excludes.

Used by installer.spec and by the Qt hooks in build/hooks/ (which drop unused plugins *before*
PyInstaller analyses them, so their libraries — GTK for the gtk3 theme, Wayland, SVG, network —
are never collected). Checked by tests/packaging/test_bundle_rules.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatch
from pathlib import PurePosixPath

# Qt plugin types we keep, and which plugins of each (None: all of that type). Every other type
# (generic input, EGL, Wayland, platform themes, icon engines, TLS, network information, SQL,
# printing…) is left out: the window uses none of them.
KEEP_PLUGINS: dict[str, frozenset[str] | None] = {
    # the window on each OS, and offscreen for --smoke and tests
    "platforms": frozenset({"qxcb", "qwindows", "qcocoa", "qoffscreen"}),
    # thumbnails and previews are PNG (built into QtGui) or JPEG (app/images/thumbs.py)
    "imageformats": frozenset({"qjpeg"}),
    # typing Chinese on Linux (ibus/fcitx through ibus, compose keys)
    "platforminputcontexts": None,
    # Windows 11 / macOS native look (absent on Linux)
    "styles": None,
}

# Qt's own translations: only the Chinese one for qtbase (buttons of standard dialogs).
KEEP_TRANSLATIONS = frozenset({"qtbase_zh_CN.qm"})

# The PySide6 modules the app uses; every other one is excluded even if something imports it.
QT_MODULES = ("QtCore", "QtGui", "QtWidgets")
QT_UNUSED_MODULES = (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtAxContainer", "QtBluetooth", "QtCharts", "QtConcurrent", "QtDBus", "QtDataVisualization",
    "QtDesigner", "QtGraphs", "QtGraphsWidgets", "QtHelp", "QtHttpServer", "QtLocation",
    "QtMultimedia", "QtMultimediaWidgets", "QtNetwork", "QtNetworkAuth", "QtNfc", "QtOpenGL",
    "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets", "QtPositioning", "QtPrintSupport", "QtQml",
    "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickWidgets", "QtRemoteObjects", "QtScxml",
    "QtSensors", "QtSerialBus", "QtSerialPort", "QtSpatialAudio", "QtSql", "QtStateMachine",
    "QtSvg", "QtSvgWidgets", "QtTest", "QtTextToSpeech", "QtUiTools", "QtWebChannel",
    "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets", "QtWebSockets", "QtXml",
)

# keyring finds its backends through entry points, which a frozen app loses: name every backend
# the platforms use, and what each imports by itself (PyInstaller's keyring hook adds the
# entry-point metadata and keyring.backends.*).
KEYRING_HIDDEN_IMPORTS: dict[str, tuple[str, ...]] = {
    "win32": (
        "keyring.backends.Windows",  # WinVaultKeyring: Windows Credential Manager
        "win32ctypes.pywin32.pywintypes",
        "win32ctypes.pywin32.win32cred",
        "win32ctypes.core",
        "win32ctypes.core.ctypes",  # win32ctypes picks its ctypes/cffi backend by name
    ),
    "darwin": (
        "keyring.backends.macOS",  # macOS Keychain (ctypes against Security.framework)
        "keyring.backends.macOS.api",
    ),
    "linux": (
        "keyring.backends.SecretService",  # GNOME Keyring / KWallet ≥ 5.97 over D-Bus
        "secretstorage",
        "secretstorage.collection",
        "secretstorage.dhcrypto",
        "jeepney",
        "jeepney.io.blocking",
        "cryptography.hazmat.primitives.ciphers",
        "cryptography.hazmat.primitives.padding",
        "keyring.backends.libsecret",  # used where PyGObject is installed
        "keyring.backends.kwallet",  # used where dbus-python is installed
    ),
    "any": (
        "jaraco.context",  # imported by the Windows and Secret Service backends
        "keyring.backends.chainer",
        "keyring.backends.fail",
        "keyring.backends.null",
    ),
}


def keyring_hidden_imports(platform: str) -> list[str]:
    """The keyring modules a bundle built on ``platform`` (``sys.platform``) must carry."""
    key = "linux" if platform.startswith("linux") else platform
    return [*KEYRING_HIDDEN_IMPORTS.get(key, ()), *KEYRING_HIDDEN_IMPORTS["any"]]

# Python modules nothing at run time needs (saves analysis time and size).
PYTHON_EXCLUDES = (
    "tkinter", "_tkinter", "PIL.ImageTk", "PIL._imagingtk", "PIL._avif", "PIL.AvifImagePlugin",
    "PIL._imagingft",  # text drawing (FreeType, HarfBuzz): nothing draws text; ImageFont copes
    "unittest", "pydoc", "doctest", "lib2to3", "setuptools", "pkg_resources", "distutils",
    "pytest", "_pytest", "PyInstaller",
)


# Linux: libraries of the system packages README's apt line installs for the window, and of their
# dependencies (X11/xcb, xkbcommon, fontconfig/freetype, D-Bus/systemd, GLib, the C++ runtime),
# and OpenSSL 3 (every desktop has it; the distribution patches it). The bundle uses the system's
# copies, like the window run from source; a bundled old libstdc++ or libfontconfig can also
# break the system's OpenGL driver or font configuration.
LINUX_SYSTEM_LIBS = (
    "libssl", "libcrypto",
    "libX11", "libX11-xcb", "libXau", "libXdmcp", "libxcb", "libxkbcommon", "libfontconfig",
    "libfreetype", "libpng16", "libbrotlicommon", "libbrotlidec", "libz", "libbz2", "libexpat",
    "libdbus-1", "libsystemd", "libgcrypt", "libgpg-error", "liblz4", "liblzma", "libzstd",
    "libcap", "libglib-2.0", "libgthread-2.0", "libpcre2-8", "libbsd", "libmd", "libstdc++",
    "libgcc_s",
)


# Windows: DLLs PyInstaller's PySide6 hook adds for OpenGL (Mesa's 20 MB software renderer,
# ANGLE): the window is plain widgets, drawn without OpenGL.
WINDOWS_UNUSED_DLLS = ("opengl32sw.dll", "d3dcompiler_*.dll", "libEGL.dll", "libGLESv2.dll")


def is_windows_unused_dll(dest: str) -> bool:
    name = PurePosixPath(dest.replace("\\", "/")).name.lower()
    return any(fnmatch(name, pattern.lower()) for pattern in WINDOWS_UNUSED_DLLS)


def is_linux_system_lib(dest: str) -> bool:
    """A top-level ``libfoo.so.N`` from :data:`LINUX_SYSTEM_LIBS` (not a wheel's vendored
    ``pillow.libs/libfoo-1a2b3c4d.so``)."""
    if "/" in dest.replace("\\", "/"):
        return False
    stem = dest.split(".so", 1)[0]
    return ".so" in dest and any(
        stem == lib or stem.startswith(lib + "-") for lib in LINUX_SYSTEM_LIBS
    )


def _plugin_name(filename: str) -> str:
    """``libqxcb.so`` / ``qwindows.dll`` / ``libqcocoa.dylib`` -> ``qxcb`` / ``qwindows`` …"""
    stem = filename.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_qt_file(dest: str) -> bool:
    """Whether a collected file (its path inside the bundle, any separator) belongs in it."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if "plugins" in parts:
        i = len(parts) - 1 - parts[::-1].index("plugins")
        rest = parts[i + 1:]
        if len(rest) < 2:
            return True
        kind = "/".join(rest[:-1])
        if kind not in KEEP_PLUGINS:
            return False
        names = KEEP_PLUGINS[kind]
        return names is None or _plugin_name(rest[-1]) in names
    if "translations" in parts and parts[-1].endswith(".qm") and _is_qt_translation(parts):
        return parts[-1] in KEEP_TRANSLATIONS
    return True


def _is_qt_translation(parts: tuple[str, ...]) -> bool:
    """Qt's translations live under PySide6/…; ours under resources/translations (kept)."""
    return "PySide6" in parts


def filter_toc(
    entries: Iterable[tuple[str, str, str]], platform: str
) -> list[tuple[str, str, str]]:
    """A spec TOC (dest, src, kind) without the Qt files :func:`keep_qt_file` refuses, on Linux
    without the system's own libraries, on Windows without the OpenGL DLLs."""
    if platform.startswith("linux"):
        unwanted = is_linux_system_lib
    elif platform == "win32":
        unwanted = is_windows_unused_dll
    else:
        return [entry for entry in entries if keep_qt_file(entry[0])]
    return [entry for entry in entries if keep_qt_file(entry[0]) and not unwanted(entry[0])]


def filter_hook_files(files: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """A hook's (src, dest_dir) list without the Qt files :func:`keep_qt_file` refuses."""
    return [
        (src, dest_dir)
        for src, dest_dir in files
        if keep_qt_file(f"{dest_dir}/{PurePosixPath(src.replace(chr(92), '/')).name}")
    ]
