"""Excel workbooks (.xlsx, .xls) and their delimited exports (.csv, .tsv): every sheet's used range as one
table, merged cells resolved.

Many 自评表 are published as workbooks, one form per sheet. Each visible sheet
becomes, in order: a paragraph with its name (when the workbook has several sheets
and the name is not a default ``Sheet2``), the rows at its top and bottom that hold
a single text (the form's title, 填报单位, notes below the form) as paragraphs, as a
text file has them, and the rest as one table, empty rows dropped. Hidden sheets
(drop-down lists, lookups) are skipped. Merges take the shape every other reader
gives: a horizontal merge once with its ``colspan``, a vertical one once at its top
with its ``rowspan`` and as an empty ``continued`` cell below.

Values are read as the sheet shows them, not as stored floats: a number format's
decimals and percent sign are applied (``0.95`` in ``0%`` is ``95%``), other numbers
are written shortest (``89.974``, ``20`` not ``20.0``), date cells in ISO.

A workbook is untrusted: its unpacked size (``nlp.reading.archive_safety``) and each sheet's
extent are checked from the ZIP directory before it is opened (``WorkbookError`` names what was refused).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from nlp.reading.archive_safety import UnsafeArchive, check_archive
from nlp.text.blocks import RawBlock, RawCell, RawParagraph, table_from_grid

MAX_SHEET_CELLS = 2_000_000
MAX_DELIMITED_CELLS = 200_000  # a .csv's cells, rows × widest row: a form holds a few thousand
MAX_DELIMITED_COLUMNS = 256  # an .xls sheet's own limit; a form has a few dozen
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?\"")
_DIMENSION_WINDOW = 4096  # <dimension> comes right after the sheet's properties
_DEFAULT_SHEET_NAME = re.compile(r"^(?:sheet|工作表)\s*\d+$", re.IGNORECASE)
# Literal text, escapes and [colour]/[condition] parts of a number format carry no digits.
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_DECIMALS = re.compile(r"\.([0#?]+)")
_SHORTEST_DIGITS = 15  # Excel keeps 15 significant digits; beyond them is float noise


class WorkbookError(ValueError):
    """A workbook that cannot or must not be read; the message is the reason."""


@dataclass
class _Sheet:
    """One sheet as text: values by (row, column) and merges as (top, left, bottom, right), 0-based."""

    name: str
    values: dict[tuple[int, int], str] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)


def format_number(value: float, number_format: str = "General") -> str:
    """A number as a cell in ``number_format`` shows it, without float noise."""
    section = _FORMAT_LITERALS.sub("", number_format.split(";")[0])
    percent = "%" in section
    if percent:
        value *= 100
    decimals = _DECIMALS.search(section)
    places = len(decimals.group(1)) if decimals else 0
    if decimals or percent:
        exact = Decimal(f"{value:.{_SHORTEST_DIGITS}g}").quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        text = f"{exact:{',' if ',' in section else ''}.{places}f}"
    elif float(value).is_integer() and abs(value) < 10**_SHORTEST_DIGITS:
        text = str(int(value))
    else:
        text = f"{value:.{_SHORTEST_DIGITS}g}"
        text = repr(float(value)) if "e" in text else text
    return text + "%" if percent else text


def format_date(value: dt.datetime | dt.date | dt.time, number_format: str = "") -> str:
    """A date in ISO: a day (``2023-12-31``), a month when the format shows no day, a time when it has one."""
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    shown = _FORMAT_LITERALS.sub("", number_format).lower()
    if "y" in shown and "m" in shown and "d" not in shown:
        return value.strftime("%Y-%m")
    if isinstance(value, dt.datetime) and value.time() != dt.time():
        return value.strftime("%Y-%m-%d %H:%M")
    return value.strftime("%Y-%m-%d")


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


def _check_sizes(data: bytes) -> None:
    """Refuse a ZIP bomb (``nlp.reading.archive_safety``) or a huge sheet before any XML is parsed."""
    try:
        check_archive(data)
    except UnsafeArchive as error:
        raise WorkbookError(str(error)) from None
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            with archive.open(name) as member:
                found = _DIMENSION.search(member.read(_DIMENSION_WINDOW))
            if found and found.group(3):
                rows = int(found.group(4)) - int(found.group(2)) + 1
                columns = _column_number(found.group(3)) - _column_number(found.group(1)) + 1
                _check_cells(rows * columns)


def _check_cells(cells: int) -> None:
    if cells > MAX_SHEET_CELLS:
        raise WorkbookError(f"a sheet spans {cells:,} cells, over the {MAX_SHEET_CELLS:,} limit")


def _xlsx_sheets(data: bytes) -> list[_Sheet]:
    import openpyxl

    try:
        _check_sizes(data)
    except zipfile.BadZipFile:
        raise WorkbookError("damaged or truncated .xlsx (not a readable ZIP archive)") from None
    # read_only=False: a read-only workbook does not report merged cells.
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True, keep_links=False)
    sheets: list[_Sheet] = []
    for worksheet in book.worksheets:
        if worksheet.sheet_state != "visible":
            continue
        _check_cells(worksheet.max_row * worksheet.max_column)
        sheet = _Sheet(worksheet.title)
        for row in worksheet.iter_rows():
            for cell in row:
                text = _xlsx_text(cell.value, cell.number_format)
                if text:
                    sheet.values[(cell.row - 1, cell.column - 1)] = text
        for merged in worksheet.merged_cells.ranges:
            sheet.merges.append((merged.min_row - 1, merged.min_col - 1, merged.max_row - 1, merged.max_col - 1))
        sheets.append(sheet)
    return sheets


def _xlsx_text(value: object, number_format: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.date | dt.time):
        return format_date(value, number_format)
    if isinstance(value, int | float):
        return format_number(value, number_format)
    return str(value).strip()


def _xls_sheets(data: bytes) -> list[_Sheet]:
    import xlrd

    try:
        # formatting_info: merged cells and number formats are only read with it
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=False)
    except xlrd.XLRDError as error:
        if "encrypt" in str(error).lower():
            raise WorkbookError("encrypted (password-protected) workbook; not supported") from None
        raise WorkbookError(f"damaged .xls ({error})") from None
    sheets: list[_Sheet] = []
    for worksheet in book.sheets():
        if worksheet.visibility:
            continue
        _check_cells(worksheet.nrows * worksheet.ncols)
        sheet = _Sheet(worksheet.name)
        for r in range(worksheet.nrows):
            for c in range(worksheet.ncols):
                text = _xls_text(book, worksheet.cell(r, c))
                if text:
                    sheet.values[(r, c)] = text
        sheet.merges = [(top, left, bottom - 1, right - 1) for top, bottom, left, right in worksheet.merged_cells]
        sheets.append(sheet)
    return sheets


def _xls_text(book, cell) -> str:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if cell.ctype == xlrd.XL_CELL_TEXT:
        return cell.value.strip()
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    number_format = book.format_map[book.xf_list[cell.xf_index].format_key].format_str
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return format_date(xlrd.xldate_as_datetime(cell.value, book.datemode), number_format)
        except (xlrd.xldate.XLDateError, OverflowError, ValueError):
            pass  # not a valid date serial: show the number
    return format_number(cell.value, number_format)


def _sheet_blocks(sheet: _Sheet) -> list[RawBlock]:
    """A sheet's forms in order: each one's one-text rows at its top and bottom as paragraphs (title, notes), the
    rest as one table. Forms stacked on one sheet are told apart by the empty row and the title row opening each
    (项目支出绩效自评表 ⏎ 项目名称 | X …, blank rows, 项目支出绩效自评表 ⏎ 项目名称 | Y …)."""
    by_row: dict[int, list[tuple[int, str]]] = {}
    for (r, c), text in sorted(sheet.values.items()):
        by_row.setdefault(r, []).append((c, text))
    rows = sorted(by_row)
    if not rows:
        return []
    starts = [0, *(i for i in range(1, len(rows)) if rows[i] > rows[i - 1] + 1 and len(by_row[rows[i]]) == 1)]
    first_rows = [rows[i] for i in starts]
    merges: list[list[tuple[int, int, int, int]]] = [[] for _ in starts]
    for merge in sheet.merges:  # a merge belongs to the form its top-left cell is in
        merges[max(0, bisect_right(first_rows, merge[0]) - 1)].append(merge)
    blocks: list[RawBlock] = []
    for form, (begin, end) in enumerate(zip(starts, [*starts[1:], len(rows)], strict=True)):
        blocks += _form_blocks({r: by_row[r] for r in rows[begin:end]}, merges[form])
    return blocks


def _form_blocks(by_row: dict[int, list[tuple[int, str]]], merges: list[tuple[int, int, int, int]]) -> list[RawBlock]:
    """One form's rows (row → its filled cells, in order): its one-text rows at top and bottom as paragraphs, the
    rest as one table with its merges (top, left, bottom, right) resolved."""
    kept_rows = list(by_row)
    first_col = min(cells[0][0] for cells in by_row.values())
    last_col = max(cells[-1][0] for cells in by_row.values())
    kept = set(kept_rows)
    texts = {(r, c): text for r, cells in by_row.items() for c, text in cells}
    tops = {(top, left): (bottom, right) for top, left, bottom, right in merges}
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    for top, left, bottom, right in merges:
        for r in kept.intersection(range(top, bottom + 1)):
            for c in range(max(left, first_col), min(right, last_col) + 1):
                if (r, c) != (top, left):
                    covered[(r, c)] = (top, left)

    first = 0
    while first < len(kept_rows) and len(by_row[kept_rows[first]]) == 1:
        first += 1
    last = len(kept_rows)
    while last > first and len(by_row[kept_rows[last - 1]]) == 1:
        last -= 1

    grid: list[list[tuple[int, RawCell]]] = []
    for r in kept_rows[first:last]:
        row: list[tuple[int, RawCell]] = []
        c = first_col
        while c <= last_col:
            text = texts.get((r, c), "")
            if (r, c) in tops:
                span = min(tops[(r, c)][1], last_col) - c + 1
                row.append((c - first_col, RawCell(text, colspan=span)))
            elif (r, c) in covered:
                top, left = covered[(r, c)]
                start = max(left, first_col)
                span = min(tops[(top, left)][1], last_col) - start + 1
                if c == start and r != top:
                    # below the merge's top: a continued cell, or an empty one when the top row was empty and dropped
                    row.append((c - first_col, RawCell("", colspan=span, continued=top in kept)))
                c = start + span
                continue
            else:
                span = 1
                row.append((c - first_col, RawCell(text)))
            c += span
        grid.append(row)
    blocks: list[RawBlock] = [RawParagraph(by_row[r][0][1]) for r in kept_rows[:first]]
    if grid:
        blocks.append(table_from_grid(grid))
    blocks.extend(RawParagraph(by_row[r][0][1]) for r in kept_rows[last:])
    return blocks


def read_delimited(text: str, delimiter: str) -> list[RawBlock]:
    """A sheet exported as delimited text (.csv, .tsv) read as that sheet: a merge is an empty cell there."""
    sheet = _Sheet("csv")
    width = 0
    for r, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)):
        width = max(width, len(row))
        if width > MAX_DELIMITED_COLUMNS:
            raise WorkbookError(f"a row of over {MAX_DELIMITED_COLUMNS} columns (row {r + 1})")
        if (r + 1) * width > MAX_DELIMITED_CELLS:
            raise WorkbookError(f"the sheet spans over {MAX_DELIMITED_CELLS:,} cells")
        for c, value in enumerate(row):
            if value.strip():
                sheet.values[(r, c)] = value.strip()
    return _sheet_blocks(sheet)


def read_workbook(data: bytes, kind: str) -> list[RawBlock]:
    """Read an ``xlsx`` or ``xls`` workbook into raw paragraphs and tables, sheet by sheet."""
    sheets = _xlsx_sheets(data) if kind == "xlsx" else _xls_sheets(data)
    blocks: list[RawBlock] = []
    for sheet in sheets:
        content = _sheet_blocks(sheet)
        if content and len(sheets) > 1 and not _DEFAULT_SHEET_NAME.match(sheet.name.strip()):
            blocks.append(RawParagraph(sheet.name.strip(), heading_level=1))  # a tab's name heads its sheet
        blocks.extend(content)
    return blocks
