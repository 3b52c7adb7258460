"""`taoshelf simulator` as a real process: URL first, a working gateway, exit 0 on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from tests.integration.test_simulator_support import TIMEOUT, china_timestamp, sign

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_command_prints_url_first_and_stops_on_signal(
    tmp_path: Path, stop_signal: signal.Signals,
) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "TAOSHELF_HOME": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "simulator", "--port", "0", "--seed", "3",
         "--rate", "50", "--daily-quota", "1000", "--latency-ms", "1", "--fault-rate", "0",
         "--session-ttl", "600", "--app-secret", "helloworld"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        assert url.endswith("/router/rest")
        session_line = process.stdout.readline().strip()
        assert session_line.startswith("session ")
        credentials = process.stdout.readline()
        assert "12345678" in credentials
        assert "模拟器" in credentials
        params = {
            "method": "taobao.items.custom.get", "app_key": "12345678",
            "timestamp": china_timestamp(), "v": "2.0", "format": "json", "sign_method": "md5",
            "session": session_line.split()[1], "outer_id": "X", "fields": "num_iid",
        }
        params["sign"] = sign(params)
        answer = requests.post(url, data=params, timeout=TIMEOUT).json()
        assert "items_custom_get_response" in answer
    finally:
        process.send_signal(stop_signal)
        code = process.wait(timeout=30)
        process.stdout.close()
        process.stderr.close()
    assert code == 0
