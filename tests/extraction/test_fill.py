"""Filling an evaluation from its tables and prose: the 年度总体目标 as a record whose passages slice the text."""

from __future__ import annotations

from pathlib import Path

from conftest import write

import nlp
from nlp.text.document import Goal

FORM = """某某项目2023年度绩效自评表
| 项目名称 | 乡村道路养护 |
| 年度总体目标 | 预期目标 | 实际完成情况 |
| | 完成道路养护120公里 | 完成道路养护126公里 |
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |
| 产出指标 | 数量指标 | 养护里程 | ≥120公里 | 126公里 |
"""


def test_a_forms_overall_goal_is_a_record_of_passages_in_the_text(tmp_path: Path) -> None:
    analysis = nlp.analyze(write(tmp_path, "form.md", FORM))
    (goal,) = [e.goal for e in analysis.evaluations]
    assert isinstance(goal, Goal)
    assert (goal.expected.text, goal.actual.text) == ("完成道路养护120公里", "完成道路养护126公里")
    text = analysis.ingested.text
    assert all(text[p.start : p.end] == p.text for p in (goal.expected, goal.actual))
    actual = goal.to_dict()["actual"]
    assert actual == {"text": "完成道路养护126公里", "start": goal.actual.start, "end": goal.actual.end}


def test_a_table_scoring_part_of_the_marks_leaves_the_claimed_score_to_the_report(tmp_path: Path) -> None:
    def claimed(conclusion: str, total: str, weight: int = 40) -> float | None:
        text = (
            "某中心2023年度部门整体支出绩效自评报告\n一、自评结论\n" + conclusion + "\n二、自评表\n"
            "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
            "| 产出指标 | 数量指标 | 培训人次 | ≥100人次 | 98人次 | 50 | 48 |\n"
            f"| 效益指标 | 社会效益指标 | 就业率 | ≥60% | 63% | {weight} | 39.3 |\n" + total
        )
        return nlp.analyze(write(tmp_path, "r.txt", text)).evaluations[0].claimed_score

    # rows weighing 90 beside the budget's 10 points: the report's whole score
    assert claimed("经综合评定，自评得分97.22分。", "| 合计 | 90 | 87.3 |\n") == 97.22
    # rows weighing the whole marks: the table's total is the score
    assert claimed("经综合评定，自评得分97.22分。", "| 合计 | 100 | 87.3 |\n", weight=50) == 87.3


def test_prose_restating_a_table_row_is_no_second_indicator(tmp_path: Path) -> None:
    def names(table: str) -> list[tuple[str, str]]:
        text = (
            "某县高原蔬菜大棚补助项目绩效自评报告\n一、绩效目标完成情况\n"
            "1.数量指标：新建蔬菜大棚，年度目标60座，实际完成58座。\n"
            "2.质量指标：农技培训人次，年度目标200人次，实际完成215人次。\n"
            "二、自评表\n| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n" + table
        )
        analysis = nlp.analyze(write(tmp_path, "r.txt", text))
        return [(i.source, i.name) for i in analysis.evaluations[0].indicators]

    # the row states the indicator (≥60座 | 58座): the prose line of the same name is the row's; another item's is kept
    assert names("| 产出指标 | 数量指标 | 新建蔬菜大棚数量 | ≥60座 | 58座 | 30 | 29 |\n") == [
        ("table", "新建蔬菜大棚数量"),
        ("narrative", "农技培训人次"),
    ]
    # a 评分表's row states a criterion, no result: the prose's figures are an indicator of their own
    assert names("| 产出指标 | 数量指标 | 新建蔬菜大棚成效 | 未完成按比例扣分 | | 30 | 29 |\n") == [
        ("table", "新建蔬菜大棚成效"),
        ("narrative", "新建蔬菜大棚"),
        ("narrative", "农技培训人次"),
    ]


def test_a_goals_list_restating_the_tables_rows_is_no_second_set_of_indicators(tmp_path: Path) -> None:
    """项目年度绩效目标为：… a list of the rows' targets, no dimension named: each item naming a row is that row's."""
    text = (
        "某县农村生活污水治理项目绩效自评报告\n一、项目绩效目标\n"
        "项目年度绩效目标为：新建村庄污水收集管网不少于40公里，全县农村生活污水治理率提高到45%以上。\n"
        "二、自评表\n| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
        "| 产出指标 | 数量指标 | 新建污水收集管网长度 | ≥40公里 | 39.2公里 | 8 | 7.8 |\n"
        "| 效益指标 | 社会效益指标 | 农村生活污水治理率 | ≥45% | 46.1% | 8 | 8 |\n"
    )
    found = nlp.analyze(write(tmp_path, "r.txt", text)).evaluations[0].indicators
    assert [(i.source, i.name) for i in found] == [("table", "新建污水收集管网长度"), ("table", "农村生活污水治理率")]


TASKS = """某县水务局2024年度部门整体支出绩效自评报告
一、部门基本情况
| 序号 | 年度主要任务 | 主要内容 | 预算数（万元） | 执行数（万元） |
|---|---|---|---|---|
| 1 | 农村供水保障 | 改造供水管网 | 1,186.40 | 1,120.62 |
| 2 | 水土保持治理 | 坡耕地治理 | 412.85 | 385.30 |
| | 合计 | | 1,599.25 | 1,505.92 |
"""
WHOLE = "二、部门资金收支情况\n全年预算数3,128.45万元，其中项目支出1,599.25万元。全年执行数2,987.62万元。\n"


def test_a_departments_task_list_total_gives_way_to_the_whole_budget_its_text_states(tmp_path: Path) -> None:
    """年度主要任务 | … | 预算数 | 执行数 and its 合计 are the tasks' money: the unit's budget is the text's whole."""
    (stated,) = nlp.analyze(write(tmp_path, "a.md", TASKS + WHOLE)).evaluations
    assert (stated.budget.planned, stated.budget.executed) == (3128.45, 2987.62)
    (only_tasks,) = nlp.analyze(write(tmp_path, "b.md", TASKS)).evaluations
    assert (only_tasks.budget.planned, only_tasks.budget.executed) == (1599.25, 1505.92)


def test_a_task_list_before_the_forms_budget_block_leaves_the_budget_to_the_block(tmp_path: Path) -> None:
    """年度主要任务 rows without money, then 年度部门整体支出预算 | 年初预算数 | …: the block's figures."""
    form = (
        "某县水务局2024年度部门整体支出绩效自评报告\n本年度争取上级资金预算850万元，主要用于农村供水保障。\n"
        "| 部门（单位）名称 | 某县水务局 | | | |\n|---|---|---|---|---|\n"
        "| 年度主要任务 | 任务名称 | 主要内容 | | |\n| | 农村供水保障 | 改造供水管网 | | |\n"
        "| 年度部门整体支出预算（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |\n"
        "| | 3000 | 3128.45 | 2987.62 | 95.5% |\n"
    )
    (evaluation,) = nlp.analyze(write(tmp_path, "c.md", form)).evaluations
    assert (evaluation.budget.planned, evaluation.budget.executed) == (3128.45, 2987.62)
