"""Indicators stated in a report's prose: ``数量指标：招聘安保人员17人。``, ``1.数量指标。该项目处治里程8公里``,
and the clauses of the paragraph under a bare ``(1)数量指标。`` line (``办理法律援助案件94件;调解纠纷1087件``)."""

from __future__ import annotations

import re
from functools import cache

from nlp.extraction.indicators import PROSE_DIMENSION_NAMES, dimension_of, implied_level1
from nlp.text.blocks import Block
from nlp.text.document import Indicator, Value
from nlp.text.values import Quantity, find_quantities, parse_value
from nlp.text.vocabulary import alternation, marker, vocabulary

# A dimension's label, numbered or not: 数量指标, 1.质量指标完成情况, (2)时效目标, ①成本指标, and a
# longer name without 指标 before a colon (可持续影响：, not 1.社会效益。, a summary's heading);
# a bracketed note may follow (质量指标(验收质量)：).
_LONG_NAMES = [name for name in PROSE_DIMENSION_NAMES if len(name) >= 4]
_LABEL = (
    f"^(?:{marker('ar')}|{marker('par')}|{marker('circle')})?\\s*"
    f"(?:(?P<dimension>{'|'.join(map(re.escape, PROSE_DIMENSION_NAMES))})(?:指标|目标)(?:完成情况)?"
    f"|(?P<long>{'|'.join(map(re.escape, _LONG_NAMES))})(?=(?:[(（][^()（）]{{1,12}}[)）])?[:：]))"
    r"(?:[(（][^()（）]{1,12}[)）])?"
)
_LINE = re.compile(rf"{_LABEL}[:：。.]\s*(?P<rest>.+)$")
_LABEL_ONLY = re.compile(rf"{_LABEL}[:：。.]?$")
_CLAUSE = re.compile(r"[^;；。]+")
_NOTHING = re.compile(r"^(?:无|暂无|没有|不涉及|无此项)[。.]?$")
_ACTUAL_MARK = re.compile(r"实际|完成")
_MIN_NAME_CHARS = 2


def narrative_indicators(blocks: list[Block]) -> list[Indicator]:
    """One indicator per paragraph that opens with a dimension name and a colon."""
    found = []
    stating_targets = False
    for index, block in enumerate(blocks):
        stating_targets = _states_targets(block.text, stating_targets) if block.kind == "paragraph" else stating_targets
        label = _LABEL_ONLY.match(block.text) if block.kind == "paragraph" else None
        if label is not None and index + 1 < len(blocks):
            following = index + 1
            found += _listed_under(_dimension_word(label), blocks[following])
            # 甲项：…4次 / 乙项：…2次: one line per indicator, each its name and a colon, up to the next label
            while following + 1 < len(blocks) and all(_named_line(blocks[k]) for k in (following, following + 1)):
                following += 1
                found += _listed_under(_dimension_word(label), blocks[following])
            continue
        match = _LINE.match(block.text) if block.kind == "paragraph" else None
        if match is None:
            found += _labelled_clauses(block) if block.kind == "paragraph" else []
            continue
        rest = match.group("rest").strip()
        dimension = dimension_of(_dimension_word(match))
        # 甲项125万吨;乙项建设;丙项不少于4次: targets listed one per clause (a report of results keeps its line whole:
        # its clauses go on with rates and notes of one indicator)
        clauses = [c.strip() for c in _LISTED.split(rest) if c.strip()] if stating_targets else [rest]
        for clause in clauses or [rest]:
            name, target, actual = _reported(clause, listed=len(clauses) >= 2)
            if stating_targets and target is None:
                target, actual = actual, None  # a goal broken down, before anything was done
            found.append(
                Indicator(
                    dimension=dimension,
                    level1=implied_level1(dimension),
                    level2=_dimension_word(match),
                    name=name or None,
                    target=target,
                    actual=actual,
                    weight=None,
                    points=None,
                    source="narrative",
                    start=block.start,
                    end=block.end,
                )
            )
    return found


_LISTED = re.compile(r"[;；]")


def _reported(rest: str, listed: bool = False) -> tuple[str | None, Value | None, Value | None]:
    """What a dimension line reports: its name, and its target and actual (an actual alone when it states one).

    A ``listed`` clause (one of several on the line) without a figure names a task and states no value; one
    closing with a total (每季度1次，合计4次) states the total.
    """
    if _NOTHING.match(rest):
        return None, None, None
    # a date opening the sentence (2023年,我校收到…16.20万元) is when, not what was measured
    found_in_rest = find_quantities(rest)
    quantities = [q for q in found_in_rest if q.kind != "date"] or found_in_rest
    if listed and not quantities:
        return rest.strip("。. "), None, None
    opening = next((q.end for q in found_in_rest if q.kind == "date" and q.start == 0), 0)
    name, measured_at = _what_is_reported(rest, quantities, opening)
    split = _ACTUAL_MARK.search(rest, quantities[0].end) if len(quantities) >= 2 else None
    if split:  # 预算指标为34.36万元，实际支出34.36万元
        return name, parse_value(rest[: split.start()]), parse_value(rest[split.start() :])
    total = _total(rest, quantities) if listed else None
    return name, None, parse_value(rest[total.start if total is not None else measured_at :])


def _total(text: str, quantities: list[Quantity]) -> Quantity | None:
    """The quantity a clause gives as its total (…一次，共4次), if any."""
    return next((q for q in quantities if _TOTAL.search(text, 0, q.start)), None)


@cache
def _context_words() -> tuple[re.Pattern, re.Pattern]:
    prose = vocabulary("tables")["prose"]
    return re.compile(alternation(prose["targets"])), re.compile(alternation(prose["results"]))


def _states_targets(text: str, before: bool) -> bool:
    """Whether the lines from here on state targets: after a paragraph breaking the year's goal down
    (绩效目标分解为…), until one that reports results (完成情况)."""
    targets, results = _context_words()
    if results.search(text):
        return False
    return True if targets.search(text) else before


_CLAUSE_END = "，,；;。"
# What may follow a quantity that closes its clause: a bracketed note (含结转资金), then the clause's end.
_CLOSES_CLAUSE = re.compile(rf"(?:[(（][^()（）]*[)）])?(?:[{_CLAUSE_END}]|$)")
_LINKING = re.compile(r"(?:为|是|达到|达)$")


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
    if measured is quantities[0]:
        return rest[opening : measured.start].strip("，,。：: ≥≤><="), 0
    clause = max(opening, *(rest.rfind(mark, 0, measured.start) + 1 for mark in _CLAUSE_END))
    return _LINKING.sub("", rest[clause : measured.start].strip("，,。：: ≥≤><=")).strip(), measured.start


# A label running straight into what it names, without a colon (社会效益指标受益户收入增长10%).
_LABELLED_CLAUSE = re.compile(rf"{_LABEL}(?=[\u4e00-\u9fff])")
# What joins names to their quantity: 均/都 when the names share it, a linking verb, a comparator kept with the value.
_JOINED = re.compile(
    r"(?P<shared>均|都)?(?:达到|达|为|是)?(?P<comparator>大于等于|小于等于|不低于|不高于|大于|小于|高于|低于|[≥≤><])?$"
)
_BARE_NAMES = re.compile(r"[\u4e00-\u9fffA-Za-z0-9()（）、]+")


def _labelled_clauses(block: Block) -> list[Indicator]:
    """Clauses of a paragraph that open with a dimension label and go on with the names it reports.

    ``数量指标甲项、乙项均达到100%;满意度指标用户满意度大于等于90%。`` → 甲项 and 乙项 (均: one
    quantity for both) and 用户满意度, each with its actual. A clause without a quantity, or
    whose names run into other words (方面，…), is no indicator.
    """
    found = []
    for clause in _CLAUSE.finditer(block.text):
        text = clause.group()
        offset = len(text) - len(text.lstrip())
        label = _LABELLED_CLAUSE.match(text.lstrip())
        if label is None:
            continue
        rest_start = clause.start() + offset + label.end()
        rest = block.text[rest_start : clause.end()]
        quantities = [q for q in find_quantities(rest) if q.kind != "date"]
        if not quantities:
            continue
        joined = _JOINED.search(rest, 0, quantities[0].start)
        head = rest[: joined.start()]
        if not _BARE_NAMES.fullmatch(head):
            continue
        value_start = joined.start("comparator") if joined.group("comparator") else quantities[0].start
        names = head.split("、") if joined.group("shared") else [head]
        if any(len(name) < _MIN_NAME_CHARS for name in names):
            continue
        dimension_word = _dimension_word(label)
        dimension = dimension_of(dimension_word)
        actual = parse_value(rest[value_start : quantities[0].end])
        found += [
            Indicator(
                dimension=dimension,
                level1=implied_level1(dimension),
                level2=dimension_word + "指标",
                name=name,
                target=None,
                actual=actual,
                weight=None,
                points=None,
                source="narrative",
                start=block.start + rest_start,
                end=block.start + rest_start + quantities[0].end,
            )
            for name in names
        ]
    return found


# what opens a clause's total (…一次，共4次, 合计不少于4次)
_TOTAL = re.compile(r"(?:共计|合计|累计|总计|共)(?:不少于|不低于|超过|达到|达)?$")
# A line that names what it reports before a colon (开展督导：全年4次), no clause ended before it.
_NAMED_LINE = re.compile(r"^[^:：，,。;；]{2,16}[:：]")


def _named_line(block: Block) -> bool:
    return block.kind == "paragraph" and bool(_NAMED_LINE.match(block.text)) and not _LINE.match(block.text)


def _dimension_word(label: re.Match) -> str:
    return label.group("dimension") or label.group("long")


def _listed_under(dimension_word: str, block: Block) -> list[Indicator]:
    """The clauses of the paragraph under a bare dimension line, one indicator per clause with a quantity."""
    if block.kind != "paragraph" or _LABEL_ONLY.match(block.text) or _LINE.match(block.text):
        return []
    dimension = dimension_of(dimension_word)
    found = []
    for clause in _CLAUSE.finditer(block.text):
        quantities = [q for q in find_quantities(clause.group()) if q.kind != "date"]
        if not quantities:
            continue
        named = _NAMED_LINE.match(clause.group())  # 入户走访：每月一次 names 入户走访
        name_end = named.end() if named is not None and named.end() <= quantities[0].start else quantities[0].start
        name = clause.group()[:name_end].strip("，,：: ")
        if len(name) < _MIN_NAME_CHARS:
            continue
        # 每季度一次，共4次: the total the clause closes with is what it reports
        total = _total(clause.group(), quantities) or quantities[0]
        found.append(
            Indicator(
                dimension=dimension,
                level1=implied_level1(dimension),
                level2=dimension_word + "指标",
                name=name,
                target=None,
                actual=parse_value(clause.group()[total.start :]),
                weight=None,
                points=None,
                source="narrative",
                start=block.start + clause.start(),
                end=block.start + clause.end(),
            )
        )
    return found
