"""OCR for scanned pages and images: recognised text boxes rebuilt into lines and tables.

The engine is RapidOCR (PP-OCR models run by onnxruntime), installed by the ``ocr``
extra; its models ship inside its wheel, so nothing is downloaded at run time.

The engine returns boxes of text, not a document. Rebuilding lines and table cells
from their geometry is specific to this tool's forms, so it is hand-written here:
boxes that overlap vertically are one visual row; a row's boxes separated by a wide
gap are separate segments; consecutive rows of several segments are a table whose
columns start where the left edges of segments in several rows line up, and a row
that touches the previous one and fills only columns it already filled is that
row's wrapped cell text. Tables come out as ``RawTable`` cells and lines as
``RawParagraph`` with the same layout hints the PDF text layer gives, so a scanned
自评表 reaches the same table reader as a born-digital one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from nlp.reading.readers.scan_grid import MAX_SKEW, Grid, GridCell, ruled_grids, ruling_skew
from nlp.text.blocks import RawBlock, RawCell, RawParagraph, RawTable, table_from_grid
from nlp.text.normalize import glue_lines

if TYPE_CHECKING:
    from PIL import Image

INSTALL_HINT = "install the OCR extra: pip install 'jixiao[ocr]'"
MAX_PIXELS = 60_000_000  # an A0 scan at 300 dpi is 140 M; a page at 300 dpi is 8.7 M
_SAME_ROW_OVERLAP = 0.5  # share of the smaller box's height two boxes of one row overlap by
_SEGMENT_GAP = 0.5  # a gap wider than half a line height separates two cells (cell padding is wider)
_WRAP_GAP = 0.12  # lines of one wrapped cell touch (their boxes overlap); rows are padded apart
_MIN_TABLE_ROWS = 2
_LONG_RUN = 6  # a run this many line heights long shows the page's slope; a shorter one's corners are too coarse
_MIN_LONG_RUNS = 3
_MIN_SKEW = 0.2  # degrees: less is no skew to mend
_WRAP_SLACK_CHARS = 3.0
_INDENT_CHARS = 1.5


class OcrUnavailable(Exception):
    """The OCR extra is not installed."""


@dataclass
class Box:
    """One recognised run of text, in pixels from the image's top left corner."""

    left: float
    top: float
    right: float
    bottom: float
    text: str
    score: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class OcrPage:
    """One page's rebuilt blocks and how sure the engine was (mean score per character)."""

    page: int
    blocks: list[RawBlock]
    confidence: float
    characters: int

    def to_dict(self) -> dict:
        return {"page": self.page, "confidence": self.confidence, "characters": self.characters}


@dataclass
class _Segment:
    left: float
    right: float
    text: str


@dataclass
class _Row:
    top: float
    bottom: float
    height: float  # median box height: the row's line height
    segments: list[_Segment] = field(default_factory=list)


@cache
def _engine():
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        raise OcrUnavailable(INSTALL_HINT) from None
    return RapidOCR()


def available() -> bool:
    """Whether the OCR extra is installed (without loading its models)."""
    from importlib.util import find_spec

    return find_spec("rapidocr_onnxruntime") is not None


Corners = list[tuple[float, float]]  # a recognised run's quadrilateral: top left, top right, bottom right, bottom left


def recognise(image: Image.Image) -> list[tuple[Corners, str, float]]:
    """Run the engine on one image: each run of text with its corners (tilted as the page is) and score."""
    import numpy as np

    result, _ = _engine()(np.asarray(image.convert("RGB")), use_cls=False)
    return [
        ([(float(x), float(y)) for x, y in points], text.strip(), float(score))
        for points, text, score in result or []
        if text.strip()
    ]


def skew_degrees(runs: list[tuple[Corners, str, float]]) -> float:
    """How far a scan is turned, in degrees (negative: its lines rise to the right): the median slope of its long
    runs' top edges, a short run's being too coarse. 0 when too few runs are long or the slope is too small to
    matter (or too large to be a skew rather than a page set sideways)."""
    slopes = sorted(
        math.degrees(math.atan2(corners[1][1] - corners[0][1], corners[1][0] - corners[0][0]))
        for corners, _, _ in runs
        if corners[1][0] - corners[0][0] >= _LONG_RUN * max(corners[3][1] - corners[0][1], 1.0)
    )
    if len(slopes) < _MIN_LONG_RUNS:
        return 0.0
    median = slopes[len(slopes) // 2]
    return median if _MIN_SKEW <= abs(median) <= MAX_SKEW else 0.0


def _boxes(runs: list[tuple[Corners, str, float]], skew: float, centre: tuple[float, float]) -> list[Box]:
    """Axis-aligned boxes of the runs, turned back by ``skew`` around the page's centre so a row's runs line up."""
    radians = math.radians(skew)
    cos, sin = math.cos(radians), math.sin(radians)
    cx, cy = centre
    boxes = []
    for corners, text, score in runs:
        turned = [(cx + (x - cx) * cos + (y - cy) * sin, cy - (x - cx) * sin + (y - cy) * cos) for x, y in corners]
        xs, ys = [x for x, _ in turned], [y for _, y in turned]
        boxes.append(Box(min(xs), min(ys), max(xs), max(ys), text, score))
    return boxes


def read_page(image: Image.Image, page: int) -> OcrPage:
    """Recognise one page image and rebuild its lines and tables (a ruled table's by its lines), a tilted scan
    turned straight first (by its rules' slope, else its text's): its runs' corners by arithmetic, the image (for
    its ruling) by Pillow."""
    from PIL import Image

    runs = recognise(image)
    ruled = ruling_skew(image)  # a form's rules are straighter witnesses than its runs of text
    skew = skew_degrees(runs) if ruled is None else (ruled if abs(ruled) >= _MIN_SKEW else 0.0)
    boxes = _boxes(runs, skew, (image.width / 2, image.height / 2))
    if skew:
        image = image.convert("RGB").rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor="white")
    characters = sum(len(box.text) for box in boxes)
    confidence = sum(box.score * len(box.text) for box in boxes) / characters if characters else 0.0
    return OcrPage(page, rebuild(boxes, ruled_grids(image)), round(confidence, 3), characters)


def _rows(boxes: list[Box]) -> list[_Row]:
    """Group boxes into visual rows by vertical overlap, each row's boxes joined into segments by gap."""
    grouped: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (b.top + b.bottom) / 2):
        if grouped:
            last = grouped[-1]
            top, bottom = min(b.top for b in last), max(b.bottom for b in last)
            overlap = min(bottom, box.bottom) - max(top, box.top)
            if overlap >= _SAME_ROW_OVERLAP * min(box.height, bottom - top):
                last.append(box)
                continue
        grouped.append([box])
    rows: list[_Row] = []
    for group in grouped:
        heights = sorted(b.height for b in group)
        row = _Row(min(b.top for b in group), max(b.bottom for b in group), heights[len(heights) // 2])
        for box in sorted(group, key=lambda b: b.left):
            segment = row.segments[-1] if row.segments else None
            if segment is not None and box.left - segment.right <= _SEGMENT_GAP * row.height:
                segment.right, segment.text = max(segment.right, box.right), segment.text + box.text
            else:
                row.segments.append(_Segment(box.left, box.right, box.text))
        rows.append(row)
    return rows


def _close(above: _Row, below: _Row) -> bool:
    """Set as close under the row above as the lines of one wrapped cell are."""
    return below.top - above.bottom <= _WRAP_GAP * below.height


def _columns(rows: list[_Row]) -> list[float]:
    """Left edges of a table's columns: left edges of segments that line up in at least two rows."""
    tolerance = sorted(row.height for row in rows)[len(rows) // 2]
    lefts = sorted(s.left for row in rows for s in row.segments)
    clusters: list[list[float]] = [[lefts[0]]]
    for left in lefts[1:]:
        if left - clusters[-1][-1] <= tolerance:
            clusters[-1].append(left)
        else:
            clusters.append([left])
    starts = [min(cluster) for cluster in clusters if len(cluster) >= _MIN_TABLE_ROWS]
    return starts or [lefts[0]]


def _table(rows: list[_Row]) -> RawTable:
    """Cells of a run of rows: each segment in the column its left edge falls in, wrapped lines joined."""
    starts = _columns(rows)

    def column_of(x: float) -> int:
        return max((i for i, start in enumerate(starts) if start <= x + 1), default=0)

    logical: list[dict[int, list[str]]] = []
    spans: list[dict[int, int]] = []
    previous: _Row | None = None
    for row in rows:
        placed: dict[int, tuple[str, int]] = {}
        for segment in row.segments:
            first, last = column_of(segment.left), column_of(segment.right - row.height)
            text, span = placed.get(first, ("", 1))
            placed[first] = (text + segment.text, max(span, last - first + 1))
        wraps = previous is not None and _close(previous, row) and set(placed) <= set(logical[-1])
        if wraps:
            for column, (text, _) in placed.items():
                logical[-1][column].append(text)
        else:
            logical.append({column: [text] for column, (text, _) in placed.items()})
            spans.append({column: span for column, (_, span) in placed.items()})
        previous = row
    table_rows: list[list[RawCell]] = []
    for texts, widths in zip(logical, spans, strict=True):
        cells: list[RawCell] = []
        column = 0
        while column < len(starts):
            span = widths.get(column, 1)
            cells.append(RawCell(glue_lines(texts.get(column, [])), colspan=span))
            column += span
        table_rows.append(cells)
    return RawTable(table_rows)


def _grid_table(grid: Grid, texts: dict[GridCell, list[Box]]) -> RawTable:
    """A ruled table's cells, each holding the boxes whose middle lies in it (``texts``), line by line."""
    starts = {(cell.row, cell.col): cell for cell in grid.cells}
    grid_rows: list[list[tuple[int, RawCell]]] = []
    covering: dict[int, GridCell] = {}  # columns a merged cell from a row above still covers
    for row in range(grid.rows):
        cells: list[tuple[int, RawCell]] = []
        col = 0
        while col < grid.cols:
            cell = starts.get((row, col))
            above = covering.get(col)
            if cell is not None:
                lines = [" ".join(b.text for b in line) for line in _lines_of(texts.get(cell, []))]
                cells.append((col, RawCell(glue_lines(lines), colspan=cell.colspan)))
                for k in range(col, col + cell.colspan):
                    if cell.rowspan > 1:
                        covering[k] = cell
                col += cell.colspan
            elif above is not None and above.row + above.rowspan > row:
                if col == above.col:
                    cells.append((col, RawCell("", colspan=above.colspan, continued=True)))
                col += above.colspan if col == above.col else 1
            else:
                col += 1
        grid_rows.append(cells)
    return table_from_grid([row for row in grid_rows if row])


def _middle(box: Box) -> tuple[float, float]:
    return (box.left + box.right) / 2, (box.top + box.bottom) / 2


def _lines_of(boxes: list[Box]) -> list[list[Box]]:
    """A cell's boxes as its lines of text, top to bottom, each left to right."""
    return [sorted(group, key=lambda b: b.left) for group in _line_groups(boxes)]


def _line_groups(boxes: list[Box]) -> list[list[Box]]:
    grouped: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (b.top + b.bottom) / 2):
        if grouped:
            last = grouped[-1]
            top, bottom = min(b.top for b in last), max(b.bottom for b in last)
            if min(bottom, box.bottom) - max(top, box.top) >= _SAME_ROW_OVERLAP * min(box.height, bottom - top):
                last.append(box)
                continue
        grouped.append([box])
    return grouped


def rebuild(boxes: list[Box], grids: Sequence[Grid] = ()) -> list[RawBlock]:
    """Lines and tables, top to bottom, from one page's boxes; the boxes inside a ruled grid make its table."""
    placed: list[tuple[float, RawBlock]] = []
    free = list(boxes)
    for grid in grids:
        # each box in the cell its middle lies in (one in none, a ragged row's signature, stays free)
        texts: dict[GridCell, list[Box]] = {}
        outside = []
        for box in free:
            cell = grid.cell_at(*_middle(box))
            if cell is None:
                outside.append(box)
            else:
                texts.setdefault(cell, []).append(box)
        if texts:
            placed.append((grid.top, _grid_table(grid, texts)))
            free = outside
    placed += _rebuild_free(free)
    return [block for _, block in sorted(placed, key=lambda item: item[0])]


def _rebuild_free(boxes: list[Box]) -> list[tuple[float, RawBlock]]:
    """Lines and tables told apart by their gaps, each with the top of its first row."""
    if not boxes:
        return []
    rows = _rows(boxes)
    right_margin = max(row.segments[-1].right for row in rows)
    left_margin = min(row.segments[0].left for row in rows)
    blocks: list[tuple[float, RawBlock]] = []
    index = 0
    while index < len(rows):
        end = index  # a table runs over rows of several segments and the wrapped lines close under them
        while end < len(rows) and (len(rows[end].segments) > 1 or (end > index and _close(rows[end - 1], rows[end]))):
            end += 1
        multi = sum(1 for row in rows[index:end] if len(row.segments) > 1)
        if multi >= _MIN_TABLE_ROWS:
            blocks.append((rows[index].top, _table(rows[index:end])))
            index = end
            continue
        row = rows[index]
        blocks.append(
            (
                row.top,
                RawParagraph(
                    text=" ".join(segment.text for segment in row.segments),
                    fills_line=row.segments[-1].right >= right_margin - _WRAP_SLACK_CHARS * row.height,
                    new_paragraph=row.segments[0].left >= left_margin + _INDENT_CHARS * row.height,
                ),
            )
        )
        index += 1
    return blocks


def open_image(data: bytes):
    """Decode an image file, refusing one whose pixel count would exhaust memory before decoding it."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(data))
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ValueError(f"image is {width}×{height} pixels, over the {MAX_PIXELS // 1_000_000} M pixel limit")
    image.load()
    return image
