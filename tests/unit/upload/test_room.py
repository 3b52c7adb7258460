"""What a run will add to the picture space, estimated before anything is read or sent."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from app.catalog.model import ImageRef, ImageSource, Product, Sku
from app.upload.journal import Journal
from app.upload.pictures import TYPICAL_PICTURE_BYTES, PictureSpace, default_preparer
from app.upload.plan import make_plan
from app.upload.room import estimate
from app.upload.settings import UploadSettings


def test_each_new_picture_counts_once_by_its_size_and_known_ones_not_at_all(
        tmp_path: Path) -> None:
    for name, size in (("m1.jpg", 1000), ("m2.jpg", 2000), ("logo.jpg", 300), ("d1.jpg", 4000),
                       ("d2.jpg", 5000), ("red.jpg", 700)):
        (tmp_path / name).write_bytes(b"x" * size)

    def ref(name: str) -> ImageRef:
        return ImageRef(ImageSource.PATH, name)  # relative to the sheet's folder

    url = ImageRef(ImageSource.URL, "https://example.com/detail.jpg")
    red = ref("red.jpg")
    rows = [
        Product(row=2, outer_id="A", images=[ref("m1.jpg"), ref("logo.jpg")],
                detail_images=[ref("d1.jpg"), url],
                skus=[Sku("1627207:28326;20509:28314", 1, Decimal("1"), image=red),
                      Sku("1627207:28326;20509:28315", 1, Decimal("1"), image=red)]),
        Product(row=3, outer_id="B", images=[ref("m2.jpg"), ref("logo.jpg")],
                detail_images=[ref("d2.jpg"), ref("d1.jpg")]),
        Product(row=4, outer_id="C", images=[ref("m2.jpg")]),  # m2 shared with B: stored
    ]
    plan = make_plan(rows, {}, {}, UploadSettings())
    with Journal(tmp_path / "j.db") as journal:
        space = PictureSpace(journal, "s", "local", default_preparer(tmp_path))
        preparer = default_preparer(tmp_path)
        need = estimate(plan.works, space, preparer, UploadSettings())
        # logo (shared extra), m2 (shared main), d1, d2, the URL, red once; m1 travels inline
        assert (need.rows, need.pictures) == (3, 6)
        assert need.bytes == 300 + 2000 + 4000 + 5000 + TYPICAL_PICTURE_BYTES + 700
        journal.put_picture("s", "local", "d1" * 32, "https://img/d1.jpg")
        journal.put_picture_source("s", "local", "path:d1.jpg", "d1" * 32)
        journal.put_picture("s", "local", "m2" * 32, "https://img/m2.jpg")
        journal.put_picture_source("s", "local", "path:m2.jpg", "m2" * 32)
        need = estimate(plan.works, space, preparer, UploadSettings())
        assert (need.rows, need.pictures) == (2, 4)  # C has nothing new to store
        assert need.bytes == 300 + 5000 + TYPICAL_PICTURE_BYTES + 700
