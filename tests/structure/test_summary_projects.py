"""Projects a 决算's performance summary scores one clause run each (nlp.structure.summary_projects)."""

from __future__ import annotations

from pathlib import Path

from conftest import write

import nlp
from nlp.structure.summary_projects import summary_projects

SUMMARY = (
    "某县水利局2023年度部门决算\n第二部分 2023年度部门决算情况说明\n（四）预算绩效管理情况\n"
    "本部门组织对3个项目开展了重点绩效自评。从自评情况看，小型水库安全运行管护项目全年预算数468.00万元，"
    "执行数468.00万元，自评得分95.54分；河湖长制工作经费项目全年预算数126.40万元，执行数118.62万元，"
    "自评得分92分{third}。\n第三部分 名词解释\n1.财政拨款收入：指县级财政当年拨付的资金。\n"
)


def evaluations(tmp_path: Path, third: str) -> list[tuple[str, float | None, float | None]]:
    analysis = nlp.analyze(write(tmp_path, "d.txt", SUMMARY.format(third=third)))
    return [(e.name, e.claimed_score, e.budget.executed if e.budget else None) for e in analysis.evaluations]


def test_each_project_a_summary_scores_is_an_evaluation_with_its_budget_and_score(tmp_path: Path) -> None:
    found = evaluations(tmp_path, "；水土保持综合治理项目全年预算数692.00万元，执行数655.30万元，自评得分88.5分")
    assert [name for name, _, _ in found if name.endswith("项目")] == [
        "小型水库安全运行管护项目",
        "河湖长制工作经费项目",
        "水土保持综合治理项目",
    ]
    assert ("河湖长制工作经费项目", 92.0, 118.62) in found


def test_a_single_scored_project_is_no_list(tmp_path: Path) -> None:
    one = SUMMARY.format(third="").replace(
        "；河湖长制工作经费项目全年预算数126.40万元，执行数118.62万元，自评得分92分", ""
    )
    analysis = nlp.analyze(write(tmp_path, "d.txt", one))
    assert summary_projects(analysis.ingested, analysis.sections) == []
    two = nlp.analyze(write(tmp_path, "d.txt", SUMMARY.format(third="")))
    assert [p.name for p in summary_projects(two.ingested, two.sections)] == [
        "小型水库安全运行管护项目",
        "河湖长制工作经费项目",
    ]
