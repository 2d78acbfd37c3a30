"""Tables listing several projects' self-evaluation results, one row each (written rows)."""

from __future__ import annotations

import time
from pathlib import Path

import nlp
from nlp.reading.ingest import ingest_bytes
from nlp.structure.result_lists import results_lists

LIST = (
    "某县住建局2024年度专项债券项目资金绩效评价情况表\n"
    "序号 | 主管部门 | 项目名称 | 发行金额(亿元) | 评价得分 | 评价结果 | 备注 |\n"
    "1 | 某县住建局 | 某县污水处理设施建设工程 | 0.4 | 87 | 良 | 财政部门重点评价 |\n"
    "2 | 某县住建局 | 某县溪流水质提升工程 | 1.36 | 91 | 优 | 项目单位自评 |\n"
    "3 | 某县住建局 | 某县老旧小区改造项目 | 0.1 | 94 | 优 | 项目单位自评 |\n"
)


def test_each_self_evaluated_row_is_a_result_with_its_score() -> None:
    results = results_lists(ingest_bytes(LIST.encode("utf-8"), "list.txt"))
    assert [(r.name, r.score) for r in results] == [("某县溪流水质提升工程", 91), ("某县老旧小区改造项目", 94)]
    assert all(LIST.find(r.name) >= 0 for r in results)


def test_a_table_without_a_score_column_is_no_list_and_one_row_is_one() -> None:
    no_score = LIST.replace("评价得分", "评价等级")
    assert results_lists(ingest_bytes(no_score.encode("utf-8"), "list.txt")) == []
    one_row = "\n".join(LIST.splitlines()[:2] + LIST.splitlines()[3:4]) + "\n"
    assert [r.name for r in results_lists(ingest_bytes(one_row.encode("utf-8"), "list.txt"))] == [
        "某县溪流水质提升工程"
    ]


def test_the_rows_become_the_document_s_project_evaluations(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("现将某县住建局2024年度专项债券项目资金绩效评价情况公示如下:\n" + LIST, encoding="utf-8")
    evaluations = nlp.analyze(path).evaluations
    assert [(e.id, e.kind, e.name, e.claimed_score) for e in evaluations] == [
        ("e1", "project", "某县溪流水质提升工程", 91),
        ("e2", "project", "某县老旧小区改造项目", 94),
    ]
    text = nlp.analyze(path).ingested.text
    assert all(e.name in text[e.start : e.end] for e in evaluations)


def test_a_header_with_a_bracket_inside_its_word_names_the_column() -> None:
    text = LIST.replace("| 项目名称 |", "| 专项(项目)名称 |")
    assert len(results_lists(ingest_bytes(text.encode("utf-8"), "list.txt"))) == 2


def test_a_list_one_cell_per_line_with_grades_gives_each_project(tmp_path: Path) -> None:
    cells = ["项目名称", "债券性质", "已发债券规模", "自评分数", "自评等级"]
    cells += ["某医院院区工程", "专项债券", "0.2", "96.5", "优", "某医院建设工程", "专项债券", "1.0", "92"]
    path = tmp_path / "list.txt"
    path.write_text("\n\n".join(["某局专项债券项目绩效评价表", *cells]) + "\n", encoding="utf-8")
    assert [(e.name, e.claimed_score) for e in nlp.analyze(path).evaluations] == [
        ("某医院院区工程", 96.5),
        ("某医院建设工程", 92),
    ]


def test_a_table_of_projects_scored_only_for_their_spending_is_no_results_list() -> None:
    text = "项目名称 | 预算数 | 执行数 | 得分 |\n甲项目 | 10 | 9 | 9 |\n乙项目 | 20 | 20 | 10 |\n"
    assert results_lists(ingest_bytes(text.encode("utf-8"), "spending.txt")) == []


SPACED = (
    "某局2024年度项目绩效自评结果汇总表\n"
    "单位:万元\n"
    "序号 项目名称 实施单位 预算数(调整后) 执行数 结余数 自评得分 自评结果应用意见\n"
    "中央 省级 县级\n"
    "1 某某补助资金 某局      40.5 40.5 0   100  \n"
    "2 某某工作经费 某局   12     9 3   88  \n"
    " \n"
    "附件2\n"
)


def test_a_list_whose_cells_are_spaced_gives_each_row_with_its_budget(tmp_path: Path) -> None:
    path = tmp_path / "spaced.txt"
    path.write_text(SPACED, encoding="utf-8")
    evaluations = nlp.analyze(path).evaluations
    assert [(e.name, e.claimed_score, e.budget.planned, e.budget.executed) for e in evaluations] == [
        ("某某补助资金", 100, 40.5, 40.5),
        ("某某工作经费", 88, 12, 9),
    ]


def test_a_numbered_list_one_cell_per_line_keeps_rows_whose_last_cells_are_words() -> None:
    cells = ["序号", "主管部门", "项目单位", "项目名称", "发行金额(亿元)", "评价得分", "评价结果", "备注"]
    cells += ["1", "某县政府", "某甲公司", "某园区道路工程", "0.7", "92", "项目单位自评"]
    cells += ["2", "某县政府", "某乙公司", "某产业园工程", "0.1", "83", "主管部门委托第三方评价"]
    text = "\n\n".join(["某县专项债券项目资金绩效评价情况表", *cells]) + "\n"
    results = results_lists(ingest_bytes(text.encode("utf-8"), "list.txt"))
    assert [(r.name, r.score) for r in results] == [("某园区道路工程", 92)]


def test_a_spaced_list_keeps_its_rows_in_place_and_ends_at_prose(tmp_path: Path) -> None:
    text = (
        "序号 项目名称 实施单位 预算数 执行数 自评得分\n1 甲项目 某局 100 95 92\n2 乙项目 某局 80 78 88\n"
        "合计 180 173 90\n下一步 加强管理 提高 效益 10\n"
    )
    path = tmp_path / "spaced.txt"
    path.write_text(text, encoding="utf-8")
    analysis = nlp.analyze(path)
    assert [(e.name, e.claimed_score) for e in analysis.evaluations] == [("甲项目", 92), ("乙项目", 88)]
    assert "下一步" in analysis.ingested.text and "合计" in analysis.ingested.text


def test_a_numbered_list_s_zero_padded_numbers_open_its_rows() -> None:
    cells = ["序号", "项目名称", "自评得分", "备注", "01", "甲项目", "90", "自评", "02", "乙项目", "95"]
    text = "\n\n".join(["某局项目自评结果表", *cells]) + "\n"
    assert [(r.name, r.score) for r in results_lists(ingest_bytes(text.encode("utf-8"), "list.txt"))] == [
        ("甲项目", 90),
        ("乙项目", 95),
    ]


def test_a_long_run_of_header_like_lines_is_read_in_bounded_time() -> None:
    text = "\n".join(["序号 项目名称 自评得分", "甲乙 丙丁"] * 1100)
    started = time.perf_counter()
    ingest_bytes(text.encode("utf-8"), "hostile.txt")
    assert time.perf_counter() - started < 3


def test_a_form_s_labels_with_their_colons_head_no_list() -> None:
    """项目名称: | X | 自评总分: | 99.68: a form's labels, each with its value, not a list's columns."""
    form = (
        "某县某协会2024年度部门整体绩效自评表\n"
        "项目名称: | 某县某协会整体监控 | 项目编码: | 500233 | 自评总分: | 99.68 |\n"
        "年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 执行率权重 | 执行率得分 |\n"
        "其中:财政拨款 | 372 | 476 | 461 | 96.85 | 10.00 | 9.68 |\n"
        "一般公共预算 | 372 | 476 | 461 | 96.85 | 10.00 | 9.68 |\n"
    )
    assert results_lists(ingest_bytes(form.encode("utf-8"), "form.txt")) == []


def test_a_list_grading_its_rows_without_scores_gives_each_graded_project(tmp_path: Path) -> None:
    graded = LIST.replace(" 评价得分 |", "").replace(" 87 |", "").replace(" 91 |", "").replace(" 94 |", "")
    results = results_lists(ingest_bytes(graded.encode("utf-8"), "list.txt"))
    assert [(r.name, r.score) for r in results] == [("某县溪流水质提升工程", None), ("某县老旧小区改造项目", None)]
    cells = (
        "某县2022年度专项债券项目资金绩效评价情况表\n序号\n项目单位\n项目名称\n发行金额(亿元)\n评价结果\n备注\n"
        "1\n某县教育中心\n某县第二中学迁建工程\n1.9\n优\n"
    )
    path = tmp_path / "cells.txt"
    path.write_text(cells, encoding="utf-8")
    assert [(e.kind, e.name, e.claimed_score) for e in nlp.analyze(path).evaluations] == [
        ("project", "某县第二中学迁建工程", None)
    ]


def test_a_listed_project_with_a_report_of_its_own_is_one_evaluation(tmp_path) -> None:
    """A notice's list, then 附: one project's report: the report is that row's evaluation. A row whose name is only
    held in the report's (农村公路养护 beside 农村公路养护及安防工程) is a project of its own."""
    text = (
        "某局2023年度项目支出绩效自评结果公开\n序号\t项目名称\t自评分\t等级\n1\t农村公路养护\t96\t优\n"
        "2\t农村公路养护及安防工程\t88\t良\n3\t饮水安全工程\t90\t优\n\n附：\n农村公路养护及安防工程项目支出绩效自评报告\n"
        "一、项目基本情况\n本项目完成公路养护。\n二、存在的问题\n资金到位慢。\n"
    )
    path = tmp_path / "notice.txt"
    path.write_text(text, encoding="utf-8")
    evaluations = nlp.analyze(path).evaluations
    assert sorted((e.name, e.claimed_score) for e in evaluations) == [
        ("农村公路养护", 96),
        ("农村公路养护及安防工程", 88),
        ("饮水安全工程", 90),
    ]
