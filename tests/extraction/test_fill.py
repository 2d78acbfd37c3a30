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
