"""Indicators inside one run of prose, whatever labels stand around it (``nlp.extraction.narrative`` walks the
blocks and says which runs to read).

Three shapes. An indicator's target and actual in one sentence, each opened by its word, several in a row with or
without a mark between them (``甲率年初指标值为不低于85%，全年实际完成值100%``, ``乙数指标为5个实际完成值为6个``).
Clauses that each name an indicator and close on its value: a figure (``甲率100%，乙率≥90%、丙率98%``) or
a result without one (``丁水平有所提高``). And a list of such clauses stating targets, then the same names again
after an actual word and a colon (``目标:甲数5个,乙数3个。实际完成:甲数6个,乙数3个``). The words are
``vocab/tables.toml [narrative]``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise

from nlp.extraction.indicators import dimension_of
from nlp.text.document import Value
from nlp.text.values import LEADING_COMPARATOR, Quantity, find_quantities, parse_value, quantity_value, text_value
from nlp.text.vocabulary import alternation, level_of_label, marker, vocabulary


@dataclass(frozen=True)
class Stated:
    """One indicator a run of prose states: its name, target and actual, and its offsets in that run."""

    name: str | None
    target: Value | None
    actual: Value | None
    start: int
    end: int


@cache
def _words() -> dict:
    return vocabulary("tables")["narrative"]


@cache
def _markers() -> re.Pattern:
    words = _words()
    return re.compile(
        f"(?P<target>{alternation(words['target_words'])})|(?P<actual>{alternation(words['actual_words'])})"
    )


@cache
def _qualitative() -> re.Pattern:
    return re.compile(f"(?:{alternation(_words()['qualitative'])})$")


_MAX_RESULTS_LEAD = 4  # 2.效益指标完成情况分析。: a few words before a results list's opening words
_MAX_LINKED_LEAD = 8  # 2020年,我单位绩效目标是…: a year and a subject before a goal's kind
_MAX_TARGETS_LEAD = 16  # 农村饮水工程维修养护绩效目标：: a project's name before a targets list's, then a colon


@cache
def _list_openings() -> tuple[re.Pattern, re.Pattern]:
    """A list's opening words at a paragraph's start or after a full stop, numbered or not: a results list's with a
    few words before them and a colon or full stop after (2.效益指标完成情况分析。), a targets list's with a project's
    name before them and a colon after (核心绩效目标：, 农业主要目标任务为：), or alone before a full stop (具体指标。).
    Words before targets and a full stop end a sentence of what was done (完成全年目标任务。), no list."""
    words = _words()
    numbered = f"(?:(?:{marker('cn')}|{marker('pcn')}|{marker('ar')}|{marker('par')}|{marker('circle')})\\s*)?"
    opening = rf"(?:^|(?<=[。.]))\s*{numbered}"
    results = re.compile(
        rf"{opening}(?P<words>[\u4e00-\u9fff]{{0,{_MAX_RESULTS_LEAD}}}?)"
        rf"(?:{alternation(words['list_results'])})(?:分析)?\s?[:：。.]"
    )
    target_words = alternation(words["list_targets"])
    linked = alternation(words["linked_targets"])
    targets = re.compile(
        rf"{opening}(?:(?P<words>[\u4e00-\u9fff]{{0,{_MAX_TARGETS_LEAD}}}?)(?:{target_words})(?:为|是)?\s?[:：]"
        rf"|(?:{target_words})[。.]"
        # a goal's sentence naming its kind and linking it to the list (产出目标为甲20个，乙率90%。), its year and
        # subject before it (2020年，我单位绩效目标是全年完成甲3000人，…), the work its items share after it
        rf"|(?P<goal>[^。.;；:：]{{0,{_MAX_LINKED_LEAD}}}?(?:{linked})(?:为|是)(?:{alternation(words['linked_target_verbs'])})?)"
        r"(?=[^，,。;；:：]{1,40}?\d))"  # its first item states a figure (以绩效目标为依据 opens no list)
    )
    return results, targets


# What joins a marker to its value (为, 是, a colon).
_LINK = re.compile(r"\s*(?:为|是|:|：)?\s*")
# What a target and the actual after it may not cross, and how far apart they may be.
_SENTENCE_END = re.compile("[。；;]")
# A list of targets runs to its full stop: its items may be set apart by semicolons (甲≥1km;乙率≥96%;丙≥23人),
# unless a semicolon opens what was done (；实际完成…, ；截至年底…).
_TARGETS_END = re.compile(r"。|[；;]\s*(?=实际|截至|截止|完成|全年完成)")
_MAX_TARGET_CHARS = 40
_MAX_WORDED_TARGET_CHARS = 10
_VALUE_WORD_END = "值"  # 目标值, 年度指标值: a word naming the value, whatever words follow it
_MAX_NAME_CHARS = 40
_NAME_SLACK = 8  # an ordinal and spaces before a name
_MAX_ACTUAL_CHARS = 40
MIN_NAME_CHARS = 2
_CLAUSE_MARK = re.compile("[，,。；;：:]")
_CLAUSE_END = re.compile(r"[，。；;]|,(?!(?<=\d,)\d{3})")  # a comma grouping a figure's thousands ends none
_CUTS = {True: re.compile("[。；;，,]"), False: re.compile("[。；;]")}
# 第一，/其二、 opening a sentence of a list
_ORDINAL = re.compile(r"^(?:第|其)[一二三四五六七八九十]{1,3}[，,、]?")
_NAME_EDGES = " \t，,、。；;：:"
# What may follow a quantity and still be its value: a unit the unit list lacks (hm, kg/人, 元/辆), a bound word.
_UNIT_TAIL = re.compile(
    r"(?:[A-Za-z²³]{1,4}(?:/[\u4e00-\u9fffA-Za-z]{1,3})?|/[\u4e00-\u9fffA-Za-z]{1,3})?(?:以上|以下|以内|左右)?"
)
# What joins names to their value: 均/都 when the names share it, a linking verb, a colon (甲达:98%, 甲：98%), a
# comparator kept with the value.
_JOINED = re.compile(
    r"(?P<shared>均|都)?(?:达到|(?<![下到送抵传表发])达|为|是)?[:：]?"
    rf"(?P<comparator>{LEADING_COMPARATOR})?\s*$"
)
_MAX_JOIN_CHARS = 12  # how far back from its value what joins a name to it may start
_SHARED_NAMES = re.compile("、|及|和|与")
# Marks no indicator's name holds: a name running into them is a sentence, not a name.
_NOT_IN_NAME = re.compile("[，,。；;：:！!？?]")
_HAN = re.compile("[\u4e00-\u9fff]")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")


def paired(text: str) -> list[Stated]:
    """The indicators ``text`` states each with its target word and value, then its actual word and value.

    A name runs from the last mark (or the previous indicator's end) to its target word; a target is a figure
    and stops at the actual word, in the same sentence; an actual is the figure right after its word (the next
    name may follow without a mark), else the rest of its clause (实际按标准发放 → 按标准发放). A target may be
    words after its link (年度目标为有效保障); a plan's word alone (预期) opens a target only right before its value
    (预期≥98%, not 预期受益人口2000人); a name opening a sentence (本项目, 我局, 通过…) names no indicator.
    """
    found: list[Stated] = []
    floor = 0
    target: re.Match | None = None
    for word in _markers().finditer(text):
        if word.group("target"):
            target = word
            continue
        if target is None or target.end() < floor:
            continue
        opened, target = target, None
        window = text[opened.end() : word.start()]
        if len(window) > _MAX_TARGET_CHARS or _SENTENCE_END.search(window):
            continue
        link = _LINK.match(window)
        target_raw = window[link.end() :].rstrip(_NAME_EDGES)
        name_start, name_end = _name_span(text, floor, opened.start())
        name = text[name_start:name_end].strip(_NAME_EDGES).removesuffix("的")
        # a worded target only after its link (年度目标为有效保障，实际…): else the words are a sentence's
        # …or after a word that names a value (目标值按时完成)
        linked = bool(link.group().strip()) or opened.group().endswith(_VALUE_WORD_END)
        words = linked and 0 < len(target_raw) <= _MAX_WORDED_TARGET_CHARS and not _CLAUSE_MARK.search(target_raw)
        figures = find_quantities(target_raw)
        if not (figures or words) or not _is_name(name) or _opens_a_sentence(name):
            continue
        if opened.group() in _words()["bare_target_words"] and not (words or _plan_value(target_raw, figures)):
            continue
        actual_raw, end = _actual_after(text, word)
        aimed, achieved = parse_value(target_raw), parse_value(actual_raw)
        if aimed.unit == "%" and achieved.unit != "%" and (rate := _rate_after(text, end)) is not None:
            achieved, end = rate  # 实际接入120座，接入率64.5%: the rate the target is
        found.append(Stated(name, aimed, achieved, name_start, end))
        floor = end
    return found


def _rate_after(text: str, start: int) -> tuple[Value, int] | None:
    """The first percentage in the rest of a sentence from ``start``, and where it ends."""
    stop = _SENTENCE_END.search(text, start)
    end = stop.start() if stop else len(text)
    rate = next((q for q in find_quantities(text[start:end]) if q.unit == "%"), None)
    if rate is None:
        return None
    return parse_value(text[start + rate.start : start + rate.end]), start + rate.end


def achieved_then_aimed(text: str) -> Stated | None:
    """One line stating what was done, then what was aimed at (完成甲培训1200人次，目标1000人次; 乙率达到98.5%，
    目标98%以上): the name before the first figure (without the verb it opens with), the actual from that figure to
    the clause's end, the target after the aim's word. None when the line is not so written."""
    aim = _aim_after().search(text)
    if aim is None:
        return None
    body = text[: aim.start()]
    figures = find_quantities(body)
    if not figures:
        return _worded_then_aimed(text, body, aim)
    if not find_quantities(aim.group("target")):
        return None
    words = _words()
    name_end = figures[0].start
    name = body[:name_end].rstrip(_NAME_EDGES)
    name = next((name.removesuffix(link) for link in words["result_links"] if name.endswith(link)), name)
    start = 0
    # the verb opening a result (完成甲培训, 建设乙基地), unless the name is little more than it (完成时间)
    while opener := next(
        (w for w in words["result_openers"] if name.startswith(w) and len(name) - len(w) >= _MIN_STRIPPED_NAME),
        None,
    ):
        name, start = name[len(opener) :], start + len(opener)
    if not _is_name(name):
        return None
    target, actual = parse_value(aim.group("target")), parse_value(body[name_end:].strip(_NAME_EDGES))
    if (target.kind in _DATES) != (actual.kind in _DATES):
        return None  # a figure against a date (3公里 … 2024年6月完工): no aim of what was done
    return Stated(name, target, actual, start, len(text.rstrip("。；; ")))


def _worded_then_aimed(text: str, body: str, aim: re.Match) -> Stated | None:
    """A worded result, then the words aimed at (甲状况明显改善，目标明显改善): the name before the result's
    closing words (``qualitative``), when the aim is words too."""
    result = _qualitative().search(body.rstrip(_NAME_EDGES))
    target = aim.group("target").strip()
    if result is None or find_quantities(target) or len(target) > _MAX_WORDED_TARGET_CHARS:
        return None
    name = body[: result.start()].strip(_NAME_EDGES)
    if not _is_name(name) or _opens_a_sentence(name):
        return None
    return Stated(name, parse_value(target), parse_value(result.group()), 0, len(text.rstrip("。；; ")))


_MIN_STRIPPED_NAME = 4
_DATES = ("date", "date_range")


def aimed_clauses(text: str) -> list[tuple[str | None, Stated]]:
    """The clauses of ``text`` (to ；or 。) each stating what was done, then what was aimed at (甲完成2.1万亩，
    目标2万亩；乙率达到100%，目标100%), each with the level label opening it (产出方面，数量指标：) or None; offsets
    into ``text``."""
    found = []
    for clause in _AIMED_CLAUSE.finditer(text):
        body, start = clause.group(), clause.start()
        opening = _CLAUSE_LABEL.match(body)
        label = aspect_label(opening.group("label")) if opening is not None else None
        if label is not None:
            body, start = body[opening.end() :], start + opening.end()
        stated = achieved_then_aimed(body)
        if stated is not None:
            found.append((label, replace(stated, start=stated.start + start, end=stated.end + start)))
    return found


_AIMED_CLAUSE = re.compile(r"[^；;。]+[；;。]?")
# What may open a clause before its indicator: a report's lead (主要绩效：), a number, then a level's label or word
# (产出方面，  数量指标：  数量指标—), which ``aspect_label`` checks
_CLAUSE_LABEL = re.compile(
    r"^\s*(?:[^，,。；;：:]{1,8}[：:])?\s*(?:\d{1,2}[.、．]|[(（]?[一二三四五六七八九十]{1,2}[)）、])?\s*"
    r"(?P<label>[^，,。；;：:—–\d]{2,10})[，,：:—–]\s*"
)


def aspect_label(text: str) -> str | None:
    """The 一级/二级 label a clause opens with (数量指标, 产出指标), or the one a level's word stands for (产出方面 →
    产出指标, 社会效益方面 → 社会效益指标); None for other words."""
    if level_of_label(text) is not None:
        return text
    return _words()["aspect_lines"].get(text)


@cache
def _aim_after() -> re.Pattern:
    """The aim a result's line closes with (…，目标1000人次。)."""
    aims = alternation(_words()["aim_words"])
    return re.compile(rf"[，,]\s*(?:{aims})(?:为|是)?\s*(?P<target>[^，,。；;]+?)[。；;]?\s*$")


def planned_first(text: str) -> list[Stated]:
    """The indicators ``text`` states as a plan, then what was done (计划安装杀虫灯600盏，实际安装600盏;
    计划2023年11月底前完成建设，实际于11月20日完成): the name between the plan's word and its target (or after a
    date the plan opens with), the target to the clause's end, the actual the figure after 实际 (else its clause).
    A plan with no figure is its own name and target."""
    found = []
    for clause in _plan_clause().finditer(text):
        body, body_start = clause.group("body"), clause.start("body")
        quantities = find_quantities(body)
        if not quantities:
            # a worded plan and what was done (计划茶园水土流失得到有效控制，实际茶园水土流失得到有效控制): the plan
            # names the indicator and is its target
            actual_raw, end = _plan_result(text, clause.end("actual"))
            if _is_name(body.strip(_NAME_EDGES)) and actual_raw:
                found.append(
                    Stated(body.strip(_NAME_EDGES), parse_value(body.strip()), parse_value(actual_raw), body_start, end)
                )
            continue
        first = quantities[0]
        if first.start == 0 and first.kind in ("date", "date_range"):  # a deadline (…底前), then the work
            tail = _deadline_tail().match(body, first.end)
            name, target = body[tail.end() :], body[: tail.end()]
        else:
            link = _plan_link().search(body[: first.start])
            cut = link.start() if link else first.start
            name, target = body[:cut], body[cut:]
        name = name.strip(_NAME_EDGES)
        if not _is_name(name):
            continue
        actual_raw, end = _plan_result(text, clause.end("actual"))
        found.append(Stated(name, parse_value(target.strip()), parse_value(actual_raw), body_start, end))
    return found


def named_plans(text: str) -> list[Stated]:
    """The indicators ``text`` writes as three clauses: the name, its plan, what was done (甲面积，计划15000亩，实际
    完成15320亩；乙意识，年度目标为明显提高，实际明显提高). The name holds no figure and opens no sentence (为保障…,
    我单位…); a plan worded before its figure is a verb at most (设置30个), else the plan names its own indicator
    (计划安装杀虫灯600盏: ``planned_first``)."""
    found = []
    clauses = list(_CLAUSE_SPAN.finditer(text))
    verb_chars = _words()["named_plan_verb_chars"]
    for name, plan, done in zip(clauses, clauses[1:], clauses[2:], strict=False):
        if not (_COMMA.fullmatch(text, name.end(), plan.start()) and _COMMA.fullmatch(text, plan.end(), done.start())):
            continue
        opened, result = _named_plan_word().match(plan.group()), _actual_word().match(text, done.start())
        if opened is None or result is None:
            continue
        item = ITEM_NUMBER.match(name.group())
        label = name.group()[item.end() if item else 0 :].strip(_NAME_EDGES)
        target_raw = plan.group()[opened.end() :].strip(_NAME_EDGES)
        actual_raw, end = _actual_after(text, result)
        figures = find_quantities(target_raw)
        if not _is_name(label) or find_quantities(label) or _opens_a_sentence(label) or not target_raw:
            continue
        if figures and figures[0].start > verb_chars and not _opens_with_value(target_raw, figures):
            continue
        start = name.start() + name.group().find(label)
        found.append(Stated(label, parse_value(target_raw), parse_value(actual_raw), start, end))
    return found


# a clause to its comma, semicolon or stop (a comma grouping a figure's thousands is inside it)
_CLAUSE_SPAN = re.compile(r"(?:[^，,；;。]|(?<=\d),(?=\d{3}))+")
_COMMA = re.compile(r"\s*[，,]\s*")
_PARTICLE = "了"


def _opens_a_sentence(name: str) -> bool:
    """Does a would-be name open a sentence (为保障项目实施, 按照年度安排, 我单位高度重视), not name a measure?"""
    return name.startswith(tuple(_words()["sentence_openers"]))


def _plan_value(target: str, figures: list[Quantity]) -> bool:
    """Does a bare plan word's target state its value, a short verb at most before it (完成12座, ≥98%)?"""
    return bool(figures) and (
        figures[0].start <= _words()["bare_target_verb_chars"] or _opens_with_value(target, figures)
    )


def _opens_with_value(target: str, figures: list[Quantity]) -> bool:
    """Does a target open with its value: a figure, or a bound's words before it (控制在600万元以内, 不低于95%)?"""
    return bool(figures) and (figures[0].start == 0 or bool(_plan_value_start().match(target)))


@cache
def _plan_value_start() -> re.Pattern:
    """A plan's value opening with its bound's words (控制在600万元以内, 不低于95%)."""
    return re.compile(rf"(?:{alternation(_words()['plan_links'])}|{LEADING_COMPARATOR})")


@cache
def _named_plan_word() -> re.Pattern:
    """A plan's clause's opening word (计划, 年度目标为): the plan openers and aim words."""
    words = _words()
    plans = sorted({*words["plan_openers"], *words["aim_words"], *words["named_plan_words"]}, key=len, reverse=True)
    return re.compile(rf"\s*(?:{alternation(plans)}){_LINK.pattern}")


@cache
def _actual_word() -> re.Pattern:
    return re.compile(rf"\s*(?:{alternation(_words()['actual_words'])})")


def _plan_result(text: str, start: int) -> tuple[str, int]:
    """What was done after a plan's 实际: its first figure or date with its unit (建成2.1万亩 → 2.1万亩), else the
    rest of its clause (实际明显提高 → 明显提高); and where it ends."""
    mark = _CLAUSE_END.search(text, start, start + _MAX_ACTUAL_CHARS)
    clause = text[start : mark.start() if mark else min(len(text), start + _MAX_ACTUAL_CHARS)]
    quantities = find_quantities(clause)
    if not quantities:
        return clause.strip(), start + len(clause)
    first = quantities[0]
    end = _figure_end(clause, first)
    return clause[first.start : end], start + end


@cache
def _plan_clause() -> re.Pattern:
    openers = alternation(_words()["plan_openers"])
    results = alternation(_words()["plan_results"])
    return re.compile(
        rf"(?:^|(?<=[，,；;。:：]))\s*(?:{openers})(?P<body>(?:[^，,；;。]|(?<=\d),(?=\d)){{2,40}})[，,]\s*(?P<actual>{results})"
    )


@cache
def _deadline_tail() -> re.Pattern:
    """What closes a deadline before the work it sets (2023年11月底前): 底, 前, 以前 …"""
    return re.compile(f"(?:{alternation(_words()['deadline_tails'])})*\\s*")


@cache
def _plan_link() -> re.Pattern:
    return re.compile(f"(?:{alternation(_words()['plan_links'])})\\s*(?:{LEADING_COMPARATOR})?\\s*$")


def _name_span(text: str, floor: int, end: int) -> tuple[int, int]:
    """The name before a target word: the clause it ends, or, when the word opens a clause of its own
    ((1)甲数量(项),目标值2,完成值2; 甲率：年度指标值≥70%), the clause before it, without the item's number."""
    start = _name_start(text, floor, end)
    if text[start:end].strip() or start <= floor or text[start - 1] not in "，,：:":
        return start, end
    before = _name_start(text, floor, start - 1)
    item = ITEM_NUMBER.match(text, before)
    return (item.end() if item else before), start - 1


# An item's number before its name: 1) 2) (half brackets), 1. 1、 (1) ①
# (*) too: a mirror page masks its numbers' digits
ITEM_NUMBER = re.compile(
    r"\s*(?:\d{1,2}\s*[)）.．、](?!\d)|[(（](?:\d{1,2}|\*)[)）]|[①-⑳])\s*"
)  # 1) 1. (1) ①, not 10.5


def _name_start(text: str, floor: int, end: int) -> int:
    """Where a name ending at ``end`` begins: after the last clause mark and any ordinal, not before ``floor``
    (nor further back than a name can reach: a longer run is no name)."""
    start = max(floor, end - _MAX_NAME_CHARS - _NAME_SLACK)
    for mark in _CLAUSE_MARK.finditer(text, start, end):
        start = mark.end()
    segment = text[start:end]
    stripped = segment.lstrip()
    ordinal = _ORDINAL.match(stripped)
    return start + len(segment) - len(stripped) + (ordinal.end() if ordinal else 0)


def _actual_after(text: str, word: re.Match) -> tuple[str, int]:
    """The actual an actual word opens and where it ends: its figure, else the rest of its clause (实际完成有效保障
    → 有效保障, which a worded target may repeat word for word), else the word itself (…，实际完成。)."""
    start = _LINK.match(text, word.end()).end()
    limit = min(len(text), start + _MAX_ACTUAL_CHARS)
    mark = _CLAUSE_END.search(text, start, limit)
    clause = text[start : mark.start() if mark else limit]
    figure = next((q for q in find_quantities(clause) if q.kind not in ("date", "date_range")), None)
    if figure is not None:
        end = start + _figure_end(clause, figure)
        return text[start:end], end
    rest = clause.strip().removeprefix(_PARTICLE)  # 实际完成了既定任务: the particle is the verb's
    return rest or text[word.start() : word.end()], start + len(clause)


def _figure_end(text: str, quantity: Quantity) -> int:
    return _UNIT_TAIL.match(text, quantity.end).end()


# What may follow a figure that closes its clause: a bracketed note (含结转资金), then the clause's end.
_CLOSING = re.compile(r"(?:[(（][^()（）]{0,20}[)）])?(?:[，,。；;]|$)")


def closes_clause(text: str, quantity: Quantity) -> bool:
    """Whether ``quantity`` (with its unit's tail: 元/人, 以上) ends its clause of ``text``: a value, not a figure
    the sentence goes on from (给予2-12个月…标准发放)."""
    return _CLOSING.match(text, _figure_end(text, quantity)) is not None


def _is_name(name: str) -> bool:
    return MIN_NAME_CHARS <= len(name) <= _MAX_NAME_CHARS and bool(_HAN.search(name)) and not _NOT_IN_NAME.search(name)


def undated_name(name: str) -> bool:
    """Whether ``name`` can name an indicator of a clause: a name (no sentence) without a year, which makes the
    clause a sentence of the account (2022年共接待500人次)."""
    return _is_name(name) and not _YEAR.search(name)


def pieces(text: str, *, commas: bool) -> list[list[Stated]]:
    """The clauses of ``text`` in order, each as the indicators it states (none when it is no name and value).

    Clauses end at a full stop or semicolon, at a comma too when ``commas`` (a list), at a 、 after a figure
    (甲率≥98%、乙率≥97%) and where a percentage runs straight into the next name (甲率为98%乙率为100%).
    """
    # a note of how far the item before it was achieved (甲4次,指标完成率100%;乙…) ends the item's clause, no item
    notes = [(m.start(), m.end()) for m in _completion_note().finditer(text)]
    quantities = [
        q
        for q in find_quantities(text)
        if q.kind not in ("date", "date_range") and not _in_note(notes, q.start, q.start)
    ]
    cuts = {m.end() for m in _CUTS[commas].finditer(text)} | {at for note in notes for at in note}
    for quantity in quantities:
        end = _figure_end(text, quantity)
        after = text[end : end + 1]
        if after == "、" or (quantity.kind == "percent" and _HAN.match(after)):
            cuts.add(end + (after == "、"))
    bounds = [0, *sorted(cuts), len(text)]
    starts = [q.start for q in quantities]
    return [
        _piece(text, start, end, quantities[bisect_left(starts, start) : bisect_left(starts, end)])
        for start, end in pairwise(bounds)
        if end > start and not _in_note(notes, start, end)
    ]


def _in_note(notes: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does ``start``..``end`` lie inside one of ``notes`` (spans in order, apart)? Found by bisection."""
    index = bisect_right(notes, (start, float("inf"))) - 1
    return index >= 0 and notes[index][0] <= start and end <= notes[index][1]


def without_closing_note(text: str) -> str:
    """``text`` without the note of how far it was achieved that closes it (…逐年提升,指标完成率100%。)."""
    last = _closing_note().search(text)
    return text[: last.start()] if last else text


@cache
def _completion_note() -> re.Pattern:
    """A clause noting how far the item before it was achieved (，指标完成率100%；), with its closing mark."""
    words = alternation(_words()["completion_notes"])
    return re.compile(rf"[，,]\s*(?:{words})(?:为|达到|达)?\s*\d+(?:\.\d+)?\s*%\s*[。；;]?")


@cache
def _closing_note() -> re.Pattern:
    """A completion note with nothing after it."""
    return re.compile(_completion_note().pattern + r"\s*$")


def _piece(text: str, start: int, end: int, quantities: list[Quantity]) -> list[Stated]:
    """The indicators of one clause (``quantities``: the figures inside it): its names and the value it closes on."""
    body = text[start:end]
    head = len(body) - len(body.lstrip(_NAME_EDGES))
    start, end = start + head, start + len(body.rstrip(_NAME_EDGES))
    if end <= start:
        return []
    qualitative = _qualitative().search(text, start, end)
    closing = next((q for q in quantities if start < q.start and _figure_end(text, q) == end), None)
    if qualitative is None and closing is None:
        return []
    value_start = qualitative.start() if qualitative is not None else closing.start
    joined = _JOINED.search(text, max(start, value_start - _MAX_JOIN_CHARS), value_start)
    names = (
        _SHARED_NAMES.split(text[start : joined.start()]) if joined.group("shared") else [text[start : joined.start()]]
    )
    if not all(map(undated_name, names)):
        return []
    raw = text[joined.start("comparator") if joined.group("comparator") else value_start : end]
    # the figure as read in its sentence (3.51万t of soil is no sum of money)
    value = text_value(raw) if closing is None or qualitative is not None else quantity_value(raw, closing, raw)
    return [Stated(name, None, value, start, end) for name in names]


def shared_rates(text: str) -> list[Stated]:
    """Rates a sentence lists with one value for all (甲率、乙率、丙的比例均达100%): an indicator each, that value
    its actual.

    Only names of rates count (their ends are in the vocabulary): a list of places or tasks sharing a verb
    (县、乡、村均达到…) is an account. A piece that ends in no rate word is the start of the next name (人畜
    分离、卫生厕所等…的比例 is one name).
    """
    ends = tuple(_words()["rate_ends"])
    quantities = [q for q in find_quantities(text) if q.kind not in ("date", "date_range")]
    starts = [q.start for q in quantities]
    found: list[Stated] = []
    for clause in _CLAUSE_TEXT.finditer(text):
        first = bisect_left(starts, clause.start())
        inside = [q for q in quantities[first : bisect_left(starts, clause.end())] if q.end <= clause.end()]
        stated = _piece(text, clause.start(), clause.end(), inside)
        if len(stated) < 2 or not stated[-1].name.endswith(ends):
            continue
        # each name as the text writes it, from where its first piece starts to where its last piece ends
        names: list[tuple[int, int]] = []
        position, opened = clause.start(), None
        for item in stated:
            at = text.find(item.name, position, clause.end())
            opened = at if opened is None else opened
            position = at + len(item.name)
            if item.name.endswith(ends):
                names.append((opened, position))
                opened = None
        if len(names) >= 2:
            found += [replace(stated[0], name=text[start:end], start=start, end=end) for start, end in names]
    return found


_CLAUSE_TEXT = re.compile(r"[^，,。；;]+")


def listed(text: str, targets: bool = False) -> list[Stated]:
    """The items of a list (甲率100%，乙率≥90%，…): its clauses that each state one, up to the first that does not.

    A list of ``targets`` (年度目标：甲大于250天，推动乙工作，丙至少7个。) names tasks without a figure among
    them: its first sentence's clauses (to its full stop) that state one, past those that do not.
    """
    if targets:
        sentence = _TARGETS_END.search(text)
        return [s for piece in pieces(text[: sentence.end() if sentence else len(text)], commas=True) for s in piece]
    found: list[Stated] = []
    for piece in pieces(text, commas=True):
        if not piece:
            break
        found += piece
    return found


@cache
def _actuals_opening() -> re.Pattern:
    return re.compile(f"(?:{alternation(_words()['actual_words'])})[:：]")


_MIN_PARALLEL_ITEMS = 2  # one name in both lists may be chance; two make them one list written twice


def parallel(text: str) -> list[Stated]:
    """The indicators of a list of targets followed by the same list of actuals (目标:甲人数230人,乙人数39人。
    实际完成:甲人数230人,乙人数52人): each name of both lists with its target and actual, spanning both.

    The targets are the list running up to the actual word and its colon (from the colon before it); the actuals
    the list after it. None unless two names at least stand in both."""
    opening = _actuals_opening().search(text)
    if opening is None:
        return []
    start = max(text.rfind(":", 0, opening.start()), text.rfind("：", 0, opening.start())) + 1
    targets = {s.name: s for piece in pieces(text[start : opening.start()], commas=True) for s in piece}
    found = []
    for actual in listed(text[opening.end() :]):
        target = targets.get(actual.name)
        if target is not None:
            end = opening.end() + actual.end
            found.append(Stated(actual.name, target.actual, actual.actual, start + target.start, end))
    return found if len(found) >= _MIN_PARALLEL_ITEMS else []


def named_value(text: str) -> list[Stated]:
    """The indicators one clause names and the value it closes on (甲项、乙项均达到100%), if it is one."""
    return _piece(text, 0, len(text), [q for q in find_quantities(text) if q.kind not in ("date", "date_range")])


def list_opening(text: str) -> tuple[int, str | None] | None:
    """Where the list of indicators a paragraph's heading opens begins, and whether it lists ``targets``, a
    ``goal``'s targets (产出目标为…: which the report may state again with their results) or ``results``; None for
    the role when the heading names one level's results (产出指标完成情况。): what follows it is an account of the
    work, which may or may not state indicators."""
    results, targets = (pattern.search(text) for pattern in _list_openings())
    if targets is not None and (results is None or targets.start() < results.start()):
        return targets.end(), "goal" if targets.group("goal") else "targets"
    if results is None:
        return None
    return results.end(), None if results.group("words") else "results"


def dimension_by_name(name: str, label: str | None = None, value: Value | None = None) -> str:
    """The dimension of an indicator listed without a dimension label: by its label's or its name's words, else
    by its value (a count of people or times is what a 数量指标 measures)."""
    dimension = dimension_of(label, name)
    if dimension != "其他":
        return dimension
    hinted = next((dimension for fragment, dimension in _words()["dimension_hints"] if fragment in name), None)
    return hinted or (_words()["count_dimension"] if value is not None and value.kind == "count" else "其他")
