"""parse_value: a table of value strings (every target and actual cell of the seeds, and the
forms and pitfalls of DOMAIN.md §6), and properties that can fail: the inner reader
(``read_value``, without parse_value's catch-all) never raises, and generated
number+unit strings read back to their number, sign and unit."""

from __future__ import annotations

import csv
import dataclasses
import math
from decimal import Decimal

import pytest
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st

import nlp
from nlp.text.document import Value
from nlp.text.values import LEADING_COMPARATOR, find_quantities, parse_result, parse_value, read_value

TABLE = ROOT / "tests" / "data" / "values.tsv"


def _expected(row: dict) -> dict:
    def cell(name: str):
        value = row[name] or None
        if value is not None and name in ("value", "low", "high") and row["kind"] not in ("date", "date_range"):
            return float(value)
        return value

    return {name: cell(name) for name in ("kind", "value", "low", "high", "unit", "comparator")}


with TABLE.open(encoding="utf-8") as handle:
    ROWS = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_the_table_is_large_enough() -> None:
    assert len(ROWS) >= 150


@pytest.mark.parametrize("row", ROWS, ids=[r["raw"][:20] for r in ROWS])
def test_value_table(row: dict) -> None:
    value = parse_value(row["raw"])
    assert value.raw == row["raw"]
    found = {k: v for k, v in value.to_dict().items() if k != "raw"}
    expected = _expected(row)
    if expected["kind"] == "text":
        assert found["kind"] == "text" and found["value"] is None
        return
    for key in ("value", "low", "high"):
        if isinstance(expected[key], float):
            assert found[key] == pytest.approx(expected[key]), key
            expected[key] = found[key]
    assert found == expected


def test_money_arithmetic_is_exact() -> None:
    assert parse_value("16.4亿").value == 164000.0
    assert parse_value("0.1万元").value == 0.1


def test_a_values_json_has_the_contracts_keys_in_order() -> None:
    value = parse_value("≧90%")
    assert value.to_dict() == {
        "raw": "≧90%", "kind": "percent", "value": 90.0, "low": None, "high": None, "unit": "%", "comparator": ">="
    }  # fmt: skip
    assert list(parse_value("无").to_dict()) == ["raw", "kind", "value", "low", "high", "unit", "comparator"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        value.kind = "text"  # type: ignore[misc]


def test_find_quantities_gives_offsets() -> None:
    text = "全年报送信息238篇，省市采纳47篇，满意率98.2%"
    found = [(text[q.start : q.end], q.kind) for q in find_quantities(text)]
    assert found == [("238篇", "count"), ("47篇", "count"), ("98.2%", "percent")]


def _assert_is_a_value(value: Value, raw: str) -> None:
    assert isinstance(value, Value)
    assert value.raw == raw
    assert value.kind in {"number", "percent", "money", "count", "date", "date_range", "text"}
    for number in (value.value, value.low, value.high):
        assert number is None or isinstance(number, str) or math.isfinite(number)


# read_value is parse_value without its catch-all: an exception here is a bug the catch-all would hide.
@given(st.text(max_size=200))
def test_reading_any_text_never_raises(raw: str) -> None:
    _assert_is_a_value(read_value(raw), raw)


@given(
    st.from_regex(
        r"[≧≥≤≦约近增长下降-－负]{0,2}[0-9零一二三十百千万.,\-－—~]{1,10}(余|多)?(万|亿)?(元|人|次|%|个百分点|天)?"
        r"([-—~至][0-9一二三十]{1,4}(万元|%|天)?)?(以上|以内|左右)?",
        fullmatch=True,
    )
)
def test_reading_value_like_strings_never_raises(raw: str) -> None:
    _assert_is_a_value(read_value(raw), raw)


# unit as written → (kind, unit in the Value, factor from the written number to the value)
UNITS = {
    "%": ("percent", "%", 1),
    "个百分点": ("percent", "pp", 1),
    "万元": ("money", "万元", 1),
    "亿元": ("money", "万元", 10000),
    "元": ("money", "万元", 0.0001),
    "人": ("count", "人", 1),
    "万人次": ("count", "人次", 10000),  # 万 multiplies counts too (SPEC §2)
    "天": ("number", "天", 1),
    "平方米": ("number", "平方米", 1),
}


@given(
    negative=st.booleans(),
    number=st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False),
    unit=st.sampled_from(sorted(UNITS)),
    minus=st.sampled_from(["-", "－", "−"]),
    before=st.sampled_from(["", "增长", "达到", "≥", "约"]),
)
def test_a_written_number_reads_back_with_its_sign_and_unit(
    negative: bool, number: Decimal, unit: str, minus: str, before: str
) -> None:
    written = f"{number:f}"
    raw = f"{before}{minus if negative else ''}{written}{unit}"
    value = read_value(raw)
    kind, expected_unit, factor = UNITS[unit]
    assert (value.kind, value.unit) == (kind, expected_unit), raw
    expected = float(number) * factor * (-1 if negative else 1)
    assert value.value == pytest.approx(expected, rel=1e-9, abs=1e-9), raw
    assert value.value == 0 or (value.value < 0) == negative, raw


@pytest.mark.parametrize(
    ("raw", "value", "unit"),
    [("-5%", -5.0, "%"), ("－5万元", -5.0, "万元"), ("增长-5%", -5.0, "%"), ("≥-0.5个百分点", -0.5, "pp")],
)
def test_a_minus_sign_makes_the_value_negative(raw: str, value: float, unit: str) -> None:
    found = parse_value(raw)
    assert (found.value, found.unit) == (value, unit)


@pytest.mark.parametrize(
    ("raw", "low", "high"), [("5万元-10万元", 5.0, 10.0), ("50-0万元", 50.0, 0.0), ("-5%~-3%", -5.0, -3.0)]
)
def test_a_dash_after_a_number_is_a_range_not_a_minus(raw: str, low: float, high: float) -> None:
    found = read_value(raw)
    assert (found.comparator, found.low, found.high) == ("range", low, high)


def test_a_fall_keeps_the_number_as_written() -> None:
    """下降5% is a target met by 下降6%: the direction is in the words, the value stays 5."""
    assert read_value("下降5%").value == 5.0


def test_a_numeral_longer_than_any_quantity_is_no_number() -> None:
    assert read_value("1" * 300).kind == "text"
    assert read_value("一" * 300 + "人").kind == "text"


@pytest.mark.parametrize("text", ["41943.01%", "3.2021.5", "2021.5%", "2024.05万元", "2030.12 元", "2021.5亿元"])
def test_a_dotted_year_inside_a_longer_number_a_percent_or_an_amount_is_no_date(text: str) -> None:
    assert read_value(text).kind != "date"


def test_the_public_parser_keeps_the_contracts_dict() -> None:
    """SPEC §2: ``nlp.parse_value`` returns the Value as a dict; the package reads the typed record."""
    public = nlp.parse_value("≧90%")
    assert isinstance(public, dict) and public == parse_value("≧90%").to_dict()
    assert public["kind"] == "percent" and public["value"] == 90.0 and public["comparator"] == ">="


def test_every_leading_comparator_word_is_one_the_value_grammar_reads() -> None:
    """The readers of cells and clauses take these words with a value: each must mean a bound to parse_value."""
    words = LEADING_COMPARATOR.split("|")[:-1]  # the last alternative is the class of signs
    assert words and all(parse_value(f"{word}95%").comparator in (">=", "<=", ">", "<") for word in words)


def test_a_dotted_year_and_month_followed_by_a_unit_or_magnitude_is_a_number() -> None:
    """2021.12 is a date; 1956.01万人次 and 1956.01个百分点 are figures (hypothesis found them)."""
    assert parse_value("1956.01万人次").kind == "count"
    assert parse_value("1956.01个百分点").kind == "percent"
    assert parse_value("完成时间2023.12").kind == "date"


@pytest.mark.parametrize(
    ("actual", "target", "expected"),
    [
        ("取得证书986人，取证率85.3%", "85%以上", (85.3, "%")),
        ("完成上、下半年2次考核，清退1家", "每年不少于2次", (2.0, "次")),
        ("电话回访用户300户，满意度95.6%", "90%以上", (95.6, "%")),
        ("办结投诉300件，同比下降15%", "≥95%", (None, None)),  # a change is no level reached
        ("42期", "40期以上", (42.0, "期")),  # one figure reads as before
        ("完成2次考核，另补考1次", "不少于2次", (None, None)),  # two in the target's unit: none is the row's
        ("取得证书986人，取证率85.3%", "按时完成", (None, None)),  # a target of no unit chooses nothing
    ],
)
def test_an_actual_stating_several_figures_gives_the_one_in_its_targets_unit(
    actual: str, target: str, expected: tuple
) -> None:
    value = parse_result(actual, parse_value(target))
    assert (value.value, value.unit) == expected
    assert value.raw == actual


@given(
    count=st.integers(min_value=1, max_value=10**6),
    rate=st.decimals(min_value=0, max_value=100, places=1, allow_nan=False, allow_infinity=False),
    unit=st.sampled_from(["人", "户", "家", "个"]),
)
def test_a_rate_beside_a_count_is_read_against_a_percent_target(count: int, rate: Decimal, unit: str) -> None:
    value = parse_result(f"共完成{count}{unit}，完成率{rate:f}%", parse_value("≥90%"))
    assert (value.value, value.unit) == (pytest.approx(float(rate)), "%")
