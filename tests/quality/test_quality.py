"""The quality score: components in range, configurable weights, grades, reasons, and validity."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

import nlp
from nlp.quality.rubric import COMPONENTS, answers, grade, problem_substance, surveyed
from nlp.settings import default_settings
from nlp.text.document import Quality, Statement


def test_components_scores_and_grades_are_in_range(seed_path: Path) -> None:
    for evaluation in nlp.analyze(seed_path).evaluations:
        quality = evaluation.quality
        assert set(quality.components) == set(COMPONENTS)
        assert all(0 <= v <= 100 for v in quality.components.values())
        assert 0 <= quality.score <= 100 and quality.grade == grade(quality.score, default_settings().quality)
        assert len(quality.explanations) == 5
        assert not any(re.search(r"[。；，]{2}", line) for line in quality.explanations), quality.explanations


@pytest.mark.parametrize(("score", "expected"), [(85, "A"), (84.9, "B"), (70, "B"), (55, "C"), (54.9, "D")])
def test_grade_edges(score: float, expected: str) -> None:
    assert grade(score, default_settings().quality) == expected


def test_explanations_name_the_flags_that_moved_a_component() -> None:
    (evaluation,) = [e for e in nlp.analyze(SEEDS[0]).evaluations if e.name == "招商引资经费"]
    candor = next(line for line in evaluation.quality.explanations if line.startswith("坦诚度"))
    assert "NONE_STATEMENT×2" in candor


def test_weights_file_overrides_the_defaults(tmp_path: Path) -> None:
    custom = (ROOT / "nlp" / "quality" / "quality.toml").read_text(encoding="utf-8")
    custom = custom.replace("candor = 0.2", "candor = 0.6")
    (tmp_path / "q.toml").write_text(custom, encoding="utf-8")
    default = {e.name: e.quality for e in nlp.analyze(SEEDS[0]).evaluations}
    heavy = {e.name: e.quality for e in nlp.analyze(SEEDS[0], weights=tmp_path / "q.toml").evaluations}
    assert heavy["招商引资经费"].weights["candor"] == 0.6
    assert heavy["招商引资经费"].score < default["招商引资经费"].score  # its candor is low


def test_codebook_carries_the_pipeline_version() -> None:
    codebook = (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    assert f"pipeline_version: {nlp.PIPELINE_VERSION}" in codebook


_REPORT = """某县农业局2023年度项目支出绩效自评报告

一、项目概况
本局设5个内设机构，编制42人，在职38人。
二、绩效目标完成情况
项目预算100万元，执行98万元，执行率98%。培训农民1200人次，目标1500人次，未完成。
三、自评得分
自评得分96分。
四、存在的问题
一是培训人数仅完成1200人次，比目标少300人次，主要是由于春耕期间农户外出务工导致参训率低。
五、改进建议
一是把培训安排在农闲的12月至次年2月，提高农户参训率。
"""


def _quality(tmp_path: Path, text: str) -> Quality:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    (evaluation,) = nlp.analyze(path).evaluations
    return evaluation.quality


def test_a_problem_scores_for_what_how_much_and_why() -> None:
    assert problem_substance("资金管理有待进一步加强") == 0
    assert problem_substance("由于年底财政资金紧张，有12.5万元未支付") == 1


def test_a_suggestion_counts_only_when_it_answers_a_stated_problem() -> None:
    problem = Statement("problem", "一是村级公路病害处置不及时，坑槽修补滞后", 0, 10, False)
    specific = Statement("suggestion", "一是建立病害巡查台账，坑槽48小时内修补", 0, 10, False)
    generic = Statement("suggestion", "一是进一步加强资金管理，提高绩效管理水平", 0, 10, False)
    assert answers(specific, [problem]) and not answers(generic, [problem])


def test_a_satisfaction_figure_needs_a_survey_with_a_number() -> None:
    assert surveyed("共发放问卷300份，收回286份，满意度88.6%")
    assert not surveyed("群众满意度达到95%以上")


def test_full_marks_concede_nothing_and_cost_candor(tmp_path: Path) -> None:
    modest = _quality(tmp_path, _REPORT)
    perfect = _quality(tmp_path, _REPORT.replace("自评得分96分", "自评得分100分"))
    assert perfect.components["candor"] < modest.components["candor"]
    assert any("自评满分" in line for line in perfect.explanations)


def test_numbers_in_the_background_do_not_buy_specificity(tmp_path: Path) -> None:
    plain = _quality(tmp_path, _REPORT)
    padded = _quality(
        tmp_path, _REPORT.replace("在职38人。", "在职38人，耕地12.6万亩，农户3.2万户，村委会86个，合作社240家。")
    )
    assert padded.components["specificity"] == plain.components["specificity"]


_TABLE = """项目支出绩效自评表
项目名称\t乡村道路养护
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分
产出指标\t数量指标\t道路养护里程\t≥300公里\t{actual}\t20\t{points}
产出指标\t质量指标\t验收合格率\t100%\t100%\t20\t20
效益指标\t社会效益指标\t群众出行条件\t明显改善\t{benefit}\t20\t20
"""


def test_an_unmet_row_scored_at_full_points_costs_candor(tmp_path: Path) -> None:
    scored_down = _quality(tmp_path, _TABLE.format(actual="270公里", points="18", benefit="明显改善"))
    denied = _quality(tmp_path, _TABLE.format(actual="270公里", points="20", benefit="明显改善"))
    assert denied.components["candor"] < scored_down.components["candor"]
    assert any("未完成仍得满分：道路养护里程" in line for line in denied.explanations)


def test_a_table_that_admits_nothing_loses_candor_and_specificity(tmp_path: Path) -> None:
    admitted = _quality(tmp_path, _TABLE.format(actual="270公里", points="18", benefit="明显改善"))
    silent = _quality(tmp_path, _TABLE.format(actual="300公里", points="20", benefit="明显改善"))
    assert silent.components["candor"] < admitted.components["candor"]
    assert silent.components["specificity"] < admitted.components["specificity"]
    assert any("没有未完成的指标" in line for line in silent.explanations)


def test_vague_actuals_lower_specificity_and_are_named(tmp_path: Path) -> None:
    checkable = _quality(tmp_path, _TABLE.format(actual="270公里", points="18", benefit="通行时间缩短12分钟"))
    vague = _quality(tmp_path, _TABLE.format(actual="270公里", points="18", benefit="明显改善"))
    assert vague.components["specificity"] < checkable.components["specificity"]
    assert any("群众出行条件" in line for line in vague.explanations if line.startswith("具体性"))


def test_template_problems_do_not_count_as_an_admission(tmp_path: Path) -> None:
    specific = _quality(tmp_path, _REPORT)
    template = _quality(
        tmp_path,
        _REPORT.replace(
            "一是培训人数仅完成1200人次，比目标少300人次，主要是由于春耕期间农户外出务工导致参训率低。",
            "一是绩效管理意识有待进一步加强。",
        ).replace("培训农民1200人次，目标1500人次，未完成。", ""),
    )
    assert template.components["candor"] < specific.components["candor"]
    assert any("只有空泛的问题" in line for line in template.explanations)
