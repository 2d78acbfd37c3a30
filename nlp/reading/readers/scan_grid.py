"""The ruled grid of a scanned table: its cells found from the lines drawn on the page image.

A scanned 自评表 is a grid of ruling lines; OCR returns only boxes of text. Where the
lines can be seen, they say which boxes share a cell, however tightly the rows sit
(a form's rows touch, so gaps between them tell nothing). OpenCV (installed with the
OCR engine) finds the long horizontal and vertical strokes by morphological opening;
pdfplumber's table finder, the one that reads born-digital PDFs, turns those edges into
cells and tables. Only placing the recognised boxes into the cells is this tool's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

_MIN_LINE_SHARE = 0.03  # a stroke this share of the page's width (height) long is a ruling line, not a character's
_SNAP = 4  # pixels: strokes of one line drawn apart by the scan's noise
_MIN_CELLS = 4  # a table has at least this many cells; fewer are a box drawn round a title
_BINARY_BLOCK = 15  # the neighbourhood (pixels) adaptive thresholding compares a pixel with
_BINARY_OFFSET = -2


@dataclass(frozen=True)
class GridCell:
    """A cell of a ruled grid, in pixels, with its place in the grid's rows and columns."""

    left: float
    top: float
    right: float
    bottom: float
    row: int
    col: int
    rowspan: int
    colspan: int

    def holds(self, x: float, y: float) -> bool:
        return self.left <= x <= self.right and self.top <= y <= self.bottom


@dataclass(frozen=True)
class Grid:
    """One ruled table: its cells, how many rows and columns they make, and where it starts on the page."""

    cells: list[GridCell]
    rows: int
    cols: int
    top: float

    def cell_at(self, x: float, y: float) -> GridCell | None:
        return next((cell for cell in self.cells if cell.holds(x, y)), None)


def _binary(image: Image.Image):
    """The page's ink as white on black, each pixel against its neighbourhood (a scan's uneven grey)."""
    import cv2
    import numpy as np

    gray = np.asarray(image.convert("L"))
    return cv2.adaptiveThreshold(
        cv2.bitwise_not(gray), 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, _BINARY_BLOCK, _BINARY_OFFSET
    )


def _strokes(binary, orientation: str):
    """The long horizontal (``h``) or vertical (``v``) strokes of the ink: a character's are shorter."""
    import cv2

    height, width = binary.shape
    kernel = (
        (max(int(width * _MIN_LINE_SHARE), 10), 1)
        if orientation == "h"
        else (1, max(int(height * _MIN_LINE_SHARE), 10))
    )
    return cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))


def ruling_skew(image: Image.Image) -> float | None:
    """How far a scan is turned, in degrees, by its long ruling lines (negative: they rise to the right): the
    median angle of the near-horizontal lines a third of the page wide. None when the page has too few, or when
    the rules are turned so far (about 4° and more) that their steps are shorter than the stroke kernel.

    The rules' horizontal strokes are found as ``ruled_grids`` finds them (``_strokes``); the Hough transform
    over them costs a few tenths of a second a page, a small share of the page's recognition."""
    import cv2
    import numpy as np

    binary = _binary(image)
    width = binary.shape[1]
    # the horizontal strokes alone (a tilted rule breaks into steps each longer than the kernel), then their lines
    strokes = _strokes(binary, "h")
    segments = cv2.HoughLinesP(
        strokes, 1, np.pi / 1800, threshold=width // 4, minLineLength=width // 3, maxLineGap=_STEP_GAP
    )
    angles = sorted(
        angle
        for x1, y1, x2, y2 in (segments.reshape(-1, 4).tolist() if segments is not None else [])
        if abs(angle := float(np.degrees(np.arctan2(y2 - y1, x2 - x1)))) <= MAX_SKEW
    )
    return angles[len(angles) // 2] if len(angles) >= _MIN_RULING_LINES else None


_STEP_GAP = 12  # pixels between the steps of a tilted rule
MAX_SKEW = 5.0  # degrees: a steeper line is a diagonal stroke, not a tilted rule (nor a page a skew, but sideways)
_MIN_RULING_LINES = 2


def ruled_grids(image: Image.Image) -> list[Grid]:
    """The ruled tables of a page image, top to bottom (none where the page has no ruling lines)."""
    import cv2
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    binary = _binary(image)
    edges: list[dict] = []
    for orientation in ("h", "v"):
        count, _, stats, _ = cv2.connectedComponentsWithStats(_strokes(binary, orientation))
        for left, top, w, h, _area in stats[1:count]:
            edges.append(_edge(orientation, float(left), float(top), float(w), float(h)))
    if not edges:
        return []
    merged = merge_edges(edges, _SNAP, _SNAP, _SNAP, _SNAP)
    cells = intersections_to_cells(edges_to_intersections(merged, _SNAP, _SNAP))
    grids = [_grid(table) for table in cells_to_tables(cells) if len(table) >= _MIN_CELLS]
    return sorted(grids, key=lambda grid: grid.top)


def _edge(orientation: str, left: float, top: float, width: float, height: float) -> dict:
    """A stroke as pdfplumber's edge: a horizontal one at its middle row, a vertical one at its middle column."""
    if orientation == "h":
        y = top + height / 2
        return {"orientation": "h", "x0": left, "x1": left + width, "top": y, "bottom": y, "width": width, "height": 0}
    x = left + width / 2
    return {"orientation": "v", "x0": x, "x1": x, "top": top, "bottom": top + height, "width": 0, "height": height}


def _grid(boxes: list[tuple[float, float, float, float]]) -> Grid:
    """Cells (x0, top, x1, bottom) placed in rows and columns by the grid's distinct line positions."""
    xs = _positions([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _positions([b[1] for b in boxes] + [b[3] for b in boxes])
    cells = []
    for x0, top, x1, bottom in boxes:
        col, end_col, row, end_row = _index(xs, x0), _index(xs, x1), _index(ys, top), _index(ys, bottom)
        cells.append(GridCell(x0, top, x1, bottom, row, col, max(end_row - row, 1), max(end_col - col, 1)))
    return Grid(cells, len(ys) - 1, len(xs) - 1, min(b[1] for b in boxes))


def _positions(values: list[float]) -> list[float]:
    """The distinct positions among ``values``, those within the snap distance counted once."""
    positions: list[float] = []
    for value in sorted(values):
        if not positions or value - positions[-1] > _SNAP:
            positions.append(value)
    return positions


def _index(positions: list[float], value: float) -> int:
    return min(range(len(positions)), key=lambda k: abs(positions[k] - value))
