"""Indicators stated in a report's prose (sentences written for the tests)."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from nlp import analyze
from nlp.extraction.narrative import handed_down_spans, narrative_indicators
from nlp.reading.ingest import ingest_bytes
from nlp.text.blocks import Block
from nlp.text.document import Section


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


def test_a_goals_section_and_a_results_section_of_the_same_lines_pair_up(tmp_path) -> None:
    """二、绩效目标 lists the targets, 三、…完成情况 the same dimension lines with what was done: one indicator each."""
    path = tmp_path / "report.txt"
    path.write_text(
        "某镇2023年度道路项目绩效自评报告\n一、基本情况\n本项目改造村组道路。\n二、绩效目标\n"
        "数量指标：完成道路硬化9.6公里。\n成本指标：每公里建设成本不超过42万元。\n满意度指标：群众满意度≥95%。\n"
        "三、绩效目标完成情况\n数量指标：完成道路硬化9.6公里，涉及6个村。\n成本指标：实际每公里建设成本41.5万元。\n"
        "满意度指标：群众满意度98%。\n",
        encoding="utf-8",
    )
    [evaluation] = analyze(path).evaluations
    assert [(i.dimension, i.target.value, i.actual.value) for i in evaluation.indicators] == [
        ("数量指标", 9.6, 9.6),
        ("成本指标", 42, 41.5),
        ("满意度指标", 95, 98),
    ]


def test_a_result_goes_to_the_target_of_its_own_name_first() -> None:
    """Results in another order, one name in another: 教师培训 takes its own result, not 骨干教师培训's."""
    text = (
        "数量指标：教师培训≥200人次。\n数量指标：骨干教师培训≥50人次。\n三、绩效目标完成情况\n"
        "数量指标：骨干教师培训52人次。\n数量指标：教师培训210人次。"
    )
    document = ingest_bytes(text.encode("utf-8"), "t.txt")
    found = narrative_indicators(document.paragraphs, [(0, document.text.index("三、"))])
    assert [(i.name, i.target.value, i.actual.value) for i in found] == [
        ("教师培训", 200, 210),
        ("骨干教师培训", 50, 52),
    ]


def test_pairing_costs_no_product_of_targets_and_results() -> None:
    targets = [f"数量指标：完成甲{k}项目{k}公里。" for k in range(5000)]
    results = [f"数量指标：完成乙{k}项目{k}公里。" for k in range(5000)]
    document = ingest_bytes("\n".join([*targets, "三、绩效目标完成情况", *results]).encode("utf-8"), "t.txt")
    started = time.perf_counter()
    found = narrative_indicators(document.paragraphs, [(0, document.text.index("三、"))])
    assert time.perf_counter() - started < 10
    assert sum(i.actual is None for i in found) == sum(i.target is None for i in found) == 5000  # none pairs


def test_a_dimension_line_of_targets_and_actuals_with_their_words() -> None:
    found = indicators(
        "1、产出数量指标:第一,甲类服务覆盖率年初指标值为不低于80%,全年实际完成值92%。"
        "第二,乙类补贴人数年初任务数50人,全年完成值47人。"
    )
    assert [(i.dimension, i.name, i.target.value, i.actual.value) for i in found] == [
        ("数量指标", "甲类服务覆盖率", 80, 92),
        ("数量指标", "乙类补贴人数", 50, 47),
    ]


def test_one_target_and_one_actual_on_a_line_is_read_whole() -> None:
    [found] = indicators("4.成本指标：经费指标为20万元，实际支出19万元。")
    assert (found.target.value, found.actual.value) == (20, 19)


def test_a_line_of_clauses_each_a_name_and_a_value_among_indicator_lines() -> None:
    found = indicators(
        "2.效益指标完成情况分析。\n(1)社会效益。受益农户增收0.5万元;道路覆盖率80%。\n(2)生态效益。造林面积120亩。"
    )
    assert [(i.dimension, i.name, i.actual.value) for i in found] == [
        ("社会效益指标", "受益农户增收", 0.5),
        ("社会效益指标", "道路覆盖率", 80),
        ("生态效益指标", "造林面积", 120),
    ]


def test_a_dimensions_analysis_states_indicators_only_as_names_and_values() -> None:
    [found] = indicators("3.满意度指标完成情况分析。群众满意度98%。")
    assert (found.dimension, found.name, found.actual.value) == ("满意度指标", "群众满意度", 98)
    assert indicators("③满意度指标完成情况分析。2022年我单位较好地完成了各项任务,获得好评。") == []


def test_a_list_under_an_indicator_heading_in_its_paragraph() -> None:
    found = indicators("(三)绩效指标完成情况分析。甲项验收合格率100%,乙项按时完成率≥90%,带动乙产业发展效果明显,")
    assert [(i.dimension, i.name, i.actual.raw, i.target) for i in found] == [
        ("质量指标", "甲项验收合格率", "100%", None),
        ("时效指标", "乙项按时完成率", "≥90%", None),
        ("社会效益指标", "带动乙产业发展", "效果明显", None),
    ]


def test_a_list_of_targets_and_a_level_heading_over_an_account() -> None:
    found = indicators("上年执行率99%。核心绩效目标:资金支出率≥98%、支出及时率≥97%,圆满完成任务。")
    assert [(i.name, i.target.value, i.actual) for i in found] == [("资金支出率", 98, None), ("支出及时率", 97, None)]
    assert indicators("1.产出指标完成情况。本单位接待来访人员300人次,开展培训20场。") == []


def test_a_goal_linked_to_its_list_without_a_colon_states_targets() -> None:
    found = indicators("产出目标为甲路面22.5m³,乙墙身213.75m³;工程合格率90%。")
    assert [(i.name, i.target.value, i.actual) for i in found] == [
        ("甲路面", 22.5, None),
        ("乙墙身", 213.75, None),
        ("工程合格率", 90, None),
    ]
    found = indicators("2020年,我会绩效目标是全年完成应急救护培训3000人,发展志愿者50人。")
    assert [(i.name, i.target.value) for i in found] == [("应急救护培训", 3000), ("发展志愿者", 50)]
    # a goal the text only refers to opens no list
    assert indicators("自评以年度绩效目标为依据，采用资料核查的方法：发放问卷650份，回收有效问卷620份。") == []


def test_a_goal_restated_with_its_result_is_one_indicator() -> None:
    text = "本项目绩效目标为治理甲面积1429亩,其中乙25亩。\n(1)数量指标。基本完成治理甲面积1429亩,其中乙25亩。"
    assert [(i.name, i.target, i.actual is not None) for i in indicators(text)] == [("基本完成治理甲面积", None, True)]


def test_a_list_the_evaluations_table_restates_is_left_to_the_table() -> None:
    text = "项目绩效目标：培训合格率90%以上，学员满意度95%以上。"
    table = "质量指标\t培训合格率\t≥90%\t93%"
    blocks = [Block("paragraph", 0, len(text), text), Block("table", len(text) + 1, len(text) + 1 + len(table), table)]
    assert narrative_indicators(blocks) == []
    assert len(narrative_indicators(blocks[:1])) == 2


def test_a_dimension_not_reached_yet_and_a_line_cut_off() -> None:
    [found] = indicators("(2)质量指标。项目尚未完工。\n(3)时效指标。群众生活")
    assert (found.dimension, found.name, found.actual.raw) == ("质量指标", "质量指标", "项目尚未完工。")


def test_work_done_after_a_figure_is_no_actual_of_it() -> None:
    [found] = indicators("1.数量指标。该项目修缮道路8公里,完成护栏1200米。")
    assert found.target is None and found.actual.value == 8
    [planned] = indicators("1.数量指标。培训人数计划200人,完成210人。")
    assert (planned.target.value, planned.actual.value) == (200, 210)


def test_targets_and_actuals_in_a_paragraph_without_a_heading() -> None:
    [found] = indicators("甲项服务人次年初指标值为100人次,全年实际完成值105人次。")
    assert (found.name, found.target.value, found.actual.value) == ("甲项服务人次", 100, 105)
    assert indicators("全年下达资金200万元,惠及农户300户。") == []


def test_a_sentence_of_the_account_under_a_bare_dimension_line_is_no_indicator() -> None:
    found = indicators(
        "(2)质量指标\n甲款发放准确率100%。按规定发放,2023年乙标准为900元/人;丙标准按困难程度给予2-6个月补助发放。"
    )
    assert [(i.name, i.actual.value) for i in found] == [("甲款发放准确率", 100)]


def test_a_paragraph_listing_targets_then_actuals_of_the_same_names() -> None:
    found = indicators("(二)项目绩效目标。本年目标:甲类补助120人,乙类服务30次实际完成:甲类补助118人,乙类服务35次。")
    assert [(i.dimension, i.name, i.target.value, i.actual.value) for i in found] == [
        ("数量指标", "甲类补助", 120, 118),
        ("数量指标", "乙类服务", 30, 35),
    ]


def test_a_tables_words_set_out_line_by_line_name_no_indicator() -> None:
    assert indicators("质量指标\n指标1工程完工率\n100") == []


_LINES = st.lists(
    st.text(
        alphabet=st.sampled_from(
            list(
                "(1)①.、数量质量社会效益指标完成情况分析绩效目标甲率为是均及年初指标值实际有所提高,，。;；:：%≥0123456789"
            )
        ),
        max_size=60,
    ),
    max_size=8,
)


@settings(max_examples=200, deadline=None)
@given(_LINES)
def test_any_report_lines_read_without_error_and_offsets_point_into_the_text(lines: list[str]) -> None:
    text = "\n".join(line.replace("\n", "") for line in lines)
    blocks, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            blocks.append(Block("paragraph", start, start + len(line), line))
        start += len(line) + 1
    for found in narrative_indicators(blocks):
        assert 0 <= found.start <= found.end <= len(text)
        # a name is read where the offsets point, but a dimension's own (质量指标) for a line of work not done yet
        assert found.name is None or found.name in text[found.start : found.end] or found.name.endswith("指标")


def test_a_first_level_label_opening_a_listed_paragraph_is_the_indicators_first_level() -> None:
    document = ingest_bytes("绩效指标完成情况分析。产出指标：甲项人数20人，乙项场次5场。\n".encode(), "a.txt")
    found = [(i.level1, i.level2, i.name) for i in narrative_indicators(document.blocks)]
    assert found == [("产出指标", None, "甲项人数"), ("产出指标", None, "乙项场次")]


def test_a_dimension_label_may_count_its_indicators() -> None:
    found = indicators("1.数量指标3个：甲设施整治数量6个、乙负荷削减量250吨/年、丙面积30.4平方公里。")
    assert [(i.name, i.actual.value) for i in found] == [("甲设施整治数量", 6), ("乙负荷削减量", 250), ("丙面积", 30.4)]


def test_a_goals_section_that_hands_targets_down_states_targets() -> None:
    text = "数量指标2个：甲设施整治数量6个、乙负荷削减量250吨/年。\n时效指标2个：项目开工率100%,项目完工率≥25%。"
    blocks = ingest_bytes(text.encode("utf-8"), "t.txt").paragraphs
    found = narrative_indicators(blocks, [(0, blocks[-1].end)])
    assert [(i.name, i.target.value, i.actual) for i in found] == [
        ("甲设施整治数量", 6, None),
        ("乙负荷削减量", 250, None),
        ("项目开工率", 100, None),
        ("项目完工率", 25, None),
    ]
    assert [i.actual.value for i in narrative_indicators(blocks)][:2] == [6, 250]  # elsewhere: what was done
    done = ingest_bytes("数量指标：已完成道路硬化12公里。".encode(), "t.txt").paragraphs
    [reported] = narrative_indicators(done, [(0, done[-1].end)])
    assert (reported.target, reported.actual.value) == (None, 12)  # a line reporting what was done


def test_targets_listed_after_their_opening_in_one_sentence_skip_the_tasks_without_a_figure() -> None:
    found = indicators("项目当年度目标:甲人员在岗大于250天,推动乙机制建设,完成至少7个调研课题,满意度大于90%等。")
    assert [(i.name, i.target.value) for i in found] == [("甲人员在岗", 250), ("满意度", 90)]
    assert all(i.actual is None for i in found)


def test_a_list_left_open_by_a_results_heading_still_stops_at_its_first_gap() -> None:
    assert indicators("2.完成的绩效目标。\n目标已全部完成,具体为:完成了甲养护67座,完成了乙养护2个。") == []


def test_rates_sharing_one_value_are_an_indicator_each() -> None:
    found = indicators("当年开工率、竣工率、改造后房屋人畜分离、卫生条件有保障的比例均达100%。")
    assert [(i.name, i.actual.value) for i in found] == [
        ("当年开工率", 100),
        ("竣工率", 100),
        ("改造后房屋人畜分离、卫生条件有保障的比例", 100),
    ]


def test_places_sharing_a_value_are_no_indicators() -> None:
    assert indicators("县、乡、村三级均达到100%覆盖。") == []


def test_a_target_list_set_out_one_numbered_item_per_paragraph() -> None:
    found = indicators(
        "全力推进农业现代化。主要目标任务为:\n1.农业总产值299亿元以上,增6%以上;\n2.粮食总产量146万吨以上,保持稳定;\n"
    )
    assert [(i.name, i.target.raw, i.actual) for i in found] == [
        ("农业总产值", "299亿元以上", None),
        ("粮食总产量", "146万吨以上", None),
    ]


def test_a_project_named_before_its_goals_opens_a_target_list() -> None:
    found = indicators("某某工程维修养护绩效目标:维修农村饮水工程12处,服务人口4.1万人。")
    assert [(i.name, i.target.raw) for i in found] == [("维修农村饮水工程", "12处"), ("服务人口", "4.1万人")]


def test_a_sentence_of_targets_met_opens_no_target_list() -> None:
    assert indicators("本项目圆满完成了全年目标任务。全年培训农民2000人，发放补贴500户。") == []
    assert indicators("部分项目未能完全实现年度绩效目标。预算执行率80%，满意度95%。") == []


def test_rates_sharing_a_value_keep_their_names_as_written() -> None:
    found = indicators("卫生厕所和人畜分离的比例、开工率均达100%。")
    assert [i.name for i in found] == ["卫生厕所和人畜分离的比例", "开工率"]


def test_reading_a_long_run_of_shared_rates_is_linear() -> None:
    started = time.perf_counter()
    indicators("甲率1%，" * 8000)
    assert time.perf_counter() - started < 5


def test_targets_set_apart_by_semicolons_run_to_the_full_stop() -> None:
    found = indicators("(二)绩效目标:道路硬化≥0.565公里;验收合格率≥100% ;受益群众满意度≥96%。")
    assert [(i.name, i.target.raw if i.target else None, i.actual) for i in found] == [
        ("道路硬化", "≥0.565公里", None),
        ("验收合格率", "≥100%", None),
        ("受益群众满意度", "≥96%", None),
    ]


def test_a_semicolon_opening_what_was_done_ends_the_targets() -> None:
    found = indicators("(二)绩效目标:完成培训200人;实际完成培训215人，合格率100%。")
    assert [(i.name, i.target.raw if i.target else None) for i in found][:1] == [("完成培训", "200人")]
    assert all(i.name != "合格率" for i in found)


def test_clauses_numbered_as_indicators_state_targets_after_the_count_of_indicators_set() -> None:
    text = "2022年度某项目绩效指标共设置3个，指标1：购买甲材料1万份；指标2：公益慰问次数2次；指标3：工资按月发放。"
    found = indicators(text)
    assert [(i.dimension, i.name, i.target.raw, i.actual) for i in found] == [
        ("数量指标", "购买甲材料", "1万份", None),
        ("数量指标", "公益慰问次数", "2次", None),
    ]
    assert all(text[i.start : i.end].startswith(i.name) for i in found)


def test_lists_a_paragraph_opens_by_counting_a_kind_of_indicators() -> None:
    text = (
        "绩效指标共设置5个,一是2个产出指标分别是:(1)甲服务人次数目标完成≥350人次;(2)乙培训人次数目标完成≥20人次。"
        "二是1个效益指标:甲事业发展成效显著。三是2个满意度指标分别是:(1)甲人员满意度要≥90%;(2)乙对象满意度要≥85%。"
    )
    found = indicators(text)
    assert [(i.dimension, i.target.raw) for i in found] == [
        ("数量指标", "≥350人次"),
        ("数量指标", "≥20人次"),
        ("满意度指标", "≥90%"),
        ("满意度指标", "≥85%"),
    ]
    assert found[0].name.startswith("甲服务人次数") and all(text.count(i.name) for i in found)


def test_items_of_a_score_sheet_written_as_prose_are_indicators_with_their_points() -> None:
    text = (
        "(一)甲项立项。分值10分,自评10分。项目为促进事业发展所必需。\n"
        "(二)项目管理。分值20分,自评19分。\n"
        "1、管理制度健全性。分值2分,自评2分。制定了实施办法。\n"
        "2、乙资金到位及时率得2分。\n"
        "(三)、过程管理。(1)丙制度:已制定,得2分。\n"
    )
    found = indicators(text)
    assert [(i.name, i.weight, i.points, i.target) for i in found] == [
        ("甲项立项", 10, 10, None),
        ("管理制度健全性", 2, 2, None),
        ("乙资金到位及时率", None, 2, None),
    ]


def test_a_score_sheet_s_group_line_conclusion_and_first_level_are_no_items() -> None:
    text = (
        "(一)项目决策。分值20分，自评19分，扣1分。\n(1)立项依据。分值5分,自评5分。\n(2)绩效目标。分值15分,自评14分。\n"
        "(二)产出指标。分值50分，自评48分。\n(四)自评结论。综合自评得95分，评价等级为优秀。\n(三)奖励情况。每人得5分。\n"
    )
    assert [(i.name, i.weight, i.points) for i in indicators(text)] == [("立项依据", 5, 5), ("绩效目标", 15, 14)]


def test_counted_lists_end_at_the_next_opening_and_a_long_run_of_them_stays_fast() -> None:
    text = (
        "一是2个产出指标分别是：(1)甲人数≥350人次；(2)乙数量≥20个；"
        "二是2个满意度指标分别是：(1)丙满意度≥90%；(2)丁满意度≥95%。"
    )
    found = indicators(text)
    assert [i.name for i in found] == ["甲人数", "乙数量", "丙满意度", "丁满意度"]
    hostile = "3个产出指标分别是：(1)甲≥350人次" * 1000
    started = time.perf_counter()
    indicators(hostile)
    assert time.perf_counter() - started < 3


def test_a_first_level_line_listing_its_indicators_clause_by_clause() -> None:
    found = indicators("(1)产出指标。新建甲库3座,总投资金额700万元,项目按时开工,乙设施合格率100%。")
    assert [(i.dimension, i.name, i.actual.raw) for i in found] == [
        ("数量指标", "新建甲库", "3座"),
        ("其他", "总投资金额", "700万元"),
        ("质量指标", "乙设施合格率", "100%"),
    ]
    # a figure with its comparator is what was aimed at
    [income, years] = indicators("(2)效益指标。带动村集体收入≥20万元,工程设计使用年限≥20年。")
    assert (income.target.raw, income.actual, years.target.value) == ("≥20万元", None, 20)
    assert indicators("(1)产出指标。全年共完成培训200人次。") == []  # one figure: an account, not a list


def test_a_goal_s_list_ends_where_its_sentence_turns_to_the_results_and_a_differing_result_keeps_it() -> None:
    found = indicators("本项目绩效目标为培训农民200人，实际培训农民210人，完成率105%。")
    assert [(i.name, i.target.value, i.actual) for i in found] == [("培训农民", 200, None)]
    text = "本项目绩效目标为新建甲道路120公里,培训人数150人。\n(1)数量指标。基本完成新建甲道路95公里。"
    assert {(i.name, i.target is not None) for i in indicators(text)} >= {("新建甲道路", True)}


def test_a_first_level_line_the_evaluation_s_table_restates_is_left_to_the_table() -> None:
    text = "(1)产出指标。培训人数200人,培训合格率93%。"
    table = "数量指标\t培训人数\t200人\t200人"
    blocks = [Block("paragraph", 0, len(text), text), Block("table", len(text) + 1, len(text) + 1 + len(table), table)]
    assert narrative_indicators(blocks) == []
    assert len(narrative_indicators(blocks[:1])) == 2


def test_a_later_paragraph_stating_a_goal_s_items_by_name_and_figure_gives_their_results() -> None:
    text = "产出目标为甲路面22.5m³,乙墙身213.75m³;工程合格率90%。\n项目验收结果为甲路面22.5m³、乙墙身200m³,验收合格。"
    found = indicators(text)
    assert [(i.name, i.target.value, i.actual.raw if i.actual else None) for i in found] == [
        ("甲路面", 22.5, "22.5m³"),
        ("乙墙身", 213.75, "200m³"),
        ("工程合格率", 90, None),
    ]


def test_the_clause_linking_a_name_to_the_figure_names_it() -> None:
    """甲资金补助范围为所有学生,覆盖比率为100%: the clause before the figure names it; a label's clause does not."""
    found = indicators("②质量指标:甲资金补助范围为所有特殊教育学生,覆盖比率为100%。\n")
    assert [(i.name, i.actual.value if i.actual else None) for i in found] == [("覆盖比率", 100)]
    labelled = indicators("（1）数量指标：公益性岗位安置人数，目标≥520人，完成538人。\n")
    assert [i.name[:9] for i in labelled] == ["公益性岗位安置人数"]  # not 目标, the clause of ≥520人
    # a total's word is no name (…,合计为1200人次)
    [total] = indicators("①数量指标:全年共开展农技培训,合计为1200人次。\n")
    assert total.name != "合计" and "农技培训" in total.name


def test_the_items_own_numbers_on_a_dimension_line_are_no_figures(tmp_path) -> None:
    """1.数量指标:(1)甲≥20批次;(2)乙≥15家 under the goals: each item named without its number, its figure its own."""
    text = (
        "某局关于2025年度药品监管补助资金绩效自评报告\n一、绩效目标分解下达情况\n(一)绩效目标情况\n"
        "1.数量指标:(1)化妆品抽检批次≥20批次;(2)医疗器械监管企业数≥15家;(3)综合宣传次数≥2次。\n"
    )
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    found = [i for e in analyze(path).evaluations for i in e.indicators]
    assert [i.name for i in found] == ["化妆品抽检批次", "医疗器械监管企业数", "综合宣传次数"]
    assert [i.target.value for i in found] == [20, 15, 2]


def _goals_section_indicators(sentence: str) -> list:
    """The indicators ``narrative_indicators`` reads in a paragraph standing inside a goals section."""
    paragraphs = ingest_bytes(sentence.encode("utf-8"), "t.txt").paragraphs
    return narrative_indicators(paragraphs, goals_section_spans=[(0, len(sentence) + 1)])


def test_a_goals_sentence_listing_bounds_and_rates_states_targets() -> None:
    found = _goals_section_indicators(
        "聚焦残疾人就业等领域,全年新增就业人数不少于1500名;康复服务人数2万名以上,法律服务办结率不低于90%。"
    )
    assert [(i.name, i.target.value, i.actual) for i in found] == [
        ("新增就业人数", 1500, None),  # 全年 opens the clause, no part of the name
        ("康复服务人数", 20000, None),
        ("法律服务办结率", 90, None),
    ]


def test_a_goals_sentence_after_a_label_with_a_linked_colon() -> None:
    text = "前言。\n学生资助:发放率100%,减免率100%,社会满意度达:98%。"
    found = _goals_section_indicators(text)
    assert [(i.name, i.target.value) for i in found] == [("发放率", 100), ("减免率", 100), ("社会满意度", 98)]
    assert [text[i.start : i.end] for i in found] == ["发放率100%", "减免率100%", "社会满意度达:98%"]


def test_a_goals_sections_description_or_money_states_no_target() -> None:
    assert _goals_section_indicators("全镇共有行政村14个,在职村干76人,离任村干137人。") == []
    assert _goals_section_indicators("下达资金不少于50万元,配套资金不少于20万元。") == []
    assert _goals_section_indicators("当年目标完成情况:甲率达到95%以上,乙率达到90%以上。") == []
    # a sentence outside a goals section is read as before: not as targets
    assert indicators("全年新增就业人数不少于1500名;康复服务人数2万名以上。") == []


def test_a_note_of_how_far_each_item_was_achieved_is_no_item() -> None:
    found = indicators("数量指标:甲活动数量4次,指标完成率100%,乙资源补充50000册,指标完成率100%。")
    assert [(i.name, i.actual.raw) for i in found] == [("甲活动数量", "4次"), ("乙资源补充", "50000册")]
    found = indicators("数量指标:甲服务天数360天,指标完成率100%;甲服务人次25万人次,指标完成率100%。")
    assert [(i.name, i.actual.raw) for i in found] == [("甲服务天数", "360天"), ("甲服务人次", "25万人次")]
    [satisfied] = indicators("满意度指标\n读者满意度90%,指标完成率99.14%。")
    assert (satisfied.name, satisfied.actual.raw) == ("读者满意度", "90%")


def test_a_goals_sentence_whose_colons_join_names_to_values_and_sentences_of_results_or_rules() -> None:
    assert [
        (i.name, i.target.value) for i in _goals_section_indicators("培训人数：不少于200人，合格率：不低于90%。")
    ] == [
        ("培训人数", 200),
        ("合格率", 90),
    ]
    assert [i.name for i in _goals_section_indicators("社会满意度达:98%，发放率100%。")] == ["社会满意度", "发放率"]
    assert _goals_section_indicators("截至年底，办结率达到95%，满意度98%。") == []
    assert _goals_section_indicators("项目完成率低于60%的扣分，资金支付率低于50%的不得分。") == []


def test_a_goals_sentences_targets_take_the_results_stated_later() -> None:
    text = "全年群众满意度95%以上,办结率不低于90%。\n(三)完成情况\n群众满意度98%,办结率95%。\n"
    paragraphs = ingest_bytes(text.encode("utf-8"), "t.txt").paragraphs
    found = narrative_indicators(paragraphs, goals_section_spans=[(0, paragraphs[0].end)])
    assert [(i.name, i.target.raw, i.actual.raw) for i in found] == [
        ("群众满意度", "95%以上", "98%"),
        ("办结率", "不低于90%", "95%"),
    ]


def test_a_note_of_how_far_an_item_was_achieved_lies_outside_its_span_and_stays_fast() -> None:
    text = "满意度指标\n读者满意度90%,指标完成率99.14%。"
    paragraphs = ingest_bytes(text.encode("utf-8"), "t.txt").paragraphs
    [found] = narrative_indicators(paragraphs)
    assert text[found.start : found.end] == "读者满意度90%"
    start = time.perf_counter()
    indicators("数量指标:" + "甲活动数量4次,指标完成率100%," * 5000 + "。")
    assert time.perf_counter() - start < 5.0


def test_a_score_sheet_written_as_accounts_that_close_on_their_points() -> None:
    found = indicators(
        "(一)项目申报管理(10分)\n(1)奖补政策合规性:县政府印发奖补政策,制定了扶持政策,得6分\n"
        "(2)项目申报符合性:1、制定了实施办法,得2分;2、申报项目符合要求,得2分。\n"
    )
    assert [(i.name, i.points) for i in found] == [("奖补政策合规性", 6), ("项目申报符合性", 2)]
    found = indicators(
        "(1)项目立项(2分)\n我县项目严格按照程序编报,程序完整。自评得2分。\n(2)预算规范性(3分):\n认真编制。自评得3分。\n"
    )
    assert [(i.name, i.weight, i.points) for i in found] == [("项目立项", 2, 2), ("预算规范性", 3, 3)]
    # the report's own headings closing on a score are no items
    assert indicators("(一)自评得分\n经自评,本项目得95分。\n1.产出指标完成情况\n全部完成,得50分。\n") == []


def test_a_dimension_named_after_its_level_without_the_word_indicator() -> None:
    found = indicators(
        "1、产出数量。全年共收治甲类人员20人。\n2、产出质量。严格依法办理,办案准确率达100%。\n"
        "3、产出时效。按规定时间办理,办案及时率达100%。"
    )
    assert [(i.dimension, i.name, i.actual.value) for i in found] == [
        ("数量指标", "全年共收治甲类人员", 20),
        ("质量指标", "办案准确率", 100),
        ("时效指标", "办案及时率", 100),
    ]
    assert indicators("1、数量。全年共收治甲类人员20人。") == []  # a bare 数量 needs its level's word or 指标
    assert indicators("产出数量较上年增加20%。") == []  # without 指标 only before its stop: a sentence's words


def _section(id_: str, parent: str | None, heading: str, start: int, end: int, label: str) -> Section:
    return Section(id_, parent, 2, None, heading, "numbered", start, end, start + len(heading), label)


def test_goals_sections_handing_down_the_years_goals_state_targets_but_not_those_reporting_results() -> None:
    own = _section("s1", None, "(二)2022年绩效目标", 0, 40, "goals")
    handed = _section("s2", None, "一、绩效目标分解下达情况", 40, 80, "goals")
    results = _section("s3", None, "(二)绩效目标完成情况", 80, 200, "results")
    inside = _section("s4", "s3", "2.完成的绩效目标", 100, 150, "goals")
    reported = _section("s5", None, "三、绩效目标完成情况", 200, 240, "goals")
    unsaid = _section("s6", None, "(二)项目绩效目标", 240, 280, "goals")  # the seeds' goals: which, it does not say
    assert handed_down_spans([own, handed, results, inside, reported, unsaid]) == [(0, 40), (40, 80)]
    bare = _section("s7", None, "二、绩效目标", 280, 320, "goals")  # the word alone, before 三、绩效目标完成情况
    after = _section("s8", None, "三、绩效目标完成情况", 320, 360, "results")
    assert handed_down_spans([bare, after]) == [(280, 320)]
    assert handed_down_spans([bare]) == []  # with no results after it, its lines may report results themselves


def test_a_line_of_plans_each_with_what_was_done_names_each_indicator_by_its_plan() -> None:
    found = indicators("1.数量指标：计划建设示范区2万亩，实际建成2.1万亩；计划培训农户1500人次，实际培训1120人次。")
    assert [(i.name, i.target.raw, i.actual.raw) for i in found] == [
        ("建设示范区", "2万亩", "2.1万亩"),
        ("培训农户", "1500人次", "1120人次"),
    ]
    [cost] = indicators("4.成本指标：计划项目总成本控制在245万元以内，实际支出231.6万元。")
    assert (cost.name, cost.target.raw, cost.actual.value) == ("项目总成本", "控制在245万元以内", 231.6)
    [deadline] = indicators("3.时效指标：计划2023年11月底前完成示范区建设，实际于2023年11月20日全部完成。")
    assert (deadline.name, deadline.target.raw, deadline.actual.raw) == (
        "完成示范区建设",
        "2023年11月底前",
        "2023年11月20日",
    )


def test_a_scored_item_whose_account_states_its_aim_and_result_keeps_both() -> None:
    [found] = indicators("(1)示范区农药使用量减少率(10分)：目标减少15%以上，实际减少18.6%，得10分。")
    assert (found.name, found.weight, found.points) == ("示范区农药使用量减少率", 10, 10)
    assert (found.target.raw, found.actual.raw) == ("减少15%以上", "减少18.6%")
    [plain] = indicators("(2)项目区农户满意度(10分)：经问卷调查，农户普遍满意，得10分。")
    assert plain.target is None and plain.actual is None


def test_a_mirror_pages_masked_targets_still_name_their_indicators(tmp_path) -> None:
    """*.数量指标:(*)甲≥**批次;(*)乙≥**家 — a mirror masks the digits: the names stand before their comparators."""
    path = tmp_path / "mirror.txt"
    path.write_text(
        "某局关于****年度药品监管补助资金绩效自评报告\n一、绩效目标分解下达情况\n(一)绩效目标情况\n"
        "*.数量指标:(*)化妆品抽检批次≥**批次;(*)医疗器械监管企业数≥**家。\n二、绩效目标完成情况\n略。\n",
        encoding="utf-8",
    )
    found = analyze(path).to_json()["evaluations"][0]["indicators"]
    assert [(i["dimension"], i["name"]) for i in found] == [
        ("数量指标", "化妆品抽检批次"),
        ("数量指标", "医疗器械监管企业数"),
    ]


def test_a_dimension_line_naming_its_target_in_a_clause_of_its_own(tmp_path) -> None:
    text = "某部门整体支出绩效自评报告\n三、绩效情况\n1.数量指标：工程维修养护处数，年度目标38处，实际完成41处。\n"
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    indicators = analyze(path).evaluations[0].indicators
    assert [(i.dimension, i.name, i.target.raw, i.actual.value) for i in indicators] == [
        ("数量指标", "工程维修养护处数", "38处", 41)
    ]


def test_dimension_lines_run_together_worded_plans_and_a_thousands_comma(tmp_path) -> None:
    text = (
        "某项目支出绩效自评报告\n三、项目绩效目标完成情况\n"
        "1.数量指标：计划新建茶园5000亩，实际新建5200亩。2.质量指标：计划抽检合格率100%，实际100%。"
        "3.成本指标：计划项目总成本控制在1,420.00万元以内，实际支出1,363.20万元。\n"
        "4.生态效益指标：计划茶园水土流失得到有效控制，实际茶园水土流失得到有效控制。\n"
    )
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    found = [(i.dimension, i.name, i.target.raw, i.actual.raw) for i in analyze(path).evaluations[0].indicators]
    assert found == [
        ("数量指标", "新建茶园", "5000亩", "5200亩"),
        ("质量指标", "抽检合格率", "100%", "100%"),
        ("成本指标", "项目总成本", "控制在1,420.00万元以内", "1,363.20万元"),
        ("生态效益指标", "茶园水土流失得到有效控制", "茶园水土流失得到有效控制", "茶园水土流失得到有效控制"),
    ]


def test_a_target_word_right_after_the_name_and_a_worded_target_and_actual_in_clauses() -> None:
    found = indicators(
        "服务对象满意度指标：养殖户满意度年度目标≥90%，实际达到95%以上。\n"
        "社会效益指标：区域性重大动物疫情发生情况，年度目标不发生区域性重大动物疫情，实际全年未发生。\n"
    )
    assert [(i.name, i.target.raw, i.actual.value if i.actual.kind != "text" else i.actual.raw) for i in found] == [
        ("养殖户满意度", "≥90%", 95),
        ("区域性重大动物疫情发生情况", "不发生区域性重大动物疫情", "全年未发生"),
    ]


def test_a_goal_a_later_line_states_with_its_target_and_result_is_that_lines(tmp_path) -> None:
    text = (
        "某县2023年度重大动物疫病防控项目绩效自评报告\n一、项目绩效目标\n"
        "全年完成强制免疫65万头以上，免疫抗体合格率70%以上，监测采样4800份以上。\n二、绩效目标完成情况\n"
        "质量指标：免疫抗体合格率年度目标≥70%，实际为78.5%。\n"
    )
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    found = analyze(path).evaluations[0].indicators
    assert [(i.name, i.target.raw, i.actual and i.actual.value) for i in found if "合格率" in i.name] == [
        ("免疫抗体合格率", "≥70%", 78.5)
    ]


def test_numbered_results_under_a_first_levels_label_each_with_its_aim() -> None:
    text = (
        "产出方面：\n1.完成农机手培训860人次，目标800人次。\n▲培训现场\n2.病虫害统防统治覆盖率达到45.2%，目标40%以上。\n"
        "满意度方面：\n3.服务对象满意度达到97%，目标95%以上。\n四、自评结论\n5.某项工作顺利完成，目标明确。\n"
    )
    found = indicators(text)
    assert [(i.level1, i.name, i.target.raw, i.actual.raw) for i in found] == [
        ("产出指标", "农机手培训", "800人次", "860人次"),
        ("产出指标", "病虫害统防统治覆盖率", "40%以上", "45.2%"),
        ("满意度指标", "服务对象满意度", "95%以上", "97%"),
    ]
    # the line is no indicator where no first level's label heads it
    assert indicators("1.完成农机手培训860人次，目标800人次。\n") == []


def test_clauses_each_stating_what_was_done_and_what_was_aimed_at() -> None:
    text = (
        "产出指标：新建农田面积完成2.1万亩，目标2万亩；验收合格率达到100%，目标100%；完成时间为2023年11月28日，"
        "目标2023年12月31日前。\n主要绩效：产出方面，免费开放天数306天，目标300天；举办讲座120场，目标100场。"
        "效益方面，接待游客增长12%，目标10%。\n数量指标—老年人健康管理率：年度指标值≥70%，全年实际值72.4%，分值25分，得分25分；\n"
    )
    found = [(i.level1, i.name, i.target.raw, i.actual.raw) for i in indicators(text)]
    assert found == [
        ("产出指标", "农田面积", "2万亩", "2.1万亩"),  # the verb opening the result (新建) no part of the name
        ("产出指标", "验收合格率", "100%", "100%"),
        ("产出指标", "完成时间", "2023年12月31日前", "2023年11月28日"),
        ("产出指标", "免费开放天数", "300天", "306天"),
        ("产出指标", "举办讲座", "100场", "120场"),
        ("效益指标", "接待游客增长", "10%", "12%"),
        ("产出指标", "老年人健康管理率", "≥70%", "72.4%"),
    ]
    # one such clause in a sentence of prose is no list
    assert indicators("经过努力，培训完成1200人次，目标是提升能力。\n") == []


def test_a_plans_date_or_a_level_word_for_a_second_level() -> None:
    # a plan's date after what is built is no aim of it
    assert indicators("新建机耕道路3公里，计划2024年6月完工；改造灌溉泵站2座，计划2024年10月完工。\n") == []
    # 社会效益方面 stands for a 二级 label, under its 一级
    [found] = indicators("社会效益方面：\n1.带动农户增收完成2860元，目标2500元。\n")
    assert (found.level1, found.level2, found.dimension) == ("效益指标", "社会效益指标", "社会效益指标")


def test_a_levels_summary_reads_its_plans_with_their_results_and_beside_a_table_only_its_plans() -> None:
    text = "1.产出方面。年初计划改造户厕5000座，实际完成5742座，超额完成年度目标；经验收，改厕验收合格率96.8%。"
    assert [(i.name, i.target and i.target.raw, i.actual.raw) for i in indicators(text)] == [
        ("改造户厕", "5000座", "5742座"),
        ("改厕验收合格率", None, "96.8%"),
    ]
    table = "数量指标\t改造户厕\t6000座\t5742座"
    blocks = [Block("paragraph", 0, len(text), text), Block("table", len(text) + 1, len(text) + 1 + len(table), table)]
    assert [(i.name, i.target.raw) for i in narrative_indicators(blocks)] == [("改造户厕", "5000座")]
    # a plan of an indicator the table does not name is left to the table: no row to set it against
    other = Block("table", len(text) + 1, len(text) + 1 + len(table), "数量指标\t资助学生\t100人\t100人")
    assert narrative_indicators([blocks[0], other]) == []
    # every level's word opens such a line (社会效益方面, not only 产出方面)
    social = "2.社会效益方面。计划受益农户5000户，实际受益5742户；群众满意度95%。"
    assert [i.name for i in indicators(social)] == ["受益农户", "群众满意度"]


def test_the_conflict_of_a_summary_s_plan_and_the_table_row_it_restates_is_flagged(tmp_path) -> None:
    text = (
        "某市农村改厕项目支出绩效自评报告\n（一）绩效目标完成情况\n"
        "1.产出方面。年初计划改造户厕5000座，实际完成5742座；改厕验收合格率96.8%。\n"
        "项目支出绩效自评表\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\n"
        "产出指标\t数量指标\t改造户厕\t6000座\t5742座\n产出指标\t质量指标\t改厕验收合格率\t≥95%\t96.8%\n"
    )
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    [evaluation] = analyze(path).evaluations
    assert [i.name for i in evaluation.indicators] == ["改造户厕", "改厕验收合格率"]
    assert "NARRATIVE_TABLE_CONFLICT" in {flag.code for flag in evaluation.flags}


def test_a_label_goes_on_over_the_clauses_of_its_sentence() -> None:
    """数量指标方面，甲…；乙…；丙…。质量指标方面，…: each clause with a target and an actual is the label's."""
    found = indicators(
        "数量指标方面，甲保障人数年度目标为不少于260人，实际保障268人；乙供养人数年度目标为31人，实际完成31人；"
        "丙救助人次年度目标为45人次，实际完成47人次。质量指标方面，丁发放率年度目标为100%，实际完成100%；"
        "戊覆盖率年度目标为100%，实际完成98%。下一步将继续做好救助工作，全年计划投入300万元。"
    )
    assert [(i.dimension, i.name) for i in found] == [
        ("数量指标", "甲保障人数"),
        ("数量指标", "乙供养人数"),
        ("数量指标", "丙救助人次"),
        ("质量指标", "丁发放率"),
        ("质量指标", "戊覆盖率"),
    ]


def test_a_dimension_line_of_three_clause_indicators() -> None:
    found = indicators("（1）数量指标：甲面积，计划1500亩，实际完成1532亩；乙面积，计划300亩，实际完成262亩。")
    assert [(i.name, i.target.value, i.actual.value) for i in found] == [("甲面积", 1500, 1532), ("乙面积", 300, 262)]


def test_one_long_named_indicator_with_its_target_and_actual_on_a_line() -> None:
    """3.时效指标。甲响应时间目标值为24小时以内，完成值为平均6小时。: the line's one indicator, not its whole text."""
    [found] = indicators("3.时效指标。设施故障维修响应时间目标值为24小时以内，完成值为平均6小时。")
    assert (found.name, found.target.raw, found.actual.raw) == ("设施故障维修响应时间", "24小时以内", "平均6小时")


def test_a_line_of_both_shapes_keeps_each_and_a_carried_clause_keeps_its_own_kind() -> None:
    found = indicators(
        "数量指标：培训人数目标值为500人，实际完成520人；造林面积，计划15000亩，实际完成15320亩；"
        "宣传次数目标值为3次，实际完成3次。"
    )
    assert [i.name for i in found] == ["培训人数", "造林面积", "宣传次数"]
    carried = indicators(
        "数量指标全部完成，培训人数目标值为500人，实际完成520人；群众满意度目标值为90%，实际完成95%；"
        "项目完成时间目标值为12月底，实际完成值为11月20日。"
    )
    assert [(i.dimension, i.name) for i in carried] == [
        ("数量指标", "培训人数"),
        ("满意度指标", "群众满意度"),
        ("时效指标", "项目完成时间"),
    ]


def test_a_short_name_before_its_target_word_is_the_line_s_one_indicator() -> None:
    """道路长度目标值为10公里: a name of four letters is its own, not a piece of 预算|指标为34万元."""
    [found] = indicators("质量指标：道路长度目标值为10公里，实际完成10公里。")
    assert (found.name, found.target.value, found.actual.value) == ("道路长度", 10, 10)
    [budget] = indicators("成本指标：预算指标为34万元，实际支出34万元。")
    assert budget.name != "预算"


def test_an_aim_split_off_at_its_comma_is_the_target_of_the_result_before_it() -> None:
    """效益指标：甲产能3400吨，目标3000吨以上。: no indicator named 目标, the result's target instead."""
    found = indicators("效益指标：项目区新增粮食产能3400吨，目标3000吨以上。")
    assert "目标" not in [i.name for i in found]
    first = next(i for i in found if i.name == "项目区新增粮食产能")
    assert (first.target.value, first.actual.value) == (3000, 3400)
