"""Budgets laid out as forms: label cells, header runs with their values, glued figures, cells one a line."""

from __future__ import annotations

import time

import pytest

from nlp.extraction.budget import budget_in_text, score_in_text
from nlp.extraction.budget_forms import cell_role, header_run_figures


def amounts(budget) -> tuple:
    return budget.planned, budget.executed, budget.rate


@pytest.mark.parametrize(
    ("cell", "role"),
    [
        ("全年预算数(A)", "planned_full"),
        ("年初预(yù)算数(shù)", "planned_opening"),
        ("全年执行数(B)", "executed"),
        ("执行率(B/A)", "rate"),
        ("其中：当年财政拨款", None),
        ("项目资金(万元)", None),
    ],
)
def test_cell_roles(cell: str, role: str | None) -> None:
    assert cell_role(cell) == role


def test_a_budget_header_run_together_with_its_values_in_one_line() -> None:
    text = "项目资金(万元)年初预算数 全年预算数 全年执行数 分值 执行率 得分年度资金总额50.00 52.00 49.40 10 95% 9.5其中"
    assert amounts(budget_in_text(text)) == (52, 49.4, 95)
    assert amounts(budget_in_text("单位:元 预算数 | 执行数 | 执行率 | 120000 | 60000 | 50%")) == (12, 6, 50)
    assert budget_in_text("全年预算数 全年执行数 详见附表").planned is None


def test_a_header_run_keeps_its_empty_cells_and_pairs_only_as_many_values_as_labels() -> None:
    """年初预算数 | 全年预算数 | 全年执行数 | 10 | | 9: the full budget is blank, not the next value."""
    found = header_run_figures("年初预算数 | 全年预算数 | 全年执行数 | 10 | | 9 |")
    assert [(f.role, f.value) for f in found] == [("planned_opening", 10), ("executed", 9)]
    assert amounts(budget_in_text("年初预算数 | 全年预算数 | 全年执行数 | 10 | | 9 |")) == (10, 9, None)
    assert header_run_figures("年初预算数 全年预算数 全年执行数 10 12") == []  # which value is whose is unknown


def test_each_figure_of_a_header_run_spans_its_own_label_and_value() -> None:
    text = "说明：年初预算数 全年执行数 执行率 20 18.5 92.5%"
    spans = [text[f.start : f.end] for f in header_run_figures(text)]
    assert [s.split()[0] for s in spans] == ["年初预算数", "全年执行数", "执行率"]
    assert [s.split()[-1] for s in spans] == ["20", "18.5", "92.5%"]


def test_a_long_line_of_header_labels_is_read_in_linear_time() -> None:
    start = time.perf_counter()
    assert header_run_figures("年初预算数" * 20000) == []
    assert time.perf_counter() - start < 1  # quadratic, it took minutes


def test_budget_execution_and_rate_run_together_are_split_where_they_agree() -> None:
    text = "项目资金(万元)全年预算数(A)全年执行数(B)执行率(B/A)年度资金总额50.545.390%其中:"
    assert amounts(budget_in_text(text)) == (50.5, 45.3, 90)
    # no split gives the stated rate: nothing is read
    assert amounts(budget_in_text(text.replace("90%", "70%"))) == (None, None, None)


def test_a_weight_column_between_the_execution_and_the_rate_takes_its_own_number() -> None:
    """全年预算数 全年执行数 分值 执行率 run together (3030 10 100%): the weight is skipped, not read as the rate."""
    text = "资金情况(万元)全年预算数(A)全年执行数(B)分值执行率(B/A)得分年度资金总额:303010100.00%10其中:"
    assert amounts(budget_in_text(text)) == (30, 30, 100)
    assert amounts(budget_in_text(text.replace("100.00%", "80.00%"))) == (None, None, None)


def test_a_glued_row_with_the_year_s_first_and_full_budgets_is_split_where_its_amounts_agree() -> None:
    """年初预算数 全年预算数 全年执行数 分值 执行率 (2456.182456.182456.1810100%): of the splits whose rate holds
    (2456.1 | 82456.1 | 82456.18 too), the one writing its amounts alike."""
    text = "年初预算数全年预算数全年执行数分值执行率得分年度资金总额2456.182456.182456.1810100%10按收入性质分:"
    assert amounts(budget_in_text(text)) == (2456.18, 2456.18, 100)
    # amounts written alike in no split whose rate holds: nothing is read
    assert amounts(budget_in_text(text.replace("2456.182456.182456.18", "2456.182456.12456.18"))) == (None,) * 3


@pytest.mark.parametrize(
    "text",
    [
        "全年预算数 全年执行数 分值 执行率 " + "1" * 2000 + ".5%",  # too many digits
        "全年预算数 " + "分值 " * 9 + "全年执行数 执行率\n" + "1" * 30 + ".5%",  # too many columns to split
    ],
)
def test_a_glued_run_too_ambiguous_for_a_budget_row_is_not_split(text: str) -> None:
    """Its splits grow combinatorially with its digits and columns: a hostile line must stay cheap."""
    started = time.perf_counter()
    assert amounts(budget_in_text(text)) == (None, None, None)
    assert time.perf_counter() - started < 1


def test_a_label_alone_on_its_line_takes_the_value_on_the_next() -> None:
    """A form flattened one cell a line: 预算数: ⏎ 2.38 ⏎ 执行数: ⏎ 2.38."""
    text = "专项名称\n某某补助资金\n预算执行情况\n预算数:\n2.38\n执行数:\n2.1\n20\n"
    assert amounts(budget_in_text(text)) == (2.38, 2.1, None)
    # a label followed by another label's line reads nothing
    assert budget_in_text("全年预算数\n全年执行数\n执行率\n").planned is None


def test_a_score_label_whose_form_row_runs_on_one_cell_a_line_takes_the_row_s_number() -> None:
    """自评得分 ends one row of names; the next row's names stand between it and its value."""
    text = (
        "专项名称\n某某补助资金\n主管部门\n某部\n自评得分\n"
        "省级财政部门\n某省财政厅\n省级主管部门\n某省某局\n98\n预算执行情况\n"
    )
    assert score_in_text(text) == 98
    # a total's label or another number on the way: the value is not there
    assert score_in_text("自评得分\n年度资金总额\n50.00\n") is None
    assert score_in_text("自评得分\n某局\n2023年\n90\n") is None


def test_whole_numbers_run_together_on_the_line_under_their_header_are_split_where_they_agree() -> None:
    """40004000100% under 全年预算数(A) 全年执行数(B) 预算执行率(B/A), its total's row on the next line."""
    text = "项目资金(万元)\n全年预算数(A)全年执行数(B)预算执行率(B/A)\n年度资金总额:300300100%\n 其中:中央补助"
    assert amounts(budget_in_text(text)) == (300, 300, 100)
    assert amounts(budget_in_text(text.replace("300300100%", "30030090%"))) == (None, None, None)


def test_a_weight_between_the_execution_and_the_rate_is_points_out_of_a_hundred() -> None:
    """310.2154.741050%: 10 is the weight, not 410 (nor 0) with 154.7 (or 154.741) spent, though both give 50%."""
    text = "年初预算数(A)全年执行数(B)分值(10分)执行率(B/A)得分得分计算方法年度资金总额:310.2154.741050%5执行率*"
    assert amounts(budget_in_text(text)) == (310.2, 154.74, 50)


def test_a_header_run_s_amounts_may_carry_their_unit_run_together() -> None:
    text = "全年预算数(A)  全年执行数(B)  执行率(B/A)\n年度资金总额:  372.29万元372.29万元100%\n"
    figures = {f.role: f.value for f in header_run_figures(text)}
    assert figures == {"planned_full": 372.29, "executed": 372.29, "rate": 100}


def test_a_header_whose_note_wraps_and_a_blank_opening_budget_in_glued_figures() -> None:
    # a label's note on the next line (预算执行率 ⏎ ( B/A×100%)) stays in the header run
    wrapped = "(万元) 全年预算数( A ) 全年执行数( B ) 分值 预算执行率\n( B/A×100%) 得分\n年度资金总额: 4 4 10 100% 10\n"
    assert [(f.role, f.value) for f in header_run_figures(wrapped)] == [
        ("planned_full", 4.0),
        ("executed", 4.0),
        ("rate", 100.0),
    ]
    # 年初预算数 left blank: 30 | 30 | 10 | 100% fit the labels after it, and 全年执行 names the execution
    glued = "项目资金(万元)年初预算数全年预算数全年执行分值执行率得分年度资金总额303010100%其中:当年财政拨款"
    assert [(f.role, f.value) for f in header_run_figures(glued)] == [
        ("planned_full", 30.0),
        ("executed", 30.0),
        ("rate", 100.0),
    ]
