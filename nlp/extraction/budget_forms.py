"""Budgets laid out as forms: what a 自评表's cells label and state, and its form flattened into text.

A 自评表 states its budget in cells: a label cell (全年预算数(A) → ``planned_full``) with its value
cell beside or below it. Readers flatten such forms into text in several ways, and ``nlp.extraction.budget``
reads both the prose and the table rows through what is here: a label alone on its line with its value on
the next (``cell_below``), a score label whose form row runs on one cell a line (``score_cell``), a header
run of labels with its values after it (``header_run_figures``), and budget, execution and rate run
together without separators, split where the stated rate agrees (194.9194.9100%). It sits below
``budget``, which reads prose, assembles a budget from its figures and reads a table's rows.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from nlp.text.values import parse_value
from nlp.text.vocabulary import alternation, vocabulary

PLANNED = ("planned_full", "planned", "planned_opening", "allocated")  # the year's full budget first
FIGURES = (*PLANNED, "executed", "rate")
REACH = 40  # characters after a label in which its figure is looked for
PARENTHESES = re.compile(r"[(（][^()（）]*[)）]")
_CELL_NOISE = re.compile(r"[\s:：*＊|]")
_MAX_LABEL_CELL = 12
YUAN = re.compile(r"[(（]\s*元\s*[)）]|单位\s*[:：]\s*元")  # a table's amounts in 元, not 万元
WAN_YUAN = re.compile(r"[(（]\s*万元\s*[)）]|单位\s*[:：]\s*万元")


def stated_unit(texts: Iterable[str]) -> bool | None:
    """Whether cells say their amounts are in 元 (True) or 万元 (False); None when they say neither."""
    texts = list(texts)
    if any(YUAN.search(t) for t in texts):
        return True
    return False if any(WAN_YUAN.search(t) for t in texts) else None


YUAN_PER_WAN = 10000

# A bare amount a date reader takes for a year and month (2030.12 under 全年预算数): its label says it is money.
_DOTTED = re.compile(r"\d{4}\.\d{1,2}")


@dataclass(frozen=True)
class Figure:
    """A labelled amount, rate or score (prose or a flattened form): its role, value, label offsets, clause before."""

    role: str
    value: float
    start: int  # where its label starts
    end: int  # where its value ends
    clause: str  # the clause's words before the label


@cache
def _cell_labels() -> list[tuple[str, str]]:
    table = vocabulary("budget")["table"]
    pairs = [(word, role) for role in (*FIGURES, "score") for word in table.get(role, ())]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def cell_label(text: str) -> str:
    """A label cell's words: its notes in parentheses, spaces, colons and bars left out."""
    return _CELL_NOISE.sub("", PARENTHESES.sub("", text))


def cell_role(text: str) -> str | None:
    """The figure a table cell labels (全年预算数(A) → ``planned_full``), or None."""
    label = cell_label(text)
    if not label or len(label) > _MAX_LABEL_CELL or "其中" in label:
        return None
    return next((role for word, role in _cell_labels() if word in label), None)


def cell_value(text: str, role: str, yuan: bool | None) -> float | None:
    """The figure a value cell states, when it is the kind its label names; bare 元 amounts in 万元 (``yuan``: the
    table says its amounts are in 元, or None when it names no unit)."""
    value = parse_value(text)
    number, kind = value.value, value.kind
    if kind == "date" and role in (*PLANNED, "executed") and _DOTTED.fullmatch(text.strip()):
        return float(text.strip()) / (YUAN_PER_WAN if yuan else 1)
    if not isinstance(number, float | int) or value.comparator == "range":
        return None
    if role == "rate":
        return number if kind == "percent" else None
    if role == "score":
        return number if kind == "number" and value.unit in (None, "分") and 0 <= number <= 100 else None
    if kind == "money":
        return number
    if kind == "number" and value.unit is None:
        in_yuan = yuan or (yuan is None and _YUAN_FIGURE.match(text.strip()) is not None)
        return round(number / YUAN_PER_WAN, 6) if in_yuan else number
    return None


# Where a table names no unit, an amount in millions grouped by thousands down to the fen (4,764,453.11) is in 元:
# written so in 万元 it would be tens of billions, more than a unit's self-evaluation covers.
_YUAN_FIGURE = re.compile(r"\d{1,3}(?:,\d{3}){2,}\.\d{2}(?!\d)")


# A label alone on its line (预算数: ⏎ 2.38 ⏎): the next line is its value's cell.
_CELL_BELOW = re.compile(r"[ \t|]*\n[ \t]*([^\n|]{1,20}?)[ \t|]*(?:\n|$)")
_LINE_START = re.compile(r"(?:^|\n)[ \t|]*$")


def cell_below(text: str, label: re.Match, start: int) -> re.Match | None:
    """The line under a label that fills its own line, when the label stands alone there."""
    if not _LINE_START.search(text, max(0, label.start() - REACH), label.start()):
        return None
    return _CELL_BELOW.match(text, start)


_MAX_ROW_CELLS = 6  # a form's row, one cell a line: how far a score's value may stand below its label
_SCORE_LINE = re.compile(r"\d{1,3}(?:\.\d+)?\s*分?")
DIGIT = re.compile(r"\d")


def score_cell(text: str, cell: re.Match) -> re.Match | None:
    """The value of a score label whose form row runs on below it, one cell a line (自评得分 ⏎ 某部门 ⏎ 某厅 ⏎ 100).

    The first line that is a number only is the score, past the row's names; a line with another number
    or another figure's label first means the value is not there.
    """
    for _ in range(_MAX_ROW_CELLS):
        line = cell.group(1).strip()
        if _SCORE_LINE.fullmatch(line):
            return cell
        if DIGIT.search(line) or cell_role(line) is not None or cell_label(line) in _totals():
            return None
        cell = _CELL_BELOW.match(text, cell.end(1))
        if cell is None:
            return None
    return None


@cache
def _totals() -> frozenset[str]:
    table = vocabulary("budget")["table"]
    return frozenset(table["totals"] + table["score_totals"])


_MAX_HEADER_LABELS = 12  # a budget header's columns; more is no header, and the bound keeps a long line linear


@cache
def _header_run() -> tuple[re.Pattern, re.Pattern]:
    """A budget header label, and a header flattened into a line before its values.

    年初预算数 全年预算数 全年执行数 执行率 年度资金总额 10 12 9 75%: the labels, a total's
    label maybe, the values.
    """
    table = vocabulary("budget")["table"]
    # a label's note may wrap onto the next line (预算执行率 ⏎ (B/A×100%))
    label = rf"(?:{alternation(table['header'])})(?:[ \t]*\n?[ \t]*\([^()\n]{{1,12}}\))?"
    value = r"-?\d[\d,]*(?:\.\d+)?(?:%|万元|元)?"
    totals = alternation(table["totals"])
    labels = rf"{label}(?:[ \t|]*\n?[ \t|]*{label}){{1,{_MAX_HEADER_LABELS - 1}}}"
    # values run together (194.9194.9100%, 40004000100%) are read by _glued_figures; an amount's unit ends
    # its cell (372.29万元372.29万元100%)
    glued = r"\d[\d.]*%"
    values = rf"(?P<values>{value}(?:(?:[ \t|]+|(?<=元)){value})+)|(?P<glued>{glued})"
    # the total's row may start the next line (…执行率(B/A) ⏎ 年度资金总额:…)
    run = rf"(?P<labels>{labels})[ \t|]*+(?:\n[ \t|]*+)?(?:{totals})?[ \t|:：]*+(?:{values})"
    return re.compile(label), re.compile(run)


_VALUE_SEPARATOR = re.compile(r"[ \t]+|(?<=元)(?=[-\d])")


def _value_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Each value's (start, end) in ``text[start:end]``: cells split by | keep an empty one as an empty span."""
    separator = re.compile(r"\|") if "|" in text[start:end] else _VALUE_SEPARATOR
    bounds = [start, *(x for m in separator.finditer(text, start, end) for x in m.span()), end]
    cells = []
    for left, right in zip(bounds[::2], bounds[1::2], strict=True):
        cell = text[left:right]
        cells.append((left + len(cell) - len(cell.lstrip()), left + len(cell.rstrip())))
    return cells


def header_run_figures(text: str) -> list[Figure]:
    """The figures of each flattened budget header in ``text``: its labels and values paired in order.

    A 自评表 whose lines a reader ran together keeps its budget this way, as a run of labels
    followed by a run of values (amounts in 元 where a (元) note precedes them). A run with
    more or fewer values than labels pairs none: which value is whose is unknown. Each figure
    spans its own label to its own value.
    """
    label, header = _header_run()
    found = []
    for run in header.finditer(text):
        names = list(label.finditer(text, run.start("labels"), run.end("labels")))
        if run.group("glued"):
            found += _glued_figures(text, run, names)
            continue
        cells = _value_cells(text, *run.span("values"))
        if len(cells) != len(names):
            continue
        yuan = bool(YUAN.search(text[max(0, run.start() - REACH) : run.start("values")]))
        for name, (start, end) in zip(names, cells, strict=True):
            role = cell_role(name.group())
            number = cell_value(text[start:end], role, yuan) if role in FIGURES and start < end else None
            if number is not None:
                found.append(Figure(role, number, name.start(), end, ""))
    return found


_NUMBER = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")


_MAX_GLUED_DIGITS = 32  # a longer run of digits is no budget row
# The splits of n digits into k numbers are C(n-1, k-1): three columns in 32 digits are 465, but a row of
# many labels grows combinatorially; past this many the row is too ambiguous to split and reads nothing.
_MAX_GLUED_SPLITS = 20_000


def _glued_figures(text: str, run: re.Match, names: list[re.Match]) -> list[Figure]:
    """Budget, execution and rate run together without separators (194.9194.9100%), split where they agree.

    The labels up to the rate's are read: a budget (or the year's first and adjusted budgets, the last
    one checked), its execution, any weight columns between (分值), the rate last. Of the splits of the
    digits into as many numbers, the one whose execution over budget gives the stated rate (not zero),
    as rounded, and whose weights are points (more than 0, at most 100) is read; of several, the one
    whose amounts share their decimals (two at most); none or several such splits read nothing. A form
    often leaves its 年初预算数 blank: when no split fits every label, the split without it is tried.
    """
    roles = [cell_role(name.group()) for name in names]
    if "rate" not in roles:
        return []
    names = names[: roles.index("rate") + 1]
    found = _split_glued(text, run, names)
    if found is None and cell_role(names[0].group()) == "planned_opening":
        found = _split_glued(text, run, names[1:])
    return found or []


def _split_glued(text: str, run: re.Match, names: list[re.Match]) -> list[Figure] | None:
    """The figures of one reading of glued digits under ``names`` (ending with the rate's), or None."""
    roles = [cell_role(name.group()) for name in names]
    planned = [i for i, role in enumerate(roles) if role in PLANNED]
    spent = [i for i, role in enumerate(roles) if role == "executed"]
    if (
        not planned
        or len(spent) != 1
        or any(role is not None for role in roles if role not in (*PLANNED, "executed", "rate"))
    ):
        return None
    weights = [i for i, name in enumerate(names) if _is_weight(name.group())]
    digits, start = run.group("glued")[:-1], run.start("glued")
    if len(digits) > _MAX_GLUED_DIGITS or math.comb(len(digits) - 1, len(roles) - 1) > _MAX_GLUED_SPLITS:
        return None
    splits = []
    for cuts in itertools.combinations(range(1, len(digits)), len(roles) - 1):
        bounds = (0, *cuts, len(digits))
        parts = [digits[a:b] for a, b in itertools.pairwise(bounds)]
        if not all(_NUMBER.fullmatch(part) for part in parts):
            continue
        values = [float(part) for part in parts]
        budget, executed, rate = values[planned[-1]], values[spent[0]], values[-1]  # 全年预算数 after 年初预算数
        decimals = _decimals(parts[-1])  # a rate is rounded to the decimals it is written with
        if any(not 0 < values[i] <= _MAX_WEIGHT for i in weights):
            continue
        if budget > 0 and rate > 0 and abs(executed / budget * 100 - rate) <= 0.5 / 10**decimals:
            splits.append((values, bounds[1:], {_decimals(parts[i]) for i in (*planned, spent[0])}))
    if len(splits) > 1:
        # 2456.182456.182456.18…: a form writes its amounts alike (to the fen), not 2456.1 | 82456.1 | 82456.18
        splits = [split for split in splits if len(split[2]) == 1 and max(split[2]) <= _AMOUNT_DECIMALS]
    if len(splits) != 1:
        return None
    values, ends, _ = splits[0]
    ends = [start + end for end in ends[:-1]] + [run.end("glued")]  # the rate's figure keeps its %
    return [
        Figure(role, value, name.start(), end, "")
        for role, value, name, end in zip(roles, values, names, ends, strict=True)
        if role is not None
    ]


_MAX_WEIGHT = 100  # a column's points (分值) out of a form's 100
_AMOUNT_DECIMALS = 2  # an amount in 万元 or 元 written to the fen at most, when its splits must be told apart


def _decimals(number: str) -> int:
    return len(number.partition(".")[2])


def _is_weight(label: str) -> bool:
    """Does a header label name a column of points (分值(10分)), not a figure of the budget?"""
    return any(word in cell_label(label) for word in vocabulary("budget")["table"]["weight"])
