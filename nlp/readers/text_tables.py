"""Indicator tables flattened into lines of text, in the surface forms scrapes and converters make.

Tab-flattened Word tables and Markdown pipe tables are read in ``plaintext``; this
module reads the forms that carry no reliable column structure of their own and
so need the header's vocabulary to be put back into a grid:

- one cell per line (with or without blank lines between cells, with or without a
  trailing `` |``), recognised by a run of header cells (一级指标 / 二级指标 /
  三级指标 / 年度指标值 / 实际完成值 …);
- rows whose cells are separated by single spaces, under a header row of the same
  kind;
- rows whose cells run together with no separator (``培训人数10≥200人次≥215人次10``),
  split by the value grammar in the header's column order.

Rows are rebuilt the way a reader does it: 一级 and 二级 labels are recognised by
the indicator vocabulary (they are merged cells, written once for several rows),
the other cells fill the columns after them in the header's order.
Hand-written because no table extractor reads tables that have lost their grid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from nlp.blocks import RawCell, RawTable
from nlp.normalize import ENUMERATION_START, fold_width
from nlp.vocabulary import (
    column_keywords,
    column_role,
    header_roles,
    is_budget_label,
    known_cell_words,
    level_of_label,
    row_label,
)

_TRAILING_PIPE = re.compile(r"\s*\|\s*$")
_LEADING_PIPE = re.compile(r"^\s*\|\s*")
# Longest a line may be and still be one cell; longer lines are prose.
_MAX_CELL_CHARS = 60
_MIN_HEADER_CELLS = 3  # a header run shorter than this is not taken for a table
_SENTENCE_END = re.compile(r"[。！？!?]\s*$")
# A value as written in a cell: comparator, number, unit (≥200人次, 95%, 10, 2023年12月).
_VALUE = re.compile(
    r"(?:[≥≤><=≧≦＞＜]|不低于|不高于|不超过|大于|小于)?\s*\d+(?:\.\d+)?\s*"
    r"(?:%|‰|[A-Za-z²³㎡]+|[\u4e00-\u9fff]{1,3}?(?=[≥≤><=≧≦＞＜\d]|$))?"
)
_SPACES = re.compile(r"[ \u3000]+")
_ROW_NUMBER = re.compile(r"\d{1,3}")


# Every header a text table can open with (一级指标, 年度指标值, 年初预算数, 项目资金 …) has one of these.
_OPENING_HINT = re.compile(r"指标|预算|执行|分值|得分|权重|目标|完成|标准|实际|资金|评分|级|计划|预期|批复|序号|编号")


def could_open_table(line: str) -> bool:
    """A cheap first test, so that prose lines cost one regex search and no header analysis."""
    return bool(_OPENING_HINT.search(line))


def cell_text(line: str) -> str:
    """A line read as one cell: without a leading or trailing pipe and surrounding space."""
    return _LEADING_PIPE.sub("", _TRAILING_PIPE.sub("", line)).strip()


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
    if ENUMERATION_START.match(text) and level_of_label(text) is None:
        return True
    return bool(_SENTENCE_END.search(text) and len(text) > 25)


@dataclass
class _RowBuilder:
    """Places a stream of cells into full-width rows, by the header's roles and the level vocabulary."""

    roles: list[str | None]

    def __post_init__(self) -> None:
        self.rows: list[list[str]] = []
        self.row: list[str] | None = None
        self.next_column = 0
        self.first_free = self._first_free_column()

    def _first_free_column(self) -> int:
        """The first column after the 一级/二级 label columns: where a row's own cells begin."""
        levels = [i for i, role in enumerate(self.roles) if role in ("level1", "level2")]
        return max(levels) + 1 if levels else 0

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
        self.next_column = max(self.next_column, column + 1, self.first_free)
        return True

    def add(self, text: str, ahead: list[str], stream: bool = True) -> None:
        """One cell; ``ahead`` are the cells after it (to tell 一级 from 二级 for 成本指标, and an empty last cell).

        In a ``stream`` of cells with no row boundaries, a cell standing where the last
        column (偏差原因) belongs but followed by a whole row's values (target, actual,
        分值, 得分) is the next row's name: the last column was left empty.
        """
        level = level_of_label(text)
        if level == 0:
            level = 1 if ahead and level_of_label(ahead[0]) == 2 else 2
        if level and self._place_level(level, text):
            return
        if self._is_row_number(text, ahead):
            self._open()
            self.row[self.roles.index("index")] = text
            return
        if row_label(text) == "closing":
            self._open()
            self.row[0] = text
            self.next_column = 1
            return
        if self.row is None or self.next_column >= len(self.roles) or (stream and self._opens_next_row(ahead)):
            self._open()
        self.row[self.next_column] = text
        self.next_column += 1

    def _is_row_number(self, text: str, ahead: list[str]) -> bool:
        """序号 1, 2, 3 …: a small number opening a row, where the last row is complete or a label follows."""
        if "index" not in self.roles or not _ROW_NUMBER.fullmatch(text):
            return False
        complete = self.row is None or self.next_column >= len(self.roles)
        return complete or bool(ahead and level_of_label(ahead[0]) is not None)

    def _opens_next_row(self, ahead: list[str]) -> bool:
        if self.row is None or self.next_column >= len(self.roles) or self.roles[self.next_column] != "reason":
            return False
        shape = self.roles[self.first_free + 1 : self.next_column]  # the columns between a name and its reason
        if len(ahead) < len(shape) or not {"weight", "points"} & set(shape):
            return False
        return all(
            _NUMBER_CELL.fullmatch(cell) if role in ("weight", "points") else bool(cell) and not level_of_label(cell)
            for role, cell in zip(shape, ahead, strict=False)
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
            self.add(cell, cells[i + 1 :], stream=False)
        self._close()

    def table(self, header: list[str]) -> RawTable:
        self._close()
        return RawTable([[RawCell(text) for text in row] for row in [header, *self.rows]])


def _header_run(lines: list[str], i: int) -> tuple[list[str], int] | None:
    """Header cells standing one per line from line ``i`` (blank lines allowed), and the line after them."""
    cells: list[str] = []
    after = j = i
    while j < len(lines):
        line = lines[j]
        if not line.strip():
            j += 1
            continue
        if not _is_cell_line(line) or column_role(cell_text(line)) is None:
            break
        cells.append(cell_text(line))
        j += 1
        after = j  # the blank lines after the last header cell belong to the rows (empty cells)
    if len(cells) >= _MIN_HEADER_CELLS and header_roles(cells):
        return cells, after
    return None


def read_cell_per_line(lines: list[str], i: int) -> tuple[RawTable, int] | None:
    """An indicator table written one cell per line, starting with its header at line ``i``.

    Where empty cells are written (a bare `` |``, or, when every cell is followed by one
    blank line, a longer run of blank lines), every row has all its cells and rows are
    cut at the header's width; otherwise merged 一级/二级 cells are missing and rows are
    rebuilt by the level vocabulary.
    """
    run = _header_run(lines, i)
    if run is None:
        return None
    header, j = run
    blank_separated = _one_blank_between(lines, i, j)
    cells: list[tuple[int, str]] = []
    explicit_empty = False
    blanks = 0
    while j < len(lines):
        line = lines[j]
        if not line.strip():
            blanks += 1
            j += 1
            continue
        if _ends_table(line) or _header_run(lines, j):
            break
        if blank_separated and blanks >= 3:
            cells.extend((j, "") for _ in range((blanks - 1) // 2))  # each empty cell adds two blank lines
            explicit_empty = True
        cells.append((j, cell_text(line)))
        explicit_empty = explicit_empty or not cells[-1][1]
        blanks = 0
        j += 1
    end = cells[-1][0] + 1 if cells else j
    texts = [text for _, text in cells]
    if explicit_empty:
        width = len(header)
        rows = [texts[k : k + width] for k in range(0, len(texts), width)]
        return RawTable([[RawCell(text) for text in row] for row in [header, *rows]]), end
    builder = _RowBuilder(header_roles(header))
    for k, text in enumerate(texts):
        builder.add(text, texts[k + 1 : k + 1 + len(header)])
    return builder.table(header), end


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


def read_spaced_rows(lines: list[str], i: int) -> tuple[RawTable, int] | None:
    """An indicator table whose header and rows separate their cells by spaces."""
    header = split_spaced(lines[i])
    roles = header_roles(header) if len(header) >= _MIN_HEADER_CELLS else None
    if roles is None:
        return None
    builder = _RowBuilder(roles)
    j = i + 1
    while j < len(lines):
        line = lines[j]
        if not line.strip():
            j += 1
            continue
        if _ends_table(line) and len(split_spaced(line)) < 2:
            break
        cells = split_spaced(line)
        if row_label(cells[0].split("：")[0].split(":")[0]) == "signature":
            break  # 填报人：… 填报日期：… closes the form
        if len(cells) == 1 and (split := _split_closing_row(cells[0]) or split_run_together(cells[0], roles)):
            cells = split
        elif len(cells) == 1 and level_of_label(cells[0]) is None and row_label(cells[0]) is None:
            break
        builder.add_row(cells)
        j += 1
    return builder.table(header), j


_NUMBER_CELL = re.compile(r"(?:100|[1-9]?\d)(?:\.\d{1,2})?")  # 分值 and 得分: 0 to 100, no leading zero
_VALUE_CELL = re.compile(
    r"(?:平均|累计|全年|约|共)?(?:[≥≤><=≧≦＞＜]|不低于|不高于|不超过|大于|小于)?(?:0|[1-9][\d,]*)(?:\.\d+)?"
    r"(?:%|‰|[A-Za-z²³㎡]{1,3}|[\u4e00-\u9fff]{1,3})?"
)
_TEXT_CELL = re.compile(r"[\u4e00-\u9fff]{2,}")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_RUN_VALUE_ROLES = ("weight", "target", "actual", "points", "reason")


def split_run_together(text: str, roles: list[str | None]) -> list[str] | None:
    """``培训人数10≥200人次≥215人次10`` → its cells, in the header's column order.

    Leading labels (一级, 二级) are peeled off by the level vocabulary; the name runs up to
    where the rest splits exactly into the header's value columns: 分值 and 得分 as small
    numbers, targets and actuals as values with comparator and unit (or as words, when a
    qualitative target is copied as its actual). Of the name ends that allow such a split,
    the one whose targets and actuals look most like values (unit, comparator, words) wins.
    Returns None when no split accounts for every value column.
    """
    value_roles = [role for role in roles if role in _RUN_VALUE_ROLES]
    if value_roles and value_roles[-1] != "reason":
        value_roles = [role for role in value_roles if role != "reason"]  # only a last reason column can be cut
    if len(value_roles) < 2 or len(text) > _MAX_RUN_CHARS:
        return None
    labels = _level_prefixes(text)
    head = text[sum(len(label) for label in labels) :]
    best: tuple[int, list[str]] | None = None
    for name_end in range(2, len(head)):
        if len(_HAN.findall(head[:name_end])) < 2 or not _may_start_values(head, name_end, value_roles):
            continue
        values = _split_values(head[name_end:], tuple(value_roles))
        if values is not None and (best is None or _plausibility(values, value_roles) > best[0]):
            best = (_plausibility(values, value_roles), [*labels, head[:name_end], *values])
    return best[1] if best else None


def _may_start_values(head: str, position: int, value_roles: list[str]) -> bool:
    """Can the value columns begin here: a digit or comparator, or a word written twice (target = actual)?"""
    if head[position].isdigit() or head[position] in "≥≤><=≧≦＞＜":
        return True
    return "target" in value_roles and any(
        _copied_text(head[position:], end, ("target", "actual")) for end in range(2, len(head) - position)
    )


def _plausibility(values: list[str], value_roles: list[str]) -> int:
    """How much a split looks like a row: targets and actuals with a comparator, unit or words score."""
    return sum(
        not _NUMBER_CELL.fullmatch(value)
        for value, role in zip(values, value_roles, strict=False)
        if role in ("target", "actual")
    )


_MAX_RUN_CHARS = 120


@lru_cache(maxsize=8192)
def _split_values(rest: str, value_roles: tuple[str, ...]) -> tuple[str, ...] | None:
    """``rest`` cut into one cell per value role, longest cells first; None when it cannot be.

    Cached, so each (remaining text, remaining columns) is tried once: a search that
    fails on a long run of digits stays polynomial instead of trying every cut again.
    """
    if not value_roles:
        return () if not rest else None
    role = value_roles[0]
    if role == "reason":  # the last column: whatever text is left, or none
        return (rest,) if len(value_roles) == 1 and not rest[:1].isdigit() else None
    pattern = _NUMBER_CELL if role in ("weight", "points") else _VALUE_CELL
    for end in range(len(rest), 0, -1):
        cell = rest[:end]
        as_text = (role == "actual" and _TEXT_CELL.fullmatch(cell)) or (
            role == "target" and _copied_text(rest, end, value_roles)
        )
        if pattern.fullmatch(cell) or as_text:
            tail = _split_values(rest[end:], value_roles[1:])
            if tail is not None:
                return (cell, *tail)
    return None


def _copied_text(rest: str, end: int, value_roles: tuple[str, ...]) -> bool:
    """A qualitative target written again as its actual (明显增强明显增强): the first of two equal words."""
    cell = rest[:end]
    return bool(_TEXT_CELL.fullmatch(cell)) and value_roles[:2] == ("target", "actual") and rest[end : 2 * end] == cell


def _split_closing_row(text: str) -> list[str] | None:
    """``合计100100`` → 合计 | 100 | 100 (a total row run together: its 分值 and 得分)."""
    label = next((text[:end] for end in range(min(len(text), 6), 1, -1) if row_label(text[:end]) == "closing"), None)
    if label is None:
        return None
    rest = text[len(label) :]
    for roles in (("weight", "points"), ("points",)):
        values = _split_values(rest, roles)
        if values is not None:
            return [label, *values]
    return None


def _level_prefixes(head: str) -> list[str]:
    """The 一级/二级 labels a run-together row starts with (``产出指标数量指标培训人数``)."""
    found: list[str] = []
    rest = head
    while True:
        match = next(
            (rest[:end] for end in range(min(len(rest) - 1, 12), 1, -1) if level_of_label(rest[:end]) is not None),
            None,
        )
        if match is None:
            return found
        found.append(match)
        rest = rest[len(match) :]


_BUDGET_CAPTION = re.compile(r"^(?:项目)?(?:资金|预算)[^\d]{0,10}$")  # 项目资金(万元): the block's label and unit


def _budget_caption(lines: list[str], i: int) -> str | None:
    text = cell_text(lines[i])
    return text if _BUDGET_CAPTION.match(text) and not is_budget_label(text) else None


def is_budget_header_run(lines: list[str], i: int) -> bool:
    """Three or more budget header cells one per line (年初预算数 / 全年预算数 / 全年执行数 …).

    The run may open with its caption (项目资金(万元)), which names the unit of the figures.
    """
    count = 0
    start = i + 1 if _budget_caption(lines, i) else i
    for j in range(start, len(lines)):
        if not cell_text(lines[j]):
            continue
        if not (_is_cell_line(lines[j]) and is_budget_label(cell_text(lines[j]))):
            break
        count += 1
        if count >= _MIN_HEADER_CELLS:
            return True
    return False


def read_budget_cells(lines: list[str], i: int) -> tuple[RawTable, int]:
    """A budget block one cell per line: a header run, then rows of a label and its figures."""
    caption = _budget_caption(lines, i) or ""
    header: list[str] = []
    j = i + 1 if caption else i
    while j < len(lines) and (not cell_text(lines[j]) or is_budget_label(cell_text(lines[j]))):
        if cell_text(lines[j]):
            header.append(cell_text(lines[j]))
        j += 1
    rows: list[list[str]] = [[caption, *header]]  # the first column holds each row's label
    while j < len(lines):
        line = lines[j]
        if not cell_text(line):
            j += 1
            continue
        text = cell_text(line)
        if _ends_table(line) or not _is_cell_line(line) or column_role(text) or is_budget_label(text):
            break
        if _VALUE.fullmatch(text.replace(",", "")) or text in ("-", "—", "/"):
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
    indicator header on, every space-separated token is a cell, so the cell-per-line readers
    can rebuild it. None when the line holds no such header.
    """
    if len(line) < _MIN_FLATTENED_CHARS or not could_open_table(line):
        return None
    tokens = [token for token in _SPACES.split(line.strip()) if token]
    for start in range(len(tokens) - _MIN_HEADER_CELLS + 1):
        if is_budget_header_run(tokens, start) or _header_run(tokens, start):
            before = " ".join(tokens[:start])
            return ([before] if before else []) + tokens[start:]
    return None


_BROKEN_HEAD_CHARS = 2  # 年度 / 指标值, 实际 / 完成值, 年初 / 预算数: a cell's first line is a short word
_BROKEN_LINE_CHARS = 12  # longer lines (with their spaces and bars) are no such word: skip them cheaply


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
        if 0 < len(head) <= _BROKEN_HEAD_CHARS + 2:
            k = i + 1
            while k < len(lines) and not lines[k].strip():
                k += 1
            if k < len(lines) and (whole := head + cell_text(lines[k])) in known and _breaks(head, whole):
                joined.append(lines[i].replace(head, whole, 1))
                i = k + 1
                continue
        joined.append(lines[i])
        i += 1
    return joined


def _breaks(head: str, whole: str) -> bool:
    """Is ``head`` only the start of ``whole`` (a short word, or a label waiting for its 指标)?"""
    return len(head) <= _BROKEN_HEAD_CHARS or (whole.endswith("指标") and level_of_label(whole) is not None)
