"""`taoshelf secret` against a REAL Secret Service: gnome-keyring in a private dbus session.

The test starts ``dbus-run-session`` with a throw-away HOME/XDG dirs (so the user's own keyring is
never touched), unlocks a fresh gnome-keyring login collection inside it, and runs the real
command (``python -m app secret ...``) there, with keyring's SecretService backend. Skipped, with
the reason shown, only where dbus-run-session or gnome-keyring-daemon is not installed.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from app import paths
from app.simulator import Simulator, SimulatorConfig
from tests.keyring_session import UNLOCKED, in_session, missing_tools, session_env
from tests.secret_scan import find_secrets

pytestmark = pytest.mark.secret_service

SECRET = "5ec7e75e7v1ce0a1b2c3d4e5f6a7b8c9"
APP_KEY = "12345678"
ROOT = Path(__file__).resolve().parents[2]

# Runs inside the dbus session: every step is a real `taoshelf` process; prints one JSON line.
DRIVER = r"""
import json, subprocess, sys
secret = sys.stdin.read()  # never on a command line
app_key = sys.argv[1]

def taoshelf(*args, stdin=None):
    r = subprocess.run([sys.executable, "-m", "app", *args], input=stdin, capture_output=True,
                       text=True, timeout=60)
    return {"rc": r.returncode, "out": r.stdout, "err": r.stderr}

def backend_view():
    code = ("import keyring; kr = keyring.get_keyring(); "
            "print(type(kr).__module__ + '.' + type(kr).__name__); "
            "print(kr.get_password('TaoShelf', 'app_secret:' + sys.argv[1]))")
    r = subprocess.run([sys.executable, "-c", "import sys; " + code, app_key],
                       capture_output=True, text=True, timeout=60)
    lines = r.stdout.splitlines()
    return {"backend": lines[0] if lines else r.stderr,
            "value": lines[1] if len(lines) > 1 else None}

steps = {}
steps["set"] = taoshelf("secret", "set", "--app-key", app_key, stdin=secret + "\n")
steps["after_set"] = backend_view()
steps["status"] = taoshelf("secret", "status", "--app-key", app_key)
steps["delete"] = taoshelf("secret", "delete", "--app-key", app_key)
steps["after_delete"] = backend_view()
steps["status_after"] = taoshelf("secret", "status", "--app-key", app_key)
print(json.dumps(steps))
"""

# Inside the dbus session: `secret set`, then a real `auth login --no-browser` process whose printed
# URL this driver opens like a browser would (GET the page, submit the form, follow the redirect to
# the loopback callback), then `auth status`; finally reads the stored tokens through keyring so
# the test can look for them on disk.
LOGIN_DRIVER = r"""
import json, subprocess, sys
from html.parser import HTMLParser
from urllib.parse import urljoin
import keyring, requests

secret = sys.stdin.read()
app_key, gateway = sys.argv[1], sys.argv[2]

def taoshelf(*args, stdin=None):
    r = subprocess.run([sys.executable, "-m", "app", *args], input=stdin, capture_output=True,
                       text=True, timeout=60)
    return {"rc": r.returncode, "out": r.stdout, "err": r.stderr}

class Form(HTMLParser):
    def __init__(self):
        super().__init__()
        self.action, self.fields = "", {}
    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.action = a.get("action", "")
        elif tag == "input" and a.get("name"):
            self.fields[a["name"]] = a.get("value", "")

steps = {"set": taoshelf("secret", "set", "--app-key", app_key, stdin=secret)}
login = subprocess.Popen(
    [sys.executable, "-m", "app", "auth", "login", "--app-key", app_key, "--env", "local",
     "--gateway", gateway, "--no-browser", "--timeout", "60"],
    stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
printed = []
for line in login.stdout:
    printed.append(line)
    if line.startswith("http://"):
        url = line.strip()
        break
page = requests.get(url, timeout=10)
form = Form()
form.feed(page.text)
fields = dict(form.fields, nick="keyring_shop")
callback = requests.post(urljoin(url, form.action), data=fields, timeout=10)
rest, err = login.communicate(timeout=60)
steps["login"] = {"rc": login.returncode, "out": "".join(printed) + rest, "err": err,
                  "callback": callback.status_code}
steps["status"] = taoshelf("auth", "status", "--app-key", app_key)
raw = keyring.get_password("TaoShelf", "tokens:" + app_key + ":local")
steps["backend"] = type(keyring.get_keyring()).__module__
steps["tokens"] = json.loads(raw) if raw else None
print(json.dumps(steps))
"""


def test_secret_set_status_delete_through_real_secret_service(tmp_path: Path) -> None:
    reason = missing_tools()
    if reason:
        pytest.skip(reason)
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    env = session_env(tmp_path)
    result = in_session(env, UNLOCKED, str(driver), APP_KEY, stdin=SECRET)
    assert result.returncode == 0, result.stderr
    steps = json.loads(result.stdout.strip().splitlines()[-1])

    assert steps["set"]["rc"] == 0, steps["set"]
    assert "Secret Service (GNOME 密钥环)" in steps["set"]["out"]
    # What keyring itself sees in that session: the SecretService backend holding the value.
    assert steps["after_set"]["backend"] == "keyring.backends.SecretService.Keyring"
    assert steps["after_set"]["value"] == SECRET

    assert steps["status"]["rc"] == 0
    assert "已保存在 Secret Service (GNOME 密钥环)" in steps["status"]["out"]
    assert steps["delete"]["rc"] == 0
    assert steps["after_delete"]["value"] == "None"
    assert "未保存" in steps["status_after"]["out"]

    for name in ("set", "status", "delete", "status_after"):  # taoshelf never shows it
        assert SECRET not in json.dumps(steps[name])
    # gnome-keyring's own file is encrypted; our per-user dirs hold no trace of the secret.
    keyring_files = list((tmp_path / "home" / ".local" / "share" / "keyrings").glob("*"))
    assert keyring_files, "gnome-keyring did not create its store under the private HOME"
    assert find_secrets([tmp_path / "home", *paths.user_dirs()], [SECRET]) == []


def test_locked_secret_service_is_reported_not_bypassed(tmp_path: Path) -> None:
    """A keyring that exists but is locked: exit 2 with the unlock instruction, nothing written."""
    reason = missing_tools()
    if reason:
        pytest.skip(reason)
    env = session_env(tmp_path)

    def session(inner: str, stdin: str) -> subprocess.CompletedProcess[str]:
        return in_session(env, inner, APP_KEY, stdin=stdin)

    # First session: create and unlock the login keyring, store the secret.
    created = session(
        'echo -n "unlock-pw" | gnome-keyring-daemon --unlock --components=secrets >/dev/null'
        ' && exec "$0" -m app secret set --app-key "$1"',
        SECRET,
    )
    assert created.returncode == 0, created.stderr
    # Second session: the daemon runs but nobody unlocks the keyring.
    locked = session(
        "gnome-keyring-daemon --start --components=secrets >/dev/null"
        ' && "$0" -m app secret status --app-key "$1"; echo "rc=$?";'
        ' "$0" -m app secret set --app-key "$1" < /dev/null; echo "rc=$?"',
        "",
    )
    assert locked.stdout.count("rc=2") == 2, locked.stdout + locked.stderr
    assert "已锁定" in locked.stderr
    assert "Traceback" not in locked.stderr
    assert SECRET not in locked.stdout + locked.stderr
    assert find_secrets([tmp_path / "home", *paths.user_dirs()], [SECRET]) == []


def test_auth_login_stores_tokens_in_real_secret_service(tmp_path: Path) -> None:
    """`taoshelf auth login` as a real process, the simulator's OAuth pages, gnome-keyring."""
    reason = missing_tools()
    if reason:
        pytest.skip(reason)
    driver = tmp_path / "login_driver.py"
    driver.write_text(LOGIN_DRIVER, encoding="utf-8")
    env = session_env(tmp_path)
    with Simulator(SimulatorConfig(app_key=APP_KEY, app_secret=SECRET), host="127.0.0.1") as sim:
        result = in_session(env, UNLOCKED, str(driver), APP_KEY, sim.router_url, stdin=SECRET)
    assert result.returncode == 0, result.stderr
    steps = json.loads(result.stdout.strip().splitlines()[-1])
    assert steps["set"]["rc"] == 0, steps["set"]
    assert steps["login"]["rc"] == 0, steps["login"]
    assert steps["login"]["callback"] == 200
    assert "已授权店铺“keyring_shop”" in steps["login"]["out"]
    assert "keyring_shop" in steps["status"]["out"]
    assert steps["backend"] == "keyring.backends.SecretService"
    tokens = steps["tokens"]
    assert tokens is not None
    assert tokens["nick"] == "keyring_shop"
    values = [SECRET, tokens["access_token"], tokens["refresh_token"]]
    for name in ("set", "login", "status"):
        for value in values:
            assert value not in json.dumps(steps[name])
    assert "keyring_shop" in (paths.config_dir() / "shops.json").read_text(encoding="utf-8")
    assert find_secrets(paths.user_dirs(), values) == []
    # gnome-keyring's own store is encrypted: no plain copy there either.
    assert find_secrets([tmp_path / "home"], values) == []
