"""A local, faithful Taobao (TOP) gateway on loopback for tests, CI and demo mode.

Plays Taobao: its rules are written from ``taobao-api.md`` and it imports nothing of ours but
``app.paths``. See ``README.md`` in this folder for the choices it makes.
"""

from app.simulator.config import DEMO_APP_KEY, DEMO_APP_SECRET, SimulatorConfig
from app.simulator.faults import FaultSpecError
from app.simulator.simulator import Simulator

__all__ = ["DEMO_APP_KEY", "DEMO_APP_SECRET", "FaultSpecError", "Simulator", "SimulatorConfig"]
