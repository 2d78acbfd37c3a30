"""The quality of a self-assessment (SPEC §3): five components, a weighted score, a grade, reasons.

The formulas are in docs/codebook.md, with the research each follows and its
limits; every number they use is in ``nlp/quality.toml`` (or ``--weights FILE``).
Quality is that of the self-assessment as a disclosure, not of the project.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from nlp.corpus_stats import Reference
from nlp.outline import Section
from nlp.statements import has_specifics
from nlp.units import Evaluation

DEFAULT_CONFIG = Path(__file__).with_name("quality.toml")
COMPONENTS = ("completeness", "specificity", "candor", "consistency", "originality")
_NAMES = {
    "completeness": "完整性",
    "specificity": "具体性",
    "candor": "坦诚度",
    "consistency": "一致性",
    "originality": "原创性",
}


@dataclass(frozen=True)
class QualityConfig:
    data: dict

    @classmethod
    def load(cls, path: Path | None = None) -> QualityConfig:
        return cls(tomllib.loads((path or DEFAULT_CONFIG).read_text(encoding="utf-8")))

    @property
    def weights(self) -> dict[str, float]:
        return {name: float(self.data["weights"][name]) for name in COMPONENTS}


def _penalty(counts: Counter, table: dict, code: str, key: str) -> float:
    return min(counts[code] * table[key], table.get(f"{key}_cap", float("inf")))


def _clamp(value: float) -> float:
    return round(max(0.0, min(100.0, value)), 1)


def completeness(evaluation: Evaluation, labels: set[str], is_report: bool) -> tuple[float, list[str]]:
    parts = {
        "绩效目标": "goals" in labels or evaluation.goal is not None,
        "绩效指标": any(not i.empty for i in evaluation.indicators),
        "预算执行": evaluation.budget is not None and evaluation.budget.planned is not None,
    }
    if is_report:
        kinds = {s.kind for s in evaluation.statements}
        parts.update(
            {"评价结论": "conclusion" in labels, "存在问题": "problem" in kinds, "改进建议": "suggestion" in kinds}
        )
    missing = [name for name, present in parts.items() if not present]
    score = 100 * (len(parts) - len(missing)) / len(parts)
    return _clamp(score), [f"缺少：{'、'.join(missing)}。"] if missing else ["各部分齐全。"]


def specificity(evaluation: Evaluation, config: QualityConfig) -> tuple[float, list[str]]:
    parts, reasons = [], []
    targets = [i for i in evaluation.indicators if not i.empty and i.target]
    if targets:
        quantified = sum(1 for i in targets if i.target["kind"] != "text") / len(targets)
        parts.append(quantified)
        reasons.append(f"可量化目标占{quantified:.0%}。")
    statements = [s for s in evaluation.statements if not s.none_statement]
    if statements:
        specific = sum(1 for s in statements if has_specifics(s.text)) / len(statements)
        parts.append(specific)
        reasons.append(f"问题与建议中有具体内容（数字、对象、原因）的占{specific:.0%}。")
    if evaluation.statements or evaluation.claims:
        density = min(1.0, len(evaluation.claims) / config.data["specificity"]["claims_for_full_marks"])
        parts.append(density)
        reasons.append(f"叙述中有{len(evaluation.claims)}处量化陈述。")
    if not parts:
        return 0.0, ["没有可判断具体性的内容。"]
    return _clamp(100 * sum(parts) / len(parts)), reasons


def candor(evaluation: Evaluation, counts: Counter, is_report: bool, config: QualityConfig) -> tuple[float, list[str]]:
    table = config.data["candor"]
    score, reasons = float(table["base"]), []
    for code, key in [
        ("NONE_STATEMENT", "none_statement"),
        ("PERFECT_RECORD", "perfect_record"),
        ("UNSUPPORTED_SATISFACTION", "unsupported_satisfaction"),
        ("SCORE_MISMATCH", "score_mismatch"),
    ]:
        penalty = _penalty(counts, table, code, key)
        if penalty:
            score -= penalty
            reasons.append(f"{code}×{counts[code]}（−{penalty:g}）")
    problems = [s for s in evaluation.statements if s.kind == "problem"]
    if is_report and not problems:
        score -= table["missing_problems"]
        reasons.append(f"未写存在问题（−{table['missing_problems']:g}）")
    if any(has_specifics(s.text) and not s.none_statement for s in problems):
        score += table["cause_bonus"]
        reasons.append(f"问题写明了原因或具体情况（+{table['cause_bonus']:g}）")
    if any(i.achieved is False for i in evaluation.indicators):
        score += table["shortfall_bonus"]
        reasons.append(f"如实报告了未完成的指标（+{table['shortfall_bonus']:g}）")
    return _clamp(score), reasons or ["无影响坦诚度的发现。"]


def _penalized(counts: Counter, table: dict, codes: list[tuple[str, str]], base: float) -> tuple[float, list[str]]:
    score, reasons = base, []
    for code, key in codes:
        penalty = _penalty(counts, table, code, key)
        if penalty:
            score -= penalty
            reasons.append(f"{code}×{counts[code]}（−{penalty:g}）")
    return score, reasons


def consistency(counts: Counter, config: QualityConfig) -> tuple[float, list[str]]:
    codes = [
        ("ARITHMETIC_MISMATCH", "arithmetic_mismatch"),
        ("UNIT_ERROR", "unit_error"),
        ("NARRATIVE_TABLE_CONFLICT", "narrative_table_conflict"),
        ("TARGET_EQUALS_ACTUAL", "target_equals_actual"),
        ("MALFORMED_TABLE", "malformed_table"),
        ("SCORE_MISMATCH", "score_mismatch"),
    ]
    score, reasons = _penalized(counts, config.data["consistency"], codes, 100.0)
    return _clamp(score), reasons or ["未发现前后矛盾。"]


def originality_base(text: str, reference: Reference) -> float:
    """Originality before the flags' penalties: the share of words outside template sentences."""
    return 100 * (1 - (reference.boilerplate_share(text) if text else 0.0))


def penalized_originality(base: float, counts: Counter, config: QualityConfig) -> tuple[float, list[str]]:
    codes = [("DUPLICATE_TEXT", "duplicate_text"), ("BOILERPLATE_TEXT", "boilerplate_text")]
    score, reasons = _penalized(counts, config.data["originality"], codes, base)
    return _clamp(score), reasons


def originality(text: str, counts: Counter, reference: Reference, config: QualityConfig) -> tuple[float, list[str]]:
    base = originality_base(text, reference)
    score, reasons = penalized_originality(base, counts, config)
    share = 1 - base / 100
    return score, [
        f"模板化用语占{share:.0%}（对照组：{reference.group}，{reference.n_documents}份）。",
        *reasons,
    ]


def weighted_score(components: dict[str, float], config: QualityConfig) -> float:
    weights = config.weights
    return round(sum(weights[c] * components[c] for c in COMPONENTS) / sum(weights.values()), 1)


def grade(score: float, config: QualityConfig) -> str:
    edges = config.data["grades"]
    return next((g for g in ("A", "B", "C") if score >= edges[g]), "D")


def assess(
    evaluation: Evaluation, sections: dict[str, Section], text: str, reference: Reference, config: QualityConfig
) -> dict:
    """The SPEC §3 ``quality`` of one evaluation."""
    labels = {sections[s].label for s in evaluation.sections}
    is_report = any(sections[r].style == "title" for r in evaluation.roots)
    counts = Counter(flag.code for flag in evaluation.flags)
    results = {
        "completeness": completeness(evaluation, labels, is_report),
        "specificity": specificity(evaluation, config),
        "candor": candor(evaluation, counts, is_report, config),
        "consistency": consistency(counts, config),
        "originality": originality(text, counts, reference, config),
    }
    components = {c: results[c][0] for c in COMPONENTS}
    score = weighted_score(components, config)
    explanations = [f"{_NAMES[c]} {results[c][0]:g}：{'；'.join(results[c][1])}" for c in COMPONENTS]
    return {
        "score": score,
        "grade": grade(score, config),
        "components": components,
        "weights": config.weights,
        "explanations": explanations,
    }
