"""Evaluation units on the seeds (the counts the issue states) and on other templates."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

import nlp
from nlp.units import main_organisation, project_name

DOCUMENTS = ROOT / "tests" / "documents"

EXPECTED = {
    "000": [
        ("department", "仁和区人民政府办公室"),
        ("project", "招商引资经费"),
        ("project", "安全维稳专项经费"),
        ("project", "电子政务外网光纤租用费、协同办公平台运维费"),
    ],
    "001": [("department", "西区行政审批局"), ("project", "政务大厅基本运行经费")],
    "002": [("department", "市中区人民政府办公室")],
    "003": [
        ("department", "攀枝花市人民政府办公室"),
        ("department", "攀枝花市地方志编纂中心"),
        ("project", "保安经费"),
        ("project", "物业管理费"),
        ("project", "政务商务服务采购费"),
        ("project", "市政府办公室业务运行费"),
        ("project", "市政府办公室工作经费"),
    ],
    "004": [("department", "剑阁县人民政府办公室"), ("project", "招商引资")],
}


def fuzzy_equal(found: str | None, expected: str) -> bool:
    return bool(found) and (expected in found or found in expected)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_evaluations(seed: Path) -> None:
    evaluations = nlp.analyze(seed).evaluations
    found = [(e.kind, e.name) for e in evaluations]
    expected = EXPECTED[seed.stem[:3]]
    assert len(found) == len(expected), found
    for (kind, name), (want_kind, want_name) in zip(found, expected, strict=True):
        assert kind == want_kind and fuzzy_equal(name, want_name), (kind, name)


def test_report_and_table_of_a_project_merge() -> None:
    evaluations = nlp.analyze(SEEDS[3]).evaluations
    merged = [e for e in evaluations if len(e.roots) == 2]
    assert [e.name for e in merged] == ["保安经费项目", "物业管理费项目"]
    unnamed_report = nlp.analyze(SEEDS[4]).evaluations[1]
    assert len(unnamed_report.roots) == 2 and unnamed_report.name == "招商引资"


def test_evaluation_spans_and_sections_are_consistent(seed_path: Path) -> None:
    result = nlp.analyze(seed_path)
    ids = {s.id for s in result.sections}
    for evaluation in result.evaluations:
        assert 0 <= evaluation.start < evaluation.end <= len(result.document.text)
        assert evaluation.sections and set(evaluation.sections) <= ids


def test_other_templates_name_projects_in_parentheses_and_table_cells() -> None:
    hunan = [(e.kind, e.name) for e in nlp.analyze(DOCUMENTS / "hunan_dept_and_project.md").evaluations]
    assert hunan == [("department", "湘潭市雨湖区教育局"), ("project", "学生资助")]
    anhui = [(e.kind, e.name) for e in nlp.analyze(DOCUMENTS / "anhui_project.txt").evaluations]
    assert anhui == [("project", "环卫保洁服务项目")]
    yunnan = [(e.kind, e.name) for e in nlp.analyze(DOCUMENTS / "yunnan_dept.txt").evaluations]
    assert yunnan == [("department", "昆明市五华区卫生健康局")]


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("2022年政务大厅基本运行经费专项资金预算项目绩效自评报告", "政务大厅基本运行经费"),
        ("剑阁县人民政府办公室2022年招商引资项目绩效自评表", "招商引资"),
        ("剑阁县人民政府办公室2022年项目支出绩效自评报告", None),
        ("2021年某某项目绩效目标自评(保安经费)", "保安经费"),
    ],
)
def test_project_name_from_title(title: str, name: str | None) -> None:
    assert project_name(title) == name


def test_main_organisation_prefers_the_name_used_most() -> None:
    text = "纳入西区行政审批局编制范围。西区行政审批局负责。西区行政审批局下属。攀枝花市西区政务服务中心。"
    assert main_organisation(text) == "西区行政审批局"
