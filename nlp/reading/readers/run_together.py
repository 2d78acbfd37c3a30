"""Rows whose cells run together with no separator, cut back into their cells by the value grammar.

Scrapes and OCR write a row of an indicator table as one string (``培训人数10≥200人次≥215人次10``),
and document-sharing pages a whole form's rows as one stream. No separator tells where a
cell ends, so the cut is searched for: the header's value columns (分值, 指标值, 实际完成值,
得分 …) each have a grammar (a small number, a value with comparator and unit, words, a
target written again as its actual), and of the cuts that satisfy every column the one that
looks most like a row wins. This search (bounded, cached, scored) is one job of its own,
apart from the readers in ``text_tables`` that find such rows and place the cells in a grid.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from functools import lru_cache
from itertools import pairwise

from nlp.text.values import LEADING_COMPARATOR, unit_of
from nlp.text.vocabulary import alternation, level_of_label, row_label, row_marker, vocabulary

NUMBER_CELL = re.compile(r"(?:100|[1-9]?\d)(?:\.\d{1,2})?")  # 分值 and 得分: 0 to 100, no leading zero
# a 分值 under 1 (0, 0.1) is no row's weight: 0.5100.210 is 0.5 | 10 | 0.2 | 10, not 0.510 | 0.2 | 1 | 0; a 权重 may be
# written as a share (20%)
_WEIGHT_CELL = re.compile(r"(?:100|[1-9]\d?)(?:\.\d{1,2})?%?")
# A value's number, its comparator and qualifier before it; a value cell is one with its unit and bound word after.
_VALUE_NUMBER = re.compile(rf"(?:平均|累计|全年|约|共)?(?:{LEADING_COMPARATOR})?(?:0|[1-9][\d,]*)(?:\.\d+)?")
VALUE_CELL = re.compile(_VALUE_NUMBER.pattern + r"(?:%|‰|[A-Za-z²³㎡]{1,3}|[\u4e00-\u9fff]{1,3})?(?:以上|以下|以内)?")
# What follows a figure as part of it (人次, 万元, 以上): never a cell of its own.
_FIGURE_TAIL = re.compile(r"(?:以上|以下|以内|左右)")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# The columns after a row's name whose cells the value grammar cuts (分值, 指标值, 实际完成值, 得分 …).
RUN_VALUE_ROLES = ("weight", "target", "actual", "points", "ratio", "core", "reason")
# Columns whose cells have a grammar of their own (100%, 是): a target or actual before them may be left empty.
_ANCHOR_ROLES = frozenset({"ratio", "core"})
_RATIO_CELL = re.compile(r"(?:100|[1-9]?\d)(?:\.\d{1,2})?%")


def split_run_together(
    text: str, roles: list[str | None], values_at: list[tuple[int, RankedValues]] | None = None
) -> list[str] | None:
    """``培训人数10≥200人次≥215人次10`` → its cells, in the header's column order.

    Leading labels (一级, 二级) are peeled off by the level vocabulary; the name runs up to
    where the rest splits exactly into the header's value columns: 分值 and 得分 as small
    numbers, targets and actuals as values with comparator and unit (or as words, when a
    qualitative target is copied as its actual). Of the name ends that allow such a split,
    the one whose targets and actuals look most like values (unit, comparator, words) wins.
    Returns None when no split accounts for every value column. ``values_at`` are the places
    where the values may start with their splits, in order, when the caller knows them.
    """
    value_roles = run_value_roles(roles)
    if len(value_roles) < 2 or len(text) > _MAX_RUN_CHARS or not _may_end_values(text, value_roles[-1]):
        return None  # the last cell is a figure or an answer that the text does not end with
    labels = level_prefixes(text)
    if values_at is None:
        values_at = [(end, _ranked_values(text[end:], tuple(value_roles))) for end in range(2, len(text))]
    # a label that leaves no name is the start of the name (资金到位 | 率 is 资金到位率): given back, last first
    for kept in range(len(labels), -1, -1):
        found = _named_split(text, labels[:kept], values_at)
        if found is not None:
            return found
    return None


def _named_split(text: str, labels: list[str], values_at: list[tuple[int, RankedValues]]) -> list[str] | None:
    """The best split of ``text`` after ``labels``: a name (two Chinese characters at least), then values."""
    start = sum(len(label) for label in labels)
    second_han = next((m.end() for k, m in enumerate(_HAN.finditer(text, start)) if k == 1), len(text))
    first = max(start + 2, second_han)
    best: tuple[tuple[int, ...], list[str]] | None = None
    for end, candidates in values_at:
        if end < first or not candidates or text[end - 1] in _LIST_SEPARATORS:
            continue  # a name goes on after 、 (5吨稻谷、3吨大米储备率): no cell ends with it
        name = text[start:end]
        clean = _clean_name(name)
        for values, rank in candidates:
            if best is None or (clean, *rank) > best[0]:
                best = ((clean, *rank), [*labels, name, *values])
    return best[1] if best else None


# A row's value cells as split, each with how it looks (see _ranked_values).
RankedValues = tuple[tuple[tuple[str, ...], tuple[int, ...]], ...]


@lru_cache(maxsize=8192)
def _ranked_values(rest: str, value_roles: tuple[str, ...]) -> RankedValues:
    """The splits of a row's values (``rest``, after its name) with how each looks (plausibility, 得分 gap,
    distance of actual from target), in ``_split_values`` order. Cached: the rows tried in one stream
    end at the same places, so their values are the same texts."""
    if not _may_start_values(rest, 0, value_roles):
        return ()
    return tuple((values, _looks(values, value_roles)) for values in _split_values(rest, value_roles))


@lru_cache(maxsize=8192)
def _looks(values: tuple[str, ...], value_roles: tuple[str, ...]) -> tuple[int, int, int]:
    """How much a row's values look like values (plausibility, 得分 gap, distance of actual from target),
    higher better."""
    return (
        _plausibility(values, value_roles),
        -_points_gap(values, value_roles),
        -_actual_distance(values, value_roles),
    )


def _may_end_values(text: str, role: str) -> bool:
    """Can a row's last cell of ``role`` end ``text``? A 分值 or 得分 ends with a digit, a 得分系数 with %, a
    是否 column with its answer; other cells end with anything."""
    if role in ("weight", "points"):
        return text[-1:].isdigit()
    if role == "ratio":
        return text.endswith("%")
    if role == "core":
        return text.endswith(_answers())
    return True


_COMPARATOR = re.compile(r"[≥≤><=≧≦＞＜]")
_LIST_SEPARATORS = frozenset("、，,")
MAX_UNIT_CHARS = 3
_FIGURE_START = re.compile(r"[\d.%]")  # what continues a figure: no cell starts with it after one


@lru_cache(maxsize=4096)
def _is_unit(name: str) -> bool:
    """Is ``name`` only a unit (人次, 万元)? In a stream of rows it belongs to the figure before it."""
    return len(name) <= MAX_UNIT_CHARS and unit_of(name) == name


def _figure_tail(cell: str) -> bool:
    """Is ``cell`` only what ends a figure (a unit, 以上)? Then it was cut off the figure before it (372 | 人次)."""
    unit = unit_of(cell) if len(cell) <= MAX_UNIT_CHARS else None
    return bool(_FIGURE_TAIL.fullmatch(cell)) or (unit is not None and unit.endswith(cell))  # 元 reads as 万元


@lru_cache(maxsize=4096)
def _clean_name(name: str) -> bool:
    """Does a name read as names do: no comparator and no figure at its end (``取证率10≥`` took 分值 and ≥),
    no long run of figures inside (``面积万亩5510010甲项…`` holds a whole row's values)?"""
    inside = _FIGURES_INSIDE.search(name) or _answered_figure().search(name)
    return not (name[-1].isdigit() or name[-1] == "." or _COMPARATOR.search(name) or inside)


_FIGURES_INSIDE = re.compile(r"[\d.]{5,}(?=[\u4e00-\u9fff])")


@lru_cache(maxsize=1)
def _answered_figure() -> re.Pattern:
    """A figure then a yes-or-no answer (…100%22否): the end of a row of a form with a 是否核心指标 column."""
    return re.compile(rf"\d(?:{alternation(vocabulary('tables')['cells']['answers'])})")


def _may_start_values(head: str, position: int, value_roles: list[str] | tuple[str, ...]) -> bool:
    """Can the value columns begin here: a digit or comparator, or a word written twice (target = actual)?"""
    if head[position].isdigit():
        return True
    if value_roles[0] in ("weight", "points"):
        return False  # the values open with 分值: a figure
    if head[position] in "≥≤><=≧≦＞＜":
        return True
    if "target" not in value_roles:
        return False
    rest = head[position:]
    again = rest.find(rest[0], 1)  # a copied cell ends where its first character comes again (高高: one character)
    while again > 0:
        # the copy right after the cell, or after a qualifier (及时 | 较及时)
        ends = [again, *(again - len(word) for word in _qualifiers() if rest.startswith(word, again - len(word)))]
        if any(end > 0 and _copy_length(rest, end, ("target", "actual")) for end in ends):
            return True
        again = rest.find(rest[0], again + 1)
    return False


def _plausibility(values: list[str], value_roles: list[str]) -> int:
    """How much a split looks like a row: targets and actuals with a comparator, unit or words score
    (a dash too: a target left unset), and most a target written again as its actual.

    Among splits that look alike, the one whose 得分 lies closest under its 分值 wins (``8550万粒550万粒8``
    is 8 | 550万粒 | 550万粒 | 8, not 85 | 50万粒 | …): a self-score is mostly near full marks.
    """
    cells = {role: value for value, role in zip(values, value_roles, strict=False) if role in ("target", "actual")}
    # a bare figure is no sign either way (9010 | 10 | 0 is not likelier than 90 | 10 | 100): _actual_distance decides
    score = sum(
        (len(value) > 1 and not _BARE_FIGURE.fullmatch(value)) or bool(_DASH.fullmatch(value))
        for value in cells.values()
    )
    # a target written again as its actual is the surest sign of where the two cells lie
    copied = len(cells) == 2 and cells["target"] == cells["actual"] != "" and not NUMBER_CELL.fullmatch(cells["target"])
    # a unit cut in two (32.1公 | 里20) is no place where cells meet, nor a bounded figure (≥9 | 0%)
    cut = any(_unit_cut(a, b) for a, b in pairwise(values))
    bound_cut = any(
        role in ("target", "actual") and _COMPARATOR.match(a) and a[-1:].isdigit() and b[:1].isdigit()
        for (a, b), role in zip(pairwise(values), value_roles, strict=False)
    )
    return score + 2 * copied - 2 * cut - 2 * bound_cut


_BARE_FIGURE = re.compile(r"[\d.,]+")
_UNIT_HEAD = re.compile(r"\d([\u4e00-\u9fff]{1,2})$")


def _unit_cut(cell: str, following: str) -> bool:
    """Does ``cell`` end in a figure and the first characters of a unit that ``following`` finishes (公 | 里)?"""
    head = _UNIT_HEAD.search(cell)
    if head is None or not following or _is_unit(head.group(1)):
        return False
    return any(_is_unit(head.group(1) + following[:k]) for k in (1, 2))


_MAX_DISTANCE = 100


def _actual_distance(values: list[str] | tuple[str, ...], value_roles: list[str] | tuple[str, ...]) -> int:
    """How far a row's actual lies from its target, in tenths of a tenfold (0 when equal): most rows end
    near their target, so of splits alike in every other way (90 | 10 | 100 or 9010 | 10 | 0) the nearer wins."""
    cells = dict(zip(value_roles, values, strict=False))
    target, actual = _first_figure(cells.get("target", "")), _first_figure(cells.get("actual", ""))
    if target is None or actual is None:
        return 0
    if target <= 0 or actual <= 0:
        return 0 if target == actual else _MAX_DISTANCE
    return min(_MAX_DISTANCE, round(10 * abs(math.log10(actual / target))))


_FIGURE = re.compile(r"\d+(?:\.\d+)?")


def _first_figure(cell: str) -> float | None:
    """The first figure a cell writes (≥200人次 → 200), read cheaply: splits are compared by the thousand."""
    found = _FIGURE.search(cell)
    return float(found.group()) if found is not None else None


_MAX_RUN_CHARS = 120
_MAX_SPLITS = 6  # the ways to cut one row's values that are compared (8550万粒: 8 | 550万粒 or 85 | 50万粒)


@lru_cache(maxsize=8192)
def _split_values(rest: str, value_roles: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The ways ``rest`` cuts into one cell per value role, longest cells first (at most ``_MAX_SPLITS``).

    Cached, so each (remaining text, remaining columns) is tried once: a search that
    fails on a long run of digits stays polynomial instead of trying every cut again.
    """
    if not value_roles:
        return ((),) if not rest else ()
    role = value_roles[0]
    if role == "reason":  # the last column: whatever text is left, or none
        return ((rest,),) if len(value_roles) == 1 and not _FIGURE_START.match(rest) else ()
    pattern = _answer_cell() if role == "core" else _CELL_PATTERNS.get(role, VALUE_CELL)
    valued = pattern.match(rest) is not None  # no prefix is a value when none matches at the start
    if role in _FIGURE_ROLES and not (valued and _fits_figures(len(rest), value_roles)):
        return ()  # a figure or an answer is the only cell such a column holds, each a few characters long
    splits: list[tuple[str, ...]] = []
    following = value_roles[1] if len(value_roles) > 1 and value_roles[1] in _FIGURE_ROLES else None
    for end in _cell_ends(rest, role):
        cell = rest[:end]
        value = valued and end <= _MAX_VALUE_CHARS and pattern.fullmatch(cell)
        copy = _copy_length(rest, end, value_roles) if role == "target" and not value else 0
        if copy:
            # the actual is the same cell again (or it after a qualifier), whatever its grammar
            actual = rest[end : end + copy]
            splits.extend((cell, actual, *tail) for tail in _split_values(rest[end + copy :], value_roles[2:]))
            if len(splits) >= _MAX_SPLITS:
                break
            continue
        if following and not _may_open(rest, end, following):
            continue  # no cell of the next column starts here
        words = role == "actual" and _HAN.match(cell) is not None  # an actual written as words starts with one
        as_text = (words and _TEXT_ACTUAL.fullmatch(cell) and not _figure_tail(cell)) or (
            role == "target" and end == 1 and _DASH.fullmatch(cell)
        )
        if value or as_text:
            splits.extend((cell, *tail) for tail in _split_values(rest[end:], value_roles[1:]))
            if len(splits) >= _MAX_SPLITS:
                break
    if role in ("target", "actual") and _ANCHOR_ROLES & set(value_roles):
        splits.extend(("", *tail) for tail in _split_values(rest, value_roles[1:]))  # a cell left empty
    elif role == "target" and value_roles[1:2] == ("actual",):
        # a target left empty before an actual written as words (可行性 | 2 | | 符合需要 | 2)
        splits.extend(("", *tail) for tail in _split_values(rest, value_roles[1:]) if _HAN.match(tail[0]))
    return tuple(splits[:_MAX_SPLITS])


def _may_open(text: str, position: int, role: str | None) -> bool:
    """Can a cell of ``role`` start at ``position``? A 分值, 得分 or 得分系数 starts with a digit, a 是否 cell with
    its answer; any other cell may start anywhere."""
    if role == "core":
        return text.startswith(_answers(), position)
    return role not in _FIGURE_ROLES or text[position : position + 1].isdigit()


_FIGURE_ROLES = frozenset({"weight", "points", "ratio", "core"})  # columns of figures or answers, a few characters


@lru_cache(maxsize=1)
def _answers() -> tuple[str, ...]:
    return tuple(vocabulary("tables")["cells"]["answers"])


def _fits_figures(length: int, value_roles: tuple[str, ...]) -> bool:
    """Can ``length`` characters hold the cells of ``value_roles``? Only bounded when every one is a figure
    or an answer (1 to _MAX_FIGURE_CELL characters); a target, actual or reason among them may take any length."""
    if not _FIGURE_ROLES.issuperset(value_roles):
        return True
    return len(value_roles) <= length <= _MAX_FIGURE_CELL * len(value_roles)


def _cell_ends(rest: str, role: str) -> list[int]:
    """Where a cell of ``role`` at the start of ``rest`` may end, longest first.

    A value is short; a target written again as its actual ends where its first character
    comes again, within the first half; an actual written as words ends inside its run of
    words (or on the stop after it). No other end is tried.
    """
    if role not in ("target", "actual"):
        return list(range(min(len(rest), _MAX_FIGURE_CELL), 0, -1))
    # a value cell ends at most a unit and a qualifier after its number (≥1,000.5 | 万元 | 以上)
    number = _VALUE_NUMBER.match(rest)
    reach = number.end() + _MAX_VALUE_TAIL if number is not None else 0
    longest = min(len(rest), _MAX_VALUE_CHARS)
    if role == "target":
        copies = [end for end in range(len(rest) // 2, _MAX_VALUE_CHARS, -1) if rest[end] == rest[0]]
        # else a value, a dash, or a cell written again (where its first character or a qualifier comes next)
        again = {end for end in range(1, longest + 1) if rest[end : end + 1] in _copy_starts(rest[0])}
        short = set(range(1, min(reach, longest) + 1)) | {1} | again
        return [*copies, *sorted((end for end in short if end <= longest), reverse=True)]
    words = min(len(rest), _WORD_RUN.match(rest).end() + 1)
    return [*range(words, _MAX_VALUE_CHARS, -1), *range(min(longest, max(reach, words)), 0, -1)]


@lru_cache(maxsize=1024)
def _copy_starts(first: str) -> frozenset[str]:
    """The characters a target's copy may start with: its own first one, or a qualifier's (较及时 after 及时)."""
    return frozenset({first, *(word[0] for word in _qualifiers())})


@lru_cache(maxsize=1)
def _answer_cell() -> re.Pattern:
    return re.compile(alternation(vocabulary("tables")["cells"]["answers"]))


_CELL_PATTERNS = {"weight": _WEIGHT_CELL, "points": NUMBER_CELL, "ratio": _RATIO_CELL}
# The start of a VALUE_CELL up to the end of its number, read as far as it goes; the rest of such a cell is a unit
# and a qualifier (at most _MAX_VALUE_TAIL characters).
_MAX_VALUE_TAIL = 5
_MAX_FIGURE_CELL = 7  # the longest 分值, 得分, 得分系数 or answer cell (100.00%)
_MAX_VALUE_CHARS = 24  # the longest value a cell writes (平均≥1,000,000.00万元以上)
_WORD_RUN = re.compile(r"[\u4e00-\u9fff、，,；;]*")


# A target left as a dash (no figure set: — / - / 一 as OCR reads a dash) before its actual.
_DASH = re.compile(r"[-—–－/一]")
# An actual written as words, a list of them or a sentence (制度完善,按规定执行,台账齐全).
_TEXT_ACTUAL = re.compile(r"[\u4e00-\u9fff](?:[\u4e00-\u9fff、，,；;]*[\u4e00-\u9fff])?[。.]?")


def _copy_length(rest: str, end: int, value_roles: tuple[str, ...]) -> int:
    """How long the actual is when ``rest[:end]`` is a target written again as its actual (有效提升有效提升,
    2022年底完成2022年底完成), or again after a qualifier when the actual falls short of it (及时较及时,
    达标基本达标, 健全较健全); 0 when it is neither.

    Any cell with a Chinese character (a word, a date, a sentence, an OCR'd comparator such as a ≤ read as a character);
    a bare figure repeated is left to the value grammar, which tells 8 | 550万粒 from 85 | 50万粒.
    """
    cell = rest[:end]
    if value_roles[:2] != ("target", "actual") or not _HAN.search(cell):
        return 0
    if rest.startswith(cell, end):
        return end
    if not _HAN.fullmatch(cell[-1]):
        return 0  # a qualified copy is words (达标), not a figure and its unit
    word = next((word for word in _qualifiers() if rest.startswith(word, end)), None)
    return len(word) + end if word is not None and rest.startswith(cell, end + len(word)) else 0


@lru_cache(maxsize=1)
def _qualifiers() -> tuple[str, ...]:
    return tuple(vocabulary("tables")["cells"]["qualifiers"])


_MIN_TOTAL_WEIGHT = 10  # a total row's 分值 adds up several rows' weights


def split_closing_row(text: str) -> list[str] | None:
    """``合计100100`` → 合计 | 100 | 100 (a total row run together: its 分值 and 得分)."""
    label = next((text[:end] for end in range(min(len(text), 6), 1, -1) if row_label(text[:end]) == "closing"), None)
    if label is None:
        return None
    rest = text[len(label) :]
    # 分值 and 得分 when the 分值 adds up several rows (10 at least) and the score is at least half of it (no
    # self-evaluation claims less): 总分83 and 总分87 are one figure, not 8 | 3 or 8 | 7
    pairs = _split_values(rest, ("weight", "points"))
    pair = next(
        (pair for pair in pairs if float(pair[0]) >= _MIN_TOTAL_WEIGHT and 2 * float(pair[1]) >= float(pair[0])), None
    )
    if pair is not None:
        return [label, *pair]
    single = _split_values(rest, ("points",))
    return [label, *single[0]] if single else None


def level_prefixes(head: str) -> list[str]:
    """The 一级/二级 labels a run-together row starts with (``产出指标数量指标培训人数``)."""
    found: list[str] = []
    rest = head
    starts = _label_starts()
    while True:
        if rest[:2] not in starts and not rest[:1].isspace():
            return found  # no label opens with these two characters: spares trying every length
        match = next(
            (rest[:end] for end in range(min(len(rest) - 1, 12), 1, -1) if level_of_label(rest[:end]) is not None),
            None,
        )
        if match is None or (found and match == found[-1]):
            return found  # 档案管理档案管理制度…: a label written again opens the name
        if found and level_of_label(found[-1]) == 2 and level_of_label(match) in (0, 2):
            return found  # 经济效益指标 | 某某覆盖面: a 二级 word right after a 二级 label opens the name
        found.append(match)
        rest = rest[len(match) :]


@lru_cache(maxsize=1)
def _label_starts() -> frozenset[str]:
    """The first two characters of every 一级/二级 label."""
    levels = vocabulary("tables")["levels"]
    return frozenset(label[:2] for label in (*levels["level1"], *levels["level2"]))


# Candidate rows tried in one stream; a form of 20 rows needs about 1000. Bounds the time a hostile line costs.
_MAX_ROW_TRIALS = 3000
MAX_STREAM_ROW_CHARS = 80  # one row of such a form (its reason column runs into the next row's text)
_ROW_MARKER = row_marker()


_NUMBER_RUN = re.compile(r"\d+(?:[.,]\d+)*")


def split_run_together_rows(stream: str, roles: list[str | None]) -> tuple[list[list[str]], int]:
    """Rows run together one after another (``免费发放原原种8550万粒550万粒8企业自行采购…``) → their cells.

    The rows are cut where the text splits into rows that ``split_run_together`` accepts,
    covering as much of it as possible, then with the fewest names that end in a figure, the most
    value-like targets and actuals, the fewest rows, and 得分 closest under 分值. A row ends after a figure (a
    number and up to three characters of its unit) or at a label; it never runs over a
    label ending in 指标 or a 指标1-style row number (dropped); what no row accounts for
    (OCR debris) is skipped. Reading stops at a closing or signature label (总分, 存在问题,
    填报人). Under a 得分 column a row ends right after a figure (its score) or at a label.
    Returns the rows (each with the labels before it) and where the last one ends.
    """
    stop = _first_closing_label(stream)
    labels = _labels_in(stream[:stop])
    walls = sorted(p for p, (label, _) in labels.items() if _ROW_MARKER.fullmatch(label) or "指标" in label)
    value_roles = run_value_roles(roles)
    scored = "points" in value_roles
    # under a 得分 column a row ends with its score (a figure) or where a label begins: rows (and the
    # debris between them) start and end only there, not inside a unit as they may elsewhere
    cuts = _row_cuts(stream[:stop], labels, units=not scored)
    if value_roles[-1] == "core":  # a row ends with its answer (是, 否)
        cuts |= {answer.end() for answer in _answer_cell().finditer(stream, 0, stop)}
    positions = sorted(cuts | {0, stop})
    roles_key = tuple(value_roles)
    # where a row's values may start (whatever row ends where), and, by row end, where they do with their splits
    starts = [s for s in range(stop) if _may_start_values(stream[s : s + MAX_STREAM_ROW_CHARS], 0, roles_key)]
    values_by_end: dict[int, list[tuple[int, RankedValues]]] = {}
    trials = 0
    # best[p]: the best reading of stream[p:stop] as (score, items); scores add up element by element
    best: dict[int, tuple[tuple[int, ...], tuple]] = {stop: ((0, 0, 0, 0, 0, 0), ())}
    for index in range(len(positions) - 2, -1, -1):
        p = positions[index]
        choice = best[positions[index + 1]]  # p is debris
        if p in labels:
            q = p + labels[p][1]
            if q in best:
                choice = max(choice, _extend(best[q], (q - p, 0, 0, 0, 0, 0), ("label", labels[p][0], q)))
        wall = next((w for w in walls if w > p), stop)
        marker = p in labels and bool(_ROW_MARKER.fullmatch(labels[p][0]))
        for q in positions[index + 1 : None if not marker else index + 1]:
            if q - p > MAX_STREAM_ROW_CHARS or q > wall:
                break
            trials += 1
            if trials > _MAX_ROW_TRIALS:
                return [], 0  # no form has this many ways to cut its rows: debris, left as text
            if q not in values_by_end:
                # no row runs over a wall: its values start after the last one before q
                low = max(q - MAX_STREAM_ROW_CHARS, walls[bisect_left(walls, q) - 1] if walls and walls[0] < q else 0)
                ends = _may_end_values(stream[:q], value_roles[-1])
                window = starts[bisect_left(starts, low) : bisect_left(starts, q)] if ends else []
                values_by_end[q] = [(s, found) for s in window if (found := _ranked_values(stream[s:q], roles_key))]
            values_at = [(s - p, found) for s, found in values_by_end[q] if s > p]
            cells = split_run_together(stream[p:q], roles, values_at) if values_at else None
            # a row named by a unit alone (人次215人次10) took that unit from the figure before it (≥200人次)
            if cells is not None and not _is_unit(cells[-len(value_roles) - 1]):
                values = tuple(cells[-len(value_roles) :])
                # text in a last reason column covers nothing: else it swallows the rows after it
                reason = len(values[-1]) if value_roles[-1] == "reason" else 0
                # a name ending in a figure (稻谷5吨、50 | 0吨) took a piece of the row's own text
                unclean = -(not _clean_name(cells[-len(value_roles) - 1]))
                plausible, gap, distance = _looks(values, roles_key)
                score = (q - p - reason, unclean, plausible, -1, gap, distance)
                choice = max(choice, _extend(best[q], score, ("row", tuple(cells), q)))
        best[p] = choice
    rows: list[list[str]] = []
    pending: list[str] = []
    end = 0
    for kind, content, item_end in best[0][1]:
        if kind == "row":
            rows.append([*pending, *content])
            pending, end = [], item_end
        elif not _ROW_MARKER.fullmatch(content):
            # of labels whose rows were debris, the last 一级 and 二级 stand for the next row
            # (a label of either level before a 二级 one is its 一级: 满意度指标(10分) | 服务对象满意度指标)
            level = level_of_label(content)
            outer = (0, 1) if level == 2 else (1,)
            pending = [content] if level == 1 else [*(p for p in pending if level_of_label(p) in outer), content]
    return rows, end


def _extend(after: tuple[tuple[int, ...], tuple], score: tuple[int, ...], item: tuple) -> tuple[tuple[int, ...], tuple]:
    return tuple(a + b for a, b in zip(after[0], score, strict=True)), (item, *after[1])


def split_weight_and_points(digits: str) -> list[str] | None:
    """A row's 分值 and 得分 written with no separator (22, 108, 1.51.5) → the two: of the cuts where both are
    scores, the one where 得分 lies closest under 分值; None when 得分 is above 分值 in every cut."""
    roles = ("weight", "points")
    cuts = [cut for cut in _split_values(digits, roles) if float(cut[1]) <= float(cut[0].rstrip("%"))]
    return list(min(cuts, key=lambda cut: _points_gap(cut, roles))) if cuts else None


def _points_gap(values: list[str] | tuple[str, ...], value_roles: list[str] | tuple[str, ...]) -> int:
    """How far a row's 得分 lies under its 分值; 100 when above it (no row scores more than its weight).

    With a 得分系数 column, also how far that share lies from 得分 ÷ 分值 (100% | 2 | 2, not 0% | 2 | 2).
    """
    cells = dict(zip(value_roles, values, strict=False))
    weight, points = cells.get("weight", ""), cells.get("points", "")
    if not (NUMBER_CELL.fullmatch(weight) and NUMBER_CELL.fullmatch(points)):
        return 0
    gap = float(weight) - float(points)
    ratio = cells.get("ratio", "")
    share = abs(float(ratio[:-1]) - 100 * float(points) / float(weight)) / 10 if _RATIO_CELL.fullmatch(ratio) else 0
    return round(gap + share) if gap >= 0 else 100


def run_value_roles(roles: list[str | None]) -> list[str]:
    """The roles of a row's value columns, in order; a reason column only when it is the last."""
    value_roles = [role for role in roles if role in RUN_VALUE_ROLES]
    return value_roles if not value_roles or value_roles[-1] == "reason" else [r for r in value_roles if r != "reason"]


def _first_closing_label(stream: str) -> int:
    """Where the first closing or signature label (总分, 存在问题, 填报人) starts, else the stream's end."""
    rows = vocabulary("tables")["rows"]
    labels = [*rows["closing"], *rows["signature"]]
    return min((at for label in labels if (at := stream.find(label)) >= 0), default=len(stream))


def _labels_in(stream: str) -> dict[int, tuple[str, int]]:
    """Position → (label, length) of the 一级/二级 labels (with their points) and 指标1-style row numbers."""
    found: dict[int, tuple[str, int]] = {}
    for position in range(len(stream)):
        marker = _ROW_MARKER.match(stream, position)
        if marker is not None:
            found[position] = (marker.group(), marker.end() - position)
            continue
        label = level_prefixes(stream[position : position + 24])
        if label:
            found[position] = (label[0], len(label[0]))
    return found


def _row_cuts(stream: str, labels: dict[int, tuple[str, int]], units: bool = True) -> set[int]:
    """Where a row may end: after a number (and up to three characters of its unit), and around labels."""
    cuts = set(labels) | {position + length for position, (_, length) in labels.items()}
    reach = 4 if units else 1
    for number in _NUMBER_RUN.finditer(stream):
        cuts.update(range(number.end(), min(number.end() + reach, len(stream) + 1)))
    return cuts
