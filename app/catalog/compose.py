"""A product's item.add property fields, composed against its leaf's rules (pure, taobao-props.md §4).

`compose(product, rules)` reads what the sheet says — property columns (`Product.extra`, matched
to the leaf's property names ignoring spaces and punctuation), the 宝贝属性 cell
(`Product.props_text`: ``名称:值;…`` and raw ``pid:vid``), the SKUs' values by name — and gives
`Composed`: ``cid``, ``props``, ``input_pids``/``input_str``, ``property_alias``,
``input_custom_cpv``, the ``sku_*`` lists, ``num`` and ``price`` as item.add wants them, plus the
row's notes (a typed brand, a custom colour …) and errors (a required property missing, a value
the leaf does not allow …). `apply` stores them on the product, where `app.upload.fields`
sends them from.

Values: a listed value goes in ``props``; text for a free-text property (货号, 材质成分) or an
unlisted value of an input property (品牌) goes in ``input_pids``/``input_str``; an unlisted sale
value becomes a custom value (``udsaleprop`` leaves) or renames an unused standard value
(``property_alias``), see `app.catalog.compose_skus`. Several values of a multi-valued property
are separated by ``,`` ``，`` or ``、``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from app.catalog.category_rules import CategoryProp, CategoryRules, PropValue, header_key
from app.catalog.model import Issue, Product, Severity
from app.catalog.text import shorten
from app.upload_limits import (  # noqa: F401 - re-exported for callers that check sizes
    ALIAS_MAX_CHARS,
    INPUT_STR_MAX_BYTES,
    PROPS_MAX_BYTES,
    PROPS_MAX_PAIRS,
    SKU_OUTER_IDS_MAX_BYTES,
    SKU_PROPERTIES_MAX_BYTES,
)
