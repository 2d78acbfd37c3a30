"""Indicators stated in a report's prose (sentences written for the tests)."""

from __future__ import annotations

from nlp.extraction.narrative import narrative_indicators
from nlp.reading.ingest import ingest_bytes


def indicators(text: str):
    return narrative_indicators(ingest_bytes(text.encode("utf-8"), "t.txt").paragraphs)


def test_a_dimension_line_with_a_colon() -> None:
    [found] = indicators("数量指标：招聘安保人员17人。")
    assert (found.dimension, found.name, found.actual.value) == ("数量指标", "招聘安保人员", 17)


def test_a_numbered_dimension_sentence_after_a_full_stop() -> None:
    [found] = indicators("1.数量指标。该项目处治里程8公里，完成波形护栏1820米。")
    assert found.dimension == "数量指标" and found.name == "该项目处治里程"


def test_a_date_opening_the_sentence_is_not_the_measured_quantity() -> None:
    [found] = indicators("①数量指标:2023年,我校收到专项经费16.20万元。")
    assert found.name == "我校收到专项经费" and found.actual.value == 16.2


def test_a_heading_without_content_and_prose_are_not_indicators() -> None:
    assert indicators("(1)数量指标。\n本项目进展顺利。\n产出指标完成情况分析。") == []


def test_clauses_under_a_bare_dimension_line() -> None:
    found = indicators("(1)数量指标。\n办理援助案件94件;调解各类纠纷1087件;全年工作顺利。\n(2)质量指标。")
    assert [(i.name, i.actual.value) for i in found] == [("办理援助案件", 94), ("调解各类纠纷", 1087)]
    assert all(i.dimension == "数量指标" for i in found)


def test_a_longer_dimension_name_without_its_suffix_before_a_colon() -> None:
    [found] = indicators("②社会效益：项目带动农户增收3000元。")
    assert (found.dimension, found.name) == ("社会效益指标", "项目带动农户增收")


def test_a_bracketed_note_after_the_dimension_label() -> None:
    [found] = indicators("(3)满意度指标(服务对象满意度)：群众满意度达到96%。")
    assert found.dimension == "满意度指标" and found.name == "群众满意度达到"


def test_a_summary_heading_with_a_full_stop_is_no_indicator_line() -> None:
    assert indicators("1.社会效益。全县人均收入增长7%。") == []


def test_the_quantity_closing_a_clause_is_what_the_line_reports() -> None:
    [found] = indicators("2.质量指标：经由两部门联合验收，工程验收合格率为100%。")
    assert found.name == "工程验收合格率" and found.actual.value == 100


def test_clauses_opening_with_a_label_without_a_colon() -> None:
    found = indicators(
        "社会效益指标甲项覆盖率、乙项完好率均达到100%;可持续影响指标持续发挥作用;满意度指标用户满意度大于等于90%。"
    )
    assert [(i.dimension, i.name, i.actual.raw) for i in found] == [
        ("社会效益指标", "甲项覆盖率", "100%"),
        ("社会效益指标", "乙项完好率", "100%"),
        ("满意度指标", "用户满意度", "大于等于90%"),
    ]


def test_a_labelled_clause_whose_names_run_into_other_words_is_no_indicator() -> None:
    assert indicators("数量指标方面，各项工作完成8项。") == []


def test_named_lines_under_a_bare_dimension_line_and_the_total_they_close_with() -> None:
    found = indicators(
        "(1)数量指标。\n入户走访:每月走访一次,共12次。\n集中培训:每季度一次,合计4次。\n(2)质量指标。\n"
        "满意度:群众满意度≥85%。"
    )
    assert [(i.dimension, i.name, i.actual.value) for i in found[:2]] == [
        ("数量指标", "入户走访", 12),
        ("数量指标", "集中培训", 4),
    ]


def test_targets_broken_down_before_the_work_are_targets_one_per_clause() -> None:
    found = indicators(
        "将年度绩效目标分解为产出指标与效益指标,具体如下:\n"
        "①数量指标:新建蓄水池30座;完善管护制度;组织培训每半年1次,合计不少于2次。\n"
        "二、绩效目标完成情况\n"
        "①数量指标:新建蓄水池28座;完善管护制度。"
    )
    assert [(i.name, i.target and i.target.value, i.actual) for i in found[:3]] == [
        ("新建蓄水池", 30, None),
        ("完善管护制度", None, None),  # a task without a figure states no value
        ("组织培训每半年", 2, None),
    ]
    assert len(found) == 4 and found[3].target is None and found[3].actual.value == 28  # results: one line, whole
