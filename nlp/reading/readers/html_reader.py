"""HTML pages: paragraphs and tables in document order, merged cells resolved like DOCX.

A saved page is untrusted markup: it is parsed offline (lxml never fetches a DTD or
a linked file), and code, navigation and page chrome are removed before any text is
read (``nlp/text/vocab/html.toml``), so a script, an ``onload`` attribute or an iframe
leaves no trace. Attributes are never read as text. Page furniture written as text
(breadcrumbs, 发布时间 …) is left to ``nlp/reading/furniture.py``, which ingest runs on every
format.

Block elements (p, div, li, h1–h6, lines split by ``<br>``) become paragraphs;
every data table becomes one table, with a horizontal merge appearing once with its
``colspan`` and a vertical merge once at its top with its ``rowspan`` and as an empty
``continued`` cell below, the shape every other reader gives. A table that frames the
page (one column, or holding a nested table of its own) is read as page content.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cache

import lxml.html
from lxml import etree

from nlp.reading.decoding import decode_text
from nlp.text.blocks import RawBlock, RawCell, RawParagraph, table_from_grid
from nlp.text.normalize import glue_lines
from nlp.text.vocabulary import vocabulary

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# <meta charset="gbk">, <meta http-equiv="Content-Type" content="text/html; charset=gb2312">
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_CHARSET_WINDOW = 4096
# GB2312 and GBK pages often hold characters only GB18030 (their superset) names.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")

_BLOCK_TAGS = frozenset(
    {
        *("address", "article", "blockquote", "body", "caption", "center", "dd", "details", "dir", "div", "dl"),
        *("dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "html", "li"),
        *("main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"),
    }
)
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_BOLD_TAGS = frozenset({"b", "strong"})
_CELL_TAGS = frozenset({"td", "th"})
_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
# Never dropped for a class name: they are the page itself, or a table's structure.
_KEPT_TAGS = frozenset({"html", "body", "main", "article", "table", "thead", "tbody", "tfoot", "tr", "td", "th"})
_CONTENT_TAGS = frozenset({"article", "main"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")
_MAX_COLSPAN = 1000  # the HTML limit; a larger value is an attack on the grid, not a table


@dataclass(frozen=True)
class _Vocabulary:
    drop_tags: frozenset[str]
    own_parts: frozenset[str]
    chrome: re.Pattern
    layout_nested_rows: int


@cache
def _vocabulary() -> _Vocabulary:
    data = vocabulary("html")
    chrome = re.compile("|".join(re.escape(word) for word in data["drop_id_class"]), re.IGNORECASE)
    return _Vocabulary(frozenset(data["drop_tags"]), frozenset(data["own_parts"]), chrome, data["layout_nested_rows"])


def decode_html(data: bytes, path: str) -> tuple[str, str]:
    """Decode a page by its BOM or its declared charset; otherwise as a text file."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break
    declared = _META_CHARSET.search(data[:_CHARSET_WINDOW])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        encoding = _SUPERSETS.get(name, name)
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong or unknown declaration: let the bytes decide
    return decode_text(data, path)


class HtmlReadError(ValueError):
    """A page the parser will not read safely; the message is the reason."""


def _parse(text: str) -> etree._Element | None:
    """Parse offline into a tree, or None for a page without elements."""
    text = _XML_DECLARATION.sub("", text).replace("\x00", "")
    parser = lxml.html.HTMLParser(
        encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True, huge_tree=False, recover=True
    )
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except etree.ParserError:  # "Document is empty"
        return None
    # huge_tree=False caps depth and text size; past the cap libxml2 silently drops the rest
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        raise HtmlReadError("page exceeds the HTML parser's safety limits (elements nested over 256 deep)")
    return root


def _is_hidden(element: etree._Element) -> bool:
    return element.get("hidden") is not None or bool(_HIDDEN_STYLE.search(element.get("style", "")))


def _text_length(element: etree._Element) -> int:
    return len(_WHITESPACE.sub("", element.text_content()))


def _strip_chrome(root: etree._Element) -> None:
    """Remove code, hidden elements, navigation and page chrome, with everything inside them."""
    words = _vocabulary()
    elements = [e for e in root.iter() if isinstance(e.tag, str) and e.getparent() is not None]
    for element in elements:
        hidden = element.tag not in _KEPT_TAGS and _is_hidden(element)
        own_part = element.tag in words.own_parts and any(a.tag in _CONTENT_TAGS for a in element.iterancestors())
        if (element.tag in words.drop_tags and not own_part) or element.tag == "head" or hidden:
            element.drop_tree()
    page_chars = _text_length(root)
    for element in [e for e in root.iter() if isinstance(e.tag, str)]:
        if element.tag in _KEPT_TAGS or element.getparent() is None:
            continue
        names = f"{element.get('id', '')} {element.get('class', '')}"
        # an element holding most of the page is its content, whatever it is called ("has-sidebar")
        if words.chrome.search(names) and 2 * _text_length(element) <= page_chars:
            element.drop_tree()


def _rows(table: etree._Element) -> list[etree._Element]:
    """The table's own rows, not those of tables nested in its cells."""
    rows: list[etree._Element] = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in _ROW_GROUPS:
            rows.extend(row for row in child if row.tag == "tr")
    return rows


def _cells(row: etree._Element) -> list[etree._Element]:
    return [cell for cell in row if cell.tag in _CELL_TAGS]


def _is_layout(table: etree._Element) -> bool:
    """A table that frames content: one column, headings in its cells, or a nested table of its own."""
    rows = _rows(table)
    if all(len(_cells(row)) <= 1 for row in rows):
        return True
    nested = [t for row in rows for cell in _cells(row) for t in cell.iter("table")]
    if any(len(_rows(t)) >= _vocabulary().layout_nested_rows for t in nested):
        return True
    return any(next(cell.iter(*_HEADINGS), None) is not None for row in rows for cell in _cells(row))


def _span(cell: etree._Element, name: str, limit: int) -> int:
    """A colspan/rowspan attribute as browsers read it: invalid is 1, 0 runs to the limit."""
    try:
        value = int(cell.get(name, "1").strip())
    except ValueError:
        return 1
    return limit if value == 0 else max(1, min(value, limit))


class _Reader:
    """Walks a tree in document order, collecting paragraphs and tables.

    ``flat`` reads tables as lines of text: the content of a table cell.
    """

    def __init__(self, flat: bool = False) -> None:
        self.flat = flat
        self.blocks: list[RawBlock] = []
        self._parts: list[tuple[str, bool]] = []
        self._heading: int | None = None

    def _add(self, text: str | None, bold: bool) -> None:
        if text:
            self._parts.append((text, bold))

    def _flush(self) -> None:
        text = _WHITESPACE.sub(" ", "".join(part for part, _ in self._parts)).strip()
        if text:
            bold = all(b for part, b in self._parts if part.strip())
            self.blocks.append(RawParagraph(text=text, heading_level=self._heading, bold=bold))
        self._parts = []

    def walk(self, element: etree._Element, bold: bool = False) -> None:
        tag = element.tag
        if tag == "br":
            self._flush()
            return
        if tag == "table" and not self.flat and not _is_layout(element):
            self._flush()
            self._table(element)
            return
        if tag == "pre":
            self._flush()
            self.blocks.extend(RawParagraph(line) for line in element.text_content().splitlines() if line.strip())
            return
        block = tag in _BLOCK_TAGS
        if block:
            self._flush()
        outer_heading = self._heading
        self._heading = _HEADINGS.get(tag, self._heading)
        bold = bold or tag in _BOLD_TAGS
        self._add(element.text, bold)
        for child in element:
            if isinstance(child.tag, str):
                self.walk(child, bold)
            self._add(child.tail, bold)
        if block:
            self._flush()
        self._heading = outer_heading

    def _table(self, table: etree._Element) -> None:
        for caption in table.iterchildren("caption"):
            self.walk(caption)
        rows = _rows(table)
        grid: list[list[tuple[int, RawCell]]] = []
        pending: dict[int, tuple[int, int]] = {}  # grid column → (rows still covered, colspan)
        for r, row in enumerate(rows):
            covering, pending = pending, {c: (n - 1, span) for c, (n, span) in pending.items() if n > 1}
            cells: list[tuple[int, RawCell]] = []
            column = 0
            for cell in _cells(row):
                while column in covering:
                    cells.append((column, RawCell("", colspan=covering[column][1], continued=True)))
                    column += covering[column][1]
                colspan = _span(cell, "colspan", _MAX_COLSPAN)
                rowspan = _span(cell, "rowspan", len(rows) - r)
                cells.append((column, RawCell(_cell_text(cell), colspan=colspan)))
                if rowspan > 1:
                    pending[column] = (rowspan - 1, colspan)
                column += colspan
            for c, (_, span) in sorted(covering.items()):
                if c >= column:
                    cells.append((c, RawCell("", colspan=span, continued=True)))
            grid.append(cells)
        if grid:
            self.blocks.append(table_from_grid(grid))

    def finish(self) -> list[RawBlock]:
        self._flush()
        return self.blocks


def _cell_text(cell: etree._Element) -> str:
    """A cell's paragraphs (and any nested table's lines) glued into one text."""
    reader = _Reader(flat=True)
    reader.walk(cell)
    return glue_lines([block.text for block in reader.finish() if isinstance(block, RawParagraph)])


_MIN_GRID_ROWS = 3
_MAX_GRID_CELLS = 200  # cells of one grid row: wider is no form, and no reason to build its grid
_GRID_SPAN = {
    "rowspan": re.compile(r"grid-row\s*:\s*span\s+(\d+)"),
    "colspan": re.compile(r"grid-column\s*:\s*span\s+(\d+)"),
}


def _elements(parent: etree._Element) -> list[etree._Element]:
    return [child for child in parent if isinstance(child.tag, str)]


def _is_leaf(element: etree._Element) -> bool:
    """An element holding text and inline markup only (a cell), no block of its own."""
    return not any(isinstance(e.tag, str) and e.tag in _BLOCK_TAGS for e in element.iterdescendants())


def _own_text(element: etree._Element) -> bool:
    """Text an element holds outside its child elements."""
    return bool((element.text or "").strip()) or any((child.tail or "").strip() for child in element)


def _grids_as_tables(root: etree._Element) -> None:
    """Tables built of <div>s, as a CSS grid lays them out (a row <div> of cell <div>s, a merged cell's span in its
    style or a data- attribute): made <table>s, so they are read as tables are. A <div> is such a grid when all its
    children are <div>s holding only leaf cells, no text of their own (a paragraph with inline markup is none), and
    most hold two or more."""
    for container in [e for e in root.iter("div") if len(e) >= _MIN_GRID_ROWS]:
        rows = _elements(container)
        cells = [_elements(row) for row in rows]
        if len(rows) < _MIN_GRID_ROWS or any(
            row.tag != "div" or not row_cells for row, row_cells in zip(rows, cells, strict=True)
        ):
            continue
        if any(len(row_cells) > _MAX_GRID_CELLS or _own_text(row) for row, row_cells in zip(rows, cells, strict=True)):
            continue
        if any(not _is_leaf(cell) for row_cells in cells for cell in row_cells):
            continue
        if 3 * sum(len(row_cells) >= 2 for row_cells in cells) < 2 * len(rows):
            continue
        container.tag = "table"
        for row, row_cells in zip(rows, cells, strict=True):
            row.tag = "tr"
            for cell in row_cells:
                cell.tag = "td"
                for name, pattern in _GRID_SPAN.items():
                    found = pattern.search(cell.get("style", "")) or re.fullmatch(r"\d+", cell.get(f"data-{name}", ""))
                    if found and cell.get(name) is None:
                        cell.set(name, found.group(found.lastindex or 0))


def read_html(text: str) -> list[RawBlock]:
    """Read a decoded page into raw paragraphs and tables."""
    root = _parse(text)
    if root is None:
        return []
    _strip_chrome(root)
    _grids_as_tables(root)
    body = root.find("body")
    reader = _Reader()
    reader.walk(body if body is not None else root)
    return reader.finish()
