"""Tables laid out in columns of spaces: the text a layout-keeping PDF conversion or an OCR engine gives of a form.

Every cell stands below its header cell, as far from the line's start as it looks on screen (a Chinese character
two columns wide), with runs of spaces between cells and none of a grid's marks. The header may take two lines
(一级 / 指标, 实际 / 完成值), a cell's text may wrap onto the lines below, a merged 一级 label may be printed one
character a line down its rows, and OCR leaves stray bars (丨) and digits broken by a space (1 200). The columns
come from the header's positions; a line with a cell under the name column (三级指标, or a budget table's label
column) opens a row, the other lines go on with the cells above them.
Hand-written because the column positions and the header words are the domain's; no table extractor reads text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from nlp.reading.readers.text_tables import could_open_table
from nlp.text.blocks import RawCell, RawTable
from nlp.text.vocabulary import (
    column_role,
    header_roles,
    is_budget_label,
    is_page_foot,
    level_of_label,
    total_row_words,
    vocabulary,
)

_GAP = re.compile(r"[ \u3000]{2,}|\t")  # what separates two cells; one space stays inside a cell (1 200, 2023年 12月)
_STRAY = re.compile(r"^[|丨｜¦]+$")  # a scan's bar, read as a mark of its own
_BROKEN_DIGITS = re.compile(r"(?<=[\d.]) (?=[\d.])")
_OCR_ZERO = re.compile(r"(?<=\d)[Oo]|[Oo](?=[\d.%])")  # OCR reads 0 as the letter O (1O, 9O%, 2O23)
_OTHER_LETTERS = re.compile("[A-NP-Za-np-z]")  # a cell with other Latin letters (CO2, ISO9001) is no misread figure
# Two figures in one cell (372.29万元 372.29万元, 524m 524m): cells only one space apart, so the text is no layout of
# columns (a date's 2023年 12月 may be one cell, and a clause's mark between two figures makes them a sentence's:
# 变动率≤0，得 5 分).
_TWO_FIGURES = re.compile(r"\d[^\s\d年月日，,；;。：:]{0,3}\s+[^\s\d，,；;。：:]{0,2}\d")
_MIN_BUDGET_LABELS = 3
_ALIGN_SLACK = 2  # screen columns a cell may start left of its header cell
_MAX_HEADER_CELL_CHARS = 12
_MAX_HEADER_CELLS = 30  # the widest forms have 13 columns; a line of more short words is no header
_MAX_BLANK_LINES = 1  # two blank lines end the table
_MAX_TABLE_LINES = 400


@dataclass
class _Column:
    start: int  # screen column where the header cell starts
    header: str


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


Measure = Callable[[str], int]


def _cells(line: str, measure: Measure = _width) -> list[tuple[int, str]]:
    """The cells of a line, each with the column it starts at; a stray bar is no cell."""
    cells = []
    position = width = 0  # where the last piece ended, in characters and in columns
    for piece in _GAP.split(line.rstrip()):
        start = line.index(piece, position) if piece else position
        width += measure(line[position:start])
        position = start + len(piece)
        text = piece.strip()
        if text and not _STRAY.match(text):
            cells.append((width + measure(piece) - measure(piece.lstrip()), text))
        width += measure(piece)
    return cells


_MEASURE_LINES = 4  # the first body lines tell how the converter counted columns (later ones may be a next table)
_MAX_DRIFT = 10  # a cell's distance from the nearest header cell counted at most (a wrapped line's text)


def _measure(lines: list[str], i: int) -> Measure:
    """How the text counts columns: on screen (a Chinese character two wide: OCR, a hand-aligned page) or a
    character each (pdftotext -layout); the one that sets the lines' cells closer under the header's."""

    def drift(measure: Measure) -> float:
        starts = sorted(start for start, _ in _cells(lines[i], measure))
        body = [start for line in lines[i + 1 : i + 1 + _MEASURE_LINES] for start, _ in _cells(line, measure)]
        return _drift(starts, body, _ALIGN_SLACK)

    return len if drift(len) < drift(_width) else _width


def _drift(targets: list[int], positions: list[float], slack: int = 0) -> float:
    """How far ``positions`` stand from the nearest of the sorted ``targets``, beyond ``slack``, each counted at
    most ``_MAX_DRIFT`` (a wrapped line's text far from any column); 0 without targets."""
    total = 0.0
    for position in positions if targets else ():
        k = bisect_left(targets, position)
        nearest = min(abs(targets[m] - position) for m in (k - 1, k) if 0 <= m < len(targets))
        total += min(_MAX_DRIFT, max(0.0, nearest - slack))
    return total


def _repeats_header(cells: list[tuple[int, str]], columns: list[_Column]) -> bool:
    """Is a line the header (or a line of it) printed again: three cells or more, each a piece of the header cell it
    stands under (not 度指 ⏎ 指标 ⏎ 度, the ends of wrapped labels and a name, which other header cells hold)?"""
    if len(cells) < _MIN_HEADER_PIECES:
        return False
    under = [_nearest(columns, start) for start, _ in cells]
    return all(k is not None and text in columns[k].header for k, (_, text) in zip(under, cells, strict=True))


_MIN_HEADER_PIECES = 3


def _split_at_columns(cells: list[tuple[int, str]], columns: list[_Column], measure: Measure) -> list[tuple[int, str]]:
    """Cells cut at each single space where a column of their own begins: a wide cell run up to a figure under the
    next column (…扣完为止。 5 under 分值), or narrow columns a converter set one space apart (≥ 2800 人次 2798 under
    指标性质 | 指标值 | 度量单位 | 实际完成值). Not a figure OCR broke with a space (98. 15, 1 200). Linear in a
    cell's length: each space's column is measured on from the one before."""
    split = []
    for start, text in cells:
        own = _nearest(columns, start)
        piece_start, cut, at, measured = start, 0, start, 0
        space = text.find(" ")
        while space >= 0 and own is not None:
            at += measure(text[measured : space + 1])
            measured = space + 1
            under = _nearest(columns, at)
            after = text[space + 1 : space + 1 + _MAX_TOKEN_CHARS]
            if (
                under is not None
                and under > own
                and abs(columns[under].start - at) <= _ALIGN_SLACK
                and not _broken_figure(text[max(cut, space - _MAX_TOKEN_CHARS) : space], after)
                # a figure with its unit or date word (2023年 11月) goes on in its cell
                and not (_LEADING_FIGURE.match(after) and not _FIGURE_TOKEN.match(after))
                # a unit after its figure (3346 批次) is no 分值 or 得分
                and not (column_role(columns[under].header) in _FIGURE_COLUMNS and not after[:1].isdigit())
            ):
                split.append((piece_start, text[cut:space]))
                piece_start, cut, own = at, space + 1, under
            space = text.find(" ", space + 1)
        split.append((piece_start, text[cut:]))
    return split


_MAX_TOKEN_CHARS = 12  # of the figures either side of a space that decide whether it breaks one
_FIGURE_COLUMNS = ("weight", "points")
_LEADING_FIGURE = re.compile(r"\d")
_FIGURE_TOKEN = re.compile(r"[\d.]+%?(?: |$)")


def _broken_figure(before: str, after: str) -> bool:
    """Is a space inside one figure (98. 15 as OCR reads it, 1 200 with a thousands' space) rather than between two
    cells' figures (10 9.99)?"""
    return (before.endswith(".") and after[:1].isdigit()) or bool(_THOUSANDS.search(before) and _GROUP.match(after))


_THOUSANDS = re.compile(r"(?<![\d.])\d{1,3}$")
_GROUP = re.compile(r"\d{3}(?![\d.])")


def _nearest(columns: list[_Column], start: int) -> int | None:
    """The column a cell starting at ``start`` stands under: the one whose header starts nearest, the right one of
    two as near (a wrapped line of a wide cell drifts left of it)."""
    if not columns or start + _ALIGN_SLACK < columns[0].start:
        return None
    distances = [abs(column.start - start) for column in columns]
    nearest = min(distances)
    return max(i for i, distance in enumerate(distances) if distance == nearest)


_HAN = re.compile(r"[\u4e00-\u9fff]")
_HAN_GAP = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")


def _header_piece(text: str) -> bool:
    """Could a cell be a header word's line: short, words or a bracketed note ((A), (%)) and no figure; not a rule of
    dashes under the header?"""
    worded = _HAN.search(text) is not None or text.startswith(("(", "（"))
    return len(text) <= _MAX_HEADER_CELL_CHARS and not any(c.isdigit() for c in text) and worded


def _han_gaps(line: str, measure: Measure) -> list[tuple[int, str]]:
    """A header line's cells where one space between two words of Chinese is a gap too (二级指 三级指标), as
    pdftotext sets narrow columns. Linear in the line's length."""
    cells = []
    for start, text in _cells(line, measure):
        position, at = 0, start
        for gap in [*_HAN_GAP.finditer(text), None]:
            end = gap.start() if gap else len(text)
            cells.append((at, text[position:end]))
            if gap:
                at += measure(text[position : gap.end()])
                position = gap.end()
    return cells


CellsOf = Callable[[str, Measure], list[tuple[int, str]]]


def _header(lines: list[str], i: int, measure: Measure) -> tuple[list[_Column], str, int] | None:
    """The columns of a header at line ``i`` (and the header lines below it, if it goes on), the table's kind
    (``indicators`` or ``budget``) and the first line after the header. Read twice, with a space between words of
    Chinese kept in its cell (年度 指标值, as OCR or a typist spaces a word) and taken for a gap (二级指 三级指标, as
    pdftotext sets narrow columns): the reading that names more distinct columns wins, the first on a tie."""
    readings = [found for cells_of in (_cells, _han_gaps) if (found := _header_read(lines, i, measure, cells_of))]
    if not readings:
        return None
    return max(readings, key=lambda found: len({column_role(c.header) for c in found[0]} - {None}))


def _header_read(
    lines: list[str], i: int, measure: Measure, cells_of: CellsOf
) -> tuple[list[_Column], str, int] | None:
    cells = cells_of(lines[i], measure)
    if not 3 <= len(cells) <= _MAX_HEADER_CELLS or any(len(text) > _MAX_HEADER_CELL_CHARS for _, text in cells):
        return None
    columns = [_Column(start, text) for start, text in cells]
    kind = _kind(columns)
    after = i + 1
    below = cells_of(lines[after], measure) if after < len(lines) else []
    if below and all(_header_piece(text) for _, text in below):
        merged = _merged_header(columns, below)
        # the first line may name its columns only with the second (实际完 ⏎ 成值: the actual)
        if (merged_kind := _kind(merged)) is not None:
            columns, kind, after = merged, merged_kind, after + 1
            while (
                after < len(lines)
                and after - i < _MAX_HEADER_LINES
                and _header_tail(columns, cells_of(lines[after], measure))
            ):
                columns, after = _merged_header(columns, cells_of(lines[after], measure)), after + 1
    return None if kind is None else (columns, kind, after)


# a narrow column's header wraps over four lines at most (偏差原因 / 分析及改 / 进措施; 指 / 标 / 性 / 质)
_MAX_HEADER_LINES = 4
_MAX_WORD_TAIL_CHARS = 2


def _header_tail(columns: list[_Column], cells: list[tuple[int, str]]) -> bool:
    """Are a line's cells the last pieces of header cells a narrow column wrapped (进措施 under 偏差原因分析及改): each
    under a header cell, naming a column with it?"""
    if not cells:
        return False
    for start, text in cells:
        near = sorted(
            (c for c in columns if abs(c.start - start) <= _ALIGN_SLACK * 2), key=lambda c: abs(c.start - start)
        )
        role = column_role(near[0].header) if near else None
        joined = column_role(near[0].header + text) if near else None
        # the same column's word going on, or a word or two finishing a narrower one (指标 ⏎ 性 ⏎ 质: 指标性质)
        if role is None or any(ch.isdigit() for ch in text) or joined is None:
            return False
        if joined != role and len(text) > _MAX_WORD_TAIL_CHARS:
            return False
    return True


def _merged_header(columns: list[_Column], below: list[tuple[int, str]]) -> list[_Column]:
    """A header whose cells go on one line down (一级 / 指标); a cell below with none above is a column of its own."""
    merged = [_Column(column.start, column.header) for column in columns]
    for start, text in below:
        # the nearest cell, or one the piece finishes into a header word (分 ⏎ 值 beside 得分: 分值)
        near = sorted(
            (c for c in merged if abs(c.start - start) <= _ALIGN_SLACK * 2),
            key=lambda c: (not _finishes_word(c.header, text), abs(c.start - start)),
        )
        if near:
            near[0].header += text
            # a centred header's lines start apart (分 ⏎ 值): its column between them
            near[0].start = (near[0].start + start + 1) // 2
        else:
            merged.append(_Column(start, text))
    return sorted(merged, key=lambda column: column.start)


def _finishes_word(header: str, piece: str) -> bool:
    """Does a piece make a header cell that names no column alone into one that does (分 + 值)?"""
    return column_role(header) is None and column_role(header + piece) is not None


def _kind(columns: list[_Column]) -> str | None:
    headers = [column.header for column in columns]
    if header_roles(headers) is not None:
        return "indicators"
    if sum(is_budget_label(header) for header in headers) >= _MIN_BUDGET_LABELS:
        return "budget"
    return None


def _figure_read(cell: str) -> str:
    """A cell with what OCR broke in its figures mended: a space inside a number, O for 0 (not in CO2 or ISO9001)."""
    cell = _BROKEN_DIGITS.sub("", cell)
    return cell if _OTHER_LETTERS.search(cell) else _OCR_ZERO.sub("0", cell)


def _placed(columns: list[_Column], start: int) -> int | None:
    """The column of a cell: a cell opening left of the second column is the first column's (a budget row's label
    indented under its caption, 其中：当年财政拨款), else the nearest."""
    if len(columns) > 1 and start + _ALIGN_SLACK < columns[1].start:
        return 0
    return _nearest(columns, start)


_VALUE_ROLES = frozenset({"nature", "target", "unit", "actual", "weight", "points"})


def _states_values(indexes: set[int | None], roles: list[str | None] | None) -> bool:
    """Does a line state values beside its key cell? A budget row's label is enough (its figures may be dashes);
    an indicator's name needs a target, actual or score beside it (a wrapped name's rest has at most a reason's)."""
    return roles is None or any(index is not None and roles[index] in _VALUE_ROLES for index in indexes)


_POINTS_ONLY = re.compile(r"^[(（]\s*\d{1,3}(?:\.\d+)?\s*分\s*[)）]$")  # (30分) under a merged 一级 label
_FIGURE_OR_DASH = re.compile(r"\d|^[—\-–/]+$")


def _stays_in_table(cells: list[tuple[int, str]], columns: list[_Column], kind: str, opens_row: bool) -> bool:
    """Whether a line is the table's. A budget row states a figure (or a dash) past its label; an indicator table's
    row with its values is, and a line opening left of its second column with a cell that is no piece of a merged
    一级 label (产 / 出 / 指 / 标, 成本 / 指标) or its 总分 is the text after it."""
    if kind == "budget":
        return any(_FIGURE_OR_DASH.search(text) for start, text in cells if _nearest(columns, start) not in (None, 0))
    if opens_row:
        return True
    first_start, first = cells[0]
    if len(columns) < 2 or first_start + _ALIGN_SLACK >= columns[1].start:
        return True
    return (
        len(first) <= 2
        or level_of_label(first) is not None
        or bool(_POINTS_ONLY.match(first))
        or first.startswith(total_row_words())
    )


_MAX_PAGE_GAP = 80  # blank lines a page's foot and the next page's head may take


def _after_page_break(lines: list[str], j: int) -> int | None:
    """Where the table goes on after a page break (blank lines and the page's number, — 3 —), or None when the
    blank lines end it: no page number among them."""
    end = j
    numbered = False
    while end < len(lines) and end - j < _MAX_PAGE_GAP and (not lines[end].strip() or is_page_foot(lines[end])):
        numbered = numbered or is_page_foot(lines[end])
        end += 1
    return end if numbered and end < len(lines) and end - j < _MAX_PAGE_GAP else None


_MIN_ALIGNED_SHARE = 0.6  # of a layout's cells that start under a header cell; wrapped text drifts a little


def _aligned(starts: list[int], columns: list[_Column]) -> bool:
    """Do the body's cells start under the header's cells, as a layout-keeping conversion sets them?"""
    if not starts:
        return True
    near = sum(1 for start in starts if min(abs(column.start - start) for column in columns) <= 2 * _ALIGN_SLACK)
    return near >= _MIN_ALIGNED_SHARE * len(starts)


_MAX_CROWDED_SHARE = 0.5  # of a layout's lines that put two cells under one column; more are cells not under theirs
_INNER_GAP = re.compile(r"(?<=\S)[ \u3000]{2,}(?=\S)")
_MIN_GAPS = 10
_EVEN_GAP_SHARE = 0.8


def _evenly_spaced(gaps: list[int]) -> bool:
    """Are the cells set apart by one run of spaces of a fixed length (six spaces between any two), as a page
    copied into text does, not by the varying runs that put them under their columns?"""
    if len(gaps) < _MIN_GAPS:
        return False
    return Counter(gaps).most_common(1)[0][1] >= _EVEN_GAP_SHARE * len(gaps)


_MIN_CENTRED_COLUMNS = 2


def _rows(body: list[tuple[bool, bool, list[tuple[int, str]]]], width: int) -> list[list[str]]:
    """The rows of the table's lines. A row opens at a line with its name and values; the lines after it go on
    with its cells, unless the table centres its cells on their row's line (lines of text above the first row's
    points, a 评分表 whose 评分标准 wraps): then a row is a line with its name and points, and each line is its
    nearest row's, the earlier of two as near."""
    scored = [k for k, (_, points, _) in enumerate(body) if points]
    # text of two columns or more above the first row's points (指标解释 and 评分标准), not a lone name wrapped
    above = {index for _, _, cells in body[: scored[0]] for index, _ in cells} if scored else set()
    centred = len(above) >= _MIN_CENTRED_COLUMNS
    anchors = scored if centred else [k for k, (opens, _, _) in enumerate(body) if opens]
    rows = [[""] * width for _ in anchors] or [[""] * width]
    for k, (_, _, cells) in enumerate(body):
        if centred:
            row = min(range(len(anchors)), key=lambda a: (abs(anchors[a] - k), a))
        else:
            row = max(sum(1 for a in anchors if a <= k) - 1, 0)
        for index, text in cells:
            rows[row][index] += text
    return rows


_TARGET_AND_ACTUAL = frozenset({"target", "actual"})
_FIGURE_OR_BOUND = re.compile(r"[\d≥≤<>=]")


def _whole_row(
    placed: list[tuple[int | None, str]], indexes: set[int | None], roles: list[str | None] | None, scored: set[int]
) -> bool:
    """Does a line hold a row of its own rather than the wrapped rest of the row above: in a scored table, its
    points, a 一级/二级 label, or both a target and an actual, one a figure (a row whose points are blank is still
    one; a unit's rest wrapped under both, （套）, is not)?"""
    if not scored or scored & indexes or any(level_of_label(text) is not None for _, text in placed):
        return True
    values = {roles[index]: text for index, text in placed if index is not None and roles and roles[index]}
    return set(values) >= _TARGET_AND_ACTUAL and any(
        _FIGURE_OR_BOUND.search(values[role]) for role in _TARGET_AND_ACTUAL
    )


_WRAPPED_DIGITS = re.compile(r"\d{1,2}")
_MOST_POINTS = float(vocabulary("budget")["scores"]["most_with_bonus"])
_SCORE = re.compile(r"\d{1,4}(?:\.\d{1,3})?")


def _finishes_figures(placed: list[tuple[int | None, str]], above: list[tuple[int, str]], whole: bool = False) -> bool:
    """Does a line end figures a narrow column wrapped in the line above: a digit under a figure cut after its point
    (286. ⏎ 5), or, ``whole``, every cell digits under a figure (总分 | 10 | 99.2 ⏎ 0 | 2)?"""
    cells = dict(above)
    if not whole:
        return any(index in cells and cells[index].endswith(".") and text[:1].isdigit() for index, text in placed)
    ends = [
        index in cells and _LEADING_FIGURE.match(text) is not None and _FIGURE_END.search(cells[index]) is not None
        for index, text in placed
        if index is not None
    ]
    # a total's points with their wrapped end stay a score (10 ⏎ 0 is 100; 30 and a page's 2 are no 302)
    joined = [cells[index] + text for index, text in placed if index in cells]
    return bool(ends) and all(ends) and all(_SCORE.fullmatch(j) and float(j) <= _MOST_POINTS for j in joined)


_FIGURE_END = re.compile(r"\d\.?$")


Cells = list[tuple[int, str]]
_PAGE_SCALES = tuple(s / 20 for s in range(16, 31))  # 0.80 … 1.50
_PAGE_SHIFTS = range(-10, 11)
_PAGE_LINES = 3  # the first lines after a page break that tell its grid
_MAX_PAGE_SAMPLE = 30  # cells of those lines weighed (a line of a thousand cells is no row)
_MIN_PAGE_GAIN = 0.5  # the share of the drift a page's own grid must remove to be taken


def _as_set(cells: Cells) -> Cells:
    return cells


def _page_grid(
    lines: list[str], j: int, before: Iterable[int], measure: Measure, unless_under: list[int] | None = None
) -> Callable[[Cells], Cells]:
    """How the page after a break sets its columns against the pages before: pdftotext -layout lays out each page
    on a grid of its own, so a long table's next page may stand wider or narrower (5 12 19 26 35 where the first
    page had 7 14 21 31 43). The scale and shift that set the page's first lines' cells nearest where the cells
    ``before`` it started, where they remove at least half the drift; else the cells as they stand. Given the
    header's columns ``unless_under`` (after a blank line that may be no page break), no fit is sought where every
    cell already stands under one of them: the search costs milliseconds, and rows a blank line apart are many."""
    sample = [start for line in lines[j : j + _PAGE_LINES] for start, _ in _cells(line, measure)][:_MAX_PAGE_SAMPLE]
    if not sample or (unless_under is not None and not _drift(unless_under, sample, _ALIGN_SLACK)):
        return _as_set
    starts = sorted(set(before))
    plain = _drift(starts, sample)
    best = min(
        ((_drift(starts, [a * s + b for s in sample]), a, b) for a in _PAGE_SCALES for b in _PAGE_SHIFTS),
        key=lambda found: found[0],
    )
    if best[0] > (1 - _MIN_PAGE_GAIN) * plain:
        return _as_set
    _, scale, shift = best
    return lambda cells: [(round(scale * start + shift), text) for start, text in cells]


def _first_value(roles: list[str | None] | None) -> int:
    return next((k for k, role in enumerate(roles or []) if role in _VALUE_ROLES), len(roles or []))


def read_layout_columns(lines: list[str], i: int) -> tuple[RawTable, int] | None:
    """The table whose header is at line ``i`` and the index of the line after it, or None."""
    if ("  " not in lines[i] and "\t" not in lines[i]) or not could_open_table(lines[i]):
        return None  # the cheap tests every line of prose takes
    measure = _measure(lines, i)
    found = _header(lines, i, measure)
    if found is None:
        return None
    columns, kind, j = found
    # the column whose cell opens a row: the indicator's name, or a budget table's label column (its first)
    roles = header_roles([column.header for column in columns]) if kind == "indicators" else None
    # the last name column before the values: 三级指标, not a 绩效指标 label printed down the table's side
    names = [k for k, role in enumerate(roles or []) if role == "name" and k < _first_value(roles)]
    key = names[-1] if names else 0
    scored = {k for k, role in enumerate(roles or []) if role in ("weight", "points")}
    starts: list[int] = []  # where each body cell starts on screen
    seen: set[int] = set()  # …each place once
    crowded = 0  # the lines that put two of their cells under one column
    gaps = [len(gap) for gap in _INNER_GAP.findall(lines[i])]  # the runs of spaces between a line's cells
    body: list[tuple[bool, bool, list[tuple[int, str]]]] = []  # each line: opens a row, states its points, its cells
    blanks = 0
    page = _as_set  # where the page sets its cells, as the header's columns count them
    while j < len(lines) and j - i < _MAX_TABLE_LINES:
        if not lines[j].strip() or is_page_foot(lines[j]):
            blanks += 1
            if blanks > _MAX_BLANK_LINES:
                resumed = _after_page_break(lines, j)
                if resumed is None:
                    break
                j, blanks = resumed, 0
                page = _page_grid(lines, j, starts or [column.start for column in columns], measure)
                continue
            j += 1
            continue
        if blanks:  # after any blank line (a page break may leave one, pdftotext's form feed) the page may set its own
            # grid, taken only where it sets the cells nearer the header's and earlier rows' columns
            under = [column.start for column in columns]
            page = _page_grid(lines, j, seen.union(under), measure, unless_under=under)
        blanks = 0
        raw = page(_cells(lines[j], measure))
        cells = _split_at_columns(raw, columns, measure)
        if not cells or _repeats_header(cells, columns):
            j += 1
            continue  # a line of a scan's stray bars, or the header printed again on the next page
        placed = [(_placed(columns, start), text) for start, text in cells]
        indexes = {index for index, _ in placed}
        # a cell under the key column with values beside it opens a row; alone, it is the rest of a wrapped name
        total = cells[0][1].startswith(total_row_words())
        # …and, where the table scores its rows, its points or a label or both its target and actual (a wrapped
        # name's rest beside a wrapped target's has none of them)
        opens_row = total or (
            key in indexes
            and _states_values(indexes, roles)
            and _whole_row(placed, indexes, roles, scored)
            and not (body and _finishes_figures(placed, body[-1][2]))
        )
        if not _stays_in_table(cells, columns, kind, opens_row):
            break
        if any(_TWO_FIGURES.search(_BROKEN_DIGITS.sub("", text)) for _, text in raw):
            return None  # figures one space apart (287 287 171 10 60% 6): rows of spaced cells, read by their reader
        starts += [start for start, _ in cells]
        seen.update(start for start, _ in cells)
        crowded += len(indexes - {None}) < sum(1 for index, _ in placed if index is not None)
        gaps += [len(gap) for gap in _INNER_GAP.findall(lines[j])]
        keep = [(index, text) for index, text in placed if index is not None]
        # a piece of a 一级 label printed down its rows: the 二级 label implies it
        keep = [(k, t) for k, t in keep if not (roles and roles[k] == "level1" and level_of_label(t) is None) or total]
        body.append((opens_row, total or (key in indexes and bool(scored & indexes)), keep))
        j += 1
        if total:
            # 总分 closes the table, the ends of its figures a narrow column wrapped (10 ⏎ 0) with it
            wrapped = j < len(lines) and not is_page_foot(lines[j])
            rest = [(_placed(columns, start), text) for start, text in _cells(lines[j], measure)] if wrapped else []
            if (
                rest
                and all(_WRAPPED_DIGITS.fullmatch(text) for _, text in rest)
                and _finishes_figures(rest, keep, True)
            ):
                body.append((False, False, [(k, t) for k, t in rest if k is not None]))
                j += 1
            break
    if not _aligned(starts, columns) or _evenly_spaced(gaps) or crowded > _MAX_CROWDED_SHARE * len(body):
        return None  # cells set apart by runs of spaces but not under their header's: spaced rows, not a layout
    rows = _rows(body, len(columns))
    rows = [[_figure_read(cell) for cell in row] for row in rows if any(row)]
    if not rows:
        return None
    header = [RawCell(column.header) for column in columns]
    return RawTable([header, *([RawCell(cell) for cell in row] for row in rows)]), j
