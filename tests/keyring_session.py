"""A fresh D-Bus session with gnome-keyring, for tests that need a REAL Secret Service.

``session_env(tmp)`` gives a throw-away HOME/XDG dirs (the user's own keyring is never touched)
and no display (a locked keyring fails fast instead of prompting); ``in_session(env, inner,
*args)`` runs ``sh -c inner`` inside ``dbus-run-session`` with ``$0`` = this Python; ``UNLOCKED``
unlocks a fresh login keyring first, then runs ``"$0" "$@"``. ``missing_tools()`` says why such a
test must be skipped (None when it can run).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def session_env(tmp: Path) -> dict[str, str]:
    home = tmp / "home"
    run = tmp / "run"
    for d in (home, run):
        d.mkdir(parents=True, exist_ok=True)
    run.chmod(0o700)
    env = dict(os.environ)
    # No display: a locked keyring must fail fast instead of popping up an unlock prompt.
    for var in (
        "DBUS_SESSION_BUS_ADDRESS",
        "PYTHON_KEYRING_BACKEND",
        "GNOME_KEYRING_CONTROL",
        "DISPLAY",
        "WAYLAND_DISPLAY",
    ):
        env.pop(var, None)
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_RUNTIME_DIR=str(run),
        PYTHONPATH=str(ROOT),
    )
    return env


UNLOCKED = (
    'echo -n "unlock-pw" | gnome-keyring-daemon --unlock --components=secrets >/dev/null'
    ' && exec "$0" "$@"'
)  # an unlocked login keyring, then python with the arguments


def in_session(
    env: dict[str, str], inner: str, *args: str, stdin: str, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    """``sh -c inner`` inside a fresh D-Bus session; ``$0`` is this Python, ``$@`` ``args``."""
    return subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", inner, sys.executable, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
        cwd=cwd,
        check=False,
    )


def missing_tools() -> str | None:
    missing = [t for t in ("dbus-run-session", "gnome-keyring-daemon") if shutil.which(t) is None]
    if missing:
        return f"needs {' and '.join(missing)} (Secret Service test; .ci/run installs them)"
    try:
        import secretstorage  # noqa: F401
    except ImportError:
        return "needs the secretstorage package (keyring's SecretService backend)"
    return None
