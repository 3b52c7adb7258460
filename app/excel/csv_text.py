"""CSV bytes -> text without garbling anything silently.

The file gets one encoding: a BOM says which (UTF-8 or UTF-16); otherwise UTF-8 when the whole
file is UTF-8, else the encoding most lines with Chinese text are in (UTF-8 or GB18030, which
covers GBK/GB2312). A line that is not in the file's encoding (one line pasted from a GBK file
into a UTF-8 one, or the other way round) is decoded as well as it can be for display and listed
in ``bad_lines``: the reader makes its row an error instead of showing a garbled title.
Lines are split on ``\\r\\n``, ``\\r`` and ``\\n`` -- bytes that never occur inside a UTF-8 or
GB18030 character -- exactly as ``io.StringIO(newline="")`` splits the decoded text, so a line
number here is the csv reader's ``line_num``.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from app.excel.errors import SheetError

LOOKS_GBK = "GBK"  # a line of a UTF-8 file that is not UTF-8 (GB18030 reads it)
LOOKS_UTF8 = "UTF-8"  # a line of a GBK file that is UTF-8 text
UNKNOWN = ""  # neither

_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


@dataclass(slots=True)
class CsvText:
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "gb18030" or "utf-16"
    bad_lines: dict[int, str] = field(default_factory=dict)  # line (1-based) -> LOOKS_*/UNKNOWN


def _try(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def _is_text(decoded: str) -> bool:
    """Real Chinese text rather than GBK bytes that happen to be valid UTF-8: at least two
    non-ASCII characters, and nearly all of them common (GB2312) characters."""
    wide = [ch for ch in decoded if ord(ch) > 127]
    if len(wide) < 2:
        return False
    common = sum(1 for ch in wide if _try_encode(ch))
    return common * 5 >= len(wide) * 4


def _try_encode(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def decode(data: bytes) -> CsvText:
    """The file's text, its encoding and the lines that are not in it."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _try(data, "utf-16")
        if text is None:
            raise SheetError("这个 CSV 文件标明是 UTF-16（Unicode 文本），但内容已损坏，无法读取。"
                             "请用 Excel 或 WPS 打开后另存为 .xlsx 再试。")
        return CsvText(text, "utf-16")
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8):]
        text = _try(body, "utf-8")
        if text is not None:
            return CsvText(text, "utf-8-sig")
        return _by_line(body, "utf-8", "utf-8-sig")
    text = _try(data, "utf-8")
    if text is not None:
        return CsvText(text, "utf-8")
    lines = _LINE.findall(data)
    utf8_text = not_utf8 = 0
    for raw in lines:
        if raw.isascii():
            continue
        if _try(raw, "utf-8") is None:
            not_utf8 += 1
        else:
            utf8_text += 1
    if utf8_text > not_utf8:
        return _by_line(data, "utf-8", "utf-8", lines)
    return _by_line(data, "gb18030", "gb18030", lines)


def _by_line(data: bytes, primary: str, name: str,
             lines: list[bytes] | None = None) -> CsvText:
    out: list[str] = []
    bad: dict[int, str] = {}
    for number, raw in enumerate(lines if lines is not None else _LINE.findall(data), start=1):
        if raw.isascii():
            out.append(raw.decode("ascii"))
            continue
        if primary == "utf-8":
            text = _try(raw, "utf-8")
            if text is None:
                gbk = _try(raw, "gb18030")
                bad[number] = LOOKS_GBK if gbk is not None else UNKNOWN
                text = gbk if gbk is not None else raw.decode("utf-8", errors="replace")
        else:
            utf8 = _try(raw, "utf-8")
            if utf8 is not None and _is_text(utf8):
                bad[number] = LOOKS_UTF8
                text = utf8
            else:
                text = _try(raw, "gb18030")
                if text is None:
                    bad[number] = UNKNOWN
                    text = raw.decode("gb18030", errors="replace")
        out.append(text)
    return CsvText("".join(out), name, bad)


def encoding_problem(row: int, looks: str, encoding: str) -> str:
    """The row error for a line that is not in the file's encoding (Chinese)."""
    file_is = "GBK（ANSI）" if encoding == "gb18030" else "UTF-8"
    if looks == LOOKS_GBK:
        what = f"第 {row} 行不是 UTF-8 编码（文件的其他行是 UTF-8，这一行像是 GBK/ANSI 编码）"
    elif looks == LOOKS_UTF8:
        what = f"第 {row} 行是 UTF-8 编码，而文件的其他行是 {file_is} 编码"
    else:
        what = f"第 {row} 行的文字编码无法识别（文件的其他行是 {file_is}）"
    return (f"{what}，读出来可能是乱码，所以这一行不能上架：请在 Excel 或 WPS 里检查这一行"
            "（必要时重新输入），再“另存为”→“CSV UTF-8（逗号分隔）”，然后重新拖进来")
