"""Problems and suggestions: one item per point, none-statements, combined sections."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEEDS, write

import nlp
from nlp import ingest
from nlp.outline import build_outline
from nlp.statements import NONE_STATEMENT, find_statements, has_specifics, split_points


def statements_of(path: Path):
    result = nlp.analyze(path)
    return {e.name: e.statements for e in result.evaluations}


@pytest.mark.parametrize("text", ["无", "无。", "暂无", "没有", "未发现问题", "暂无建议。"])
def test_none_statements(text: str) -> None:
    assert NONE_STATEMENT.match(text)


@pytest.mark.parametrize("text", ["无重大问题，但存在以下不足：一是资金拨付慢。", "无违规记录。", "无结余资金"])
def test_not_none_statements(text: str) -> None:
    assert not NONE_STATEMENT.match(text)


def test_enumerated_points_split_with_offsets() -> None:
    text = "一是资金紧张，预算执行慢。二是指标有待完善。"
    points = [text[a:b] for a, b in split_points(text, 0)]
    assert points == ["一是资金紧张，预算执行慢。", "二是指标有待完善。"]
    numbered = "1.预算编制时间短。\n2.缺少培训。\n(3)合理性不足"
    assert [numbered[a:b] for a, b in split_points(numbered, 0)] == [
        "1.预算编制时间短。",
        "2.缺少培训。",
        "(3)合理性不足",
    ]


def test_seed_statements() -> None:
    seed000 = statements_of(SEEDS[0])
    department = seed000["攀枝花市仁和区人民政府办公室"]
    assert [s.kind for s in department] == ["problem", "problem", "suggestion", "suggestion"]
    assert department[0].text.startswith("一是由于地方财政资金财力紧张原因")
    assert [(s.kind, s.text, s.none_statement) for s in seed000["招商引资经费"]] == [
        ("problem", "无。", True),
        ("suggestion", "无。", True),
    ]
    hall = statements_of(SEEDS[1])["政务大厅基本运行经费"]
    assert [s.kind for s in hall].count("problem") == 3


def test_statement_offsets_slice_the_text(seed_path: Path) -> None:
    result = nlp.analyze(seed_path)
    for evaluation in result.evaluations:
        for statement in evaluation.statements:
            assert result.document.text[statement.start : statement.end] == statement.text


def test_not_a_none_statement_when_a_shortfall_follows(tmp_path: Path) -> None:
    text = (
        "某某项目绩效自评报告\n一、评价结论\n良好。\n二、存在的问题\n"
        "无重大问题，但存在以下不足：一是资金拨付慢。二是台账不全。\n三、改进建议\n暂无。\n"
    )
    document = ingest(write(tmp_path, "a.txt", text))
    sections = build_outline(document)
    for section in sections:
        section.label = {"二": "problems", "三": "suggestions"}.get(section.heading[:1], "other")
    statements, _ = find_statements(document, sections, [s.id for s in sections])
    problems = [s for s in statements if s.kind == "problem"]
    assert [s.none_statement for s in problems] == [False, False, False]
    assert [s.none_statement for s in statements if s.kind == "suggestion"] == [True]


def test_combined_problems_and_suggestions_section_is_split(tmp_path: Path) -> None:
    text = "某某项目绩效自评报告\n一、问题及建议\n项目进度滞后，原因是招标延期。\n建议：提前启动招标。\n"
    document = ingest(write(tmp_path, "a.txt", text))
    sections = build_outline(document)
    statements, present = find_statements(document, sections, [s.id for s in sections])
    assert [(s.kind, s.text) for s in statements] == [
        ("problem", "项目进度滞后，原因是招标延期。"),
        ("suggestion", "建议：提前启动招标。"),
    ]
    assert present == {"problem": True, "suggestion": True}


def test_specifics() -> None:
    assert has_specifics("由于财政资金紧张，支付进度滞后")
    assert has_specifics("夜间接通率仅为81%")
    assert not has_specifics("进一步加强管理，提高资金使用效益")
