"""DOCX: body paragraphs and tables in document order, merged cells resolved.

A horizontally merged cell appears once, with its ``colspan``; a vertically merged
cell appears once at its top, with its ``rowspan``, and the rows below hold an
empty ``continued`` cell in its place, the same shape the tab-flattened text of
converted files has, so every table reaches later stages in one form.
"""

from __future__ import annotations

import io
import re

import docx
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from nlp.text.blocks import RawBlock, RawCell, RawParagraph, RawTable, table_from_grid
from nlp.text.normalize import glue_lines

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


def _heading_level(paragraph: Paragraph, style_names: dict[str, str]) -> int | None:
    # Look the style up by id in a prebuilt map: python-docx's ``paragraph.style``
    # scans every style for each paragraph, which made it 85% of reading time.
    name = style_names.get(paragraph._p.style or "", "")
    if name.lower() == "title":
        return 1
    match = _HEADING_STYLE.match(name)
    return int(match.group(1)) if match else None


def _is_bold(paragraph: Paragraph) -> bool:
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold for run in runs)


def _cell_text(cell: _Cell) -> str:
    return glue_lines([p.text for p in cell.paragraphs])


def _read_table(table: Table) -> RawTable:
    grid: list[list[tuple[int, RawCell]]] = []  # per row: (grid column, cell)
    for tr in table._tbl.tr_lst:
        column = 0
        row: list[tuple[int, RawCell]] = []
        for tc in tr.tc_lst:
            span = tc.grid_span
            if tc.vMerge == "continue":
                row.append((column, RawCell("", colspan=span, continued=True)))
            else:
                row.append((column, RawCell(_cell_text(_Cell(tc, table)), colspan=span)))
            column += span
        grid.append(row)
    return table_from_grid(grid)


_MAX_FRAME_COLUMNS = 2  # a page's frame: the report beside its form; a form has more columns


def _frames_the_page(table: Table) -> bool:
    """A table laid out to frame the page (a column of the report beside a column holding its 自评表): two columns at
    most, one of its cells holding a table of its own. Its content is the page's, read cell by cell; a form with a
    table nested in one cell (its 备注) stays a form."""
    rows = table._tbl.tr_lst
    return all(len(tr.tc_lst) <= _MAX_FRAME_COLUMNS for tr in rows) and any(
        tc.tbl_lst for tr in rows for tc in tr.tc_lst
    )


_MAX_FRAME_DEPTH = 4  # frames inside frames: deeper is no layout a page needs


def _content(items, style_names: dict[str, str], depth: int = 0) -> list[RawBlock]:
    """Paragraphs and tables in order; a table framing the page gives the content of its cells instead."""
    blocks: list[RawBlock] = []
    for item in items:
        if isinstance(item, Paragraph):
            level, bold = _heading_level(item, style_names), _is_bold(item)
            # A manual line break (<w:br/>) splits lines; the rejoin step decides
            # whether they are one sentence.
            blocks.extend(RawParagraph(text=line, heading_level=level, bold=bold) for line in item.text.split("\n"))
        elif depth < _MAX_FRAME_DEPTH and _frames_the_page(item):
            for tr in item._tbl.tr_lst:
                for tc in tr.tc_lst:
                    blocks += _content(_Cell(tc, item).iter_inner_content(), style_names, depth + 1)
        else:
            blocks.append(_read_table(item))
    return blocks


def read_docx(data: bytes) -> list[RawBlock]:
    document = docx.Document(io.BytesIO(data))
    style_names = {style.style_id: style.name or "" for style in document.styles}
    return _content(document.iter_inner_content(), style_names)
