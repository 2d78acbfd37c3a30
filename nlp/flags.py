"""The flags of SPEC §3: one small check per code, each with evidence offsets and a Chinese message.

Every check reads what earlier stages extracted (statements, indicators, claims,
budgets, scores) or, for the arithmetic and unit checks of the 决算 part, the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.blocks import IngestedText
from nlp.corpus_stats import near_duplicates
from nlp.indicators import Indicator
from nlp.outline import Section
from nlp.units import Evaluation
from nlp.values import find_quantities

# A method with respondents: a 测评 run by the contractor being rated (seed 003) is not one.
_SURVEY = re.compile(r"调查|问卷|抽样|样本|回访|走访|访谈|评议")
_YES_NO_STANDARD = re.compile(r"是|否|完成|达标|合格|通过|按时|按期|无|不发生|零")
_SHARE_PAIR = re.compile(r"(\d+(?:\.\d+)?)\s*万元[，,]\s*占(?:比)?\s*(\d+(?:\.\d+)?)\s*%")
_TOTAL_THEN_PARTS = re.compile(r"其中|主要用于|用于以下方面|具体如下|包括")
_BARE_YUAN = re.compile(r"(?<![万亿千\d.])(\d+(?:\.\d+)?)\s*元")
_MONEY_CONTEXT = re.compile(r"预算|资金|经费|安排|支出|拨款")
_MIN_PASSAGE = 40  # characters: shorter paragraphs repeat by nature (headings, 无。)
_SCORE_GAP = 10.0
_HIGH_CLAIMED = 90.0


@dataclass
class Flag:
    code: str
    severity: str
    message: str
    eval: str | None
    start: int
    end: int

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "eval": self.eval,
            "start": self.start,
            "end": self.end,
        }


def none_statement(evaluation: Evaluation) -> list[Flag]:
    return [
        Flag(
            "NONE_STATEMENT",
            "medium",
            f"“{'存在问题' if s.kind == 'problem' else '改进建议'}”只写了“{s.text}”，未作任何说明。",
            evaluation.id,
            s.start,
            s.end,
        )
        for s in evaluation.statements
        if s.none_statement
    ]


def missing_section(evaluation: Evaluation, sections: dict[str, Section]) -> list[Flag]:
    """A report (not a bare 自评表) without problems, suggestions, conclusion or goals."""
    roots = [sections[r] for r in evaluation.roots]
    report = next((r for r in roots if r.style == "title"), None)
    if report is None:
        return []
    labels = {sections[s].label for s in evaluation.sections}
    wanted = {"problems": "存在问题", "suggestions": "改进建议", "conclusion": "评价结论", "goals": "绩效目标"}
    has_goal = "goals" in labels or evaluation.goal is not None
    missing = [
        name
        for label, name in wanted.items()
        if label not in labels and not (label == "goals" and has_goal) and not _combined(label, evaluation)
    ]
    return [
        Flag("MISSING_SECTION", "medium", f"报告缺少“{name}”部分。", evaluation.id, report.start, report.heading_end)
        for name in missing
    ]


def _combined(label: str, evaluation: Evaluation) -> bool:
    """A 问题及建议 section counts as both."""
    kinds = {s.kind for s in evaluation.statements}
    return (label == "problems" and "problem" in kinds) or (label == "suggestions" and "suggestion" in kinds)


def boilerplate_text(evaluation: Evaluation) -> list[Flag]:
    return [
        Flag(
            "BOILERPLATE_TEXT",
            "low",
            "该表述多为模板化用语，缺少具体数字、对象、时间或原因。",
            evaluation.id,
            s.start,
            s.end,
        )
        for s in evaluation.statements
        if s.boilerplate and not s.none_statement
    ]


def evaluation_passages(
    document: IngestedText, evaluations: list[Evaluation], sections: dict[str, Section]
) -> list[tuple[Evaluation, int, int]]:
    """The paragraphs of each evaluation long enough that repeating them is copying, with their span."""
    passages: list[tuple[Evaluation, int, int]] = []
    for evaluation in evaluations:
        spans = evaluation.spans(sections)
        for block in document.blocks:
            if (
                block.kind == "paragraph"
                and len(block.text) >= _MIN_PASSAGE
                and any(a <= block.start < b for a, b in spans)
            ):
                passages.append((evaluation, block.start, block.end))
    return passages


def duplicate_text(document: IngestedText, evaluations: list[Evaluation], sections: dict[str, Section]) -> list[Flag]:
    """Passages repeated near-verbatim in two evaluations of the document (across documents: nlp.duplicates)."""
    passages = evaluation_passages(document, evaluations, sections)
    flags = []
    for i, j in near_duplicates([document.text[a:b] for _, a, b in passages]):
        (first, *_), (second, start, end) = passages[i], passages[j]
        if first is not second:
            message = f"此段与“{first.name or first.id}”中的段落几乎相同，疑为套用。"
            flags.append(Flag("DUPLICATE_TEXT", "medium", message, second.id, start, end))
    return flags


def _table_rows(evaluation: Evaluation) -> list[Indicator]:
    return [i for i in evaluation.indicators if i.source == "table" and not i.empty]


def target_equals_actual(evaluation: Evaluation) -> list[Flag]:
    return [
        Flag(
            "TARGET_EQUALS_ACTUAL",
            "medium",
            f"“{i.name}”的实际完成值照抄了预期目标值（“{i.actual['raw'][:30]}”）。",
            evaluation.id,
            i.start,
            i.end,
        )
        for i in _table_rows(evaluation)
        if i.target and i.actual and i.target["kind"] == "text" and i.actual["raw"].strip() == i.target["raw"].strip()
    ]


def vague_indicator(evaluation: Evaluation) -> list[Flag]:
    return [
        Flag(
            "VAGUE_INDICATOR",
            "low",
            f"“{i.name or i.dimension}”的目标值“{i.target['raw'][:30]}”无法衡量"
            "（没有数字、单位、时间或明确的是否标准）。",
            evaluation.id,
            i.start,
            i.end,
        )
        for i in _table_rows(evaluation)
        if i.target and i.target["kind"] == "text" and not _YES_NO_STANDARD.search(i.target["raw"])
    ]


def empty_indicator(evaluation: Evaluation) -> list[Flag]:
    return [
        Flag(
            "EMPTY_INDICATOR", "low", f"“{i.level2 or i.dimension}”一栏留空，未设指标。", evaluation.id, i.start, i.end
        )
        for i in evaluation.indicators
        if i.empty
    ]


def malformed_table(evaluation: Evaluation) -> list[Flag]:
    return [
        Flag("MALFORMED_TABLE", "medium", f"表格错位：{i.repaired}（已按列名纠正）。", evaluation.id, i.start, i.end)
        for i in evaluation.indicators
        if i.repaired
    ]


def unsupported_satisfaction(evaluation: Evaluation, text: str) -> list[Flag]:
    """A satisfaction figure in an evaluation that names no survey, sample or method."""
    if _SURVEY.search(text):
        return []
    flags = []
    for i in evaluation.indicators:
        value = i.actual or i.target
        if i.dimension == "满意度指标" and value and value["kind"] == "percent":
            message = f"满意度“{value['raw']}”未说明调查方法、样本或来源。"
            flags.append(Flag("UNSUPPORTED_SATISFACTION", "high", message, evaluation.id, i.start, i.end))
    for claim in evaluation.claims:
        if claim.dimension == "满意度指标" and claim.value["kind"] == "percent":
            message = f"满意度“{claim.value['raw']}”未说明调查方法、样本或来源。"
            flags.append(Flag("UNSUPPORTED_SATISFACTION", "high", message, evaluation.id, claim.start, claim.end))
    return flags


def score_mismatch(evaluation: Evaluation) -> list[Flag]:
    claimed, recomputed = evaluation.claimed_score, evaluation.recomputed_score
    if claimed is None:
        return []
    unmet = [i for i in evaluation.indicators if i.achieved is False]
    if recomputed is not None and claimed - recomputed >= _SCORE_GAP:  # over-claiming; modesty is no fault
        message = f"自评得分{claimed:g}分，按自评表重算约{recomputed:g}分，相差较大。"
    elif claimed >= _HIGH_CLAIMED and unmet:
        message = f"自评得分{claimed:g}分，但有{len(unmet)}项指标未完成。"
    else:
        return []
    return [Flag("SCORE_MISMATCH", "high", message, evaluation.id, evaluation.start, evaluation.end)]


def narrative_table_conflict(evaluation: Evaluation) -> list[Flag]:
    """The report's prose and its table state different values for the same dimension."""
    table = {}
    for i in evaluation.indicators:
        if i.source == "table" and (i.target or i.actual):
            table.setdefault(i.dimension, []).append(i)
    flags = []
    for narrative in (i for i in evaluation.indicators if i.source == "narrative" and i.actual):
        for row in table.get(narrative.dimension, []):
            stated = row.actual or row.target
            said = narrative.actual
            if stated["kind"] != said["kind"] or stated["kind"] == "text":
                continue
            if _same_value(stated) == _same_value(said):
                break
            if len(table[narrative.dimension]) == 1:
                message = (
                    f"{narrative.dimension}：报告写“{said['raw'][:30]}”，自评表写“{stated['raw'][:30]}”，两者不一致。"
                )
                flags.append(
                    Flag("NARRATIVE_TABLE_CONFLICT", "high", message, evaluation.id, narrative.start, narrative.end)
                )
    return flags


def _same_value(value: dict) -> tuple:
    return (value["value"], value["low"], value["high"], value["unit"])


def perfect_record(evaluation: Evaluation) -> list[Flag]:
    """Every indicator met, full execution and no problem admitted."""
    rows = [i for i in evaluation.indicators if not i.empty]
    if not rows or any(i.achieved is False for i in rows):
        return []
    met = sum(1 for i in rows if i.achieved)
    rate = evaluation.budget.rate if evaluation.budget else None
    admitted = [s for s in evaluation.statements if s.kind == "problem" and not s.none_statement]
    if met < 0.8 * len(rows) or rate is None or rate < 99.5 or admitted:
        return []
    message = f"全部{len(rows)}项指标均称完成，预算执行率{rate:g}%，且未指出任何问题。"
    return [Flag("PERFECT_RECORD", "medium", message, evaluation.id, evaluation.start, evaluation.end)]


def arithmetic_mismatch(document: IngestedText) -> list[Flag]:
    """Stated shares (X万元，占Y%) that the stated amounts contradict."""
    flags = []
    for block in document.blocks:
        if block.kind != "paragraph":
            continue
        pairs = list(_SHARE_PAIR.finditer(block.text))
        if len(pairs) < 2:
            continue
        base = _stated_total(block.text, pairs[0].start()) or sum(float(p.group(1)) for p in pairs)
        if not base:
            continue
        for pair in pairs:
            amount, share = float(pair.group(1)), float(pair.group(2))
            computed = amount / base * 100
            tolerance = 1.0 if "." not in pair.group(2) else 0.15
            if abs(computed - share) > tolerance:
                message = f"{amount:g}万元占{base:g}万元的{computed:.1f}%，文中写作{share:g}%。"
                start = block.start + pair.start()
                flags.append(Flag("ARITHMETIC_MISMATCH", "medium", message, None, start, block.start + pair.end()))
    return flags


def _stated_total(text: str, first_part: int) -> float | None:
    """The total a list of shares refers to: the amount stated before 其中 / 主要用于."""
    head = text[:first_part]
    if not _TOTAL_THEN_PARTS.search(head):
        return None
    amounts = [q for q in find_quantities(head) if q.kind == "money"]
    return float(amounts[0].value) if amounts else None


def unit_error(document: IngestedText) -> list[Flag]:
    """An amount in 元 too small for its context, where the text around it counts in 万元."""
    flags = []
    for block in document.blocks:
        if block.kind != "paragraph" or "万元" not in block.text:
            continue
        for match in _BARE_YUAN.finditer(block.text):
            amount = float(match.group(1))
            context = block.text[max(0, match.start() - 12) : match.start()]
            if 0 < amount < 1000 and _MONEY_CONTEXT.search(context):
                message = f"“{match.group()}”以元为单位，与上下文的万元不符，疑为“{amount:g}万元”。"
                start = block.start + match.start()
                flags.append(Flag("UNIT_ERROR", "high", message, None, start, block.start + match.end()))
    return flags


def check_document(document: IngestedText, sections: list[Section], evaluations: list[Evaluation]) -> list[Flag]:
    """Document-level flags; evaluation flags are attached to each evaluation."""
    by_id = {s.id: s for s in sections}
    for evaluation in evaluations:
        text = evaluation.text(document, by_id)
        evaluation.flags = [
            *none_statement(evaluation),
            *missing_section(evaluation, by_id),
            *boilerplate_text(evaluation),
            *target_equals_actual(evaluation),
            *vague_indicator(evaluation),
            *empty_indicator(evaluation),
            *malformed_table(evaluation),
            *unsupported_satisfaction(evaluation, text),
            *score_mismatch(evaluation),
            *narrative_table_conflict(evaluation),
            *perfect_record(evaluation),
        ]
    for flag in duplicate_text(document, evaluations, by_id):
        next(e for e in evaluations if e.id == flag.eval).flags.append(flag)
    document_flags = arithmetic_mismatch(document) + unit_error(document)
    for flag in document_flags:  # a flag inside an evaluation's span belongs to it
        owner = next((e for e in evaluations if any(a <= flag.start < b for a, b in e.spans(by_id))), None)
        if owner is not None:
            flag.eval = owner.id
            owner.flags.append(flag)
    return [f for f in document_flags if f.eval is None]
