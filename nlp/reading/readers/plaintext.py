"""Plain text and Markdown: paragraphs, Markdown hints and three encodings of tables.

Tables reach us as text in three shapes, all handled here because they are all
"lines of a text file":
- tab-flattened (what DOCX→text converters make of Word tables, seeds 003/004):
  one cell per line with a leading tab, rows split by blank lines, a cell's text
  continued on lines without a tab (``满意`` / ``度指标``);
- Markdown pipe tables;
- tab-separated rows (table-of-contents lines, chart residue: ``label\t1``).
"""

from __future__ import annotations

import re
from itertools import zip_longest

from nlp.reading.readers.keyed_rows import read_keyed_rows
from nlp.reading.readers.layout_columns import read_layout_columns
from nlp.reading.readers.text_tables import (
    could_open_table,
    explode_flattened_line,
    is_budget_header_run,
    join_broken_cells,
    read_budget_cells,
    read_cell_per_line,
    read_result_list_cells,
    read_run_together_form,
    read_scoring_cells,
    read_spaced_budget,
    read_spaced_result_list,
    read_spaced_rows,
)
from nlp.text.blocks import RawBlock, RawCell, RawParagraph, RawTable
from nlp.text.normalize import glue, glue_lines, is_emphasized, starts_enumeration
from nlp.text.vocabulary import is_page_foot, level_of_label, marker, row_label, title_sign

# What ends a line besides \n: a carriage return, a form feed, and the line and paragraph separators some pages use
# (left inside a line they read as spaces no rule expects).
_LINE_BREAKS = re.compile("[\r\f\v\x85\u2028\u2029]")
_FULL_WIDTH_BAR = "\uff5c"
_TAB_CELL = re.compile(r"^[ \u3000]*\t")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
# A pipe row without outer pipes needs this many cells to tell it from prose with a bar in it.
_MIN_BARE_PIPE_CELLS = 3
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HAN_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")
# A border line of a grid table (pandoc, text converters): +----+----+, or |    +----+ under a row-spanning cell.
_GRID_BORDER = re.compile(r"^\s*[+|](?:[ ]*[-=:]{3,}[ ]*[+|]|[ ]+[+|])+\s*$")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
# Rows of one table are one blank line apart; two or more blank lines before a
# tab-led line start the next table (seed 003 puts five 自评表 back to back).
_BLANKS_BETWEEN_TABLES = 2
_BULLET = re.compile(r"^\s*[-*+•·]\s+")  # a Markdown or typed list bullet
_INDENT = re.compile(r"^(?: {2,}|\u3000)")


def _is_blank(line: str) -> bool:
    """Empty or white space; a tab-led line is an (empty) table cell, not blank."""
    return not line.strip() and not _TAB_CELL.match(line)


def _is_tsv_row(line: str) -> bool:
    """A tab-led line with more cells after it is a row with an empty first cell, not a tab-flattened cell."""
    return line.lstrip(" \u3000").count("\t") >= 2 and bool(line.strip())


def _has_inner_tab(line: str) -> bool:
    return "\t" in line.strip(" \t\u3000")


def _next_nonblank(lines: list[str], index: int) -> str | None:
    for line in lines[index:]:
        if not _is_blank(line):
            return line
    return None


def _read_tab_flattened(lines: list[str], i: int) -> tuple[RawTable, int]:
    """Read a tab-flattened table starting at line ``i``; return it and the next line index."""
    rows: list[list[str]] = []
    blank_run = 0
    while i < len(lines):
        line = lines[i]
        if _TAB_CELL.match(line):
            if rows and blank_run >= _BLANKS_BETWEEN_TABLES:
                break
            cells = line.lstrip(" \u3000").split("\t")[1:]
            if blank_run or not rows:
                rows.append([])
            rows[-1].extend(cell.strip() for cell in cells)
            blank_run = 0
        elif _is_blank(line):
            blank_run += 1
        else:
            # Text without a tab continues the current cell when it follows it
            # directly, or when the cell is still empty and the table goes on
            # (Word cells whose content begins with empty paragraphs).
            follows_cell = not blank_run
            fills_empty_cell = (
                rows
                and rows[-1]
                and not rows[-1][-1]
                and (nxt := _next_nonblank(lines, i + 1)) is not None
                and _TAB_CELL.match(nxt)
            )
            if not (follows_cell or fills_empty_cell):
                break
            current = rows[-1][-1]
            rows[-1][-1] = glue(current, line.strip()) if current else line.strip()
            blank_run = 0
        i += 1
    return RawTable([[RawCell(text) for text in row] for row in rows]), i


_MAX_TAB_CELL_LINES = 8  # the lines one cell of a tab-separated row may break into


def _is_tab_row(line: str) -> bool:
    """A line of tab-separated cells, or one cell after a leading tab (a row whose first cell is empty)."""
    return _has_inner_tab(line) or (bool(_TAB_CELL.match(line)) and bool(line.strip()))


def _read_tab_rows(lines: list[str], i: int) -> tuple[list[list[str]], int]:
    """Tab-separated rows from line ``i``, and the line after them. Leading and trailing tabs are empty cells (a
    merged label, a blank reason): columns stay aligned. A page copied from a browser breaks a cell holding line
    breaks over lines without tabs; the row goes on after them on the line where that cell ends (目标1：… ⏎
    目标2：… ⏎ 目标3：…\t实际完成情况): the lines join the cell, that line's first cell too."""
    rows: list[list[str]] = []
    broken = False  # the last row's last cell went on over lines without tabs
    while i < len(lines):
        line = lines[i]
        if _is_tab_row(line):
            cells = line.strip(" \u3000\r").split("\t")
            if broken or _completes(rows, cells):
                rows[-1][-1] = glue(rows[-1][-1], cells[0].strip())
                rows[-1].extend(cells[1:])
            else:
                rows.append(cells)
            broken = False
        elif line.strip() and rows and _cell_goes_on(rows, lines, i):
            rows[-1][-1] = glue(rows[-1][-1], line.strip())
            broken = True
        else:
            break
        i += 1
    return rows, i


def _completes(rows: list[list[str]], cells: list[str]) -> bool:
    """Does a line of cells finish the last row, a cell of which broke at its line break (\t目标1… ⏎ 目标2…\t实际…):
    that row narrower than the one before it, the two together as wide?"""
    if len(rows) < 2 or not len(rows[-1]) < len(rows[-2]) == len(rows[-1]) + len(cells) - 1:
        return False
    # both halves of the broken cell are words: no row's figure, no 一级/二级 label opening a row of its own
    first = cells[0].strip()
    # …and the line opens no row of its own: no 一级/二级 label, no form's row label (存在问题 | 无 ⏎ 改进措施 | …)
    labelled = level_of_label(first) is not None or row_label(first.rstrip("：:")) is not None
    return _in_words(rows[-1][-1]) and _in_words(first) and not labelled


def _in_words(cell: str) -> bool:
    """A cell of words, not a figure (a row's value ends no broken cell)."""
    text = cell.strip()
    return bool(_HAN.search(text)) and not text[:1].isdigit()


def _cell_goes_on(rows: list[list[str]], lines: list[str], i: int) -> bool:
    """Is the line without tabs at ``i`` more of the last row's last cell: that row narrower than the one before it
    (its other cells still to come), and a row of cells following within a cell's reach, no blank line between?"""
    if len(rows) < 2 or len(rows[-1]) >= len(rows[-2]) or not _in_words(rows[-1][-1]):
        return False
    for line in lines[i + 1 : i + _MAX_TAB_CELL_LINES]:
        if not line.strip():
            return False
        if _is_tab_row(line):  # …the line where the cell ends bringing the row back to its width
            return _completes(rows, line.strip(" \u3000\r").split("\t"))
    return False


def _is_pipe_row(line: str) -> bool:
    """A Markdown row (``| a | b |``) or a bare one (``a | b | c``)."""
    if _PIPE_ROW.match(line):
        return True
    cells = _UNESCAPED_PIPE.split(line.strip())
    return len(cells) >= _MIN_BARE_PIPE_CELLS and sum(bool(c.strip()) for c in cells) >= 2


def _split_pipe_row(line: str, outer: bool) -> list[str]:
    """The cells of a pipe row; with ``outer`` pipes the first and last bar only frame the row."""
    inner = line.strip()
    if outer:
        inner = inner[1:] if inner.startswith("|") else inner
        inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [cell.strip().replace("\\|", "|") for cell in _UNESCAPED_PIPE.split(inner)]


def _bars(line: str) -> int:
    return len(_UNESCAPED_PIPE.findall(line))


def _read_pipe_run(lines: list[str], i: int) -> tuple[list[str], int]:
    """The rows of a pipe table from line ``i``, a row broken over several lines joined again.

    Pages pasted from a Word table keep the bars but break a row wherever a cell held a
    line break (``| 项目名称 |`` / ``…自评表 |`` / ``|||||``). When the first row is framed, it
    gives the table's bar count; a framed line with fewer bars followed by a line that opens
    no row is the start of such a broken row, continued until the bars add up.
    """
    if not _PIPE_ROW.match(lines[i]):
        return _read_bare_pipe_run(lines, i)
    width = _bars(lines[i])

    def opens_broken_row(at: int) -> bool:
        line = lines[at].strip()
        follower = lines[at + 1].strip() if at + 1 < len(lines) else ""
        if not (line.startswith("|") and _bars(line) < width and bool(follower) and not follower.startswith("|")):
            return False
        # the row's rest brings its bars up to the header's within a few lines (…自评表 | ⏎ |||||); lines with
        # no bar after a short row (its merged 总分 row) are the text after the table
        bars = _bars(line)
        for ahead in lines[at + 1 : at + 1 + _MAX_BROKEN_ROW_LINES]:
            if not ahead.strip():
                return False
            bars += _bars(ahead)
            if bars >= width:
                return True
        return False

    rows: list[str] = []
    while i < len(lines):
        after = _after_lone_bars(lines, i)
        if after > i and after < len(lines) and _is_pipe_row(lines[after]):
            i = after  # bars alone on their lines: a merged cell's empty lines, inside the table
        if not (_is_pipe_row(lines[i]) or opens_broken_row(i)):
            break
        row, i = lines[i].strip(), i + 1
        if opens_broken_row(i - 1):
            while i < len(lines) and lines[i].strip() and _bars(row) < width:
                row, i = glue(row, lines[i].strip()), i + 1
        rows.append(row)
    return rows, i


_MAX_BROKEN_ROW_LINES = 8  # the lines a row broken at its cells' line breaks may take


def _after_lone_bars(lines: list[str], i: int) -> int:
    """The first line from ``i`` that is not a bar alone (``|``)."""
    while i < len(lines) and lines[i].strip() == "|":
        i += 1
    return i


def _broken_bare_row(lines: list[str], i: int, width: int) -> tuple[str, int] | None:
    """A bare row broken at a cell's line break (``产出 |`` / ``数量 | 件数 | 10 | …``), joined again.

    Bare rows pad every row to the table's bar count, so the pieces of one broken row end in a
    bar and their bars add up to it exactly; a line of prose or a shorter complete row does not.
    """
    piece = lines[i].strip()
    pieces, bars = [piece], _bars(piece)
    following = lines[i + 1].strip() if i + 1 < len(lines) else ""
    label = not piece.endswith("|") and len(piece) <= _MAX_ROW_LABEL_CHARS and not starts_enumeration(piece)
    if label and following.startswith("|"):  # 二、资金情况 / | 预算数 | …: a heading over the next table, no cell
        # the cell broke before its bar (成本指标 / | 甲费 | 200万 | …): a bare row opens with no bar of its own
        return (glue_lines([piece, following]), i + 2) if bars + _bars(following) == width else None
    while piece.endswith("|") and bars < width and i + 1 < len(lines) and lines[i + 1].strip():
        piece, i = lines[i + 1].strip(), i + 1
        pieces.append(piece)
        bars += _bars(piece)  # counted per piece: a row of many broken cells is read once, not again per cell
    return (glue_lines(pieces), i + 1) if bars == width else None


def _bare_row_after_bars(lines: list[str], i: int) -> bool:
    """Does a bare row follow bare line ``i`` after a few lines of bars alone (``|`` / ``| |||``), both of several
    cells? (A row's closing bars a page broke off: a cell's bar and the row's end, rarely more.)"""
    if _PIPE_ROW.match(lines[i]) or _bars(lines[i]) < _MIN_LABELLED_ROW_BARS:
        return False
    after = i + 1
    while after < min(len(lines), i + 1 + _MAX_BAR_LINES) and lines[after].strip() and not lines[after].strip(" |"):
        after += 1
    return (
        after > i + 1
        and after < len(lines)
        and not _PIPE_ROW.match(lines[after])
        and _bars(lines[after]) >= _MIN_LABELLED_ROW_BARS
    )


_MAX_BAR_LINES = 4


def _pipe_row_follows(lines: list[str], i: int) -> bool:
    """Does a row of the pipe table opened at line ``i`` come next, whole or broken at a cell's line break, or after
    bars alone on their lines (a row's closing bar a page broke off: ``甲率 | = | 100 |`` / ``|`` / ``| |||``)?"""
    following = lines[i + 1]
    return (
        _is_pipe_row(following)
        or _bare_row_after_bars(lines, i)
        or (
            not _PIPE_ROW.match(lines[i])
            and bool(following.strip(" |"))  # a bar alone is no piece of a row
            and _bars(following) < _bars(lines[i])
            and _broken_bare_row(lines, i + 1, _bars(lines[i])) is not None
        )
    )


_MIN_LABELLED_ROW_BARS = 4  # a row of three cells or more: a title over its one-cell year is no row
_MAX_ROW_LABEL_CHARS = 20


def _with_row_labels(lines: list[str]) -> list[str]:
    """Rows whose label a page broke off onto the line before them (年度资金总额 | / | 32.4 | 31.69 | … |), whole.

    The label keeps its cell's bar but the row under it opens with its own, so the two bars
    hold no cell between them.
    """
    joined: list[str] = []
    i = 0
    while i < len(lines):
        label = lines[i].strip()
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if (
            label.endswith("|")
            and _bars(label) == 1
            and not label.startswith("|")
            and len(label) <= _MAX_ROW_LABEL_CHARS
            and not starts_enumeration(label)  # 二、绩效指标 |: a section's heading over its table, no row's label
            and _PIPE_ROW.match(following)
            and _bars(following) >= _MIN_LABELLED_ROW_BARS
            and following.strip(" |")  # a run of bars alone ends the cell-per-line rows (_read_barred_cells)
        ):
            joined.append(f"| {label} {following[1:].lstrip()}")
            i += 2
            continue
        joined.append(lines[i])
        i += 1
    return joined


# 一级指标 | … | 年度 指标值 | / 实际 完成值 | / 分值 | 得分 | …: the lines a broken header spans
_MAX_HEADER_PIECES = 4


def _broken_bare_header(lines: list[str], i: int) -> tuple[str, int] | None:
    """A bare table's header broken at its cells' line breaks, joined, and the line after it; None if no such header.

    Pages pad every row of a bare table to the same bar count, so the pieces of a broken header
    (each ending in a bar) add up to the bars of the row under it; a short line of prose does not.
    """
    row = lines[i].strip()
    if not row.endswith("|") or row.startswith("|") or _is_pipe_row(lines[i + 1] if i + 1 < len(lines) else ""):
        return None  # framed rows broken over lines are _read_pipe_run's
    j = i + 1
    while row.endswith("|") and j < len(lines) and j - i < _MAX_HEADER_PIECES and _bare_piece(lines[j]):
        row, j = glue(row, lines[j].strip()), j + 1
        below = lines[j] if j < len(lines) else ""
        if _is_pipe_row(row) and _is_pipe_row(below) and _bars(below) == _bars(row) and _bars(lines[i]) < _bars(row):
            return row, j
    return None


def _bare_piece(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("|")


def _lone_label_row(line: str, width: int) -> bool:
    """A 一级/二级 label, a ditto mark or the rest of a cell alone, padded to the table's bars (质量指标 | |||||,
    丰富市民文化活动 | |||||), is a row of it; a form's title or a heading padded alike (…自评表 | |||||) starts the
    next table."""
    if _bars(line) != width:
        return False
    text = _HAN_SPACE.sub("", line.strip(" |"))
    return bool(text) and not title_sign("report", "table").search(text) and not starts_enumeration(text)


def _read_bare_pipe_run(lines: list[str], i: int) -> tuple[list[str], int]:
    """The rows of a pipe table without outer bars from line ``i``, rows broken over lines joined again."""
    width = _bars(lines[i])
    rows: list[str] = []
    while i < len(lines):
        if rows and lines[i].strip() and not lines[i].strip(" |"):
            i += 1  # bars alone (| / | |||): the closing bars of a row a page broke off, no row of their own
            continue
        broken = _broken_bare_row(lines, i, width) if _bars(lines[i]) < width else None
        if broken is not None:
            row, i = broken
        elif _is_pipe_row(lines[i]) or _lone_label_row(lines[i], width):
            row, i = lines[i], i + 1
        else:
            break
        rows.append(row)
    return rows, i


def _paragraph(line: str, markdown: bool) -> RawParagraph:
    heading = _MD_HEADING.match(line) if markdown or line.startswith("#") else None
    bullet = _BULLET.match(line)
    text = heading.group(2) if heading else line[bullet.end() :] if bullet else line
    if markdown:
        text = _MD_ESCAPE.sub(r"\1", text)
    return RawParagraph(
        text=text,
        heading_level=len(heading.group(1)) if heading else None,
        bold=is_emphasized(text),
        new_paragraph=bool(_INDENT.match(line) or bullet),
    )


def read_plaintext(text: str, markdown: bool) -> list[RawBlock]:
    """Split decoded text into raw paragraphs (one per line) and tables."""
    text = _LINE_BREAKS.sub("\n", text.replace("\r\n", "\n")).replace(_FULL_WIDTH_BAR, "|")  # a post's ｜ cells
    lines = _with_row_labels(join_broken_cells(text.split("\n")))
    blocks: list[RawBlock] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _GRID_BORDER.match(line) and "-" in line + "=" and "+" in line:
            table, i = _read_grid(lines, i)
            if table.rows:
                blocks.append(table)
            continue
        if _TAB_CELL.match(line) and not _is_tsv_row(line):
            table, i = _read_tab_flattened(lines, i)
            blocks.append(table)
            continue
        header = _broken_bare_header(lines, i)
        if header is not None:
            row, after = header
            lines[i:after] = [row]  # read again: the header whole, then its rows
            continue
        if _is_pipe_row(line) and i + 1 < len(lines) and _pipe_row_follows(lines, i):
            run, i = _read_pipe_run(lines, i)
            outer = bool(_PIPE_ROW.match(run[0]))  # the header shows whether rows are framed by bars
            rows = [_split_pipe_row(row, outer) for row in run if not _PIPE_SEPARATOR.match(row)]
            if not outer:  # bare rows come from pages: a space between two Chinese characters is a cell's line break
                rows = [[_HAN_SPACE.sub("", cell) for cell in row] for row in rows]
            blocks.append(RawTable([[RawCell(cell) for cell in row] for row in rows]))
            continue
        if _has_inner_tab(line) and i + 1 < len(lines) and _is_tab_row(lines[i + 1]):
            rows, i = _read_tab_rows(lines, i)
            blocks.append(RawTable([[RawCell(cell) for cell in row] for row in rows]))
            continue
        barred = _read_barred_cells(lines, i)
        if barred is not None:
            table, i = barred
            blocks.append(table)
            continue
        found = read_keyed_rows(lines, i) or read_layout_columns(lines, i) or _text_table(lines, i)
        if found is not None:
            table, i = found
            blocks.append(table)
            continue
        form = read_run_together_form(lines, i)
        if form is not None:
            before, table, rest, after = form
            if before:
                blocks.append(_paragraph(before, markdown))
            blocks.append(table)
            lines[i:after] = [rest] if rest else []  # read again: the text after the form's last row
            continue
        exploded = explode_flattened_line(lines[i])
        if exploded is not None:
            lines[i : i + 1] = exploded  # read again: the text before the form, then its cells
            continue
        if not _is_blank(line) and not is_page_foot(line):  # a page's number (- 2 -) is no paragraph
            blocks.append(_paragraph(line, markdown))
        i += 1
    return blocks


_BARS_ONLY = re.compile(r"^\s*\|{2,}\s*$")
_MAX_CELL_LINES = 4  # a cell's text broken over more lines is prose after the table
_MAX_ROW_LINES = 120  # the lines of one row: its cells, their bars and their broken lines
_SECTION_HEADING = re.compile(marker("cn", ends="、"))  # 二、其他说明: a section's heading ends the table
_MIN_BARRED_ROWS = 2


def _read_barred_cells(lines: list[str], i: int) -> tuple[RawTable, int] | None:
    """A table scraped one cell per line, a bar alone after each cell and a run of bars ending each row.

    ``项目名称`` / ``|`` / ``某某经费`` / ``|`` / ``||||||``: a cell is the lines before its bar (a cell's own line
    breaks kept apart: 预算执行情况(万元) / (20分)), two bars in a row hold an empty cell between them. A cell may
    close with a bar of its own (``项目名称 |`` / ``某某经费 |`` / ``||||``) when runs of bars end the rows; without
    them such lines are another surface (``read_cell_per_line``). The table ends where more lines than a cell
    holds come without a bar, or at a section's heading (二、…).
    """
    if _is_blank(lines[i]) or i + 1 >= len(lines):
        return None
    if lines[i].rstrip().endswith("|"):
        if not _closed_cell(lines[i]) or not _row_end_near(lines, i):
            return None
    elif lines[i + 1].strip() != "|":
        return None
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    after_bar = True  # a bar opening a row closes an empty first cell
    j = end = closed = i  # closed: the line after the last cell's bar
    # rows told by their labels alone (no run of bars) are read only from where the cells start: scanning again
    # from each cell inside them would cost a pass per cell
    labelled = level_of_label(lines[i].strip()) in (0, 1) and (i == 0 or lines[i - 1].strip() != "|")
    # a row ends within so many lines, or this is no table; with labelled rows and no run of bars yet, a cell does
    while j < len(lines) and j - (closed if labelled and not rows else end) <= _MAX_ROW_LINES:
        line = lines[j].strip()
        if line == "|":
            if cell or after_bar:
                row.append(_joined(cell))
            cell, after_bar, closed = [], True, j + 1
        elif _BARS_ONLY.match(line):
            if cell:
                row.append(_joined(cell))
            if any(row):
                rows.append(row)
            row, cell, after_bar, end = [], [], True, j + 1
        elif _closed_cell(line) and len(cell) < _MAX_CELL_LINES and not _SECTION_HEADING.match(line):
            cell.append(line[:-1].rstrip())  # a cell closed by its own bar (某某 |)
            row.append(_joined(cell))
            cell, after_bar = [], True
        elif _opened_cell(line) and after_bar and not cell:
            cell, after_bar = [line[1:].strip()], False  # the row's opening bar before its first cell (| 某某)
        elif _SECTION_HEADING.match(line) or "|" in line:
            break
        elif line and len(cell) < _MAX_CELL_LINES:
            cell.append(line)
            after_bar = False
        elif line or cell:
            break
        j += 1
    if not rows and labelled:  # no run of bars ends a row: a page cut off above its header opens each with a label
        rows, end = _rows_at_labels(row), closed
    if len(rows) < _MIN_BARRED_ROWS:
        return None
    return RawTable([[RawCell(text) for text in row] for row in rows]), end


def _rows_at_labels(cells: list[str]) -> list[list[str]]:
    """Cells with no row ends among them cut before each 一级 label followed by a 二级 one (项目完成指标 | 质量指标 |
    …; 满意度指标 may be either): the only sign of where a row starts. Fewer than two such rows, or cells before
    the first, make no table."""
    starts: list[int] = []
    for k in range(len(cells) - 1):
        opens = level_of_label(cells[k]) in (0, 1) and level_of_label(cells[k + 1]) in (0, 2)
        if opens and not (starts and k == starts[-1] + 1):  # 满意度指标 | 满意度指标 | 群众满意度: one row's labels
            starts.append(k)
    if len(starts) < _MIN_BARRED_ROWS or starts[0] != 0:
        return []
    return [cells[a:b] for a, b in zip(starts, [*starts[1:], len(cells)], strict=True)]


def _opened_cell(line: str) -> bool:
    """A cell's text after the bar opening its row (``| 某某``), no other bar on the line."""
    text = line.strip()
    return text.startswith("|") and "|" not in text[1:] and bool(text[1:].strip())


_MAX_BARRED_ROW_LINES = 40  # a row whose cells close with their own bars (某某 |) ends within so many lines


def _row_end_near(lines: list[str], i: int) -> bool:
    """Is there a run of bars ending a row (``||||``) among the lines of cells closed by their own bars from
    ``i``, with the next row's first cell right after it? Otherwise such lines are the cell-per-line surface
    (``read_cell_per_line``): a page that prints each row's opening bar alone runs several rows between its
    runs of bars."""
    filled = 1  # the cells of the first row with text: a title alone over the table (某某自评表 |) is no row
    for j in range(i + 1, min(i + 1 + _MAX_BARRED_ROW_LINES, len(lines) - 1)):
        line = lines[j]
        if _BARS_ONLY.match(line):  # a bar alone opening the next row: rows are not kept apart (cell per line)
            return filled >= 2 and lines[j + 1].strip() != "|"
        filled += line.strip() != "|"
        if line.strip() and not _closed_cell(line):
            return False
    return False


def _closed_cell(line: str) -> bool:
    """One cell closed by its own bar (某某 |), no other bar in the line: a framed row is another surface."""
    return line.rstrip().endswith("|") and line.count("|") == 1


def _joined(lines: list[str]) -> str:
    text = ""
    for line in lines:
        text = glue(text, line) if text else line
    return text


def _read_grid(lines: list[str], i: int) -> tuple[RawTable, int]:
    """A grid table: rows between border lines, a cell's text continued over several ``| … |`` lines."""
    rows: list[list[str]] = []
    current: list[str] | None = None
    while i < len(lines):
        line = lines[i]
        if _GRID_BORDER.match(line):
            if current is not None:
                rows.append(current)
            current = None
        elif _PIPE_ROW.match(line):
            cells = _split_pipe_row(line, outer=True)
            if current is None:
                current = cells
            else:  # the next line of the same row: each cell's text goes on
                current = [glue(a, b) if a and b else a or b for a, b in zip_longest(current, cells, fillvalue="")]
        else:
            break
        i += 1
    if current is not None:
        rows.append(current)
    return RawTable([[RawCell(cell) for cell in row] for row in rows]), i


def _text_table(lines: list[str], i: int) -> tuple[RawTable, int] | None:
    """A table that has lost its grid (one cell per line, spaced or run-together rows), from line ``i``."""
    if _is_blank(lines[i]):
        return None
    if not could_open_table(lines[i]):  # a list's header may open with words the others do not know
        return read_result_list_cells(lines, i) or read_spaced_result_list(lines, i)
    if is_budget_header_run(lines, i):
        return read_budget_cells(lines, i)
    return (
        read_spaced_budget(lines, i)
        or read_cell_per_line(lines, i)
        or read_spaced_rows(lines, i)
        or read_scoring_cells(lines, i)
        or read_result_list_cells(lines, i)
        or read_spaced_result_list(lines, i)
    )
