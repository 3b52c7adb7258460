"""Each shop's listing settings: saved per shop (run speed per shop + environment), the settings
saved before shops had their own are inherited (never lost), and every bad value is refused in
Chinese."""

from __future__ import annotations

import json
import math
from decimal import Decimal

import pytest

from app import paths, settings_store
from app.catalog.model import Product
from app.catalog.pricing import Ending, PricingRule
from app.catalog.settings import ListingDefaults, apply_defaults
from app.credentials.shops import ShopRegistry
from app.excel import prefs
from app.settings_keys import check_rate, check_workers, set_value
from app.settings_store import RunSettings, ShopSettings


def _shop(app_key: str, env: str = "production") -> None:
    ShopRegistry().configure(app_key, env=env)


def test_a_saved_price_rule_from_before_shops_is_not_lost() -> None:
    rule = PricingRule(markup_percent=Decimal(30), ending=Ending.NINETY)
    prefs.save_pricing(rule)
    prefs.save_defaults(ListingDefaults(location_state="广东", location_city="广州"))
    legacy = (paths.config_dir() / prefs.PRICING_FILE).read_bytes()
    _shop("11111111")
    _shop("22222222")

    first = settings_store.load("11111111")
    assert first.pricing == rule
    assert first.listing.location_city == "广州"
    changed = set_value(first, "markup", "50")
    settings_store.save("11111111", "production", changed)

    assert settings_store.load("11111111").pricing.markup_percent == Decimal(50)
    assert settings_store.load("22222222").pricing == rule  # the other shop still inherits
    assert settings_store.load(None).pricing == rule  # no shop: the old files
    assert (paths.config_dir() / prefs.PRICING_FILE).read_bytes() == legacy


def test_run_speed_is_per_environment_listing_defaults_per_shop() -> None:
    _shop("11111111", "sandbox")
    saved = set_value(settings_store.load("11111111"), "rate", "1.5")
    saved = set_value(saved, "workers", "2")
    saved = set_value(saved, "location", "浙江／杭州")
    settings_store.save("11111111", "sandbox", saved)

    sandbox = settings_store.load("11111111")  # the shop's own environment
    production = settings_store.load("11111111", "production")
    assert sandbox.run == RunSettings(rate=1.5, workers=2, wait_for_quota=False)
    assert production.run == RunSettings()  # untouched: the environment's default rate
    assert production.rate_for("production") == 2.0
    assert production.listing.location_state == "浙江"  # per shop, whatever the environment
    data = json.loads(settings_store.settings_path("11111111").read_text("utf-8"))
    assert set(data["runs"]) == {"sandbox"}


def test_upload_settings_carry_workers_quota_and_pictures() -> None:
    settings = ShopSettings(auto_fix=False, pad_to_square=True,
                            run=RunSettings(rate=3.0, workers=6, wait_for_quota=True))
    upload = settings.upload_settings(dry_run=True)
    assert (upload.workers, upload.wait_for_quota, upload.dry_run) == (6, True, True)
    assert upload.fix_options.auto_fix is False
    assert upload.fix_options.pad_to_square is True


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("rate", "0", "大于 0"),
        ("rate", "-1", "大于 0"),
        ("rate", "inf", "大于 0"),
        ("rate", "nan", "大于 0"),
        ("rate", "快", "大于 0"),
        ("workers", "0", "1 到 32"),
        ("workers", "两个", "整数"),
        ("location", "杭州", "省/市"),
        ("location", "浙江/杭州/西湖", "省/市"),
        ("stuff_status", "九成新", "新旧程度"),
        ("markup", "-5", "加价百分比"),
        ("express_fee", "8.505", "2 位小数"),
        ("postage_id", "模板1", "数字"),
        ("freight_payer", "buyer", "运费模板ID或快递费"),
        ("auto_fix", "maybe", "开 或 关"),
        ("colour", "red", "没有名为"),
    ],
)
def test_bad_values_are_refused_in_chinese(key: str, value: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        set_value(ShopSettings(), key, value)


def test_chinese_words_are_accepted() -> None:
    s = ShopSettings()
    s = set_value(s, "stuff_status", "二手")
    s = set_value(s, "approve_status", "仓库中")
    s = set_value(s, "postage_id", "123456")
    s = set_value(s, "freight_payer", "买家承担")
    s = set_value(s, "rounding", ".99")
    s = set_value(s, "wait_for_quota", "开")
    assert s.listing.stuff_status == "second"
    assert s.listing.approve_status == "instock"
    assert s.listing.freight_payer == "buyer"
    assert s.pricing.ending is Ending.NINETY_NINE
    assert s.run.wait_for_quota is True


def test_cli_option_checks_are_the_same_validators() -> None:
    assert check_rate(math.inf, "--rate") == math.inf  # the CLI may say "no pacing"
    with pytest.raises(ValueError, match="--rate 是每秒调用次数"):
        check_rate(0, "--rate")
    with pytest.raises(ValueError, match="--workers 是同时上架的数量"):
        check_workers(0, "--workers")


def test_saving_refuses_what_the_dialog_could_send() -> None:
    _shop("11111111")
    bad = ShopSettings(run=RunSettings(rate=math.inf))
    with pytest.raises(ValueError, match="每秒调用次数"):
        settings_store.save("11111111", "production", bad)
    assert not settings_store.settings_path("11111111").exists()


def test_a_damaged_file_falls_back_and_saving_repairs_it() -> None:
    _shop("11111111")
    path = settings_store.settings_path("11111111")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{ not json", encoding="utf-8")
    assert settings_store.load("11111111") == ShopSettings()
    settings_store.save("11111111", "production", ShopSettings(run=RunSettings(workers=3)))
    assert settings_store.load("11111111").run.workers == 3


def test_freight_defaults_fill_only_rows_without_freight() -> None:
    defaults = ListingDefaults(freight_payer="buyer", postage_id="778899", express_fee="8.50")
    plain = apply_defaults(Product(row=2), defaults)
    assert (plain.freight_payer, plain.postage_id, plain.express_fee) == (
        "buyer", 778899, Decimal("8.50"))
    own = apply_defaults(Product(row=3, freight_payer="seller"), defaults)
    assert (own.freight_payer, own.postage_id, own.express_fee) == ("seller", None, None)


def test_the_publisher_is_per_shop_and_what_auto_learned_per_environment() -> None:
    _shop("11111111", "sandbox")
    assert settings_store.load("11111111").publish_path == "item.add"  # 自动, nothing learned
    settings_store.remember_switch("11111111", "sandbox", "2026-05-01T08:00:00+00:00")
    learned = settings_store.load("11111111")
    assert (learned.publisher, learned.publish_path) == ("auto", "schema")
    upload = learned.upload_settings()
    assert (upload.publisher, upload.auto_switched) == ("auto", True)
    assert settings_store.load("11111111", "production").publish_path == "item.add"
    # the settings dialog saving other values (loaded before the switch) keeps what was learned
    settings_store.save("11111111", "sandbox", set_value(ShopSettings(), "workers", "3"))
    assert settings_store.load("11111111").run.switched_at == "2026-05-01T08:00:00+00:00"
    # choosing the publisher again forgets it: 自动 tries item.add once more
    chosen = set_value(settings_store.load("11111111"), "publisher", "新版发布接口")
    settings_store.save("11111111", "sandbox", chosen)
    assert settings_store.load("11111111").publish_path == "schema"
    settings_store.save("11111111", "sandbox", set_value(chosen, "publisher", "自动"))
    assert settings_store.load("11111111").run.switched_at is None
    assert settings_store.load("11111111").publish_path == "item.add"
    with pytest.raises(ValueError, match="发布方式"):
        set_value(chosen, "publisher", "fast")
