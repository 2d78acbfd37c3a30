"""Indicator tables flattened into lines of text, in the surface forms scrapes and converters make.

Tab-flattened Word tables and Markdown pipe tables are read in ``plaintext``; this
module reads the forms that carry no reliable column structure of their own and
so need the header's vocabulary to be put back into a grid:

- one cell per line (with or without blank lines between cells, with or without a
  trailing `` |``), recognised by a run of header cells (一级指标 / 二级指标 /
  三级指标 / 年度指标值 / 实际完成值 …), or by header cells a flattened spreadsheet mixed
  with its first rows, numbered rows (指标6：…) after them;
- rows whose cells are separated by single spaces, under a header row of the same
  kind;
- rows whose cells run together with no separator (``培训人数10≥200人次≥215人次10``),
  split by the value grammar in the header's column order (``run_together``; OCR'd pages
  too: a header word read out of order, a dash for an unset target, an actual written as a sentence).

Rows are rebuilt the way a reader does it: 一级 and 二级 labels are recognised by
the indicator vocabulary (they are merged cells, written once for several rows),
the other cells fill the columns after them in the header's order; a form's own row
number (指标1, 指标2：) opens a row, and a 指标性质 or 度量单位 column takes only what such a
cell holds (a comparator, a unit), so a cell left empty and left out shifts no value.
Hand-written because no table extractor reads tables that have lost their grid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain, pairwise

from nlp.reading.readers.run_together import (
    MAX_STREAM_ROW_CHARS,
    MAX_UNIT_CHARS,
    NUMBER_CELL,
    RUN_VALUE_ROLES,
    VALUE_CELL,
    level_prefixes,
    run_value_roles,
    split_closing_row,
    split_run_together,
    split_run_together_rows,
    split_weight_and_points,
)
from nlp.text.blocks import RawCell, RawTable
from nlp.text.normalize import ENUMERATION_START, fold_width, glue
from nlp.text.values import LEADING_COMPARATOR, parse_value, unit_of
from nlp.text.vocabulary import (
    alternation,
    column_keywords,
    column_role,
    column_role_and_rank,
    header_roles,
    is_budget_label,
    known_cell_words,
    level_of_label,
    page_number_line,
    row_label,
    row_marker,
    scoring_roles,
    vocabulary,
)

_NAME_TAIL_CHARS = 2  # the end of a name broken off into a cell of its own (…事件报告 | 数)
_LEADS_VALUE = re.compile(r"^\s*(?:[≥≤><=≧≦＞＜]|\d)")  # a target's cell opens with its comparator or figure
_MAX_VALUE_CHARS = 12
_MAX_NAME_PIECE_CHARS = 10  # a line of a name a narrow column wrapped; a longer cell is a column's of its own
# Longest a line may be and still be one cell; longer lines are prose.
_MAX_CELL_CHARS = 60
_MIN_HEADER_CELLS = 3  # a header run shorter than this is not taken for a table
_MAX_HEADER_CELLS = 30  # the most header cells one table has (13 in the widest forms seen)
_SENTENCE_END = re.compile(r"[。！？!?]\s*$")
# A value as written in a cell: comparator, number, unit (≥200人次, 95%, 10, 2023年12月).
_VALUE = re.compile(
    rf"(?:{LEADING_COMPARATOR})?\s*\d+(?:\.\d+)?\s*"
    r"(?:%|‰|[A-Za-z²³㎡]+|[\u4e00-\u9fff]{1,3}?(?=[≥≤><=≧≦＞＜\d]|$))?"
)
_SPACES = re.compile(r"[ \u3000]+")
# A label's weight wrapped onto a line of its own (产出指标 ⏎ (50), 效益指标( ⏎ 30分)).
_WEIGHT_REST = re.compile(r"[(（]?\d+(?:\.\d+)?分?[)）]")
_OPEN_BRACKETS = "(（"
_ROW_NUMBER = re.compile(r"\d{1,3}")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LABEL_LETTERS = re.compile(r"[\u4e00-\u9fff]{1,3}")  # a line of a label printed a letter or two a line
_MIN_SPACED_LETTERS = 2
_MAX_LABEL_LETTERS = 8


# Every header a text table can open with (一级指标, 年度指标值, 年初预算数, 项目资金 …) has one of these.
_OPENING_HINT = re.compile(r"指标|预算|执行|分值|得分|权重|目标|完成|标准|实际|资金|评分|级|计划|预期|批复|序号|编号")


def could_open_table(line: str) -> bool:
    """A cheap first test, so that prose lines cost one regex search and no header analysis."""
    return bool(_OPENING_HINT.search(line))


def cell_text(line: str) -> str:
    """A line read as one cell: without a leading or trailing pipe and surrounding space (string methods: a regex
    anchored at the end would be tried from every space of a long run of them)."""
    text = line.strip()
    text = text[:-1].rstrip() if text.endswith("|") else text
    return text[1:].lstrip() if text.startswith("|") else text


def _is_cell_line(line: str) -> bool:
    text = cell_text(line)
    return bool(text) and len(text) <= _MAX_CELL_CHARS


def _ends_table(line: str) -> bool:
    """A heading, a sentence of prose or a report title: the table is over."""
    text = fold_width(cell_text(line))
    if not text or line.rstrip().endswith("|"):
        return False  # a cell closed by its bar is a cell, however long
    if len(text) > _MAX_CELL_CHARS:
        return True
    if ENUMERATION_START.match(text) and level_of_label(text) is None and not _WEIGHT_REST.fullmatch(text):
        return True
    return bool(_SENTENCE_END.search(text) and len(text) > 25)


@dataclass
class _RowBuilder:
    """Places a stream of cells into full-width rows, by the header's roles and the level vocabulary."""

    roles: list[str | None]
    wraps: bool = False  # the converter wrapped cells at the column's width (its header too): lines go on a cell

    def __post_init__(self) -> None:
        self.rows: list[list[str]] = []
        self.row: list[str] | None = None
        self.next_column = 0
        self.first_free = self._first_free_column()

    def _first_free_column(self) -> int:
        """The first column after the 一级/二级 label columns: where a row's own cells begin."""
        levels = [i for i, role in enumerate(self.roles) if role in ("level1", "level2")]
        # a header whose last column is a label column (OCR debris) gives the rows every column
        return max(levels) + 1 if levels and max(levels) + 1 < len(self.roles) else 0

    def _open(self) -> None:
        self._close()
        self.row = [""] * len(self.roles)
        self.next_column = self.first_free

    def _close(self) -> None:
        if self.row is not None and any(self.row):
            self.rows.append(self._closing_aligned(self.row) if row_label(self.row[0]) == "closing" else self.row)
        self.row = None

    def _closing_aligned(self, row: list[str]) -> list[str]:
        """总分 | 100 | 95: the figures under 分值 and 得分 (the last under 得分), text beside the label."""
        values = [cell for cell in row[1:] if cell]
        aligned = [row[0]] + [""] * (len(row) - 1)
        numeric = [i for i, role in enumerate(self.roles) if role in ("weight", "points") and i > 0]
        if values and len(values) <= len(numeric) and all(_VALUE.fullmatch(v) for v in values):
            for column, value in zip(numeric[-len(values) :], values, strict=True):
                aligned[column] = value
            return aligned
        return row

    def _place_level(self, level: int, text: str) -> bool:
        role = "level1" if level == 1 else "level2"
        if role not in self.roles:
            return False
        column = self.roles.index(role)
        if self.row is None or any(self.row[column:]):
            self._open()
        self.row[column] = text
        # empty cells written before the label (a blank row's last cells) hold no column after it
        filled = max(k for k, cell in enumerate(self.row) if cell)
        self.next_column = max(column + 1, self.first_free, filled + 1)
        return True

    def add(self, text: str, ahead: list[str], stream: bool = True) -> None:
        """One cell; ``ahead`` are the cells after it (to tell 一级 from 二级 for 成本指标, and an empty last cell).

        In a ``stream`` of cells with no row boundaries, a cell standing where the last
        column (偏差原因) belongs but followed by a whole row's values (target, actual,
        分值, 得分) is the next row's name: the last column was left empty.
        """
        level = level_of_label(text.rstrip(_OPEN_BRACKETS))  # 效益指标( ⏎ 30分): the label, its weight after it
        if level == 0:  # 一级 or 二级 by the label after it, past its weight on a line of its own
            after = ahead[1:] if ahead and _WEIGHT_REST.fullmatch(ahead[0]) else ahead
            level = 1 if after and level_of_label(after[0]) == 2 else 2
        if level == 2 and self._names_a_row(ahead):
            level = None  # the row's name: it goes to the name column like any other cell
        if level and self._place_level(level, text):
            return
        if self._label_weight(text):
            return
        if level == 1 and "level2" in self.roles and ahead and level_of_label(ahead[0]) in (0, 2):
            return  # a 一级 label the header has no column for, its 二级 after it: no cell of the rows
        if self._is_row_number(text, ahead):
            self._open()
            self.row[self.roles.index("index")] = text
            return
        if row_label(text) == "closing":
            self._open()
            self.row[0] = text
            self.next_column = 1
            return
        if self._unnamed_figure(text, ahead):
            return
        if _ROW_MARKER.match(text) and self.row is not None and any(self.row[self.first_free :]):
            self._open()  # 指标2：… the form's own row number opens a row, whatever the row before left empty
        elif self._name_goes_on(text, ahead) or (stream and self.wraps and self._wrapped_on(text, ahead)):
            self.row[self.next_column - 1] += text
            return
        # a full row whose values went back to the row before takes this cell as its first value again
        moved = self.row is not None and self.next_column >= len(self.roles) and self._values_of_row_before(text)
        full = self.row is None or self.next_column >= len(self.roles)
        if not moved and (full or (stream and text and self._opens_next_row(text, ahead))):
            self._open()
            if stream and self._whole_row_ahead(ahead):
                self.next_column = 0  # its own labels, which the vocabulary does not know (预算执行 | 预算执行率 | …)
        while self.next_column < len(self.roles) - 1 and not _fits(self.roles[self.next_column], text):
            self.next_column += 1  # a 指标性质 or 度量单位 cell left empty and left out: the cell is the next column's
        self.row[self.next_column] = text
        self.next_column += 1

    def _label_weight(self, text: str) -> bool:
        """Is ``text`` the weight of the 一级/二级 label just placed, wrapped onto a line of its own ((50), 30分))?
        It goes on the label: no cell of the row."""
        if self.row is None or any(self.row[self.first_free :]) or not _WEIGHT_REST.fullmatch(text):
            return False
        labels = [k for k in range(self.first_free) if self.row[k]]
        if not labels:
            return False
        self.row[labels[-1]] += text
        return True

    def _unnamed_figure(self, text: str, ahead: list[str]) -> bool:
        """A bare figure after a full row, the next cell opening a row or none following (… | 已完成 | 5 | 指标2：…):
        the cell of a column the header does not name (a 分值 after the actual), no row of its own."""
        if not NUMBER_CELL.fullmatch(text) or not (self.row is None or self.next_column >= len(self.roles)):
            return False
        if not ahead:
            return True  # the table's last cell
        return (
            bool(_ROW_MARKER.match(ahead[0]))
            or level_of_label(ahead[0]) is not None
            or row_label(ahead[0]) == "closing"
        )

    def _names_a_row(self, ahead: list[str]) -> bool:
        """Is a 二级 word followed by a value (no name) the name of a row (满意度指标 | 服务对象满意度指标 |
        群众满意度 | ≥ | 95 …, or 群众满意度 | ≧90% | … alone)? Where the header puts the name right after the 二级
        column. A row holding cells of its own is closed first: the word names the next one."""
        if not ahead or "level2" not in self.roles:
            return False
        column = self.roles.index("level2")
        if column + 1 >= len(self.roles) or self.roles[column + 1] != "name":
            return False
        if not (_SPLIT_COMPARATOR.fullmatch(ahead[0]) or VALUE_CELL.fullmatch(ahead[0])):
            return False
        if self.row is not None and any(self.row[self.first_free :]):
            self._open()
        return True

    def _numbered_name_column(self, row: list[str]) -> int | None:
        """The column of ``row``'s name when a row number leads it (指标3：…), else None."""
        column = next((k for k in range(self.first_free, len(self.roles)) if self.roles[k] == "name"), None)
        return column if column is not None and _ROW_MARKER.match(row[column]) else None

    def _name_goes_on(self, text: str, ahead: list[str]) -> bool:
        """Is ``text`` the end of a numbered name broken over two cells (指标3：传染病事件报告 | 数), the next
        cell opening a row? A word of a character or two, where the name's first value belongs."""
        if self.row is None or not ahead or self.next_column - 1 != self._numbered_name_column(self.row):
            return False
        word = len(text) <= _NAME_TAIL_CHARS and bool(_HAN.fullmatch(text[:1])) and not any(c.isdigit() for c in text)
        opens = bool(_ROW_MARKER.match(ahead[0])) or level_of_label(ahead[0]) is not None
        return word and opens and level_of_label(text) is None and unit_of(text) is None

    def _wrapped_on(self, text: str, ahead: list[str]) -> bool:
        """Is ``text`` a wrapped line of the cell before it: the rest of a name whose target follows
        (高标准农田建设面 | 积 | ≥12000亩), or of a last column's reason no next row opens after (受7月强降雨 |
        影响，2期田间现 | …)? A converter that breaks cells at the column's width leaves such lines."""
        if self.row is None or self.next_column == 0 or not text or level_of_label(text) is not None:
            return False
        role = self.roles[self.next_column - 1]
        if role == "name" and ahead and not _LEADS_VALUE.match(text) and len(text) <= _MAX_NAME_PIECE_CHARS:
            # the name's rest only if the row's values fit after it and not from it (按计划完成 | 100% | 20 | 20 is
            # a worded target's row)
            values = [r for r in self.roles[self.next_column :] if r != "reason"]
            return (
                bool(_LEADS_VALUE.match(ahead[0]))
                and self._values_fit(values, ahead)
                and not self._row_from(values, [text, *ahead])
            )
        if role == "reason" and self.next_column >= len(self.roles) and self.row[-1]:
            return row_label(text) is None and not self._opens_next_row(text, ahead, wrapped=True)
        if role in ("target", "actual") and self.next_column < len(self.roles):
            # the rest of a worded actual (已建立…机制，覆盖 | 全区8个镇 | 10 | 10): words where 分值 belongs, the
            # figures after them
            scores = [r for r in self.roles[self.next_column :] if r != "reason"]
            return (
                scores[0] in ("weight", "points")
                and NUMBER_CELL.fullmatch(text) is None
                and bool(_HAN.search(text))
                and self._values_fit(scores, ahead)
            )
        return False

    def _values_of_row_before(self, text: str) -> bool:
        """A numbered row that got no values, then one with twice its values (指标3：甲 | 指标4：乙 | 14例 | 14例 |
        2 | 2 | 2469人 | …): a page put the first row's values after the second's name. They go back to it (True)."""
        column = self._numbered_name_column(self.row)
        before = self.rows[-1] if self.rows else None
        if column is None or before is None or self._numbered_name_column(before) is None or any(before[column + 1 :]):
            return False
        if not (any(self.row[column + 1 :]) and _is_figure(text)):
            return False
        before[column + 1 :], self.row[column + 1 :] = self.row[column + 1 :], [""] * (len(self.roles) - column - 1)
        self.next_column = column + 1
        return True

    def _whole_row_ahead(self, ahead: list[str]) -> bool:
        """Do this cell and those up to the next 一级/二级 label fill exactly one row, from the first column?"""
        run = 1 + next((k for k, cell in enumerate(ahead) if level_of_label(cell) is not None), len(ahead))
        return self.first_free > 0 and run == len(self.roles) and run <= len(ahead)

    def _is_row_number(self, text: str, ahead: list[str]) -> bool:
        """序号 1, 2, 3 …: a small number opening a row, where the last row is complete or a label follows."""
        if "index" not in self.roles or not _ROW_NUMBER.fullmatch(text):
            return False
        complete = self.row is None or self.next_column >= len(self.roles)
        return complete or bool(ahead and level_of_label(ahead[0]) is not None)

    def _opens_next_row(self, cell: str, ahead: list[str], wrapped: bool = False) -> bool:
        """Does ``cell`` open the next row, ``ahead`` holding its values (target … 分值, 得分)? A cell of words may
        name it over two lines (新培育县级以上农 ⏎ 民合作社示范社 ⏎ ≥20家). ``wrapped``: the cell is a line after a full
        row's reason, not its reason's empty column."""
        last = len(self.roles) - 1 if wrapped else self.next_column
        if self.row is None or last >= len(self.roles) or self.roles[last] != "reason":
            return False
        if not wrapped and self.next_column >= len(self.roles):
            return False
        shape = self.roles[self.first_free + 1 : last]  # the columns between a name and its reason
        if not {"weight", "points"} & set(shape):
            return False
        # a name wrapped onto a second line: a piece of words, no empty cell nor label, before the values
        wraps = bool(
            self.wraps
            and _HAN.search(cell)
            and ahead
            and ahead[0]
            and not _LEADS_VALUE.match(ahead[0])
            and level_of_label(ahead[0]) is None
        )
        return any(self._values_fit(shape, ahead[start:]) for start in ([0, 1] if wraps else [0]))

    def _row_from(self, values: list[str | None], cells: list[str]) -> bool:
        """Do ``cells`` make the row's values, the cell after them fit to open the next row? A bare figure opens
        none (支持服务外 | 包企业数量 | 3 | 3 | 10: 10 is the row's 得分, 包企业数量 no worded target)."""
        after = cells[len(values)] if len(cells) > len(values) else ""
        opens_none = NUMBER_CELL.fullmatch(after) is not None and "index" not in self.roles
        return self._values_fit(values, cells) and not opens_none

    @staticmethod
    def _values_fit(shape: list[str | None], cells: list[str]) -> bool:
        if len(cells) < len(shape):
            return False
        return all(
            NUMBER_CELL.fullmatch(cell) if role in ("weight", "points") else bool(cell) and not level_of_label(cell)
            for role, cell in zip(shape, cells, strict=False)
        )

    def add_row(self, cells: list[str]) -> None:
        """A row whose cells are known to belong together (one line of a spaced table).

        A row as wide as the header is taken as it stands; a shorter one lost merged
        cells, which the level vocabulary places.
        """
        self._close()
        if len(cells) == len(self.roles):
            self.rows.append(list(cells))
            return
        self.row = None
        for i, cell in enumerate(cells):
            opens = level_of_label(cell) is not None or _ROW_MARKER.match(cell)  # several rows on one line
            if self.row is not None and self.next_column >= len(self.roles) and not opens:
                # more cells than columns: the last header stands over sub-columns (自评得分 over 得分 | 权重 | …)
                self.row[-1] = f"{self.row[-1]} {cell}"
                continue
            if self.row is not None and self.next_column < len(self.roles) and self._level_taken(cell):
                # a second 二级-like label in one row is its name (满意度指标 | 服务对象满意度指标 | 服务对象满意度 | …)
                self.row[self.next_column] = cell
                self.next_column += 1
                continue
            self.add(cell, cells[i + 1 :], stream=False)
        self._close()

    def _level_taken(self, text: str) -> bool:
        """Is ``text`` a label whose level column the open row has already filled?"""
        role = {1: "level1", 2: "level2", 0: "level2"}.get(level_of_label(text))
        return role is not None and role in self.roles and bool(self.row[self.roles.index(role)])

    def add_split(self, cells: list[str], value_count: int) -> None:
        """A row ``split_run_together`` cut: its labels, its name, then one cell per value column.

        Each cell goes to its column by what it is, not by its place in the row (two labels
        of one level mean the first was a dimension left blank: a row of its own).
        """
        value_roles = run_value_roles(self.roles)
        if "name" not in self.roles or len(cells) < value_count + 1:
            self.add_row(cells)
            return
        self._close()
        labels, name, values = cells[: -value_count - 1], cells[-value_count - 1], cells[-value_count:]
        previous = 0
        outer = ""  # a 一级 label the header has no column for, kept with the 二级 label after it
        for k, label in enumerate(labels):
            level = level_of_label(label)
            if level == 0:
                level = 1 if k + 1 < len(labels) and level_of_label(labels[k + 1]) == 2 else 2
            if level == 1 and "level1" not in self.roles and "level2" in self.roles and k + 1 < len(labels):
                # a label of either level (成本指标) before a 二级 one is a 二级 whose row was left blank: no part
                outer, previous = "" if level_of_label(label) == 0 else label, 1
                continue
            if level < previous or not (level and self._place_level(level, outer + label)):
                # a 一级 word after a 二级 label, or a label with no column, opens the name (效果显著)
                name = outer + "".join(labels[k:]) + name
                break
            previous, outer = level, ""
        if self.row is None:
            self._open()
        columns = [i for i, role in enumerate(self.roles) if role in value_roles]
        # the last name column before the values: 三级指标 after 绩效指标 and the levels, 指标名称 after 绩效指标
        names = [i for i, role in enumerate(self.roles) if role == "name" and i < min(columns, default=len(self.roles))]
        column = names[-1] if names else self.roles.index("name")
        self.row[column] = self._without_cells_after(name, column)
        for column, value in zip(columns, values, strict=False):
            self.row[column] = value
        self._split_target()
        self._close()

    def _without_cells_after(self, name: str, column: int) -> str:
        """A name with the 计量单位 and 指标性质 cells that follow it in the header run into it (…面积万亩,
        …率%定量指标): those cells cut off into their columns, the last one first."""
        following = []
        for k in range(column + 1, len(self.roles)):
            if self.roles[k] not in ("unit", "nature"):
                break
            following.append(k)
        for k in reversed(following):
            name, self.row[k] = (_name_and_unit if self.roles[k] == "unit" else _name_and_nature)(name)
        return name

    def _split_target(self) -> None:
        """A target run together over its 指标性质 | 指标值 | 度量单位 columns (≥200人次) → its three cells, so that
        the unit stands for a bare actual too (215 → 215人次)."""
        target = self.roles.index("target") if "target" in self.roles else None
        if target is None or not 0 < target < len(self.roles) - 1:
            return
        if (self.roles[target - 1], self.roles[target + 1]) != ("nature", "unit") or self.row[target + 1]:
            return
        parts = _TARGET_PARTS.fullmatch(self.row[target])
        if parts is not None and parts.group(3) and unit_of(parts.group(3)) is not None:
            self.row[target - 1 : target + 2] = [parts.group(1) or self.row[target - 1], parts.group(2), parts.group(3)]

    def table(self, header: list[str]) -> RawTable:
        self._close()
        return RawTable([[RawCell(text) for text in row] for row in [header, *self.rows]])


# A target as comparator, figure and unit (≥200人次, 95%): the cells of a 指标性质 | 指标值 | 度量单位 header.
_TARGET_PARTS = re.compile(r"([≥≤><=≧≦＞＜]?)(\d+(?:\.\d+)?)([^\d≥≤><=≧≦＞＜]{1,4})")


def _fits(role: str | None, text: str) -> bool:
    """Can ``text`` stand in a column of ``role``? A 度量单位 cell holds a unit, a 指标性质 cell a comparator or its
    words (定量, 正向); every other column takes any cell, an empty one too."""
    if not text or role not in ("unit", "nature") or _NO_ENTRY.fullmatch(text):
        return True  # a dash stands for an empty cell in any column
    if role == "unit":
        known = text in vocabulary("tables")["cells"]["units"]
        return known or (len(text) <= MAX_UNIT_CHARS + 1 and unit_of(text) is not None)
    return bool(_SPLIT_COMPARATOR.fullmatch(text)) or text in _nature_words()


def _is_figure(text: str) -> bool:
    """A cell holding a number (2469人, 97.30%, 1.7), not words."""
    return parse_value(text).kind not in ("text", "date")


def _name_and_nature(name: str) -> tuple[str, str]:
    """A name run together with the 指标性质 cell after it (…控制率%定量指标) → the rest and that cell."""
    nature = next((word for word in _nature_words() if name.endswith(word) and len(name) > len(word) + 1), "")
    return name[: len(name) - len(nature)], nature


@lru_cache(maxsize=1)
def _nature_words() -> list[str]:
    return sorted(vocabulary("tables")["cells"]["nature"], key=len, reverse=True)


def _name_and_unit(name: str) -> tuple[str, str]:
    """A name run together with the unit cell after it (森林抚育面积万亩) → the name and the unit (万亩)."""
    for length in range(MAX_UNIT_CHARS, 0, -1):
        unit = unit_of(name[-length:]) if len(name) > length + 1 else None
        # the unit with its multiplier (万亩 reads as 亩 ×10000)
        if unit is not None and name.endswith(unit) and length - len(unit) <= 1:
            return name[:-length], name[-length:]
    return name, ""


_MAX_HEADER_PIECE_CHARS = 6


def _header_goes_on(cell: str, piece: str) -> bool:
    """Is ``piece`` the rest of a header cell a converter wrapped (年度指标 ⏎ 值, 偏差原因分析 ⏎ 及改进措施): a
    character or two naming no column alone, or a few opening with a link, making a header word with the cell?"""
    if not piece or column_role(cell) is None:
        return False
    short, links = len(piece) <= _MAX_HEADER_PIECE_CHARS, tuple(_header_links())
    # a link on either side of the break (偏差原因 ⏎ 及改进措施, 偏差原因分析及 ⏎ 改进措施, 偏差原因 ⏎ 分析及)
    linked = short and (piece.startswith(links) or piece.endswith(links) or cell.endswith(links))
    tail = piece in _header_tails()
    joined, alone = column_role_and_rank(cell + piece), column_role_and_rank(cell)
    if joined is None:
        return False
    # a keyword's last word naming nothing alone, the cell a better word of its column (偏差原因分析及改进 ⏎ 措施)
    rest = (
        len(piece) <= _MAX_HEADER_PIECE_CHARS
        and column_role(piece) is None
        and level_of_label(piece) is None
        and joined[0] == alone[0]
        and joined[1] < alone[1]
    )
    # the whole word names its column better (年度指标值 a target where 年度指标 was a name; 实际完成值): not a
    # next cell's word after a header word (指标 ⏎ 年度)
    return rest or ((linked or tail) and (linked or joined[0] != alone[0] or joined[1] < alone[1]))


def _header_run(lines: list[str], i: int, accepts=header_roles) -> tuple[list[str], int] | None:
    """Header cells standing one per line from line ``i`` (blank lines allowed), and the line after them."""
    cells: list[str] = []
    after = j = i
    while j < len(lines) and len(cells) <= _MAX_HEADER_CELLS:  # a longer run is no header: tried from each line
        line = lines[j]
        if not line.strip():
            j += 1
            continue
        text = cell_text(line)
        if cells and _header_goes_on(cells[-1], text):
            cells[-1] += text  # a header cell wrapped onto the next line (年度指标 ⏎ 值, 偏差原因分析 ⏎ 及改进措施)
            j += 1
            after = j
            continue
        if not _is_cell_line(line) or column_role(text) is None:
            break
        cells.append(text)
        j += 1
        after = j  # the blank lines after the last header cell belong to the rows (empty cells)
    if _MIN_HEADER_CELLS <= len(cells) <= _MAX_HEADER_CELLS and accepts(cells):
        return cells, after
    return None


@dataclass(frozen=True)
class _ListWords:
    """A results list's header words and grades (``[result_lists]`` in titles.toml), read once."""

    names: frozenset[str]
    scores: frozenset[str]
    graded: frozenset[str]  # a grade's column, for a list with no score's (评价结果)
    known: frozenset[str]  # every header word: names, scores and the other columns (序号, 自评等级 …)
    grades: frozenset[str]
    row_numbers: frozenset[str]  # the column of each row's own number (序号)
    totals: frozenset[str]  # a total row's word (合计)


@cache
def _list_words() -> _ListWords:
    words = vocabulary("titles")["result_lists"]
    names, scores = frozenset(words["name_headers"]), frozenset(words["score_headers"])
    graded = frozenset(words["grade_headers"])
    known = names | scores | graded | frozenset(words["other_headers"])
    totals = frozenset(vocabulary("budget")["table"]["score_totals"])
    grades, row_numbers = frozenset(words["grades"]), frozenset(words["row_number_headers"])
    return _ListWords(names, scores, graded, known, grades, row_numbers, totals)


def _list_header_run(lines: list[str], i: int) -> tuple[list[str], int] | None:
    """A results list's header cells one per line from line ``i`` (blank lines allowed), and the line after."""
    words = _list_words()
    if cell_text(lines[i]) not in words.known:  # the cheap test every line of prose takes
        return None
    cells: list[str] = []
    j = i
    while j < len(lines) and len(cells) < _MAX_LIST_COLUMNS:
        text = cell_text(lines[j])
        if text:
            if not _is_cell_line(lines[j]) or is_list_figure(text):
                break
            numbered = bool(cells) and cells[0] in words.row_numbers  # a form opens with no 序号
            if cells and (
                _LIST_VALUE.search(text) or (not numbered and any(label in text for label in _form_labels()))
            ):
                return None  # a form's labels and values (主管部门, 某某资金): a 自评表's form part, no list header
            cells.append(text)
        j += 1
        if (
            cells
            and cells[-1] in words.known
            and words.names & set(cells)
            and (words.scores | words.graded) & set(cells)
        ):
            # the header goes on while its cells are header words, not a first row's name
            while j < len(lines) and (not (text := cell_text(lines[j])) or text in words.known or column_role(text)):
                cells += [text] if text else []
                j += 1
            return cells, j
    return None


_MAX_LIST_COLUMNS = 10
_LIST_VALUE = re.compile(r"(?:资金|经费|项目|工程)$")  # a project or fund's name: a value, no column's header


@cache
def _form_labels() -> tuple[str, ...]:
    """A 自评表's form labels of four characters or more (主管部门, 实施单位), which no results list's header holds."""
    return tuple(label for label in vocabulary("tables")["rows"]["form"] if len(label) >= 4 and label != "项目名称")


def read_result_list_cells(lines: list[str], i: int) -> tuple[RawTable, int] | None:
    """A results list one cell per line (项目名称 / 债券性质 / 规模 / 自评分数 / 自评等级, then each project's cells).

    A row may leave its last cells out (no grade written), so rows are not counted by the header's width: a
    row ends once it reached the score column and the next cell is a name again (text, no figure, no grade),
    or, under a 序号 column, the next row's number (its last cells may then be words or left out).
    """
    found = _list_header_run(lines, i)
    if found is None:
        return None
    header, j = found
    words = _list_words()
    # the score's column, else the grade's in a list that grades its rows only (评价结果 | 优)
    score = next((k for k, cell in enumerate(header) if cell in words.scores), None)
    score = score if score is not None else next(k for k, cell in enumerate(header) if cell in words.graded)
    name = next(k for k, cell in enumerate(header) if cell in words.names)
    totals = vocabulary("budget")["table"]["score_totals"]
    rows: list[list[str]] = [header]
    row: list[str] = []
    end = j
    numbered = header[0] in words.row_numbers
    while j < len(lines):
        line = lines[j]
        text = cell_text(line)
        j += 1
        if not text:
            continue
        if _ends_table(line) or not _is_cell_line(line) or text in totals:
            break  # a total row (总计) closes the list
        figure = is_list_figure(text)
        # under a 序号 column a row ends where the next one's number stands (its last cells may be empty or words)
        ends = text.isdigit() and int(text) == len(rows) + 1 if numbered else not figure and text not in words.grades
        if len(row) > score and ends:
            rows.append(row)
            row = []
        if not row and not figure:
            row = [""] * name  # a row opening with its name left its number (序号) empty
        row.append(text)
        end = j
    rows += [row] if row else []
    body = [r for r in rows[1:] if len(r) > score]  # what reached no score is no project's row
    if not body:
        return None
    return RawTable([[RawCell(cell) for cell in r] for r in [header, *body]]), end


def read_spaced_result_list(lines: list[str], i: int) -> tuple[RawTable, int] | None:
    """A results list whose header and rows separate their cells by spaces (序号 项目名称 … 预算数 执行数 自评得分).

    The page's empty cells left no trace but a run of spaces, so each row is put back under its header: its
    last figure is the score, and the cells before it keep their order from the first column, the gap left
    just before the score (a row names its project and unit, then its budget; the columns it left empty are
    usually the level's budget columns and the remainder). A line of words without figures right under the
    header (中央 省级 市级) is the header's second line. Under a 序号 column each row opens with its number or
    a total's word; anything else ends the list.
    """
    words = _list_words()
    if not any(word in lines[i] for word in words.scores):  # the cheap test every line of prose takes
        return None
    header = split_spaced(lines[i])
    bare = [TRAILING_NOTE.sub("", cell) for cell in header]
    if len(header) < _MIN_HEADER_CELLS or not words.names & set(bare) or not words.scores & set(bare):
        return None
    score = next(k for k, cell in enumerate(bare) if cell in words.scores)
    numbered = header[0] in words.row_numbers
    rows = [header]
    j = i + 1
    while j < len(lines) and len(rows) <= _MAX_LIST_ROWS:
        line = lines[j]
        if not line.strip():
            j += 1
            continue
        cells = split_spaced(line)
        figures = [k for k, cell in enumerate(cells) if is_list_figure(cell)]
        if not figures or _SENTENCE_END.search(line) or not all(_is_cell_line(cell) for cell in cells):
            if j == i + 1 and len(cells) >= 2 and all(_is_cell_line(cell) for cell in cells):
                rows.append(cells)  # the header's second line (kept: its words stay in the text)
                j += 1
                continue
            break
        if numbered and not (cells[0].isdigit() or cells[0] in words.totals):
            break
        rows.append(_under_header(cells, figures, score, len(header)))
        j += 1
    if not any(len(row) > score and row[score] for row in rows[1:]):
        return None
    return RawTable([[RawCell(cell) for cell in row] for row in rows]), j


_MAX_LIST_ROWS = 500
TRAILING_NOTE = re.compile(r"[(（][^()（）]*[)）]$")  # a header's note: 预算数(调整后), 评价得分(分)


def is_list_figure(cell: str) -> bool:
    """Is a list's cell a figure (a row's number, an amount, a score), not words?"""
    return _VALUE.fullmatch(cell.replace(",", "")) is not None


def _under_header(cells: list[str], figures: list[int], score: int, width: int) -> list[str]:
    """A spaced row whose empty cells vanished, aligned to its header around its last figure (the score)."""
    last = figures[-1]
    before = cells[:last]
    if len(cells) >= width or len(before) > score:
        return cells
    return [*before, *[""] * (score - len(before)), cells[last], *cells[last + 1 :]]


def read_scoring_cells(lines: list[str], i: int) -> tuple[RawTable, int] | None:
    """A 评分表 written one cell per line with its merged cells left out, its rows rebuilt by what each cell is.

    Each label stands before its 分值, a 三级 row's name before two figures (分值, 得分). So a text
    followed by one figure is a group label (the last one before a name is its 二级, the one
    before that its 一级) and a text followed by two is an indicator row.
    """
    run = _header_run(lines, i, scoring_roles)
    if run is None or ENUMERATION_START.match(run[0][0]):
        return None  # a section heading over the table (二、…评分) stays a heading; the header is on the next line
    header, j = run
    cells: list[tuple[int, str]] = []
    while j < len(lines) and (not lines[j].strip() or (_is_cell_line(lines[j]) and not _ends_table(lines[j]))):
        if lines[j].strip():
            cells.append((j, cell_text(lines[j])))
        j += 1
    builder = _ScoringRows(scoring_roles(header))
    k = 0
    while k < len(cells) and not builder.closed:
        text, figures = cells[k][1], []
        k += 1
        while k < len(cells) and NUMBER_CELL.fullmatch(cells[k][1]):
            figures.append(cells[k][1])
            k += 1
        builder.add(text, figures)
    builder.flush()
    end = cells[k - 1][0] + 1 if k else j
    return RawTable([[RawCell(text) for text in row] for row in [header, *builder.rows]]), end


@dataclass
class _ScoringRows:
    """The rows of a 评分表 from its labels and names, each with the figures that follow it."""

    roles: list[str | None]
    wraps: bool = False  # the converter wrapped cells at the column's width (its header too): lines go on a cell

    def __post_init__(self) -> None:
        self.rows: list[list[str]] = []
        self.pending: list[tuple[str, str]] = []  # group labels since the last indicator row
        self.closed = False
        self.levels = [self.roles.index(role) for role in ("level1", "level2") if role in self.roles]
        name = self.roles.index("name")
        self.name = name
        self.weight = next((k for k in range(name + 1, len(self.roles)) if self.roles[k] == "weight"), None)

    def _empty(self) -> list[str]:
        return [""] * len(self.roles)

    def add(self, text: str, figures: list[str]) -> None:
        if row_label(text) == "closing":  # 总分 | 100 | 95 ends the table
            self.flush()
            self.rows.append([text, *figures, *self._empty()][: len(self.roles)])
            self.closed = True
        elif len(figures) >= 2:
            row = self._empty()
            row[self.name], row[self.roles.index("points")] = text, figures[1]
            if self.weight is not None:
                row[self.weight] = figures[0]
            self._place_labels(row)
            self.rows.append(row)
        else:
            self.pending.append((text, figures[0] if figures else ""))

    def flush(self) -> None:
        """Labels with no indicator row after them (the table is cut off) as a row of their own."""
        if self.pending:
            row = self._empty()
            self._place_labels(row)
            self.rows.append(row)

    def _place_labels(self, row: list[str]) -> None:
        """The pending labels into ``row``'s level columns, innermost last; older ones in rows of their own."""
        labels, self.pending = self.pending, []
        inner = labels[-len(self.levels) :] if self.levels else []
        for label, figure in labels[: len(labels) - len(inner)]:
            self.rows.append(self._labelled(self._empty(), self.levels[0] if self.levels else self.name, label, figure))
        for column, (label, figure) in zip(self.levels[len(self.levels) - len(inner) :], inner, strict=True):
            self._labelled(row, column, label, figure)

    def _labelled(self, row: list[str], column: int, label: str, figure: str) -> list[str]:
        row[column] = label
        if column + 1 < len(self.roles) and self.roles[column + 1] == "weight":
            row[column + 1] = figure
        return row


# 绩效指标(90分): the caption of a form's indicator part, over all its columns; no column header carries points.
_CAPTION_POINTS = re.compile(r"[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]$")


_SIDE_LABEL_END_CHARS = 2  # 指标: the last characters of a side label, joined onto one line


def _caption_and_header(header: list[str]) -> tuple[list[str], list[str]]:
    """A header run that opens with its part's caption (绩效指标(90分)) → the caption row and the header proper."""
    if _CAPTION_POINTS.search(header[0]) and len(header) > _MIN_HEADER_CELLS and header_roles(header[1:]):
        return [header[0]], header[1:]
    return [], header


def _sub_header_in_place(header: list[str]) -> list[str]:
    """A two-row header flattened: the second row's 年度指标值 | 实际完成值 after the first row's cells, standing
    under its one 指标值 cell (指标性质 | 指标值 | 度量单位 | 分值 | … | 年度指标值 | 实际完成值) → in that cell's
    place, so that the rows' cells (≥ | 70 | 71.4 | 万亩 | 15 …) meet their columns."""
    roles = [column_role(cell) for cell in header]
    if len(roles) < _MIN_HEADER_CELLS + 2 or roles[-2:] != ["target", "actual"] or "actual" in roles[:-1]:
        return header
    spanning = [k for k, role in enumerate(roles[:-2]) if role == "target"]
    if len(spanning) != 1:
        return header
    k = spanning[0]
    return [*header[:k], *header[-2:], *header[k + 1 : -2]]


def _without_side_label(lines: list[str], i: int, header: list[str]) -> list[str]:
    """A header without the end of a label printed down the table's side a character a line (年 ⏎ 度 ⏎ 绩 ⏎ 效 ⏎
    指标), which a reader joined into its first cell: no column of the rows."""
    above = next((cell_text(line) for line in reversed(lines[max(0, i - 3) : i]) if cell_text(line)), "")
    side = len(above) == 1 and bool(_HAN.fullmatch(above)) and len(header[0]) <= _SIDE_LABEL_END_CHARS
    return header[1:] if side and len(header) > _MIN_HEADER_CELLS and header_roles(header[1:]) else header


def read_cell_per_line(lines: list[str], i: int) -> tuple[RawTable, int] | None:
    """An indicator table written one cell per line, starting with its header at line ``i``.

    Where empty cells are written (a bare `` |``, or, when every cell is followed by one
    blank line, a longer run of blank lines), every row has all its cells and rows are
    cut at the header's width; otherwise merged 一级/二级 cells are missing and rows are
    rebuilt by the level vocabulary.
    """
    run = _header_run(lines, i) or _scattered_header(lines, i)
    if run is None:
        return None
    header, j = run
    header_end = j
    blank_separated = _one_blank_between(lines, i, j)
    caption, header = _caption_and_header(_without_side_label(lines, i, _sub_header_in_place(header)))
    roles = header_roles(header)
    above = [caption] if caption else []
    cells: list[tuple[int, str]] = []
    explicit_empty = False
    closing_figures: int | None = None
    blanks = 0
    while j < len(lines):
        line = lines[j]
        if not line.strip():
            blanks += 1
            j += 1
            continue
        if page_number_line().match(line):
            j += 1
            continue  # the page's number between two pages of the table
        if (_ends_table(line) and not _reason_cell(lines, j, roles)) or _header_run(lines, j):
            break
        text = cell_text(line)
        if _signs_form(text) or (closing_figures and NUMBER_CELL.fullmatch(text) is None and row_label(text) is None):
            break  # 填报单位：… closes the form, as words after 总分 | 100 | 98 do
        if blank_separated and blanks >= 3:
            cells.extend((j, "") for _ in range((blanks - 1) // 2))  # each empty cell adds two blank lines
            explicit_empty = True
        cells.append((j, text))
        # the figures after a closing label (总分 | 100 | 98), None where no closing row is open
        if row_label(text) == "closing":
            closing_figures = 0
        elif closing_figures is not None:
            closing_figures = closing_figures + 1 if NUMBER_CELL.fullmatch(text) else None
        explicit_empty = explicit_empty or not cells[-1][1]
        blanks = 0
        j += 1
    end = cells[-1][0] + 1 if cells else j
    texts = [text for _, text in cells]
    led = _bar_led_rows(lines, cells)
    if led is not None:  # rows as they stand: a shorter one lost merged cells on its left, as converters drop them
        return RawTable([[RawCell(text) for text in row] for row in [*above, header, *led]]), end
    rows = _full_width_split(texts, roles) if explicit_empty else None
    if rows and j >= len(lines) and "actual" in roles and len(rows[-1]) <= roles.index("actual"):
        rows.pop()  # the text ends inside its last row, before the actual: a page cut off, the row's cells too
    if rows is not None:
        return RawTable([[RawCell(text) for text in row] for row in [*above, header, *rows]]), end
    header_lines = sum(1 for line in lines[i:header_end] if line.strip())
    builder = _RowBuilder(roles, wraps=header_lines > len(header) + len(above))
    for k, text in enumerate(texts):
        builder.add(text, texts[k + 1 : k + 1 + len(header)])
    table = builder.table(header)
    return RawTable([[RawCell(text) for text in row] for row in above] + table.rows), end


_SCATTER_CELLS = 40  # the cells a header interleaved with its first rows may spread over
_MIN_NUMBERED_ROWS = 3  # numbered rows after a scattered header: fewer are no sign of a form


def _scattered_header(lines: list[str], i: int) -> tuple[list[str], int] | None:
    """A header whose cells a flattened spreadsheet interleaved with its first rows (一级 | 年度 | 实际 | 指标值 |
    完成值 | 指标1：… | 500人 | 二级指标 | 三级指标 | 分值 | 得分 | 480人 …), then numbered rows (指标6：…).

    The header is each role's last cell (a broken cell's first word, 实际, gives way to 完成值), labels
    first, then the value columns in the order they stand; the rows start at the first numbered row after
    the last header cell (those before it lost their order). None unless such rows follow, each a name
    and a value. Cheap where no numbered rows are near (one search over the window's text).
    """
    if not _is_cell_line(lines[i]) or column_role(cell_text(lines[i])) is None:
        return None
    if i > 0 and _is_cell_line(lines[i - 1]) and column_role(cell_text(lines[i - 1])) is not None:
        return None  # the header's first cell is where its cells begin
    window = lines[i : i + 4 * _SCATTER_CELLS]
    if len(_NUMBERED_LINE.findall("\n".join(window))) < _MIN_NUMBERED_ROWS:
        return None
    cells: list[tuple[int, str]] = []
    last: dict[str, tuple[int, str]] = {}
    scanned = 0
    for scanned, line in enumerate(window, start=1):
        text = cell_text(line)
        if text and len(text) > _MAX_CELL_CHARS:
            return None
        if text and (role := column_role(text)) is not None:
            last[role] = (i + scanned - 1, text)
        if text:
            cells.append((i + scanned - 1, text))
        if len(cells) >= _SCATTER_CELLS:
            break
    labels = [last[role][1] for role in ("level1", "level2", "name") if role in last]
    values = [text for _, text in sorted(v for role, v in last.items() if role not in ("level1", "level2", "name"))]
    if "name" not in last or len(values) < 2 or len(last) <= _MIN_HEADER_CELLS or not header_roles([*labels, *values]):
        return None
    end = max(k for k, _ in last.values())
    rest = ((k, text) for k, line in enumerate(window[scanned:], start=i + scanned) if (text := cell_text(line)))
    numbered: list[int] = []  # the lines of the numbered rows after the header, each followed by a value
    opened = False
    for k, text in chain(((k, text) for k, text in cells if k > end), rest):
        if opened and not VALUE_CELL.fullmatch(text):
            return None
        if opened and len(numbered) == _MIN_NUMBERED_ROWS:
            return [*labels, *values], numbered[0]
        opened = bool(_ROW_MARKER.match(text))
        if opened:
            numbered.append(k)
    return None


# A line opening with a form's row number (指标6：…, | 指标6：…), found in a window's text at once.
_NUMBERED_LINE = re.compile(rf"^[ |]*(?:{alternation(vocabulary('tables')['rows']['markers'])})\s*\d", re.MULTILINE)


def _signs_form(cell: str) -> bool:
    """Does a form's signature line (填报人：…, 填报日期：…) open with this cell?"""
    return row_label(cell.split("：")[0].split(":")[0]) == "signature"


def _reason_cell(lines: list[str], j: int, roles: list[str | None]) -> bool:
    """Is the sentence on line ``j`` a row's 偏差原因 cell, the table going on after it?

    It is when the header has a reason column and the next cell opens a row: a 一级/二级 label,
    a row number (指标2) or a closing label (总分), or a name (wrapped over two lines at most) whose
    cells after it fill the row's values up to the reason (target, actual, 分值, 得分).
    """
    text = cell_text(lines[j])
    if "reason" not in roles or len(text) > _MAX_CELL_CHARS or ENUMERATION_START.match(text):
        return False  # a heading (三、…) ends the table whatever follows it
    reason = roles.index("reason")
    shape = roles[roles.index("name") + 1 : reason] if "name" in roles[:reason] else []
    window = [cell for line in lines[j + 1 : j + 4 + 2 * len(shape)] if (cell := cell_text(line))]
    following = window[0] if window else ""
    if not following:
        return False
    if level_of_label(following) is not None or bool(_ROW_MARKER.match(following)) or row_label(following) == "closing":
        return True
    named = {"weight", "points"} <= set(shape) and _HAN.search(following) and not _LEADS_VALUE.match(following)
    return bool(named) and any(_RowBuilder._values_fit(shape, window[start:]) for start in (1, 2))


def _full_width_split(texts: list[str], roles: list[str | None]) -> list[list[str]] | None:
    """Cells with their empty ones written, cut into rows of the header's width; or of one more, when every
    row opens with an empty cell the header has none over (a sheet's blank margin column, ``|`` before each
    row's first cell): that cell dropped. None when neither width puts each label in its column."""
    width = len(roles)
    if _full_width_rows(texts, roles):
        return [texts[k : k + width] for k in range(0, len(texts), width)]
    margin = [None, *roles]
    if len(texts) > width and not any(texts[:: width + 1]) and _full_width_rows(texts, margin):
        return [texts[k + 1 : k + width + 1] for k in range(0, len(texts), width + 1)]
    return None


def _full_width_rows(texts: list[str], roles: list[str | None]) -> bool:
    """Do cells with their empty ones written cut into rows of the header's width: each 一级/二级 label
    standing in its column (or naming its row: 服务对象满意度 under 三级指标)? Pages that leave merged cells
    out write rows of several widths."""
    width = len(roles)
    columns = {1: {"level1", "name"}, 2: {"level2", "name"}, 0: {"level1", "level2", "name"}}
    return all(
        roles[k % width] in columns[level]
        for k, text in enumerate(texts)
        if (level := level_of_label(text)) is not None
    )


def _bar_led_rows(lines: list[str], cells: list[tuple[int, str]]) -> list[list[str]] | None:
    """Rows of cells written one per line behind a bar (``| 二级指标``), each row's first cell without one.

    Page text views flatten HTML tables so: a line without a bar opens a row, unless the line
    before it held text (then it goes on with that cell: ``社会效益`` / ``指标``). Trailing
    empty cells (`` | |``) are left out. None when most cells have no bar before them.
    """
    led = [lines[j].lstrip().startswith("|") for j, _ in cells]
    if not cells or sum(led) * 2 < len(cells):
        return None
    rows: list[list[str]] = []
    after_text = False
    for (_, text), has_bar in zip(cells, led, strict=True):
        text = text.strip("| ")
        if not has_bar and rows and after_text:
            rows[-1][-1] = glue(rows[-1][-1], text) if text else rows[-1][-1]
        elif not has_bar or not rows:
            rows.append([text])
        else:
            rows[-1].append(text)
        after_text = bool(text)
    for row in rows:
        while row and not row[-1]:
            row.pop()
    return [row for row in rows if row]


def _one_blank_between(lines: list[str], start: int, end: int) -> bool:
    """Are the header's cells (lines ``start`` to ``end``) each followed by exactly one blank line?"""
    filled = [j for j in range(start, end) if lines[j].strip()]
    return len(filled) > 1 and all(b - a == 2 for a, b in pairwise(filled))


def split_spaced(line: str) -> list[str]:
    """A row's cells separated by spaces; a header run together (一级指标二级指标三级指标…) is cut by the vocabulary."""
    cells = [cell for cell in _SPACES.split(cell_text(line)) if cell]
    if len(cells) == 1:
        return _split_run_together_header(cells[0]) or cells
    return cells


def _split_run_together_header(text: str) -> list[str] | None:
    """Header cells written without separators, cut at the longest column keyword at each point."""
    keywords = column_keywords()
    cells: list[str] = []
    position = 0
    while position < len(text):
        keyword = next((k for k in keywords if text.startswith(k, position)), None)
        if keyword is None:
            return None
        cells.append(keyword)
        position += len(keyword)
    return cells if len(cells) >= _MIN_HEADER_CELLS and header_roles(cells) else None


_SPLIT_COMPARATOR = re.compile(r"(?:[≥≤><=≧≦＞＜＝]=?|>=|<=|大于等于|小于等于|大于|小于|等于)")
_NO_ENTRY = re.compile(r"[—\-–－/]{1,2}")
_SPLIT_FIGURE = re.compile(r"\d+(?:\.\d+)?")
# a unit cell after its figure: 万元, %, 人次, %(百分比) (a unit with its gloss)
_SPLIT_UNIT = re.compile(r"(?:%|‰|[\u4e00-\u9fff]{1,3}|[A-Za-z²³㎡]{1,3})(?:[(（][^()（）]{1,6}[)）])?")


def join_split_values(cells: list[str], width: int) -> list[str]:
    """A row wider than its header whose target stands in three cells (``≥ | 98 | %``) → one cell ``≥98%``.

    Layouts write a target's comparator, figure and unit in sub-columns under one 指标值
    header; only a row that overflows its header is joined, so a header that names those
    columns (指标性质, 度量单位) keeps them apart.
    """
    joined = list(cells)
    k = 0
    while len(joined) > width and k + 1 < len(joined):
        if _SPLIT_COMPARATOR.fullmatch(joined[k]) and _SPLIT_FIGURE.fullmatch(joined[k + 1]):
            end = k + 3 if k + 2 < len(joined) and _SPLIT_UNIT.fullmatch(joined[k + 2]) else k + 2
            joined[k:end] = ["".join(joined[k:end])]
        k += 1
    return joined


def _spaced_header(line: str) -> tuple[list[str], list[str]]:
    """A spaced header line and the caption it opens with (四、年度绩效指标完成情况 一级指标 …), if any."""
    header = split_spaced(line)
    if len(header) > _MIN_HEADER_CELLS and ENUMERATION_START.match(header[0]) and header_roles(header[1:]):
        return [header[0]], header[1:]
    # one character a cell (绩 效 指 标): a side label spaced out
    letters = next((k for k, cell in enumerate(header) if not _HAN.fullmatch(cell)), len(header))
    if letters >= _MIN_SPACED_LETTERS and header_roles(header[letters:]):
        return ["".join(header[:letters])], header[letters:]  # 绩 效 指 标 printed down the table's side
    return [], header


def read_spaced_rows(lines: list[str], i: int) -> tuple[RawTable, int] | None:
    """An indicator table whose header and rows separate their cells by spaces."""
    caption, header = _spaced_header(lines[i])
    roles = header_roles(header) if len(header) >= _MIN_HEADER_CELLS else None
    if roles is None:
        return None
    builder = _RowBuilder(roles)
    j = i + 1
    letters = ""  # a merged label printed a letter a line (产 ⏎ 出 ⏎ 指 ⏎ 标 数量指标 …), its last on the row's line
    while j < len(lines):
        line = lines[j]
        if not line.strip() or page_number_line().match(line):
            j += 1
            continue  # a blank line, or the page's number between two pages of the table
        cells = join_split_values(split_spaced(line), len(header))
        if (
            len(cells) == 1
            and _LABEL_LETTERS.fullmatch(cells[0])
            and row_label(cells[0]) is None
            and len(letters) < _MAX_LABEL_LETTERS
        ):
            letters += cells[0]
            j += 1
            continue
        if letters and cells and level_of_label(letters + cells[0]) is not None:
            cells = [letters + cells[0], *cells[1:]]
        elif letters and level_of_label(letters) is not None:
            builder.add_row([letters])  # 产出 ⏎ 数量指标 …: the label whole on its lines
        letters = ""
        if len(cells) > 1 and cells[0] in _label_tails():
            cells = cells[1:]  # 经济效益 ⏎ 指标 全年观影人数 …: the end of the label on the line above
        if _ends_table(line) and len(split_spaced(line)) < 2:
            break
        if not cells:  # a line of stray marks (a scan's | alone): no cell
            j += 1
            continue
        if _signs_form(cells[0]):
            break  # 填报人：… 填报日期：… closes the form
        if len(cells) == 1 and (
            _POINTS_ALONE.match(cells[0]) or not cells[0].strip("…. ") or cells[0] in _label_tails()
        ):
            # (50分): a merged 一级 label's points on a line of their own; ……: a template's unfilled row; 指标: the
            # end of a label wrapped in its merged cell (效益 ⏎ 指标)
            j += 1
            continue
        if len(cells) == 1 and (split := split_closing_row(cells[0]) or split_run_together(cells[0], roles)):
            cells = split
        elif (
            len(cells) == 1
            and level_of_label(cells[0]) is None
            and row_label(cells[0]) is None
            and not _ROW_MARKER.match(cells[0])  # a numbered row with no values (指标4.甲处置率): left blank
        ):
            break
        builder.add_row(cells)
        j += 1
    table = builder.table(header)
    return RawTable([[RawCell(caption[0])], *table.rows] if caption else table.rows), j


@cache
def _label_tails() -> frozenset[str]:
    """The word that ends the level labels (指标): alone on a line, the end of a label its cell wrapped."""
    return frozenset(vocabulary("tables")["rows"]["label_tails"])


_POINTS_ALONE = re.compile(r"^[(（]\s*\d{1,3}\s*分\s*[)）]$")
_BUDGET_CAPTION = re.compile(r"^(?:项目)?(?:资金|预算)[^\d]{0,10}$")  # 项目资金(万元): the block's label and unit
# A header cell's note of its points on a line of its own (得分 / (20分*执行率)).
_HEADER_NOTE = re.compile(r"[(（][^()（）\d]{0,6}\d{1,3}\s*分[^()（）]{0,12}[)）]")
# The caption's unit on a line of its own, the second line of its merged cell (项目资金 / (万元)).
_CAPTION_UNIT = re.compile(r"[(（]\s*(?:单位\s*[:：]\s*)?[千万亿]?元\s*[)）]")


def _budget_caption(lines: list[str], i: int) -> str | None:
    """The caption opening a budget block at line ``i``: 项目资金(万元), or a year's budget with its unit over the
    columns it groups (年度预算数(万元) ⏎ 年初预算 ⏎ 调整后预算数 …)."""
    text = cell_text(lines[i])
    if _is_budget_caption(text):
        return text
    grouped = next((cell_text(line) for line in lines[i + 1 : i + 3] if cell_text(line)), "")
    return text if _group_caption().fullmatch(text) and grouped in _grouped_openings() else None


@cache
def _grouped_openings() -> frozenset[str]:
    """The opening budget's words that stand first under a group caption (年初预算): budget.toml [table]."""
    return frozenset(vocabulary("budget")["table"]["planned_opening"])


@cache
def _group_caption() -> re.Pattern:
    """A year's budget with its unit, captioning the columns under it (年度预算数(万元) over 年初预算 | 调整后预算数):
    budget.toml [table] group_captions."""
    words = alternation(vocabulary("budget")["table"]["group_captions"])
    return re.compile(rf"(?:{words})\s*{_CAPTION_UNIT.pattern}")


def _is_budget_caption(text: str) -> bool:
    """项目资金(万元): a budget block's label and unit, no column of its own."""
    return _BUDGET_CAPTION.match(text) is not None and not is_budget_label(text)


def is_budget_header_run(lines: list[str], i: int) -> bool:
    """Three or more budget header cells one per line (年初预算数 / 全年预算数 / 全年执行数 …).

    The run may open with its caption (项目资金(万元)), which names the unit of the figures.
    """
    captioned = _budget_caption(lines, i) is not None
    return len(_budget_header(lines, i + captioned, _MIN_HEADER_CELLS, captioned)[0]) >= _MIN_HEADER_CELLS


def _budget_header(lines: list[str], j: int, most: int | None = None, captioned: bool = False) -> tuple[list[str], int]:
    """The budget header cells one per line from line ``j`` (blank lines between them allowed), at most ``most``
    of them, and the line after them; ``captioned``: under a caption, which 年初预算 may stand first under."""
    header: list[str] = []
    while j < len(lines) and (most is None or len(header) < most):
        if not cell_text(lines[j]):
            j += 1
            continue
        if captioned and not header and cell_text(lines[j]) in _grouped_openings():
            header.append(cell_text(lines[j]))  # 年初预算 under its group's caption: a column
            j += 1
            continue
        label = _budget_label_at(lines, j)
        if label is None:
            break
        header.append(label[0])
        j = label[1]
    return header, j


def _budget_label_at(lines: list[str], j: int) -> tuple[str, int] | None:
    """The budget header cell at line ``j`` and the line after it: a label, or one a converter wrapped onto the
    next line (年初预算 ⏎ 数, 全年执行 ⏎ 数)."""
    if not _is_cell_line(lines[j]):
        return None
    text = cell_text(lines[j])
    tail = cell_text(lines[j + 1]) if j + 1 < len(lines) else ""
    if tail in _header_tails() and is_budget_label(text + tail):
        return text + tail, j + 2
    return (text, j + 1) if is_budget_label(text) else None


def read_budget_cells(lines: list[str], i: int) -> tuple[RawTable, int]:
    """A budget block one cell per line: a header run, then rows of a label and its figures."""
    caption = _budget_caption(lines, i) or ""
    header, j = _budget_header(lines, i + 1 if caption else i, captioned=bool(caption))
    rows: list[list[str]] = [[caption, *header]]  # the first column holds each row's label
    while j < len(lines):
        line = lines[j]
        if not cell_text(line):
            j += 1
            continue
        text = cell_text(line)
        if _ends_table(line) or not _is_cell_line(line) or column_role(text) or is_budget_label(text):
            break
        if len(rows) == 1 and _CAPTION_UNIT.fullmatch(text):
            rows[0][0] += text
        elif len(rows) == 1 and _HEADER_NOTE.fullmatch(text):
            rows[0][-1] += text  # 得分 ⏎ (20分*执行率): the last header cell's note, on a line of its own
        elif _VALUE.fullmatch(text.replace(",", "")) or text in ("-", "—", "/"):
            if len(rows) == 1:
                rows.append([""])
            rows[-1].append(text)
        elif len(rows) > 1 and len(rows[-1]) == 1:
            break  # two labels in a row: the budget block is over
        else:
            rows.append([text])
        j += 1
    # a label row with no figures belongs to what follows, not to the budget
    while len(rows) > 1 and len(rows[-1]) == 1:
        rows.pop()
        j = _line_of(lines, rows, i)
    return RawTable([[RawCell(cell) for cell in row] for row in rows]), j


def read_spaced_budget(lines: list[str], i: int) -> tuple[RawTable, int] | None:
    """A budget block whose cells a page set apart by spaces: a header line of budget labels (预算数(A) 执行数(B)
    执行率(B/A) 得分), a note of its last cell on a line of its own, then rows of a label and its figures
    (年度财政资金总额 104 103.97 99.97 19). The header's label column is its caption (项目资金（万元）) or blank."""
    header = split_spaced(lines[i])
    caption = header[0] if header and _is_budget_caption(header[0]) else ""
    labels = header[1:] if caption else header
    if len(labels) < _MIN_HEADER_CELLS or not all(is_budget_label(cell) for cell in labels):
        return None
    rows: list[list[str]] = [[caption, *labels]]
    j = i + 1
    while j < len(lines):
        cells = split_spaced(lines[j])
        if not cells:
            j += 1
            continue
        if len(rows) == 1 and len(cells) == 1 and _HEADER_NOTE.fullmatch(cells[0]):
            rows[0][-1] += cells[0]  # 得分 ⏎ (20分*执行率)
            j += 1
            continue
        if all(_BLANK_MARK.fullmatch(cell) for cell in cells):
            j += 1
            continue  # a rule of dashes under the header: no row
        figures = [cell for cell in cells[1:] if is_list_figure(cell) or _BLANK_MARK.fullmatch(cell)]
        if len(cells) < 3 or is_list_figure(cells[0]) or len(figures) < len(cells) - 1:
            break
        rows.append(cells)
        j += 1
    if len(rows) < 2:
        return None
    return RawTable([[RawCell(cell) for cell in row] for row in rows]), j


_BLANK_MARK = re.compile(r"[—\-–/]+")  # a cell the form leaves blank with a dash (上年结转资金 | 0 | — | —)


def _line_of(lines: list[str], rows: list[list[str]], i: int) -> int:
    """The line after the last cell of ``rows`` (counted from line ``i``)."""
    remaining = sum(bool(cell) for row in rows for cell in row)
    j = i
    while j < len(lines) and remaining:
        if cell_text(lines[j]):
            remaining -= 1
        j += 1
    return j


_MIN_FLATTENED_CHARS = 100


def explode_flattened_line(line: str) -> list[str] | None:
    """A 自评表 flattened into one line of space-separated cells → the text before it, then one cell per line.

    Pages of document-sharing sites give a whole form as one line; from its first budget or
    indicator header on, every space-separated token is a cell (a header cell's column letter
    joined to it), so the cell-per-line readers can rebuild it. None when the line holds no such header.
    """
    if len(line) < _MIN_FLATTENED_CHARS or not could_open_table(line):
        return None
    tokens = _with_column_letters([token for token in _SPACES.split(line.strip()) if token])
    for start in range(len(tokens) - _MIN_HEADER_CELLS + 1):
        if is_budget_header_run(tokens, start) or _header_run(tokens, start) or _scattered_header(tokens, start):
            before = " ".join(tokens[:start])
            return ([before] if before else []) + tokens[start:]
    return None


def _with_column_letters(tokens: list[str]) -> list[str]:
    """Tokens with the letter or note an indicator header cell names its column by, set apart by a space (年初目标值
    (A), 实际完成值 (B)), joined to that cell again: the header's words stay a run of cells."""
    joined: list[str] = []
    for token in tokens:
        if joined and _HEADER_SUFFIX.fullmatch(token) and column_role(joined[-1]) is not None:
            joined[-1] += token
        else:
            joined.append(token)
    return joined


_BROKEN_HEAD_CHARS = 2  # 年度 / 指标值, 实际 / 完成值, 年初 / 预算数: a cell's first line is a short word
_BROKEN_LINE_CHARS = 12  # longer lines (with their spaces and bars) are no such word: skip them cheaply
_BROKEN_LABEL_CHARS = 8  # 可持续影响 / 指标, 服务对象满意度 / 指标: a label's first line, waiting for its 指标


def join_broken_cells(lines: list[str]) -> list[str]:
    """Header and label cells a page broke over two lines (年度<br>指标值), joined again.

    Two cells join when the first is a short word and together they are a header keyword,
    a budget label or an indicator label of the vocabulary (经济效益 / 指标); the blank lines
    between them go too, so blank-separated cells keep their spacing.
    """
    known = known_cell_words()
    joined: list[str] = []
    i = 0
    while i < len(lines):
        head = cell_text(lines[i]) if len(lines[i]) <= _BROKEN_LINE_CHARS else ""
        label = _broken_statement_label(lines, i) if head else None
        if label is not None:
            whole, i = label
            joined.append(whole)
            continue
        if 0 < len(head) <= _BROKEN_LABEL_CHARS:
            k = i + 1
            while k < len(lines) and not lines[k].strip():
                k += 1
            tail = cell_text(lines[k]) if k < len(lines) else ""  # a bar alone is a cell's end, not its second line
            if tail and (whole := head + tail) in known and _breaks(head, whole):
                joined.append(lines[i].replace(head, whole, 1))
                i = k + 1
                continue
        joined.append(lines[i])
        i += 1
    return joined


_MAX_LABEL_PIECES = 3  # 偏差大或 / 目标未完成 / 原因分析: a form's row label over the lines of its cell


def _broken_statement_label(lines: list[str], i: int) -> tuple[str, int] | None:
    """A statement row's label a page broke over the lines of its cell (改进措施及 / 结果应用方案), joined, and
    the line after it; None when the short lines from ``i`` make no such label."""
    labels = _statement_row_labels()
    whole = ""
    for j in range(i, min(i + _MAX_LABEL_PIECES, len(lines))):
        piece = cell_text(lines[j]) if len(lines[j]) <= _BROKEN_LINE_CHARS else ""
        if not piece or len(piece) > _BROKEN_LABEL_CHARS:
            return None
        whole += piece
        if j > i and whole in labels:
            barred = lines[j].rstrip().endswith("|")  # a cell's bar, kept: 偏差大或 | ⏎ … ⏎ 原因分析 |
            return (f"{whole} |" if barred else whole), j + 1
    return None


@cache
def _statement_row_labels() -> frozenset[str]:
    """The labels of a 自评表's statement rows (statements.toml [rows]) long enough to be broken over lines."""
    rows = vocabulary("statements")["rows"]
    return frozenset(label for label in rows["problem"] + rows["suggestion"] if len(label) > _BROKEN_LABEL_CHARS)


def _breaks(head: str, whole: str) -> bool:
    """Is ``head`` only the start of ``whole`` (a short word, or a label waiting for its 指标)?"""
    return len(head) <= _BROKEN_HEAD_CHARS or (whole.endswith("指标") and level_of_label(whole) is not None)


# A header cell's letter or unit written after it: 全年实际值(B), 得分系数(%), 年初目标值().
_HEADER_SUFFIX = re.compile(r"[(（][^()（）]{0,6}[)）]")
_MIN_RUN_TOGETHER_LINE = 60  # a form run into one line is long; shorter lines are rows (split_run_together)
_CHARS_PER_BROKEN_CELL = 20  # a run-together form may keep a space per cell broken over two lines, not one per cell
_MAX_STREAM_CHARS = 3000  # the rows of one form (a longer line is cut here)
_ROW_MARKER = row_marker()
# A page number a document-sharing site puts at the start of each page's text (2、预算执行率…).
_PAGE_MARKER = re.compile(r"^\d{1,2}、(?=\S)")
_SENTENCE_STOP = re.compile(r"[。；;]\s*$")


@cache
def _header_tails() -> frozenset[str]:
    """A header cell's last characters that are no keyword of their own (全年完成 | 值): tables.toml."""
    return frozenset(vocabulary("tables")["wrapped_headers"]["tails"])


@cache
def _header_links() -> frozenset[str]:
    """The words joining two keywords of one role into one cell (未完成原因和改进措施): tables.toml."""
    return frozenset(vocabulary("tables")["wrapped_headers"]["links"])


_MAX_REASON_LEAD = 3  # 偏差及原因分析: the few characters a reason header writes before its keyword
_MAX_JOINED_LEAD = 4  # 未完成原因及拟采取的改进措施: the words between a joiner and the reason keyword it adds


def _led_reason_keyword(text: str, position: int, leads: range = range(1, _MAX_REASON_LEAD + 1)) -> str | None:
    """A reason header whose keyword comes after a short lead (偏差及 | 原因分析), as one cell; None if no such cell."""
    keywords = column_keywords()
    for lead in leads:
        if lead and not _HAN.fullmatch(text[position + lead - 1 : position + lead]):
            return None
        keyword = next((k for k in keywords if text.startswith(k, position + lead)), None)
        if keyword is not None:
            return text[position : position + lead] + keyword if column_role(keyword) == "reason" else None
    return None


def _header_cells_at(text: str, position: int) -> tuple[list[str], int]:
    """Header keywords written one after another from ``position``, each with its (unit), and where they end.

    ``未完成原因及改进措施`` is one cell: two keywords of one role joined by 及 (和, 与), the second of a
    reason header after a few words of its own (未完成原因及拟采取的改进措施).
    """
    keywords = column_keywords()
    cells: list[str] = []
    while position < len(text):
        keyword = next((k for k in keywords if text.startswith(k, position)), None)
        if keyword is None and cells:
            keyword = _scrambled_keyword(text, position)
        if keyword is None and cells:
            keyword = _led_reason_keyword(text, position)
        if keyword is None:
            break
        position += len(keyword)
        if text[position : position + 1] in _header_tails() and not any(text.startswith(k, position) for k in keywords):
            keyword += text[position]  # 全年完成 | 值: the cell's last character after a shorter keyword
            position += 1
        if text[position : position + 1] in _header_links():
            more = next((k for k in keywords if text.startswith(k, position + 1)), None)
            if more is None and column_role(keyword) == "reason":
                more = _led_reason_keyword(text, position + 1, range(_MAX_JOINED_LEAD + 1))
            if more is not None and column_role(more) == column_role(keyword):
                keyword += text[position] + more
                position += 1 + len(more)
        suffix = _HEADER_SUFFIX.match(text, position)
        if suffix is not None:
            keyword += suffix.group()
            position = suffix.end()
        cells.append(keyword)
    return cells, position


_MIN_SCRAMBLED_CHARS = 4  # shorter keywords (分值, 得分) have too few orders to tell a scramble from a word


@lru_cache(maxsize=1)
def _keywords_by_letters() -> dict[tuple[int, str], str]:
    """(length, sorted characters) → header keyword, for the keywords long enough to know when scrambled."""
    return {
        (len(keyword), "".join(sorted(keyword))): keyword
        for keyword in reversed(column_keywords())
        if len(keyword) >= _MIN_SCRAMBLED_CHARS
    }


def _scrambled_keyword(text: str, position: int) -> str | None:
    """A header keyword whose characters OCR read out of order (a two-line 实际 / 完成值 read as 际完实成值).

    Only inside a header run (after a keyword was read): the keyword itself is returned, as
    the cell's text, so that the column keeps its role.
    """
    by_letters = _keywords_by_letters()
    for length in range(_MIN_SCRAMBLED_CHARS, 7):
        keyword = by_letters.get((length, "".join(sorted(text[position : position + length]))))
        if keyword is not None:
            return keyword
    return None


def _run_together_header(text: str) -> tuple[int, int, list[str]] | None:
    """The first indicator header run together inside a line (一级指标二级指标三级指标分值…): span and cells."""
    for start in range(len(text)):
        if not could_open_table(text[start : start + 6]):
            continue
        cells, end = _header_cells_at(text, start)
        if cells and column_role(cells[0]) in RUN_VALUE_ROLES:
            continue  # a 权重 before any name column is the last word of a group's label (…自评权重): no row has it
        if len(cells) >= _MIN_HEADER_CELLS and (header_roles(cells) or scoring_roles(cells)):
            return start, end, cells
    return None


def read_run_together_form(lines: list[str], i: int) -> tuple[str, RawTable, str, int] | None:
    """A 自评表 whose header and rows run together in one line (pages of document-sharing sites).

    Returns the text before the header, the table, the text after its last row, and the
    line after the last line it used. The rows may go on over the next lines (a line
    break inside a cell, or a page break with its page number ``2、``). None when line
    ``i`` holds no run-together header followed by rows. A shorter line that is a header and nothing else has its
    rows run together on the lines after it, one or a label a line (数量指标甲项10人12人 / 经济效益 / 指标 / …).
    """
    line = _without_broken_cells(lines[i].strip())
    if line is None or not could_open_table(line):
        return None
    alone = len(line) < _MIN_RUN_TOGETHER_LINE
    found = _header_line(line) if alone else _run_together_header(line)
    if found is None:
        return None
    start, end, header = found
    roles = header_roles(header)
    segments = [line[end:]]
    at = [i]  # the line of each segment
    j = i + 1
    while j < len(lines):
        following = _row_line(lines[j]) if alone else _continues_stream(segments[-1], lines[j])
        if following is None:
            break
        if following:
            segments.append(_PAGE_MARKER.sub("", following))
            at.append(j)
        j += 1
    stream = "".join(segments)[:_MAX_STREAM_CHARS]
    if roles is None:  # a 评分表's header (names and points only): its labels and rows say what they are
        table, table_end = _run_together_scoring(header, stream)
        if table is None:
            return None
        used, rest = _rest_after(segments, table_end)
        return line[:start], table, rest, at[used] + 1
    rows, table_end = split_run_together_rows(stream, roles)
    if not rows:
        return None
    builder = _RowBuilder(roles)
    value_count = len(run_value_roles(roles))
    for cells in rows:
        builder.add_split(cells, value_count)
    used, rest = _rest_after(segments, table_end)
    closing = _CLOSING_AFTER_ROWS.match(rest)
    total = split_closing_row(closing.group(1)) if closing is not None else None
    if total is not None:
        builder.add_row(total)
        rest = rest[closing.end() :]
    return line[:start], builder.table(header), rest, at[used] + 1


def _rest_after(segments: list[str], table_end: int) -> tuple[int, str]:
    """The segment a table's stream ends in (by its end in the joined stream) and that segment's text after it."""
    used, offset = 0, 0
    while used < len(segments) - 1 and offset + len(segments[used]) <= table_end:
        offset += len(segments[used])
        used += 1
    return used, segments[used][table_end - offset :]


def _run_together_scoring(header: list[str], stream: str) -> tuple[RawTable | None, int]:
    """A 评分表's rows run together after its header (项目决策(25分)绩效目标(6分)目标内容22进度计划22…).

    A group label carries its points in a bracket, or none (its words are a level label of the
    vocabulary, peeled off the name after it); a row's name is followed by its 分值 and 得分 glued
    (108 is 10 | 8: ``split_weight_and_points``). The rows are then built as for a 评分表 written one
    cell per line. Returns the table (None: fewer than two rows) and how much of ``stream`` it used;
    reading stops at the first text that is neither: a sentence, a figure with its unit (得分88分), the cut.
    """
    builder = _ScoringRows(scoring_roles(header))
    position = rows = 0
    while not builder.closed and (item := _SCORING_ITEM.match(stream, position)) is not None:
        figures = [item["points"]] if item["points"] else split_weight_and_points(item["digits"])
        if figures is None or (item["digits"] and _UNIT_AFTER_FIGURE.match(stream, item.end())):
            break
        position = item.end()
        labels = level_prefixes(item["text"]) if len(figures) == 2 else []
        name = item["text"][sum(map(len, labels)) :]
        if len(name) < _MIN_NAME_CHARS:
            labels, name = [], item["text"]  # labels that leave no name are the name (资金到位率)
        for label in labels:
            builder.add(label, [])  # 产出指标数量指标培训人数1010: the groups' labels, written without points
        if name:  # a bracket of points with no label before it (使用范围11(3分)) is a broken cell: left out
            builder.add(name, figures)
            rows += len(figures) == 2
    if rows < _MIN_SCORING_ROWS:
        return None, 0
    builder.flush()
    return RawTable([[RawCell(text) for text in row] for row in [header, *builder.rows]]), position


_MAX_SCORING_TEXT_CHARS = 20  # a label's or a row's name; a longer run of words is a sentence after the table
_MAX_GLUED_FIGURE_CHARS = 12  # 分值 and 得分 glued (100100, 12.512.5)
# A 评分表's label with its points in a bracket, or a row's name with its 分值 and 得分 glued after it.
_SCORING_ITEM = re.compile(
    rf"(?P<text>[\u4e00-\u9fff、]{{0,{_MAX_SCORING_TEXT_CHARS}}}?)"
    rf"(?:[(（](?P<points>{NUMBER_CELL.pattern})分[)）]|(?P<digits>[\d.]{{2,{_MAX_GLUED_FIGURE_CHARS}}}))(?![\d.])"
)
# What follows a figure as its unit (得分88分, 资金20万元): a sentence's figure, no row's 分值 and 得分.
_UNIT_AFTER_FIGURE = re.compile(r"分(?![\u4e00-\u9fff])|万|元|%|％")  # 分配过程: a name, no unit
_MIN_SCORING_ROWS = 2
_MIN_NAME_CHARS = 2


def _header_line(line: str) -> tuple[int, int, list[str]] | None:
    """A line that is a run-together header and nothing else: its span and cells."""
    cells, end = _header_cells_at(line, 0)
    return (0, end, cells) if end == len(line) and len(cells) >= _MIN_HEADER_CELLS and header_roles(cells) else None


def _row_line(line: str) -> str | None:
    """A line of rows run together under a header line (blank: ""), or None where they end: a sentence, or a
    line longer than a row."""
    text = line.strip()
    if len(text) > MAX_STREAM_ROW_CHARS or _SENTENCE_STOP.search(text) or _SENTENCE_END.search(text):
        return None
    return _without_broken_cells(text)


# The total row after a form's last row (……总分100100): a few filler marks, its label, its figures run together.
_CLOSING_AFTER_ROWS = re.compile(r"[…\.。\-—\s]{0,6}([\u4e00-\u9fff]{2,6}[:：]?[\d.]{1,12})")


def _continues_stream(previous: str, line: str) -> str | None:
    """``line`` without its broken-cell spaces when it goes on with a run-together form (no sentence ended,
    a figure or page number first), else None."""
    text = _without_broken_cells(line.strip())
    if not text or not text[0].isdigit() or _SENTENCE_STOP.search(previous):
        return None
    return text


# A space where a cell broke over two lines (产出 | 指标, 管理制 | 度): between Chinese characters.
_BROKEN_CELL_SPACE = re.compile(r"(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])")


def _without_broken_cells(line: str) -> str | None:
    """A line of a run-together form with the spaces of its broken cells taken out; None when its spaces
    separate cells (more than a few, and some of them not inside Chinese text)."""
    if " " not in line:
        return line
    if line.count(" ") * _CHARS_PER_BROKEN_CELL < len(line) or " " not in _BROKEN_CELL_SPACE.sub("", line):
        return line.replace(" ", "")
    return None
