"""Indicators stated in a report's prose: ``数量指标：招聘安保人员17人。``, ``1.数量指标。该项目处治里程8公里``,
the clauses of the paragraph under a bare ``(1)数量指标。`` line (``办理法律援助案件94件;调解纠纷1087件``), the
list a paragraph opens with an indicator heading (``绩效指标完成情况分析。甲率100%，乙率≥90%``), and a list of
targets written again as actuals (``目标:甲数5个,乙数3个。实际完成:甲数6个,乙数3个``).

This module walks the blocks and says which runs of prose state indicators and under which dimension;
``nlp.extraction.narrative_clauses`` reads what one run states.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise

from nlp.extraction.indicators import PROSE_DIMENSION_NAMES, dimension_of, implied_level1
from nlp.extraction.narrative_clauses import (
    ITEM_NUMBER,
    MIN_NAME_CHARS,
    Stated,
    achieved_then_aimed,
    aimed_clauses,
    aspect_label,
    closes_clause,
    dimension_by_name,
    list_opening,
    listed,
    named_plans,
    named_value,
    paired,
    parallel,
    pieces,
    planned_first,
    shared_rates,
    undated_name,
    without_closing_note,
)
from nlp.text.blocks import Block
from nlp.text.document import Indicator, Section, Value
from nlp.text.normalize import ENUMERATION_START
from nlp.text.values import LEADING_COMPARATOR, Quantity, find_quantities, parse_value, quantity_value
from nlp.text.vocabulary import alternation, known_cell_words, level_of_label, marker, vocabulary

_LONG_NAMES = [name for name in PROSE_DIMENSION_NAMES if len(name) >= 4]


def _label(loose: bool) -> str:
    """A dimension's label, numbered or not: 数量指标, 1.质量指标完成情况, (2)时效目标, ①成本指标, 1、产出数量指标,
    or after its level's word without 指标 before its stop (1、产出数量。, the 二级 names of Hunan's template),
    with the count of its indicators (数量指标6个),
    and a longer name without 指标 before a colon (可持续影响：, not 1.社会效益。, a summary's heading) or, when
    ``loose`` (among other indicator lines), before a full stop too; a bracketed note may follow (质量指标(验收质量)：).
    """
    prefixes = alternation(vocabulary("tables")["narrative"]["label_prefixes"])
    ends = "[:：。.]" if loose else "[:：]"
    return (
        f"^(?:{marker('ar', masked=True)}|{marker('par', masked=True)}|{marker('circle')})?\\s*(?P<prefix>{prefixes})?"
        f"(?:(?P<dimension>{'|'.join(map(re.escape, PROSE_DIMENSION_NAMES))})"
        "(?(prefix)(?:指标|目标|(?=[:：。.]))|(?:指标|目标))(?:完成情况(?P<analysis>分析)?)?(?:共?\\d{1,3}\\s*[个项条])?"
        f"|(?P<long>{'|'.join(map(re.escape, _LONG_NAMES))})(?=(?:[(（][^()（）]{{1,12}}[)）])?{ends}))"
        r"(?:[(（][^()（）]{1,12}[)）])?"
    )


# a label's end: a colon or stop, or a dash before the indicator it labels (数量指标—甲率：…)
_LINE = re.compile(rf"{_label(False)}[:：。.—–]\s*(?P<rest>.+)$")
_LOOSE_LINE = re.compile(rf"{_label(True)}[:：。.—–]\s*(?P<rest>.+)$")
_LABEL_ONLY = re.compile(rf"{_label(False)}[:：。.]?$")
# The next dimension's label run on after a line's full stop (…实际完成18期。2.质量指标：…): a line of its own.
_RUN_ON_LABEL = re.compile(rf"(?<=[。；;])\s*(?={_label(False).removeprefix('^')}[:：])")
# A label running straight into what it names, without a colon (社会效益指标受益户收入增长10%).
_LABELLED_CLAUSE = re.compile(rf"{_label(False)}(?=[\u4e00-\u9fff])")
_CLAUSE = re.compile(r"[^;；。]+")
_NOTHING = re.compile(r"^(?:无|暂无|没有|不涉及|无此项)[。.]?$")
_TABLED_ITEMS_CHECKED = 3  # bounds the search of the tables' text: items × table characters
_LISTED = re.compile(r"[;；]")
_PARTS = re.compile("其中")
_COMPARATOR_REACH = 6  # how far before a figure its comparator word (不低于, ≥) may start
# what opens a line's actual after its target: 实际…, or 完成 right before a figure (完成120人, not 完成工程量8公里)
_ACTUAL_MARK = re.compile(r"实际|完成(?:值|数)?(?:为|是)?(?=\d)")
# An item's number opening the line or a clause of it ((1)甲≥20批次;(2)乙≥15家): no figure of the line.
_CLAUSE_ITEM_NUMBER = re.compile(rf"(?:^|(?<=[;；。，,:：])){ITEM_NUMBER.pattern}")
# A list's item opening its own paragraph with its number (1.甲项…, (2)乙项…, ③丙项…).
_NUMBERED_ITEM = re.compile(rf"^\s*(?:{marker('ar')}|{marker('par')}|{marker('circle')})")
# A level's label opening a list (产出指标：甲数20个).
_LEVEL_LABEL = re.compile(r"\s*(?P<label>[\u4e00-\u9fff]{2,8})[:：]")


def handed_down_spans(sections: Sequence[Section]) -> list[tuple[int, int]]:
    """Where a report hands its targets down: its goals sections whose heading says so (绩效目标分解下达情况,
    （二）2022年绩效目标), unless the heading or the part it stands in reports results (2.完成的绩效目标)."""
    words = vocabulary("tables")["prose"]
    results = {s.id for s in sections if s.label == "results"}
    last_results = max((s.start for s in sections if s.label == "results"), default=-1)
    return [
        (s.start, s.end)
        for s in sections
        if s.label == "goals"
        and (
            any(w in s.heading for w in words["target_headings"])
            # the bare word only before a part that reports results: else its lines may be the results themselves
            or (_title_of(s.heading) in words["target_titles"] and last_results > s.start)
        )
        and not (s.parent in results or any(w in s.heading for w in words["results"]))
    ]


def _title_of(heading: str) -> str:
    """A heading's words without its number and closing marks (二、绩效目标。 → 绩效目标)."""
    return ENUMERATION_START.sub("", heading, count=1).strip().rstrip("。：:")


def goals_spans(sections: Iterable[Section]) -> list[tuple[int, int]]:
    """Where a report states its goals, whatever its heading's words (项目绩效目标, 部门整体绩效目标)."""
    return [(s.start, s.end) for s in sections if s.label == "goals"]


def narrative_indicators(
    blocks: list[Block],
    target_spans: Sequence[tuple[int, int]] = (),
    goals_section_spans: Sequence[tuple[int, int]] = (),
) -> list[Indicator]:
    """The indicators of a report's paragraphs: dimension lines, the paragraphs under a bare dimension line,
    the lists indicator headings open, and the targets a goals section's sentences list.

    Paragraphs inside ``target_spans`` (``handed_down_spans``) state targets; inside ``goals_section_spans``
    (``goals_spans``) a sentence naming figures clause by clause lists targets.
    """
    found: list[Indicator] = []
    goals: list[Indicator] = []  # the items of a goal's sentence (产出目标为甲20个，…)
    stating_targets = False
    among = False  # the paragraph before was an indicator line or heading
    opened: str | None = None  # the role of a list the paragraph before opened and left for this one
    tabled = "\n".join(b.text for b in blocks if b.kind == "table")
    blocks = [line for block in blocks for line in _dimension_lines(block)]
    aspect: str | None = None  # the first level (产出) whose numbered results the lines after its label state
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        if block.kind != "paragraph":
            continue
        if (label := _aspect_line().match(block.text)) is not None:
            aspect = label.group("level1")
            continue
        if aspect is not None and (result := _aspect_result(block, aspect)) is not None:
            found.append(result)
            among, opened = True, None
            continue
        aspect = aspect if aspect is not None and _caption_line(block.text) else None
        # a line of a goals section handing targets down states one, unless it reports what was done (已完成…)
        stating_targets = _states_targets(block.text, stating_targets) or (
            any(start <= block.start < end for start, end in target_spans)
            and not _context_words()[1].search(block.text)
        )
        label = _LABEL_ONLY.match(block.text)
        if label is not None and index < len(blocks):
            under, index = _under_label(_dimension_word(label), blocks, index)
            found += under
            among, opened = True, None
            continue
        line = _LINE.match(block.text) or (_LOOSE_LINE.match(block.text) if among else None)
        if line is not None:
            found += [] if _cut_off(line.group("rest"), blocks[index:]) else _line(block, line, stating_targets)
            among, opened = True, None
            continue
        following = blocks[index] if index < len(blocks) else None
        scored = _scored_item(block, following) or _scored_account(block, following)
        if scored is not None:
            found.append(scored)
            among, opened = True, None
            index += scored.end > block.end  # its account was the paragraph after it
            continue
        labelled = (
            _labelled_clauses(block)
            or _aimed_results(block)
            or _numbered_clauses(block, stating_targets)
            or _counted_lists(block, stating_targets)
            or _first_level_line(block, stating_targets, tabled)
        )
        if labelled:
            found += labelled
            among, opened = True, None
            continue
        items, among, opened, goal = _list(block, opened, stating_targets, tabled)
        if not items and any(start <= block.start < end for start, end in goals_section_spans):
            # a goal's sentence: the report may state its items again with their results
            items = _goal_sentences(block, tabled)
            among, goal = among or bool(items), bool(items)
        found += items
        goals += items if goal else []
    found = _without_restated(found, goals)
    kept = {id(indicator) for indicator in found}
    _results_of_goals([goal for goal in goals if id(goal) in kept], blocks)
    return _with_results_paired(_with_aims_joined(found))


@cache
def _aspect_line() -> re.Pattern:
    """A first level's label alone on its line, heading its numbered results (产出方面：, 二、效益方面)."""
    labels = alternation(list(vocabulary("tables")["narrative"]["aspect_lines"]))
    return re.compile(rf"^(?:{ENUMERATION_START.pattern})?\s*(?P<level1>{labels})[:：。]?\s*$")


def _aspect_result(block: Block, aspect: str) -> Indicator | None:
    """A numbered line under a level's word, what was done and what was aimed at (1.完成甲1200人次，目标1000
    人次。), as an indicator of the level the word stands for."""
    number = _NUMBERED_ITEM.match(block.text)
    stated = achieved_then_aimed(block.text[number.end() :]) if number is not None else None
    if stated is None:
        return None
    return _aimed_indicator(aspect_label(aspect), stated, block.start + number.end(), None)


_MIN_AIMED_CLAUSES = 2  # one "…，目标…" clause in prose may be a sentence's aside; two in a row are a list


def _aimed_results(block: Block) -> list[Indicator]:
    """A paragraph's clauses each stating what was done and what was aimed at (主要绩效：产出方面，甲306天，目标300天；
    乙120场，目标100场。效益方面，…), two at least: one indicator each, its 一级 the level word before it."""
    found = aimed_clauses(block.text)
    if len(found) < _MIN_AIMED_CLAUSES:
        return []
    indicators = []
    level: str | None = None  # a first level's label goes on to the clauses after it (产出方面，甲…；乙…)
    for label, stated in found:
        level = label if label is not None and level_of_label(label) == 1 else level
        indicators.append(_aimed_indicator(label, stated, block.start, None, level))
    return indicators


def _aimed_indicator(
    label: str | None, stated: Stated, offset: int, word: str | None, level1: str | None = None
) -> Indicator:
    """An indicator of an aimed clause: its 一级 by a first level's label, its dimension by a 二级 label (数量指标：),
    else by its name."""
    level = level_of_label(label) if label is not None else None
    level1 = label if level == 1 else level1
    level2 = label if level == 2 else None
    dimension = dimension_of(level2) if level2 else dimension_by_name(stated.name, word, stated.actual or stated.target)
    return _indicator(dimension, level2 or word, stated, offset, level1=level1)


@cache
def _caption() -> re.Pattern:
    """A picture's caption between a post's lines (▲培训班现场): tables.toml [narrative] caption_marks."""
    return re.compile(f"^(?:{alternation(vocabulary('tables')['narrative']['caption_marks'])})")


def _caption_line(text: str) -> bool:
    return bool(_caption().match(text)) and not any(char.isdigit() for char in text)


def _dimension_lines(block: Block) -> list[Block]:
    """A paragraph holding several dimension lines run together (1.数量指标：…。2.质量指标：…), one block each,
    its offsets kept."""
    if block.kind != "paragraph" or not _LINE.match(block.text):
        return [block]
    cuts = [0, *(m.end() for m in _RUN_ON_LABEL.finditer(block.text)), len(block.text)]
    return [Block("paragraph", block.start + a, block.start + b, block.text[a:b]) for a, b in pairwise(cuts) if a < b]


def _with_aims_joined(found: list[Indicator]) -> list[Indicator]:
    """A clause read as an indicator named only by an aim's word (…达3400吨，目标3000吨以上 split at its comma:
    目标 | 3000吨以上) is the target of the indicator right before it, when that one has none."""
    aims = set(vocabulary("tables")["narrative"]["aim_words"])
    joined: list[Indicator] = []
    for indicator in found:
        before = joined[-1] if joined else None
        if (
            before is not None
            and indicator.name in aims
            and indicator.target is None
            and before.target is None
            and indicator.actual is not None
        ):
            before.target = indicator.actual
            before.end = max(before.end, indicator.end)
            continue
        joined.append(indicator)
    return joined


def _with_results_paired(found: list[Indicator]) -> list[Indicator]:
    """Each target-only line given the result a later line of its dimension states for it (二、绩效目标
    数量指标：完成道路9.6公里 … 三、完成情况 数量指标：完成道路9.6公里，涉及6个村): one indicator, at its target's
    line. A result of the same name is its target's first; else one whose name holds the target's or is held in
    it (每公里成本 in 实际每公里成本), among the next few of its dimension and unless another target has exactly
    its name (教师培训 is not 骨干教师培训's), or one with no name for a target with none. A result line of several
    items (新建蓄水池28座;完善管护制度) stays whole, the account of a list of targets. Each target looks at a
    bounded number of results: a text of ten thousand lines costs no product of its targets and results."""
    by_name: dict[tuple[str, str], list[Indicator]] = {}
    by_dimension: dict[str, list[Indicator]] = {}
    for indicator in found:  # in text order
        if indicator.target is None and indicator.actual is not None and not _LISTED.search(indicator.actual.raw):
            by_name.setdefault((indicator.dimension, _item_name(indicator.name)), []).append(indicator)
            by_dimension.setdefault(indicator.dimension, []).append(indicator)
    targets = [i for i in found if i.target is not None and i.actual is None]
    target_names = {_item_name(i.name) for i in targets}
    used: set[int] = set()
    for target in targets:
        name = _item_name(target.name)
        result = next(iter(_unused_after(by_name.get((target.dimension, name), []), target.end, used)), None)
        if result is None:
            later = _unused_after(by_dimension.get(target.dimension, []), target.end, used)
            result = next(
                (r for r in later if _item_name(r.name) not in target_names and _same_item(name, _item_name(r.name))),
                None,
            )
        if result is not None:
            target.actual = result.actual
            used.add(id(result))
    return [indicator for indicator in found if id(indicator) not in used]


def _unused_after(results: list[Indicator], end: int, used: set[int]) -> list[Indicator]:
    """The first few results (in text order) that start after ``end`` and are no target's yet."""
    first = bisect_right(results, end, key=lambda r: r.start)
    window = results[first : first + 2 * _PAIRING_REACH]
    return [r for r in window if r.start > end and id(r) not in used][:_PAIRING_REACH]


_PAIRING_REACH = 8  # the results of a dimension tried for a target named otherwise: a list's, not a whole text's


def _item_name(name: str | None) -> str:
    """A line's name without its closing marks (改善出行条件。), for comparing a target's with a result's."""
    return (name or "").rstrip("。.；;，,")


def _same_item(a: str, b: str) -> bool:
    """Do two names (neither given: "") name one item: one within the other, the shorter long enough to name?"""
    if not a or not b:
        return not a and not b
    return len(min(a, b, key=len)) >= MIN_NAME_CHARS and (a in b or b in a)


def _goal_sentences(block: Block, tabled: str) -> list[Indicator]:
    """The targets a goals section's sentence lists with no opening words (全年新增甲达到17500名，至少打造乙20家；
    丙率不低于90%。): its clauses that each name a bound or a rate with its unit, two at least.

    A sentence reporting what was done (完成情况, 截至) states no target; the year's funds (下达资金50万元) are
    its budget; a label before a colon (甲经费：确保乙率达95%) and an item's number are no part of a name; a list
    the evaluation's tables name too is theirs."""
    _, results = _context_words()
    found = []
    for sentence in _SENTENCE.finditer(block.text):
        text = sentence.group()
        if results.search(text) or _not_goals().search(text):
            continue
        figures = [q for q in find_quantities(text) if q.kind not in ("date", "date_range")]
        label = _label_colon(text, figures[0].start) if figures else -1
        offset = sentence.start() + label + 1
        stated = [_without_opener(_unnumbered(s)) for s in listed(text[label + 1 :], targets=True)]
        stated = [s for s in stated if s.actual is not None and s.actual.unit and s.actual.kind not in _NOT_GOAL_KINDS]
        stated = [s for s in stated if _GOAL_NAME.fullmatch(s.name) and _aimed_at(s)]
        if len(stated) < _MIN_GOAL_ITEMS or any(s.name in tabled for s in stated[:_TABLED_ITEMS_CHECKED]):
            continue
        found += [
            _indicator(dimension_by_name(s.name, None, s.actual), None, s, block.start + offset, targets=True)
            for s in stated
        ]
    return found


@cache
def _not_goals() -> re.Pattern:
    """Words of a sentence in a goals section that tells what was done so far or how points are lost, no goal."""
    return re.compile(alternation(vocabulary("tables")["narrative"]["not_goals"]))


def _label_colon(text: str, first_figure: int) -> int:
    """Where the colon of a label before a goal's list stands (学生资助:发放率100%), else -1: the last colon before
    the first figure with a name between them, not one joining a name to its value (满意度达:98%, 人数：不少于200人)."""
    for colon in reversed([m.start() for m in _COLON.finditer(text, 0, first_figure)]):
        between = _JOINING_WORDS.sub("", text[colon + 1 : first_figure])
        if not _LINKING.search(text, 0, colon) and len(_HAN.findall(between)) >= MIN_NAME_CHARS:
            return colon
    return -1


_COLON = re.compile("[:：]")
_JOINING_WORDS = re.compile(rf"{LEADING_COMPARATOR}|达到|达|为|是")
_SENTENCE = re.compile(r"[^。！!？?]+[。！!？?]?")
# a goal's money is its budget; a date, when it runs; a figure without a unit (实现2022…) measures nothing named
_NOT_GOAL_KINDS = ("money", "date", "date_range")
# a name of a few words, no figures or brackets in it (其中1级指标3个, 园子村1队610亩 are parts of an account)
_GOAL_NAME = re.compile(r"[\u4e00-\u9fff“”]{3,20}")
_MIN_GOAL_ITEMS = 2  # one figure in a sentence may be anything it says; two named in a row make a list


def _aimed_at(stated: Stated) -> bool:
    """Does a goal's clause state what is aimed at: a bound (不少于100万名), or a rate or degree (发放率100%)?"""
    bound = stated.actual.comparator not in (None, "=")
    return bound or stated.name.endswith(tuple(vocabulary("tables")["narrative"]["goal_name_ends"]))


def _without_opener(stated: Stated) -> Stated:
    """A goal's item without the words its clause opens with (全年, 确保): 全年群众满意度 is 群众满意度's goal."""
    openers = tuple(vocabulary("tables")["narrative"]["goal_openers"])
    name, start = stated.name, stated.start
    while name.startswith(openers):
        opener = next(word for word in openers if name.startswith(word))
        name, start = name[len(opener) :], start + len(opener)
    return replace(stated, name=name, start=start) if name else stated


def _unnumbered(stated: Stated) -> Stated:
    """A listed item without its own number ((1)甲≥20批次 → 甲)."""
    item = ITEM_NUMBER.match(stated.name)
    return replace(stated, name=stated.name[item.end() :], start=stated.start + item.end()) if item else stated


def _results_of_goals(goals: list[Indicator], blocks: list[Block]) -> None:
    """Give a goal's items the results a later paragraph states for them by name and figure (产出目标为甲22.53m³,…
    … 验收结果为甲22.53m³、乙213.75m³): the first figure right after the item's name, after its sentence."""
    for goal in goals:
        if goal.actual is not None or not goal.name or len(goal.name) < MIN_NAME_CHARS:
            continue
        stated = re.compile(re.escape(goal.name) + _RESULT_LINK)
        for block in blocks:
            if block.kind != "paragraph" or block.start <= goal.start:
                continue
            match = stated.search(block.text)
            clause = _RESULT_CLAUSE.match(block.text, match.end()) if match else None
            figure = next(iter(find_quantities(clause.group())), None) if clause else None
            if figure is not None and figure.start == 0 and figure.kind not in ("date", "date_range"):
                goal.actual = parse_value(clause.group())
                break


_RESULT_LINK = r"(?:为|达到|达|[:：])?\s*(?=\d)"  # 甲22.53m³, 甲为22.53m³, 甲达到95%
_RESULT_CLAUSE = re.compile(r"[^，,、;；。\s]{1,20}")  # the figure and its unit, to the clause's end


def _without_restated(found: list[Indicator], goals: list[Indicator]) -> list[Indicator]:
    """The indicators without the ``goals`` items the report states again, name and figure, with what was done
    (本项目绩效目标为甲1429亩,其中乙25亩 … (1)数量指标。基本完成甲1429亩,其中乙25亩): one indicator, reported where
    its result is; so is one a later line states with both its target and its result (免疫抗体合格率70%以上 …
    免疫抗体合格率年度目标≥70%，实际为78.5%). A goal whose result differs (目标甲120公里 … 完成甲95公里) stays: it is
    the target."""
    if not goals:
        return found
    reported = "\n".join(f"{i.name or ''}{i.actual.raw}" for i in found if i.actual is not None)
    goal_ids = {id(goal) for goal in goals}
    whole = {_item_name(i.name) for i in found if i.target and i.actual and i.name and id(i) not in goal_ids}
    restated = {
        id(i)
        for i in goals
        if i.name
        and len(i.name) >= MIN_NAME_CHARS
        and i.target is not None
        and (f"{i.name}{i.target.raw}" in reported or _item_name(i.name) in whole)
    }
    return [i for i in found if id(i) not in restated]


_SENTENCE_ENDS = ("。", ".", "；", ";", "！", "!", "？", "?")


def _cut_off(rest: str, after: list[Block]) -> bool:
    """Whether what a dimension line states, figureless, is the last of all and stops inside its sentence: text
    cut off (a stored page ending in the middle of ``社会效益指标。体现党和``) states nothing."""
    text = rest.rstrip()
    if after or text.endswith(_SENTENCE_ENDS):
        return False
    return not any(q.kind not in ("date", "date_range") for q in find_quantities(text))


def _indicator(
    dimension: str, level2: str | None, stated: Stated, offset: int, targets: bool = False, level1: str | None = None
) -> Indicator:
    """An indicator the prose states at ``offset`` + the stated offsets; its one value a target when ``targets``;
    its 一级 the label the prose gives, else the one its dimension implies."""
    target, actual = (stated.actual, None) if targets and stated.target is None else (stated.target, stated.actual)
    return Indicator(
        dimension=dimension,
        level1=level1 or implied_level1(dimension),
        level2=level2,
        name=stated.name,
        target=target,
        actual=actual,
        weight=None,
        points=None,
        source="narrative",
        start=offset + stated.start,
        end=offset + stated.end,
    )


def _line(block: Block, match: re.Match, stating_targets: bool) -> list[Indicator]:
    """The indicators of a dimension line: each with its target and actual words, or clauses that each name one
    and close on its value (甲增加0.05亩；乙率59.79%), else one per line (or per clause when stating targets)."""
    word = _dimension_word(match)
    dimension = dimension_of(word)
    rest_start = match.start("rest")
    # the items' own numbers ((1)甲≥20批次;(2)乙≥15家) are no figures: blanked, so every offset stays
    rest = _CLAUSE_ITEM_NUMBER.sub(lambda number: " " * len(number.group()), match.group("rest").rstrip())
    aimed = aimed_clauses(rest)
    if aimed:  # 甲完成2.1万亩，目标2万亩；乙率达到100%，目标100%
        return [_aimed_indicator(label, s, block.start + rest_start, word) for label, s in aimed]
    stated = _both_shapes(rest)
    # one target and one actual, each a figure, is the line's own split below (预算指标为34万元，实际支出34万元)
    # …not counting the row's 分值 and 得分 (分值25分，得分25分)
    figures = [q for q in find_quantities(rest) if q.kind not in ("date", "date_range") and q.unit != "分"]
    stated = stated if len(stated) >= 2 or len(figures) < 2 or (stated and _named_apart(rest, stated[0])) else []
    if not stated and (plans := planned_first(rest)):
        stated = _with_plans(plans, [s for piece in pieces(rest, commas=False) for s in piece])
    # a heading's analysis (满意度指标完成情况分析。…) states indicators only as clauses of a name and a value
    analysis = match.group("analysis") is not None
    if not stated:
        split = pieces(rest, commas=False)
        if stating_targets and len(split) < 2:
            split = pieces(rest, commas=True)  # 甲率100%,乙率≥25%: targets listed, each clause a name and its value
        # a goal broken down states its targets: a list (甲6个、乙250吨/年), or one clause of a name and its value
        enough = 1 if stating_targets or analysis else 2
        stated = [s for piece in split for s in piece] if len(split) >= enough and all(split) else []
    if stated or analysis:
        return [_indicator(dimension, word, s, block.start + rest_start, stating_targets) for s in stated]
    if not figures and not stating_targets and _unfinished().search(rest):
        # 项目暂未完工。: a dimension nothing was done for yet, reported under the dimension's own name
        unfinished = Stated(word + "指标", None, parse_value(rest), block.start, block.end)
        return [_indicator(dimension, word, unfinished, 0)]
    # 甲项125万吨;乙项建设;丙项不少于4次: targets listed one per clause (a report of results keeps its line whole:
    # its clauses go on with rates and notes of one indicator)
    clauses = [c.strip() for c in _LISTED.split(rest) if c.strip()] if stating_targets else [rest]
    found = []
    for clause in clauses or [rest]:
        name, target, actual = _reported(clause, listed=len(clauses) >= 2)
        if stating_targets and target is None:
            target, actual = actual, None  # a goal broken down, before anything was done
        found.append(_indicator(dimension, word, Stated(name or None, target, actual, block.start, block.end), 0))
    return found


def _with_plans(plans: list[Stated], clauses: list[Stated]) -> list[Stated]:
    """The indicators a line's plans state (年初计划改造户厕5000座，实际完成5742座: the plan names the indicator, the
    figure after 实际 its actual) with its other clauses' (…；改厕验收合格率96.8%), in order. Where another clause
    names nothing, the plans alone."""
    apart = [s for s in clauses if not any(s.start < plan.end and plan.start < s.end for plan in plans)]
    return sorted(plans + apart, key=lambda s: s.start) if all(s.name for s in apart) else plans


def _named_apart(rest: str, stated: Stated) -> bool:
    """Is the one indicator a line states named apart from its target word (甲率：年度指标值≥70%，全年实际值72.4%;
    甲响应时间目标值为24小时以内), its name no piece of the word that opens the target (预算|指标为34万元)?"""
    at = rest.find(stated.name, stated.start) if stated.name else -1
    end = at + len(stated.name)
    return at >= 0 and end < len(rest) and (rest[end] in "：:，," or not rest.startswith(_PIECE_OF_NAME, end))


_PIECE_OF_NAME = "指标"  # 预算指标为34万元: the name's own last word read as the target's


def _own_or_carried(name: str | None, word: str) -> str:
    """The dimension of a clause a label goes on over: its name's own (群众满意度), else the label's."""
    own = dimension_by_name(name or "")
    return own if own != "其他" else dimension_of(word)


def _both_shapes(rest: str) -> list[Stated]:
    """The indicators a labelled run states as three clauses (``named_plans``) and with target and actual words
    (``paired``), in order; where both read a stretch, the three clauses'."""
    plans = named_plans(rest)
    words = [s for s in paired(rest) if not any(s.start < p.end and p.start < s.end for p in plans)]
    return sorted(plans + words, key=lambda s: s.start)


def _reported(rest: str, listed: bool = False) -> tuple[str | None, Value | None, Value | None]:
    """What a dimension line reports: its name, and its target and actual (an actual alone when it states one).

    A ``listed`` clause (one of several on the line) without a figure names a task and states no value; one
    closing with a total (每季度1次，合计4次) states the total.
    """
    if _NOTHING.match(rest):
        return None, None, None
    rest = without_closing_note(rest)  # 甲逐年提升,指标完成率100%。: how far it was achieved is no part of it
    # a date opening the sentence (2023年,我校收到…16.20万元) is when, not what was measured
    found_in_rest = find_quantities(rest)
    quantities = [q for q in found_in_rest if q.kind != "date"] or found_in_rest
    if listed and not quantities:
        # a target whose digits a mirror masked (甲批次≥**批次 read as 甲批次≥批次): the name before its comparator
        aimed = _MASKED_AIM.search(rest)
        if aimed is not None:
            return rest[: aimed.start()].strip(), parse_value(rest[aimed.start() :].strip("。. ")), None
        return rest.strip("。. "), None, None
    opening = next((q.end for q in found_in_rest if q.kind == "date" and q.start == 0), 0)
    worded = _worded_pair(rest, opening) if len(quantities) < 2 else None
    if worded is not None:
        return worded
    name, measured_at = _what_is_reported(rest, quantities, opening)
    split = _ACTUAL_MARK.search(rest, quantities[0].end) if len(quantities) >= 2 else None
    if split:  # 预算指标为34.36万元，实际支出34.36万元
        aimed = _target_clause().search(rest, opening, quantities[0].start)
        if aimed is not None:  # 甲处数，年度目标38处，实际完成41处: the name is the clause before the target's word
            target = rest[aimed.end() : split.start()].strip(_CLAUSE_END + " ")
            return (
                rest[opening : aimed.start()].strip(_CLAUSE_END + " "),
                parse_value(target),
                parse_value(rest[split.start() :]),
            )
        return name, parse_value(rest[: split.start()]), parse_value(rest[split.start() :])
    total = _total(rest, quantities) if listed else None
    start = total.start if total is not None else measured_at
    tail = rest[start:]
    value = parse_value(tail)
    figures = [q for q in quantities if q.start >= start and q.kind not in ("date", "date_range")]
    parts = _PARTS.search(rest, figures[0].end) if figures else None  # 面积1429亩,其中甲地25亩…: parts of the first
    figures = [q for q in figures if parts is None or q.start < parts.start()]
    measures = {(q.kind, q.unit) for q in figures}
    if value.kind != "text" or not figures or len(measures) < len(figures):
        return name, None, value
    # a tail going on with figures that each measure something else (5公里,完成护栏600米,标牌10块) states its
    # first; two of one kind (结算2385万元，单价61万元) might state either
    figure = total or figures[0]
    return name, None, quantity_value(tail, figure, rest[max(start, figure.start - _COMPARATOR_REACH) : figure.end])


def _worded_pair(rest: str, opening: int) -> tuple[str, Value, Value] | None:
    """A name, then its target and its actual in words, each in a clause opened by its word (区域性疫情发生情况，
    年度目标不发生区域性疫情，实际全年未发生。); None unless all three are there."""
    aimed = _target_clause(glued=False).search(rest, opening)
    said = _actual_clause().search(rest, aimed.end()) if aimed is not None else None
    if said is None:
        return None
    name = rest[opening : aimed.start()].strip(_CLAUSE_END + " ")
    target = rest[aimed.end() : said.start()].strip(_CLAUSE_END + " ")
    actual = rest[said.end() :].strip(_CLAUSE_END + " ")
    return (name, parse_value(target), parse_value(actual)) if name and target and actual else None


@cache
def _actual_clause() -> re.Pattern:
    """A clause opening with an actual's word (，实际完成 / ，实际), after the target's."""
    words = vocabulary("tables")["narrative"]["actual_words"]
    return re.compile(rf"[，,；;]\s*(?:{alternation(words)})(?:为|是|[:：])?")


@cache
def _target_clause(glued: bool = True) -> re.Pattern:
    """A target's word after the name it follows, in a clause of its own (，年度目标 / ，目标值为), or, when
    ``glued``, right after the name and right before the target's figure (养殖户满意度年度目标≥90%; not 按计划值推进,
    nor 完成年度目标任务)."""
    words = alternation(vocabulary("tables")["narrative"]["target_words"])
    clause = rf"[，,；;]\s*(?:{words})(?:为|是|[:：])?"
    glued_on = rf"(?<=[\u4e00-\u9fff])(?:{words})(?:为|是|[:：])?(?=\s*(?:{LEADING_COMPARATOR}|\d))"
    return re.compile(f"{clause}|{glued_on}" if glued else clause)


_MASKED_AIM = re.compile(rf"(?<=[\u4e00-\u9fff])(?:{LEADING_COMPARATOR})\s*\**[\u4e00-\u9fff%]{{0,3}}[。.]?$")


def _total(text: str, quantities: list[Quantity]) -> Quantity | None:
    """The quantity a clause gives as its total (…一次，共4次), if any."""
    return next((q for q in quantities if _TOTAL.search(text, 0, q.start)), None)


@cache
def _context_words() -> tuple[re.Pattern, re.Pattern]:
    prose = vocabulary("tables")["prose"]
    return re.compile(alternation(prose["targets"])), re.compile(alternation(prose["results"]))


@cache
def _unfinished() -> re.Pattern:
    return re.compile(alternation(vocabulary("tables")["narrative"]["unfinished"]))


def _states_targets(text: str, before: bool) -> bool:
    """Whether the lines from here on state targets: after a paragraph breaking the year's goal down
    (绩效目标分解为…), until one that reports results (完成情况)."""
    targets, results = _context_words()
    if results.search(text):
        return False
    return True if targets.search(text) else before


_CLAUSE_END = "，,；;。"
_HAN = re.compile(r"[\u4e00-\u9fff]")
# What may follow a quantity that closes its clause: a bracketed note (含结转资金), then the clause's end.
_CLOSES_CLAUSE = re.compile(rf"(?:[(（][^()（）]*[)）])?(?:[{_CLAUSE_END}]|$)")
_LINKING = re.compile(r"(?:为|是|达到|达)$")
_MIN_CLAUSE_NAME_CHARS = 3  # 覆盖率; 合计, 结果 (…,合计为1200人次) name nothing


def _what_is_reported(rest: str, quantities: list[Quantity], opening: int) -> tuple[str, int]:
    """The name of what a line reports and where its quantity begins.

    The quantity is the first that closes its clause (…合格率为98%。, 支出金额120万元(含结转)，),
    not a count inside one (由两家单位组成的专家组验收，…); its name is then that clause
    without its linking verb (合格率为 → 合格率). When the first quantity closes its clause, or
    none does, the name is the text before the first quantity.
    """
    if not quantities:
        return rest, 0
    measured = next((q for q in quantities if _CLOSES_CLAUSE.match(rest, q.end)), quantities[0])
    clause = max(opening, *(rest.rfind(mark, 0, measured.start) + 1 for mark in _CLAUSE_END))
    words = rest[clause : measured.start].strip("，,。：: ≥≤><=")
    name = _LINKING.sub("", words).strip()
    if measured is quantities[0]:
        # a clause linking a name to the figure names it (资金补助范围为所有学生,覆盖比率为100% → 覆盖比率); a
        # clause of a label (甲人数，目标≥520人) or too short to name anything (…,为100%) leaves it to the text before
        if clause > opening and _LINKING.search(words) and len(_HAN.findall(name)) >= _MIN_CLAUSE_NAME_CHARS:
            return name, 0
        return rest[opening : measured.start].strip("，,。：: ≥≤><="), 0
    return name, measured.start


def _labelled_clauses(block: Block) -> list[Indicator]:
    """Clauses of a paragraph that open with a dimension label and go on with the names it reports.

    ``数量指标甲项、乙项均达到100%;满意度指标用户满意度大于等于90%。`` → 甲项 and 乙项 (均: one
    value for both) and 用户满意度, each with its actual. A clause without a value, or whose names
    run into other words (方面，…), is no indicator. The clauses after a label to its sentence's full stop are
    its own too when each states a target and an actual (数量指标方面，甲数年度目标为5个，实际6个；乙数年度目标为3个，
    实际3个。), unless its name says another kind (…；群众满意度目标值为90%，…).
    """
    found = []
    word: str | None = None  # a label goes on over the clauses after it to its sentence's end (甲…；乙…。)
    for clause in _CLAUSE.finditer(block.text):
        text = clause.group()
        offset = len(text) - len(text.lstrip())
        label = _LABELLED_CLAUSE.match(text.lstrip())
        if label is not None:
            word = _dimension_word(label)
        if word is not None:
            rest_start = clause.start() + offset + (label.end() if label is not None else 0)
            rest = block.text[rest_start : clause.end()]
            stated = _both_shapes(rest) or (named_value(rest) if label is not None else [])
            found += [
                # a clause the label goes on over may name its own kind (…；群众满意度目标值为90%，…)
                _indicator(
                    dimension_of(word) if label is not None else _own_or_carried(s.name, word),
                    word + "指标",
                    s,
                    block.start + rest_start,
                )
                for s in stated
            ]
        if block.text.startswith("。", clause.end()):
            word = None
    return found


def _numbered_clauses(block: Block, stating_targets: bool) -> list[Indicator]:
    """Clauses a paragraph numbers as its indicators (指标1:甲服务1万份;指标2:乙次数1次), two or more: each its
    name and the value it closes on, a target where the paragraph states targets."""
    numbers = list(_INDICATOR_NUMBER.finditer(block.text))
    if len(numbers) < _MIN_NUMBERED_CLAUSES:
        return []
    found = []
    for number, following in zip(numbers, [*numbers[1:], None], strict=True):
        end = following.start() if following else len(block.text)
        stop = _CLAUSE_STOP.search(block.text, number.end(), end)
        end = stop.start() if stop else end
        for stated in named_value(block.text[number.end() : end]):
            value = stated.target or stated.actual
            dimension = dimension_by_name(stated.name, None, value)
            found.append(_indicator(dimension, None, stated, block.start + number.end(), stating_targets))
    return found


def _scored_item(block: Block, following: Block | None) -> Indicator | None:
    """An item of a score sheet written as prose ((一)项目立项。分值10分，自评10分。项目为…; (2)甲到位及时率得2分):
    a numbered name, then at once what it was worth and scored. A group's line, whose items follow numbered one
    level down ((一)项目管理。分值20分，自评19分。 / 1、…), and a first-level line (产出指标) are no items."""
    item = _SCORED_ITEM.match(block.text)
    if item is None or not _scores(item) or level_of_label(item.group("name")) == 1:  # (二)产出指标。分值50分…
        return None
    below = _SCORED_ITEM.match(following.text) if following is not None else None
    if below is not None and _scores(below) and _depth(below) > _depth(item):
        return None  # its items follow, numbered one level down
    scored = _score_item_words().opening.match(item.group("rest"))
    return _scored_indicator(item, scored.group("weight"), scored.group("points"), block.start, block.end, (None, None))


def _scored_indicator(
    item: re.Match, weight: str | None, points: str, offset: int, end: int, aimed: tuple[Value | None, Value | None]
) -> Indicator:
    """A score sheet's item read from prose: its name (``item``'s group, at ``offset``), weight, points, and the
    target and actual its account states (``aimed``)."""
    return Indicator(
        dimension=dimension_of(None, item.group("name")),
        level1=None,
        level2=None,
        name=item.group("name"),
        target=aimed[0],
        actual=aimed[1],
        weight=float(weight) if weight else None,
        points=float(points),
        source="narrative",
        start=offset + item.start("name"),
        end=end,
    )


def _scored_account(block: Block, following: Block | None) -> Indicator | None:
    """An item of a score sheet written as an account that closes on its points ((1)甲合规性:…制定了…,得6分;
    (1)项目立项(2分) ⏎ …程序完整,执行规范。自评得2分。): a numbered name with its weight or a colon, its account
    on the line or the paragraph after, and the points that close it. A group's line (一级: 决策, 投入) is none."""
    item = _ACCOUNT_ITEM.match(block.text)
    if item is None or level_of_label(item.group("name")) == 1:
        return None
    if any(word in item.group("name") for word in vocabulary("tables")["narrative"]["not_account_names"]):
        return None  # (一)自评得分, 1.产出指标完成情况: a heading of the report's own, no item scored
    rest, end = item.group("rest"), block.end
    if not rest.strip() and following is not None and following.kind == "paragraph":
        if _ACCOUNT_ITEM.match(following.text):
            return None  # a group's line ((一)项目申报管理), its items numbered below it
        rest, end = following.text, following.end  # the account stands in the paragraph after the item's line
    elif not item.group("colon"):
        return None  # a name and its weight with an account on the same line is a sentence, not an item
    points = _score_item_words().closing.search(rest)
    if points is None:
        return None
    aimed = _aim_and_result(rest[: points.start()])
    return _scored_indicator(item, item.group("weight"), points.group("points"), block.start, end, aimed)


def _aim_and_result(account: str) -> tuple[Value | None, Value | None]:
    """The target and actual an item's account states in two clauses (目标减少15%以上，实际减少18.6%), else none."""
    stated = _score_item_words().aim.search(account)
    if stated is None:
        return None, None
    return parse_value(stated.group("target").strip()), parse_value(stated.group("actual").strip())


_ACCOUNT_ITEM = re.compile(
    rf"^\s*(?:{marker('pcn')}|{marker('par')}|{marker('ar')}|{marker('circle')})、?\s*"
    r"(?P<name>[\u4e00-\u9fff“”]{2,16})\s*(?:[(（]\s*(?P<weight>\d{1,3}(?:\.\d{1,2})?)\s*分\s*[)）])?"
    r"\s*(?P<colon>[:：])?\s*(?P<rest>.*)$"
)


def _scores(item: re.Match) -> bool:
    """Does a numbered line score its item right after its name (分值10分，自评10分 / 得2分)?"""
    return _score_item_words().opening.match(item.group("rest")) is not None


_MARKER_DEPTH = ("cn", "pcn", "ar", "par", "circle")  # 一、 over (一) over 1、 over (1) over ①


def _depth(item: re.Match) -> int:
    """How deep an item's number stands in the usual order of numbering."""
    return next(_MARKER_DEPTH.index(style) for style in _MARKER_DEPTH[1:] if item.group(style) is not None)


@dataclass(frozen=True)
class _ScoreItemWords:
    opening: re.Pattern  # what an item's scores open its text with: its weight (分值N分), then its points
    closing: re.Pattern  # the points an item's account closes on (…,得6分。 / 自评得2分)
    aim: re.Pattern  # an account's target clause, then its actual clause (目标≥90%，实际93.5%)


@cache
def _score_item_words() -> _ScoreItemWords:
    words = vocabulary("tables")["narrative"]
    figure = r"\d{1,3}(?:\.\d{1,2})?"
    weight = rf"(?:(?:{alternation(words['score_item_weight'])})\s*(?P<weight>{figure})\s*分[，,、;；]?\s*)?"
    points = rf"(?:{alternation(words['score_item_points'])})\s*(?P<points>{figure})\s*分"
    aim = (
        rf"(?:^|(?<=[:：，,；;。]))\s*(?:{alternation(words['score_item_aims'])})(?:为|是|[:：])?\s*(?P<target>[^，,；;。]{{1,30}})"
        rf"[，,；;]\s*(?:{alternation(words['actual_words'])})(?:为|是|[:：])?\s*(?P<actual>[^，,；;。]{{1,30}})"
    )
    return _ScoreItemWords(re.compile(weight + points), re.compile(points + r"\s*[。.；;]?\s*$"), re.compile(aim))


_SCORED_ITEM = re.compile(
    rf"^\s*(?:(?P<pcn>{marker('pcn')})|(?P<par>{marker('par')})|(?P<ar>{marker('ar')})|(?P<circle>{marker('circle')}))"
    r"、?\s*(?P<name>[\u4e00-\u9fff“”]{2,16}?)(?:\s*[。.:：]|(?=得\s*\d))\s*(?P<rest>.*)$"
)


def _counted_lists(block: Block, stating_targets: bool) -> list[Indicator]:
    """The lists a paragraph opens by counting a kind of indicators (一是3个产出指标分别是:(1)甲≥350人次;(2)…。
    二是2个满意度指标分别是:…): each list's items to its full stop, under the kind it names."""
    found = []
    openings = list(_COUNTED_LIST.finditer(block.text))
    if not openings:
        return []
    for opening, following in zip(openings, [*openings[1:], None], strict=True):
        # a list ends at its full stop, at the next list's opening, and within a bound
        end = min(following.start() if following else len(block.text), opening.end() + _MAX_COUNTED_LIST_CHARS)
        stop = block.text.find("。", opening.end(), end)
        body = block.text[opening.end() : stop if stop >= 0 else end]
        kind = opening.group("kind")
        for stated in map(_unnumbered, listed(body, targets=True)):
            value = stated.target or stated.actual
            dimension = dimension_by_name(stated.name, f"{kind}指标", value)
            found.append(_indicator(dimension, None, stated, block.start + opening.end(), stating_targets))
    return found


def _first_level_line(block: Block, stating_targets: bool, tabled: str) -> list[Indicator]:
    """A first level's line listing its indicators clause by clause ((1)产出指标。建设甲面积3800平方米,总投资700万元,
    乙率100%。): two at least, each a name closing on its figure, its dimension by its name; a figure with its
    comparator (≥20万元) is what was aimed at. A list the evaluation's tables (``tabled``) name too is theirs."""
    line = _first_level_line_pattern().match(block.text)
    if line is None:
        return []
    rest, label = line.group("rest"), line.group("label")
    if tabled and label in vocabulary("tables")["narrative"]["aspect_lines"]:
        # a level's summary beside a table (产出方面：保障学生1608人；…) restates its rows loosely: only its plans
        # of a row the table names, which state both figures, are read, for the flags to set against that row
        stated = [s for s in planned_first(rest) if s.name and s.name in tabled]
    else:
        clauses = [s for s in listed(rest, targets=True) if s.target or s.actual]
        stated = _with_plans(plans, clauses) if (plans := planned_first(rest)) else clauses
        if len(stated) < _MIN_FIRST_LEVEL_ITEMS or any(s.name in tabled for s in stated[:_TABLED_ITEMS_CHECKED]):
            return []
    offset = block.start + line.start("rest")
    return [
        _indicator(
            dimension_by_name(s.name, None, s.target or s.actual),
            None,
            s,
            offset,
            stating_targets or bool(s.actual and _AIMED.match(s.actual.raw)),
            label,
        )
        for s in stated
    ]


@cache
def _first_level_line_pattern() -> re.Pattern:
    """A first level's label (产出指标, 效益目标), numbered or not, opening a line before a full stop or colon."""
    narrative = vocabulary("tables")["narrative"]
    labels = [*narrative["first_level_lines"], *narrative["aspect_lines"]]  # 产出指标。…, 产出方面：…
    return re.compile(
        rf"^(?:{marker('ar')}|{marker('par')}|{marker('circle')})?\s*(?P<label>{alternation(labels)})[。.:：]\s*"
        r"(?P<rest>.+)$"
    )


_MIN_FIRST_LEVEL_ITEMS = 2
_AIMED = re.compile(f"^(?:{LEADING_COMPARATOR})")  # a figure its comparator opens (≥20万元)


_COUNTED_LIST = re.compile(
    r"(?:\d{1,2}|[一二三四五六七八九十两])个(?P<kind>[\u4e00-\u9fff]{1,6}?)指标(?:分别)?(?:是|为|包括)[:：]"
)


_MAX_COUNTED_LIST_CHARS = 600  # a few items of a sentence, not the rest of a page run into one line
_INDICATOR_NUMBER = re.compile(r"指标\s*\d{1,2}\s*[:：]")
_MIN_NUMBERED_CLAUSES = 2
_CLAUSE_STOP = re.compile("[;；。]")


# what opens a clause's total (…一次，共4次, 合计不少于4次)
_TOTAL = re.compile(r"(?:共计|合计|累计|总计|共)(?:不少于|不低于|超过|达到|达)?$")
# A line that names what it reports before a colon (开展督导：全年4次), no clause ended before it.
_NAMED_LINE = re.compile(r"^[^:：，,。;；]{2,16}[:：]")


def _named_line(block: Block) -> bool:
    return block.kind == "paragraph" and bool(_NAMED_LINE.match(block.text)) and not _LINE.match(block.text)


def _dimension_word(label: re.Match) -> str:
    return label.group("dimension") or label.group("long")


def _under_label(dimension_word: str, blocks: list[Block], index: int) -> tuple[list[Indicator], int]:
    """The indicators of the paragraph after a bare dimension line (and of the named lines that follow it:
    甲项：…4次 / 乙项：…2次, each its name and a colon), and the index of the block after them."""
    if blocks[index].kind != "paragraph" or _LABEL_ONLY.match(blocks[index].text) or _LINE.match(blocks[index].text):
        return [], index
    found = _listed_under(dimension_word, blocks[index])
    while index + 1 < len(blocks) and _named_line(blocks[index]) and _named_line(blocks[index + 1]):
        index += 1
        found += _listed_under(dimension_word, blocks[index])
    return found, index + 1


def _listed_under(dimension_word: str, block: Block) -> list[Indicator]:
    """The clauses of the paragraph under a bare dimension line, one indicator per clause with a quantity."""
    dimension = dimension_of(dimension_word)
    level2 = dimension_word + "指标"
    stated = paired(block.text)
    if stated:
        return [_indicator(dimension, level2, s, block.start) for s in stated]
    found = []
    for clause in _CLAUSE.finditer(block.text):
        text = without_closing_note(clause.group())  # 甲90%,指标完成率100%: how far it was achieved is no part
        quantities = [q for q in find_quantities(text) if q.kind != "date"]
        if not quantities:
            continue
        named = _NAMED_LINE.match(text)  # 入户走访：每月一次 names 入户走访
        name_end = named.end() if named is not None and named.end() <= quantities[0].start else quantities[0].start
        # the name is the clause's last part before its figure (…规定,甲标准为1300元 names 甲标准为; a comma right
        # before the figure ends no name: 开展培训,200人次 names 开展培训)
        name_start = max(text.rfind(mark, 0, name_end - 1) for mark in "，,") + 1
        name = text[name_start:name_end].strip("，,：: ")
        # a table's words set out line by line (指标1…) name no indicator; a year makes the clause an account
        if len(name) < MIN_NAME_CHARS or name in known_cell_words() or not undated_name(name):
            continue
        # 每季度一次，共4次: the total the clause closes with is what it reports; a figure the sentence goes on
        # from (给予2个月…发放) is none
        total = _total(text, quantities) or quantities[0]
        if not closes_clause(text, total):
            continue
        value = parse_value(text[total.start :])
        found.append(
            _indicator(
                dimension, level2, Stated(name, None, value, clause.start(), clause.start() + len(text)), block.start
            )
        )
    return found


@cache
def _results_turn() -> re.Pattern:
    """A clause that turns from a goal to what was done (，实际完成…)."""
    return re.compile(rf"[，,;；]\s*(?:{alternation(vocabulary('tables')['narrative']['actual_words'])})")


def _list(
    block: Block, opened: str | None, stating_targets: bool, tabled: str
) -> tuple[list[Indicator], bool, str | None, bool]:
    """The indicators of a list an indicator heading opens in this paragraph (or left open in the one before),
    each its name and value, up to the first clause that is none (without a heading, only those stated with
    their target and actual words); whether the paragraph is among indicators; and the role of a list its
    heading leaves open for the next paragraph; and whether a goal's sentence opened the list.

    A list whose items the evaluation's tables (``tabled``) name too is left to them: it sums up what they
    set out."""
    opening = list_opening(block.text)
    start, role = opening if opening is not None else (0, opened)
    if role is None:
        # no heading: indicators only with their target and actual words (甲率年初指标值为90%，实际完成值95%), or
        # listed as targets, then again as actuals (目标:甲人数20人,乙人数5人。实际完成:甲人数22人,乙人数5人)
        stated = paired(block.text) or parallel(block.text) or shared_rates(block.text)
        found = [
            _indicator(dimension_by_name(s.name, None, s.target or s.actual), None, s, block.start) for s in stated
        ]
        return found, opening is not None or bool(found), None, False
    body = block.text[start:]
    if role == "goal":  # 绩效目标为甲200人，实际甲210人: the goal's list ends where the sentence turns to the results
        turn = _results_turn().search(body)
        body = body[: turn.start()] if turn else body
    if not body.strip():
        return [], True, role, False
    level = _LEVEL_LABEL.match(body)
    label = level.group("label") if level is not None and level_of_label(level.group("label")) is not None else None
    skip = level.end() if label is not None else 0
    # targets listed after their opening words in one sentence (年度目标：甲大于250天，推动乙，丙至少7个。)
    in_sentence = opening is not None and role in ("targets", "goal")
    stated = paired(body[skip:]) or parallel(body[skip:]) or listed(body[skip:], in_sentence)
    # a list the paragraph before opened names two items at least (one may be a sentence's figure); a list
    # summing up the tables names their rows from its first items on
    changes = vocabulary("tables")["narrative"]["change_words"]
    stated = [s for s in stated if s.name not in changes]  # 增6%以上 is the change of the item before
    numbered = _NUMBERED_ITEM.match(body[skip:])
    if numbered is not None:  # an item of a list set out one per paragraph: its own number is no part of its name
        stated = [
            replace(s, name=s.name[numbered.end() :].strip(), start=s.start + numbered.end())
            if s.start == 0 and s.name
            else s
            for s in stated
        ]
    if (opening is None and len(stated) < 2 and numbered is None) or any(
        s.name in tabled for s in stated[:_TABLED_ITEMS_CHECKED]
    ):
        stated = []
    targets = role in ("targets", "goal") or stating_targets
    offset = block.start + start + skip
    first_level = label if label is not None and level_of_label(label) == 1 else None  # 产出指标：…
    level2 = None if first_level else label
    found = [
        _indicator(dimension_by_name(s.name, level2, s.target or s.actual), level2, s, offset, targets, first_level)
        for s in stated
    ]
    # a list set out one numbered item per paragraph (主要目标任务为： / 1.甲299亿元以上 / 2.乙…) goes on
    goes_on = opening is None and bool(found) and numbered is not None
    return found, opening is not None or bool(found), role if goes_on else None, role == "goal"
