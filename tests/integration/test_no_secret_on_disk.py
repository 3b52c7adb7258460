"""No secret on disk: after storing the App Secret, authorising a shop, refreshing its token and
asking for status, neither the secret nor any token is in any file under the app's config, data,
log or cache dirs (every logger at DEBUG writes into the log dir meanwhile)."""

from __future__ import annotations

import io
import logging
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from app import paths
from app.cli import main
from app.credentials.store import CredentialStore
from app.credentials.tokens import TokenManager
from app.simulator import Simulator, SimulatorConfig
from app.top.config import TopConfig
from app.top.oauth import OAuthClient
from tests.integration.test_auth_flow import Browser
from tests.keyring_memory import MemoryKeyring, use_memory_keyring
from tests.secret_scan import find_secrets

APP_KEY = "23456789"
SECRET = "d1sk-scan-secret-7a6b5c4d3e2f"


@pytest.fixture
def debug_log() -> Iterator[Path]:
    """Every log record of every logger, at DEBUG, into a file in the per-user log dir."""
    path = paths.log_dir() / "debug.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield path
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()


def test_secret_and_tokens_never_reach_a_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], debug_log: Path
) -> None:
    kr: MemoryKeyring = use_memory_keyring(monkeypatch)
    store = CredentialStore()
    cfg = SimulatorConfig(app_key=APP_KEY, app_secret=SECRET, w1_ttl=3600)
    with Simulator(cfg, host="127.0.0.1", port=0) as sim:
        monkeypatch.setattr(sys, "stdin", io.StringIO(SECRET + "\n"))
        assert main(["secret", "set", "--app-key", APP_KEY]) == 0
        monkeypatch.setattr("webbrowser.open", Browser(nick="scan_shop"))
        login = ["auth", "login", "--app-key", APP_KEY, "--env", "local"]
        assert main([*login, "--gateway", sim.router_url]) == 0
        first = store.get_tokens(APP_KEY, "local")
        assert first is not None
        oauth = OAuthClient(
            TopConfig(app_key=APP_KEY, gateway_url=sim.router_url, oauth_base_url=sim.base_url),
            SECRET,
        )
        tm = TokenManager(store, oauth, APP_KEY, "local", can_refresh=True)
        tm.session_for_run(margin=timedelta(hours=2))  # w1 is 1 h: refreshes through /token
        second = store.get_tokens(APP_KEY, "local")
        assert second is not None
        assert second.access_token != first.access_token
        assert main(["secret", "status", "--app-key", APP_KEY]) == 0
        assert main(["auth", "status", "--app-key", APP_KEY]) == 0
        assert main(["auth", "status"]) == 0  # the active shop
    out = capsys.readouterr()

    secrets = [SECRET, first.access_token, second.access_token]
    secrets += [t.refresh_token for t in (first, second) if t.refresh_token]
    for value in secrets:
        assert value not in out.out + out.err
    # The secrets really are in the keyring (the scan below is not vacuous) ...
    assert set(kr.entries().values()) >= {SECRET}
    # ... and the per-user dirs hold the non-secret files the commands wrote, plus the debug log.
    written = [p for d in paths.user_dirs() for p in d.rglob("*") if p.is_file()]
    assert paths.config_dir() / "shops.json" in written
    assert "scan_shop" in (paths.config_dir() / "shops.json").read_text(encoding="utf-8")
    assert "/token" in debug_log.read_text(encoding="utf-8")  # the OAuth traffic was logged
    assert find_secrets(paths.user_dirs(), secrets) == []
