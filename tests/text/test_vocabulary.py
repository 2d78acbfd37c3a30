"""The enumeration markers and budget labels, defined once in vocab/*.toml and used by every module."""

from __future__ import annotations

import re

import pytest

from nlp.extraction import budget, claim_rules, narrative, statements
from nlp.structure import outline, sections
from nlp.text.normalize import ENUMERATION_START
from nlp.text.vocabulary import budget_labels, is_budget_label, known_cell_words, marker, vocabulary


@pytest.mark.parametrize(
    ("style", "marks", "not_marks"),
    [
        ("part", ["第一部分", "第2章", "第十二部分"], ["第一节", "第部分"]),
        ("toc", ["目录", "目 录"], ["目  录"]),
        ("cn", ["一、", "十一.", "二十、", "一百零一、"], ["一", "一，", "A、"]),
        ("pcn", ["(一)", "(十二)"], ["(1)", "()", "(一"]),
        ("ar", ["1.", "12、"], ["1.5", "123.", "1", "1，"]),
        ("par", ["(1)", "(12)"], ["(123)", "(一)", "(*)"]),
        ("circle", ["①", "⑳"], ["❶", "1"]),
        ("point", ["一是", "两是"], ["十一是是", "1是"]),
    ],
)
def test_each_marker_style_matches_its_shape_whole(style: str, marks: list[str], not_marks: list[str]) -> None:
    pattern = re.compile(marker(style))
    assert all(pattern.fullmatch(text) for text in marks)
    assert not any(pattern.fullmatch(text) for text in not_marks)


def test_a_dot_after_an_arabic_number_is_never_a_decimal_point() -> None:
    assert re.match(marker("ar"), "1.5亿元") is None
    assert re.match(marker("ar"), "1.项目") is not None
    assert re.match(marker("cn"), "一.5") is not None  # a Chinese number has no decimals


def test_marker_options() -> None:
    assert re.fullmatch(marker("ar", ends="、).", digits=3), "100)")
    assert re.fullmatch(marker("ar", ends=""), "12")
    assert re.fullmatch(marker("par", masked=True), "(*)")
    assert not re.fullmatch(marker("pcn", digits=1), "(十一)")
    assert re.fullmatch(marker("cn", capture=True), "十一、").group(1) == "十一"
    with pytest.raises(ValueError, match="unknown marker style"):
        marker("roman")


@pytest.mark.parametrize(
    "line", ["一、基本情况", "(二)项目概况", "3.资金使用", "(4)绩效目标", "⑤产出", "第一部分 概述"]
)
def test_every_module_reads_the_same_heading_marker(line: str) -> None:
    """A heading number the outline numbers is a line start, a prefix sections strip, a list number in prose."""
    assert ENUMERATION_START.match(line)
    assert any(pattern.match(line) for _, pattern in outline._MARKERS)
    assert sections.heading_title(line) != line
    assert budget._LIST_NUMBER.match(line).end() > 0 or line.startswith("第")  # a part is no list item


def test_modules_agree_on_the_numerals() -> None:
    """两 and 百 count in every module (the earlier copies differed: 一…十 only in some)."""
    assert statements._POINT.match("两是")
    assert claim_rules._LEADING.match("两是资金").group() == "两是"
    assert sections.heading_title("一百、附录") == "附录"
    assert narrative._LINE.match("①数量指标：培训120人次")
    assert outline._INLINE_MARKER.search("如下:二、项目情况").group(1) == "二"


def test_the_outline_leaves_a_list_item_stating_a_figure() -> None:
    assert outline._states_figure("公务接待费支出0万元")
    assert outline._states_figure("覆盖率达95%")
    assert not outline._states_figure("三个方面的问题")  # a figure in words is a heading's
    assert not outline._states_figure("2023年度工作")


def test_budget_labels_are_one_list_in_budget_toml() -> None:
    assert "labels" not in vocabulary("tables").get("budget", {})
    assert set(budget_labels()) == set(vocabulary("budget")["table"]["header"])
    assert set(budget_labels()) <= known_cell_words()
    assert is_budget_label("全年预算数(万元)")
    assert not is_budget_label("年初预算")  # a caption over grouped columns, not a header cell


def test_a_claims_leading_list_number_is_not_half_a_decimal() -> None:
    assert claim_rules._LEADING.match("2.完成").group() == "2."
    assert claim_rules._LEADING.match("22.5科目调整次数") is None


def test_every_list_of_quality_components_is_the_rubrics() -> None:
    """The settings' fields and the reports' copies name the components COMPONENTS does, in its order."""
    from nlp.quality.rubric import COMPONENT_NAMES, COMPONENTS
    from nlp.report import document_report, terminal
    from nlp.settings import _QualityWeights, default_settings

    assert terminal.COMPONENTS is COMPONENTS and document_report.COMPONENT_NAMES is COMPONENT_NAMES  # imported

    assert tuple(_QualityWeights.model_fields) == COMPONENTS
    assert tuple(default_settings().quality.data["weights"]) == COMPONENTS
    assert tuple(vocabulary("names_zh")["components"]) == COMPONENTS


def test_dimension_vocabulary_names_only_spec_dimensions() -> None:
    """Signs and groups come from one table in vocab/tables.toml; a typo there would invent a dimension."""
    from nlp.extraction.indicators import DIMENSIONS, dimension_of, implied_level1, level1_group

    assert DIMENSIONS[-1] == "其他" and len(DIMENSIONS) == len(set(DIMENSIONS)) == 10
    assert dimension_of("经济成本指标") == "成本指标" and dimension_of("服务对象满意度") == "满意度指标"
    assert dimension_of("产出时效") == "时效指标" and dimension_of("其它") == "其他"
    assert {implied_level1(d) for d in DIMENSIONS} == {"产出指标", "效益指标", "满意度指标", None}
    assert level1_group("完成指标", "数量指标") == "产出指标" and level1_group(None, "成本指标") is None


def test_a_form_row_number_is_no_header_cell_nor_the_end_of_a_word_before_a_percentage() -> None:
    from nlp.text.vocabulary import column_role, row_marker

    assert column_role("指标1:培训人数") is None  # a numbered row's name, not a 指标 column
    assert column_role("指标值") == "target"
    assert row_marker().match("指标100%") is None  # 定量指标 | 100%
    assert row_marker().match("指标12021年11月完成").group() == "指标1"
    assert row_marker().match("指标2：宣传场次").group() == "指标2："
    assert row_marker().match("指标3.药品抽验品种").group() == "指标3."  # a full stop ends the number too
    assert row_marker().match("指标4、培训").group() == "指标4、"
    assert row_marker().match("指标1.5倍").group() == "指标1"  # not a decimal


@pytest.mark.parametrize(
    ("header", "role"),
    [("调整指标值", "adjusted"), ("得分系数(%)", "ratio"), ("是否核心指标", "core"), ("指标权重(分)", "weight")],
)
def test_the_columns_of_a_department_form_with_a_share_and_a_core_column(header: str, role: str) -> None:
    from nlp.text.vocabulary import column_role

    assert column_role(header) == role
