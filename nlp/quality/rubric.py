"""The quality of a self-assessment (SPEC §3): five components, a weighted score, a grade, reasons.

The formulas are in docs/codebook.md, with the research each follows and its
limits; every number they use is in ``nlp/quality/quality.toml`` (or ``--weights FILE``),
every word in ``nlp/text/vocab/quality.toml``. Quality is that of the self-assessment
as a disclosure, not of the project: a shortfall stated with its cause and fix
scores higher than a perfect record nobody could check.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from nlp.extraction.statements import has_specifics
from nlp.text.corpus_stats import Reference
from nlp.text.document import Evaluation, Quality, Section, Statement
from nlp.text.vocabulary import vocabulary

# The quality components, in report order, with the names their explanations give them. The weights
# (quality.toml, nlp.settings) and the reports name the same five; tests/test_vocabulary.py holds them to it.
COMPONENT_NAMES = {
    "completeness": "完整性",
    "specificity": "具体性",
    "candor": "坦诚度",
    "consistency": "一致性",
    "originality": "原创性",
}
COMPONENTS = tuple(COMPONENT_NAMES)
_SATISFACTION = "满意度指标"
_HAN_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")


@dataclass(frozen=True)
class QualityConfig:
    """The tables of ``quality.toml`` (or ``--weights FILE``), as validated by ``nlp.settings``."""

    data: dict

    @property
    def weights(self) -> dict[str, float]:
        return {name: float(self.data["weights"][name]) for name in COMPONENTS}


@dataclass(frozen=True)
class _Vocabulary:
    """``nlp/text/vocab/quality.toml`` compiled once."""

    background: frozenset[str]
    cause: re.Pattern
    survey: re.Pattern
    generic_pairs: frozenset[str]
    openers: re.Pattern


@cache
def _vocabulary() -> _Vocabulary:
    data = vocabulary("quality")
    words, window = "|".join(data["survey"]), int(data["survey_window"])
    return _Vocabulary(
        background=frozenset(data["background_labels"]),
        cause=re.compile("|".join(data["cause"])),
        survey=re.compile(rf"(?:{words})[^。；\n]{{0,{window}}}\d|\d[^。；\n]{{0,{window}}}(?:{words})"),
        generic_pairs=frozenset(pair for word in data["generic_pairs"] for pair in _pairs(word)),
        openers=re.compile("|".join(data["point_openers"])),
    )


def _pairs(text: str) -> set[str]:
    return {match.group(1) for match in _HAN_PAIR.finditer(text)}


def _named(lead: str, names: list[str], limit: int = 3) -> str:
    """``lead：甲、乙、丙等5项`` naming the evidence behind a part or a penalty (empty when there is none)."""
    if not names:
        return ""
    more = f"等{len(names)}项" if len(names) > limit else ""
    return f"{lead}：{'、'.join(names[:limit])}{more}"


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


def problem_substance(text: str) -> float:
    """What, how much, why: a third each for something specific, a number and a stated cause."""
    return (has_specifics(text) + bool(re.search(r"\d", text)) + bool(_vocabulary().cause.search(text))) / 3


def answers(suggestion: Statement, problems: list[Statement]) -> bool:
    """A suggestion that is not template prose and shares a non-generic word pair with a stated problem."""
    if suggestion.boilerplate or suggestion.none_statement:
        return False
    vocab = _vocabulary()
    own = _pairs(vocab.openers.sub("，", suggestion.text)) - vocab.generic_pairs
    return any(own & _pairs(vocab.openers.sub("，", problem.text)) for problem in problems)


def surveyed(text: str) -> bool:
    """The text names a survey with a number (问卷300份, 回访600户): a satisfaction figure has a source."""
    return bool(_vocabulary().survey.search(text))


def _states_satisfaction(evaluation: Evaluation) -> bool:
    rows = (i.actual or i.target for i in evaluation.indicators if i.dimension == _SATISFACTION)
    return any(value and value.kind != "text" for value in rows) or any(
        c.dimension == _SATISFACTION for c in evaluation.claims
    )


def _in_background(offset: int, evaluation: Evaluation, sections: dict[str, Section]) -> bool:
    background = _vocabulary().background
    return any(
        sections[s].label in background and sections[s].start <= offset < sections[s].end for s in evaluation.sections
    )


def specificity(
    evaluation: Evaluation, sections: dict[str, Section], text: str, is_report: bool, config: QualityConfig
) -> tuple[float, list[str]]:
    """The mean of the parts that apply (docs/codebook.md); each reason names what moved its part."""
    parts, reasons = [], []
    targets = [i for i in evaluation.indicators if not i.empty and i.target]
    if targets:
        quantified = sum(1 for i in targets if i.target.kind != "text") / len(targets)
        parts.append(quantified)
        reasons.append(f"可量化目标占{quantified:.0%}。")
        checkable = sum(1 for i in targets if i.actual and i.actual.kind != "text") / len(targets)
        parts.append(checkable)
        vague = [i.name for i in targets if not (i.actual and i.actual.kind != "text") and i.name]
        reasons.append(f"实际完成值可核对的占{checkable:.0%}{_named('，未量化或空缺', vague)}。")
    problems = [s for s in evaluation.statements if s.kind == "problem" and not s.none_statement]
    admitted = problems or any(i.achieved is False for i in evaluation.indicators)
    if problems:
        substance = sum(problem_substance(s.text) for s in problems) / len(problems)
        parts.append(substance)
        reasons.append(f"问题写明对象、数量、原因的程度{substance:.0%}。")
    elif not admitted:
        parts.append(0.0)
        reasons.append("没有写出任何具体问题或未完成的指标，无从判断问题的具体性（0%）。")
    suggestions = [s for s in evaluation.statements if s.kind == "suggestion" and not s.none_statement]
    if suggestions:
        answered = sum(answers(s, problems) for s in suggestions) / len(suggestions)
        parts.append(answered)
        reasons.append(f"针对所述问题的建议占{answered:.0%}。")
    if _states_satisfaction(evaluation):
        supported = surveyed(text)
        parts.append(float(supported))
        reasons.append("满意度有调查方法和样本。" if supported else "满意度未说明调查（UNSUPPORTED_SATISFACTION）。")
    if evaluation.statements or evaluation.claims:
        claims = [c for c in evaluation.claims if not _in_background(c.start, evaluation, sections)]
        density = min(1.0, len(claims) / config.data["specificity"]["claims_for_full_marks"])
        parts.append(density)
        background = len(evaluation.claims) - len(claims)
        reasons.append(f"叙述中有{len(claims)}处量化陈述（另有{background}处在职能、机构、概况中，不计）。")
    if not parts:
        return 0.0, ["没有可判断具体性的内容。"]
    return _clamp(100 * sum(parts) / len(parts)), reasons


def _claimed_full_marks(evaluation: Evaluation, table: dict) -> bool:
    return evaluation.claimed_score is not None and evaluation.claimed_score >= table["full_marks"]


def _full_points(indicator) -> bool:
    """An indicator reported unmet yet given all its points: the table admits the number, the score denies it."""
    return indicator.weight is not None and indicator.points is not None and indicator.points >= indicator.weight > 0


def candor(evaluation: Evaluation, counts: Counter, is_report: bool, config: QualityConfig) -> tuple[float, list[str]]:
    """Admissions earn points, denials cost them (docs/codebook.md); each reason names its evidence."""
    table = config.data["candor"]
    score, reasons = _penalized(
        counts,
        table,
        [
            ("NONE_STATEMENT", "none_statement"),
            ("PERFECT_RECORD", "perfect_record"),
            ("UNSUPPORTED_SATISFACTION", "unsupported_satisfaction"),
            ("TARGET_EQUALS_ACTUAL", "target_equals_actual"),
        ],
        float(table["base"]),
    )
    problems = [s for s in evaluation.statements if s.kind == "problem" and not s.none_statement]
    unmet = [i for i in evaluation.indicators if i.achieved is False]
    if not any(problem_substance(s.text) for s in problems) and not unmet:
        score -= table["missing_problems"]
        stated = "只有空泛的问题" if problems else "未写出任何问题"
        reasons.append(f"{stated}，也没有未完成的指标（−{table['missing_problems']:g}）")
    denied = [i.name or i.dimension for i in unmet if _full_points(i)]
    if _claimed_full_marks(evaluation, table) or denied:
        full = _claimed_full_marks(evaluation, table)
        penalty = (table["full_marks_penalty"] if full else 0) + (table["full_marks_over_unmet"] if unmet else 0)
        claimed = f"自评满分{evaluation.claimed_score:g}分" if full else "自评"
        over = f"，而{len(unmet)}项指标未完成（SCORE_MISMATCH）" if unmet else ""
        reasons.append(f"{claimed}{over}{_named('，未完成仍得满分', denied)}（−{penalty:g}）")
        score -= penalty
    if unmet:
        score += table["shortfall_bonus"]
        named = _named("", [i.name or i.dimension for i in unmet])
        reasons.append(f"如实报告了{len(unmet)}项未完成的指标{named}（+{table['shortfall_bonus']:g}）")
    cause = _vocabulary().cause
    explained = [s.text[:20] for s in problems if cause.search(s.text)]
    explained += [i.name or i.dimension for i in unmet if i.reason]
    if explained:
        score += table["cause_bonus"]
        reasons.append(f"问题或偏差写明了原因{_named('', explained, 2)}（+{table['cause_bonus']:g}）")
    return _clamp(score), reasons or ["无影响坦诚度的发现。"]


def _penalized(counts: Counter, table: dict, codes: list[tuple[str, str]], base: float) -> tuple[float, list[str]]:
    score, reasons = base, []
    for code, key in codes:
        penalty = _penalty(counts, table, code, key)
        if penalty:
            score -= penalty
            reasons.append(f"{code}×{counts[code]}（−{penalty:g}）")
    return score, reasons


def consistency(evaluation: Evaluation, counts: Counter, config: QualityConfig) -> tuple[float, list[str]]:
    table = config.data["consistency"]
    codes = [
        ("ARITHMETIC_MISMATCH", "arithmetic_mismatch"),
        ("UNIT_ERROR", "unit_error"),
        ("NARRATIVE_TABLE_CONFLICT", "narrative_table_conflict"),
        ("MALFORMED_TABLE", "malformed_table"),
    ]
    score, reasons = _penalized(counts, table, codes, 100.0)
    claimed, recomputed = evaluation.claimed_score, evaluation.recomputed_score
    if claimed is not None and recomputed is not None and claimed - recomputed >= table["score_gap"]:
        score -= table["score_mismatch"]
        reasons.append(f"SCORE_MISMATCH：自评{claimed:g}分，按表重算{recomputed:g}分（−{table['score_mismatch']:g}）")
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
) -> Quality:
    """The SPEC §3 ``quality`` of one evaluation."""
    labels = {sections[s].label for s in evaluation.sections}
    is_report = any(sections[r].style == "title" for r in evaluation.roots)
    counts = Counter(flag.code for flag in evaluation.flags)
    results = {
        "completeness": completeness(evaluation, labels, is_report),
        "specificity": specificity(evaluation, sections, text, is_report, config),
        "candor": candor(evaluation, counts, is_report, config),
        "consistency": consistency(evaluation, counts, config),
        "originality": originality(text, counts, reference, config),
    }
    components = {c: results[c][0] for c in COMPONENTS}
    score = weighted_score(components, config)
    explanations = [f"{COMPONENT_NAMES[c]} {results[c][0]:g}：{_sentence(results[c][1])}" for c in COMPONENTS]
    return Quality(score, grade(score, config), components, config.weights, explanations)


def _sentence(reasons: list[str]) -> str:
    """Reasons as one sentence: each may end in 。 on its own, so ``…88%。；实际…`` would double the stop."""
    return "；".join(reason.rstrip("。") for reason in reasons) + ("。" if reasons else "")
