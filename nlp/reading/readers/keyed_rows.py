"""Indicator tables whose rows name each cell's column: ``一级指标：产出指标 二级指标：数量指标 三级指标：X …``.

A page that renders a table row by row as its header's words each followed by its cell (a phone layout, a
converter of forms into text) loses the grid but keeps every cell's column by name, so the grid comes back
from those names: one row a line (three or more named cells), or one named cell a line, a column named again
opening the next row. Every row names the indicator (三级指标, 指标名称 …); a line that names none (年度总体目标：…)
is the form's text, not a row. Hand-written because the column names are the domain's header vocabulary.
"""

from __future__ import annotations

import re
from itertools import pairwise

from nlp.text.blocks import RawCell, RawTable
from nlp.text.vocabulary import column_role

# A column's name and its colon, at the line's start or after a space (never inside a sentence's clause).
_NAMED_CELL = re.compile(r"(?:^|(?<=[ \u3000\t]))(?P<name>[\u4e00-\u9fff()（）]{2,14})[ \u3000]*[:：]")
_MIN_ROW_CELLS = 3  # named cells that make a line one row; fewer is one cell a line
_MIN_COLUMNS = 3  # distinct columns of a table (name, target, actual …)
_MAX_ROW_LINES = 20  # one cell a line: the most lines of one row (the widest forms have 13 columns)


def named_cells(line: str) -> list[tuple[str, str]]:
    """The cells of a line that opens with a column's name: each name (a header keyword) with its text."""
    text = line.strip()
    opening = _NAMED_CELL.match(text)
    if opening is None or not column_role(opening.group("name")):
        return []  # the cheap test every line of prose takes
    names = [m for m in _NAMED_CELL.finditer(text) if column_role(m.group("name"))]
    return [
        (name.group("name"), text[name.end() : following.start() if following else len(text)].strip(" \u3000\t"))
        for name, following in pairwise([*names, None])
    ]


def _whole_row(row: dict[str, str]) -> bool:
    """A row of an indicator table: it names the indicator and fills enough columns."""
    return len(row) >= _MIN_COLUMNS and _names_indicator(row)


def _names_indicator(row: dict[str, str]) -> bool:
    return any(column_role(name) == "name" and text for name, text in row.items())


def read_keyed_rows(lines: list[str], i: int) -> tuple[RawTable, int] | None:
    """The table whose first row starts at line ``i`` and the index of the line after it, or None."""
    first = named_cells(lines[i])
    if not first:
        return None
    one_a_line = len(first) >= _MIN_ROW_CELLS
    if one_a_line and not _names_indicator(dict(first)):
        return None
    rows: list[dict[str, str]] = []
    row: dict[str, str] = {}
    j = i
    while j < len(lines):
        cells = named_cells(lines[j])
        if not cells or (len(cells) >= _MIN_ROW_CELLS) != one_a_line:
            break
        for name, text in cells:
            if name in row:  # a column named again: the next row
                rows.append(row)
                row = {}
            row[name] = text
        if len(rows) == 1 and not _whole_row(rows[0]):
            return None  # decided on the first row, so that a run of named lines costs one pass, not one a line
        if one_a_line:
            rows.append(row)
            row = {}
        elif len(row) > _MAX_ROW_LINES:
            break
        j += 1
    if row:
        rows.append(row)
    rows = [row for row in rows if _names_indicator(row)]
    header = list(dict.fromkeys(name for row in rows for name in row))
    if not rows or len(header) < _MIN_COLUMNS:
        return None
    return RawTable(
        [[RawCell(name) for name in header], *([RawCell(row.get(name, "")) for name in header] for row in rows)]
    ), j
