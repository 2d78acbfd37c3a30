"""The extract stage: per evaluation, its indicators, budget, goal and scores.

Tables inside an evaluation's report or 自评表 give indicators, budget and goal;
its report's prose gives narrative indicators and, where the tables are silent,
the budget (a department's only from figures of the unit as a whole) and the
claimed score; a document's 预算绩效管理情况 summary gives claimed scores for the
evaluations it names. Everything is read inside the evaluation's own spans.
"""

from __future__ import annotations

import re

from nlp.extraction.budget import budget_in_text, row_budget, score_in_text, scored_clauses
from nlp.extraction.narrative import goals_spans, handed_down_spans, narrative_indicators
from nlp.extraction.row_names import RowNames
from nlp.extraction.scoring import ScoringConfig, achieved, recomputed_score
from nlp.extraction.tables import TableReading, read_table, with_results_joined
from nlp.structure.units import same_project
from nlp.text.blocks import Block, Cell, IngestedText
from nlp.text.document import Budget, Evaluation, Goal, Indicator, Passage, Section
from nlp.text.vocabulary import vocabulary


def _blocks_within(document: IngestedText, spans: list[tuple[int, int]]) -> list[Block]:
    return [b for b in document.blocks if any(start <= b.start < end for start, end in spans)]


def _passage(cell: Cell) -> Passage:
    return Passage(cell.text, cell.start, cell.end)


def _states_figures(reading: TableReading) -> bool:
    return any(figure is not None for figure in (reading.planned, reading.executed, reading.total_points))


def fill_evaluation(
    document: IngestedText, sections: dict[str, Section], evaluation: Evaluation, config: ScoringConfig
) -> None:
    spans = evaluation.spans(sections)
    blocks = _blocks_within(document, spans)
    readings: list[TableReading] = [read_table(b) for b in blocks if b.kind == "table"]
    readings = [r for r in readings if r.indicators or _states_figures(r)]
    own = [sections[i] for i in evaluation.sections]
    tabled = with_results_joined([i for r in readings for i in r.indicators])
    # goals stated in sentences count where no table sets them out (a table's goals are its rows)
    narrative = narrative_indicators(blocks, handed_down_spans(own), [] if tabled else goals_spans(own))
    evaluation.restated = _restated_rows(narrative, tabled)
    restating = {id(prose) for prose, _ in evaluation.restated}
    indicators = tabled + [indicator for indicator in narrative if id(indicator) not in restating]
    for indicator in indicators:
        indicator.achieved = achieved(indicator, config)
    evaluation.indicators = indicators

    # Prose apart from the tables, whose cells were read by their labels (nlp.extraction.budget.table_budget).
    prose = "\n".join(b.text for b in blocks if b.kind != "table")
    # a form's own budget before a task list's total (年度主要任务 | … | 预算数 | 执行数: the projects' share)
    budgeted = sorted(
        (r for r in readings if r.planned is not None or r.executed is not None), key=lambda r: r.budget_of_tasks
    )
    table_budget = Budget(budgeted[0].planned, budgeted[0].executed, budgeted[0].rate) if budgeted else None
    if budgeted and budgeted[0].budget_of_tasks:
        whole = budget_in_text(prose, evaluation.kind == "department")
        if whole.planned is not None or whole.executed is not None:
            table_budget = whole  # the text states the unit's whole budget
    evaluation.budget = (
        table_budget
        or _listed_row_budget(document, evaluation)
        or budget_in_text(prose, evaluation.kind == "department")
    ).complete()
    scored = next((r for r in readings if r.total_points is not None), None)
    prose_score = score_in_text(prose)
    # a score found while finding the units (a results list's row) stands unless the unit's own text states one
    stated = scored.total_points if scored is not None else None
    # the total its rows are checked against: one form's, when the evaluation's rows are all that form's
    evaluation.table_total = stated if all(r is scored or not r.indicators for r in readings) else None
    stated = stated if stated is not None else prose_score
    if scored is not None and prose_score is not None and _scores_part(scored, prose_score):
        stated = prose_score  # 合计 | 90 | 87.3 beside the budget's 10 points: the report's 97.22 is the score
    if stated is None:
        stated = _score_under_heading(document, [sections[i] for i in evaluation.sections])
    evaluation.claimed_score = stated if stated is not None else evaluation.claimed_score
    goal = next((r for r in readings if r.goal_expected is not None), None)
    if goal is not None:
        actual = _passage(goal.goal_actual) if goal.goal_actual is not None else None
        evaluation.goal = Goal(_passage(goal.goal_expected), actual)
    level1_weights = {k: v for r in readings for k, v in r.level1_weights.items()}
    evaluation.recomputed_score = recomputed_score(
        indicators, evaluation.budget.planned, evaluation.budget.executed, level1_weights, config
    )


def _restated_rows(narrative: list[Indicator], tabled: list[Indicator]) -> list[tuple[Indicator, Indicator]]:
    """The prose indicators that state again a table row of their dimension, each with that row (数量指标：新建大棚
    60座，实际完成58座 beside 新建大棚数量 | ≥60座 | 58座): the row is the indicator, with its points; the prose
    restating it is no second one (a flag compares the two). The row is the closest named one of the same
    dimension (any, for a prose item of none) and units. A 评分表's row states a criterion, no result
    (水土流失治理成效 | 未完成按比例扣分 | 5 | 5): the prose's 新增水土流失治理面积 is an indicator of its own."""
    stating = [
        row for row in tabled if row.actual is not None or (row.target is not None and row.target.kind != "text")
    ]
    if not stating or not narrative:
        return []
    names = RowNames(stating)
    pairs = []
    for indicator in narrative:
        rows = (stating[k] for k in names.named(indicator.name or ""))  # the closest name first
        row = next((r for r in rows if _same_dimension(indicator, r) and _measured_alike(indicator, r)), None)
        if row is not None:
            pairs.append((indicator, row))
    return pairs


def _same_dimension(prose: Indicator, row: Indicator) -> bool:
    """A prose item of no dimension (a goal list: 新建管网不少于40公里) may be any row's; else the row's must be its."""
    return prose.dimension in (row.dimension, "其他")


def _measured_alike(prose: Indicator, row: Indicator) -> bool:
    """Do a prose line and a row measure in the same units wherever both state a figure (60口 of 水窖 is no 座 of
    大棚)?"""
    stated = [(a, b) for a, b in ((prose.target, row.target), (prose.actual, row.actual)) if a is not None and b]
    figures = [(a, b) for a, b in stated if a.kind != "text" and b.kind != "text"]
    return all(a.kind == b.kind and a.unit == b.unit for a, b in figures)


def _scores_part(reading: TableReading, prose_score: float) -> bool:
    """Does a table's total score only part of the marks (its rows weigh 90, the budget's execution the other
    10), the report stating the whole score above it?"""
    weights = sum(indicator.weight or 0 for indicator in reading.indicators)
    full = vocabulary("budget")["scores"]["full_marks"]
    return 0 < weights < full and reading.total_points < prose_score <= full


def _listed_row_budget(document: IngestedText, evaluation: Evaluation) -> Budget | None:
    """An evaluation that is one row of a table listing several (nlp.structure.result_lists): its budget is
    read under the table's header, among the table's first rows."""
    block = next(
        (b for b in document.blocks if b.kind == "table" and b.start < evaluation.start < b.end),
        None,
    )
    if block is None:
        return None
    own = next((row for row in block.rows if row and row[0].start == evaluation.start), None)
    if own is None:
        return None
    above = [[cell.text for cell in row] for row in block.rows[:_HEADER_ROWS] if row and row is not own]
    budget = row_budget([*above, [cell.text for cell in own]])
    return budget if budget.planned is not None or budget.executed is not None else None


_HEADER_ROWS = 4  # a list's header stands at its top: a caption, the header and its second line


_BARE_SCORE = re.compile(r"^(?P<score>\d{1,3}(?:\.\d{1,2})?)\s?分[。.]?$")


def _score_under_heading(document: IngestedText, sections: list[Section]) -> float | None:
    """A score a heading labels and its section states alone ((一)自评得分 ⏎ 100分。), within its bounds."""
    labels = tuple(vocabulary("budget")["prose"]["score"])
    most = vocabulary("budget")["scores"]["most_with_bonus"]
    for section in sections:
        if not section.heading.rstrip("：:。 ").endswith(labels):
            continue
        body = document.text[section.heading_end : section.end].strip()
        bare = _BARE_SCORE.match(body.split("\n", 1)[0].strip()) if body else None
        if bare is not None and float(bare.group("score")) <= most:
            return float(bare.group("score"))
    return None


def scores_from_summaries(document: IngestedText, sections: list[Section], evaluations: list[Evaluation]) -> None:
    """Claimed scores stated in the 决算 part's 预算绩效管理情况 for evaluations that state none."""
    for section in sections:
        if section.label != "perf_mgmt":
            continue
        for subject, score in scored_clauses(document.text[section.start : section.end]):
            target = _evaluation_named(subject, evaluations)
            if target is not None and target.claimed_score is None:
                target.claimed_score = score


def _evaluation_named(subject: str, evaluations: list[Evaluation]) -> Evaluation | None:
    projects = [e for e in evaluations if e.kind == "project" and e.name and same_project(e.name, subject)]
    if len(projects) == 1:
        return projects[0]
    if "整体" in subject or "部门" in subject:
        departments = [e for e in evaluations if e.kind == "department"]
        named = [e for e in departments if e.name and e.name in subject]
        if len(named) == 1:
            return named[0]
        if len(departments) == 1:
            return departments[0]
    return None
