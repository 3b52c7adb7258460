"""`taoshelf --demo`: the whole flow on the bundled sheet, a simulator and a folder of its own.

The demo must work every time and touch nothing real. Each demo start empties
``data_dir()/demo`` and points every per-user directory at it for the demo's life (through
``TAOSHELF_HOME``, the override `app.paths` already honours): the demo's journal, audit log, run
locks, settings and thumbnails live there, so a second demo lists its rows again (its simulator
starts empty, and so does its journal) and the user's shops, settings and journal are never
read or written. The app's own log and crash log stay in the real log folder (they are where
support looks). A second demo open at the same time gets a temporary folder instead.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from app import paths
from app.top.config import TopConfig
from app.upload.connection import Connection
from app.upload.runlock import RunLock, RunLockedError
from app.upload.session import StaticSession

log = logging.getLogger(__name__)

DEMO_APP_KEY = "12345678"
DEMO_APP_SECRET = "helloworld"  # noqa: S105 - the simulator's published demo secret
DEMO_SHOP = "演示店铺"
DEMO_LATENCY_MS = 150
DEMO_SHEET = "淘上架演示.xlsx"  # the copy the window opens (the bundled one stays untouched)


@dataclass(frozen=True, slots=True)
class Demo:
    connection: Connection  # the demo shop on the in-process simulator
    sheet: Path  # the demo sheet, copied into the demo folder
    home: Path  # the demo folder: every per-user directory of the demo is under it


@contextmanager
def demo_session(base: Path | None = None) -> Iterator[Demo]:
    """A fresh demo folder, the demo sheet in it and the simulator running; all undone on exit."""
    base = base or paths.data_dir() / "demo"
    with _fresh_folder(base) as home, _user_dirs_at(home):
        sheet = home / DEMO_SHEET
        shutil.copyfile(paths.resource("demo", "demo.xlsx"), sheet)
        with demo_shop(categories=True) as connection:
            yield Demo(connection, sheet, home)


@contextmanager
def demo_shop(*, categories: bool = False) -> Iterator[Connection]:
    """Run the local Taobao simulator in-process; the demo window's shop is on it. With
    ``categories``, the shop's category data is read into its cache first (`prewarm`)."""
    from app.simulator import Simulator, SimulatorConfig

    config = SimulatorConfig(app_key=DEMO_APP_KEY, app_secret=DEMO_APP_SECRET)
    with Simulator(config, host="127.0.0.1", port=0) as sim:
        session = sim.issue_session(nick=DEMO_SHOP)
        gateway = TopConfig(
            app_key=DEMO_APP_KEY, gateway_url=sim.router_url, oauth_base_url=sim.base_url
        )
        connection = Connection(
            gateway, "local", DEMO_SHOP, StaticSession(session), DEMO_APP_SECRET, session, rate=10.0
        )
        if categories:
            prewarm(connection)
        sim.set_faults(latency_ms=DEMO_LATENCY_MS)  # the demo's calls take a real call's time
        yield connection


def prewarm(connection: Connection) -> None:
    """The demo shop's category data, read before the window opens (at no latency, ~0.2 s): the
    simulator's whole tree and every leaf's rules, so the demo's property columns are
    recognised at once and the category picker and the property editor have all they show. A
    failure only costs the demo that head start (the window reads what it needs itself)."""
    from app.categories.cache import CategoryCache
    from app.categories.service import CategoryService
    from app.categories.sources import rules_source
    from app.top.client import TopClient

    try:
        with TopClient(connection.config, connection.secret, connection.session) as client:
            service = CategoryService(CategoryCache(connection.shop, connection.env),
                                      rules_source(client, "item.add"))
            service.refresh_tree()
            for leaf in service.tree.leaves():
                service.rules(leaf.cid)
        CategoryCache.remember_shop(connection.config.app_key, connection.env, connection.shop)
    except Exception as exc:  # noqa: BLE001 - the demo goes on without the head start
        log.warning("could not read the demo's category data ahead: %s", exc)


@contextmanager
def _fresh_folder(base: Path) -> Iterator[Path]:
    """``base`` emptied, held by this process; a temporary folder if another demo holds it."""
    lock: RunLock | None = RunLock("demo", "demo", folder=base.parent / "locks")
    try:
        lock.acquire()
    except RunLockedError:
        lock = None
    try:
        if lock is not None:
            try:
                shutil.rmtree(base, ignore_errors=False)
            except FileNotFoundError:
                pass
            except OSError as exc:  # a file still in use (Windows): do not mix old and new
                log.warning("could not empty the demo folder %s: %s", base, exc)
                lock.release()
                lock = None
        if lock is not None:
            base.mkdir(parents=True)
            yield base
        else:
            with tempfile.TemporaryDirectory(
                prefix="demo-", dir=base.parent, ignore_cleanup_errors=True
            ) as temporary:
                yield Path(temporary)
    finally:
        if lock is not None:
            lock.release()


@contextmanager
def _user_dirs_at(home: Path) -> Iterator[None]:
    before = os.environ.get("TAOSHELF_HOME")
    os.environ["TAOSHELF_HOME"] = str(home)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TAOSHELF_HOME", None)
        else:
            os.environ["TAOSHELF_HOME"] = before
