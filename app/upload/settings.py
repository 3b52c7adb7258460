"""What a run may be told: one frozen settings object shared by the plan, policy and engine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from app.images.options import FixOptions


@dataclass(frozen=True, slots=True)
class UploadSettings:
    workers: int = 4  # threads sharing the client's rate limiter
    send_edits: bool = True  # listed rows edited in the sheet: send what changed (app.upload.edits)
    lookup_unknown: bool = True  # rows the journal does not know are looked up by outer_id first
    retry_rejected_unchanged: bool = False  # re-send rows rejected by Taobao though unedited
    wait_for_quota: bool = False  # daily quota gone: sleep until the reset instead of stopping
    inline_unique_pictures: bool = True  # a picture no other row uses travels inside its call
    dry_run: bool = False  # plan (with lookups) but create nothing
    reconcile_delay: float = 2.0  # seconds between a doubtful item.add and its outer_id lookup
    token_margin: timedelta = timedelta(minutes=10)  # refresh/re-auth this long before expiry
    token_check_interval: float = 60.0  # seconds between token expiry checks during a run
    picture_position_base: int = 1  # extra pictures go to positions base, base+1, ...
    fix_options: FixOptions | None = None  # the shop's picture auto-fix (None: the defaults)
    publisher: str = "auto"  # auto | item.add | schema (app.upload.publishers)
    auto_switched: bool = False  # auto already found item.add refused here: schema from the start
