"""The journal on a real SQLite file: states, crash semantics, threads, pictures."""

from __future__ import annotations

import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path

from app.upload.journal import Journal, RowState, Scope

SCOPE = Scope(shop="demo_shop", env="local", sheet="sheet-1")


def test_default_path_is_in_data_dir(taoshelf_home: Path) -> None:
    with Journal() as j:
        assert j.path == taoshelf_home / "data" / "journal.sqlite3"
        assert j.path.exists()


def test_row_lifecycle(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as j:
        j.ensure_row(SCOPE, "A1", 2, "fp1")
        assert j.get(SCOPE, "A1").state is RowState.PENDING
        j.mark_add_sent(SCOPE, "A1", fingerprint="fp1", price=Decimal("9.90"), num=5,
                        extras_total=2)
        rec = j.get(SCOPE, "A1")
        assert (rec.state, rec.attempts, rec.price, rec.num) == (
            RowState.ADD_SENT, 1, Decimal("9.90"), 5)
        j.mark_listed(SCOPE, "A1", 1001, request_id="req1")
        rec = j.get(SCOPE, "A1")
        assert rec.state is RowState.LISTED
        assert rec.num_iid == 1001
        assert rec.pictures_pending
        j.mark_extra_done(SCOPE, "A1", 2)
        assert not j.get(SCOPE, "A1").pictures_pending
        # ensure_row again (a rerun) keeps the state, updates the sheet row
        j.ensure_row(SCOPE, "A1", 7, "fp2")
        rec = j.get(SCOPE, "A1")
        assert rec.state is RowState.LISTED
        assert rec.sheet_row == 7
        assert rec.fingerprint == "fp1"


def test_failed_keeps_reason_and_scope_isolation(tmp_path: Path) -> None:
    other = Scope(shop="demo_shop", env="sandbox", sheet="sheet-1")
    with Journal(tmp_path / "j.sqlite3") as j:
        j.ensure_row(SCOPE, "B", 3, "fp")
        j.mark_error(SCOPE, "B", kind="row", code=15, sub_code="isv.invalid-parameter:title",
                     message="标题含有违禁词", request_id="r9")
        rec = j.get(SCOPE, "B")
        assert rec.state is RowState.FAILED
        assert rec.message == "标题含有违禁词"
        assert rec.sub_code == "isv.invalid-parameter:title"
        assert j.get(other, "B") is None
        assert j.count_by_state(SCOPE) == {RowState.FAILED: 1}


def test_add_sent_survives_a_killed_process(tmp_path: Path) -> None:
    """A process that commits add_sent and dies without closing leaves the row add_sent."""
    db = tmp_path / "j.sqlite3"
    script = (
        "import os\n"
        "from pathlib import Path\n"
        "from app.upload.journal import Journal, Scope\n"
        f"j = Journal(Path({str(db)!r}))\n"
        "s = Scope('demo_shop', 'local', 'sheet-1')\n"
        "j.ensure_row(s, 'K1', 2, 'fp')\n"
        "j.mark_add_sent(s, 'K1', fingerprint='fp', price=None, num=1, extras_total=0)\n"
        "os._exit(9)\n"  # no close, no checkpoint: like SIGKILL right after the commit
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).parents[3],
                          check=False)
    assert proc.returncode == 9
    with Journal(db) as j:
        rec = j.get(SCOPE, "K1")
        assert rec is not None
        assert rec.state is RowState.ADD_SENT
        assert rec.attempts == 1


def test_threads_share_one_journal(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as j:
        def work(n: int) -> None:
            for i in range(50):
                key = f"T{n}-{i}"
                j.ensure_row(SCOPE, key, i, "fp")
                j.mark_add_sent(SCOPE, key, fingerprint="fp", price=None, num=1, extras_total=0)
                j.mark_listed(SCOPE, key, n * 1000 + i)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert j.count_by_state(SCOPE) == {RowState.LISTED: 200}


def test_pictures_table(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as j:
        assert j.picture_path("s", "local", "ab" * 32) is None
        j.put_picture("s", "local", "ab" * 32, "https://img/p.jpg", picture_id=5, size=1234)
        assert j.picture_path("s", "local", "ab" * 32) == "https://img/p.jpg"
        assert j.picture_path("s", "sandbox", "ab" * 32) is None
