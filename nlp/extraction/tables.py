"""Indicator tables (绩效自评表) of any layout → indicators, budget and the year's goal.

Columns are found by their header text, not by position, so the Sichuan layout of
the seeds, tables with 分值/得分/偏差原因 columns and tables whose 一级 labels
carry points (``产出指标(50分)``) read the same way. Rows shorter than the header
are aligned right (merged label columns on the left are what converters drop);
empty 一级/二级 cells carry the row above forward (merged cells); a value where
the 三级指标 name belongs is swapped back and the repair recorded.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from functools import cache

from nlp.extraction.budget import table_budget
from nlp.extraction.indicators import dimension_of, implied_level1, level1_group, points_in_label, strip_points
from nlp.text.blocks import Block, Cell
from nlp.text.document import Indicator
from nlp.text.normalize import ENUMERATION_START
from nlp.text.values import LEADING_COMPARATOR, parse_result, parse_value
from nlp.text.vocabulary import (
    abbreviated_header_roles,
    column_role,
    column_role_and_rank,
    header_roles,
    is_budget_label,
    is_subtotal_label,
    level_of_label,
    marker,
    row_label,
    row_marker,
    scoring_roles,
    total_row_words,
    vocabulary,
)

_LABEL_END = re.compile(r"[:：(（\s]")
_GOAL_HEADER = re.compile(r"预期目标|年度目标")
_GOAL_ACTUAL = re.compile(r"实际完成情况|完成情况")


@dataclass
class TableReading:
    indicators: list[Indicator] = field(default_factory=list)
    planned: float | None = None
    executed: float | None = None
    rate: float | None = None
    goal_expected: Cell | None = None
    goal_actual: Cell | None = None
    total_points: float | None = None  # a 总分/合计 row's points: the claimed score
    budget_of_tasks: bool = False  # planned/executed are a task list's total (年度主要任务 | … | 预算数 | 执行数)
    level1_weights: dict[str, float] = field(default_factory=dict)  # from labels such as 产出指标(50分)


def _header_roles(row: list[Cell]) -> dict[str, int] | None:
    """Role → column of an indicator header row (the first column of each role), by the vocabulary."""
    texts = [cell.text for cell in row]
    roles = header_roles(texts) or abbreviated_header_roles(texts)
    if roles is None:
        return _scoring_columns(texts)
    columns: dict[str, int] = {}
    ranks: dict[str, tuple[int, int]] = {}
    # a value's column stands right of the indicator's labels: one left of them is a caption spanning the
    # rows below (年度绩效目标(80分) | 一级指标 | … | 年初目标值)
    labels = min((k for k, role in enumerate(roles) if role in ("level1", "level2", "name")), default=0)
    for index, role in enumerate(roles):
        if role is None or (index < labels and role not in ("level1", "level2", "name")):
            continue
        # of two columns with one role, the more typical keyword, then the shorter header, is the column
        # (三级指标 over 绩效指标, and over 年度绩效指标完成情况)
        found = column_role_and_rank(row[index].text)  # none for an abbreviated header's word (得)
        rank = (found[1] if found else 0, len(row[index].text))
        if role not in columns or rank < ranks[role]:
            columns[role], ranks[role] = index, rank
    if "target" in columns and "actual" not in columns and _states_scoring_rule(row[columns["target"]].text):
        del columns["target"]  # a 评分表's 评分标准 (达标得满分, 按比例得分) beside no actual: how it scores, no target
    return columns


def _states_scoring_rule(header: str) -> bool:
    """Does a header name the rule a row is scored by (评分标准, 评价标准), not a target?"""
    return "".join(header.split()) in vocabulary("tables")["scoring_rules"]["headers"]


def _scoring_columns(texts: list[str]) -> dict[str, int] | None:
    """Role → column of a 评分表 header (a 分值 after each level): the 分值 that follows the 三级 name is its weight."""
    roles = scoring_roles(texts)
    if roles is None:
        return None
    columns = {role: roles.index(role) for role in set(roles) if role is not None}
    columns["weight"] = next((k for k in range(columns["name"], len(roles)) if roles[k] == "weight"), columns["weight"])
    return columns


def _number(text: str) -> float | None:
    value = parse_value(text)
    return value.value if value.kind in ("number", "money", "percent") else None


def _labelled_numbers(rows: list[list[Cell]], reading: TableReading) -> None:
    """Budget figures and a stated self-score of the form part: the rows above the indicator header.

    Below it, a 评分表's 预算执行率 row states an indicator's weight and target, not the budget.
    """
    end = next((r for r, row in enumerate(rows) if _header_roles(row)), len(rows))
    budget, score, reading.budget_of_tasks = table_budget([[cell.text for cell in row] for row in rows[:end]])
    reading.planned, reading.executed, reading.rate = budget.planned, budget.executed, budget.rate
    reading.total_points = score


def _goal(rows: list[list[Cell]], reading: TableReading) -> None:
    for r, row in enumerate(rows[:-1]):
        texts = [c.text for c in row]
        if any(_GOAL_HEADER.search(t) for t in texts) and any(_GOAL_ACTUAL.search(t) for t in texts):
            values = [c for c in rows[r + 1] if c.text]
            if len(values) >= 2:
                reading.goal_expected, reading.goal_actual = values[-2], values[-1]
            elif len(values) == 1:
                reading.goal_expected = values[0]
                # seed 004 splits the row: the actual stands alone on the next row
                following = rows[r + 2] if r + 2 < len(rows) else []
                if len([c for c in following if c.text]) == 1:
                    reading.goal_actual = next(c for c in following if c.text)
            return


_BARE_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_LEADING_COMPARATOR = re.compile(f"^\\s*(?:{LEADING_COMPARATOR})")
_COMPARATOR_NATURE = re.compile(r"^(?:[≥≤><=＞＜≧≦﹦＝]|大于等于|小于等于|大于|小于|等于)$")


def _with_nature_and_unit(value: str, nature: Cell | None, unit: Cell | None) -> str:
    """The newer template splits a target over 指标性质 (≥) | 指标值 (200) | 度量单位 (人次): one value again."""
    if not value:
        return value
    if unit is not None and unit.text and _BARE_NUMBER.match(_LEADING_COMPARATOR.sub("", value).strip()):
        value += unit.text  # 42 | 条 and ≥42 | 条 alike
    if nature is not None and _COMPARATOR_NATURE.match(nature.text) and not _COMPARATOR_NATURE.match(value[:1]):
        value = nature.text + value
    return value


_NAME_UNIT = re.compile(r"[(（]\s*([^()（）\d]{1,4})\s*[)）]\s*$")


def _unit_of_name(name: Cell | None) -> Cell | None:
    """The unit a 三级指标 name states at its end (培训人数(人次), 增收(元)) for its bare figures, as a unit cell."""
    found = _NAME_UNIT.search(name.text) if name is not None else None
    if found is None or parse_value("1" + found.group(1)).unit is None:
        return None
    return Cell(name.row, name.col, name.start, name.end, found.group(1))


_UNIT_CELL = re.compile(r"(?:%|‰|[\u4e00-\u9fff]{1,3}|[A-Za-z²³㎡]{1,3})(?:[(（][^()（）]{1,6}[)）])?")


def _spanned_target(row: list[Cell | None], header: list[Cell], column: int | None) -> str | None:
    """A target written over sub-columns its header spans, left empty (年度指标值 over ≥ | 200 | 人次): one value.

    None unless the target cell is a bare comparator and the empty-headed cell after it a figure.
    """
    if column is None or column + 1 >= min(len(row), len(header)) or header[column + 1].text:
        return None
    parts = [row[column], row[column + 1]]
    if any(c is None for c in parts) or not _COMPARATOR_NATURE.match(parts[0].text):
        return None
    if not _BARE_NUMBER.match(parts[1].text):
        return None
    unit = row[column + 2] if column + 2 < min(len(row), len(header)) and not header[column + 2].text else None
    if unit is not None and _UNIT_CELL.fullmatch(unit.text):
        parts.append(unit)
    return "".join(c.text for c in parts)


_FULL_MARKS = vocabulary("budget")["scores"]["full_marks"]  # a form's points out of 100


def _total_points(row: list[Cell], roles: dict[str, int], indicators: list[Indicator]) -> float | None:
    """The points of a 总分/合计 row: in the 得分 column, or the second of its two numbers (分值, 得分).

    Converters pack a merged row's cells to the left (总分 | 100 | 96.76). A table whose
    rows give no points has an unfilled 得分 column: its total is the weights' sum.
    """
    points, weight = roles.get("points"), roles.get("weight")
    totals = vocabulary("budget")["table"]["score_totals"]
    if not any(strip_points(cell.text.strip()).rstrip(":：") in totals for cell in row):  # 总分(100分) too
        return None  # 总分馆制覆盖… opens an indicator row run into the table's end
    if points is None or all(indicator.points is None for indicator in indicators):
        return _claimed_in_row(row)  # 自评得分 | 100 | 91.6 under a table scoring no rows
    if points < len(row) and _number(row[points].text) is not None:
        return _number(row[points].text)
    numbers = [number for cell in row[1:] if (number := _number(cell.text)) is not None]
    if len(numbers) == 1:
        # 总分 | 71.7 is the score; beside a 分值 column, full marks or the weights' sum is the 分值 total (合计 | 100)
        weights = sum(indicator.weight or 0 for indicator in indicators)
        return None if weight is not None and numbers[0] in (weights, _FULL_MARKS) else numbers[0]
    return numbers[1] if weight is not None and weight < points and len(numbers) == 2 else None


def _claimed_in_row(row: list[Cell]) -> float | None:
    """The score a row labelled with a claimed score's label states (自评得分 | 91.6; 自评得分 | 100 | 91.6: full marks,
    then the score), whatever the columns above it; None for a total's label (总分 | 100 may sum weights)."""
    label = strip_points(next((cell.text for cell in row if cell.text), "").strip()).rstrip(":：")
    if label not in vocabulary("budget")["table"]["score"]:
        return None
    numbers = [number for cell in row[1:] if (number := _number(cell.text)) is not None]
    if len(numbers) == 2 and numbers[0] == _FULL_MARKS:
        return numbers[1]
    return numbers[0] if len(numbers) == 1 else None


# A cell that opens with its number (170次, ≥95%): only such a name is a value in the wrong column, not a
# name with a count inside it (完成“两个清单”编制).
_VALUE_FIRST = re.compile(r"^\s*(?:[≥≤><=＞＜≧≦约]\s*)?\d")


def _is_value(text: str) -> bool:
    return bool(text) and parse_value(text).kind != "text"


_DITTO = {"〃", '"', "同上", "…", "……"}  # "as above": the merged label of the row before


def _own_label(cell: Cell | None) -> str:
    """A row's own 一级/二级 label; a ditto mark repeats the one above, as an empty merged cell does."""
    text = cell.text if cell is not None else ""
    return "" if text in _DITTO else text


def _own_name(cell: Cell | None) -> str:
    """A row's 三级 name without the form's own row number (指标1工程完工率) or its list's (1、甲项, 二、乙项); a
    number or an ellipsis alone (a template row left unfilled: 指标2, ……) names nothing."""
    text = cell.text if cell is not None else ""
    numbered = row_marker().match(text) or _LIST_NUMBER.match(text)
    if numbered is not None:
        text = text[numbered.end() :].strip()
    return "" if not text.strip("…. ") else text


# A list's number opening a name (1、水稻侧深施肥, 二、田间试验, (3)甲项): before a word, never a figure's digits.
_LIST_NUMBER = re.compile(
    rf"^\s*(?:{marker('cn', ends='、')}|{marker('ar', ends='、')}|{marker('par')}|{marker('pcn')})"
    r"\s*(?=[\u4e00-\u9fff])"
)


def _shifted_to_its_labels(row: list[Cell | None], roles: dict[str, int]) -> list[Cell | None]:
    """A row that lost a merged cell on its left and kept empty ones on its right, moved back under its header.

    Its first 一级/二级 label shows where it belongs: ``产出指标 | 经济成本指标 | 成本控制数 …`` under
    ``绩效指标 | 一级指标 | 二级指标 | 三级指标 …`` moves one column right.
    """
    first = next(
        ((i, level) for i, c in enumerate(row[:3]) if c is not None and (level := level_of_label(c.text)) is not None),
        None,
    )
    if first is None:
        return row
    position, level = first
    if level == 0:  # a label of either level (成本指标): 一级 over a 二级 label or cell, else the 二级 of its name
        following = row[position + 1] if position + 1 < len(row) else None
        label = _HAN_SPACE.sub("", following.text) if following is not None else ""
        # an empty 二级 cell, a 二级 label, or any other label of indicators (群众满意度 指标)
        level = 1 if not label or _level(label) is not None or label.endswith("指标") else 2
    expected = roles.get("level2" if level == 2 else "level1")
    if expected is None or expected <= position:
        return row
    shift = expected - position
    if any(c is not None and c.text for c in row[len(row) - shift :]):
        return row  # nothing empty on the right to make room: not a lost cell
    return [None] * shift + row[: len(row) - shift]


_PLACED_ROLES = ("weight", "target", "actual", "points")
_MIN_PLACED_VALUES = 2  # a target and an actual
_REASON_CELL = re.compile(r"^(?:[-—–－―_/]+|.+[。.])$")


def _placed_by_kind(row: list[Cell | None], roles: dict[str, int]) -> list[Cell | None]:
    """A padded row that lost its merged cells on the left, its cells put under their columns by what they are.

    Pages padded to the table's width keep such a row left (``其中甲项 | 5亩 | 5亩 | | |``), so
    neither alignment finds it: when its first cell is a name (no label, no value) standing left
    of the name column, and the name column holds a value or nothing, the name moves under the
    name column and its values under the value columns, all of them (分值 a bare number) or,
    when there are two, the target and the actual.
    """
    name_column = roles.get("name")
    present = [(i, c) for i, c in enumerate(row) if c is not None and c.text]
    if name_column is None or not present or present[0][0] >= name_column or name_column >= len(row):
        return row
    first = present[0][1].text
    if first in _DITTO or _is_value(_own_name(present[0][1])) or level_of_label(first) is not None:
        return row
    held = row[name_column]
    if held is not None and held.text and not _is_value(held.text) and not _REASON_CELL.match(held.text):
        return row  # the name column holds a name, not a reason (a dash, or a sentence: 方案待审核，将尽快实施。)
    values = [c for _, c in present[1:]]
    while len(values) > _MIN_PLACED_VALUES and not _is_value(values[-1].text):
        values.pop()  # the row's reason after its values (——, 方案待审核): no value to place
    columns = sorted(roles[role] for role in _PLACED_ROLES if roles.get(role, -1) > name_column)
    figures = {roles.get("weight"), roles.get("points")}
    if len(values) != len(columns) or any(
        column in figures and not _BARE_NUMBER.match(cell.text) for column, cell in zip(columns, values, strict=False)
    ):
        if len(values) != 2 or "target" not in roles or "actual" not in roles:
            return row
        columns = [roles["target"], roles["actual"]]
    if max(columns, default=0) >= len(row):
        return row
    placed: list[Cell | None] = [None] * len(row)
    placed[name_column] = present[0][1]
    for column, cell in zip(columns, values, strict=True):
        placed[column] = cell
    return placed


_MIN_NAME_WORDS = 4  # characters of words after the figure a name opens with (12315 投诉举报按期办结率)


def _names_its_row(text: str) -> bool:
    """Words naming an indicator, though a figure opens them (12315投诉举报按期办结率): a bare number with no unit,
    words after it; not a value (24小时内响应, 2023年12月31日前完成, 95%以上)."""
    if not _is_value(text):
        return True
    value = parse_value(text)
    words = len(_HAN_CHAR.findall(text))
    return text[:1].isdigit() and value.kind == "number" and value.unit is None and words >= _MIN_NAME_WORDS


def _anchored_at_name(row: list[Cell], width: int, roles: dict[str, int]) -> list[Cell | None] | None:
    """A short row whose name right alignment would put outside the name column, placed with its name there.

    A row that lost both a merged label on its left and an empty reason cell on its right
    (``质量指标 | 覆盖率 | ≥ | 100 | % | 100% | 10 | 10``) is one column off either way; its labels before
    the name and its values after it say where it stands. None when right alignment already fits.
    """
    name_column = roles.get("name")
    if name_column is None or len(row) >= width:
        return None
    name = next(
        (
            k
            for k, cell in enumerate(row)
            if cell.text and cell.text not in _DITTO and _level(cell.text) is None and _names_its_row(_own_name(cell))
        ),
        None,
    )
    if name is None or any(not cell.text for cell in row[:name]):
        return None
    offset = name_column - name
    if offset == width - len(row) or offset < 0 or offset + len(row) > width:
        return None
    return [*[None] * offset, *row, *[None] * (width - len(row) - offset)]


def _aligned(row: list[Cell], width: int, roles: dict[str, int]) -> list[Cell | None]:
    """A row under its header: a shorter row is aligned right (converters drop merged label cells on the left).

    A short row that opens with a 一级/二级 label and is cut off on the right (the page ends
    inside it) is aligned left instead, where right alignment would put that label outside
    the label columns (it is then moved under its label's column).
    """
    if len(row) > width:
        return list(row[-width:])
    right: list[Cell | None] = [None] * (width - len(row)) + list(row)
    anchored = _anchored_at_name(row, width, roles)
    if anchored is not None:
        return anchored
    first = next((i for i, cell in enumerate(row) if cell.text), None)
    label_columns = {roles[role] for role in ("level1", "level2") if role in roles}
    if first is None or len(row) == width or level_of_label(row[first].text) is None:
        return right
    if first + width - len(row) not in label_columns:
        return [*row, *[None] * (width - len(row))]  # _shifted_to_its_labels moves it under its label's column
    return right


def _without_its_name(row: list[Cell | None], roles: dict[str, int]) -> tuple[list[Cell | None], bool]:
    """A 二级 row with no 三级 cell (满意度 | 群众满意度 | 10 | ≥95% | 96% | 10 |): its values moved back one column.

    Its 分值 (a bare number) stands in the name column, the column before 分值, and the last
    column is empty; the 二级 label is then the indicator's name (True).
    """
    name, level2 = roles.get("name"), roles.get("level2")
    if name is None or level2 is None or name != level2 + 1 or name >= len(row) - 1:
        return row, False
    label, cell, last = row[level2], row[name], row[-1]
    if label is None or not label.text or cell is None or (last is not None and last.text):
        return row, False
    if not _BARE_NUMBER.match(cell.text) or roles.get("weight") != name + 1:
        return row, False  # only the 分值 that belongs beside the name, not a name opening with a date
    return [*row[:name], None, *row[name:-1]], True


def _heads(labels: list[Cell | None], following: list[Cell], width: int, roles: dict[str, int]) -> bool:
    """Is a row of labels only the heading of the row below (满意度指标(10分), then 满意度指标 | 满意度 | …)?

    It is when the row below names an indicator and repeats this row's labels or leaves them
    empty; a label row followed by another label of its level is a dimension left blank.
    """
    below = _placed_by_kind(_shifted_to_its_labels(_aligned(following, width, roles), roles), roles)
    name = roles.get("name")
    if name is None or not _own_name(below[name]) or level_of_label(below[name].text) is not None:
        return False
    for role in ("level1", "level2"):
        column = roles.get(role)
        if column is None:
            continue
        own, next_own = _own_label(labels[column]), _own_label(below[column])
        if own and next_own and strip_points(own) != strip_points(next_own):
            return False
    return True


def _sub_header(row: list[Cell]) -> bool:
    """A header's second row naming sub-columns (符号 | 单项得分 | 权重占比): header words, no figure, no label."""
    texts = [c.text for c in row if c.text]
    if any(_is_value(text) or level_of_label(text) is not None for text in texts):
        return False
    return sum(column_role(text) is not None for text in texts) >= 2


_MIN_SPACED_HEADER_WORDS = 3


def _spaced_header(cell: Cell) -> bool:
    """A header written into one cell, its words spaced (三级指标 指标解释 绩效目标值 实际完成值 …): no indicator."""
    words = cell.text.split()
    return len(words) >= _MIN_SPACED_HEADER_WORDS and all(column_role(word) is not None for word in words)


def _only_values(row: list[Cell]) -> bool:
    """A row holding figures and nothing else (15 | 6 | 8.0 | |): no label, no name."""
    texts = [cell.text for cell in row if cell.text]
    return bool(texts) and all(
        _BARE_NUMBER.match(text) or (_VALUE_FIRST.match(text) and _is_value(text)) for text in texts
    )


def _rejoined(body: list[list[Cell]], roles: dict[str, int], width: int) -> list[list[Cell]]:
    """Rows broken after their name (a cell's line break split the row): the row of figures below is its values.

    ``产出指标 | 数量指标 | 培训人数 |`` then ``15 | 12 | 8.0 | |`` is one row. Only a row with a name and no
    value is continued, by a row of figures that fits the value columns after its name.
    """
    value_columns = [column for role, column in roles.items() if role in _PLACED_ROLES or role == "reason"]
    joined: list[list[Cell]] = []
    for row in body:
        previous = joined[-1] if joined else None
        filled = [cell for cell in previous if cell.text] if previous else []
        if (
            previous is not None
            and filled
            and _only_values(row)
            and not any(_is_value(cell.text) for cell in filled)
            and not row_label(filled[0].text)
            and len([cell for cell in row if cell.text]) <= len(value_columns)
        ):
            last = max(k for k, cell in enumerate(previous) if cell.text)
            merged = [*previous[: last + 1], *row]
            while len(merged) > width and not merged[-1].text:
                merged.pop()
            joined[-1] = merged
            continue
        joined.append(row)
    return joined


def _leading_labels(row: list[Cell]) -> tuple[list[str], list[Cell]]:
    """A row's 一级/二级 labels standing before its name in a table whose header has no label columns, and the
    rest of the row (质量指标 | 工程完工率 | 100% | 100% under 三级指标 | 年度指标值 | 全年完成值 | 原因).

    A label spelled one character a cell (产 | 出 | 指 | 标) is one label.
    """
    texts = [cell.text for cell in row if cell.text]
    if len(texts) > 1 and all(len(text) == 1 for text in texts) and level_of_label("".join(texts)) is not None:
        return ["".join(texts)], []
    first = next((k for k, cell in enumerate(row) if cell.text and level_of_label(cell.text) is None), len(row))
    named = max((k for k in range(first) if row[k].text), default=None)
    tails = tuple(vocabulary("tables")["rows"]["label_tails"])
    if named is not None and first < len(row) and _is_value(row[first].text) and not row[named].text.endswith(tails):
        # an indicator's own label right before the row's values is its name (群众满意度 | ≥95% | 99%), not a
        # dimension's (时效指标 | 2020年): the labels before it are the row's
        first = named
    labels = [cell.text for cell in row[:first] if cell.text]
    return (labels, row[first:]) if labels else ([], row)


def _subtotal_row(row: list[Cell], roles: dict[str, int]) -> bool:
    """A group's subtotal (小计 | … | 40 | 40, 产出指标 | 小计 | … | 40): 小计 in its first cell or a label's or
    name's cell."""
    first = next((cell.text for cell in row if cell.text), "")
    cells = [roles[role] for role in ("level1", "level2", "name") if role in roles]
    return is_subtotal_label(first) or any(i < len(row) and is_subtotal_label(row[i].text) for i in cells)


def _indicator_rows(rows: list[list[Cell]], header: int, roles: dict[str, int], reading: TableReading) -> None:
    width = len(rows[header])
    level1 = level2 = None
    body = _rejoined(rows[header + 1 :], roles, width)
    unlabelled = "level1" not in roles and "level2" not in roles
    for position, row in enumerate(body):
        group = _group_row(row, level1)
        if (
            group is not None
        ):  # 产出指标—数量指标, 一、产出指标, (一)数量指标 alone on a row: the labels of the rows under it
            level1, level2 = group
            continue
        labels: list[str] = []
        if unlabelled:
            labels, row = _leading_labels(row)
            for label in labels:
                if level_of_label(label) == 1:
                    level1, level2 = strip_points(label), None
                else:
                    level2 = label
            if not any(cell.text for cell in row):
                continue
        # a row whose first cell is a closing or signature label (总分, 存在问题, 填报人：…) ends the
        # indicator part; 总分馆制覆盖… is an actual, not a label
        first = _LABEL_END.split(next((c.text for c in row if c.text), ""), maxsplit=1)[0]
        if row_label(first) in ("closing", "signature"):
            total = _total_points(row, roles, reading.indicators)
            if total is not None:
                reading.total_points = total
            break
        if _header_roles(row) or _sub_header(row) or any(map(_spaced_header, row)) or _subtotal_row(row, roles):
            continue
        if "index" not in roles and first.strip() in vocabulary("tables")["columns"]["index"]:
            break  # 序号 | 学校性质 | 培训机构 …: the header of another table run into this one
        if labels:  # what follows the labels starts at the name: its columns in the header's order
            start = roles.get("name", 0)
            aligned = [*[None] * start, *row[: width - start], *[None] * (width - start - len(row))]
        else:
            aligned = _placed_by_kind(_shifted_to_its_labels(_aligned(row, width, roles), roles), roles)
        aligned, named_by_level2 = _without_its_name(aligned, roles)

        def cell(role: str, aligned: list[Cell | None] = aligned) -> Cell | None:
            index = roles.get(role)
            return aligned[index] if index is not None and index < len(aligned) else None

        own_level1 = _own_label(cell("level1"))
        own_level2 = _own_label(cell("level2"))
        if own_level1:
            if strip_points(own_level1) != level1:
                level2 = None  # a 二级 label belongs to its 一级: the next 一级 does not carry it
            level1 = strip_points(own_level1)
            weight = points_in_label(own_level1)
            if weight is not None:
                reading.level1_weights[level1] = weight
        if own_level2:
            level2 = own_level2
        name_cell, target_cell, actual_cell = cell("name"), cell("target"), cell("actual")
        name = _own_name(name_cell)
        if named_by_level2:
            name = own_level2
        unit = cell("unit") or _unit_of_name(name_cell)
        target = _with_nature_and_unit(target_cell.text if target_cell else "", cell("nature"), unit)
        target = _spanned_target(aligned, rows[header], roles.get("target")) or target
        actual = _with_nature_and_unit(actual_cell.text if actual_cell else "", None, unit)
        if not (own_level1 or own_level2 or name or target or actual):
            continue
        if not (own_level1 or own_level2) and _BARE_NUMBER.match(name):
            continue  # a row's 分值 and 得分 broken onto a line of their own: no indicator is named by a number
        if not (target or actual) and name and not strip_points(name):
            continue  # (50分): a 一级 label's points broken onto a line of their own, under the name's column
        if not (own_level1 or own_level2 or target or actual) and level_of_label(name) == 1:
            level1, level2 = strip_points(name), None  # a 一级 label wrapped onto lines of its own (效益 ⏎ 指标)
            continue
        following = body[position + 1] if position + 1 < len(body) else None
        if not (name or target or actual) and following and _heads(aligned, following, width, roles):
            continue
        repaired = None
        if _VALUE_FIRST.match(name) and _is_value(name) and not _is_value(target) and target:
            name, target = target, name  # seed 004: 170次 where the 三级指标 belongs
            repaired = "三级指标与预期指标值的值和名称互换"
        dimension = dimension_of(level2, name)
        row_level1 = level1
        inferred = implied_level1(dimension)
        if not own_level1 and inferred and level1_group(level1, dimension) != inferred:
            row_level1 = inferred  # the carried-forward 一级 contradicts the 二级 (004: 社会效益指标 under 完成指标)
        present = [c for c in aligned if c is not None and c.text] or [c for c in row if c is not None]
        reason_cell = cell("reason")
        aimed = parse_value(target) if target else None
        reading.indicators.append(
            Indicator(
                dimension=dimension,
                level1=row_level1,
                level2=level2,
                name=name or None,
                target=aimed,
                actual=parse_result(actual, aimed) if actual else None,
                weight=_number(cell("weight").text) if cell("weight") is not None else None,
                points=_number(cell("points").text) if cell("points") is not None else None,
                source="table",
                start=present[0].start,
                end=present[-1].end,
                repaired=repaired,
                reason=reason_cell.text if reason_cell is not None and reason_cell.text else None,
            )
        )


_GROUP_DASH = re.compile(r"\s*[—–－-]+\s*")


def _group_row(row: list[Cell], level1: str | None) -> tuple[str | None, str | None] | None:
    """The 一级 and 二级 labels a row of one cell names for the rows under it, or None: both (产出指标—数量指标), or
    one numbered as a heading in a form without 一级/二级 columns (一、产出指标: a 一级; (一)数量指标: a 二级 under
    ``level1``)."""
    filled = [cell.text.strip() for cell in row if cell.text.strip()]
    if len(filled) != 1:
        return None
    parts = _GROUP_DASH.split(filled[0])
    if len(parts) == 2:
        if level_of_label(parts[0]) not in (0, 1) or level_of_label(parts[1]) not in (0, 2):
            return None
        return strip_points(parts[0]), parts[1]
    if not ENUMERATION_START.match(filled[0]):
        return None
    label = ENUMERATION_START.sub("", filled[0], count=1).strip()
    level = level_of_label(strip_points(label))
    if level == 0:  # a label of either level (成本指标, 满意度指标): 一、 heads a 一级, (一) a 二级
        level = 2 if filled[0].lstrip().startswith(("(", "（")) else 1
    return {1: (strip_points(label), None), 2: (level1, label)}.get(level)


# A header cell over several columns of the row below it: 绩效指标 over 一级/二级/三级指标, 年度指标值
# over 指标性质/指标值/度量单位 (the role of the spanning cell → the roles of the cells it spans).
_SPANNED_ROLES = {
    "name": frozenset({"level1", "level2", "name"}),
    "target": frozenset({"nature", "target", "unit"}),
    "points": frozenset({"weight", "points"}),  # 评分 over 分值 | 得分
}


_SPANNED_VALUES = frozenset({"target", "actual"})  # the sub-columns under a merged 指标值 or 指标完成情况


def _names_labels(row: list[Cell]) -> bool:
    """A header's lower row that names only the label columns (一级指标 | 二级指标 | 三级指标 under 绩效指标)."""
    roles = [column_role(cell.text) for cell in row if cell.text]
    return len(roles) >= 2 and all(role in _SPANNED_ROLES["name"] for role in roles)


def _two_row_header(upper: list[Cell], lower: list[Cell]) -> list[Cell] | None:
    """The one header of a header written over two rows, or None when ``lower`` does not split ``upper``'s cells.

    Converters pack both rows to the left, so ``lower``'s cells are matched in order to the
    ``upper`` cells they stand under: each spanning cell takes the run of lower cells of its
    group; every other upper cell stands for itself (实际完成值, 分值 … written once over both rows).
    """
    spans = _spans(upper, lower)
    upper_cells = [cell for cell in upper if cell.text]
    lower_cells = [cell for cell in lower if cell.text]
    lower_roles = [column_role(cell.text) for cell in lower_cells]
    merged: list[Cell] = []
    position = 0
    spanned = False
    for cell in upper_cells:
        group = _SPANNED_ROLES.get(column_role(cell.text) or "", frozenset())
        most = len(lower_cells)
        if spans.get(id(cell), 1) >= 2:  # a merged cell (a Word table's 指标值 over 年度指标值 | 实际完成值)
            group, most = group | _SPANNED_VALUES, min(most, position + spans[id(cell)])
        run = position
        while run < most and lower_roles[run] in group:
            run += 1
        if run - position >= 2:
            merged += lower_cells[position:run]
            spanned, position = True, run
        else:
            merged.append(cell)
    if not spanned or position < len(lower_cells):
        return None
    last = merged[-1]
    return merged + [Cell(last.row, col, last.end, last.end, "") for col in range(len(merged), len(lower))]


def _spans(upper: list[Cell], lower: list[Cell]) -> dict[int, int]:
    """How many columns each upper header cell spans (by id): its colspan where the format keeps one, else itself
    and the empty upper cells right after it that stand over named lower cells, in rows as wide as each other (a
    pipe table's ``| 指标值 | |`` over ``| 年度指标值 | 实际完成值 |``)."""
    spans = {id(cell): cell.colspan for cell in upper}
    if len(upper) != len(lower):
        return spans
    for k, cell in enumerate(upper):
        if not cell.text or cell.colspan > 1 or not lower[k].text:
            continue
        end = k + 1
        while end < len(upper) and not upper[end].text and lower[end].text:
            end += 1
        spans[id(cell)] = end - k
    return spans


def _any_spanning(upper: list[Cell], lower: list[Cell]) -> bool:
    """Does a header cell span columns the row below names (a merged 指标值 over 年度指标值 | 实际完成值)?"""
    return any(span >= 2 for span in _spans(upper, lower).values())


def _broken_header(upper: list[Cell], lower: list[Cell]) -> list[Cell] | None:
    """A header whose cells' words a page broke over two rows (年度 / 指标值, 实际 / 完成值, 未完成原因和 /
    改进措施), joined again.

    ``lower`` holds only the words' second halves, packed to the left: each, in order, completes the next
    ``upper`` cell that is a fragment and makes a keyword with it: a more typical one after a fragment of no
    keyword or of two characters, any one after a cell cut at a joiner (和, 及); None when ``lower`` is no such
    row or a half is left over.
    """
    halves = [cell for cell in lower if cell.text]
    if not halves or any(_is_value(c.text) or level_of_label(c.text) is not None for c in halves):
        return None
    joined = list(upper)
    position = 0
    for index, cell in enumerate(upper):
        if position == len(halves) or not cell.text:
            continue
        whole = cell.text + halves[position].text
        if column_role(whole) is None:
            continue
        cut = cell.text.endswith(_HEADER_JOINERS)  # a cell can never end at 和: its words go on below
        # a keyword's first half: no keyword at all, or a short and weak one (实际, not 指标)
        fragment = column_role(cell.text) is None or (len(cell.text) <= _FRAGMENT_CHARS and _rank(cell.text) > 0)
        if cut or (fragment and _rank(whole) < _rank(cell.text)):
            joined[index] = Cell(cell.row, cell.col, cell.start, cell.end, whole)  # the upper half's own span
            position += 1
    return joined if position == len(halves) else None


_FRAGMENT_CHARS = 2  # 实际 of 实际完成值: a keyword's first half, weaker alone
_HEADER_JOINERS = ("和", "及", "与", "、")


def _rank(text: str) -> float:
    """How typical a header keyword is (0 most); a text that is none ranks last."""
    found = column_role_and_rank(text)
    return found[1] if found is not None else math.inf


_HAN_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def _level(text: str) -> int | None:
    """The level of a 一级/二级 label, also when it kept its merged cell's line break as a space (经济效益 指标)."""
    return level_of_label(_HAN_SPACE.sub("", text))


_MIN_INNER_HEADER = 4  # header cells in a row among other cells before a run of them is taken for the header


def _header_run(row: list[Cell]) -> tuple[int, int] | None:
    """The longest run of header cells (三级指标, 指标值 …) in a row, as (start, end) of its cells."""
    best: tuple[int, int] | None = None
    start = None
    for k, cell in enumerate([*row, None]):
        is_header = cell is not None and column_role(cell.text) is not None and level_of_label(cell.text) is None
        if is_header and start is None:
            start = k
        elif not is_header and start is not None:
            if best is None or k - start > best[1] - best[0]:
                best = (start, k)
            start = None
    return best


def _unflattened(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Rows where a converter ran the form part, the header and the first indicator row into one row, apart again.

    The header is the row's longest run of header cells (4 or more) followed by a cell that opens an indicator
    row (a 一级/二级 label); when its roles start again at a name column (绩效指标 | 指标值 | 分值 then
    一级指标 | 二级指标 | 三级指标 | 指标性质 …) it is a header of two rows, given back as two.
    """
    result: list[list[Cell]] = []
    for row in rows:
        cells = [cell for cell in row if cell.text]
        found = _header_run(cells)
        if found is None or found[1] - found[0] < _MIN_INNER_HEADER or found[1] == len(cells):
            result.append(row)
            continue
        start, end = found
        if _level(cells[end].text) is None:
            result.append(row)  # what follows the header is no indicator row opening with its label
            continue
        header = cells[start:end]
        roles = header_roles([cell.text for cell in header])
        if roles is None:
            result.append(row)
            continue
        restart = next(
            (
                k
                for k in range(1, len(roles))
                if roles[k] in ("level1", "level2", "name") and {"target", "actual"} & set(roles[:k])
            ),
            None,
        )
        parts = [header[:restart], header[restart:]] if restart is not None else [header]
        result += [part for part in (cells[:start], *parts, cells[end:]) if part]
    return result


_MIN_TURNED_ROWS = 3  # 指标名称, a target or actual, and one more field down the first column


def _turned_back(rows: list[list[Cell]]) -> tuple[list[list[Cell]], bool]:
    """A table turned sideways, its header down the first column (二级指标 / 指标名称 / 年度指标值 / 实际完成值 …)
    and one indicator a column, turned back: each run of rows whose first cells make a header becomes one row a
    column, a label spanning several columns (产出指标 over five) standing over the first of them. Rows above and
    below the run (a budget block, 分值合计, 自评总得分) stay as they are. Also whether any run was turned."""
    result: list[list[Cell]] = []
    turned = False
    index = 0
    while index < len(rows):
        end = index
        while end < len(rows) and rows[end] and _heads_a_turned_row(rows[end][0].text):
            end += 1
        if end - index < _MIN_TURNED_ROWS or header_roles([row[0].text for row in rows[index:end]]) is None:
            for row in rows[index : max(end, index + 1)]:  # the whole run at once: each row is looked at once
                if not (turned and row and _totals_a_turned_table(row[0].text)):
                    result.append(row)  # a turned table's 分值合计 and 自评总得分 are read as its form's labels
            index = max(end, index + 1)
            continue
        run = [_spread(row) for row in rows[index:end]]
        width = max(len(row) for row in run)
        for col in range(width):
            result.append([row[col] if col < len(row) else _empty_after(row[-1]) for row in run])
        index, turned = end, True
    return result, turned


def _heads_a_turned_row(text: str) -> bool:
    """A first cell naming a field of a sideways table's indicators, not its total (分值合计, 自评总得分)."""
    return column_role(text) is not None and not _totals_a_turned_table(text)


def _totals_a_turned_table(text: str) -> bool:
    return any(word in text for word in _total_row_words())


@cache
def _total_row_words() -> tuple[str, ...]:
    return (*total_row_words(), *vocabulary("budget")["table"]["score"])


def _spread(row: list[Cell]) -> list[Cell]:
    """A row with each cell spanning several columns followed by empty ones: one cell a column."""
    return [piece for cell in row for piece in (cell, *(_empty_after(cell) for _ in range(cell.colspan - 1)))]


def _without_repeated_headers(rows: list[list[Cell]]) -> list[list[Cell]]:
    """A table over two pages with its header printed again on the second: the repeated header dropped, and the row
    the page break cut left out (its cell's last word alone at the top of the next page, 2023年11月30 ⏎ 日: a word
    that is no row; the cell above keeps the offsets of what it holds)."""
    result: list[list[Cell]] = []
    seen: set[tuple[str, ...]] = set()
    after_repeat = False
    for row in rows:
        texts = tuple(cell.text for cell in row)
        if _header_roles(row) is not None:
            if texts in seen:
                after_repeat = True
                continue
            seen.add(texts)
        elif _opens_a_form(row):
            seen.clear()  # a second form stacked below the first (项目名称, its budget …) repeats its header rightly
        filled = [k for k, cell in enumerate(row) if cell.text]
        if after_repeat and result and len(filled) == 1 and _is_rest(row[filled[0]]):
            after_repeat = False
            continue
        after_repeat = False
        result.append(row)
    return result


def _opens_a_form(row: list[Cell]) -> bool:
    """A row of a form's own part (项目名称 | X, 项目资金 | 年初预算数 …, 总分): a form begins or ends there."""
    first = next((cell.text for cell in row if cell.text), "")
    return row_label(first) == "form" or is_budget_label(first) or first.startswith(_total_row_words())


_MAX_REST_CHARS = 6  # the end of a cell a page break cut off: a word or two


def _is_rest(cell: Cell) -> bool:
    return len(cell.text) <= _MAX_REST_CHARS and level_of_label(cell.text) is None


def _empty_after(cell: Cell) -> Cell:
    return Cell(cell.row, cell.col + 1, cell.end, cell.end, "")


def read_table(block: Block) -> TableReading:
    """Everything a 自评表 states; an ordinary table gives an empty reading."""
    reading = TableReading()
    flat = _unflattened(block.rows)
    rows, turned = _turned_back(_without_repeated_headers(flat))
    # a sideways table's header is no row: the budget and score labels read as in a table with none
    _labelled_numbers(flat if turned else rows, reading)
    _goal(rows, reading)
    index = 0
    headed = False  # any row reads as an indicator header
    while index < len(rows):
        roles = _header_roles(rows[index])
        headed = headed or roles is not None
        following = rows[index + 1] if index + 1 < len(rows) else None
        rejoined = _broken_header(rows[index], following) if roles and following else None
        if rejoined is not None and (rejoined_roles := _header_roles(rejoined)):
            _indicator_rows([*rows[:index], rejoined, *rows[index + 2 :]], index, rejoined_roles, reading)
            index += 2
            continue
        splits = following is not None and (
            _header_roles(following) is not None
            or _names_labels(following)
            or (_any_spanning(rows[index], following) and _sub_header(following))
        )
        merged = _two_row_header(rows[index], following) if roles and splits else None
        if merged is not None and (merged_roles := _header_roles(merged)):
            _indicator_rows([*rows[:index], merged, *rows[index + 2 :]], index, merged_roles, reading)
            index += 2
            continue
        if roles:
            _indicator_rows(rows, index, roles, reading)
        index += 1
    implied = (_implied_table(rows) or _implied_plain_table(rows)) if not headed and not reading.indicators else None
    if implied is not None:
        _indicator_rows(implied, 0, _header_roles(implied[0]) or {}, reading)
    return reading


@cache
def _implied_header() -> tuple[tuple[str, ...], dict[int, tuple[str, ...]]]:
    """The columns of a table that lost its header above, up to its split target, and those of the figures after
    it by how many the fullest row has (``tables.toml [implied_header]``)."""
    words = vocabulary("tables")["implied_header"]
    return tuple(words["columns"]), {len(figures): tuple(figures) for figures in words["figures"]}


_PLAIN_ROW_CELLS = 3  # name, target and actual
_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")


def _implied_plain_table(rows: list[list[Cell]]) -> list[list[Cell]] | None:
    """A table whose header was cut off above it and whose rows set out, after their 一级 and 二级 labels, three
    cells: name, target and actual (项目完成指标 | 质量指标 | 甲条件 | 改善条件 | 明显改善). Two such rows at least,
    and no other row of cells, say what the columns are."""
    placed: list[list[Cell | None]] = []
    for row in rows:
        labels, rest = _leading_labels(row)
        rest = [cell for cell in rest if cell.text]
        if not rest:
            continue
        cells = [cell for cell in row if cell.text]
        if len(labels) == _PLAIN_ROW_CELLS and len(rest) == _PLAIN_ROW_CELLS - 1:
            labels, rest = labels[:-1], cells[len(labels) - 1 :]  # a name that is a 二级 label elsewhere (群众满意度)
        if len(labels) != 2 or len(rest) != _PLAIN_ROW_CELLS:
            return None
        name, target, actual = rest
        if not _HAN_CHAR.search(name.text) or (_FIGURE_CELL.match(target.text) and _FIGURE_CELL.match(actual.text)):
            return None  # 产出指标 | 数量指标 | 20 | 18, 道路里程 | 10 | 9: a 评分表's weights and points, no indicator
        placed.append([*cells[:2], *rest])
    if len(placed) < _MIN_IMPLIED_ROWS:
        return None
    at = rows[0][0].start if rows[0] else 0
    header = [Cell(-1, k, at, at, text) for k, text in enumerate(vocabulary("tables")["implied_header"]["plain"])]
    return [header, *placed]


@cache
def _implied_actual_first() -> tuple[str, ...]:
    return tuple(vocabulary("tables")["implied_header"]["actual_first"])


_NEAR_RATIO = 1.15  # an actual mostly meets its target or misses it by little; a row's weight (10 by 20) seldom


def _near(figure: str, target: str) -> bool:
    """Does a cell's figure lie near a target's (100 by 100, 93 by 90), as an actual does?"""
    if not (_FIGURE_CELL.match(figure) and _FIGURE_CELL.match(target)):
        return False
    value, aimed = float(figure), float(target)
    return value == aimed or (value > 0 and aimed > 0 and 1 / _NEAR_RATIO <= value / aimed <= _NEAR_RATIO)


_COMPARATOR_CELL = re.compile(r"^[≥≤><=≧≦]$")
_FIGURE_CELL = re.compile(r"^\d+(?:\.\d+)?$")
_MIN_IMPLIED_ROWS = 2
_MIN_SPLIT_CELLS = 3  # a name, its nature and its value
_MAX_GRADE_CHARS = 4  # an actual written as a grade (优, 达标, 基本达标), not a note (说明：…)
_NAME_COLUMN = 2  # the implied columns' 三级指标, after the 一级 and 二级 labels


def _is_nature(text: str) -> bool:
    """A 指标性质 cell: a comparator, or 定性/定量."""
    return bool(_COMPARATOR_CELL.match(text)) or text in vocabulary("tables")["cells"]["nature"]


def _is_unit(text: str) -> bool:
    """A 度量单位 cell: empty, or what the value grammar reads as a figure's unit (%, 元/人, 人次)."""
    return not text or parse_value(f"1{text}").unit is not None


def _implied_table(rows: list[list[Cell]]) -> list[list[Cell]] | None:
    """A table whose header was cut off above it (a page opening in the middle of a 自评表), rebuilt when its rows
    say what their columns are: two at least set out a split target after their name (甲率 | ≥ | 95 | % | 95 | 5 |
    5). Each such row is set under the implied columns, its labels in theirs and the cells after its name kept in
    place (an empty actual stays empty); a closing row (合计 | 100 | 90) ends the table, its figures under the last
    columns."""
    columns, figure_columns = _implied_header()
    placed: list[list[Cell | None]] = []
    figures: list[int] = []
    near_targets = 0  # rows whose first figure after the split target lies near it: an actual, not a weight
    closing: list[Cell] = []
    for row in rows:
        labels, rest = _leading_labels(row)
        if labels and rest and _is_nature(rest[0].text):
            # a name that is a 二级 label elsewhere too (群众满意度) was taken for one: it is the row's name
            named = max(k for k in range(len(row) - len(rest)) if row[k].text)
            labels, rest = labels[:-1], row[named:]
        while rest and not rest[-1].text:
            rest = rest[:-1]
        while rest and not rest[0].text:
            rest = rest[1:]
        if rest and row_label(rest[0].text) in ("closing", "signature"):
            closing = [cell for cell in rest if cell.text]
            break
        if (
            not labels
            and placed
            and len(placed[-1]) == len(columns)
            and 0 < len(rest) < _MIN_SPLIT_CELLS
            and all(_FIGURE_CELL.match(cell.text) or len(cell.text) <= _MAX_GRADE_CHARS for cell in rest)
        ):
            # the figures of the row above broken onto a line of their own (…性 | 定性 | 优良中低差 ⏎ 优 | 10)
            placed[-1] += rest
            figures[-1] = sum(1 for cell in rest if _FIGURE_CELL.match(cell.text))
            continue
        if len(rest) < _MIN_SPLIT_CELLS or not _is_nature(rest[1].text) or _is_nature(rest[0].text) or not rest[2].text:
            continue
        level1 = next((c for c in row if c.text in labels and level_of_label(c.text) == 1), None)
        level2 = next((c for c in row if c.text in labels and c is not level1), None)
        has_unit = len(rest) > 3 and _is_unit(rest[3].text)
        after = rest[4:] if has_unit else rest[3:]
        placed.append([level1, level2, *rest[:3], rest[3] if has_unit else None, *after])
        figures.append(sum(1 for cell in after if _FIGURE_CELL.match(cell.text)))
        near_targets += bool(after) and _near(after[0].text, rest[2].text)
    if len(placed) < _MIN_IMPLIED_ROWS:
        return None
    at = rows[0][0].start if rows[0] else 0
    count = min(max(figures), max(figure_columns))
    # two figures are 分值 | 得分, or 实际完成值 | 分值 when the first mostly repeats its target (得分 left empty)
    actual_first = count == 2 and 2 * near_targets > len(placed)
    header = [*columns, *(_implied_actual_first() if actual_first else figure_columns[count])]
    if closing:  # its label in the name's column, its figures under the last ones
        label, *totals = closing
        gap = max(0, len(header) - _NAME_COLUMN - 1 - len(totals))
        placed.append([*[None] * _NAME_COLUMN, label, *[None] * gap, *totals])
    return [
        [Cell(-1, k, at, at, text) for k, text in enumerate(header)],
        *[[cell if cell is not None else Cell(-1, k, at, at, "") for k, cell in enumerate(row)] for row in placed],
    ]


def with_results_joined(indicators: list[Indicator]) -> list[Indicator]:
    """A goals table stating targets only (绩效目标表) and a table stating the results of the same indicators
    (实际完成值 | 分值 | 得分, no target): one indicator each, the result's row taking its target from the goal's row
    of the same name, whichever comes first. An indicator keeps the results row's offsets, where its actual and
    points stand."""
    goals = {i.name: i for i in indicators if i.name and i.target is not None and i.actual is None}
    taken: set[int] = set()
    joined = []
    for indicator in indicators:
        goal = goals.get(indicator.name or "")
        if goal is not None and indicator.target is None and indicator.actual is not None and id(goal) not in taken:
            taken.add(id(goal))
            indicator = replace(indicator, target=goal.target)
        joined.append(indicator)
    return [i for i in joined if id(i) not in taken]
