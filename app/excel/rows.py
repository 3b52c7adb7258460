"""One sheet row -> one `Product`: typed values, pictures, and the reader's findings per cell."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from app.catalog.model import ImageRef, ImageSource, Issue, Product, Severity, Sku
from app.excel.fields import BY_NAME, field_for_header, normalize_header
from app.excel.grid import (
    CELL_MAX_CHARS,
    NO_CACHED_VALUE,
    CellError,
    CellPicture,
    CellTooLong,
    CellValue,
    Grid,
)
from app.excel.header import HeaderMap
from app.excel.ooxml import col_letter
from app.excel.row_columns import Mode, add_problem, blank_column, plan_columns, read_scalar
from app.excel.values import (
    Problem,
    as_text,
    normalize_location,
    parse_int,
    parse_price,
    split_list,
)
from app.images.errors import ImageError
from app.images.picture_path import resolve_picture_path

_PATH_SPLIT = re.compile(r"[;；,，\n\r|]+")
# 淘宝助理 exports: "<md5>:1:0:" names a picture saved as <sheet name>/<md5>.tbi (a JPEG)
_TBI = re.compile(r"^([0-9a-fA-F]{32}):\d+:\d+:?$")
_SKU_LISTS = ("sku_properties", "sku_quantities", "sku_prices", "sku_outer_ids")
# a raw ``pid:vid`` pair (custom values have negative vids)
_RAW_PAIR = re.compile(r"^\s*\d+\s*:\s*-?\d+\s*$")
_HEADER_NOISE = " \t\r\n\u3000*＊"
_NOISE_CHARS = frozenset(_HEADER_NOISE)


class RowBuilder:
    """Builds products for one sheet; caches file-existence checks across rows."""

    def __init__(self, grid: Grid, hmap: HeaderMap, base_dir: Path, tbi_dir: str = "") -> None:
        self.grid = grid
        self.hmap = hmap
        self.base_dir = base_dir
        self.tbi_dir = tbi_dir  # folder of 淘宝助理 .tbi pictures, relative to base_dir
        self._exists: dict[str, tuple[str, str] | None] = {}
        self._columns = sorted(set(hmap.fields) | set(hmap.unknown) | set(hmap.duplicates))
        self._image_cols = {c for c, f in hmap.fields.items() if f == "image"}
        self._detail_cols = {c for c, f in hmap.fields.items() if f == "detail_image"}
        self._sku_image_cols = {c for c, f in hmap.fields.items() if f == "sku_image"}
        letters: dict[str, str] = {}
        for col in sorted(hmap.fields):
            letters.setdefault(hmap.fields[col], col_letter(col))
        self.columns = letters  # shared by every product of the sheet
        self._header_norms = {c: normalize_header(t) for c, t in hmap.headers.items()}
        # (col, first character, normalised header) of the headers a cell could repeat
        self._header_starts = [(c, norm[:1], norm) for c, norm in self._header_norms.items()
                               if norm]
        self._plans = plan_columns(hmap)

    def is_product_row(self, row: int, cells: Mapping[int, CellValue]) -> bool:
        """Something written on this row under a known column (a value that only comes from a
        merged cell above does not make a row)."""
        merged = self.grid.merged_into
        for col in self._columns:
            value = cells.get(col)
            if value is None:
                continue
            if isinstance(value, str) and not value.strip():
                continue
            if merged and (row, col) in merged:
                continue
            return True
        return False

    def looks_like_header(self, cells: Mapping[int, CellValue]) -> bool:
        """A second header line (淘宝助理 CSVs have English names, then Chinese ones)."""
        texts = [v for c, v in cells.items() if c in self.hmap.headers and isinstance(v, str)]
        known = sum(1 for t in texts if field_for_header(t) is not None)
        return known >= 2 and known * 2 >= len(texts)

    def repeats_header(self, cells: Mapping[int, CellValue]) -> bool:
        """The header row again (sheets pasted together, a header repeated for printing): at
        least two cells, and most of the row, say what the header says in the same column."""
        same = 0
        for col, first, norm in self._header_starts:  # the 100k ordinary rows stop here
            value = cells.get(col)
            if isinstance(value, str):
                start = value[:1]
                if start in _NOISE_CHARS:
                    start = value.lstrip(_HEADER_NOISE)[:1]
                same += start.lower() == first and normalize_header(value) == norm
        if same < 2:
            return False
        written = same = 0
        for col, norm in self._header_norms.items():
            value = cells.get(col)
            if not isinstance(value, str):
                continue
            start = value.lstrip(_HEADER_NOISE)[:1].lower()
            if not start:
                continue
            written += 1
            # the first-character test keeps this cheap on the 100k ordinary rows
            same += start == norm[:1] and normalize_header(value) == norm
        return same >= 2 and same * 2 > written

    @staticmethod
    def is_product(p: Product) -> bool:
        """False for rows with only numbers under known columns (a 合计 row's sums…)."""
        if p.title or p.outer_id or p.images or p.extra or p.skus or p.category_text \
                or p.detail_images:
            return True
        return any(i.field in ("title", "outer_id", "image") for i in p.cell_issues)

    def build(self, row: int, cells: Mapping[int, CellValue]) -> Product:
        p = Product(row=row, columns=self.columns)
        pictures: list[tuple[int, int, ImageRef]] = []  # (col, order, ref)
        lists: dict[str, tuple[str, list[str]]] = {}
        named: dict[str, tuple[str, str]] = {}  # 颜色/尺码 columns: header -> (cell, text)
        plans = self._plans
        merged = self.grid.merged_into
        for col, value in cells.items():
            column = plans.get(col)
            if column is None:  # no header: kept for the sheet's other rows
                column = plans[col] = blank_column(col)
            cls = value.__class__
            plain = cls is str or cls is float  # most cells: no picture, error or overlong text
            if not plain and isinstance(value, CellPicture):
                self._cell_picture(p, col, f"{column.letter}{row}", value, pictures,
                                   field=column.picture_field)
                continue
            if not plain and isinstance(value, CellTooLong):
                self._too_long(p, col, f"{column.letter}{row}", value)
                continue
            name = column.name
            if name is None:
                if column.extra_key:
                    text = value.strip() if cls is str else as_text(value)
                    if text:
                        p.extra[column.extra_key] = text
                continue
            if column.once and (row, col) in merged:
                continue  # a 商家编码 merged over several rows belongs to its first row only
            if not plain and isinstance(value, CellError):
                self._cell_error(p, name, f"{column.letter}{row}", value)
                continue
            mode = column.mode
            if mode is Mode.TEXT:
                text = value.strip() if cls is str else as_text(value)
                if column.location:
                    text = normalize_location(text)
                elif column.title and not text.isprintable():
                    text = " ".join(text.split())  # line breaks inside the cell -> one line
                setattr(p, column.attr, text or None)
                continue
            ref = f"{column.letter}{row}"
            if mode is Mode.PARSE and column.parse is not None:
                result, problem = column.parse(value, column.label)
                add_problem(p, name, ref, problem)
                setattr(p, column.attr, result)
            elif mode is Mode.IMAGE:
                self._paths(p, col, ref, as_text(value), pictures, field=name)
            elif mode is Mode.LIST:
                lists[name] = (ref, split_list(as_text(value)))
            elif mode is Mode.NAMED:
                text = as_text(value)
                if text:
                    named[column.named_key] = (ref, text)
            elif column.spec is not None:  # Mode.OTHER
                read_scalar(p, column.spec, ref, value, column.header)
        for col, ref_img in self.grid.floating.get(row, ()):
            pictures.append((col, 1_000_000, ref_img))
        colour_pictures: list[tuple[int, int, ImageRef]] = []
        if pictures:
            pictures.sort(key=lambda item: (item[0] not in self._image_cols, item[0], item[1]))
            details = [ref_img for c, _o, ref_img in pictures if c in self._detail_cols]
            colour_pictures = [item for item in pictures if item[0] in self._sku_image_cols]
            p.images = [ref_img for c, _o, ref_img in pictures
                        if c not in self._detail_cols and c not in self._sku_image_cols]
            p.detail_images = details
        if lists.get("sku_properties", ("", []))[1]:
            if named or colour_pictures:
                p.cell_issues.append(Issue(
                    Severity.ERROR, "sku_properties", "sku_properties.two_forms",
                    f"{lists['sku_properties'][0]} 填了SKU属性列表，这一行又填了"
                    f"{'、'.join(named) or '颜色图'}：一个宝贝的SKU请只用一种写法（每行一个SKU，"
                    "或一行里的SKU属性列表）"))
            self._skus(p, lists)
        elif named or colour_pictures or (lists and any(items for _r, items in lists.values())):
            self._row_sku(p, row, named, lists, colour_pictures)
        return p

    def _row_sku(self, p: Product, row: int, named: dict[str, tuple[str, str]],
                 lists: dict[str, tuple[str, list[str]]],
                 colour_pictures: list[tuple[int, int, ImageRef]]) -> None:
        """This row is one SKU (颜色/尺码 by name; its SKU价格, SKU库存, SKU商家编码, 颜色图)."""
        sku = Sku(properties="", row=row, values={h: text for h, (_r, text) in named.items()},
                  cells={h: ref for h, (ref, _t) in named.items()})
        for name, attr in (("sku_quantities", "quantity"), ("sku_prices", "price"),
                           ("sku_outer_ids", "outer_id")):
            if name not in lists:
                continue
            ref, items = lists[name]
            sku.cells[attr] = ref
            if len(items) > 1:
                p.cell_issues.append(Issue(
                    Severity.ERROR, name, f"{name}.several",
                    f"{ref} {BY_NAME[name].label}「{'，'.join(items)}」有 {len(items)} 个："
                    "每行是一个SKU，只填这个SKU的一个值（其他SKU各写一行，商家编码相同）"))
                continue
            if not items or not items[0]:
                continue
            if attr == "quantity":
                sku.quantity, problem = parse_int(items[0], "SKU库存")
            elif attr == "price":
                sku.price, problem = parse_price(items[0], "SKU价格")
            else:
                sku.outer_id, problem = items[0], None
            self._list_problem(p, name, lists, problem)
        if colour_pictures:
            col, _o, ref_img = colour_pictures[0]
            sku.image = ref_img
            sku.cells["image"] = f"{col_letter(col)}{row}"
            if len(colour_pictures) > 1:
                p.cell_issues.append(Issue(
                    Severity.WARNING, "sku_image", "sku_image.several",
                    f"{sku.cells['image']} 颜色图有 {len(colour_pictures)} 张，只用第一张"
                    "（每个颜色一张图）"))
        p.skus.append(sku)

    @staticmethod
    def _cell_error(p: Product, name: str, ref: str, value: CellError) -> None:
        label = BY_NAME[name].label
        if value.code == NO_CACHED_VALUE:
            message = (f"{ref} {label}是公式，但文件里没有算好的结果（表格不是用"
                       "Excel/WPS 保存的）：请用 Excel 或 WPS 打开并保存一次再试")
        else:
            message = f"{ref} {label}是错误值 {value.code}（公式出错或引用失效），请改成实际内容"
        p.cell_issues.append(Issue(Severity.ERROR, name, f"{name}.cell_error", message))

    def _too_long(self, p: Product, col: int, ref: str, value: CellTooLong) -> None:
        if col in self.hmap.ignored:
            return
        name = self.hmap.fields.get(col)
        what = (f"{ref} {BY_NAME[name].label}" if name else
                f"{ref}（{self.hmap.headers.get(col) or '没有列名的列'}）")
        message = (f"{what}有 {len(value.text):,} 个字符，超过一个单元格最多 {CELL_MAX_CHARS:,} "
                   "个字符的上限，没有读入")
        if value.last_line > value.first_line:
            message += (f"：它从文件第 {value.first_line} 行跨到第 {value.last_line} 行，"
                        "多半是少了一个引号（\"），后面的行被并进了这个单元格，请检查引号")
        elif name is None:
            message += "（这一列本来也不上传）"
        if name is None:
            p.cell_issues.append(Issue(Severity.WARNING, "row", "cell.too_long", message))
        else:
            p.cell_issues.append(Issue(Severity.ERROR, name, f"{name}.too_long_cell", message))

    def _cell_picture(self, p: Product, col: int, ref: str, pic: CellPicture,
                      pictures: list[tuple[int, int, ImageRef]], *, field: str = "image"
                      ) -> None:
        found = self.grid.cell_pictures.get(pic)
        if found is None:
            what = "WPS 嵌入图片" if pic.source is ImageSource.WPS_CELL else "单元格内图片"
            p.cell_issues.append(Issue(Severity.ERROR, field, "image.embedded_missing",
                                       f"{ref} 的{what}在文件里找不到图片数据，请重新插入图片"))
            return
        name, data = found
        pictures.append((col, len(pictures), ImageRef(
            pic.source, f"{self.grid.sheet_name}!{ref}", data=data, name=name)))

    def _paths(self, p: Product, col: int, ref: str, text: str,
               pictures: list[tuple[int, int, ImageRef]], *, field: str = "image") -> None:
        for raw in _PATH_SPLIT.split(text):
            token = raw.strip().strip('"')
            if not token:
                continue
            low = token.lower()
            if low.startswith(("http://", "https://", "//")):
                url = "https:" + token if token.startswith("//") else token
                pictures.append((col, len(pictures), ImageRef(ImageSource.URL, url)))
                continue
            tbi = _TBI.match(token)
            if tbi and self.tbi_dir:
                token = f"{self.tbi_dir}/{tbi.group(1)}.tbi"
            problem = self._file_problem(token)
            if problem is not None:
                code, message = problem
                p.cell_issues.append(Issue(Severity.ERROR, field, code, f"{ref} {message}",
                                           cell=ref))
                continue
            pictures.append((col, len(pictures), ImageRef(ImageSource.PATH, token, cell=ref)))

    def _file_problem(self, token: str) -> tuple[str, str] | None:
        """Why ``token`` names no picture file (code, message), or None; resolved exactly as the
        loader will (`resolve_picture_path`), cached across rows."""
        if token not in self._exists:
            try:
                path = resolve_picture_path(token, self.base_dir)
            except ImageError as exc:
                self._exists[token] = (exc.code, exc.message)
            else:
                self._exists[token] = None if path.is_file() else (
                    "image.file_missing", f"图片文件不存在：{token}（查找位置：{path}）")
        return self._exists[token]

    def _skus(self, p: Product, lists: dict[str, tuple[str, list[str]]]) -> None:
        props = lists.get("sku_properties", ("", []))[1]
        sizes = {name: len(items) for name, (_ref, items) in lists.items() if items}
        if not props and sizes:
            name = next(iter(sizes))
            p.cell_issues.append(Issue(Severity.ERROR, name, f"{name}.without_properties",
                                       f"{lists[name][0]} 填了{BY_NAME[name].label}，"
                                       "但没有SKU属性（销售属性）"))
            return
        for name, size in sizes.items():
            if size != len(props):
                p.cell_issues.append(Issue(
                    Severity.ERROR, name, f"{name}.misaligned",
                    f"{lists[name][0]} {BY_NAME[name].label}有 {size} 个，SKU属性有 "
                    f"{len(props)} 个：要用逗号分隔、一一对应"))
        quantities = lists.get("sku_quantities", ("", []))[1]
        prices = lists.get("sku_prices", ("", []))[1]
        outer_ids = lists.get("sku_outer_ids", ("", []))[1]
        ref = lists["sku_properties"][0]
        for i, prop in enumerate(props):
            sku = Sku(properties=prop, cells={"properties": ref})
            pairs = [x for x in prop.split(";") if x.strip()]
            if pairs and not all(_RAW_PAIR.match(x) for x in pairs):
                # 颜色:白色;尺码:M -- by name, resolved against the leaf later
                sku.properties = ""
                for pair in pairs:
                    name, colon, value = pair.replace("：", ":").partition(":")
                    if colon and name.strip() and value.strip():
                        sku.values[name.strip()] = value.strip()
                        sku.cells[name.strip()] = ref
                    else:
                        p.cell_issues.append(Issue(
                            Severity.ERROR, "sku_properties", "sku_properties.format",
                            f"{ref} SKU属性「{pair}」格式不对：写成 名称:值（如 颜色:白色;尺码:M）"
                            "或 pid:vid"))
            if i < len(quantities):
                sku.quantity, problem = parse_int(quantities[i], "SKU数量")
                self._list_problem(p, "sku_quantities", lists, problem)
            if i < len(prices):
                sku.price, problem = parse_price(prices[i], "SKU价格")
                self._list_problem(p, "sku_prices", lists, problem)
            if i < len(outer_ids):
                sku.outer_id = outer_ids[i] or None
            p.skus.append(sku)

    @staticmethod
    def _list_problem(p: Product, name: str, lists: dict[str, tuple[str, list[str]]],
                      problem: Problem) -> None:
        if problem is not None:
            is_error, message = problem
            p.cell_issues.append(Issue(Severity.ERROR if is_error else Severity.WARNING, name,
                                       f"{name}.invalid" if is_error else f"{name}.cleaned",
                                       f"{lists[name][0]} {message}"))
