"""`taoshelf simulator`: run the local Taobao gateway until Ctrl+C / SIGTERM."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType

from app.simulator import DEMO_APP_KEY, DEMO_APP_SECRET, Simulator, SimulatorConfig


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port (default 0: any free port)")
    parser.add_argument("--app-key", default=DEMO_APP_KEY, help="the App Key it accepts")
    parser.add_argument(
        "--app-secret", default=DEMO_APP_SECRET,
        help="the simulator's own demo App Secret (not a real one; default helloworld)",
    )
    parser.add_argument("--rate", type=float, default=None, help="calls per second per app")
    parser.add_argument("--daily-quota", type=int, default=None, help="calls per day per app")
    parser.add_argument("--latency-ms", type=int, default=0, help="delay before every answer")
    parser.add_argument(
        "--fault-rate", type=float, default=0.0,
        help="fraction of calls answered with an isp.* code 15",
    )
    parser.add_argument("--session-ttl", type=int, default=86400, help="session lifetime, seconds")
    parser.add_argument(
        "--w1-ttl", type=int, default=None,
        help="write-permission (w1) lifetime, seconds (default: same as the session)",
    )
    parser.add_argument("--http502-rate", type=float, default=0.0, help="fraction answered 502")
    parser.add_argument(
        "--drop-rate", type=float, default=0.0, help="fraction dropped without an answer",
    )
    parser.add_argument(
        "--create-then-drop-rate", type=float, default=0.0,
        help="fraction of taobao.item.add stored and then dropped without an answer",
    )
    parser.add_argument("--seed", type=int, default=None, help="seed of the random faults")


def run(args: argparse.Namespace) -> int:
    config = SimulatorConfig(
        app_key=args.app_key, app_secret=args.app_secret, rate=args.rate,
        daily_quota=args.daily_quota, latency_ms=args.latency_ms, fault_rate=args.fault_rate,
        session_ttl=args.session_ttl, w1_ttl=args.w1_ttl, http502_rate=args.http502_rate,
        drop_rate=args.drop_rate, create_then_drop_rate=args.create_then_drop_rate, seed=args.seed,
    )
    stop = threading.Event()

    def _on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, _on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with Simulator(config, host=args.host, port=args.port) as sim:
            token = sim.issue_session("demo_shop")
            print(sim.router_url, flush=True)
            print(f"session {token}", flush=True)
            demo = config.app_secret == DEMO_APP_SECRET
            shown = config.app_secret if demo else "（启动参数所给，不显示）"
            print(
                "模拟器演示凭据（只对本地模拟器有效，不是真实淘宝的凭据）："
                f"App Key {config.app_key}，App Secret {shown}；"
                "上面的 session 是模拟器为店铺 demo_shop 签发的演示令牌。",
                flush=True,
            )
            print(f"OAuth: {sim.base_url}/authorize  {sim.base_url}/token", flush=True)
            print("按 Ctrl+C 停止。", flush=True)
            while not stop.wait(0.5):
                pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print("模拟器已停止。", file=sys.stderr, flush=True)
    return 0
