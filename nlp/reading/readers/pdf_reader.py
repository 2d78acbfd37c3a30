"""PDF text layer: lines with their geometry, and ruled tables where a page has them.

pypdfium2 reads every page (fast, clear errors on damaged or encrypted files);
pdfplumber, ten times slower, runs only on pages that have ruling lines, to
recover table cells (LIBRARIES.md), and only on pages with at most
``MAX_RULES_PER_PAGE`` of them: its parse of a page full of thin cells takes
seconds, so a denser page is read as lines of text, with a warning naming it.
A line that reaches the right margin wraps into the next one; a line that starts
indented begins a paragraph; lone page numbers are dropped. A page with no text but a drawing is a scanned page: with
``ocr`` it is rendered and read by ``nlp.reading.readers.ocr``, page by page, so a PDF that
mixes typed and scanned pages keeps its text layer where it has one.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from nlp.text.blocks import RawBlock, RawCell, RawParagraph, RawTable, table_from_grid
from nlp.text.normalize import glue_lines
from nlp.text.vocabulary import header_roles, level_of_label

if TYPE_CHECKING:
    from nlp.reading.readers.ocr import OcrPage

PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*(?:/|[，,]?\s*共)\s*共?\s*\d+\s*页?)?[-—–\s]*$")
_LINE = re.compile(r"[^\r\n]*\S[^\r\n]*")
# CJK line breaking keeps punctuation off a line's start, so a wrapped line may
# stop up to a few characters short of the margin.
_WRAP_SLACK_CHARS = 3.0
_INDENT_CHARS = 1.5  # a first-line indent of two characters, with slack
_MIN_RULES = 4  # path objects (ruling lines, cell borders) that make a page worth a table pass
# Beyond this many path objects a page is read as text: pdfplumber spends about 1 ms per object and
# cell, so this bounds a page's table pass at about 3 s. The seeds' densest page has 37; a full-page
# 自评表 with every cell border drawn on its own has several hundred.
MAX_RULES_PER_PAGE = 1500
_log = logging.getLogger(__name__)
OCR_SCALE = 2.0  # 144 dpi: a 10.5 pt character is 21 pixels high, well within the recogniser's reach


@dataclass
class _Line:
    top: float  # distance from the top of the page, in points
    left: float
    right: float
    text: str


class PdfReadError(Exception):
    """The PDF has no usable text; the message says why."""


def _page_lines(page: pdfium.PdfPage) -> list[_Line]:
    """The page's text lines as pdfium breaks them, with their horizontal extent.

    Character boxes, not text rectangles: pdfium leaves some CJK runs out of its
    rectangles when a font has no glyph heights, but every character has a box.
    """
    textpage = page.get_textpage()
    height = page.get_height()
    text = textpage.get_text_range()
    spacing = _letter_spacing(textpage, text)
    lines: list[_Line] = []
    for match in _LINE.finditer(text):
        first = match.start() + len(match.group()) - len(match.group().lstrip())
        last = match.start() + len(match.group().rstrip()) - 1
        left, _, _, top = textpage.get_charbox(first, loose=True)
        right = textpage.get_charbox(last, loose=True)[2]
        kept = "".join(char for k, char in enumerate(match.group(), match.start()) if k not in spacing)
        lines.append(_Line(height - top, left, right, kept.strip()))
    return lines


def _letter_spacing(textpage: pdfium.PdfTextPage, text: str) -> set[int]:
    """The spaces pdfium put between the characters of a justified line (全 年 预 算2 , 8 6 5万 元): spaces it
    generated where the next character starts less than a character and a half after this one starts (a
    full-width comma's ink is at its left), in a line whose characters all stand about that far apart. Two
    cells set a little apart in a line of tight words (分值 得分) keep their space; so does a space between two
    Latin letters, a word's."""
    spaced = set()
    for k in range(1, len(text) - 1):
        if text[k] != " " or text[k - 1].isspace() or text[k + 1].isspace():
            continue
        if _LATIN.match(text[k - 1]) and _LATIN.match(text[k + 1]):
            continue
        if not pdfium_raw.FPDFText_IsGenerated(textpage.raw, k):
            continue
        before, after = textpage.get_charbox(k - 1), textpage.get_charbox(k + 1)
        height = max(before[3] - before[1], after[3] - after[1])
        if after[0] - before[0] < _STEP_SHARE * height:
            spaced.add(k)
    return {k for k in spaced if _spread_line(textpage, text, k)}


def _spread_line(textpage: pdfium.PdfTextPage, text: str, k: int) -> bool:
    """Is the line holding the space at ``k`` set with its characters spread (the gaps between its unspaced
    neighbours about as wide as the space's), not tight words a gap apart? Neighbours within a bounded reach."""
    start = max(text.rfind("\n", max(0, k - _SPREAD_REACH), k) + 1, k - _SPREAD_REACH)
    end = min(len(text), k + _SPREAD_REACH)
    end = text.find("\n", k, end) if "\n" in text[k:end] else end
    gaps = []
    for j in range(start, end - 1):
        if not text[j].isspace() and not text[j + 1].isspace():
            gaps.append(textpage.get_charbox(j + 1)[0] - textpage.get_charbox(j)[2])
    if not gaps:
        return True  # every two characters of the line are spaced
    space = textpage.get_charbox(k + 1)[0] - textpage.get_charbox(k - 1)[2]
    return sorted(gaps)[len(gaps) // 2] >= _SPREAD_SHARE * space


_SPREAD_REACH = 24  # characters either side of a space looked at for the line's spacing
_SPREAD_SHARE = 0.4  # of the space's gap: the median gap between unspaced neighbours of a spread line
_STEP_SHARE = 1.6  # of a character's height: a justified line's step from one character to the next
_LATIN = re.compile("[A-Za-z]")


def _rule_count(page: pdfium.PdfPage) -> int:
    """Ruled tables are drawn with path objects; pages of plain prose have none."""
    return sum(1 for obj in page.get_objects() if obj.type == pdfium_raw.FPDF_PAGEOBJ_PATH)


def _table_pages(rules: list[int]) -> tuple[list[bool], list[int]]:
    """Pages with ruling lines, and the numbers of those with so many that pdfplumber would take many
    seconds on them: their tables are read as lines of text (logged once; the document records it)."""
    dense = [number for number, count in enumerate(rules, 1) if count > MAX_RULES_PER_PAGE]
    if dense:
        _log.warning(
            "%d PDF page(s) have more than %d ruling lines and cell borders (pages %s): their tables are read as text",
            len(dense),
            MAX_RULES_PER_PAGE,
            ", ".join(map(str, dense[:10])) + (" …" if len(dense) > 10 else ""),
        )
    return [_MIN_RULES <= count <= MAX_RULES_PER_PAGE for count in rules], dense


class PdfText(NamedTuple):
    """What a PDF gives: its blocks, the pages read by OCR, and the pages whose tables were read as text."""

    blocks: list[RawBlock]
    ocr_pages: list[OcrPage]
    dense_table_pages: list[int]


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


@dataclass
class _PageTable:
    top: float
    bottom: float
    first_row_height: float
    table: RawTable
    scanned: bool = False  # rebuilt from an OCR'd page: no geometry of its own to tell a cut by


_MAX_CUT_LABEL_CHARS = 8


def _cut_label(item: RawParagraph | _PageTable) -> bool:
    """A short 一级/二级 label standing alone (效益指标): a merged cell's text cut off from its rows by the page."""
    return (
        isinstance(item, RawParagraph)
        and len(item.text) <= _MAX_CUT_LABEL_CHARS
        and level_of_label(item.text) is not None
    )


_VALUES = ("target", "actual")
_MAX_CUT_PIECES = 2  # cells of a row the page cut that go on on the next page
_MIN_CUT_COLUMN = 2  # the first column such a piece stands in: the row's labels and name stay on the page before


def _rest_of_row(table: RawTable, first: list[RawCell]) -> bool:
    """Is the next page's first row the end of the table's last row, its cells cut by the page (its first cells
    empty, a piece or two of text further on, none under the header's 三级指标 but the rest of a name with no
    target or actual beside it: a row of its own names itself and states its values)?"""
    last = table.rows[-1]
    filled = [k for k, cell in enumerate(first) if cell.text]
    if len(first) != len(last) or not 0 < len(filled) <= _MAX_CUT_PIECES or filled[0] < _MIN_CUT_COLUMN:
        return False
    roles = next(
        (r for row in table.rows if (r := header_roles([cell.text for cell in row])) and len(r) == len(first)), None
    )
    return roles is None or all(roles[k] != "name" for k in filled) or all(roles[k] not in _VALUES for k in filled)


def _labels_in_header(table: RawTable, repeated: list[RawCell]) -> list[str]:
    """The 一级/二级 labels a repeated header's cells hold after the header's own words."""
    roles = header_roles([cell.text for cell in repeated])
    header = next((row for row in table.rows if header_roles([cell.text for cell in row]) == roles), [])
    rests = [
        new.text[len(old.text) :] for old, new in zip(header, repeated, strict=False) if new.text.startswith(old.text)
    ]
    return [rest for rest in rests if rest and level_of_label(rest) is not None]


def _label_first_row(table: RawTable, row: list[RawCell], labels: list[str]) -> None:
    """Give the page's first row the merged labels the break cut off (社会效益指标), each in the empty cell of its
    level's column under the table's header."""
    roles = next(
        (r for above in table.rows if (r := header_roles([c.text for c in above])) and len(r) == len(row)), None
    )
    for label in labels:
        role = {1: "level1", 2: "level2"}.get(level_of_label(label) or 0)
        if roles is not None and role in roles and not row[roles.index(role)].text:
            row[roles.index(role)].text = label


def _repeats_header(previous: RawTable, following: _PageTable | None) -> bool:
    """Does a page's first table open with the indicator header of the table the page before ended with (a sheet
    printed with its title rows on every page)? Then it is that table going on."""
    if following is None or not following.table.rows:
        return False
    roles = header_roles([cell.text for cell in following.table.rows[0]])
    return roles is not None and any(header_roles([cell.text for cell in row]) == roles for row in previous.rows)


def _repeated_rows(previous: RawTable, following: RawTable) -> int:
    """How many of a page's first table's rows repeat the header rows the table before opened with (a sheet's
    print titles: 一级指标 | … | 指标完成情况 ⏎ | | 目标值 | 完成情况): at least its header row."""
    texts = {tuple(cell.text for cell in row) for row in previous.rows[:_MAX_HEADER_ROWS]}
    count = 1
    while count < len(following.rows) and tuple(cell.text for cell in following.rows[count]) in texts:
        count += 1
    return count


_MAX_HEADER_ROWS = 12  # the rows a form's header block may take: title, name, budget and indicator header rows


def _continues_table(previous: _PageTable, following: _PageTable, content_bottom: float) -> bool:
    """A table cut by a page break comes back as two; it was cut if its next row could not fit. On scanned pages,
    where that cannot be measured, it was cut if the table before the break is an indicator table (a header of
    its columns' roles) and the next page opens with a row of as many cells as its last row, and no header."""
    if previous.scanned and following.scanned:
        if not previous.table.rows or not following.table.rows:
            return False
        first = following.table.rows[0]
        indicator_table = any(header_roles([cell.text for cell in row]) for row in previous.table.rows)
        return (
            indicator_table
            and header_roles([cell.text for cell in first]) is None
            and len(first) == len(previous.table.rows[-1])
        )
    return content_bottom - previous.bottom < following.first_row_height + 2


def read_pdf(data: bytes, ocr: bool = False) -> PdfText:
    """Read the text layer, and with ``ocr`` the pages that are only images.

    Raises PdfReadError when nothing is left to read (a scanned PDF without ``ocr``).
    """
    pdf = pdfium.PdfDocument(data)
    try:
        pages = [_page_lines(pdf[index]) for index in range(len(pdf))]
        ruled, dense = _table_pages([_rule_count(pdf[index]) for index in range(len(pdf))])
        scanned = [not lines and _has_drawing(pdf[index]) for index, lines in enumerate(pages)]
        ocr_pages = {index: _ocr_page(pdf[index], index + 1) for index in range(len(pdf)) if ocr and scanned[index]}
    finally:
        pdf.close()
    pages = [[line for line in lines if not PAGE_NUMBER.match(line.text)] for lines in pages]
    all_lines = [line for lines in pages for line in lines]
    if not all_lines and not ocr_pages:
        if any(scanned):
            raise PdfReadError("PDF has no text layer (scanned images?); run with --ocr to read it by OCR")
        raise PdfReadError("PDF has no text (its pages are blank)")
    all_lines = all_lines or [_Line(0.0, 0.0, 0.0, "")]  # a wholly scanned PDF: margins are not used
    right_margin = max(line.right for line in all_lines)
    left_margin = min(line.left for line in all_lines)
    char_width = _median_char_width(all_lines)

    page_items: list[list[tuple[float, RawParagraph | _PageTable]]] = []
    plumber = None  # pdfplumber is slow to import and to run: only for pages with ruling lines
    for page_index, lines in enumerate(pages):
        if page_index in ocr_pages:
            recognised = ocr_pages[page_index].blocks
            page_items.append([(0.0, _ocr_item(b)) for b in recognised if not _is_page_number(b)])
            continue
        tables: list[_PageTable] = []
        if ruled[page_index]:
            if plumber is None:
                import pdfplumber

                plumber = pdfplumber.open(io.BytesIO(data))
            page = plumber.pages[page_index]
            for found in page.find_tables():
                first_row = found.rows[0].bbox
                tables.append(_PageTable(found.bbox[1], found.bbox[3], first_row[3] - first_row[1], _read_table(found)))
            page.close()  # its parsed objects: kept, they make a long PDF's memory and time grow page by page
        items: list[tuple[float, RawParagraph | _PageTable]] = [(t.top, t) for t in tables]
        for line in lines:
            if any(t.top - 1 <= line.top <= t.bottom + 1 for t in tables):
                continue
            paragraph = RawParagraph(
                text=line.text,
                fills_line=line.right >= right_margin - _WRAP_SLACK_CHARS * char_width,
                new_paragraph=line.left >= left_margin + _INDENT_CHARS * char_width,
            )
            items.append((line.top, paragraph))
        items.sort(key=lambda item: item[0])
        page_items.append(items)
    if plumber is not None:
        plumber.close()

    content_bottom = max(
        [line.top + char_width for line in all_lines]
        + [item.bottom for items in page_items for _, item in items if isinstance(item, _PageTable)]
    )
    blocks: list[RawBlock] = []
    previous_last: RawParagraph | _PageTable | None = None
    for items in page_items:
        first = next((k for k, (_, item) in enumerate(items) if isinstance(item, _PageTable)), None)
        following = items[first][1] if first is not None else None
        repeated = isinstance(previous_last, _PageTable) and _repeats_header(previous_last.table, following)
        joins = (
            isinstance(previous_last, _PageTable)
            and isinstance(following, _PageTable)
            and all(_cut_label(item) for _, item in items[:first])
            and (repeated or (first == 0 and _continues_table(previous_last, following, content_bottom)))
        )
        for position, (_, item) in enumerate(items):
            if joins and position < first:
                continue  # a merged 一级 cell's text the page break left above the rows it labels
            if isinstance(item, RawParagraph):
                blocks.append(item)
            elif joins and position == first:
                labels = [label.text for _, label in items[:first]]
                while _cut_label(blocks[-1]):
                    labels.append(blocks.pop().text)  # …or below them, on the page before
                if repeated:  # a label the page printed into the repeated header's cell (二级指标社会效益指标)
                    labels += _labels_in_header(blocks[-1], item.table.rows[0])
                rows = item.table.rows[_repeated_rows(blocks[-1], item.table) :] if repeated else item.table.rows
                if rows and _rest_of_row(blocks[-1], rows[0]):
                    for cell, rest in zip(blocks[-1].rows[-1], rows.pop(0), strict=True):
                        cell.text += rest.text  # 2023年11月30 ⏎ 日: a cell the page cut
                if rows:
                    _label_first_row(blocks[-1], rows[0], labels)
                blocks[-1].rows.extend(rows)
            else:
                blocks.append(item.table)
        # the page's last table, when only a cut label follows it
        kept = [item for _, item in items if not _cut_label(item)]
        if items:
            previous_last = kept[-1] if kept else items[-1][1]
    return PdfText(blocks, list(ocr_pages.values()), dense)


def _has_drawing(page: pdfium.PdfPage) -> bool:
    """A scan (an image), or text drawn as outlines (paths): something OCR can read."""
    return any(page.get_objects())


def _ocr_page(page: pdfium.PdfPage, number: int) -> OcrPage:
    """Render a page at OCR resolution (fewer pixels for a huge page) and recognise it."""
    from nlp.reading.readers.ocr import MAX_PIXELS, read_page

    area = page.get_width() * page.get_height()
    scale = min(OCR_SCALE, (MAX_PIXELS / max(area, 1.0)) ** 0.5)
    return read_page(page.render(scale=scale).to_pil(), number)


def _is_page_number(block: RawBlock) -> bool:
    return isinstance(block, RawParagraph) and bool(PAGE_NUMBER.match(block.text))


def _ocr_item(block: RawBlock) -> RawParagraph | _PageTable:
    """An OCR'd block as a page item, its tables marked as scanned."""
    return block if isinstance(block, RawParagraph) else _PageTable(0.0, 0.0, 0.0, block, scanned=True)


def _median_char_width(lines: list[_Line]) -> float:
    widths = sorted((line.right - line.left) / len(line.text) for line in lines if len(line.text) >= 5)
    return widths[len(widths) // 2] if widths else 10.0
