"""Parsing schema XML: the typed model, and every hostile or malformed input refused with a
`SchemaError` carrying a Chinese message (never another exception)."""

from __future__ import annotations

import pytest

from app.simulator.schema_leaf import leaf_fields
from app.simulator.schema_model import render
from app.top.schema import MAX_SCHEMA_BYTES, FieldType, SchemaError, parse_schema

SAMPLE = """<itemSchema>
  <field id="notice" name="须知" type="label"><rules><rule name="tipRule" value="看一看"/></rules>
  </field>
  <field id="title" name="宝贝标题" type="input">
    <rules>
      <rule name="requiredRule" value="true"/>
      <rule name="maxLengthRule" value="60" exProperty="include" unit="byte"/>
      <rule name="tipRule" value="最多允许输入30个汉字（60字符）"/>
      <rule name="950280534_1" value="一条我们不认识的规则"/>
    </rules>
  </field>
  <field id="mode" name="库存类型" type="singleCheck">
    <options><option displayName="现货" value="1"/><option displayName="预售" value="2"/></options>
    <default-value>1</default-value>
  </field>
  <field id="days" name="发货天数" type="input">
    <rules>
      <rule name="disableRule" value="true">
        <depend-group operator="or">
          <depend-express fieldId="mode" value="2" symbol="!="/>
          <depend-group operator="and">
            <depend-express fieldId="nav" symbol="is null"/>
          </depend-group>
        </depend-group>
      </rule>
    </rules>
  </field>
  <field id="tags" name="标签" type="multiCheck">
    <options><option displayName="新品" value="n"/></options>
    <default-values><value>n</value></default-values>
  </field>
  <field id="stock" name="采购地" type="complex">
    <fields><field id="nav" name="采购地" type="singleCheck"/></fields>
    <complex-value><field id="nav" name="采购地" type="singleCheck"><value>0</value></field>
    </complex-value>
  </field>
  <field id="sku" name="宝贝规格" type="multiComplex">
    <fields><field id="skuPrice" name="价格" type="input"/></fields>
    <complex-values><field id="skuPrice" type="input"><value>1.00</value></field></complex-values>
    <complex-values><field id="skuPrice" type="input"><value>2.00</value></field></complex-values>
  </field>
  <field id="cats" name="店铺分类" type="multiInput"><values><value>12</value></values></field>
</itemSchema>"""


def test_types_rules_options_children_defaults_and_values() -> None:
    schema = parse_schema(SAMPLE)
    assert [f.id for f in schema.fields] == ["notice", "title", "mode", "days", "tags", "stock",
                                             "sku", "cats"]
    assert [f.type for f in schema.fields] == [
        FieldType.LABEL, FieldType.INPUT, FieldType.SINGLE_CHECK, FieldType.INPUT,
        FieldType.MULTI_CHECK, FieldType.COMPLEX, FieldType.MULTI_COMPLEX, FieldType.MULTI_INPUT]
    title = schema.field("title")
    assert title is not None
    assert title.required
    length = title.rule("maxLengthRule")
    assert (length.value, length.unit, length.ex_property, length.strict) == (
        "60", "byte", "include", False)
    assert title.tips == ["最多允许输入30个汉字（60字符）"]
    assert title.rule("950280534_1") is not None  # unknown rule names are kept, not refused
    mode = schema.field("mode")
    assert [(o.value, o.display_name) for o in mode.options] == [("1", "现货"), ("2", "预售")]
    assert mode.has_option("2")
    assert mode.default == "1"
    group = schema.field("days").rule("disableRule").depend
    assert group.operator == "or"
    assert [(e.field_id, e.value, e.symbol) for e in group.expressions] == [("mode", "2", "!=")]
    assert group.groups[0].expressions[0].symbol == "is null"
    assert group.field_ids() == {"mode", "nav"}
    assert schema.find("nav").name == "采购地"
    assert schema.initial_values() == {
        "mode": "1", "tags": ["n"], "stock": {"nav": "0"},
        "sku": [{"skuPrice": "1.00"}, {"skuPrice": "2.00"}], "cats": ["12"]}


def test_the_simulators_schemas_parse() -> None:
    schema = parse_schema(render(leaf_fields(50008898)).encode("utf-8"))
    cat = schema.field("catProp")
    assert cat.child("p-20000").required
    assert schema.field("sku").child("props").child("p-1627207").has_option("28320")


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<itemSchema><field id="title" type="input"><value>&lol9;</value></field></itemSchema>"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE itemSchema [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<itemSchema><field id="title" type="input"><value>&secret;</value></field></itemSchema>"""


def _field(inner: str, kind: str = "input", fid: str = "f") -> str:
    return f'<itemSchema><field id="{fid}" name="字段" type="{kind}">{inner}</field></itemSchema>'


def _deep(levels: int) -> str:
    inner = '<field id="leaf" type="input"/>'
    for n in range(levels):
        inner = f'<field id="c{n}" type="complex"><fields>{inner}</fields></field>'
    return f"<itemSchema>{inner}</itemSchema>"


HOSTILE = [
    ("billion laughs", BILLION_LAUGHS, "schema.forbidden"),
    ("external entity", EXTERNAL, "schema.forbidden"),
    ("dtd", '<!DOCTYPE itemSchema SYSTEM "http://example.invalid/a.dtd"><itemSchema/>',
     "schema.forbidden"),
    ("bare dtd", "<!DOCTYPE itemSchema><itemSchema/>", "schema.forbidden"),
    ("not xml", "{\"error\": true}", "schema.not_xml"),
    ("cut off", '<itemSchema><field id="title" type="input"><value>标', "schema.not_xml"),
    ("empty", "", "schema.not_xml"),
    ("wrong root", "<html><body/></html>", "schema.root"),
    ("unknown type", _field("", kind="picker"), "schema.unknown_type"),
    ("no type", '<itemSchema><field id="f"/></itemSchema>', "schema.unknown_type"),
    ("no id", '<itemSchema><field name="x" type="input"/></itemSchema>', "schema.bad_field"),
    ("duplicate id", '<itemSchema><field id="a" type="input"/><field id="a" type="input"/>'
     "</itemSchema>", "schema.bad_field"),
    ("rule without value", _field('<rules><rule name="requiredRule"/></rules>'),
     "schema.bad_rule"),
    ("rule without name", _field('<rules><rule value="1"/></rules>'), "schema.bad_rule"),
    ("length not a number", _field('<rules><rule name="maxLengthRule" value="六十"/></rules>'),
     "schema.bad_rule"),
    ("negative length", _field('<rules><rule name="maxLengthRule" value="-1"/></rules>'),
     "schema.bad_rule"),
    ("flag not a boolean", _field('<rules><rule name="requiredRule" value="yes"/></rules>'),
     "schema.bad_rule"),
    ("bad regex", _field('<rules><rule name="regexRule" value="(ab"/></rules>'),
     "schema.bad_rule"),
    ("huge regex", _field(f'<rules><rule name="regexRule" value="{"a" * 1001}"/></rules>'),
     "schema.bad_rule"),
    ("bad symbol", _field('<rules><rule name="disableRule" value="true"><depend-group>'
                          '<depend-express fieldId="x" value="1" symbol="~"/></depend-group>'
                          "</rule></rules>"), "schema.bad_rule"),
    ("no fieldId", _field('<rules><rule name="disableRule" value="true"><depend-group>'
                          '<depend-express value="1"/></depend-group></rule></rules>'),
     "schema.bad_rule"),
    ("bad operator", _field('<rules><rule name="disableRule" value="true">'
                            '<depend-group operator="xor"/></rule></rules>'), "schema.bad_rule"),
    ("options on input", _field('<options><option value="1"/></options>'), "schema.nesting"),
    ("option without value", _field("<options><option/></options>", kind="singleCheck"),
     "schema.bad_field"),
    ("fields under input", _field('<fields><field id="c" type="input"/></fields>'),
     "schema.nesting"),
    ("field inside field", _field('<field id="c" type="input"/>', kind="complex"),
     "schema.nesting"),
    ("rule outside rules", _field('<rule name="requiredRule" value="true"/>'), "schema.nesting"),
    ("value on complex", _field("<value>1</value>", kind="complex"), "schema.nesting"),
    ("values on input", _field("<values><value>1</value></values>"), "schema.nesting"),
    ("stray under rules", _field("<rules><option value='1'/></rules>"), "schema.nesting"),
    ("stray at the root", "<itemSchema><rules/></itemSchema>", "schema.nesting"),
    ("too deep", _deep(17), "schema.too_deep"),
    ("too many fields", "<itemSchema>" + "".join(
        f'<field id="f{n}" type="input"/>' for n in range(20_001)) + "</itemSchema>",
     "schema.too_large"),
]


@pytest.mark.parametrize(("text", "code"), [(h[1], h[2]) for h in HOSTILE],
                         ids=[h[0] for h in HOSTILE])
def test_hostile_and_malformed_schemas_are_refused(text: str, code: str) -> None:
    with pytest.raises(SchemaError) as info:
        parse_schema(text)
    assert info.value.code == code
    assert info.value.message.startswith("淘宝返回的发布规则无法使用：")


def test_a_schema_over_the_cap_is_refused_before_parsing() -> None:
    big = "<itemSchema>" + " " * MAX_SCHEMA_BYTES + "</itemSchema>"
    with pytest.raises(SchemaError) as info:
        parse_schema(big)
    assert info.value.code == "schema.too_large"
    assert "超过上限 8 MB" in info.value.message
    wide = "<itemSchema>" + "汉" * (MAX_SCHEMA_BYTES // 3) + "</itemSchema>"  # > cap in UTF-8
    with pytest.raises(SchemaError):
        parse_schema(wide)


def test_fifteen_levels_are_fine() -> None:
    assert parse_schema(_deep(14)).find("leaf") is not None


def test_any_cut_of_a_real_schema_is_a_schema_error_or_a_schema() -> None:
    """Truncated answers (a dropped connection mid-body) never raise anything else."""
    text = render(leaf_fields(50000671))
    codes: set[str] = set()
    for end in range(0, len(text), 97):
        try:
            parse_schema(text[:end])
        except SchemaError as error:
            codes.add(error.code)
    assert codes == {"schema.not_xml"}
