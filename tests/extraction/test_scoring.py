"""Whether indicators were met, the recomputed score (DOMAIN.md §3), and budgets and scores in prose."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

import nlp
from nlp.extraction.budget import budget_in_text, score_in_text, scored_clauses
from nlp.extraction.scoring import achieved, recomputed_score
from nlp.settings import default_settings
from nlp.text.document import Indicator
from nlp.text.values import parse_value

CONFIG = default_settings().scoring
DOCUMENTS = ROOT / "tests" / "documents"


def indicator(target: str | None, actual: str | None, level1: str = "产出指标", dimension: str = "数量指标"):
    return Indicator(
        dimension, level1, dimension, "x",
        parse_value(target) if target else None, parse_value(actual) if actual else None,
        None, None, "table", 0, 1,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("target", "actual", "met"),
    [
        ("≥120公里", "126公里", True),
        ("3座", "2座", False),
        ("≤4万元", "3.8万元", True),
        ("≤4万元", "4.5万元", False),
        ("≧90%", "≧90%", True),
        ("2021年12月底前", "2021年11月20日", True),
        ("2021年1月—2021年12月", "2021年1月—2021年12月", True),
        ("2022年12月", "2023年1月", False),
        ("有所提升", "未达到预期", False),
        ("进一步提升", "进一步提升", None),
        ("按时完成", "已按时完成", True),
        ("50-100万元", "80万元", True),
        ("约30人", "28人", True),
        ("17人", None, None),
    ],
)
def test_achieved(target: str, actual: str | None, met: bool | None) -> None:
    assert achieved(indicator(target, actual), CONFIG) is met


def test_recomputed_score_splits_group_weights_and_counts_budget_execution() -> None:
    rows = [
        indicator("10人", "10人"),
        indicator("10人", "5人"),
        indicator("≥90%", "95%", "满意度指标", "满意度指标"),
        indicator(None, None, "效益指标", "社会效益指标"),  # a blank 一级 earns nothing
    ]
    for row in rows:
        row.achieved = achieved(row, CONFIG)
    rows[3].name = None
    # budget 10 × 0.9 + 产出 25 + 25 × 0.5 + 满意度 10; 效益 empty → 0
    assert recomputed_score(rows, 100, 90, {}, CONFIG) == pytest.approx(9 + 25 + 12.5 + 10)


def test_custom_scoring_config(tmp_path: Path) -> None:
    custom = (
        (ROOT / "nlp" / "extraction" / "scoring.toml")
        .read_text(encoding="utf-8")
        .replace("unclear = 0.8", "unclear = 0.6")
    )
    (tmp_path / "s.toml").write_text(custom, encoding="utf-8")
    default = nlp.analyze(SEEDS[3]).evaluations[2].recomputed_score
    stricter = nlp.analyze(SEEDS[3], scoring=tmp_path / "s.toml").evaluations[2].recomputed_score
    assert stricter < default


def test_budget_and_score_in_prose() -> None:
    budget = budget_in_text(
        "1.资金计划。招商引资经费年初预算40万元。\n2.资金到位。实际支付39.17万元，资金使用率为97.92%。"
    )
    assert (budget.planned, budget.executed, budget.rate) == (40, 39.17, 97.92)
    assert budget_in_text("人员经费659.98万元，执行数659.98万元").planned is None
    assert score_in_text("自我评价得分：96分") == 96
    assert score_in_text("自评得分为 88.5 分") == 88.5
    assert scored_clauses("其中，甲局部门整体绩效自评得分为96分，综述…；乙项目绩效自评得分为100分。") == [
        ("甲局部门整体", 96.0),
        ("乙项目", 100.0),
    ]


EXPECTED = {
    # seed: (evaluation index, planned, executed, rate, claimed score)
    "000": [(1, 40, 39.17, 97.92, None)],
    "001": [(0, None, None, None, 96), (1, 34.36, 34.36, 100, 100)],
    "003": [(5, 200, 200, 100, None)],
    # 004's department report states the unit's whole spending (本年支出合计651.04万元) and no budget
    "004": [(0, None, 651.04, None, 97), (1, 20, 20, 100, None)],
}


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_budgets_and_claimed_scores(seed: str) -> None:
    path = next(p for p in SEEDS if p.name.startswith(seed))
    evaluations = nlp.analyze(path).evaluations
    for index, planned, executed, rate, claimed in EXPECTED[seed]:
        evaluation = evaluations[index]
        budget = evaluation.budget
        assert (budget.planned, budget.executed, budget.rate, evaluation.claimed_score) == (
            planned, executed, rate, claimed,
        ), evaluation.name  # fmt: skip


def test_narrative_indicators_of_seed_003() -> None:
    security = nlp.analyze(SEEDS[3]).evaluations[2]
    narrative = [i for i in security.indicators if i.source == "narrative"]
    first = narrative[0]
    assert (first.dimension, first.name, first.actual.value, first.actual.unit) == (
        "数量指标",
        "招聘安保人员",
        17,
        "人",
    )


def test_narrative_indicator_with_target_and_actual() -> None:
    hall = nlp.analyze(SEEDS[1]).evaluations[1]
    cost = next(i for i in hall.indicators if i.source == "narrative" and i.dimension == "成本指标")
    assert (cost.target.value, cost.actual.value, cost.achieved) == (34.36, 34.36, True)
