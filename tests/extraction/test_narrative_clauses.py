"""What one run of prose states: indicators with their target and actual words, and lists of names and values
(sentences written for the tests)."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.extraction.narrative_clauses import (
    achieved_then_aimed,
    closes_clause,
    dimension_by_name,
    list_opening,
    listed,
    named_plans,
    named_value,
    paired,
    parallel,
    pieces,
    planned_first,
    undated_name,
)
from nlp.text.values import find_quantities, parse_value


def test_several_targets_and_actuals_in_a_row_after_ordinals() -> None:
    found = paired(
        "第一,甲类服务覆盖率年初指标值为不低于80%,全年实际完成值92%。第二,乙类补贴人数年初指标值为不低于50人,全年实际完成值47人。"
    )
    assert [(s.name, s.target.raw, s.target.value, s.actual.value) for s in found] == [
        ("甲类服务覆盖率", "不低于80%", 80, 92),
        ("乙类补贴人数", "不低于50人", 50, 47),
    ]
    assert found[0].target.comparator == ">="


def test_targets_and_actuals_without_a_mark_between_indicators() -> None:
    found = paired("丙项补贴按月发放指标为100%实际完成值为100%丁项补贴按季发放指标为95%实际完成值为96%")
    assert [(s.name, s.target.value, s.actual.value) for s in found] == [
        ("丙项补贴按月发放", 100, 100),
        ("丁项补贴按季发放", 95, 96),
    ]


def test_an_actual_without_a_figure_is_the_rest_of_its_clause() -> None:
    [found] = paired("完成时限年初指标值为2024年6月底,实际按期完成,未发生延误。")
    assert found.target.kind == "date" and found.actual.raw == "按期完成"


def test_a_target_is_a_figure_in_the_same_sentence_as_its_actual() -> None:
    assert paired("年初指标值为按规定执行,实际完成值100%") == []
    assert paired("甲率年初指标值为90%。全年实际完成值95%") == []
    assert paired("全年实际完成值95%") == []


def test_offsets_of_paired_indicators_point_at_their_text() -> None:
    text = "其一,戊项年初目标值为20个,实际完成值为22个;其二,己项年初目标值为5次,实际完成值为5次。"
    for stated in paired(text):
        assert stated.name in text[stated.start : stated.end]
        assert text[stated.end - 1] in "个次"


def test_a_list_of_names_and_values_up_to_the_first_clause_that_is_none() -> None:
    found = listed("甲率100%,乙事项按时完成率≥90%、丙款项下达≥95%,丁工作带动效果明显,其他说明文字,戊率100%")
    assert [(s.name, s.actual.raw) for s in found] == [
        ("甲率", "100%"),
        ("乙事项按时完成率", "≥90%"),
        ("丙款项下达", "≥95%"),  # 下达 is the name's verb, not a linking 达
        ("丁工作带动", "效果明显"),
    ]


def test_a_percentage_running_into_the_next_name_and_names_sharing_a_value() -> None:
    found = [s for piece in pieces("甲率为98%乙率及丙率均为100%。", commas=False) for s in piece]
    assert [(s.name, s.actual.value) for s in found] == [("甲率", 98), ("乙率", 100), ("丙率", 100)]


def test_a_clause_of_an_account_is_no_list_item() -> None:
    assert listed("2022年共接待来访人员300人次,开展培训20场") == []
    assert listed("经多方协调,项目进展顺利,完成率100%") == []


def test_a_figure_is_read_in_its_clause_with_the_units_the_unit_list_lacks() -> None:
    [soil] = named_value("年保土量3.51万t")
    [grain] = named_value("人均增产粮食120kg/人")
    assert (soil.name, soil.actual.value, soil.actual.kind) == ("年保土量", 35100, "number")
    assert (grain.actual.raw, grain.actual.value) == ("120kg/人", 120)


def test_list_openings_and_their_roles() -> None:
    text = "(三)绩效指标完成情况分析。甲率100%"
    assert list_opening(text) == (text.index("甲"), "results")
    assert list_opening("上年执行率99%。核心绩效目标:甲率≥98%")[1] == "targets"
    assert list_opening("1.产出指标完成情况。全年接待300人次")[1] is None  # one level's account of the work
    # a goal's sentence: targets the report may state again with their results (narrative keeps those once)
    assert list_opening("本项目总体绩效目标为治理面积20亩") == (10, "goal")
    assert list_opening("自评以年度绩效目标为依据，采用核查方法") is None  # no figure in its first clause


def test_a_listed_indicators_dimension_by_its_words() -> None:
    assert dimension_by_name("工程验收合格率") == "质量指标"
    assert dimension_by_name("按时上报资料") == "时效指标"
    assert dimension_by_name("群众满意度") == "满意度指标"
    assert dimension_by_name("培训人数", "数量指标") == "数量指标"
    assert dimension_by_name("其他事项") == "其他"
    assert dimension_by_name("其他事项", None, parse_value("12人")) == "数量指标"  # a count measures a quantity
    assert dimension_by_name("其他事项", None, parse_value("12%")) == "其他"


def test_a_list_of_targets_then_the_same_list_of_actuals() -> None:
    text = "本年项目目标:甲类补助120人,乙类服务8,丙项培训30人次。实际完成:甲类补助118人,丙项培训35人次,乙类服务8次。"
    found = parallel(text)
    assert [(s.name, s.target.raw, s.actual.raw) for s in found] == [
        ("甲类补助", "120人", "118人"),
        ("丙项培训", "30人次", "35人次"),
        ("乙类服务", "8", "8次"),
    ]
    assert all(s.name in text[s.start : s.end] for s in found)
    # one name in both lists, or lists naming different things, are no such pair
    assert parallel("目标:甲类补助120人。实际完成:甲类补助118人,全年工作顺利") == []
    assert parallel("目标:甲类补助120人,乙类服务8人。实际完成:丁项100人,戊项9人") == []


def test_a_figure_the_sentence_goes_on_from_closes_no_clause() -> None:
    text = "甲标准按困难程度给予2-6个月补助,乙率95%以上,丙价12元/人(含税)"
    closing = [text[q.start : q.end] for q in find_quantities(text) if closes_clause(text, q)]
    assert closing == ["95%", "12元"]
    assert undated_name("甲类补助") and not undated_name("2023年甲类补助") and not undated_name("按规定,甲类")


_PROSE = st.text(
    alphabet=st.sampled_from(
        list("甲乙率人年月底为是均及、,，。;；:：%≥≤<>0123456789.第一二实际完成值年初指标目标有所提高kg/万元 ")
    ),
    max_size=120,
)


@settings(max_examples=300, deadline=None)
@given(_PROSE)
def test_any_prose_reads_without_error_and_offsets_point_into_it(text: str) -> None:
    found = paired(text) + listed(text) + named_value(text) + parallel(text)
    found += [s for piece in pieces(text, commas=False) for s in piece]
    for stated in found:
        assert 0 <= stated.start <= stated.end <= len(text)
        assert stated.name and stated.name in text[stated.start : stated.end]


def test_a_long_run_of_spaces_after_a_full_stop_is_read_in_linear_time() -> None:
    started = time.perf_counter()
    assert list_opening("。" + " " * 20000 + "甲") is None
    assert listed("甲率" + " " * 20000 + "100%") == []
    assert time.perf_counter() - started < 2  # a backtracking pattern takes tens of seconds here


def test_a_target_word_opening_its_own_clause_takes_the_clause_before_as_the_name() -> None:
    text = "1)甲标准制修订项目数量(项),目标值2,完成值3,分值6,得分6。"
    stated = paired(text)
    assert [(s.name, s.target.raw, s.actual.raw) for s in stated] == [("甲标准制修订项目数量(项)", "2", "3")]
    assert text[stated[0].start :].startswith("甲标准")


def test_a_decimal_opening_a_name_is_no_item_number() -> None:
    assert [s.name for s in paired("10.5公里道路,目标值10公里,完成值10公里")] == ["10.5公里道路"]


@given(st.text(alphabet="计划实际完成建设培训农户万亩人次2023年11月底前控制在以内≥%0123456789.，；。", max_size=80))
def test_plans_and_results_in_any_text_lie_inside_it(text: str) -> None:
    for stated in planned_first(text):
        assert 0 <= stated.start < stated.end <= len(text)
        assert stated.name and stated.name in text[stated.start : stated.end]


def test_a_name_its_plan_and_what_was_done_as_three_clauses() -> None:
    """名称，计划X，实际完成Y: one indicator a triple, figures or words, a verb before the plan's figure kept."""
    found = named_plans(
        "甲面积，计划1500亩，实际完成1532亩；乙监测点，计划设置30个，实际设置30个；丙意识，计划明显提高，实际明显提高；"
        "丁成本，计划控制在600万元以内，实际支出552万元。"
    )
    assert [(s.name, s.target.raw, s.actual.raw) for s in found] == [
        ("甲面积", "1500亩", "1532亩"),
        ("乙监测点", "设置30个", "设置30个"),
        ("丙意识", "明显提高", "明显提高"),
        ("丁成本", "控制在600万元以内", "支出552万元"),
    ]
    assert [s.actual.value for s in found] == [1532, 30, None, 552]


def test_a_plan_naming_its_own_work_or_a_sentence_before_it_is_no_triple() -> None:
    """计划安装杀虫灯600盏 names its indicator itself (``planned_first``); a clause with a figure names nothing."""
    assert named_plans("项目进展顺利，计划安装杀虫灯600盏，实际安装600盏。") == []
    assert named_plans("全年投入20万元，计划完成3项，实际完成3项。") == []


def test_a_worded_target_after_its_link_and_an_actual_word() -> None:
    """年度目标为有效保障，实际完成有效保障: a worded target stands after 为; without it the words are prose."""
    [found] = paired("困难群众生活保障水平年度目标为有效保障，实际完成有效保障。")
    assert (found.name, found.target.raw, found.actual.raw) == ("困难群众生活保障水平", "有效保障", "有效保障")
    assert paired("各项工作按年度目标推进有力，实际完成良好。") == []


def test_a_set_target_and_an_expected_one_are_targets() -> None:
    found = paired("甲检出率年初设定目标为≥99%，实际为99.6%。乙完好率预期≥98%，实际99.1%。")
    assert [(s.name, s.target.value, s.actual.value) for s in found] == [("甲检出率", 99, 99.6), ("乙完好率", 98, 99.1)]


def test_a_clause_opening_a_sentence_names_no_indicator() -> None:
    """为保障…，计划投资100万元，实际完成投资98万元: the plan and result are the sentence's, not a name's; nor is
    本项目/我局 before a worded aim the name of one, nor what follows a plan's verb alone (预期受益人口2000人)."""
    assert named_plans("为保障项目顺利实施，计划投资100万元，实际完成投资98万元。") == []
    assert named_plans("我单位高度重视，计划周密，实际完成良好。") == []
    assert paired("本项目年度目标为改善人居环境，实际完成了既定任务。我局年度目标为确保安全，实际完成情况良好。") == []
    assert paired("通过项目实施，预期受益人口2000人，实际受益人口2100人。") == []
    assert paired("项目建成后预期年增收500万元，实际完成值为480万元。") == []
    [found] = paired("新建改建公厕预期完成12座，实际完成10座。")
    assert (found.name, found.target.value, found.actual.value) == ("新建改建公厕", 12, 10)


def test_an_actual_s_particle_and_an_actual_word_alone() -> None:
    [done] = paired("验收合格率年度目标为全部合格，实际完成了全部合格。")
    assert done.actual.raw == "全部合格"
    [bare] = paired("甲覆盖率目标值为95%，实际完成。")
    assert bare.target.value == 95 and bare.actual.raw == "实际完成"


def test_a_rate_s_actual_is_the_rate_its_sentence_states() -> None:
    """实际接入120座，接入率64.5%: against a target in percent, the sentence's rate, not the count before it."""
    [found] = paired("智慧平台接入率预期≥60%，实际接入120座，接入率64.5%。")
    assert (found.target.value, found.actual.value, found.actual.unit) == (60, 64.5, "%")


def test_words_after_a_value_word_are_a_target_without_a_link() -> None:
    """目标值按时完成，实际完成按时完成: 目标值 names the value the words are; a clause mark after it ends no target."""
    [found] = paired("时效指标“春秋两季集中免疫”目标值按时完成，实际完成按时完成。")
    assert (found.target.raw, found.actual.raw) == ("按时完成", "按时完成")
    assert paired("结合历史数据调整指标值,避免目标脱离实际。") == []


def test_a_worded_result_then_the_words_aimed_at() -> None:
    found = achieved_then_aimed("村庄环境卫生状况明显改善，目标明显改善。")
    assert found is not None and (found.name, found.target.raw, found.actual.raw) == (
        "村庄环境卫生状况",
        "明显改善",
        "明显改善",
    )
    assert achieved_then_aimed("我单位工作明显改善，目标明显改善。") is None
    mechanism = achieved_then_aimed("耕地地力保护长效机制逐步健全，目标逐步健全。")
    assert mechanism is not None and mechanism.name == "耕地地力保护长效机制"
