"""Benchmark the TOP client against the in-process simulator (run by hand, prints numbers).

    uv run --frozen python tests/benchmarks/bench_client.py [--seconds 5]

(a) raw throughput: no server rate limit, zero latency, 1/4/8 threads;
(b) under a server rate R (20 and 50 QPS, the simulator enforcing a sliding 1-s window):
    the share of R the client sustains with RateLimiter(qps=R), and how many code-7 answers
    the simulator gave (from GET /_sim/calls). The goal is >= 95 % of R with zero bans.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
import urllib.request
from collections import Counter

from app.simulator import Simulator, SimulatorConfig
from app.top.client import TopClient, TopConfig
from app.top.errors import CallCancelledError, TopError
from app.top.ratelimit import RateLimiter

APP_KEY, SECRET = "12345678", "helloworld"


def _calls(sim: Simulator) -> list[dict]:
    with urllib.request.urlopen(sim.base_url + "/_sim/calls", timeout=10) as answer:
        return json.loads(answer.read())["calls"]


def _run(sim: Simulator, threads: int, seconds: float, limiter: RateLimiter | None,
         warmup: float = 0.0) -> tuple[int, Counter[str], float]:
    cfg = TopConfig(app_key=APP_KEY, gateway_url=sim.router_url, pool_size=threads)
    client = TopClient(cfg, SECRET, sim.issue_session(), limiter)
    ok = 0
    errors: Counter[str] = Counter()
    lock = threading.Lock()
    stop = threading.Event()
    start_gate = threading.Event()
    t0 = 0.0

    def work() -> None:
        nonlocal ok
        start_gate.wait()
        while not stop.is_set():
            try:
                client.call("taobao.itemcats.get", {"parent_cid": 0, "fields": "cid,name"})
            except CallCancelledError:
                break  # the run ended while this worker waited for a slot
            except TopError as err:
                with lock:
                    errors[f"{err.kind.value}:{err.code}"] += 1
                continue
            if time.monotonic() - t0 >= warmup:
                with lock:
                    ok += 1

    workers = [threading.Thread(target=work, daemon=True) for _ in range(threads)]
    for w in workers:
        w.start()
    t0 = time.monotonic()
    start_gate.set()
    time.sleep(warmup + seconds)
    stop.set()
    if limiter is not None:
        limiter.close()
    for w in workers:
        w.join(timeout=30)
    client.close()
    return ok, errors, seconds


def raw_throughput(seconds: float) -> None:
    print("(a) raw throughput, no server limit, zero latency (taobao.itemcats.get)")
    for threads in (1, 4, 8):
        with Simulator(SimulatorConfig(app_key=APP_KEY, app_secret=SECRET)) as sim:
            ok, errors, secs = _run(sim, threads, seconds, None)
        print(f"    threads={threads}: {ok / secs:7.1f} calls/s  errors={dict(errors)}")


def under_rate(seconds: float, rates: tuple[float, ...]) -> None:
    print("(b) server limit R (sliding 1-s window), client RateLimiter(qps=R), 8 threads")
    for rate in rates:
        with Simulator(SimulatorConfig(app_key=APP_KEY, app_secret=SECRET, rate=rate)) as sim:
            limiter = RateLimiter(qps=rate)
            ok, errors, secs = _run(sim, 8, seconds, limiter, warmup=1.0)
            log = _calls(sim)
        bans = sum(1 for c in log if c.get("code") == 7)
        achieved = ok / secs
        verdict = "OK" if achieved >= 0.95 * rate and bans == 0 else "BELOW GOAL"
        print(f"    R={rate:5.1f}: {achieved:6.2f} calls/s = {100 * achieved / rate:5.1f} % of R,"
              f" code-7 answers={bans}, client errors={dict(errors)}  [{verdict}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rates", type=float, nargs="*", default=[20.0, 50.0])
    parser.add_argument("--skip-raw", action="store_true", help="only part (b)")
    args = parser.parse_args()
    if not args.skip_raw:
        raw_throughput(args.seconds)
    under_rate(args.seconds, tuple(args.rates))


if __name__ == "__main__":
    main()
