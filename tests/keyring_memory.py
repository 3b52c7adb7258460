"""An in-memory keyring backend for tests, and a way to install it for one test.

Usage::

    from tests.keyring_memory import MemoryKeyring, use_memory_keyring

    def test_x(monkeypatch):
        kr = use_memory_keyring(monkeypatch)      # keyring.get_keyring() is kr until the test ends
        ...

    with memory_keyring() as kr:                  # same, outside pytest fixtures
        ...

Or pass it explicitly: ``CredentialStore(backend=MemoryKeyring())``.

The backend's priority is negative, so keyring's own detection (and its chainer, which keeps only
priorities > 0) never picks it by accident: it is only used where a test installs it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import keyring
import keyring.backend
import keyring.errors
import pytest


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Passwords in a dict, keyed by (service, username). Thread-safe."""

    priority = -1  # type: ignore[assignment]  # never auto-selected (see module docstring)
    display_name = "内存密钥环（测试）"

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._data: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        with self._lock:
            return self._data.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._lock:
            self._data[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        with self._lock:
            try:
                del self._data[(service, username)]
            except KeyError:
                raise keyring.errors.PasswordDeleteError("not found") from None

    def entries(self) -> dict[tuple[str, str], str]:
        """A copy of everything stored (for assertions)."""
        with self._lock:
            return dict(self._data)

    def __repr__(self) -> str:  # never show stored values
        with self._lock:
            return f"<MemoryKeyring {len(self._data)} entries>"


def use_memory_keyring(
    monkeypatch: pytest.MonkeyPatch, backend: MemoryKeyring | None = None
) -> MemoryKeyring:
    """Make a MemoryKeyring keyring's active backend until the test ends; return it."""
    kr = backend if backend is not None else MemoryKeyring()
    monkeypatch.setattr(keyring.core, "_keyring_backend", kr)
    return kr


@contextmanager
def memory_keyring(backend: MemoryKeyring | None = None) -> Iterator[MemoryKeyring]:
    """Context manager: install a MemoryKeyring, restore the previous backend on exit."""
    previous = keyring.core._keyring_backend
    kr = backend if backend is not None else MemoryKeyring()
    keyring.set_keyring(kr)
    try:
        yield kr
    finally:
        keyring.core._keyring_backend = previous


@pytest.fixture
def memory_keyring_fixture(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    """Fixture form (import it into a conftest or test module to use it)."""
    return use_memory_keyring(monkeypatch)
