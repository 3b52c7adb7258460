"""Validation, one table row per rule kind: the issue names the field by its schema name in
Chinese and says the limit; values within the rule pass."""

from __future__ import annotations

import pytest

from app.top.schema import SchemaIssue, parse_schema, validate


def one(kind: str, rules: str, options: str = "", name: str = "字段") -> str:
    opts = f"<options>{options}</options>" if options else ""
    return (f'<itemSchema><field id="f" name="{name}" type="{kind}"><rules>{rules}</rules>'
            f"{opts}</field></itemSchema>")


def rule(name: str, value: str, **attrs: str) -> str:
    extra = "".join(f' {k}="{v}"' for k, v in attrs.items())
    return f'<rule name="{name}" value="{value}"{extra}/>'


OPTS = '<option displayName="红" value="1"/><option displayName="蓝" value="2"/>'
# (case, schema, value of f, ok value or None, rule, words in the message)
CASES = [
    ("required", one("input", rule("requiredRule", "true"), name="宝贝标题"), None, "x",
     "requiredRule", "「宝贝标题」必须填写"),
    ("bytes", one("input", rule("maxLengthRule", "60", unit="byte"), name="宝贝标题"), "加" * 31,
     "加" * 30, "maxLengthRule", "「宝贝标题」最多 60 字节（一个汉字算 2 个字节），现在 62 字节"),
    ("bytes ascii", one("input", rule("maxLengthRule", "4", unit="byte")), "abcde", "abcd",
     "maxLengthRule", "现在 5 字节"),
    ("characters", one("input", rule("maxLengthRule", "3")), "加加加加", "加加加", "maxLengthRule",
     "最多 3 个字符，现在 4 个字符"),
    ("min length", one("input", rule("minLengthRule", "5")), "四个字符", "五个字符了",
     "minLengthRule", "至少 5 个字符"),
    ("strict length", one("input", rule("maxLengthRule", "3", exProperty="not include")), "abc",
     "ab", "maxLengthRule", "最多 3 个字符"),
    ("regex", one("input", rule("regexRule", "[^&lt;&gt;]*") + rule("tipRule", "请用全角＜＞")),
     "a<b", "a＜b", "regexRule", "不符合格式要求（请用全角＜＞）"),
    ("decimal", one("input", rule("valueTypeRule", "decimal")), "12.3.4", "12.30", "valueTypeRule",
     "应为数字"),
    ("integer", one("input", rule("valueTypeRule", "integer")), "2147483648", "-2147483648",
     "valueTypeRule", "应为整数"),
    ("long", one("input", rule("valueTypeRule", "long")), "1.0", "2147483648", "valueTypeRule",
     "应为整数"),
    ("date", one("input", rule("valueTypeRule", "date")), "2026-02-30", "2026-02-28",
     "valueTypeRule", "应为日期"),
    ("time", one("input", rule("valueTypeRule", "time")), "2026-05-01 25:00:00",
     "2026-05-01 08:00:00", "valueTypeRule", "应为时间"),
    ("url", one("input", rule("valueTypeRule", "url")), "img.alicdn.com/a.jpg",
     "https://img.alicdn.com/a.jpg", "valueTypeRule", "应为网址"),
    ("min value", one("input", rule("minValueRule", "0.01"), name="一口价"), "0", "0.01",
     "minValueRule", "「一口价」不能小于 0.01（现在 0）"),
    ("strict min", one("input", rule("minValueRule", "0", exProperty="not include")), "0", "0.1",
     "minValueRule", "必须大于 0"),
    ("max value", one("input", rule("maxValueRule", "100")), "100.01", "100", "maxValueRule",
     "不能大于 100"),
    ("value not a number", one("input", rule("maxValueRule", "100")), "一百", "99",
     "maxValueRule", "应为数字"),
    ("decimal digits", one("input", rule("maxDecimalDigitsRule", "2")), "59.001", "59.00",
     "maxDecimalDigitsRule", "最多 2 位小数（现在 3 位）"),
    ("min digits", one("input", rule("minDecimalDigitsRule", "1")), "59", "59.0",
     "minDecimalDigitsRule", "至少 1 位小数"),
    ("option", one("singleCheck", "", OPTS, name="颜色"), "3", "2", "option",
     "「颜色」的值“3”不在可选范围内"),
    ("options", one("multiCheck", "", OPTS), ["1", "9"], ["1", "2"], "option", "“9”不在可选范围内"),
    ("max count", one("multiCheck", rule("maxInputNumRule", "1"), OPTS), ["1", "2"], ["1"],
     "maxInputNumRule", "最多填写 1 项，现在 2 项"),
    ("min count", one("multiInput", rule("minInputNumRule", "2")), ["a"], ["a", "b"],
     "minInputNumRule", "至少填写 2 项"),
    ("each of a list", one("multiInput", rule("regexRule", r"\d+")), ["1", "x"], ["1", "2"],
     "regexRule", "“x”不符合格式要求"),
    ("one value", one("input", ""), ["a", "b"], "a", "type", "只能填一个值"),
    ("several values", one("multiInput", ""), "a", ["a"], "type", "应填写多个值"),
]


@pytest.mark.parametrize(("schema", "bad", "good", "rule_name", "words"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_rule(schema: str, bad: object, good: object, rule_name: str, words: str) -> None:
    parsed = parse_schema(schema)
    issues = validate(parsed, {} if bad is None else {"f": bad})
    assert [(i.path, i.rule) for i in issues] == [("f", rule_name)]
    assert words in issues[0].message
    assert validate(parsed, {"f": good}) == []


DEPENDENT = """<itemSchema>
  <field id="startTime" name="上架时间" type="singleCheck">
    <options><option displayName="立刻" value="0"/><option displayName="定时" value="1"/></options>
  </field>
  <field id="listTime" name="定时上架时间" type="input">
    <rules><rule name="requiredRule" value="true"/>
      <rule name="disableRule" value="true"><depend-group operator="and">
        <depend-express fieldId="startTime" value="1" symbol="!="/></depend-group></rule>
    </rules>
  </field>
  <field id="note" name="备注" type="input">
    <rules><rule name="minLengthRule" value="4"><depend-group operator="or">
      <depend-express fieldId="startTime" value="1" symbol="=="/>
      <depend-express fieldId="count" value="10" symbol="&gt;="/></depend-group></rule>
    </rules>
  </field>
  <field id="count" name="数量" type="input"/>
  <field id="fixed" name="市场" type="input"><rules><rule name="readOnlyRule" value="true"/>
  </rules><default-value>taobao</default-value></field>
</itemSchema>"""


def test_disabled_and_dependent_fields() -> None:
    schema = parse_schema(DEPENDENT)
    assert validate(schema, {"startTime": "0"}) == []  # listTime disabled: not required
    issues = validate(schema, {"startTime": "1"})
    assert [(i.field_id, i.rule, i.message) for i in issues] == [
        ("listTime", "requiredRule", "「定时上架时间」必须填写")]
    filled = validate(schema, {"startTime": "0", "listTime": "2026-05-01 08:00:00"},
                      frozenset({"listTime"}))
    assert [(i.rule, i.message) for i in filled] == [
        ("disableRule", "「定时上架时间」在当前选择下不能填写（取决于「上架时间」）")]
    # a value the product did not set (the schema's own) in a disabled field is just left out
    assert validate(schema, {"startTime": "0", "listTime": "x"}) == []


def test_a_rule_with_a_condition_applies_only_while_it_holds() -> None:
    schema = parse_schema(DEPENDENT)
    assert validate(schema, {"startTime": "0", "note": "短"}) == []
    assert [i.rule for i in validate(schema, {"startTime": "1", "listTime": "2026-05-01 08:00:00",
                                              "note": "短"})] == ["minLengthRule"]
    assert [i.rule for i in validate(schema, {"startTime": "0", "count": "12",
                                              "note": "短"})] == ["minLengthRule"]
    assert validate(schema, {"startTime": "0", "count": "9", "note": "短"}) == []


def test_read_only_fields_keep_their_value() -> None:
    schema = parse_schema(DEPENDENT)
    values = {"startTime": "0", "fixed": "tmall"}
    assert validate(schema, values) == []
    assert [i.message for i in validate(schema, values, frozenset({"fixed"}))] == [
        "「市场」不能修改"]
    assert validate(schema, {"startTime": "0", "fixed": "taobao"}, frozenset({"fixed"})) == []


NESTED = """<itemSchema>
  <field id="catProp" name="类目属性" type="complex"><fields>
    <field id="p-20000" name="品牌" type="singleCheck"><rules>
      <rule name="requiredRule" value="true"/></rules>
      <options><option displayName="森马" value="1"/><option displayName="自行输入" value="-1"/>
      </options></field>
    <field id="in-20000" name="品牌（自行输入）" type="input"><rules>
      <rule name="requiredRule" value="true"/>
      <rule name="disableRule" value="true"><depend-group operator="and">
        <depend-express fieldId="p-20000" value="-1" symbol="!="/></depend-group></rule>
    </rules></field>
  </fields></field>
  <field id="sku" name="宝贝规格" type="multiComplex"><fields>
    <field id="props" name="销售属性" type="complex"><fields>
      <field id="p-1627207" name="颜色分类" type="singleCheck"><rules>
        <rule name="requiredRule" value="true"/></rules>
        <options><option displayName="白色" value="28320"/></options></field>
    </fields></field>
    <field id="skuPrice" name="价格" type="input"><rules>
      <rule name="requiredRule" value="true"/><rule name="maxDecimalDigitsRule" value="2"/>
    </rules></field>
  </fields></field>
</itemSchema>"""


def test_nested_fields_and_entries_are_named_and_located() -> None:
    schema = parse_schema(NESTED)
    issues = validate(schema, {"sku": [{"props": {"p-1627207": "28320"}, "skuPrice": "1.00"},
                                       {"props": {}, "skuPrice": "1.001"}]})
    assert [(i.path, i.message) for i in issues] == [
        ("catProp/p-20000", "「品牌」必须填写"),  # an empty complex still checks its children
        ("sku[2]/props/p-1627207", "宝贝规格第2项：「颜色分类」必须填写"),
        ("sku[2]/skuPrice", "宝贝规格第2项：「价格」最多 2 位小数（现在 3 位）"),
    ]
    typed = validate(schema, {"catProp": {"p-20000": "-1"}})
    assert [(i.path, i.message) for i in typed] == [
        ("catProp/in-20000", "「品牌（自行输入）」必须填写")]
    assert validate(schema, {"catProp": {"p-20000": "-1", "in-20000": "小鹿森林"}}) == []


def test_issues_are_plain_records() -> None:
    issue = validate(parse_schema(NESTED), {})[0]
    assert isinstance(issue, SchemaIssue)
    assert (issue.field_id, issue.name) == ("p-20000", "品牌")
