"""Advice instead of Qt's bare abort when the window cannot load its platform plugin.

Without help, a fresh Linux machine stops `taoshelf` with "Could not load the Qt platform plugin
"xcb"" and a core dump, and a windowed Windows build just vanishes. While the ``QApplication`` is
being created, :func:`platform_plugin_advice` catches Qt's fatal message about the platform
plugin, tells the user in Chinese what to install or change, and exits with code 2.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from PySide6.QtCore import QMessageLogContext, QtMsgType, qFormatLogMessage, qInstallMessageHandler

# What the window needs on a fresh Debian/Ubuntu (README "Fresh Linux machines"; .ci/run installs
# the same): the xcb plugin's libraries, OpenGL/EGL, GLib, fonts (with a Chinese one), D-Bus.
DEBIAN_PACKAGES: tuple[str, ...] = (
    "libegl1",
    "libgl1",
    "libglib2.0-0",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libfontconfig1",
    "libdbus-1-3",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-shape0",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-image0",
    "fonts-wqy-microhei",
)

EXIT_NO_PLATFORM = 2  # the CLI's "unusable setup" code

# Environment variables other software sets that make Qt look for plugins in the wrong place.
_PLUGIN_ENV = ("QT_PLUGIN_PATH", "QT_QPA_PLATFORM_PLUGIN_PATH")


def available_plugins(qt_message: str) -> list[str]:
    """The plugin names in Qt's "Available platform plugins are: a, b." (empty if none)."""
    _, found, rest = qt_message.partition("Available platform plugins are:")
    if not found:
        return []
    names = rest.strip().rstrip(".").split(",")
    return [name.strip() for name in names if name.strip()]


def advice(env: Mapping[str, str], qt_message: str = "", platform: str = sys.platform) -> str:
    """What the user should do, in Chinese, given the environment Qt started in and its fatal
    message."""
    wanted = env.get("QT_QPA_PLATFORM", "").split(":")[0]  # "xcb:option=…" names xcb
    lines = [
        "淘上架无法打开窗口：Qt 加载不了图形界面插件"
        + (f"“{wanted}”" if wanted else "")
        + "。"
    ]
    if wanted and wanted not in available_plugins(qt_message):
        lines.append(
            f"环境变量 QT_QPA_PLATFORM={wanted} 指定的插件不存在：请删除这个环境变量"
            "（或改成本机可用的插件，例如 Linux 上的 xcb、Windows 上的 windows）后重试。"
        )
    for name in _PLUGIN_ENV:
        if env.get(name):
            lines.append(
                f"环境变量 {name}={env[name]} 让 Qt 到别处找插件（常由其他软件设置）："
                "请删除这个环境变量后重试。"
            )
    if platform.startswith("linux"):
        if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
            lines.append(
                "没有找到图形桌面（DISPLAY 未设置）：请在桌面里运行淘上架；"
                "没有桌面的服务器上请使用 taoshelf check / taoshelf upload 命令。"
            )
        lines.append(
            "在 Debian/Ubuntu 上，窗口需要这些系统组件，请先安装：\n  sudo apt-get install "
            + " ".join(DEBIAN_PACKAGES)
        )
    else:
        lines.append("淘上架的文件可能不完整：请重新安装淘上架后重试。")
    return "\n".join(lines)


def _is_platform_failure(message: str) -> bool:
    return "platform plugin" in message.lower()


def _tell(text: str) -> None:
    """Print to stderr; a windowed Windows build has none, so it gets a message box."""
    stream = sys.stderr
    if stream is not None:
        try:
            stream.write(text + "\n")
            stream.flush()
        except (OSError, ValueError):
            pass
        else:
            return
    if sys.platform == "win32":
        import ctypes

        mb_iconerror = 0x10
        ctypes.windll.user32.MessageBoxW(None, text, "淘上架", mb_iconerror)


@contextmanager
def platform_plugin_advice() -> Iterator[None]:
    """Wrap the creation of the ``QApplication``: a platform-plugin failure prints advice and
    exits with :data:`EXIT_NO_PLATFORM` (Qt would abort); other Qt messages pass through."""

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if kind == QtMsgType.QtFatalMsg and _is_platform_failure(message):
            _tell(message + "\n\n" + advice(os.environ, message))
            os._exit(EXIT_NO_PLATFORM)  # Qt calls abort() as soon as this handler returns
        if previous is not None:
            previous(kind, context, message)
        else:  # what Qt's default handler prints, e.g. "xcb-cursor0 is needed to load ..."
            _tell(qFormatLogMessage(kind, context, message))

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)
