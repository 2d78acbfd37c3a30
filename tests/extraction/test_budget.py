"""Budgets and claimed scores read by their labels, in prose and in the form part of a 自评表."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import nlp
from nlp.extraction.budget import (
    _fund_amount,
    budget_in_text,
    figures,
    score_in_text,
    scored_clauses,
    table_budget,
)
from nlp.extraction.tables import read_table
from nlp.text.document import Budget


def amounts(budget) -> tuple:
    return budget.planned, budget.executed, budget.rate


def test_the_full_budget_wins_over_the_opening_one_and_changes_are_not_budgets() -> None:
    text = "本年度项目年初预算数800.00万元，年中调减预算50万元，全年预算数750.00万元；全年执行数720万元，执行率96%。"
    assert amounts(budget_in_text(text)) == (750, 720, 96)


def test_amounts_in_yuan_become_wan_yuan() -> None:
    text = "当年安排预算1,200,000元，实际支出1,150,500.50元，预算执行率95.88%。"
    assert amounts(budget_in_text(text)) == (120, 115.05005, 95.88)


def test_a_labels_unit_and_total_word_stand_between_it_and_its_amount() -> None:
    text = "资金情况(万元)年度金额(提前下达):208万元资金使用情况(万元)合计:109.8万元中央财政165万元"
    assert amounts(budget_in_text(text))[1] == 109.8


def test_a_bound_is_a_target_not_a_budget() -> None:
    text = "目标为项目成本控制在年初预算300万元以内。\n二、资金情况\n全年预算280万元，实际支出275万元。"
    assert amounts(budget_in_text(text)) == (280, 275, None)


def test_a_longer_label_without_a_figure_leaves_room_for_a_shorter_one() -> None:
    assert amounts(budget_in_text("2022年度维修类项目预算数为64万元，执行数为60万元。")) == (64, 60, None)


def test_a_bare_word_labels_only_an_amount_with_nothing_else_in_its_clause() -> None:
    assert budget_in_text("（二）支出：312.5万元。").executed == 312.5
    assert budget_in_text("基本支出212.5万元，培训费支出3万元。").executed is None
    # the year, a total's word and whose money it is may stand beside it
    assert budget_in_text("2024年共支出1211.89万元。其中,基本支出573.36万元。", True).executed == 1211.89
    assert budget_in_text("2022年本年财政资金支出合计833.84万元,其中:基本支出121.86万元。", True).executed == 833.84
    assert budget_in_text("2022年培训费支出3万元。").executed is None
    assert budget_in_text("省级补助预算12万元。").planned is None


def test_a_verb_that_allocates_gives_a_budget_when_no_label_does() -> None:
    text = "2023年县里下达社区服务补助经费52000元，资金全部到位，实际支出52000元。"
    assert amounts(budget_in_text(text)) == (5.2, 5.2, None)
    assert budget_in_text("县里下达经费，其中追加补助20万元。").planned is None


def test_the_execution_told_in_a_later_section_completes_the_budget() -> None:
    text = (
        "1.资金计划。该项目年初预算安排45万元。\n"
        + "项目按计划推进，按月调度。" * 20
        + "\n3.资金使用。实际支出44.1万元。"
    )
    assert amounts(budget_in_text(text)) == (45, 44.1, None)


def test_a_department_reads_only_the_figures_of_the_unit_itself() -> None:
    text = (
        "我中心年初预算数600万元，年中追加专项经费40万元，调整后全年预算640万元。全年实际支出630万元，"
        "其中基本支出500万元、项目支出130万元。"
    )
    assert amounts(budget_in_text(text, department=True)) == (640, 630, None)
    items = "本单位人员类项目全年预算数300万元，预算执行数300万元。本单位安排运转类项目2个，全年预算数50万元。"
    assert amounts(budget_in_text(items, department=True)) == (None, None, None)
    # a project's budget may well be named after the project
    assert budget_in_text("城区绿化养护项目资金总额88万元。").planned == 88


def test_claimed_scores_strong_labels_before_weak_ones() -> None:
    assert score_in_text("其中预算执行指标得分9.5分。经综合评定，本项目自评总分为93.5分。") == 93.5
    assert score_in_text("经评价，本项目得分88分。") == 88
    assert score_in_text("综合评分为91分，等级为优。") == 91
    assert score_in_text("自评总分(分)96.2") == 96.2
    assert score_in_text("未按时上报不得分 1、评分表满分100分。") is None
    assert score_in_text("自评得分为150分") is None
    assert score_in_text("进行了自评,自评得分102.964分,具体得分情况如下") == 102.964  # bonus points (加分项)
    assert score_in_text("项目得分102分") is None  # a weak label keeps to full marks


def test_scored_clauses_name_what_they_score() -> None:
    text = "其中，丙局部门整体绩效自评得分为91分，情况良好；丁项目绩效自评得分为100分。"
    assert scored_clauses(text) == [("丙局部门整体", 91.0), ("丁项目", 100.0)]


def test_figures_carry_offsets_into_the_text_read() -> None:
    text = "项目全年预算120万元。"
    (figure,) = figures(text)
    assert (figure.role, text[figure.start : figure.end]) == ("planned_full", "全年预算120万元")


def test_a_header_over_a_shifted_row_of_values() -> None:
    """The merged 预算执行情况 cell is dropped from the values row, which sits one column left."""
    rows = [
        ["预算执行情况(10分)", "年度预算数(万元)", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重"],
        ["总额", "40.00", "42.50", "41.00", "96.47%", "10"],
        ["其中:财政资金", "40.00", "42.50", "41.00", "96.47%", "/"],
    ]
    assert amounts(table_budget(rows)[0]) == (42.5, 41, 96.47)


def test_a_header_without_its_label_column_and_amounts_in_yuan() -> None:
    rows = [
        ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "500,000.00", "520,000.00", "494,000.00", "10", "95%", "9.5"],
        ["单位：元"],
    ]
    rows[0].insert(0, "项目资金（元）")
    assert amounts(table_budget(rows)[0]) == (52, 49.4, 95)


def test_the_total_row_of_a_budget_split_by_sub_project() -> None:
    rows = [
        ["子项目名称", "全年预算数", "实际支出", "执行率"],
        ["甲片区", "300.00", "290.00", "96.67%"],
        ["乙片区", "200.00", "180.00", "90%"],
        ["合计", "500.00", "470.00", "94%"],
    ]
    assert amounts(table_budget(rows)[0]) == (500, 470, 94)
    assert table_budget(rows[:3])[0].planned is None  # no total, two candidates: none is the budget


def test_label_cells_followed_by_their_values_and_a_stated_score() -> None:
    rows = [
        ["项目预算执行情况(万元)", "预算数：", "12.5", "执行数：", "12"],
        ["", "其中：财政拨款", "12.5", "其中：财政拨款", "12"],
        ["自评得分", "92"],
    ]
    budget, score, _ = table_budget(rows)
    assert (amounts(budget), score) == ((12.5, 12, None), 92)


def test_a_scoring_table_s_execution_row_is_an_indicator_not_the_budget(tmp_path: Path) -> None:
    path = tmp_path / "scoring.md"
    path.write_text(
        "| 一级指标 | 二级指标 | 三级指标 | 分值 | 指标值 | 实际完成值 | 得分 |\n"
        "|---|---|---|---|---|---|---|\n"
        "| 过程 | 资金管理 | 预算执行率 | 10 | 100% | 96% | 9.6 |\n"
        "| 产出 | 数量指标 | 培训人次 | 20 | ≥200人次 | 210人次 | 20 |\n"
        "| 总分 | 100 | 29.6 | | | | |\n",
        encoding="utf-8",
    )
    (reading,) = [read_table(t) for t in nlp.ingest(path).tables]
    assert (reading.planned, reading.rate, reading.total_points) == (None, None, 29.6)


def test_an_unfilled_points_column_gives_no_total(tmp_path: Path) -> None:
    path = tmp_path / "unfilled.md"
    path.write_text(
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 | 完成值 | 权重 | 得分 |\n"
        "|---|---|---|---|---|---|---|\n"
        "| 产出指标 | 数量指标 | 补贴发放户数 | ≥50户 | 52户 | 60 | |\n"
        "| 效益指标 | 社会效益指标 | 群众知晓率 | ≥90% | 93% | 40 | |\n"
        "| 合计 | | | | | | 100 |\n",
        encoding="utf-8",
    )
    (reading,) = [read_table(t) for t in nlp.ingest(path).tables]
    assert reading.total_points is None


def test_each_evaluation_reads_its_own_budget(tmp_path: Path) -> None:
    path = tmp_path / "two.txt"
    report = "一、项目概况\n{body}\n二、评价结论\n{score}\n三、存在的问题\n无。\n四、改进建议\n无。\n"
    path.write_text(
        "某县文化馆2023年度项目支出绩效自评报告\n（送戏下乡）\n"
        + report.format(body="全年开展演出40场，群众反响良好。", score="本项目自评得分95分。")
        + "某县文化馆2023年度项目支出绩效自评报告\n（非遗保护）\n"
        + report.format(body="全年预算数30万元，全年执行数28万元，执行率93.33%。", score="本项目自评得分90分。"),
        encoding="utf-8",
    )
    evaluations = {e.name: e for e in nlp.analyze(path).evaluations}
    assert amounts(evaluations["送戏下乡"].budget) == (None, None, None)
    assert (amounts(evaluations["非遗保护"].budget), evaluations["非遗保护"].claimed_score) == ((30, 28, 93.33), 90)


def test_a_total_left_at_zero_gives_way_to_the_one_row_stated() -> None:
    rows = [
        ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额:", "0", "0", "0", "10", "0", "0"],
        ["其中:本年财政拨款", "60", "58.5", "57"],
    ]
    assert amounts(table_budget(rows)[0]) == (58.5, 57, None)
    unfilled = [rows[0], ["年度资金总额:", "0", "0", "0", "10", "0", "0"]]
    assert amounts(table_budget(unfilled)[0]) == (0, 0, None)


def test_a_label_cell_with_its_unit_and_its_value_on_the_next_line() -> None:
    text = "计划安排资金(万元) |\n700 |\n实际支出(万元) |\n6,9.0,1 |\n结余(元) |\n0 |\n"
    assert amounts(budget_in_text(text)) == (700, None, None)
    assert amounts(budget_in_text("预算金额(元) |\n250000 |\n")) == (25, None, None)
    # a note naming another unit (人民币元, 百万元) is no label's note to pass over: its figure is no 万元
    assert amounts(budget_in_text("全年预算数（人民币元）\n4680000\n"))[0] != 4680000


def test_an_allocating_verb_whose_total_follows_and_a_heading_run_into_the_text() -> None:
    """The heading number (二) ends the clause before it, which names a 公用经费 project, not a part."""
    text = "(一)概况本年项目为生均公用经费项目(二)资金情况按生均800元安排,共计96万元,其中上级资金80万元"
    assert amounts(budget_in_text(text)) == (96, None, None)


def test_a_budget_of_projects_is_a_budget() -> None:
    assert amounts(budget_in_text("我局本年预算项目12个，预算项目经费560.5万元，具体包括：")) == (560.5, None, None)


def test_a_score_keeps_its_number_when_a_word_follows_without_a_space() -> None:
    """A flattened form runs the next label into the score (95 项目实施单位 → 95项目…): 项 opens a word, no count."""
    assert score_in_text("填报日期:2022年 自评总分: 88项目实施单位 某县交通局") == 88
    assert score_in_text("自评总分(分)91.5部门联系人 张三") == 91.5
    assert score_in_text("自评得分12项") is None  # a count of items is no score


def test_a_column_letter_and_a_unit_caption_before_a_bare_amount() -> None:
    """全年预算数(A)300 under 资金情况(万元), or 预算数6.84 under a form's 金额单位:万元 a line above."""
    text = "资金情况(万元)年度资金总额全年预算数(A)120全年执行数(B)执行率(B/A)其中"
    assert amounts(budget_in_text(text)) == (120, None, None)
    form = "项目名称: 某津贴 金额单位:万元\n二、预算执行情况 资金到位情况\n预算数8.5到位数8.5执行数8.4 98.82\n"
    assert amounts(budget_in_text(form)) == (8.5, 8.4, None)
    assert amounts(budget_in_text("全年预算数(A)300人次")) == (None, None, None)  # no caption: not an amount
    assert amounts(budget_in_text("计划投资额\n(万元)\n450\n实际使用情况(万元)\n430.5\n")) == (450, 430.5, None)


def test_figures_in_a_list_of_projects_belong_to_the_projects() -> None:
    """A unit's report listing its projects (1、X项目:预算…) states no budget of its own in the list."""
    text = (
        "二、资金情况\n1、道路维修项目:全年预算20万元,全年实际支付20万元。共支出成本20万元,已实际支付20万元。"
        "2、绿化提升项目:全年预算30万元,全年实际支付28万元,使用率93%。"
    )
    assert amounts(budget_in_text(text)) == (None, None, None)
    assert amounts(budget_in_text(text, department=True)) == (None, None, None)
    single = "二、资金情况\n1、道路维修项目:全年预算20万元,全年实际支付20万元。"
    assert amounts(budget_in_text(single)) == (20, 20, None)  # one item is the report's own project
    assert budget_in_text("1、收入:92.2万元。\n2、支出:99.1万元。其中:人员经费支出43.8万元。").executed == 99.1


def test_an_allocated_amount_in_its_own_cell_keeps_the_verb_s_object_in_what_is_said() -> None:
    """下达结转资金 12 |: the object between the verb and a bare cell's amount says the amount is a carry-over."""
    assert [f.role for f in figures("项目资金(万元)：下达结转资金 12 |")] == []


def test_a_total_s_label_moved_into_the_header_and_amounts_in_yuan_from_the_row_above() -> None:
    """The first row under the header is the total; (元) stands in the row above; a % under 执行率 aligns the row."""
    rows = [
        ["项目名称", "某项目", "项目资金(元)"],
        ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "年度资金总额"],
        ["250000", "200000", "10", "100%", "10", "其中:当年财政拨款"],
        ["250000", "200000", "—"],
    ]
    assert amounts(table_budget(rows)[0]) == (25, 20, 100)


def test_a_count_in_an_allocated_object_is_not_its_amount() -> None:
    assert budget_in_text("文件下达某市第二人民医院公共卫生补助资金3.50万元。").planned == 3.5


def test_a_total_budget_in_prose() -> None:
    assert budget_in_text("项目资金总预算为120.5万元，其中甲支出20.5万元。").planned == 120.5


def test_a_later_statement_of_the_whole_budget_wins_over_one_source_s_allocation() -> None:
    text = (
        "一、资金下达情况\n中央向我市下达养老补助资金600万元，保障待遇发放。\n"
        + "各地按时发放待遇，群众满意。" * 20
        + "\n二、资金使用\n全市养老补助全年预算数1000万元，全年执行数950万元，预算执行率95%。"
    )
    assert amounts(budget_in_text(text)) == (1000, 950, 95)
    # with no whole budget told later, the allocation stays the budget
    assert budget_in_text("中央向我市下达养老补助资金600万元，保障待遇发放。").planned == 600


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("项目计划投资300万元，截止年底已完成拨付280万元，执行率93.33%。", (300, 280, 93.33)),
        ("该项目预算数为15.00万元，决算数为5.00万元。", (15, 5, None)),
        ("资金预算80万元，目前共支付资金60万元，支付率75%。", (80, 60, 75)),
        ("补助资金预算数3000万元。\n全市资金执行总量2900万元。", (3000, 2900, None)),
    ],
)
def test_more_words_for_a_budget_and_its_execution(text: str, expected: tuple) -> None:
    assert amounts(budget_in_text(text)) == expected


def test_a_rate_of_a_hundred_beside_the_budget_says_all_of_it_was_spent() -> None:
    assert amounts(budget_in_text("全年应执行数为7.5万元，实际执行率为100%。")) == (7.5, 7.5, 100)
    assert amounts(budget_in_text("资金预算80万元，支付率98%。")) == (80, None, 98)  # a rounded rate: no amount
    # a rate in another statement is another matter's
    text = "下达我单位资金1.5万元。\n" + "各项工作有序推进。" * 30 + "\n某补助资金全年拨付使用，预算执行率100%。"
    assert amounts(budget_in_text(text))[:2] == (1.5, None)


def test_a_label_s_note_in_a_header_is_no_value_of_the_header() -> None:
    """执行率(B/A×100%) holds a percentage, yet the row is the header and the row under it its values."""
    rows = [
        ["资金投入情况(万元)", "全年预算数(A)", "全年执行数(B)", "预算执行率(B/A×100%)"],
        ["年度资金总额:", "88.5万", "80万", "90.4%"],
        ["其中:中央财政资金", "50万", "50万", "100%"],
    ]
    assert amounts(table_budget(rows)[0]) == (88.5, 80, 90.4)


def test_an_amount_a_date_reader_takes_for_year_and_month_is_an_amount() -> None:
    """2030.12 under 全年预算数, 2024.05万元 after a label: money, not December 2030 or May 2024."""
    rows = [
        ["", "年初预算数", "全年预算数", "全年执行数", "执行率"],
        ["年度资金总额", "861.10", "2030.12", "2030.12", "100%"],
    ]
    assert amounts(table_budget(rows)[0]) == (2030.12, 2030.12, 100)
    assert amounts(budget_in_text("本年预算数2024.05万元，实际支出2019.5万元。")) == (2024.05, 2019.5, None)
    # a date after a label stays a date
    assert budget_in_text("预算执行至2023.12月底。").planned is None


def test_an_amount_written_without_its_unit_takes_the_unit_of_the_amount_before_it() -> None:
    text = "全年预算数5000.5万元，全区执行数4800.25(含中央资金3000万元)，执行率96%。"
    assert amounts(budget_in_text(text)) == (5000.5, 4800.25, 96)
    # alone, a bare number after a label is of no known unit
    assert budget_in_text("全区执行数4800.25(含中央资金)。").executed is None


def test_a_payment_with_its_object_executes_a_budget_told_before_it() -> None:
    text = "区财政安排资金700万元。\n该项目已拨付工程款650万元，尾款待验收后支付。"
    assert amounts(budget_in_text(text)) == (700, 650, None)
    # with no budget told before, the payment may be any part's
    assert budget_in_text("1.某村道路项目，目前项目资金已拨付270万元。").executed is None


def test_a_kind_of_funds_that_ends_with_a_label_is_no_label() -> None:
    """中央转移支付资金8353万元 is a source's share, not 支付资金 (money paid)."""
    text = "共投入某某补助经费预算10441万元。其中，中央转移支付资金8353万元，省级配套资金2088万元。"
    assert amounts(budget_in_text(text)) == (10441, None, None)


def test_a_later_statement_of_the_same_budget_paid_in_full_gives_the_execution() -> None:
    text = (
        "某某小组下达2022年某某资金100万元，主要用于产业发展。\n"
        + "项目按计划推进。" * 30
        + "\n资金预算100万元，支付率100%。"
    )
    assert amounts(budget_in_text(text)) == (100, 100, 100)
    # a different amount restated is another matter's
    other = text.replace("资金预算100万元", "资金预算60万元")
    assert budget_in_text(other).executed is None


def test_a_zero_budget_beside_money_spent_is_no_budget() -> None:
    """年初预算数 0 when the funds came during the year; with a rate of 100% the budget is what was spent."""
    rows = [["年初预算数", "全年执行数", "执行率"], ["0", "207.45", "100%"]]
    assert amounts(table_budget(rows)[0]) == (207.45, 207.45, 100)
    assert amounts(budget_in_text("年初预算数0万元，全年执行数50万元，执行率100%。")) == (50, 50, 100)
    # an unfilled form: zero budget, zero spent
    assert table_budget([["年初预算数", "全年执行数", "执行率"], ["0", "0", "0%"]])[0].planned == 0


def test_more_labels_of_a_budget() -> None:
    text = "部门年初预算1022.89万元，年中调整预算为1781.86万元，全年执行数1767.21万元。"
    assert amounts(budget_in_text(text)) == (1781.86, 1767.21, None)
    assert budget_in_text("共投入某经费预算300万元。").planned == 300


def test_a_budget_said_to_be_all_used_was_spent_in_full() -> None:
    text = (
        "2021年度，下达我县某某补助资金200万元，用于某中心建设。\n"
        "(一)资金投入。200万元某某补助资金严格按照规定全部用于了某中心建设。"
    )
    assert amounts(budget_in_text(text))[:2] == (200, 200)
    # another amount all used says nothing of the budget
    assert budget_in_text(text.replace("(一)资金投入。200万元", "(一)资金投入。其中50万元")).executed is None


def test_the_funds_received_in_all_are_the_budget_over_one_source_s_allocation() -> None:
    text = (
        "2023年收到中央下达某某补助资金1372.7万元，自治区下达98.6万元。\n"
        + "保障对象生活。" * 30
        + ("\n2023年收到财政资金共2330.9万元，其中:中央资金1372.7万元。")
    )
    assert budget_in_text(text).planned == 2330.9


def test_a_later_allocation_holding_the_first_as_its_part_is_the_whole_budget() -> None:
    text = (
        "某厅下达我县中央某某发展资金500万元。\n(二)省内资金安排情况。\n"
        "某某综合治理项目立项批复525.39万元，其中500万元为中央资金，其余为地方自筹。"
    )
    assert budget_in_text(text).planned == 525.39
    # a later allocation of which the first is no part: the first stays the budget
    assert budget_in_text(text.replace("其中500万元", "其中300万元")).planned == 500


def test_later_allocations_of_other_sources_do_not_replace_the_first() -> None:
    """中央下达X资金900万元 … 省级下达资金80万元: each level's share; the first, the one reported on, stays."""
    text = "一、中央\n我局共收到中央下达某某救助补助资金900万元。" + "此款资金主要用于城乡低保。" * 20
    text += "\n二、省级\n省级下达资金80万元。"
    assert budget_in_text(text).planned == 900
    assert budget_in_text(text.replace("省级下达资金80万元", "全年预算数1000万元")).planned == 1000


def test_a_kind_of_funds_may_close_a_budget_label() -> None:
    assert budget_in_text("2024年度某某补助地方预算资金转移支付共520.5万元。").planned == 520.5


def test_a_budget_written_in_yuan_too_small_for_any_is_read_in_wan_yuan() -> None:
    """预算100元，执行33.78元: no project costs so little; the writer meant 万元 (flagged UNIT_ERROR)."""
    text = "全年预算数100元,全年执行数33.78元,执行率为33.78%"
    assert amounts(budget_in_text(text)) == (100, 33.78, 33.78)
    # an amount of 元 a budget may well be stays as written
    assert amounts(budget_in_text("全年预算数86000元,全年执行数86000元。")) == (8.6, 8.6, None)


def test_the_amount_actually_allocated_after_a_cut_is_the_budget() -> None:
    """下达111万元，调减40万元，全年实际下达71万元: the budget is what actually came."""
    text = "某某救助资金下达我区111万元,调减40万元,全年实际下达71万元,已全额划转至各街道。"
    assert budget_in_text(text).planned == 71


def test_a_fund_named_with_its_amount_is_the_budget_of_a_text_that_labels_none() -> None:
    text = "2024年中央、省、市财政衔接推进乡村振兴补助资金1749万元,全部在规定时间内拨付。"
    assert budget_in_text(text).planned == 1749
    spent = "将剩余的清算资金120万元分配到位,2023年度12类基本公共卫生服务资金3728万元全部执行到位。"
    assert amounts(budget_in_text(spent))[:2] == (3728, 3728)
    assert budget_in_text("统筹整合使用财政涉农资金303万元,其中项目管理费3万元。").planned is None  # a kind of money
    assert budget_in_text("甲局部门整体支出中,某某乡村振兴补助资金500万元。", True).planned is None


def test_funds_arrived_and_paid_out_to_the_people_helped_are_the_budget_and_its_execution() -> None:
    text = "2.资金到位。到位资金14280元。\n3.资金使用。已兑现困难群众基本生活救助资金14280元。"
    assert amounts(budget_in_text(text))[:2] == (1.428, 1.428)


def test_a_fund_named_with_its_amount_starts_after_the_words_of_when_and_whose() -> None:
    assert budget_in_text("今年全县财政资金1749万元。").planned is None  # a kind of money
    assert budget_in_text("本年度涉农资金共1200万元。").planned is None
    text = "2023年我县获得上级乡村振兴补助资金1749万元。"
    figure = _fund_amount(text)
    assert figure is not None and figure.value == 1749 and budget_in_text(text).planned == 1749
    assert text[figure.start : figure.end] == "乡村振兴补助资金1749万元"


def test_a_budget_header_with_an_empty_cell_the_values_row_lacks() -> None:
    rows = [["资金情况(万元)", "", "年初预算资金总额:", "实际投入资金额", "产生差异的原因"], ["合计", "236", "236", ""]]
    assert amounts(table_budget(rows)[0])[:2] == (236, 236)


def test_a_weak_score_beside_an_execution_rate_scores_the_spending() -> None:
    assert score_in_text("2019年实际使用资金11万元，执行率为100%，得分10分。") is None
    assert score_in_text("经综合评价，得分92分。") == 92


def test_a_fund_named_in_quotes_with_its_amount_is_the_budget() -> None:
    text = "评价组对2020年度州本级“某某三级防控和‘两癌’免费检查”项目资金834万元进行绩效评价。"
    assert amounts(budget_in_text(text)) == (834, None, None)


def test_spending_costs_are_executed() -> None:
    assert budget_in_text("项目支出费用20.42万元，支付率68.07%。").executed == 20.42


def test_project_funds_and_what_was_paid_are_the_budget_but_a_listed_part_is_not() -> None:
    assert amounts(budget_in_text("2024年项目资金为14.97万元,实际已支付14.97万元,支付率为100%。")) == (
        14.97,
        14.97,
        100,
    )
    assert budget_in_text("预算数:2021年,包含补助18个重点项目资金774万元、补助培训资金240万元。").planned is None


def test_the_amount_an_execution_rate_was_reckoned_against_is_the_budget() -> None:
    text = "某局2024年度收入合计9570171.39元,支出合计7686456.33元,执行率为80.32%,其中基本支出5967100.39元。"
    assert amounts(budget_in_text(text, department=True)) == (957.017139, 768.645633, 80.32)
    assert budget_in_text("支出合计768万元,执行率为80.32%,另有结余200万元。").planned is None


def test_a_run_together_budget_header_over_the_year_s_fiscal_total() -> None:
    text = "预算执行情况(万元)\n预算数(A)执行数(B)执行率(B/A)\n年度财政资金总额1500 0.00 0.0000\n"
    assert amounts(budget_in_text(text))[:2] == (1500, 0)


def test_project_funds_are_the_budget_only_when_nothing_else_names_them() -> None:
    text = "共下达资金2272万元,其中:中央资金1753万元;用于直发直补资金609.22万元、切块项目资金1524万元。"
    assert budget_in_text(text).planned == 2272


def test_a_budget_header_with_a_weight_column_named_in_full() -> None:
    text = "资金来源 年初预算数 全年预算数 全年执行数 分值权重 执行率 得分\n年度资金总额 5.28 1.96 1.96 10 100.00% 10\n"
    assert amounts(budget_in_text(text)) == (1.96, 1.96, 100)


def test_a_project_s_total_investment_is_its_budget() -> None:
    assert amounts(budget_in_text("实施某通组道路工程，项目总投资19万元，据实拨付。")) == (19, None, None)


def test_what_a_project_paid_in_all_is_its_spending() -> None:
    assert amounts(budget_in_text("项目实际收到资金495万元。项目共支付470.37万元，支付率为95.02%。"))[:2] == (
        495,
        470.37,
    )


def test_an_amount_spent_beyond_the_budget_is_no_budget() -> None:
    assert amounts(budget_in_text("发放市级承担基础养老金1045.28万元，超出预算金额99.56万元。"))[0] is None


def test_the_budget_issued_and_the_final_accounts_spending_are_the_budget() -> None:
    text = "2023年预算安排300万元，财政下达预算指标280万元，决算支出260万元，其中：基本支出60万元、项目支出200万元。"
    budget = budget_in_text(text, department=True)
    assert (budget.planned, budget.executed) == (280, 260)


def test_a_part_s_word_that_names_the_project_does_not_make_its_budget_a_part() -> None:
    named = "某区2022年度福利机构运行及人员经费(集中供养)项目预算合计为423.38万元(其中:自治区169.35万元)。"
    assert budget_in_text(named).planned == 423.38
    assert budget_in_text("其中人员经费预算为20万元。").planned is None


def test_a_score_another_body_gave_is_no_self_score() -> None:
    assert score_in_text("2024年某项目绩效再评价得分88.53分，评价等级为良。") is None
    assert score_in_text("某项目绩效自评得分88.53分。") == 88.53
    assert score_in_text("按照第三方评价的指标体系自评得分92分。") == 92  # a method named, the score its own


def test_a_values_row_missing_the_header_s_caption_cell_is_read_under_its_labels() -> None:
    rows = [
        [
            "部门(单位)总体资金(万元)",
            "资金来源",
            "年初预算数(A)",
            "全年执行数(B)",
            "分值(10分)",
            "得分",
            "得分计算方法",
        ],
        ["年度资金总额:", "1172.55", "1268.72", "10", "10", "执行率*该指标分值"],
    ]
    budget, _, _ = table_budget(rows)
    assert (budget.planned, budget.executed) == (1172.55, 1268.72)


def test_an_amount_ends_a_clause_whose_comma_the_page_lost() -> None:
    text = "2023年收到财政资金共222.91万元,其中:中央资金30.4万元,其他资金133.51万元2023年支出154.84万元。"
    assert amounts(budget_in_text(text))[:2] == (222.91, 154.84)
    assert budget_in_text("项目资金100万元,基本支出20万元。").executed is None


def test_a_header_without_its_label_column_over_labelled_rows_and_amounts_set_out_in_yuan() -> None:
    """年初预算数 | … over 年度总金额 | 3,724,055.00 | …: the row's label stands where the header has none; amounts in
    thousands to the fen are 元, whatever the header leaves unsaid."""
    rows = [
        ["年初预算数", "全年(调整)预算数", "全年执行数", "执行率", "执行率权重", "执行率得分"],
        ["年度总金额", "3,724,055.00", "4,764,453.11", "4,614,453.11"],
        ["其中:财政拨款", "3,724,055.00", "4,764,453.11", "4,614,453.11", "96.85", "10.00", "9.68"],
    ]
    assert amounts(table_budget(rows)[0]) == (476.445311, 461.445311, None)  # the total row states no rate
    assert amounts(table_budget([rows[0], ["合计", "120", "125", "125", "100%"]])[0]) == (125, 125, 100)


def test_amounts_grouped_by_thousands_keep_the_unit_their_header_states() -> None:
    rows = [
        ["项目资金(万元)", "全年预算数", "全年执行数", "执行率"],
        ["年度资金总额", "1,520,345.67", "1,500,000.00", "98.66%"],
    ]
    assert amounts(table_budget(rows)[0]) == (1520345.67, 1500000.0, 98.66)


def test_a_list_of_projects_closing_their_names_with_a_full_stop_holds_their_own_budgets() -> None:
    """下达X资金4.54亿元 … (一)甲项目。安排资金7000万元 …: the items' amounts are theirs, not the whole's."""
    text = (
        "2020年,自治州下达某市某某国债资金4.54亿元,涉及4个部门单位。\n2.绩效目标设定情况\n"
        "(一)某市南城区中水调节池工程项目。安排资金7000万元,主要用于新建调节池。\n"
        "(二)某市排涝管渠建设项目。安排资金5000万元,主要用于建设排水管网。\n"
    )
    assert amounts(budget_in_text(text)) == (45400, None, None)
    # a numbered sentence closing on 项目。 without a budget's label after it is no project's item
    told = "(一)本年度共实施衔接项目。预算资金100万元,实际支出90万元,执行率90%。(二)项目按期完成。(三)推进后续项目。"
    assert amounts(budget_in_text(told)) == (100, 90, 90)


def test_an_execution_formed_or_carried_out_with_its_object_is_the_amount_spent() -> None:
    spent = "资金全部拨付到位,资金到位率100%。实际形成支出14474.11553万元,支出率97.43%。"
    assert amounts(budget_in_text("共投入某某补助经费预算14856.17万元。" + spent))[:2] == (14856.17, 14474.11553)
    carried_out = "2021年全年预算9799.2万元。实际执行飞行经费9109.54万元,项目执行率92.96%。"
    assert amounts(budget_in_text(carried_out)) == (9799.2, 9109.54, 92.96)


def test_the_rate_tells_which_budget_the_execution_was_reckoned_against() -> None:
    """安排资金7814万元 … 预算经费共计9799.2万元 … 执行9109.54万元，执行率92.96%: 9109.54 / 9799.2 = 92.96%."""
    text = (
        "共安排某某救灾资金7814万元,专项用于保障租机工作。\n(1)项目资金到位情况。2021年预算飞行经费共计9799.2万元,"
        "其中中央补助资金7814万元。\n(2)项目资金执行情况。实际执行飞行经费9109.54万元,结余689.66万元。项目执行率92.96%。"
    )
    assert amounts(budget_in_text(text)) == (9799.2, 9109.54, 92.96)


def test_a_total_that_its_parts_add_up_to_is_the_budget() -> None:
    """省级拨付甲资金62万元,中央拨付16万元,上年度结余6.47万元,共计84.47万元: the total, not its first part."""
    text = "2023年度省级拨付我区农机购置补贴资金62万元,中央拨付16万元.上年度结余的资金6.47万元,共计84.47万元。"
    assert budget_in_text(text).planned == 84.47
    # a total its parts do not add up to is another matter's; the sum of two years' budgets is no year's budget
    assert budget_in_text(text.replace("共计84.47", "共计90")).planned == 62
    assert budget_in_text("2023年预算资金30万元,2024年预算资金20万元,两年共计50万元。").planned == 30


def test_a_total_with_its_label_after_batches_broken_down_in_brackets() -> None:
    """一批…批复总投资30万元(其中工程28万元),二批…20万元(…),合计批复总投资50万元(…): the total is the budget;
    the brackets break each batch down and are no parts of it."""
    text = (
        "该项目分两批实施,一批项目批复总投资30万元(其中建筑工程28万元),二批项目批复投资20万元(其中建筑工程19万元),"
        "合计批复总投资50万元(其中建筑工程47万元)。"
    )
    assert budget_in_text(text).planned == 50
    # a total in brackets breaks nothing down: it is the total
    assert budget_in_text("下达省级资金30万元、县级资金20万元（共计50万元）。").planned == 50


def test_a_form_run_together_with_each_label_s_unit_after_it() -> None:
    """计划投资额(万元)110.00实际到位资金(万元)84.74实际使用情况(万元)84.74: each amount is its label's."""
    text = "项目类型经常性项目计划投资额(万元)110.00实际到位资金(万元)84.74实际使用情况(万元)84.74其中:中央财政"
    assert amounts(budget_in_text(text))[:2] == (110, 84.74)


def test_the_spending_a_budget_s_final_account_states() -> None:
    assert budget_in_text("我单位2017年项目支出决算为150万元,其中:房屋建筑物支出66.2万元。").executed == 150


def test_a_payment_after_a_fund_s_amount_is_its_execution() -> None:
    """某某补贴资金62万元 … 实际使用补贴资金13.6万元: the use of the fund told before, its object between."""
    text = "2023年度省级拨付我区农机购置补贴资金62万元。\n项目资金执行情况分析\n2023年实际使用补贴资金13.6万元。"
    assert amounts(budget_in_text(text))[:2] == (62, 13.6)


def test_an_allocation_s_total_in_the_clause_after_its_object() -> None:
    """中央下达我省3批X资金(水利部分),共计6800万元: the verb's object counts batches, the next clause totals them."""
    text = "2022年,中央下达我省3批中央农业生产和水利救灾资金(水利部分),共计6800万元。省财政厅分3批分解下达到相关市县。"
    assert budget_in_text(text).planned == 6800


def test_a_fund_s_amount_told_before_its_spending_is_the_budget() -> None:
    """2023年,某市某某补助资金55.4万元,其中… ⏎ 支出55.4万元: the fund's amount, though only the spending is labelled."""
    text = "2023年,某市中央药品监管补助资金55.4万元,其中,拨付市局8.4万元。\n专项资金纳入预算。支出55.4万元,无结余。"
    assert amounts(budget_in_text(text))[:2] == (55.4, 55.4)


def test_a_thousands_separator_ends_no_clause_of_an_allocation() -> None:
    assert budget_in_text("2022年度安排专项资金23,834万元,支持项目数量为709个。").planned == 23834


def test_a_fund_s_size_is_its_budget() -> None:
    text = "中央核定我省粮食风险基金规模为36121.00万元(不含粮食直补),其中:中央补助15150.00万元,地方自筹20971.00万元。"
    assert budget_in_text(text).planned == 36121


def test_a_bare_spending_after_the_projects_name_is_its_execution() -> None:
    text = "1、资金计划。某村建设项目预算资金13.97万元并且全部到位。2、资金使用。截至9月底,某村改厕项目支出13.97万元。"
    assert (budget_in_text(text).planned, budget_in_text(text).executed) == (13.97, 13.97)
    # a kind of spending (部门预算项目支出) is a part of a department's spending, no project's
    kind = "项目资金总预算为2455.5万元。2021年部门预算项目支出87.5万元,分别是甲经费5万元。"
    assert budget_in_text(kind).executed is None


def test_an_amount_that_arrived_is_the_years_budget_over_the_total_investment() -> None:
    text = "项目立项总投资约5.884亿元,中标合同价4.97亿元。2022年专项债1.22亿元已到位,并已支付。"
    assert budget_in_text(text) == Budget(12200.0, 12200.0, None)
    # a part's arrival (其中…) is no budget
    assert budget_in_text("项目总投资500万元,其中中央资金300万元已到位。").planned == 500


def test_a_departments_whole_spending_told_with_a_bare_label() -> None:
    text = "2020年部门整体支出共5426.6万元,其中纳入绩效目标管理的专项项目共13个。"
    assert budget_in_text(text, department=True).executed == 5426.6


def test_an_arrival_is_no_budget_beside_a_stated_one_nor_when_one_source_or_progress_so_far() -> None:
    assert budget_in_text("2023年安排预算资金200万元，上级补助资金120万元已到位。").planned == 200
    assert budget_in_text("项目总投资500万元，中央资金300万元已到位。").planned == 500
    assert budget_in_text("项目年度预算200万元，截至12月底资金150万元已到位。").planned != 150
    # paid in part is no execution
    assert budget_in_text("2023年专项债1.22亿元已到位,并已支付首期工程款3000万元。").executed is None
    assert budget_in_text("项目总投资100万元。项目预算100万元已下达，并已支付部分工程款。").executed is None


def test_an_arrival_and_a_bare_projects_spending_stay_fast_and_exact_on_long_digit_runs() -> None:
    start = time.perf_counter()
    budget_in_text("项目预算" + "1" * 20000 + "万元已到位")
    assert time.perf_counter() - start < 2.0
    # 项目 alone names no project in a sentence listing parts (其中基本支出…，项目支出…), the project in one of its own
    assert budget_in_text("2023年预算资金共计500万元，其中基本支出300万元，项目支出200万元。").executed is None
    assert budget_in_text("项目预算总额500万元。截至2020年5月底,项目支出220.5万元。").executed == 220.5


def test_the_number_of_a_lists_first_item_after_a_label_is_no_amount() -> None:
    assert amounts(budget_in_text("该项目预算100万元。\n项目资金使用情况：1、购置设备30万元；2、培训20万元。")) == (
        100,
        None,
        None,
    )


def test_a_projects_whole_cost_gives_way_to_the_budget_stated() -> None:
    """指标1:某村日间照料中心…总投资216.42万元 … 申报预算资金173万元: the cost of one of the works built, not the
    year's budget; a form's 计划投资额 stays the budget (test above)."""
    text = (
        "指标1:某村日间照料中心项目,建筑面积750平方米,总投资216.42万元。\n指标2:某村日间照料中心项目,总投资203.71万元。\n"
        "二、项目资金管理情况\n申报预算资金173万元,已完成批复。"
    )
    assert budget_in_text(text).planned == 173
    assert budget_in_text("某村日间照料中心项目总投资216.42万元。").planned == 216.42
    # one source's share is no year's budget to give way to
    assert amounts(budget_in_text("项目总投资500万元，下达中央资金300万元，实际完成投资480万元。"))[:2] == (500, 480)


def test_what_was_executed_or_paid_out_in_prose_is_the_spending() -> None:
    """已执行, 实际支付 or 完成发放 with its object, and a bare 支付 alone in its clause, tell what was spent."""
    assert budget_in_text("下达资金6800万元。目前，资金已执行4132.8万元，执行率60.78%。").executed == 4132.8
    text = "2022年度收到项目预算资金64.246万元，实际支付项目预算资金63.751万元。"
    assert amounts(budget_in_text(text)) == (64.246, 63.751, None)
    assert budget_in_text("年初预算资金80万元。全年共完成发放补助资金71.8万元。").executed == 71.8
    assert amounts(budget_in_text("2017年，财政预算项目资金16万元，支付16万元。")) == (16, 16, None)


def test_the_change_that_brings_a_budget_to_its_full_amount_leaves_it_the_budget() -> None:
    text = "年初预算数2318.42万元，年中追加调整后全年预算数3046.75万元。全年实际支出2912.30万元。"
    assert amounts(budget_in_text(text))[:2] == (3046.75, 2912.3)
    # a change alone is no budget
    assert amounts(budget_in_text("年初预算100万元，年中追加预算20万元，全年支出110万元。"))[:2] == (100.0, 110.0)


def test_a_note_in_the_budget_header_s_last_cell_states_no_figure_of_the_block() -> None:
    """说明：年中追加应急抢修资金260,000.00元。 written into the header row: still the header of the figures below."""
    rows = [
        [
            "项目资金(元)",
            "",
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "执行率",
            "说明：年中追加应急抢修资金260,000.00元。",
        ],
        ["", "年度资金总额", "2,600,000.00", "2,860,000.00", "2,745,600.00", "96.00%", ""],
    ]
    assert amounts(table_budget(rows)[0]) == (286, 274.56, 96)


def test_a_total_row_labelled_with_what_it_totals_is_the_budget() -> None:
    """部门整体支出合计 over 基本支出 and 项目支出: the row whose label ends in 合计 is the whole."""
    rows = [
        ["年度预算执行情况(万元)", "资金类别", "年初预算数", "全年预算数", "全年执行数", "执行率"],
        ["", "部门整体支出合计", "6,012.40", "6,862.01", "6,521.31", "95.03%"],
        ["", "基本支出", "3,862.40", "4,015.26", "4,008.93", "99.84%"],
        ["", "项目支出", "2,150.00", "2,846.75", "2,512.38", "88.25%"],
    ]
    assert amounts(table_budget(rows)[0]) == (6862.01, 6521.31, 95.03)
