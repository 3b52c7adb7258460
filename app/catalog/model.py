"""The product record every layer shares: what a sheet row says, typed.

A `Product` is what the reader made of one sheet row (or of the rows of one product's SKUs).
Values that could not be read are ``None`` and the reason is in ``cell_issues`` (the reader's
findings); `app.catalog.rules` adds the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # the row cannot be uploaded until it is fixed
    WARNING = "warning"  # the row can go, but the user should look

# Issue.code of a row the user chose not to upload (跳过这一行 in the window): an error, so no
# layer ever sends it; the upload plan blocks it with that issue's message alone.
SKIPPED_BY_USER = "row.skipped"


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding on one row.

    ``field`` is the TOP parameter name (``title``, ``price``, ``num``, ``cid``, ``desc``,
    ``outer_id``, ``location.state``, ``location.city``, ``stuff_status``, ``type``, ``sku_*``)
    or ``image`` for pictures. ``code`` is a stable machine code (``title.too_long``);
    ``message`` is plain Chinese that names the value and the limit. ``cell`` (``C5``) is the
    one cell to blame when the finder knows it (e.g. which picture column); otherwise the cell
    is the field's column on the product's row (`Product.cell`).
    """

    severity: Severity
    field: str
    code: str
    message: str
    cell: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class ImageSource(StrEnum):
    PATH = "path"  # a file path in a cell (absolute or relative to the workbook)
    URL = "url"  # http(s) address in a cell, downloaded at upload time
    FLOATING = "floating"  # a picture floating over the row (xl/drawings)
    WPS_CELL = "wps_cell"  # WPS 嵌入单元格 (=DISPIMG, xl/cellimages.xml)
    EXCEL_CELL = "excel_cell"  # Excel 365 "Place in cell" (xl/richData)


@dataclass(frozen=True, slots=True)
class ImageRef:
    """Where one picture of a product comes from.

    ``location`` is human-readable: the path or URL as written, or ``Sheet1!E5`` for pictures
    inside the workbook. ``data`` holds the bytes of pictures embedded in the workbook.
    """

    source: ImageSource
    location: str
    data: bytes | None = field(default=None, repr=False, compare=False)
    name: str = ""  # the media file name inside the workbook, if any
    cell: str = field(default="", compare=False)  # the cell it was written in (``G5``), if known

    @property
    def embedded(self) -> bool:
        return self.data is not None


@dataclass(slots=True)
class Sku:
    properties: str  # "pid:vid;pid:vid" (empty until named values are resolved against the leaf)
    quantity: int | None = None
    price: Decimal | None = None
    outer_id: str | None = None
    # A SKU written the way shop owners write it (one sheet row per SKU): its sale values by
    # the sheet's column name as written (颜色 → 雾霾蓝, 尺码 → M), its own row, its colour picture.
    values: dict[str, str] = field(default_factory=dict)
    row: int | None = None
    image: ImageRef | None = None  # 颜色图: attached to the colour value (item.joint.propimg)
    # The SKU row's unmapped columns (header -> text): a sale property the reader cannot know
    # (适用手机型号) is claimed from here by the resolution step (`app.catalog.resolve`).
    extra: dict[str, str] = field(default_factory=dict)
    # where each value was read: name in ``values``/``extra`` or field -> cell (``F6``)
    cells: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Product:
    """One product: a sheet row, or the rows sharing a 商家编码 (one SKU each, in sheet order).

    ``row`` is its first sheet row (1-based, as Excel shows it); `rows` gives all of them.
    """

    row: int
    outer_id: str | None = None  # 商家编码: our idempotency key on Taobao
    title: str | None = None
    desc: str | None = None
    price: Decimal | None = None
    num: int | None = None
    cid: int | None = None
    location_state: str | None = None
    location_city: str | None = None
    stuff_status: str | None = None  # new | second
    type: str | None = None  # fixed | auction
    approve_status: str | None = None  # onsale | instock
    props: str | None = None
    seller_cids: str | None = None
    sell_point: str | None = None
    postage_id: int | None = None
    freight_payer: str | None = None
    cost: Decimal | None = None
    price_computed: bool = False  # price came from the pricing rule, not the sheet
    images: list[ImageRef] = field(default_factory=list)  # first = main picture
    skus: list[Sku] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)  # mapped columns with no field here
    cell_issues: list[Issue] = field(default_factory=list)  # what the reader found
    generated_key: str | None = None  # stable outer_id made up when the sheet has none
    # Added by the sheet reader (optional item.add fields users fill in their sheets):
    list_time: datetime | None = None  # 定时上架 (China time as written in the sheet)
    post_fee: Decimal | None = None
    express_fee: Decimal | None = None
    ems_fee: Decimal | None = None
    has_invoice: bool | None = None
    has_warranty: bool | None = None
    has_discount: bool | None = None
    # Written the way shop owners write them, resolved against the leaf's rules before upload:
    category_text: str | None = None  # 类目 as written when it is a name or a path, not an id
    props_text: str | None = None  # 宝贝属性 as written (名称:值;… and/or pid:vid;…)
    # What the resolution step understood (output): property name → value(s) as written, for
    # every property column or 宝贝属性 pair that names a property of the row's leaf.
    prop_texts: dict[str, str] = field(default_factory=dict)
    detail_images: list[ImageRef] = field(default_factory=list)  # 详情图, in description order
    # Composed against the leaf's rules (`app.catalog.compose`), sent as they are by item.add
    # (``props`` above is composed too when the row was resolved):
    input_pids: str | None = None  # typed values' pids ("20000,13021751")
    input_str: str | None = None  # their texts, aligned ("小鹿森林,TS24001")
    property_alias: str | None = None  # "pid:vid:别名;…" (a standard value renamed)
    input_custom_cpv: str | None = None  # "pid:-n:名称;…" (custom sale values)
    # field -> column letter it was read from; one dict shared by every row of a sheet (read only)
    columns: dict[str, str] = field(default_factory=dict)

    def cell(self, name: str) -> str | None:
        """The cell a field was read from, e.g. ``cell("price") == "C5"``."""
        letter = self.columns.get(name)
        return f"{letter}{self.row}" if letter else None

    @property
    def rows(self) -> list[int]:
        """Every sheet row of the product: its first row, then its other SKU rows."""
        out = [self.row]
        out.extend(s.row for s in self.skus if s.row is not None and s.row not in out)
        return out

    @property
    def key(self) -> str | None:
        """The row key sent as ``outer_id``: the sheet's own, else the generated one."""
        return self.outer_id or self.generated_key
