"""Draw TaoShelf's icon: resources/icons/taoshelf.png (256 px) and taoshelf.ico (16–256 px).

Run from the repository root after changing the drawing:  uv run python build/make_icon.py

The two files are committed (a few KB) so the window has its icon when run from source; this
script is their source. It draws only shapes (no font), so every machine draws the same icon:
an orange rounded square with an upward arrow over three shelf boards.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
ORANGE = (255, 80, 0, 255)
WHITE = (255, 255, 255, 255)


def draw(size: int = 256) -> Image.Image:
    """The icon at ``size`` px, drawn at 4× and scaled down for smooth edges."""
    big = size * 4
    s = big / 256
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((8 * s, 8 * s, 248 * s, 248 * s), radius=52 * s, fill=ORANGE)
    for y in (150, 184, 218):  # shelf boards
        d.rounded_rectangle((52 * s, y * s, 204 * s, (y + 14) * s), radius=7 * s, fill=WHITE)
    d.polygon([(128 * s, 34 * s), (186 * s, 92 * s), (70 * s, 92 * s)], fill=WHITE)  # arrow head
    d.rectangle((110 * s, 90 * s, 146 * s, 136 * s), fill=WHITE)  # arrow shaft
    return img.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    icon = draw(256)
    icon.save(ICONS / "taoshelf.png", optimize=True)
    icon.save(ICONS / "taoshelf.ico", sizes=ICO_SIZES)
    for name in ("taoshelf.png", "taoshelf.ico"):
        print(f"{ICONS / name}: {(ICONS / name).stat().st_size} bytes")


if __name__ == "__main__":
    main()
