"""The flags of SPEC §3: one small check per code, each with evidence offsets and a Chinese message.

Every check reads what earlier stages extracted (statements, indicators, claims,
budgets, scores) or, for the arithmetic and unit checks of the 决算 part, the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import pairwise

from nlp.extraction.budget import figures
from nlp.extraction.budget_forms import PLANNED, cell_role
from nlp.extraction.row_names import RowNames
from nlp.text.blocks import Block, Cell, IngestedText
from nlp.text.corpus_stats import near_duplicates
from nlp.text.document import Claim, Evaluation, Flag, Indicator, Section, Value
from nlp.text.values import Quantity, find_quantities, outside_spans
from nlp.text.vocabulary import column_role, vocabulary

_VOCAB = vocabulary("flags")
_SATISFACTION = _VOCAB["satisfaction"]
# A method with respondents: a 测评 run by the contractor being rated (seed 003) is not one.
_SURVEY = re.compile(_SATISFACTION["survey"])
_SATISFIED = re.compile(_SATISFACTION["satisfaction"])
_WORDED_LEVEL = re.compile(_SATISFACTION["worded_levels"])
_MET_ONLY = re.compile(_SATISFACTION["met_only"])
_QUESTIONNAIRE = re.compile(_SATISFACTION["questionnaire"])
_SENTENCE_END = re.compile(_SATISFACTION["sentence_end"])
_CLAUSE_END = re.compile(_SATISFACTION["clause_end"])
_FIGURE = re.compile(r"\d")
_YES_NO_STANDARD = re.compile(_VOCAB["indicator"]["yes_no_standard"])
_SCORING_RULE = re.compile(_VOCAB["indicator"]["scoring_rule"])
_SHARE_LINK = re.compile(_VOCAB["share"]["pair_link"])
_TOTAL_THEN_PARTS = re.compile(_VOCAB["share"]["total_then_parts"])
_PARTS_OPENER = re.compile(_VOCAB["parts"]["opener"])
_PARTS_SENTENCE_END = re.compile(_VOCAB["parts"]["sentence_end"])
_PARTS_CHANGE = re.compile(_VOCAB["parts"]["change"])
_PARTS_CLAUSE_END = re.compile(_VOCAB["parts"]["clause_end"])
_PARTS_STATUS = re.compile(_VOCAB["parts"]["status"])
_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")
_PARTS_BREAKDOWN = re.compile(_VOCAB["parts"]["breakdown"])
_PARTS_SPENT = re.compile(_VOCAB["parts"]["spent_before_amount"])
_SPENT_REACH = 12  # characters before an amount looked at for the spending's words
_LINK = re.compile(r"[\s，,：:]*")  # between a part's amount and its 分别为
# A sentence can state an execution rate only with one of the rate's words: the budget figures are read only there.
_RATE_WORD = re.compile("|".join(map(re.escape, vocabulary("budget")["prose"]["rate"])))
_PER_UNIT_AFTER = re.compile(_VOCAB["unit"]["per_unit_after"])
# find_quantities states money in 万元 and keeps what the written number was multiplied by: 元 is 0.0001.
_YUAN_SCALE = Decimal("0.0001")
_MONEY_CONTEXT = re.compile(_VOCAB["unit"]["money_context"])
_BUDGET_CONTEXT = re.compile(_VOCAB["unit"]["budget_context"])
_PER_UNIT = re.compile(_VOCAB["unit"]["per_unit_context"])
_EXECUTION_SUBJECT = re.compile(_VOCAB["perfect_record"]["execution_subject"])
_HEADER_CELLS = re.compile(r"[\t\n|]+")  # the cells of a header, in a table or scraped one per line
_HAN = re.compile(r"[\u4e00-\u9fff]")  # a row named in words has them; a name of a few is a piece of one


@dataclass(frozen=True)
class FlagThresholds:
    """The numbers that decide a flag: the ``[flags]`` table of ``quality.toml`` (``nlp.settings``)."""

    score_gap: float  # points a claimed score may exceed the recomputed one by (SCORE_MISMATCH)
    high_claimed: float  # a claimed score this high with an indicator marked unmet (SCORE_MISMATCH)
    points_gap: float  # points a claimed score may exceed its own table's points by (SCORE_MISMATCH)
    total_tolerance: float  # points a table's 总分 row may differ from its rows' sum by, rounding (ARITHMETIC_MISMATCH)
    full_marks: float  # a self-score of full marks claims every indicator met (PERFECT_RECORD)
    met_share: float  # share of indicator rows that must read as met (PERFECT_RECORD)
    min_rows: int  # fewer rows than this cannot show that every indicator was met (PERFECT_RECORD)
    full_execution: float  # budget execution rate (percent) that counts as 100%
    share_tolerance: float  # percent points, for a share written without decimals (ARITHMETIC_MISMATCH)
    share_tolerance_decimal: float  # percent points, for a share written with decimals
    max_yuan: float  # an amount in 元 below this is implausible as a budget or fund (UNIT_ERROR)
    min_passage: int  # characters a paragraph needs for repeating it to be copying (DUPLICATE_TEXT)


def none_statement(evaluation: Evaluation) -> list[Flag]:
    return [
        Flag(
            "NONE_STATEMENT",
            "medium",
            f"“{'存在问题' if s.kind == 'problem' else '改进建议'}”"
            + (f"只写了“{s.text}”，未作任何说明。" if s.text else "部分为空，未作任何说明。"),
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
    document: IngestedText, evaluations: list[Evaluation], sections: dict[str, Section], min_passage: int
) -> list[tuple[Evaluation, int, int]]:
    """The paragraphs of each evaluation long enough that repeating them is copying, with their span."""
    passages: list[tuple[Evaluation, int, int]] = []
    for evaluation in evaluations:
        spans = evaluation.spans(sections)
        for block in document.blocks:
            if (
                block.kind == "paragraph"
                and len(block.text) >= min_passage
                and any(a <= block.start < b for a, b in spans)
            ):
                passages.append((evaluation, block.start, block.end))
    return passages


def duplicate_text(
    document: IngestedText, evaluations: list[Evaluation], sections: dict[str, Section], min_passage: int
) -> list[Flag]:
    """Passages repeated near-verbatim in two evaluations of the document (across documents: nlp.corpus.duplicates)."""
    passages = evaluation_passages(document, evaluations, sections, min_passage)
    if len({id(evaluation) for evaluation, _, _ in passages}) < 2:
        return []  # nothing to compare across; MinHash's import (datasketch loads scipy) is skipped too
    flags = []
    for i, j in near_duplicates([document.text[a:b] for _, a, b in passages]):
        (first, *_), (second, start, end) = passages[i], passages[j]
        if first is not second:
            message = f"此段与“{first.name or first.id}”中的段落几乎相同，疑为套用。"
            flags.append(Flag("DUPLICATE_TEXT", "medium", message, second.id, start, end))
    return flags


_MAX_STATED_CHARS = 20  # a value prose states beside its name; a longer one is a clause read whole


def _table_rows(evaluation: Evaluation) -> list[Indicator]:
    """A table's filled rows, and prose that states an indicator's target beside its actual (目标明显提高，实际明显
    提高), each a short value: what a row states."""
    return [i for i in evaluation.indicators if (i.source == "table" and not i.empty) or _states_both(i)]


def _states_both(indicator: Indicator) -> bool:
    target, actual = indicator.target, indicator.actual
    return (
        indicator.source == "narrative"
        and target is not None
        and actual is not None
        and max(len(target.raw), len(actual.raw)) <= _MAX_STATED_CHARS
    )


def target_equals_actual(evaluation: Evaluation) -> list[Flag]:
    return [
        Flag(
            "TARGET_EQUALS_ACTUAL",
            "medium",
            f"“{i.name}”的实际完成值照抄了预期目标值（“{i.actual.raw[:30]}”）。",
            evaluation.id,
            i.start,
            i.end,
        )
        for i in _table_rows(evaluation)
        if _copies_target(i)
    ]


def _copies_target(indicator: Indicator) -> bool:
    """A non-numeric actual written as its target: the row claims the target met without saying how."""
    target, actual = indicator.target, indicator.actual
    return bool(target and actual and target.kind == "text" and actual.raw.strip() == target.raw.strip())


def vague_indicator(evaluation: Evaluation) -> list[Flag]:
    return [
        Flag(
            "VAGUE_INDICATOR",
            "low",
            f"“{i.name or i.dimension}”的目标值“{i.target.raw[:30]}”无法衡量（没有数字、单位、时间或明确的是否标准）。",
            evaluation.id,
            i.start,
            i.end,
        )
        for i in _table_rows(evaluation)
        if i.target
        and i.target.kind == "text"
        and not _YES_NO_STANDARD.search(i.target.raw)
        and not _SCORING_RULE.search(i.target.raw)
    ]


def empty_indicator(evaluation: Evaluation, document: IngestedText) -> list[Flag]:
    """Rows left blank, and rows whose 实际完成值 cell under an actual column was left blank (a shell table)."""
    flags = [
        Flag(
            "EMPTY_INDICATOR", "low", f"“{i.level2 or i.dimension}”一栏留空，未设指标。", evaluation.id, i.start, i.end
        )
        for i in evaluation.indicators
        if i.empty
    ]
    flags += [
        Flag("EMPTY_INDICATOR", "low", f"“{i.name}”的指标值和实际完成值均留空。", evaluation.id, i.start, i.end)
        for i in _named_only(evaluation)
    ]
    return flags + [
        Flag("EMPTY_INDICATOR", "low", f"“{i.name}”的实际完成值一栏留空。", evaluation.id, i.start, i.end)
        for i in _blank_actuals(evaluation, document)
    ]


def _named_only(evaluation: Evaluation) -> list[Indicator]:
    """Scored rows of a 自评表 that name an indicator of the output or effect dimensions and leave both its target
    and its actual blank, where most rows fill both: an indicator set and not filled in. A 评分表's 决策/过程 rows
    (其他) state points, no values, and are no such row."""
    rows = [i for i in _table_rows(evaluation) if not i.empty]
    filled = [i for i in rows if i.target is not None and i.actual is not None]
    if len(filled) * 2 <= len(rows):
        return []
    return [
        i
        for i in rows
        if i.target is None
        and i.actual is None
        and i.dimension != "其他"
        and (i.weight or i.points)  # scored: a row weighing nothing (本项目不涉及 | | | 0 | 0) asks for no value
        and len(_HAN.findall(i.name or "")) >= _MIN_INDICATOR_NAME
    ]


_MIN_INDICATOR_NAME = 4  # 带动农民增收; shorter names (指, 公众满) are pieces of a row a page broke


def _blank_actuals(evaluation: Evaluation, document: IngestedText) -> list[Indicator]:
    """Table rows with a target and no actual, under a header naming an actual column.

    A row the page was cut off in (the text ends right after it) is not counted: its actual may
    simply be missing from the excerpt; nor is a row without a worded name (a budget row of figures
    taken for an indicator), whose blank cell says nothing about an indicator.
    """
    rows = [
        i
        for i in _table_rows(evaluation)
        if i.target is not None
        and i.actual is None
        and _HAN.search(i.name or "")
        and not _SCORING_RULE.search(i.target.raw)
    ]
    if not rows:
        return []
    header = document.text[evaluation.start : min(i.start for i in rows)]
    if not any(column_role(cell) == "actual" for cell in _HEADER_CELLS.split(header)):
        return []  # a target-only table (绩效目标表): no actual was asked for
    text_end = len(document.text.rstrip(" \t\n|"))
    return [i for i in rows if i.end < text_end]


def malformed_table(evaluation: Evaluation) -> list[Flag]:
    return [
        Flag("MALFORMED_TABLE", "medium", f"表格错位：{i.repaired}（已按列名纠正）。", evaluation.id, i.start, i.end)
        for i in evaluation.indicators
        if i.repaired
    ]


def unsupported_satisfaction(evaluation: Evaluation, text: str) -> list[Flag]:
    """A satisfaction level (a figure, or words: 满意度较高) in an evaluation that names no survey, sample or method."""
    if _survey_named(text) or _QUESTIONNAIRE.search(text):
        return []
    stated = [i for i in evaluation.indicators if i.dimension == "满意度指标"]
    # the level a row claims: its actual's, or its target's where the actual only says it was met (满意 | 完成)
    figures = [(i.target if _met_only(i.actual) else i.actual or i.target, i.start, i.end) for i in stated]
    # a claim of a level a row states (满意度达96% beside its row's 96%), or of its target (≥90%), is the row's; a
    # plan (计划…) states a target
    known = {_same_value(value) for i in stated for value in (i.actual, i.target) if value is not None}
    figures += [
        (c.value, c.start, c.end)
        for c in evaluation.claims
        if c.dimension == "满意度指标" and _same_value(c.value) not in known and not c.subject.startswith(_PLANS)
    ]
    flags, seen = [], set()
    for value, start, end in figures:
        if _is_level(value) and (start, end) not in seen:  # one flag per stated level
            seen.add((start, end))
            message = f"满意度“{value.raw}”未说明调查方法、样本或来源。"
            flags.append(Flag("UNSUPPORTED_SATISFACTION", "high", message, evaluation.id, start, end))
    return flags


def _met_only(value: Value | None) -> bool:
    return value is not None and _MET_ONLY.match(value.raw or "") is not None


def _is_level(value: Value | None) -> bool:
    """A satisfaction level: a percentage or words (满意度较高, 满意)."""
    return value is not None and (value.kind == "percent" or _WORDED_LEVEL.search(value.raw or "") is not None)


def _survey_named(text: str) -> bool:
    """A survey word beside a satisfaction figure: in its clause, the clauses just before it or the one after.

    Only within the same sentence: farther away the same words are the unit's own business
    (统计调查, 走访慰问), not the method behind the figure.
    """
    before, after = _SATISFACTION["clauses_before"], _SATISFACTION["clauses_after"]
    for sentence in _SENTENCE_END.split(text):
        if not _SATISFIED.search(sentence):
            continue
        clauses = _CLAUSE_END.split(sentence)
        for i, clause in enumerate(clauses):
            if not _SATISFIED.search(clause):
                continue
            # the level may follow in a later clause (满意度，年度目标≥90%，实际92.3%（问卷400份）): the window goes on
            # from the last figure within reach
            level = max(
                (
                    k
                    for k in range(i, min(len(clauses), i + _SATISFACTION["level_reach"] + 1))
                    if _FIGURE.search(clauses[k])
                ),
                default=i,
            )
            if any(_SURVEY.search(c) for c in clauses[max(0, i - before) : level + after + 1]):
                return True
    return False


def score_mismatch(evaluation: Evaluation, thresholds: FlagThresholds) -> list[Flag]:
    claimed, recomputed = evaluation.claimed_score, evaluation.recomputed_score
    if claimed is None:
        return []
    unmet = [i for i in evaluation.indicators if i.achieved is False]
    # an unmet indicator whose own points were cut is one the score already counts
    uncounted = [i for i in unmet if i.points is None or i.weight is None or i.points >= i.weight]
    # modesty is no fault; nor is a claim over a table that weighs only part of the score (a report's 产出 and 效益
    # rows, its 决策 and 过程 points scored elsewhere)
    over_claimed = recomputed is not None and claimed - recomputed >= thresholds.score_gap and not _partial(evaluation)
    own_points = _table_points(evaluation)
    if over_claimed and (unmet or _shortfall_shown(evaluation, thresholds)):
        message = f"自评得分{claimed:g}分，按自评表重算约{recomputed:g}分，相差较大。"
    elif own_points is not None and unmet and claimed - own_points >= thresholds.points_gap:
        message = f"自评得分{claimed:g}分，但自评表各项得分合计约{own_points:g}分。"
    elif claimed >= thresholds.high_claimed and uncounted:
        cut = "且未扣分" if all(i.points is not None and i.weight is not None for i in uncounted) else ""
        message = f"自评得分{claimed:g}分，但有{len(uncounted)}项指标未完成{cut}。"
    else:
        return []
    return [Flag("SCORE_MISMATCH", "high", message, evaluation.id, evaluation.start, evaluation.end)]


def table_total_mismatch(evaluation: Evaluation, thresholds: FlagThresholds) -> list[Flag]:
    """A 自评表's 总分/合计 row that its rows' points do not add up to: below them, or above them by more than the
    points their weights leave to the budget's execution (rows weighing 90, 预算执行率 10 scored apart)."""
    total, scored = evaluation.table_total, _points_and_weights(evaluation)
    if total is None or scored is None or scored[1] > _FULL_SCORE:
        return []  # no total, a row without its points, or rows of more than one form
    points, weights = scored
    apart = _left_to_execution(evaluation, weights)
    tolerance = thresholds.total_tolerance
    if points - tolerance <= total <= points + apart + tolerance:
        return []
    left = f"，另{apart:g}分属预算执行" if apart else ""
    message = f"自评表总分{total:g}分，各项指标得分合计{points:g}分{left}，两者不符。"
    return [Flag("ARITHMETIC_MISMATCH", "medium", message, evaluation.id, evaluation.start, evaluation.end)]


def _left_to_execution(evaluation: Evaluation, weights: float) -> float:
    """The points a form's rows leave to the budget's execution, scored in its budget block (rows weighing 90, 10
    for 执行率): none when the execution is one of the rows (预算执行率 | 10 | 10), nor beyond full marks."""
    rows = (i for i in evaluation.indicators if i.source == "table")
    if any(i.name and _EXECUTION_ROW.fullmatch(i.name.strip()) for i in rows):
        return 0.0
    return max(_FULL_SCORE - weights, 0.0)


_EXECUTION_ROW = re.compile(vocabulary("budget")["table"]["execution_row"])  # 预算执行率 as a row of the form


def _partial(evaluation: Evaluation) -> bool:
    """Do the table's rows weigh less than a whole form (full marks less the most a budget's execution scores)?"""
    scored = _points_and_weights(evaluation)
    return scored is not None and scored[1] < _FULL_SCORE - _MOST_EXECUTION_POINTS


def _points_and_weights(evaluation: Evaluation) -> tuple[float, float] | None:
    """The 自评表's rows' points and weights, summed; None unless every filled row states both."""
    rows = [i for i in evaluation.indicators if i.source == "table" and not i.empty]
    if not rows or any(i.points is None or i.weight is None for i in rows):
        return None
    return sum(i.points for i in rows), sum(i.weight for i in rows)


def _table_points(evaluation: Evaluation) -> float | None:
    """What the 自评表's own rows score: each row's points, and the budget's execution points when the rows' weights
    leave them out (90 over the rows, 10 for 预算执行率); None unless every filled row states its points."""
    scored = _points_and_weights(evaluation)
    if scored is None:
        return None
    points, weights = scored
    budget = evaluation.budget
    if budget is not None and budget.planned and budget.executed is not None:
        points += _left_to_execution(evaluation, weights) * min(budget.executed / budget.planned, 1.0)
    return round(points, 2)


_FULL_SCORE = float(vocabulary("budget")["scores"]["full_marks"])  # a form's points out of 100
_MOST_EXECUTION_POINTS = float(vocabulary("budget")["scores"]["most_execution_points"])


def restated_row_conflict(evaluation: Evaluation) -> list[Flag]:
    """A prose line restating a table row (nlp.extraction.fill) with another figure for its result or, failing
    that, its target (报告：完成时间11月30日前 … 自评表：10月31日前): one flag a line, at the prose."""
    flags = []
    for prose, row in evaluation.restated:
        for said, stated, column in ((prose.actual, row.actual, "实际完成值"), (prose.target, row.target, "目标值")):
            if said is None or stated is None or said.kind != stated.kind or said.kind == "text":
                continue
            if said.unit != stated.unit:
                continue  # 3公里 and 3000米 may be one length: no conflict told by units
            if _values_differ(said, stated):
                message = f"{row.name}：报告写“{said.raw[:30]}”，自评表{column}为“{stated.raw[:30]}”，两者不一致。"
                flags.append(Flag("NARRATIVE_TABLE_CONFLICT", "high", message, evaluation.id, prose.start, prose.end))
                break
    return flags


def _values_differ(said: Value, stated: Value) -> bool:
    """Two figures of one kind that say different things; a date without its year is the same day of any year."""
    if said.kind == "date" and isinstance(said.value, str) and isinstance(stated.value, str):
        shorter, longer = sorted((said.value.lstrip("-"), stated.value.lstrip("-")), key=len)
        return not longer.endswith(shorter)
    return _same_value(said) != _same_value(stated)


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
            if stated.kind != said.kind or stated.kind == "text":
                continue
            if _same_value(stated) == _same_value(said):
                break
            if len(table[narrative.dimension]) == 1:
                message = f"{narrative.dimension}：报告写“{said.raw[:30]}”，自评表写“{stated.raw[:30]}”，两者不一致。"
                flags.append(
                    Flag("NARRATIVE_TABLE_CONFLICT", "high", message, evaluation.id, narrative.start, narrative.end)
                )
    return flags


_PLANS = tuple(vocabulary("tables")["narrative"]["plan_openers"])
_LONG_TERM = re.compile(_VOCAB["conflict"]["long_term"])  # 中期目标, 到2025年: a goal of several years
_CLAIM_KINDS = ("count", "number")  # figures of things done; amounts and shares name many things alike


def claim_table_conflict(evaluation: Evaluation, result_spans: list[tuple[int, int]]) -> list[Flag]:
    """A figure the report's prose states as done (组织职业技能培训12600人次) for the one table row of the same name
    and unit (职业技能培训人次 | ≥12000人次 | 11800人次) when the prose never states the row's actual: a report that
    also says 完成危桥改造9座 beside 剩余3座 or 已建成14.2万亩 in all speaks of other quantities. Only prose that
    reports results (绩效目标完成情况) is read: a list of the year's tasks states targets.

    Rows are found by the runs of characters their names share with a claim (nlp.extraction.row_names), so a long
    table and a long report cost about their length."""
    rows = [i for i in evaluation.indicators if i.source == "table" and i.actual and i.actual.kind in _CLAIM_KINDS]
    claims = [
        claim
        for claim in evaluation.claims
        if claim.value.comparator in (None, "=")
        and not claim.subject.startswith(_PLANS)  # a bound, or a plan (计划培育600人), states a target
        and any(start <= claim.start < end for start, end in result_spans)
    ]
    stated = {_same_value(claim.value) for claim in evaluation.claims}
    flags = []
    for row, claim in _first_of_each_row(_rows_and_claims(rows, claims, lambda row: row.actual)):
        if _same_value(row.actual) in stated:
            continue  # the prose states the row's figure too: the other one is another quantity
        message = f"{row.name}：报告写“{claim.text[:30]}”，自评表实际完成值为“{row.actual.raw[:30]}”，两者不一致。"
        flags.append(Flag("NARRATIVE_TABLE_CONFLICT", "high", message, evaluation.id, claim.start, claim.end))
    return flags


def goal_table_conflict(evaluation: Evaluation, goal_spans: list[tuple[int, int]], text: str) -> list[Flag]:
    """A bound the report's goals set for the year (新建助餐点不少于12个) for the one table row of the same name and
    unit whose target is another bound (新建助餐点 | ≥10个): the form does not measure the goal the report set. A
    goal of several years (中期目标：到2025年…不少于30个) is not the year's; a goal agreeing with the row leaves it
    be."""
    rows = [i for i in evaluation.indicators if i.source == "table" and i.target and i.target.kind in _CLAIM_KINDS]
    goals = [
        claim
        for claim in evaluation.claims
        if claim.value.comparator not in (None, "=")
        and any(start <= claim.start < end for start, end in goal_spans)
        and not _LONG_TERM.search(text, _sentence_start(text, claim.start), claim.end)
    ]
    pairs = _rows_and_claims(rows, goals, lambda row: row.target)
    agreeing = {id(row) for row, claim in pairs if not _values_differ(claim.value, row.target)}
    flags = []
    for row, claim in _first_of_each_row(pairs):
        if id(row) in agreeing or row.target.comparator != claim.value.comparator:
            continue
        if _values_differ(claim.value, row.target):
            message = (
                f"{row.name}：报告的绩效目标写“{claim.text[:30]}”，自评表目标值为“{row.target.raw[:30]}”，两者不一致。"
            )
            flags.append(Flag("NARRATIVE_TABLE_CONFLICT", "high", message, evaluation.id, claim.start, claim.end))
    return flags


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence (or the 分号 clause) holding ``at`` starts: a bounded look back."""
    window = max(0, at - _SENTENCE_REACH)
    ends = [m.end() for m in _PARTS_SENTENCE_END.finditer(text, window, at)]
    return ends[-1] if ends else window


_SENTENCE_REACH = 200  # characters looked back for a sentence's start


def _rows_and_claims(rows: list[Indicator], claims: list[Claim], value_of) -> list[tuple[Indicator, Claim]]:
    """(row, claim) for each claim naming one row alone, by name (nlp.extraction.row_names) and by a value of the
    claim's kind and unit."""
    names, pairs = RowNames(rows), []
    for claim in claims:
        said = claim.value
        named = [k for k in names.named(claim.subject) if _measures(value_of(rows[k])) == _measures(said)]
        if len(named) == 1:
            pairs.append((rows[named[0]], claim))
    return pairs


def _measures(value: Value) -> tuple[str, str | None]:
    return value.kind, value.unit


def _first_of_each_row(pairs: list[tuple[Indicator, Claim]]) -> list[tuple[Indicator, Claim]]:
    """Each row once, with the first claim naming it."""
    found: dict[int, tuple[Indicator, Claim]] = {}
    for row, claim in pairs:
        found.setdefault(id(row), (row, claim))
    return list(found.values())


def _shortfall_shown(evaluation: Evaluation, thresholds: FlagThresholds) -> bool:
    """A blank indicator or execution below 100%: a loss of points the table itself shows.

    Without it (and without an unmet row) a gap to the recomputed score comes only from the
    cautious share given to rows nobody can judge (a copied or vague target), which
    TARGET_EQUALS_ACTUAL and VAGUE_INDICATOR already name; it contradicts no claim.
    """
    rate = _execution_rate(evaluation)
    return any(i.empty for i in evaluation.indicators) or (rate is not None and rate < thresholds.full_execution)


def _execution_rate(evaluation: Evaluation) -> float | None:
    """The budget's execution rate, else the one a narrative claim states (预算执行率100%)."""
    if evaluation.budget and evaluation.budget.rate is not None:
        return evaluation.budget.rate
    stated = (
        c.value.value
        for c in evaluation.claims
        if c.value.kind == "percent" and c.value.value is not None and _EXECUTION_SUBJECT.search(c.subject)
    )
    return next(stated, None)


def _same_value(value: Value) -> tuple:
    return (value.value, value.low, value.high, value.unit)


def perfect_record(evaluation: Evaluation, thresholds: FlagThresholds) -> list[Flag]:
    """Every indicator met, full execution and no problem admitted.

    A row reads as met when judged met or when its actual copies its target; a self-score of
    full marks claims every indicator met where the rows cannot show it (none extracted, or
    too few judged). One or two rows read (a page cut off, a table read in part) say nothing of
    every indicator. Any row judged unmet rules the flag out.
    """
    rows = [i for i in evaluation.indicators if not i.empty]
    if any(i.achieved is False for i in rows):
        return []
    met = sum(1 for i in rows if i.achieved or _copies_target(i))
    rows_met = len(rows) >= thresholds.min_rows and met >= thresholds.met_share * len(rows)
    full_marks = evaluation.claimed_score is not None and evaluation.claimed_score >= thresholds.full_marks
    rate = _execution_rate(evaluation)
    admitted = [s for s in evaluation.statements if s.kind == "problem" and not s.none_statement]
    if not (rows_met or full_marks) or rate is None or rate < thresholds.full_execution or admitted:
        return []
    claim = f"全部{len(rows)}项指标均称完成" if rows_met else f"自评得分{evaluation.claimed_score:g}分（满分）"
    message = f"{claim}，预算执行率{rate:g}%，且未指出任何问题。"
    return [Flag("PERFECT_RECORD", "medium", message, evaluation.id, evaluation.start, evaluation.end)]


def arithmetic_mismatch(document: IngestedText, thresholds: FlagThresholds) -> list[Flag]:
    """Stated shares (X万元，占Y%) and execution rates that the stated amounts contradict, and parts that do not add
    up to their total (a UNIT_ERROR when one part read in the other unit makes them add up)."""
    flags = []
    for block in document.blocks:
        if block.kind == "table":
            flags += _table_parts_mismatches(block)
            continue
        flags += _parts_mismatches(block.text, block.start)
        flags += _rate_mismatches(block.text, block.start, thresholds)
        flags += _share_mismatches(block.text, block.start, thresholds)
    return flags


_FULL_STOP = re.compile(r"[。！？!?\n]")  # a list of shares goes on over its 分号 (；) to the sentence's end


def _share_mismatches(text: str, offset: int, thresholds: FlagThresholds) -> list[Flag]:
    """Stated shares (X万元，占Y%) their amounts contradict. The shares of one sentence are one list (a paragraph
    may hold 收入合计…其中…。支出合计…其中…。), taken of the total they fit: one stated before the 其中 / 主要用于
    that opens them (the nearest first) or their amounts' sum. Shares naming different bases (占基本支出的,
    占项目支出的) are no list."""
    flags = []
    stops = [m.end() for m in _FULL_STOP.finditer(text)]
    lists: dict[int, list[tuple[Quantity, Quantity]]] = {}
    for pair in _share_pairs(text):
        lists.setdefault(bisect_right(stops, pair[0].start), []).append(pair)
    for pairs in lists.values():
        named = {_SHARE_LINK.fullmatch(text, amount.end, share.start)["base"] for amount, share in pairs}
        if len(named) > 1:
            continue
        if len(pairs) < 2:
            # one share of a total named and stated before it (全年执行数X万元…项目支出Y万元，占全年执行数的Z%)
            base = _named_total(text, named.pop(), pairs[0])
            wrong = [p for p in pairs if base and _share_wrong(text, p, base, thresholds)]
        else:
            first = pairs[0][0].start  # the opener nearest the first share
            opened = [m.start() for m in _TOTAL_THEN_PARTS.finditer(text, max(0, first - _SENTENCE_REACH), first)]
            stated = _stated_totals(text, opened[-1]) if opened else []
            totals = [*reversed(stated), sum(float(amount.value) for amount, _ in pairs)]
            fits = [([p for p in pairs if _share_wrong(text, p, t, thresholds)], t) for t in totals if t]
            wrong, base = min(fits, key=lambda fit: len(fit[0]), default=([], 0.0))
        for amount_found, share_found in wrong:
            amount, share = float(amount_found.value), float(share_found.value)
            start, end = offset + amount_found.start, offset + share_found.end
            if amount_found.scale == _YUAN_SCALE and not _share_wrong(
                text, (_as_wan_yuan(amount_found), share_found), base, thresholds
            ):
                # 项目支出2,107.87元，占67.12% of 3,140.55万元: the share holds for the number, the unit does not
                shown, written = text[amount_found.start : amount_found.end], float(_as_wan_yuan(amount_found).value)
                message = f"“{shown}”以元为单位，但占比{share:g}%只在“{written:g}万元”时成立。"
                flags.append(Flag("UNIT_ERROR", "high", message, None, start, end))
                continue
            message = f"{amount:g}万元占{base:g}万元的{amount / base * 100:.1f}%，文中写作{share:g}%。"
            flags.append(Flag("ARITHMETIC_MISMATCH", "medium", message, None, start, end))
    return flags


def _as_wan_yuan(amount: Quantity) -> Quantity:
    """An amount in 元 read as the 万元 its number would be."""
    return replace(amount, value=amount.value / amount.scale, scale=1)


def _named_total(text: str, base: str | None, pair: tuple[Quantity, Quantity]) -> float | None:
    """The amount in 万元 stated right after the last mention of ``base`` as a name of its own before ``pair``
    (全年执行数2,987.62万元 … 占全年执行数的…), or None: not a longer name ending in it (项目支出 for 支出,
    上年全年执行数, 调减预算), nor the pair's own amount."""
    if not base:
        return None
    for match in reversed(list(re.finditer(re.escape(base), text[: pair[0].start]))):
        if match.start() > 0 and _HAN.match(text, match.start() - 1):
            continue  # the tail of a longer name
        after = match.end()
        found = find_quantities(text[after : after + _NAMED_TOTAL_REACH])
        if not found or text[after : after + found[0].start].strip(_NAMED_TOTAL_LINKS):
            continue
        amount = found[0]
        if (
            amount.kind == "money"
            and amount.scale == 1
            and amount.value is not None
            and after + amount.start != pair[0].start
        ):
            return float(amount.value)
    return None


_NAMED_TOTAL_LINKS = "为是共计：: "
_NAMED_TOTAL_REACH = 20  # a named total's amount follows its name at once (全年执行数为2,987.62万元)


def _share_wrong(text: str, pair: tuple[Quantity, Quantity], base: float, thresholds: FlagThresholds) -> bool:
    """Is the share stated for an amount (X万元，占Y%) not the amount's share of ``base``?"""
    amount, share = pair
    written = text[share.start : share.end]
    tolerance = thresholds.share_tolerance_decimal if "." in written else thresholds.share_tolerance
    return abs(float(amount.value) / base * 100 - float(share.value)) > tolerance


def budget_rate_mismatch(
    evaluation: Evaluation, document: IngestedText, by_id: dict[str, Section], thresholds: FlagThresholds
) -> list[Flag]:
    """An execution rate its own budget's amounts contradict, wherever the three were read (a form's budget rows
    give 全年预算数 286.40, 全年执行数 251.37, 执行率 95.2%). A rate of 100% over spending above the budget is a
    capped one, not a slip; the flag points at the rate where the text writes it, after a rate's word if it can."""
    budget = evaluation.budget
    if budget is None or not budget.planned or budget.executed is None or budget.rate is None:
        return []
    computed = budget.executed / budget.planned * 100
    decimals = budget.rate != int(budget.rate)
    tolerance = thresholds.share_tolerance_decimal if decimals else thresholds.share_tolerance
    if abs(computed - budget.rate) <= tolerance or (budget.rate == 100 and computed > 100):
        return []
    written = [
        (start + q.start, start + q.end)
        for start, end in evaluation.spans(by_id)
        for q in find_quantities(document.text[start:end])
        if q.kind == "percent" and q.value is not None and float(q.value) == budget.rate
    ]
    after_word = [
        span for span in written if _RATE_WORD.search(document.text, max(0, span[0] - _RATE_WORD_REACH), span[0])
    ]
    if not written:
        return []
    message = (
        f"预算{budget.planned:.10g}万元、执行{budget.executed:.10g}万元，执行率应为{computed:.1f}%，"
        f"文中写作{budget.rate:g}%。"
    )
    return [Flag("ARITHMETIC_MISMATCH", "medium", message, evaluation.id, *(after_word or written)[0])]


_RATE_WORD_REACH = 40  # how far before a rate its word (执行率) may stand: a form's header cells before its row


def _rate_mismatches(text: str, offset: int, thresholds: FlagThresholds) -> list[Flag]:
    """A sentence stating a budget, its spending and an execution rate the two contradict.

    The rate is measured against the year's full budget when the sentence states several
    (年初预算 …，全年预算 …); a sentence with two spending figures or two rates is left alone.
    """
    flags = []
    if not _RATE_WORD.search(text):
        return flags
    for begin, end in pairwise([0, *(m.end() for m in _PARTS_SENTENCE_END.finditer(text)), len(text)]):
        if not _RATE_WORD.search(text, begin, end):
            continue
        found = figures(text[begin:end])
        planned = next((f for role in PLANNED for f in found if f.role == role), None)
        executed = [f for f in found if f.role == "executed"]
        rates = [f for f in found if f.role == "rate"]
        if planned is None or not planned.value or len(executed) != 1 or len(rates) != 1:
            continue
        computed, stated = executed[0].value / planned.value * 100, rates[0].value
        written = text[begin + rates[0].start : begin + rates[0].end]
        tolerance = thresholds.share_tolerance_decimal if "." in written else thresholds.share_tolerance
        if abs(computed - stated) > tolerance:
            message = (
                f"预算{planned.value:.10g}万元、执行{executed[0].value:.10g}万元，执行率应为{computed:.1f}%，"
                f"文中写作{stated:g}%。"
            )
            first, last = min(planned.start, executed[0].start, rates[0].start), max(f.end for f in found)
            flags.append(
                Flag("ARITHMETIC_MISMATCH", "medium", message, None, offset + begin + first, offset + begin + last)
            )
    return flags


_ROUNDING = 0.01  # 万元 per part: parts written to two decimals may miss their total by this much each


def _parts_mismatches(text: str, offset: int) -> list[Flag]:
    """A total and its parts (X万元，其中A Y万元，B Z万元; or X万元。其中：A…) that do not add up.

    The total is the last amount before 其中 whose clause states no change (a budget 调整为 X after 追加 Y),
    in the sentence before when 其中 opens its own, unless the parts add up to an amount stated there earlier;
    every quantity after it must be an amount (a share or count there makes it another kind of list), up to a
    clause that tells where the money stands (目前已拨付…); amounts in brackets, or after a part's own 分别为,
    break a part down and are left out. Parts above the total contradict it; parts below it by more than
    ``near_share`` percent name only the main items.
    """
    flags = []
    ends = [m.end() for m in _PARTS_SENTENCE_END.finditer(text)]
    bounds = list(pairwise([0, *ends, len(text)]))
    for index, (begin, end) in enumerate(bounds):
        opener = _PARTS_OPENER.search(text, begin, end)
        if opener is None:
            continue
        head_begin = begin
        head = _totals(text, head_begin, opener.start())
        own_sentence = not head and index > 0 and not text[begin : opener.start()].strip(" :：、")
        if own_sentence:
            head_begin = bounds[index - 1][0]  # 共X万元。其中：…
            head = _totals(text, head_begin, begin)
        status = _PARTS_STATUS.search(text, opener.end(), end)
        list_end = (
            end
            if status is None
            else max(
                (m.end() for m in _PARTS_CLAUSE_END.finditer(text, opener.end(), status.start())), default=opener.end()
            )
        )
        listed_text = text[opener.end() : list_end]
        inner = [m.span() for m in _BRACKETED.finditer(listed_text)]
        quantities = outside_spans(find_quantities(listed_text), inner)
        # a part's spending after its budget (甲资金300万元，执行280万元): the budget is the part, not its spending
        quantities = [
            q for q in quantities if not _PARTS_SPENT.search(listed_text, max(0, q.start - _SPENT_REACH), q.start)
        ]
        breakdown = _own_breakdown(listed_text, quantities)
        tail = [q for q in quantities if q.start < breakdown]
        if not head or len(tail) < 2 or any(q.kind != "money" or q.value is None for q in tail):
            continue
        total, parts = float(head[-1].value), sum(float(q.value) for q in tail)
        if head[-1].scale == _YUAN_SCALE and abs(float(head[-1].value / head[-1].scale) - parts) <= _ROUNDING * len(
            tail
        ):
            continue  # 补助4712.3元，其中…万元 adding up to 4712.3: UNIT_ERROR's slip, no sum that fails
        gap = total - parts
        if abs(gap) <= _ROUNDING * len(tail) or gap > total * _VOCAB["parts"]["near_share"] / 100:
            continue
        if own_sentence and any(abs(float(q.value) - parts) <= _ROUNDING * len(tail) for q in head):
            continue  # 共157万元，其中A 39.3万元，B 117.7万元。其中甲87万元，乙70万元: an earlier total's parts
        slipped = _slipped_part(total, tail, listed_text)
        if slipped is not None:  # one part written in the other unit: the sum holds, the unit does not
            flags.append(
                Flag(
                    "UNIT_ERROR",
                    "high",
                    slipped[1],
                    None,
                    offset + opener.end() + slipped[0].start,
                    offset + opener.end() + slipped[0].end,
                )
            )
            continue
        listed = "、".join(f"{float(q.value):g}" for q in tail)
        message = f"总额{total:g}万元，其中各项（{listed}）合计{parts:g}万元，两者不符。"
        flags.append(
            Flag("ARITHMETIC_MISMATCH", "medium", message, None, offset + head_begin + head[-1].start, offset + end)
        )
    return flags


_TABLE_AMOUNT = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?")
_PARTS_LABEL = re.compile(rf"^\s*{_VOCAB['parts']['opener']}\s*[:：]?\s*")


def _table_parts_mismatches(table: Block) -> list[Flag]:
    """A budget table's total row (年度资金总额) whose source rows under it (其中：当年财政拨款, 上年结转资金,
    其他资金) do not add up to it, in the columns of amounts its header names (全年预算数, 全年执行数; not a
    执行率): only where the total and every part state an amount, so a part left blank or marked — is never read
    as nothing. Parts followed by another row of amounts may be a few of many (其中 names the main ones): they
    contradict the total only by exceeding it."""
    totals = vocabulary("budget")["table"]["totals"]
    for index, row in enumerate(table.rows):
        labelled = _row_label(row)
        if labelled is None or labelled[1] not in totals:
            continue
        header = _amount_columns(table.rows[:index], labelled[0])
        parts, complete = _source_rows(table.rows[index + 1 :])
        if len(parts) < 2 or not header:
            continue
        for column in header:
            total = _cell_amount(row, labelled[0], column)
            amounts = [_cell_amount(part, 0, column) for part in parts]
            if total is None or any(amount is None for amount in amounts):
                continue
            summed = sum(amounts)
            if abs(total - summed) > _ROUNDING * len(parts) and (complete or summed > total):
                shown = [f"{amount:g}" for amount in amounts[:_MAX_PARTS_SHOWN]]
                listed = "、".join(shown) + ("…" if len(amounts) > _MAX_PARTS_SHOWN else "")
                message = f"{labelled[1]}{total:g}，其中各项（{listed}）合计{summed:g}，两者不符。"
                last = parts[-1][-1]
                return [Flag("ARITHMETIC_MISMATCH", "medium", message, None, row[labelled[0]].start, last.end)]
    return []


_MAX_PARTS_SHOWN = 6


def _amount_columns(above: list[list[Cell]], label_column: int) -> list[int]:
    """The columns (counted after the label's) whose header above names an amount of the budget, planned or
    spent (全年预算数, 全年执行数), from the nearest row of budget labels; none without such a header."""
    for row in reversed(above):
        roles = [cell_role(cell.text) for cell in row[label_column + 1 :]]
        if any(roles):
            return [k for k, role in enumerate(roles) if role in (*PLANNED, "executed")]
    return []


def _row_label(row: list[Cell]) -> tuple[int, str] | None:
    """The column and words of a row's first non-empty cell (a merged caption's empty cell before it)."""
    first = next((k for k, cell in enumerate(row) if cell.text.strip()), None)
    return None if first is None else (first, re.sub(r"[\s:：]", "", row[first].text))


def _source_rows(rows: list[list[Cell]]) -> tuple[list[list[Cell]], bool]:
    """The rows right under a total that split it by source (the first opens with 其中, the rest name a fund), and
    whether they are all of them: no row of amounts follows them. None when a second 其中 splits a part further."""
    ends = tuple(_VOCAB["parts"]["table_part_ends"])
    parts: list[list[Cell]] = []
    for position, row in enumerate(rows):
        labelled = _row_label(row)
        if labelled is None:
            return parts, True
        label = _PARTS_LABEL.sub("", labelled[1])
        opens = label != labelled[1]
        if opens and parts:
            return [], False
        if opens != (not parts) or not label.endswith(ends):
            following = rows[position]
            return parts, not any(_table_amount(cell.text) is not None for cell in following[labelled[0] + 1 :])
        parts.append(row[labelled[0] :])
    return parts, True


def _cell_amount(row: list[Cell], label_column: int, column: int) -> float | None:
    """The amount of the ``column``-th cell after a row's label, or None."""
    cells = row[label_column + 1 :]
    return _table_amount(cells[column].text) if column < len(cells) else None


def _table_amount(text: str) -> float | None:
    """A cell's amount (4,865.20), or None for a blank, a dash, a share or words."""
    text = text.strip()
    return float(text.replace(",", "")) if _TABLE_AMOUNT.fullmatch(text) else None


def _slipped_part(total: float, parts: list[Quantity], listed: str) -> tuple[Quantity, str] | None:
    """The one part whose unit was slipped (县级配套资金350,000.00万元 among parts in 元 of a total of 1,286,500元):
    read in the other unit (元 for 万元, 万元 for 元) it makes the parts add up to their total. With its message."""
    for part in parts:
        value = float(part.value)
        other = value * float(_YUAN_SCALE) if part.scale == 1 else value / float(_YUAN_SCALE)
        if abs(sum(float(q.value) for q in parts) - value + other - total) <= _ROUNDING * len(parts):
            written = listed[part.start : part.end]
            meant = f"{other:g}万元"
            return part, f"“{written}”与其他各项的单位不符：按另一单位读（{meant}）各项才与总额{total:g}万元相符。"
    return None


def _own_breakdown(listed: str, quantities: list[Quantity]) -> int:
    """Where a part's own breakdown starts in a list of parts (一是甲300万元，分别为丙200万元、丁100万元；…):
    a 分别为 right after a part's amount. After a list of names (乙项、丙项分别为100万元、150万元) it gives their
    amounts, which are parts. The list's length when no part is broken down."""
    for quantity in quantities:
        after = _LINK.match(listed, quantity.end).end()
        if _PARTS_BREAKDOWN.match(listed, after):
            return after
    return len(listed)


def _totals(text: str, begin: int, end: int) -> list[Quantity]:
    """The amounts of ``text[begin:end]`` that may be a total: money whose clause states no change."""
    sentence = text[begin:end]
    return [
        q
        for q in find_quantities(sentence)
        if q.kind == "money" and q.value is not None and not _states_change(sentence, q.start)
    ]


def _states_change(sentence: str, at: int) -> bool:
    """Does the clause holding the amount at ``at`` state a change (追加, 比上年减少) rather than a total?"""
    clause_start = max((m.end() for m in _PARTS_CLAUSE_END.finditer(sentence, 0, at)), default=0)
    return bool(_PARTS_CHANGE.search(sentence, clause_start, at))


def _share_pairs(text: str) -> list[tuple[Quantity, Quantity]]:
    """Each amount followed by its share (X万元，占Y%), as found by find_quantities (in 万元, 元 read as 万元)."""
    found = find_quantities(text)
    return [
        (amount, share)
        for amount, share in pairwise(found)
        if amount.kind == "money"
        and amount.value is not None
        and share.kind == "percent"
        and share.unit == "%"
        and share.value is not None
        and _SHARE_LINK.fullmatch(text, amount.end, share.start)
    ]


def _stated_totals(text: str, opener: int) -> list[float]:
    """The totals a list of shares may refer to: the last few amounts stated in the sentence before its 其中 /
    主要用于 (or the one before that, when 其中 opens its own), in clauses stating no change (原值482.46万元，累计折旧
    …，净值320.32万元。其中…: either)."""
    begin = _sentence_start(text, opener)
    if not text[begin:opener].strip(" :：、"):
        begin = _sentence_start(text, max(begin - 1, 0))  # 共X万元。其中：…
    return [float(q.value) for q in _totals(text, begin, opener)][-_MAX_TOTALS:]


_MAX_TOTALS = 3  # the amounts before 其中 tried as the shares' total: the nearest few


def _amounts_in_yuan(text: str) -> list[Quantity]:
    """Amounts written in digits and 元 (5.2元), not a per-unit price (300元/人)."""
    return [
        q
        for q in find_quantities(text)
        if q.kind == "money"
        and q.scale == _YUAN_SCALE
        and q.value is not None
        and text[q.start].isdigit()
        and not _PER_UNIT_AFTER.match(text, q.end)
    ]


def _broken_down_in_wan_yuan(text: str, found: Quantity, amount: float) -> bool:
    """Is an amount in 元 broken down at once (其中…) into amounts in 万元 that add up to its number (补助471.23元，
    其中中央补助189.63万元，地方补助281.6万元)? Then 万元 is meant, however large the number."""
    opener = _PARTS_RIGHT_AFTER.match(text, found.end)
    if opener is None:
        return False
    stop = _PARTS_SENTENCE_END.search(text, opener.end(), opener.end() + _MAX_PARTS_CHARS)
    listed = text[opener.end() : stop.start() if stop else opener.end() + _MAX_PARTS_CHARS]
    parts = [q for q in find_quantities(listed) if q.kind == "money" and q.value is not None]
    if len(parts) < _MIN_PARTS or any(q.scale != 1 for q in parts):
        return False
    return abs(sum(float(q.value) for q in parts) - amount) <= _ROUNDING * len(parts)


_PARTS_RIGHT_AFTER = re.compile(rf"[\s，,：:]*(?:{_VOCAB['parts']['opener']})[\s：:]*")
_MIN_PARTS = 2
_MAX_PARTS_CHARS = 120  # a breakdown's reach when no sentence ends: a paragraph of such amounts costs no square


def unit_error(document: IngestedText, thresholds: FlagThresholds) -> list[Flag]:
    """An amount in 元 too small for a budget or fund, in a paragraph that counts in 万元 or states its execution, or
    one whose parts in 万元 add up to its number."""
    unit = _VOCAB["unit"]
    flags = []
    for block in document.blocks:
        if block.kind != "paragraph" or not _BUDGET_CONTEXT.search(block.text):
            continue
        for found in _amounts_in_yuan(block.text):
            amount = float(found.value / found.scale)
            context = block.text[max(0, found.start - unit["context_chars"]) : found.start]
            small = (
                0 < amount < thresholds.max_yuan and _MONEY_CONTEXT.search(context) and not _PER_UNIT.search(context)
            )
            if small or _broken_down_in_wan_yuan(block.text, found, amount):
                context = "与上下文的万元不符" if "万元" in block.text else "作为预算资金金额过小"
                written = block.text[found.start : found.end]
                message = f"“{written}”以元为单位，{context}，疑为“{amount:g}万元”。"
                flags.append(
                    Flag("UNIT_ERROR", "high", message, None, block.start + found.start, block.start + found.end)
                )
    return flags


def _spans_labelled(evaluation: Evaluation, by_id: dict[str, Section], label: str) -> list[tuple[int, int]]:
    """The spans of the evaluation's sections of one label (results: 绩效目标完成情况; goals: 绩效目标), not one
    under a problems or suggestions part (存在的问题 ⏎ (一)糖尿病规范管理未达目标。 states no goal)."""
    sections = [by_id[i] for i in evaluation.sections]
    return [
        (s.start, s.end)
        for s in sections
        if s.label == label and not (s.parent in by_id and by_id[s.parent].label in ("problems", "suggestions"))
    ]


def check_document(
    document: IngestedText, by_id: dict[str, Section], evaluations: list[Evaluation], thresholds: FlagThresholds
) -> list[Flag]:
    """Document-level flags; evaluation flags are attached to each evaluation."""
    for evaluation in evaluations:
        text = evaluation.text(document, by_id)
        evaluation.flags = [
            *none_statement(evaluation),
            *missing_section(evaluation, by_id),
            *boilerplate_text(evaluation),
            *target_equals_actual(evaluation),
            *vague_indicator(evaluation),
            *empty_indicator(evaluation, document),
            *malformed_table(evaluation),
            *unsupported_satisfaction(evaluation, text),
            *score_mismatch(evaluation, thresholds),
            *table_total_mismatch(evaluation, thresholds),
            *narrative_table_conflict(evaluation),
            *restated_row_conflict(evaluation),
            *claim_table_conflict(evaluation, _spans_labelled(evaluation, by_id, "results")),
            *goal_table_conflict(evaluation, _spans_labelled(evaluation, by_id, "goals"), document.text),
            *perfect_record(evaluation, thresholds),
        ]
    for flag in duplicate_text(document, evaluations, by_id, thresholds.min_passage):
        next(e for e in evaluations if e.id == flag.eval).flags.append(flag)
    document_flags = arithmetic_mismatch(document, thresholds) + unit_error(document, thresholds)
    for flag in document_flags:  # a flag inside an evaluation's span belongs to it
        owner = next((e for e in evaluations if any(a <= flag.start < b for a, b in e.spans(by_id))), None)
        if owner is not None:
            flag.eval = owner.id
            owner.flags.append(flag)
    for evaluation in evaluations:
        if all(flag.code != "ARITHMETIC_MISMATCH" for flag in evaluation.flags):  # its prose said it already
            evaluation.flags += budget_rate_mismatch(evaluation, document, by_id, thresholds)
    return [f for f in document_flags if f.eval is None]
