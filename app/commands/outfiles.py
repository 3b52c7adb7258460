"""Files a command writes for the user (result sheet, template): never over a file the user did
not ask to replace, never half-written.

- `refuse_overwrite` runs before any work: an output that is one of the inputs is refused; an
  existing one needs ``--force``.
- `write_atomically` writes into a hidden temporary folder beside the target, then moves each
  file into place with an atomic replace: a crash leaves the old file or the new one, never a
  torn one (a ``.csv`` report is two files; each is replaced whole).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from app import paths


class OutputRefused(Exception):  # noqa: N818 (a refusal, not a bug)
    """``str()`` is the Chinese message for the user."""


def same_file(a: Path, b: Path) -> bool:
    """True when ``a`` and ``b`` name the same file (links followed; case-insensitively where the
    file system is, e.g. Windows)."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(os.path.abspath(a.resolve())) == os.path.normcase(
        os.path.abspath(b.resolve()))


def refuse_overwrite(outputs: Sequence[Path], inputs: Sequence[Path], *, force: bool,
                     what: str) -> None:
    """Raise `OutputRefused` if an output is an input, a folder, or exists (without ``force``)."""
    for out in outputs:
        for source in inputs:
            if same_file(out, source):
                raise OutputRefused(
                    f"{what}不能写到输入的表格「{source}」上（会替换掉您的表格）："
                    f"请换一个文件名，例如「{out.with_stem(out.stem + '_结果')}」。")
        if out.is_dir():
            raise OutputRefused(f"「{out}」是一个文件夹：请给{what}指定一个文件名。")
        if out.exists() and not force:
            raise OutputRefused(
                f"「{out}」已存在，没有覆盖：请换一个文件名，或加上 --force 替换它。")


def write_atomically(target: Path, write: Callable[[Path], Path]) -> Path:
    """``write(path)`` into a temporary folder beside ``target``, then move what it wrote into
    place (each file by an atomic replace). Returns the final path of ``write``'s result."""
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".taoshelf-", dir=folder))
    try:
        written = write(scratch / target.name)
        for part in scratch.iterdir():  # companions first (a .csv report's failed rows)
            if part != written:
                os.replace(part, folder / part.name)
        os.replace(written, folder / written.name)
        return folder / written.name
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def fallback_paths(target: Path, beside: Path) -> list[Path]:
    """Where to put a file that could not be written to ``target``: beside ``beside`` (the
    user's sheet) with a new name, else in the data folder. Names never in use."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"{beside.stem}_上架结果_{stamp}{target.suffix}"
    out = []
    for folder in (beside.parent, paths.data_dir() / "reports"):
        candidate = folder / name
        n = 1
        while candidate.exists():
            n += 1
            candidate = folder / f"{beside.stem}_上架结果_{stamp}_{n}{target.suffix}"
        out.append(candidate)
    return out


def reason(exc: OSError) -> str:
    """A short Chinese reason for a failed write."""
    if isinstance(exc, PermissionError):
        return "没有写入权限，或文件正被其他程序（如 Excel/WPS）打开"
    if isinstance(exc, (NotADirectoryError, FileNotFoundError, FileExistsError)):
        return "文件夹不存在或路径不对"
    if isinstance(exc, IsADirectoryError):
        return "这是一个文件夹"
    return exc.strerror or str(exc)
