"""The text model shared by every stage: normalized text plus blocks with offsets.

Readers produce *raw* blocks (text not yet normalized, no offsets); ``nlp.reading.ingest``
normalizes them and lays them out into one string, giving every block and cell
``start``/``end`` offsets so that ``text[start:end]`` is exactly its content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass
class RawParagraph:
    """One paragraph (or, from a PDF, one visual line) as a reader found it."""

    text: str
    heading_level: int | None = None  # from Markdown '#', a Word heading style
    bold: bool = False  # the whole paragraph is bold or <b>…</b>
    fills_line: bool = False  # PDF: the line reaches the right margin, so it wraps
    new_paragraph: bool = False  # the layout shows a start (first-line indent, list bullet)


@dataclass
class RawCell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    continued: bool = False  # covered by a vertically merged cell above


@dataclass
class RawTable:
    rows: list[list[RawCell]]


RawBlock = RawParagraph | RawTable


def table_from_grid(grid: list[list[tuple[int, RawCell]]]) -> RawTable:
    """Build a table from rows of (grid column, cell), giving each vertical merge its rowspan.

    A merge's rowspan is its top cell plus the ``continued`` cells below it in the
    same grid column.
    """
    for r, row in enumerate(grid):
        for column, cell in row:
            if cell.continued:
                continue
            below = r + 1
            while below < len(grid) and any(c == column and other.continued for c, other in grid[below]):
                below += 1
            cell.rowspan = below - r
    return RawTable([[cell for _, cell in row] for row in grid])


@dataclass(frozen=True)
class Cell:
    """A table cell; ``col`` is its position among the row's cells as written."""

    row: int
    col: int
    start: int
    end: int
    text: str
    colspan: int = 1
    rowspan: int = 1
    continued: bool = False

    def to_dict(self) -> dict:
        return {
            "row": self.row,
            "col": self.col,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "colspan": self.colspan,
            "rowspan": self.rowspan,
            "continued": self.continued,
        }


@dataclass
class Block:
    """A paragraph (one line of the text) or a table (one line per row, cells tab-separated)."""

    kind: Literal["paragraph", "table"]
    start: int
    end: int
    text: str
    heading_level: int | None = None
    bold: bool = False
    rows: list[list[Cell]] = field(default_factory=list)

    def to_dict(self) -> dict:
        data: dict = {"kind": self.kind, "start": self.start, "end": self.end, "text": self.text}
        if self.kind == "paragraph":
            data["heading_level"] = self.heading_level
            data["bold"] = self.bold
        else:
            data["rows"] = [[cell.to_dict() for cell in row] for row in self.rows]
        return data


@dataclass(eq=False)  # identity, not value, equality: hashable, so per-document caches can key on it
class IngestedText:
    """A document after ingest: the normalized text every later offset points into.

    ``converted_from`` is "traditional" when a traditional-character document was
    converted to simplified (``nlp.text.chinese_variants``). The conversion maps character
    for character, so offsets into the normalized text are offsets into the
    (normalized) original too.
    """

    path: str
    format: Literal["txt", "md", "docx", "pdf", "html", "xlsx", "xls", "doc", "wps", "et", "png", "jpeg", "tiff"]
    encoding: str | None
    text: str
    blocks: list[Block]
    converted_from: str | None = None
    ocr_pages: list[dict] | None = None  # pages read by OCR: {"page", "confidence", "characters"}
    dense_table_pages: list[int] = field(default_factory=list)  # PDF pages whose ruled tables were read as text

    @property
    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "paragraph"]

    @property
    def tables(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "table"]
