"""A TEST-ONLY keyring backend for `taoshelf upload` run as a subprocess (never shipped).

A child process cannot see the in-memory keyring of the test, and the real OS keyring is off
limits to tests. The CLI tests therefore start the child with
``PYTHON_KEYRING_BACKEND=tests.keyring_file.FileKeyring`` and
``TAOSHELF_TEST_KEYRING=<tmp file the test owns>``: the secret travels through that file, never
through argv or an ordinary environment variable the product would read. This module holds no
tests; it lives here because the upload helper owns ``tests/integration/test_upload_*.py``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import keyring.backend
import keyring.errors

ENV_VAR = "TAOSHELF_TEST_KEYRING"
BACKEND = f"{__name__}.FileKeyring"


class FileKeyring(keyring.backend.KeyringBackend):
    """Passwords in the JSON file named by ``$TAOSHELF_TEST_KEYRING`` (tests only)."""

    priority = -1  # type: ignore[assignment]  # never auto-selected
    display_name = "测试用文件密钥环"

    @property
    def path(self) -> Path:
        return Path(os.environ[ENV_VAR])

    def _load(self) -> dict[str, str]:
        try:
            return json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\x1f{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\x1f{username}"] = password
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data), "utf-8")
        tmp.replace(self.path)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}\x1f{username}", None) is None:
            raise keyring.errors.PasswordDeleteError("not found")
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data), "utf-8")
        tmp.replace(self.path)
