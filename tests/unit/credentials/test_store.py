"""CredentialStore over an in-memory keyring: secrets, shops, active shop, refused backends."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import keyring
import keyring.backend
import keyring.errors
import pytest
from keyring.backends import chainer, fail, null

from app import paths
from app.credentials.backend import CredentialError, NoKeyringError
from app.credentials.store import SERVICE_NAME, CredentialStore
from app.top.oauth import TokenSet
from tests.keyring_memory import MemoryKeyring, use_memory_keyring


class LockedKeyring(MemoryKeyring):
    """Behaves like a locked Secret Service collection."""

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")


class PlaintextLike(MemoryKeyring):
    """Stands in for a keyrings.alt file backend (refused by module name)."""


PlaintextLike.__module__ = "keyrings.alt.file"


@pytest.fixture
def kr() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def store(kr: MemoryKeyring) -> CredentialStore:
    return CredentialStore(backend=kr)


def test_secret_round_trip_uses_one_service_and_documented_username(
    store: CredentialStore, kr: MemoryKeyring
) -> None:
    store.set_secret("12345678", "  helloworld\n")
    assert store.get_secret("12345678") == "helloworld"
    assert kr.entries() == {(SERVICE_NAME, "app_secret:12345678"): "helloworld"}
    assert store.delete_secret("12345678") is True
    assert store.get_secret("12345678") is None
    assert store.delete_secret("12345678") is False


def test_secret_never_written_to_the_shop_list(store: CredentialStore) -> None:
    store.set_secret("12345678", "s3cr3t-value-xyz")
    text = (paths.config_dir() / "shops.json").read_text(encoding="utf-8")
    assert "12345678" in text
    assert "s3cr3t-value-xyz" not in text


@pytest.mark.parametrize("bad", ["", "   ", "two words", "a\nb"])
def test_unusable_secret_refused_in_chinese(store: CredentialStore, bad: str) -> None:
    with pytest.raises(ValueError, match="App Secret"):
        store.set_secret("12345678", bad)
    assert store.get_secret("12345678") is None


@pytest.mark.parametrize("bad", ["", "a b", "x:y", "k" * 65, "abc", "1234567x", "1" * 33])
def test_unusable_app_key_refused(store: CredentialStore, bad: str) -> None:
    with pytest.raises(ValueError, match="App Key"):
        store.set_secret(bad, "helloworld")


def test_several_shops_and_active_one(store: CredentialStore) -> None:
    assert store.shops() == []
    assert store.get_active() is None
    store.set_secret("11111111", "one")
    store.set_secret("22222222", "two")
    store.add_shop("22222222", label="二号店")
    assert [s.app_key for s in store.shops()] == ["11111111", "22222222"]
    active = store.get_active()
    assert active is not None
    assert active.app_key == "11111111"
    store.set_active("22222222")
    active = store.get_active()
    assert active is not None
    assert active.title == "二号店"
    # A second store instance (e.g. the next program start) sees the same choice.
    assert CredentialStore(backend=MemoryKeyring()).get_active() == active
    with pytest.raises(ValueError, match="33333333"):
        store.set_active("33333333")
    store.remove_shop("22222222")
    assert store.get_secret("22222222") is None
    active = store.get_active()
    assert active is not None
    assert active.app_key == "11111111"
    assert store.get_secret("11111111") == "one"


def test_damaged_shop_list_does_not_break_the_store(store: CredentialStore) -> None:
    (paths.config_dir() / "shops.json").write_text("{not json", encoding="utf-8")
    assert store.shops() == []
    store.set_secret("12345678", "abc")
    assert [s.app_key for s in store.shops()] == ["12345678"]
    assert (
        json.loads((paths.config_dir() / "shops.json").read_text(encoding="utf-8"))["active"]
        == "12345678"
    )


def test_check_backend_names_the_backend(store: CredentialStore) -> None:
    assert store.check_backend() == "内存密钥环（测试）"


def test_active_keyring_backend_is_used_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    kr = use_memory_keyring(monkeypatch)
    CredentialStore().set_secret("12345678", "helloworld")
    assert kr.get_password(SERVICE_NAME, "app_secret:12345678") == "helloworld"


@pytest.mark.parametrize(
    "backend",
    [fail.Keyring(), null.Keyring()],
    ids=["fail", "null"],
)
def test_no_backend_refused_with_instruction(backend: keyring.backend.KeyringBackend) -> None:
    store = CredentialStore(backend=backend)
    with pytest.raises(NoKeyringError) as info:
        store.check_backend()
    assert "密钥环" in info.value.message
    assert "不会把密钥保存到普通文件" in info.value.message
    assert not info.value.locked
    with pytest.raises(NoKeyringError):
        store.set_secret("12345678", "helloworld")
    with pytest.raises(NoKeyringError):
        store.get_secret("12345678")


def test_keyring_default_fail_backend_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring.core, "_keyring_backend", fail.Keyring())
    with pytest.raises(NoKeyringError, match=r"gnome-keyring|凭据管理器|钥匙串"):
        CredentialStore().check_backend()


def test_chainer_without_viable_backend_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    with pytest.raises(NoKeyringError):
        CredentialStore(backend=chainer.ChainerBackend()).check_backend()


def test_chainer_with_a_backend_uses_it(monkeypatch: pytest.MonkeyPatch) -> None:
    inner = MemoryKeyring()
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [inner])
    store = CredentialStore(backend=chainer.ChainerBackend())
    assert store.check_backend() == "内存密钥环（测试）"
    store.set_secret("12345678", "helloworld")
    assert inner.get_password(SERVICE_NAME, "app_secret:12345678") == "helloworld"


def test_file_backend_is_never_used() -> None:
    kr = PlaintextLike()
    store = CredentialStore(backend=kr)
    with pytest.raises(NoKeyringError):
        store.set_secret("12345678", "helloworld")
    assert kr.entries() == {}


def test_locked_backend_detected_up_front() -> None:
    store = CredentialStore(backend=LockedKeyring())
    with pytest.raises(NoKeyringError) as info:
        store.check_backend()
    assert info.value.locked
    assert "已锁定" in info.value.message
    with pytest.raises(NoKeyringError):
        store.set_secret("12345678", "helloworld")


def test_backend_failure_message_has_no_secret() -> None:
    class Refusing(MemoryKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            raise keyring.errors.PasswordSetError(f"cannot store {password}")

    with pytest.raises(CredentialError) as info:
        CredentialStore(backend=Refusing()).set_secret("12345678", "helloworld-secret")
    text = f"{info.value} {info.value.message} {info.value.detail} {info.value!r}"
    assert "helloworld-secret" not in text
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__


def test_store_repr_has_no_secret(store: CredentialStore) -> None:
    store.set_secret("12345678", "helloworld-secret")
    assert "helloworld-secret" not in repr(store)


def test_token_set_fits_a_windows_credential() -> None:
    """Windows Credential Manager keeps at most 2560 bytes (UTF-16: 1280 characters)."""
    now = datetime.now(UTC)
    later = now + timedelta(days=365)
    tokens = TokenSet(
        access_token="6" * 64,
        refresh_token="7" * 64,
        expires_at=later,
        refresh_expires_at=later,
        w1_expires_at=later,
        w2_expires_at=later,
        r1_expires_at=later,
        r2_expires_at=later,
        nick="一个名字很长的淘宝店铺旗舰店官方直营",
        user_id="2200000000000",
    )
    assert len(tokens.to_json()) < 1000


def test_tokens_round_trip_per_app_key_and_env(store: CredentialStore, kr: MemoryKeyring) -> None:
    now = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    tokens = TokenSet(
        access_token="access-token-local",
        refresh_token="refresh-token-local",
        expires_at=now + timedelta(hours=24),
        w1_expires_at=now + timedelta(hours=1),
        nick="demo_shop",
    )
    store.set_tokens("12345678", "local", tokens)
    assert store.get_tokens("12345678", "local") == tokens
    assert store.get_tokens("12345678", "production") is None
    assert (SERVICE_NAME, "tokens:12345678:local") in kr.entries()
    assert store.shops()[0].nicks == {"local": "demo_shop"}
    with pytest.raises(ValueError, match="环境"):
        store.set_tokens("12345678", "staging", tokens)
    assert store.delete_tokens("12345678", "local") is True
    assert store.get_tokens("12345678", "local") is None
    assert store.shops()[0].nicks == {}
    assert store.delete_tokens("12345678", "local") is False


def test_damaged_token_entry_reads_as_not_authorised(
    store: CredentialStore, kr: MemoryKeyring
) -> None:
    kr.set_password(SERVICE_NAME, "tokens:12345678:local", "{broken")
    assert store.get_tokens("12345678", "local") is None
