"""PDF text layer: lines with their geometry, and ruled tables where a page has them.

pypdfium2 reads every page (fast, clear errors on damaged or encrypted files);
pdfplumber, ten times slower, runs only on pages whose text sits in columns, to
recover table cells (LIBRARIES.md). A line that reaches the right margin wraps
into the next one; a line that starts indented begins a paragraph; lone page
numbers are dropped.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pypdfium2 as pdfium

from nlp.blocks import RawBlock, RawCell, RawParagraph, RawTable, table_from_grid
from nlp.normalize import glue_lines

_PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*/\s*共?\s*\d+\s*页?)?[-—–\s]*$")
_BASELINE_TOLERANCE = 2.0  # points: segments this close vertically share a line
_MIN_COLUMNED_LINES = 3  # lines with two or more separate segments that make a page worth a table pass


@dataclass
class _Line:
    top: float  # distance from the top of the page, in points
    left: float
    right: float
    text: str
    segments: int


class PdfReadError(Exception):
    """The PDF has no usable text; the message says why."""


def _page_lines(page: pdfium.PdfPage) -> list[_Line]:
    textpage = page.get_textpage()
    height = page.get_height()
    segments = []
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        text = textpage.get_text_bounded(left, bottom, right, top).replace("\r", "").replace("\n", "")
        if text.strip():
            segments.append((height - top, left, right, text))
    segments.sort(key=lambda s: (round(s[0]), s[1]))
    lines: list[_Line] = []
    for top, left, right, text in segments:
        last = lines[-1] if lines else None
        if last is not None and abs(last.top - top) <= _BASELINE_TOLERANCE:
            last.text = last.text + " " + text if left - last.right > 4 else last.text + text
            last.right = max(last.right, right)
            last.segments += 1
        else:
            lines.append(_Line(top, left, right, text, 1))
    return lines


def _read_table(table) -> RawTable:
    """Turn a pdfplumber table (``None`` where a merged cell covers a position) into cells."""
    width = max(len(row.cells) for row in table.rows)
    column_x = [
        min((row.cells[j][0] for row in table.rows if j < len(row.cells) and row.cells[j]), default=0.0)
        for j in range(width)
    ]
    grid: list[list[tuple[int, RawCell]]] = []
    for row, texts in zip(table.rows, table.extract(), strict=True):
        cells: list[tuple[int, RawCell]] = []
        covered_until = 0.0  # right edge of the last real cell in this row
        for j, (bbox, text) in enumerate(zip(row.cells, texts, strict=True)):
            if bbox is None:
                if covered_until > column_x[j] + 0.5:
                    continue  # inside a horizontally merged cell on its left
                cells.append((j, RawCell("", continued=True)))
                continue
            covered_until = bbox[2]
            span = sum(1 for x in column_x[j:] if x < bbox[2] - 0.5)
            cells.append((j, RawCell(glue_lines((text or "").split("\n")), colspan=max(span, 1))))
        grid.append(cells)
    return table_from_grid(grid)


def read_pdf(data: bytes) -> list[RawBlock]:
    """Read the text layer; raise PdfReadError when there is none (a scanned PDF)."""
    pdf = pdfium.PdfDocument(data)
    try:
        pages = [_page_lines(pdf[index]) for index in range(len(pdf))]
    finally:
        pdf.close()
    if not any(lines for lines in pages):
        raise PdfReadError("PDF has no text layer (scanned images?); OCR is not supported")
    all_lines = [line for lines in pages for line in lines]
    right_margin = max(line.right for line in all_lines)
    left_margin = min(line.left for line in all_lines)
    char_width = _median_char_width(all_lines)

    blocks: list[RawBlock] = []
    plumber = None  # pdfplumber is slow to import and to run: only for pages that look tabular
    for page_index, lines in enumerate(pages):
        tables = []
        if sum(1 for line in lines if line.segments > 1) >= _MIN_COLUMNED_LINES:
            if plumber is None:
                import pdfplumber

                plumber = pdfplumber.open(io.BytesIO(data))
            tables = [(t.bbox[1], t.bbox[3], _read_table(t)) for t in plumber.pages[page_index].find_tables()]
        items: list[tuple[float, RawBlock]] = [(top, table) for top, _, table in tables]
        for line in lines:
            if any(top - 1 <= line.top <= bottom + 1 for top, bottom, _ in tables):
                continue
            if _PAGE_NUMBER.match(line.text):
                continue
            paragraph = RawParagraph(
                text=line.text,
                fills_line=line.right >= right_margin - 1.5 * char_width,
                indented=line.left >= left_margin + 1.5 * char_width,
            )
            items.append((line.top, paragraph))
        items.sort(key=lambda item: item[0])
        blocks.extend(block for _, block in items)
    if plumber is not None:
        plumber.close()
    return _join_tables_across_pages(blocks)


def _median_char_width(lines: list[_Line]) -> float:
    widths = sorted((line.right - line.left) / len(line.text) for line in lines if len(line.text) >= 5)
    return widths[len(widths) // 2] if widths else 10.0


def _join_tables_across_pages(blocks: list[RawBlock]) -> list[RawBlock]:
    """pdfplumber returns a table cut by a page break as two; adjacent tables of equal width are one."""
    joined: list[RawBlock] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (
            isinstance(block, RawTable)
            and isinstance(previous, RawTable)
            and _grid_width(previous) == _grid_width(block)
        ):
            previous.rows.extend(block.rows)
            continue
        joined.append(block)
    return joined


def _grid_width(table: RawTable) -> int:
    return max((sum(cell.colspan for cell in row) for row in table.rows), default=0)
