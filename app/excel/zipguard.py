"""Every zip member of a workbook is read here, inflated by our own bounded stream.

An .xlsx is a zip; a hostile or broken one can inflate a few MB into gigabytes (a "zip bomb").
`SafeZip` never trusts the sizes written in the zip directory (they can lie): it inflates the
member's compressed bytes itself, chunk by chunk (never more than `CHUNK_OUT` at once), and
counts what actually comes out, per member and for the whole workbook. It stops with
`ZipBombError` (a `SheetError`: the file is refused, exit 2) as soon as

* one XML part (sheet, sharedStrings, workbook, rels, drawings, cellimages, metadata, richData)
  passes `Limits.xml_part`, or one picture passes `Limits.media_part`;
* an XML part past `Limits.grace` inflates more than `Limits.ratio` times the compressed bytes
  it has consumed so far (a bomb is caught after 2 MB, long before the other caps);
* all parts read from the workbook together pass `Limits.ratio` times the file's size (at least
  `Limits.total_floor`, at most `Limits.total`): many small bombs, or pictures (which get no
  per-part ratio check: an uncompressed BMP may legitimately shrink 1000:1) add up to that.

Numbers (measured, see app/excel/README.md): a 100,000-row x 10-column sheet is 57 MiB of XML
at 12:1, the cellimages.xml of 100k in-cell pictures 23 MiB at 26:1; the most repetitive real
layouts we could make (rows of styled empty cells, empty formatted rows) stay under 30:1, while
a bomb of repeated rows is 300-1000:1.
Only stored and deflated members are read: Excel, WPS, LibreOffice and openpyxl write nothing
else, and the other methods (bzip2, LZMA) cannot be inflated in bounded steps by zipfile.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from app.excel.errors import SheetError

MiB = 1 << 20
CHUNK_IN = 64 * 1024  # compressed bytes read from the file at a time
CHUNK_OUT = 1 * MiB  # most bytes inflated by one step
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_LOCAL_MAGIC = b"PK\x03\x04"
_BROKEN = "（文件可能已损坏）。请用 Excel 或 WPS 打开它，另存为新的 .xlsx 文件再试。"
_BOMB = ("，远超正常的商品表格，像是损坏的或恶意构造的文件（“压缩炸弹”），已停止读取。"
         "请用 Excel 或 WPS 打开检查，另存为新的 .xlsx 文件再试。")


@dataclass(frozen=True, slots=True)
class Limits:
    xml_part: int = 256 * MiB  # 4.5x the 100k-row sheet; also 100k rows x 40 columns
    media_part: int = 64 * MiB  # one picture (Taobao takes 3 MB; camera originals ~10-20 MB)
    total: int = 4096 * MiB  # everything read from one workbook, at most...
    total_floor: int = 64 * MiB  # ...and at least this, else `ratio` x the file's size
    ratio: int = 100  # inflated : compressed, for each XML part past `grace` and for the file
    grace: int = 2 * MiB

    def budget(self, file_size: int) -> int:
        """What one workbook of ``file_size`` bytes may inflate to, all parts together."""
        return min(self.total, max(self.total_floor, self.ratio * file_size))


LIMITS = Limits()


class ZipBombError(SheetError):
    """A member inflated past a cap: the workbook is refused (Chinese message)."""


class SafeZip:
    """A workbook zip whose members are read only through bounded, counted streams.

    ``inflated`` is the number of bytes inflated so far over all members (public, for tests
    and benchmarks). Raises `zipfile.BadZipFile`/`OSError` like `zipfile.ZipFile`.
    """

    def __init__(self, path: Path, limits: Limits = LIMITS) -> None:
        self.path = path
        self.limits = limits
        self.inflated = 0
        with zipfile.ZipFile(path) as zf:  # the directory only; no member is read through it
            self._infos = {info.filename: info for info in zf.infolist()}
        self._fh = path.open("rb")
        self._size = path.stat().st_size
        self.budget = limits.budget(self._size)  # bytes all members together may inflate to

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._fh.close()

    def namelist(self) -> list[str]:
        return list(self._infos)

    def __contains__(self, name: object) -> bool:
        return name in self._infos

    def open(self, name: str, *, media: bool = False) -> MemberStream:
        """A stream over one member; KeyError when the zip has no such member."""
        info = self._infos[name]
        cap = self.limits.media_part if media else self.limits.xml_part
        return MemberStream(self, info, cap, check_ratio=not media)

    def read(self, name: str, *, media: bool = False) -> bytes | None:
        """The whole member (bounded like `open`), or None when the zip has no such member."""
        if name not in self._infos:
            return None
        with self.open(name, media=media) as stream:
            return stream.read()

    def _raw(self, offset: int, size: int) -> bytes:
        self._fh.seek(offset)
        return self._fh.read(size)

    def _bomb(self, member: str, what: str) -> ZipBombError:
        return ZipBombError(f"「{self.path.name}」里的「{member}」{what}{_BOMB}")


class MemberStream(io.RawIOBase):
    """Inflates one member in bounded steps, counting every byte that comes out."""

    def __init__(self, owner: SafeZip, info: zipfile.ZipInfo, cap: int,
                 check_ratio: bool = True) -> None:
        super().__init__()
        self._owner = owner
        self._name = info.filename
        self._cap = cap
        self._check_ratio = check_ratio
        self._crc_expected = info.CRC
        name = owner.path.name
        if info.flag_bits & 0x1:
            raise SheetError(f"「{name}」里的「{info.filename}」加密了，无法读取。"
                             "请在 Excel/WPS 里取消密码后另存为 .xlsx 再试。")
        header = owner._raw(info.header_offset, _LOCAL_HEADER.size)
        if len(header) < _LOCAL_HEADER.size or header[:4] != _LOCAL_MAGIC:
            raise SheetError(f"「{name}」里的「{info.filename}」找不到数据{_BROKEN}")
        name_len, extra_len = struct.unpack("<2H", header[-4:])
        self._pos = info.header_offset + _LOCAL_HEADER.size + name_len + extra_len
        self._end = owner._size  # a deflate stream ends by itself; never read past the file
        self._inflater = None  # stored
        if info.compress_type == zipfile.ZIP_DEFLATED:
            self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        elif info.compress_type == zipfile.ZIP_STORED:
            self._end = min(self._end, self._pos + info.compress_size)
        else:
            raise SheetError(f"「{name}」里的「{info.filename}」用了 Excel 和 WPS 都不会用的"
                             f"压缩方式{_BROKEN}")
        self._pending = b""
        self._consumed = 0  # compressed bytes the inflater has taken
        self._out = 0  # bytes inflated from this member
        self._crc = 0
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        data = self._next(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def read(self, size: int | None = -1) -> bytes:
        if size is not None and size >= 0:
            return self._next(size)
        parts = []
        while chunk := self._next(CHUNK_OUT):
            parts.append(chunk)
        return b"".join(parts)

    def _next(self, size: int) -> bytes:
        size = max(1, min(size, CHUNK_OUT))
        while not self._done:
            data = self._step(size)
            if data:
                self._count(data)
                return data
        return b""

    def _step(self, size: int) -> bytes:
        if self._inflater is None:  # stored
            data = self._read_raw(min(size, self._end - self._pos))
            self._consumed += len(data)
            if not data:
                self._finish()
            return data
        inflater = self._inflater
        if inflater.eof:
            self._finish()
            return b""
        if self._pending:
            data = inflater.decompress(self._pending, size)
            self._consumed += len(self._pending) - len(inflater.unconsumed_tail)
            self._pending = inflater.unconsumed_tail
            return data
        data = inflater.decompress(b"", size)  # output zlib may still hold
        if not data:
            self._pending = self._read_raw(CHUNK_IN)
            if not self._pending:
                raise SheetError(f"「{self._owner.path.name}」里的「{self._name}」"
                                 f"数据不完整{_BROKEN}")
        return data

    def _read_raw(self, size: int) -> bytes:
        size = min(size, self._end - self._pos)
        if size <= 0:
            return b""
        data = self._owner._raw(self._pos, size)
        self._pos += len(data)
        return data

    def _count(self, data: bytes) -> None:
        n = len(data)
        owner, limits = self._owner, self._owner.limits
        self._out += n
        owner.inflated += n
        self._crc = zlib.crc32(data, self._crc)
        if self._out > self._cap:
            raise owner._bomb(self._name, f"解压后超过 {self._cap // MiB} MB")
        if owner.inflated > owner.budget:
            raise owner._bomb(self._name, f"读到一半，整个文件解压后已超过 {owner.budget // MiB} MB"
                              f"（文件本身只有 {owner._size / MiB:.1f} MB）")
        if self._check_ratio and self._out > limits.grace \
                and self._out > limits.ratio * max(self._consumed, 1):
            raise owner._bomb(self._name, f"的压缩比超过 {limits.ratio}:1"
                              "（正常的表格在 30:1 以内）")

    def _finish(self) -> None:
        self._done = True
        if self._crc != self._crc_expected:
            raise SheetError(f"「{self._owner.path.name}」里的「{self._name}」校验不通过"
                             f"{_BROKEN}")
