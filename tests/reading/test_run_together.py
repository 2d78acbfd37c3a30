"""Rows whose cells run together: the value grammar cuts them back into the header's columns.

The rows here are written for the tests (invented names and numbers).
"""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st

from nlp.reading.readers.run_together import split_closing_row, split_run_together, split_run_together_rows
from nlp.text.vocabulary import header_roles

ROLES = ["name", "weight", "target", "actual", "points"]


def test_run_together_row_examples() -> None:
    assert split_run_together("培训人数10≥200人次≥215人次10", ROLES) == ["培训人数", "10", "≥200人次", "≥215人次", "10"]
    assert split_run_together("运转率10100%100%10", ROLES) == ["运转率", "10", "100%", "100%", "10"]
    assert split_run_together("战斗力15明显增强明显增强15", ROLES) == ["战斗力", "15", "明显增强", "明显增强", "15"]
    assert split_run_together("修复时限10≤48小时平均31小时10", ROLES) == [
        "修复时限",
        "10",
        "≤48小时",
        "平均31小时",
        "10",
    ]
    levels = ["level1", "level2", *ROLES]
    assert split_run_together("产出指标数量指标培训人数10≥200人次215人次10", levels)[:3] == [
        "产出指标",
        "数量指标",
        "培训人数",
    ]
    assert split_run_together("这是一句没有数字的话", ROLES) is None


names = st.text(alphabet="培训人数合格率满意度宣传活动场次", min_size=2, max_size=8)
units = st.sampled_from(["人次", "%", "个", "万元", "场", ""])


@given(names, st.integers(1, 30), st.integers(1, 999), units, st.integers(1, 999), st.integers(0, 30))
def test_a_split_row_always_joins_back_to_its_text(name, weight, target, unit, actual, points) -> None:
    """A row built of valid cells always splits; whatever split it chooses loses and invents no character."""
    text = f"{name}{weight}≥{target}{unit}{actual}{unit}{points}"
    cells = split_run_together(text, ROLES)
    assert cells is not None, text  # the cells it was built from are one valid split
    assert "".join(cells) == text
    assert len(cells) == len(ROLES)
    assert cells[0] == name  # the name holds no digit, so the values start where it ends


def test_a_long_run_of_digits_that_splits_no_way_is_refused_quickly() -> None:
    """A hostile row: every cut is tried once, so refusing it takes milliseconds, not seconds."""
    started = time.perf_counter()
    assert split_run_together("培训人数" + "1" * 110 + "%%", ROLES) is None
    assert time.perf_counter() - started < 1.0


def test_run_together_values_prefer_a_score_near_its_weight() -> None:
    roles = ["name", "weight", "target", "actual", "points"]
    assert split_run_together("免费发放种苗8550万株550万株8", roles) == ["免费发放种苗", "8", "550万株", "550万株", "8"]
    assert split_run_together("取证率10≥80%71.5%8.18", roles) == ["取证率", "10", "≥80%", "71.5%", "8.18"]


def test_a_weight_written_as_a_share() -> None:
    roles = ["name", "target", "actual", "weight", "points"]
    assert split_run_together("甲贷款发放额增长率≥10%115.25%20%20", roles) == [
        "甲贷款发放额增长率",
        "≥10%",
        "115.25%",
        "20%",
        "20",
    ]
    # a bounded figure is not cut before its last digits to make room for a share (≥9 | 0% | 95% | 10)
    assert split_run_together("甲达标率≥90%95%10", roles)[1:3] == ["≥90%", "95%"]


def test_a_run_together_row_whose_target_is_a_dash() -> None:
    roles = ["name", "weight", "target", "actual", "points", "reason"]
    assert split_run_together("运行经费执行率10-100%9", roles) == ["运行经费执行率", "10", "-", "100%", "9", ""]


def test_a_cell_written_twice_is_target_and_actual_whatever_its_grammar() -> None:
    """An OCR'd comparator (工 for ≥) leaves no value grammar, but the copy still shows where the cells lie."""
    assert split_run_together("亩均增收8工5%工5%8", ROLES) == ["亩均增收", "8", "工5%", "工5%", "8"]


def test_rows_run_together_keep_a_unit_with_its_figure() -> None:
    """人次215人次10 is no row named 人次: the unit ends the target before it (≥200人次), not 2 | 0 | 0."""
    roles = ["level2", "name", "target", "actual", "points"]
    rows, _ = split_run_together_rows("数量指标培训人数≥200人次215人次10质量指标培训合格率≥95%97%10", roles)
    assert rows == [
        ["数量指标", "培训人数", "≥200人次", "215人次", "10"],
        ["质量指标", "培训合格率", "≥95%", "97%", "10"],
    ]


def test_a_unit_or_a_qualifier_is_never_a_cell_of_its_own() -> None:
    roles = ["name", "target", "actual", "weight", "points"]
    assert split_run_together("诊断准确率95%以上97%55", roles) == ["诊断准确率", "95%以上", "97%", "5", "5"]
    assert split_run_together("业务收入增收27万元30万元1313", roles) == ["业务收入增收", "27万元", "30万元", "13", "13"]


def test_a_name_holding_a_whole_row_of_figures_is_two_rows() -> None:
    roles = ["name", "unit", "target", "weight", "actual", "points"]
    rows, _ = split_run_together_rows("林地管护面积万亩2110110造林面积万亩250105010", roles)
    assert [row[0] for row in rows] == ["林地管护面积万亩", "造林面积万亩"]


def test_a_target_left_empty_before_an_actual_written_as_words() -> None:
    roles = ["name", "weight", "target", "actual", "points"]
    assert split_run_together("可行性2实际工作需求2", roles) == ["可行性", "2", "", "实际工作需求", "2"]
    assert split_run_together("合格率2100%98%2", roles) == ["合格率", "2", "100%", "98%", "2"]  # no empty cell then


def test_a_total_splits_into_weight_and_score_only_when_the_score_is_at_least_half() -> None:
    assert split_closing_row("总分10095") == ["总分", "100", "95"]
    assert split_closing_row("合计9085") == ["合计", "90", "85"]
    assert split_closing_row("总分83") == ["总分", "83"]
    assert split_closing_row("总分71.7") == ["总分", "71.7"]
    assert split_closing_row("总分87") == ["总分", "87"]


@given(st.text(alphabet="及时较基本达标好有效", min_size=1, max_size=6), st.sampled_from(["", "较", "基本", "不"]))
def test_a_words_target_written_again_as_its_actual_after_a_qualifier(target, qualifier) -> None:
    from hypothesis import assume

    assume(target[0] not in "较基不" and not any(target.startswith(q, 1) for q in ("较", "基本", "不")))
    roles = ["name", "target", "actual", "weight", "points"]
    cells = split_run_together(f"服务质量情况{target}{qualifier}{target}55", roles)
    assert cells is not None and "".join(cells) == f"服务质量情况{target}{qualifier}{target}55"
    assert cells[-2:] == ["5", "5"]


def test_a_run_together_row_is_never_cut_inside_a_unit() -> None:
    header = ["二级指标", "三级指标", "指标值", "全年实际完成值", "未完成原因和改进措施"]
    cells = split_run_together("数量指标修建乡村道路12.5公里2020", header_roles(header))
    assert cells is not None and cells[2] == "12.5公里"  # not 1 | 2.5公 | 里2020
