"""A run of the real engine in its own process, for tests that kill it (SIGKILL) mid-run.

``python -m tests.upload_child GATEWAY SESSION JOURNAL PICS ROWS [WORKERS [PUBLISHER]]``: the
products of `tests.upload_kit.variant_products` (detail and colour pictures; files under PICS,
read and prepared by the app's own preparer), shop ``demo_shop``, through PUBLISHER (auto,
item.add or schema; default auto). Exit 0 when every row is listed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.top.client import TopClient, TopConfig
from app.top.ratelimit import RateLimiter
from app.upload.engine import Engine
from app.upload.journal import Journal, Scope
from app.upload.pictures import default_preparer
from app.upload.policy import RetryPolicy
from app.upload.session import StaticSession
from app.upload.settings import UploadSettings
from tests.upload_kit import SECRET, variant_products

APP_KEY = "12345678"


def main(argv: list[str]) -> int:
    gateway, session, journal_path, pics, rows = argv[:5]
    workers = int(argv[5]) if len(argv) > 5 else 2
    publisher = argv[6] if len(argv) > 6 else "auto"
    products = variant_products(int(rows), Path(pics))
    base = gateway.rsplit("/router/rest", 1)[0]
    cfg = TopConfig(app_key=APP_KEY, gateway_url=gateway, oauth_base_url=base, read_timeout=5)
    with TopClient(cfg, SECRET, session, RateLimiter(qps=None)) as client, \
            Journal(Path(journal_path)) as journal:
        engine = Engine(client, journal, Scope("demo_shop", "local", "sheet-1"),
                        UploadSettings(workers=workers, reconcile_delay=0.2,
                                       publisher=publisher),
                        sessions=StaticSession(session), preparer=default_preparer(Path(pics)),
                        policy=RetryPolicy(base_delay=0.05, max_delay=0.5))
        summary = engine.run(engine.prepare(products, {}))
    return 0 if summary.listed == summary.total else 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
