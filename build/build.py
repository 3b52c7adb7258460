"""The one build command, on every platform: tests → bundle → frozen checks → installer.

    uv run python build/build.py                 # from the repository root

1. the test suite (``--skip-tests`` when CI has just run it);
2. the one-folder bundle from installer.spec → ``dist/TaoShelf/`` (``--console`` for debugging);
3. the frozen checks (tests/packaging/test_frozen_bundle.py on the bundle: ``--smoke`` with the
   platform's keyring, the Qt advice, a shown window);
4. Windows: sign TaoShelf.exe when a certificate is configured, then Inno Setup →
   ``dist/TaoShelf-<version>-setup.exe`` (installer and uninstaller signed too);
   Linux: ``dist/TaoShelf-<version>-linux-x86_64.tar.gz``. ``--no-installer`` stops after 3.

Signing (Windows; nothing is signed when neither is set): ``TAOSHELF_SIGN_CERT`` (a .pfx file)
with ``TAOSHELF_SIGN_PASSWORD``, or ``TAOSHELF_SIGN_THUMBPRINT`` (a certificate in the Windows
certificate store); optional ``TAOSHELF_SIGN_TIMESTAMP`` (default DigiCert's server) and
``TAOSHELF_SIGNTOOL`` (default: signtool.exe on PATH). Inno Setup 6.6+: ``ISCC`` or its default
install folder.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "build")]

import winversion  # noqa: E402

from app import APP_NAME, __version__  # noqa: E402

DIST = ROOT / "dist"
BUNDLE = DIST / APP_NAME
WORK = ROOT / ".pyinstaller"
EXE = BUNDLE / (f"{APP_NAME}.exe" if sys.platform == "win32" else APP_NAME)
ISS = ROOT / "build" / "taoshelf.iss"
DEFAULT_TIMESTAMP = "http://timestamp.digicert.com"


class BuildError(Exception):
    """A step failed; the message says which and what to do."""


def run(step: str, command: list[str], env: dict[str, str] | None = None) -> None:
    print(f"\n=== {step}", flush=True)
    result = subprocess.run(command, cwd=ROOT, env=env, check=False)  # noqa: S603 - our own tools
    if result.returncode != 0:
        raise BuildError(f"{step} failed (exit {result.returncode})")


def folder_mib(folder: Path) -> float:
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 2**20


def signtool() -> list[str] | None:
    """The signtool command line up to the file name, or None when no certificate is set."""
    cert = os.environ.get("TAOSHELF_SIGN_CERT")
    thumbprint = os.environ.get("TAOSHELF_SIGN_THUMBPRINT")
    if not cert and not thumbprint:
        return None
    tool = os.environ.get("TAOSHELF_SIGNTOOL") or shutil.which("signtool")
    if not tool:
        raise BuildError("a certificate is set but no signtool.exe: set TAOSHELF_SIGNTOOL")
    timestamp = os.environ.get("TAOSHELF_SIGN_TIMESTAMP", DEFAULT_TIMESTAMP)
    command = [tool, "sign", "/fd", "SHA256", "/tr", timestamp, "/td", "SHA256"]
    if cert:
        command += ["/f", cert]
        if os.environ.get("TAOSHELF_SIGN_PASSWORD"):
            command += ["/p", os.environ["TAOSHELF_SIGN_PASSWORD"]]
    else:
        command += ["/sha1", str(thumbprint)]
    return command


def sign(command: list[str], target: Path) -> None:
    print(f"\n=== sign {target.name}", flush=True)
    # never echo the command: it may hold the certificate password
    signed = subprocess.run([*command, str(target)], cwd=ROOT, check=False)  # noqa: S603
    if signed.returncode != 0:
        raise BuildError(f"signing {target} failed")


def iscc() -> str:
    candidates = [
        os.environ.get("ISCC"),
        shutil.which("iscc"),
        *(
            str(Path(os.environ[var]) / "Inno Setup 6" / "ISCC.exe")
            for var in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA")
            if os.environ.get(var)
        ),
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    raise BuildError("Inno Setup 6.6+ (ISCC.exe) not found: install it or set ISCC")


def inno_quote(command: list[str]) -> str:
    """A command line for ISCC's /S option: $q is Inno Setup's quote character."""
    return " ".join(f"$q{part}$q" if " " in part else part for part in command)


def windows_installer(sign_command: list[str] | None) -> Path:
    numbers = ".".join(str(n) for n in winversion.version_tuple(__version__))
    command = [
        iscc(),
        f"/DAppVersion={__version__}",
        f"/DFileVersion={numbers}",
        f"/DBundleDir={BUNDLE}",
        f"/DOutputDir={DIST}",
    ]
    if sign_command:
        command += ["/DSIGN", f"/Staoshelf={inno_quote(sign_command)} $f"]
    command.append(str(ISS))
    run("installer (Inno Setup)", command)
    return DIST / f"{APP_NAME}-{__version__}-setup.exe"


def linux_archive() -> Path:
    out = DIST / f"{APP_NAME}-{__version__}-linux-{platform.machine()}.tar.gz"
    print(f"\n=== archive {out.name}", flush=True)
    with tarfile.open(out, "w:gz") as tar:
        tar.add(BUNDLE, arcname=APP_NAME)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="tests, bundle, frozen checks, installer")
    parser.add_argument("--skip-tests", action="store_true", help="CI has just run them")
    parser.add_argument("--console", action="store_true", help="console bundle (debugging)")
    parser.add_argument("--no-installer", action="store_true", help="stop after the checks")
    opts = parser.parse_args(argv)
    times: dict[str, float] = {}
    started = time.perf_counter()
    try:
        if not opts.skip_tests:
            run("tests", [sys.executable, "-m", "pytest", "-q", "-x"])
            times["tests"] = time.perf_counter() - started
        mark = time.perf_counter()
        shutil.rmtree(BUNDLE, ignore_errors=True)
        run(
            "bundle (PyInstaller)",
            [sys.executable, "-m", "PyInstaller", str(ROOT / "installer.spec"), "--noconfirm",
             "--clean", "--workpath", str(WORK), "--distpath", str(DIST),
             *(["--", "--console"] if opts.console else [])],
        )
        times["bundle"] = time.perf_counter() - mark
        mark = time.perf_counter()
        run(
            "frozen checks",
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
             "tests/packaging/test_frozen_bundle.py"],
            env=dict(os.environ, TAOSHELF_BUNDLE=str(BUNDLE)),
        )
        times["frozen checks"] = time.perf_counter() - mark
        artifact = None
        if not opts.no_installer:
            mark = time.perf_counter()
            if sys.platform == "win32":
                sign_command = signtool()
                if sign_command:
                    sign(sign_command, EXE)
                artifact = windows_installer(sign_command)
            elif sys.platform.startswith("linux"):
                artifact = linux_archive()
            else:
                print(f"\nno installer for {sys.platform}: the bundle is in {BUNDLE}")
            times["installer"] = time.perf_counter() - mark
    except BuildError as exc:
        print(f"\nBUILD FAILED: {exc}", file=sys.stderr)
        return 1
    times["total"] = time.perf_counter() - started
    print(f"\nTaoShelf {__version__}: bundle {BUNDLE} ({folder_mib(BUNDLE):.1f} MiB unpacked)")
    if artifact is not None:
        print(f"installer: {artifact} ({artifact.stat().st_size / 2**20:.1f} MiB)")
    print("time: " + ", ".join(f"{step} {seconds:.0f} s" for step, seconds in times.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
