"""What a method handler receives and how it is declared."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.simulator.forms import UploadedFile
from app.simulator.state import SimState


@dataclass
class CallContext:
    """One authenticated call: merged parameters, file parts, the shop it acts for."""

    params: dict[str, str]
    files: dict[str, UploadedFile]
    app_key: str
    nick: str | None
    now: float
    state: SimState

    @property
    def shop(self) -> str:
        """The shop nick (only methods that need a session use it)."""
        assert self.nick is not None
        return self.nick


Handler = Callable[[CallContext], dict[str, Any]]


@dataclass(frozen=True)
class MethodSpec:
    """``handler`` returns the body inside ``<name>_response`` (without request_id)."""

    handler: Handler
    needs_session: bool
    write: bool


def response_key(method: str) -> str:
    """``taobao.item.add`` -> ``item_add_response``."""
    name = method.removeprefix("taobao.")
    return name.replace(".", "_") + "_response"
