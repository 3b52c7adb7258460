"""Audit log lines, item.add fields, outer_id lookup parsing, terminal text."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from app.catalog.model import Product, Sku
from app.upload.audit import AuditLog
from app.upload.console import ProgressPrinter, duration, summary_text
from app.upload.events import Progress, RowFailed, RowOutcome, RowStatus, RunSummary, StopReason
from app.upload.fields import item_fields
from app.upload.reconcile import found_num_iids


def test_audit_writes_json_lines_and_rotates(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "audit.jsonl", max_bytes=2000, backups=2)
    for i in range(40):
        log.call("taobao.item.add", row=i + 2, outer_id=f"K{i}", duration=0.0123,
                 outcome="ok" if i % 2 else "transient", code=None if i % 2 else 15,
                 sub_code=None if i % 2 else "isp.service-error", request_id=f"r{i}",
                 sha256="ab" * 32, size=1234)
    log.close()
    files = sorted(tmp_path.glob("audit.jsonl*"))
    assert len(files) == 3  # current + 2 backups
    last = [json.loads(line) for line in files[0].read_text("utf-8").splitlines()]
    doc = last[-1]
    assert doc["method"] == "taobao.item.add"
    assert doc["outer_id"] == "K39"
    assert doc["row"] == 41
    assert doc["duration_ms"] == 12.3
    assert doc["outcome"] == "ok"
    assert doc["size"] == 1234
    assert set(doc) >= {"time", "code", "sub_code", "request_id", "attempt"}


def test_item_fields_formats_and_drops_empty() -> None:
    p = Product(row=2, outer_id="A-1", title="T恤", desc="描述描述描述", price=Decimal("9.9"),
                num=3, cid=50000671, location_state="浙江", location_city="杭州",
                stuff_status="new", type="fixed", props="  ",
                skus=[Sku("1627207:28320", 1, Decimal("9.9"), "A-1-red"),
                      Sku("1627207:28341", 2, Decimal("10"), None)])
    f = item_fields(p)
    assert f["price"] == "9.90"
    assert f["outer_id"] == "A-1"
    assert f["location.state"] == "浙江"
    assert "props" not in f
    assert "pic_path" not in f
    assert f["sku_prices"] == "9.90,10.00"
    assert f["sku_quantities"] == "1,2"
    assert f["sku_outer_ids"] == "A-1-red,"
    assert item_fields(p, pic_path="https://img/x.jpg")["pic_path"] == "https://img/x.jpg"
    p.outer_id = None
    p.generated_key = "TSABC"
    assert item_fields(p)["outer_id"] == "TSABC"


def test_found_num_iids_keeps_the_oldest_and_ignores_others() -> None:
    items = [{"outer_id": "A", "num_iid": 9}, {"outer_id": "A", "num_iid": 5},
             {"outer_id": "B", "num_iid": "7"}, {"outer_id": "Z", "num_iid": 1},
             {"outer_id": "C", "num_iid": None}]
    assert found_num_iids(items, ["A", "B", "C"]) == {"A": 5, "B": 7}


def test_progress_printer_non_tty_and_summary() -> None:
    out = io.StringIO()
    printer = ProgressPrinter(out, tty=False)
    printer(Progress(5, 1, 10, 40, 19.5, 75.0))
    printer(Progress(6, 1, 9, 42, 19.5, 70.0))  # within 5 s: not printed
    printer(RowFailed(RowOutcome(7, "K7", RowStatus.FAILED, message="标题含违禁词")))
    text = out.getvalue()
    assert "已上架 5 · 失败 1 · 剩余 10 · 19.5 次调用/秒 · 预计还需 1分15秒" in text
    assert "已上架 6" not in text
    assert "第 7 行（K7）失败：标题含违禁词" in text
    s = RunSummary(total=10, listed=4, created=4, waiting_quota=6, calls=5, lookup_calls=1,
                   stop_reason=StopReason.QUOTA, reset_at=datetime(2026, 1, 1, 16, tzinfo=UTC))
    summary = summary_text(s)
    assert "6 行等待调用额度恢复" in summary
    assert "2026-01-02 00:00（北京时间）" in summary
    assert duration(3725) == "1小时02分"


def test_progress_printer_tty_rewrites_one_line() -> None:
    out = io.StringIO()
    printer = ProgressPrinter(out, tty=True)
    printer(Progress(1, 0, 9, 2, 1.0, 9.0))
    printer(Progress(2, 0, 8, 4, 2.0, 8.0))
    printer(RowFailed(RowOutcome(3, "K3", RowStatus.FAILED, message="价格超出范围")))
    printer.finish()
    text = out.getvalue()
    assert text.count("\r已上架") == 2
    assert "\n" not in text.split("第 3 行")[0]  # progress rewritten in place, no new lines
    assert "第 3 行（K3）失败：价格超出范围\n" in text
