"""Taobao's picture limits as row issues (field ``image``). Pure: no I/O, no decoding."""

from __future__ import annotations

from app.catalog.model import Issue, Severity
from app.images.errors import human_size
from app.images.inspect import ImageInfo
from app.images.options import UPLOAD_FORMATS, FixOptions

FIELD = "image"

_MODE_NAMES = {
    "CMYK": "CMYK（印刷色）",
    "I;16": "16 位灰度",
    "I;16B": "16 位灰度",
    "I;16L": "16 位灰度",
    "I": "32 位整数",
    "F": "32 位浮点",
    "YCbCr": "YCbCr",
    "LAB": "Lab",
    "HSV": "HSV",
    "1": "黑白 1 位",
}
# Modes a JPEG/PNG may keep on Taobao without conversion (GIF is kept whatever its mode).
_PLAIN_MODES = frozenset({"RGB", "L"})
_TRANSPARENT_MODES = frozenset({"RGBA", "LA", "P", "PA", "RGBa", "La"})


def unsupported_mode(info: ImageInfo) -> str | None:
    """Chinese name of a colour mode/depth that must be converted, or None if it is fine."""
    if info.format == "GIF":
        return None
    if info.bit_depth == 16:
        return "16 位色深"
    if info.mode in _PLAIN_MODES or info.mode in _TRANSPARENT_MODES:
        return None
    return _MODE_NAMES.get(info.mode, info.mode)


def output_size(info: ImageInfo, options: FixOptions) -> tuple[int, int]:
    """Displayed size after fixing (padding to a square adds white, never scales up)."""
    if options.auto_fix and options.pad_to_square:
        side = max(info.width, info.height)
        return side, side
    return info.width, info.height


def check_image(
    info: ImageInfo, is_main: bool, options: FixOptions | None = None, *, label: str = ""
) -> list[Issue]:
    """Issues for one picture. ``label`` names it in messages (default 主图 / 图片)."""
    options = options or FixOptions()
    name = label or ("主图" if is_main else "图片")
    fixable = options.auto_fix
    issues: list[Issue] = []

    def add(severity: Severity, code: str, message: str) -> None:
        issues.append(Issue(severity, FIELD, code, message))

    width, height = output_size(info, options)
    side = options.min_side
    if width < side or height < side:
        text = f"{name} {width}×{height}，小于 {side}×{side}"
        if is_main:
            add(
                Severity.ERROR,
                "image.too_small",
                f"{text}，买家无法放大查看。请换一张至少 {side}×{side} 的图片",
            )
        else:
            add(Severity.WARNING, "image.too_small", f"{text}，显示可能模糊")
    if width != height:
        add(
            Severity.WARNING,
            "image.not_square",
            f"{name} {width}×{height} 不是正方形，淘宝会按正方形展示；可开启“补白成正方形”",
        )

    if info.format not in UPLOAD_FORMATS and info.format != "MPO":  # MPO is a JPEG file
        text = f"{name}是 {info.format} 格式，淘宝只接受 JPG、PNG、GIF"
        if fixable:
            add(Severity.WARNING, "image.format", f"{text}，上传前将自动转换为 JPG")
        else:
            add(Severity.ERROR, "image.format", f"{text}。请转换格式或开启自动修正")
    mode = unsupported_mode(info)
    if mode:
        text = f"{name}的颜色模式是 {mode}，网页上可能显示异常"
        if fixable:
            add(Severity.WARNING, "image.mode", f"{text}，上传前将自动转换为 RGB")
        else:
            add(Severity.ERROR, "image.mode", f"{text}。请转换为 RGB 或开启自动修正")
    elif info.has_alpha and info.format != "GIF" and not fixable:
        add(
            Severity.WARNING,
            "image.transparency",
            f"{name}有透明背景，淘宝上可能显示为黑底；开启自动修正会铺成白底",
        )

    if info.size > options.max_bytes:
        text = f"{name} {human_size(info.size)}，超过 {human_size(options.max_bytes)}上限"
        if fixable and info.animated:
            add(Severity.WARNING, "image.too_big", f"{text}，动图将只保留第一帧并压缩为 JPG")
        elif fixable:
            add(Severity.WARNING, "image.too_big", f"{text}，上传前将自动压缩")
        else:
            add(Severity.ERROR, "image.too_big", f"{text}。请压缩图片或开启自动修正")

    if info.orientation != 1 and not fixable:
        add(
            Severity.WARNING,
            "image.exif_rotation",
            f"{name}带有旋转标记（EXIF），淘宝上可能横躺显示；开启自动修正会转正",
        )
    return issues
