"""Which keyring backend holds the secrets, and refusing the ones that cannot keep them safely.

TaoShelf keeps secrets only in the operating system's keyring. A missing backend (keyring's
``fail.Keyring``, ``null.Keyring``, a chainer with nothing to chain), a plain-file backend
(``keyrings.alt``) or a locked keyring all end in one :class:`NoKeyringError` whose message tells
the shop owner, in Chinese, what to do. There is no fallback to a file.
"""

from __future__ import annotations

import sys

import keyring
import keyring.backend
import keyring.errors
from keyring.backends import chainer, fail, null

# Fully qualified class name -> what the shop owner sees ("保存在 <name>").
_DISPLAY_NAMES: dict[str, str] = {
    "keyring.backends.Windows.WinVaultKeyring": "Windows 凭据管理器",
    "keyring.backends.macOS.Keyring": "macOS 钥匙串",
    "keyring.backends.SecretService.Keyring": "Secret Service (GNOME 密钥环)",
    "keyring.backends.libsecret.Keyring": "libsecret (GNOME 密钥环)",
    "keyring.backends.kwallet.DBusKeyring": "KDE 钱包 (KWallet)",
    "keyring.backends.kwallet.DBusKeyringKWallet4": "KDE 钱包 (KWallet 4)",
}

# Probe entry: read (never written) to find out whether the keyring answers or is locked.
_PROBE_USERNAME = "probe"


class CredentialError(Exception):
    """A keyring operation failed; ``message`` is Chinese and never contains a secret."""

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class NoKeyringError(CredentialError):
    """No usable OS keyring: ``message`` is a Chinese instruction for the shop owner.

    ``locked`` is True when a keyring exists but is locked. ``detail`` names the backend or the
    failure type (never a secret). ``window_message`` says the same for a window user: no
    command to type (the Linux hints for machines without a desktop are left out).
    """

    def __init__(
        self, message: str, *, locked: bool = False, detail: str = "", window_message: str = ""
    ) -> None:
        super().__init__(message, detail=detail)
        self.locked = locked
        self.window_message = window_message or message


def _platform_hint(window: bool = False) -> str:
    if sys.platform.startswith("win"):
        return (
            "请确认 Windows 的“凭据管理器”（Credential Manager）服务已启动，"
            "并以普通用户身份（非服务账户）运行淘上架。"
        )
    if sys.platform == "darwin":
        return "请登录 macOS 并解锁“登录”钥匙串（钥匙串访问.app）。"
    desktop = (
        "请安装并启动 gnome-keyring（或 KWallet）等 Secret Service 服务，"
        "登录桌面后解锁“登录”密钥环"
    )
    if window:
        return desktop + "。"
    return (
        desktop + "；在没有桌面的 Linux 上，可在 dbus-run-session 中运行 "
        "gnome-keyring-daemon --unlock --components=secrets。"
    )


def _unlock_hint(window: bool = False) -> str:
    if sys.platform.startswith("win"):
        return "请以当前 Windows 用户重新登录"
    if sys.platform == "darwin":
        return "请在“钥匙串访问”中解锁“登录”钥匙串"
    desktop = "请在桌面中解锁“登录”密钥环（如“密码和密钥”/Seahorse）"
    if window:
        return desktop
    return desktop + (
        "；在没有桌面的 Linux 上，"
        "可用 gnome-keyring-daemon --unlock 解锁（从标准输入读入密码）"
    )


def no_backend_error(detail: str = "") -> NoKeyringError:
    """The error for 'there is no system keyring' (Chinese instruction per platform)."""
    head = "找不到可用的系统密钥环，无法安全保存 App Secret 和店铺授权。"
    tail = "淘上架不会把密钥保存到普通文件。"
    return NoKeyringError(
        head + _platform_hint() + tail,
        detail=detail,
        window_message=head + _platform_hint(window=True) + tail,
    )


def locked_error(name: str, detail: str = "") -> NoKeyringError:
    """The error for 'the keyring exists but is locked'."""
    head = f"系统密钥环（{name}）已锁定，无法读取或保存 App Secret。"
    return NoKeyringError(
        head + _unlock_hint() + "，然后重试。",
        locked=True,
        detail=detail,
        window_message=head + _unlock_hint(window=True) + "，然后重试。",
    )


def _qualname(backend: keyring.backend.KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__name__}"


def _leaf_backends(backend: keyring.backend.KeyringBackend) -> list[keyring.backend.KeyringBackend]:
    if isinstance(backend, chainer.ChainerBackend):
        return list(backend.backends)
    return [backend]


def _refusal(backend: keyring.backend.KeyringBackend) -> NoKeyringError | None:
    """Why this backend must not be used, or None when it may be."""
    if isinstance(backend, fail.Keyring | null.Keyring):
        return no_backend_error(_qualname(backend))
    leaves = _leaf_backends(backend)
    if not leaves:
        return no_backend_error("chainer without backends")
    for leaf in leaves:
        module = type(leaf).__module__
        if module.startswith("keyrings.alt") or isinstance(leaf, fail.Keyring | null.Keyring):
            # A plain or "encrypted" file next to the config is exactly what we promise not to do.
            return no_backend_error(f"refused backend {_qualname(leaf)}")
    return None


def display_name(backend: keyring.backend.KeyringBackend) -> str:
    """Human name of where the secrets are kept, e.g. "Windows 凭据管理器"."""
    leaves = _leaf_backends(backend) or [backend]
    first = leaves[0]
    name = _DISPLAY_NAMES.get(_qualname(first))
    if name is None:
        name = str(getattr(first, "display_name", "") or type(first).name)
    return name


def active_backend(
    explicit: keyring.backend.KeyringBackend | None,
) -> keyring.backend.KeyringBackend:
    """The backend to use (the explicit one, else keyring's active one), refused if unusable."""
    if explicit is not None:
        backend = explicit
    else:
        try:
            backend = keyring.get_keyring()
        except (ImportError, RuntimeError, keyring.errors.KeyringError, ValueError) as exc:
            # e.g. PYTHON_KEYRING_BACKEND / keyringrc.cfg naming a backend that cannot load
            raise no_backend_error(f"keyring configuration: {type(exc).__name__}") from None
    problem = _refusal(backend)
    if problem is not None:
        raise problem
    return backend


def probe(backend: keyring.backend.KeyringBackend, service: str) -> str:
    """Check the backend answers (not locked); return its human name, else raise NoKeyringError."""
    name = display_name(backend)
    try:
        backend.get_password(service, _PROBE_USERNAME)
    except keyring.errors.KeyringLocked as exc:
        raise locked_error(name, type(exc).__name__) from None
    except (keyring.errors.KeyringError, RuntimeError, OSError) as exc:
        raise no_backend_error(f"{_qualname(backend)}: {type(exc).__name__}") from None
    return name


def translate(exc: Exception, backend: keyring.backend.KeyringBackend) -> CredentialError:
    """Turn a backend failure during get/set/delete into a CredentialError (no secret in it)."""
    detail = f"{_qualname(backend)}: {type(exc).__name__}"
    if isinstance(exc, keyring.errors.KeyringLocked):
        return locked_error(display_name(backend), detail)
    if isinstance(exc, keyring.errors.NoKeyringError | keyring.errors.InitError):
        return no_backend_error(detail)
    return CredentialError(
        f"无法访问系统密钥环（{display_name(backend)}）：操作被拒绝或失败。请确认密钥环已解锁且可写后重试。",
        detail=detail,
    )
