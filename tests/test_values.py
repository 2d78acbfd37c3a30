"""parse_value: a table of value strings (every target and actual cell of the seeds, and the
forms and pitfalls of DOMAIN.md §6), and a property test that it never raises."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nlp import parse_value
from nlp.values import find_quantities

TABLE = Path(__file__).parent / "data" / "values.tsv"


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
    assert value["raw"] == row["raw"]
    found = {k: value[k] for k in ("kind", "value", "low", "high", "unit", "comparator")}
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
    assert parse_value("16.4亿")["value"] == 164000.0
    assert parse_value("0.1万元")["value"] == 0.1


def test_find_quantities_gives_offsets() -> None:
    text = "全年报送信息238篇，省市采纳47篇，满意率98.2%"
    found = [(text[q.start : q.end], q.kind) for q in find_quantities(text)]
    assert found == [("238篇", "count"), ("47篇", "count"), ("98.2%", "percent")]


@given(st.text(max_size=200))
def test_parse_value_never_raises_and_always_returns_a_value(raw: str) -> None:
    value = parse_value(raw)
    assert set(value) == {"raw", "kind", "value", "low", "high", "unit", "comparator"}
    assert value["raw"] == raw
    assert value["kind"] in {"number", "percent", "money", "count", "date", "date_range", "text"}


@given(st.from_regex(r"[≧≥≤≦约近]?[0-9一二三百千万.,]{1,8}(余|多)?(万|亿)?(元|人|次|%|个百分点|天)?(以上|以内|左右)?"))
def test_value_like_strings_never_raise(raw: str) -> None:
    assert parse_value(raw)["raw"] == raw
