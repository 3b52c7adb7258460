from __future__ import annotations

import pytest

from app.simulator.faults import FaultSpecError, FaultState


def test_script_takes_first_matching_entry_once() -> None:
    faults = FaultState()
    faults.set_script([
        {"method": "taobao.item.add", "fault": "create_then_drop"},
        {"method": "*", "fault": "isp", "sub_code": "isp.service-error"},
        {"method": "taobao.item.add", "fault": "drop"},
    ])
    assert faults.decide("taobao.picture.upload", is_write=True, is_add=False).fault == "isp"
    first = faults.decide("taobao.item.add", is_write=True, is_add=True)
    assert (first.fault, first.commit) == ("create_then_drop", True)
    assert faults.decide("taobao.item.add", is_write=True, is_add=True).fault == "drop"
    assert faults.decide("taobao.item.add", is_write=True, is_add=True).fault is None


def test_bad_script_is_refused() -> None:
    faults = FaultState()
    with pytest.raises(FaultSpecError):
        faults.set_script([{"fault": "explode"}])
    with pytest.raises(FaultSpecError):
        faults.set_script([{"fault": "error"}])  # needs a code


def test_seeded_dice_repeat() -> None:
    def run() -> list[str | None]:
        faults = FaultState(fault_rate=0.5, seed=5)
        return [faults.decide("m", is_write=False, is_add=False).fault for _ in range(50)]

    first = run()
    assert first == run()
    assert set(first) == {None, "isp"}
