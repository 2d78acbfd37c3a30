"""Filling an evaluation from its tables and prose: the 年度总体目标 as a record whose passages slice the text."""

from __future__ import annotations

from conftest import SEEDS

import nlp
from nlp.text.document import Goal


def test_a_forms_overall_goal_is_a_record_of_passages_in_the_text() -> None:
    analysis = nlp.analyze(SEEDS[4])
    goals = [e.goal for e in analysis.evaluations if e.goal is not None]
    assert goals and all(isinstance(goal, Goal) for goal in goals)
    text = analysis.ingested.text
    for goal in goals:
        for passage in (goal.expected, goal.actual):
            assert passage is None or text[passage.start : passage.end] == passage.text
    assert goals[0].actual.text == "全年招商引资任务已完成"
    actual = goals[0].actual
    assert goals[0].to_dict()["actual"] == {"text": actual.text, "start": actual.start, "end": actual.end}
