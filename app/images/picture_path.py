"""Where a picture path written in a sheet cell points: the one resolver every consumer uses.

The reader's existence check, `taoshelf check` (with or without ``--no-pictures``), the review,
the thumbnail loader, the upload's picture preparer and the result report all call
`resolve_picture_path`, so a path that passes one of them passes them all.

Forms (shop owners write all of them):
- relative to the sheet's folder: ``图片/主图.jpg``, ``图片\\主图.jpg``, ``..\\外部\\a.jpg``;
- absolute: ``/home/me/a.jpg``, ``D:\\图片\\a.jpg``, ``\\\\server\\share\\a.jpg`` (Windows);
- ``file:`` URLs: ``file:///C:/图片/a.jpg``, ``file:///home/me/a.jpg``,
  ``file://localhost/…``, ``file://server/share/…``, percent-encoded or not;
- any of those in quotes (Windows "copy as path" adds ``"…"``) or with blanks around.

Backslashes are separators on every system. A Windows drive or network path cannot exist on
Linux/macOS: it is refused with a sentence saying so, not with "file not found".
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote

from app.images.errors import ImageError, short_label

ON_WINDOWS = os.name == "nt"
_QUOTES = "\"'“”‘’"
_DRIVE = re.compile(r"[A-Za-z]:")  # C:\…, C:/… (and drive-relative C:a.jpg)
_URL_DRIVE = re.compile(r"/?([A-Za-z])[:|]")  # /C:/… or /C|/… inside a file URL


def picture_path_text(token: str) -> str:
    """The path a cell token names, with ``/`` separators: blanks and quotes stripped, a
    ``file:`` URL decoded, backslashes turned into ``/``. Not yet joined to any folder."""
    text = token.strip().strip(_QUOTES).strip()
    if text[:5].lower() == "file:":
        text = _file_url_path(text[5:])
    return text.replace("\\", "/")


def _file_url_path(rest: str) -> str:
    """The path of a ``file:`` URL (the part after ``file:``), read by hand so that ``#`` and
    ``?`` in a file name survive; ``%xx`` escapes are UTF-8."""
    rest = rest.replace("\\", "/")
    host = ""
    if rest.startswith("//"):
        host, slash, path = rest[2:].partition("/")
        path = slash + path
    else:
        path = rest
    path = unquote(path, encoding="utf-8", errors="strict") if "%" in path else path
    if _DRIVE.fullmatch(host) or (len(host) == 2 and host[1] == "|"):  # file://C:/… (sloppy)
        return f"{host[0]}:{path}"
    if host and host.lower() != "localhost":
        return f"//{host}{path}"  # a network share: \\server\share\…
    drive = _URL_DRIVE.match(path)
    if drive and path[drive.end():drive.end() + 1] in ("/", ""):
        return f"{drive.group(1)}:{path[drive.end():]}"
    return path


def resolve_picture_path(token: str, base_dir: Path) -> Path:
    """The file a picture path cell means, relative paths taken from ``base_dir`` (the sheet's
    folder). Raises `ImageError` (Chinese message) when the token cannot name a file on this
    computer: empty, a Windows drive or network path on Linux/macOS, a broken ``file:`` URL."""
    try:
        text = picture_path_text(token)
    except UnicodeDecodeError:
        raise ImageError(
            "image.bad_path",
            f"图片地址「{short_label(token)}」里的 %编码 不是 UTF-8，无法识别文件名",
        ) from None
    if not text:
        raise ImageError("image.missing", "图片路径是空的")
    if not ON_WINDOWS:
        if _DRIVE.match(text):
            raise ImageError(
                "image.windows_path",
                f"「{short_label(token)}」是 Windows 电脑上的路径（{text[0].upper()} 盘），"
                "这台电脑上没有这个位置：请在那台 Windows 电脑上运行，或把图片复制到表格所在"
                "文件夹并改写成相对路径（例如 图片/主图.jpg）",
            )
        if text.startswith("//"):
            raise ImageError(
                "image.network_path",
                f"「{short_label(token)}」是 Windows 网络共享路径，这台电脑上打不开：请把图片"
                "复制到表格所在文件夹并改写成相对路径（例如 图片/主图.jpg）",
            )
    path = Path(text).expanduser()
    return path if path.is_absolute() else base_dir / path
