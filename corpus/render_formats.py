"""Render seeds to .docx and .pdf so every input format is tested on real content.

Run from the repository root:  python corpus/render_formats.py
It reads each seed through ``nlp.reading.ingest`` (so tables are already cells) and writes
``corpus/rendered/<seed>.docx`` and ``.pdf``: numbered headings become Word
headings, tables become real Word tables (and ruled PDF tables) whose carried-
forward label cells are vertically merged and whose short rows end in a
horizontally merged cell. The PDF is byte-identical from run to run; the DOCX
differs only in its ZIP timestamps. The PDF uses reportlab's built-in, non-
embedded STSong-Light font: pdfium does not extract a line of one lone CJK
character in such a font (seed 004's "无"), which real, font-embedding PDFs do
not suffer.
Needs the ``dev`` extra (reportlab).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp.reading.ingest import ingest  # noqa: E402
from nlp.text.blocks import Block  # noqa: E402

SEEDS = ["000_5f41aaf12647981e", "003_b9a6394348fdc04a", "004_380c218f37ec32c7"]
OUT = ROOT / "corpus" / "rendered"
# Columns whose empty cells carry the label above them forward (一级指标, 二级指标 …).
LABEL_COLUMNS = 3
HEADING_LEVELS = [
    (re.compile(r"^第[一二三四五六七八九十\d]+部分"), 1),
    (re.compile(r"^附件\d*$"), 1),
    (re.compile(r"^[一二三四五六七八九十]+、"), 2),
    (re.compile(r"^\([一二三四五六七八九十]+\)"), 3),
]
MAX_HEADING_CHARS = 30
FIXED_TIME = datetime(2023, 1, 1, tzinfo=UTC)


@dataclass
class Placement:
    row: int
    col: int
    span: int
    text: str


def heading_level(block: Block) -> int | None:
    if block.heading_level:
        return min(block.heading_level, 4)
    if len(block.text) > MAX_HEADING_CHARS:
        return None
    for pattern, level in HEADING_LEVELS:
        if pattern.match(block.text):
            return level
    return None


def merge_plan(block: Block) -> tuple[int, list[Placement], list[tuple[int, int, int]]]:
    """Grid width, cell placements (last cell of a short row spans the rest), vertical merges."""
    width = max(len(row) for row in block.rows)
    placements: list[Placement] = []
    grid: dict[tuple[int, int], Placement] = {}
    for r, row in enumerate(block.rows):
        for c, cell in enumerate(row):
            span = width - c if c == len(row) - 1 else 1
            placement = Placement(r, c, span, cell.text)
            placements.append(placement)
            grid[(r, c)] = placement
    vertical: list[tuple[int, int, int]] = []  # (column, top row, bottom row)
    for c in range(LABEL_COLUMNS):
        top = None
        for r in range(len(block.rows)):
            here = grid.get((r, c))
            if here is None or here.span != 1:
                top = None
                continue
            if here.text:
                top = r
            elif top is not None:
                if vertical and vertical[-1][0] == c and vertical[-1][1] == top:
                    vertical[-1] = (c, top, r)
                else:
                    vertical.append((c, top, r))
    return width, placements, vertical


def write_docx(blocks: list[Block], path: Path) -> None:
    import docx

    document = docx.Document()
    for block in blocks:
        if block.kind == "paragraph":
            level = heading_level(block)
            if level:
                document.add_heading(block.text, level=level)
            else:
                document.add_paragraph(block.text)
            continue
        width, placements, vertical = merge_plan(block)
        table = document.add_table(rows=len(block.rows), cols=width)
        table.style = "Table Grid"
        for p in placements:
            cell = table.cell(p.row, p.col)
            if p.span > 1:
                cell = cell.merge(table.cell(p.row, p.col + p.span - 1))
            cell.text = p.text
        for column, top, bottom in vertical:
            table.cell(top, column).merge(table.cell(bottom, column))
    # Fixed timestamps keep the file identical from run to run.
    document.core_properties.created = FIXED_TIME
    document.core_properties.modified = FIXED_TIME
    document.save(str(path))


def write_pdf(blocks: list[Block], path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    font = "STSong-Light"
    body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=17, firstLineIndent=21, wordWrap="CJK")
    cell_style = ParagraphStyle("cell", fontName=font, fontSize=8, leading=11, wordWrap="CJK")
    headings = {
        level: ParagraphStyle(f"h{level}", fontName=font, fontSize=16 - 1.5 * level, leading=24, spaceBefore=6)
        for level in range(1, 5)
    }
    story = []
    for block in blocks:
        if block.kind == "paragraph":
            level = heading_level(block)
            story.append(Paragraph(escape(block.text), headings[level] if level else body))
            continue
        width, placements, vertical = merge_plan(block)
        data = [["" for _ in range(width)] for _ in block.rows]
        styles = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        for p in placements:
            data[p.row][p.col] = Paragraph(escape(p.text), cell_style) if p.text else ""
            if p.span > 1:
                styles.append(("SPAN", (p.col, p.row), (p.col + p.span - 1, p.row)))
        styles.extend(("SPAN", (column, top), (column, bottom)) for column, top, bottom in vertical)
        frame_width = A4[0] - 144
        story.append(Table(data, colWidths=[frame_width / width] * width, style=TableStyle(styles)))
        story.append(Spacer(1, 12))  # tables that touch would read back as one grid

    def page_number(canvas, doc) -> None:
        canvas.setFont(font, 9)
        canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")

    document = SimpleDocTemplate(str(path), pagesize=A4, invariant=1, title=path.stem)
    document.build(story, onFirstPage=page_number, onLaterPages=page_number)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for seed in SEEDS:
        blocks = ingest(ROOT / "corpus" / "seeds" / f"{seed}.txt").blocks
        write_docx(blocks, OUT / f"{seed}.docx")
        write_pdf(blocks, OUT / f"{seed}.pdf")
        print(f"rendered {seed}.docx and {seed}.pdf")


if __name__ == "__main__":
    main()
