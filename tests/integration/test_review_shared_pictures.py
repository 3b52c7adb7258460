"""The picture pass opens each distinct picture once (same file however it is spelled, same
embedded bytes in several cells) and reports what it found on every row that uses it."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.catalog.settings import ListingDefaults
from app.review import review_sheet
from tests.sheetgen import HEADER, build_xlsx, picture, product_row

DEFAULTS = ListingDefaults(location_state="浙江", location_city="杭州")
_opened: Counter[str] | None = None


def _audit(event: str, args: tuple[object, ...]) -> None:
    """Counts real file opens (Python's audit hook; it cannot be removed, so it is idle
    unless a test is counting)."""
    if _opened is not None and event == "open" and isinstance(args[0], str | Path):
        _opened[Path(args[0]).name] += 1


sys.addaudithook(_audit)


@pytest.fixture
def opened() -> Iterator[Counter[str]]:
    global _opened  # noqa: PLW0603 - the audit hook's switch
    _opened = Counter()
    try:
        yield _opened
    finally:
        _opened = None


def test_a_file_many_rows_share_is_opened_once_and_reported_on_each(
        tmp_path: Path, opened: Counter[str]) -> None:
    pics = tmp_path / "pics"
    pics.mkdir()
    (pics / "small.png").write_bytes(picture(640, 640))
    (pics / "ok.jpg").write_bytes(picture(800, 800, fmt="JPEG"))
    rows: list[list[object]] = [[*HEADER, "附图"]]
    for n in range(1, 41):
        spelling = "pics\\small.png" if n % 2 else "pics/small.png"
        rows.append([*product_row(n, spelling), "pics/ok.jpg"])
    rows.append([*product_row(41, "pics/ok.jpg"), "./pics/small.png"])  # small as an extra
    path = build_xlsx(tmp_path / "shared.xlsx", rows)
    opened.clear()  # count from here: writing the fixture files opened them too

    review = review_sheet(path, DEFAULTS)

    assert (opened["small.png"], opened["ok.jpg"]) == (1, 1)
    assert review.pictures_checked == 2
    for product in review.products[:40]:
        codes = [(i.code, i.severity.value) for i in review.row_issues(product)
                 if i.field == "image"]
        assert codes == [("image.too_small", "error")], (product.row, codes)
    last = [i for i in review.row_issues(review.products[40]) if i.field == "image"]
    assert [(i.code, i.severity.value) for i in last] == [("image.too_small", "warning")]
    assert last[0].message.startswith("第2张图 640×640")


def test_embedded_bytes_shared_by_cells_are_inspected_once(tmp_path: Path) -> None:
    broken = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64  # a PNG signature, then nothing usable
    rows = [HEADER, product_row(1), product_row(2), product_row(3)]
    path = build_xlsx(tmp_path / "wps.xlsx", rows,
                      wps={"G2": broken, "G3": broken, "G4": picture(800, 800)})

    review = review_sheet(path, DEFAULTS)

    assert review.pictures_checked == 2
    first, second, third = (
        [i for i in review.row_issues(p) if i.field == "image"] for p in review.products)
    assert [i.code for i in first] == [i.code for i in second]
    assert first
    assert all(i.is_error for i in first)
    assert "G2" in first[0].message  # each row's message names its own cell
    assert "G3" in second[0].message
    assert "G2" not in second[0].message
    assert third == []
