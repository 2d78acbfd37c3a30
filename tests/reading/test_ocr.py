"""OCR: boxes rebuilt into lines and table cells; images need --ocr; a missing engine is one clear line."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import ROOT, write
from PIL import Image
from test_office_convert import require
from typer.testing import CliRunner

import nlp
from cli import app
from nlp import InputError, ingest
from nlp.reading.readers import ocr
from nlp.reading.readers.ocr import Box, rebuild
from nlp.text.blocks import RawParagraph, RawTable


def _box(left: float, top: float, text: str, width: float | None = None, height: float = 20) -> Box:
    return Box(left, top, left + (width or 20 * len(text)), top + height, text, 0.95)


def test_boxes_rebuild_into_paragraph_lines_and_a_table_with_a_wrapped_cell() -> None:
    boxes = [
        _box(100, 50, "绩效自评表"),
        _box(100, 100, "三级指标"),
        _box(300, 101, "指标值"),
        _box(500, 99, "完成值"),
        _box(100, 130, "养护里程"),
        _box(300, 130, "≥120公里"),
        _box(500, 131, "126公里"),
        _box(100, 160, "平均车速"),  # the first line of a wrapped cell
        _box(300, 160, "≥80"),
        _box(500, 160, "89"),
        _box(100, 178, "(公里/时)"),  # its second line touches the first
        _box(140, 260, "存在问题：资金到位较晚。", height=22),
    ]
    blocks = rebuild(boxes)
    assert [type(block) for block in blocks] == [RawParagraph, RawTable, RawParagraph]
    assert [[cell.text for cell in row] for row in blocks[1].rows] == [
        ["三级指标", "指标值", "完成值"],
        ["养护里程", "≥120公里", "126公里"],
        ["平均车速(公里/时)", "≥80", "89"],
    ]
    assert blocks[2].new_paragraph  # indented under the left margin


def test_a_cell_spanning_two_columns_gets_its_colspan() -> None:
    boxes = [
        _box(100, 100, "一级"),
        _box(300, 100, "二级"),
        _box(500, 100, "三级"),
        _box(100, 140, "合计金额说明文字很长很长", width=380),
        _box(500, 140, "100"),
        _box(100, 180, "产出"),
        _box(300, 180, "数量"),
        _box(500, 180, "20"),
    ]
    [table] = rebuild(boxes)
    assert [(cell.text, cell.colspan) for cell in table.rows[1]] == [("合计金额说明文字很长很长", 2), ("100", 1)]


def _png(tmp_path: Path) -> Path:
    path = tmp_path / "scan.png"
    Image.new("RGB", (200, 80), "white").save(path)
    return path


def test_an_image_without_ocr_names_the_option(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(_png(tmp_path))])
    assert result.exit_code == 3 and "--ocr" in result.stderr and "Traceback" not in result.stderr


def test_without_the_engine_the_message_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def missing():
        raise ocr.OcrUnavailable(ocr.INSTALL_HINT)

    monkeypatch.setattr(ocr, "_engine", missing)
    with pytest.raises(InputError, match=r"jixiao\[ocr\]"):
        ingest(_png(tmp_path), ocr=True)


def test_a_damaged_or_huge_image_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InputError, match="damaged or unreadable image"):
        ingest(write(tmp_path, "cut.png", _png(tmp_path).read_bytes()[:60]), ocr=True)
    monkeypatch.setattr(ocr, "MAX_PIXELS", 1000)
    with pytest.raises(InputError, match="pixel limit"):
        ingest(_png(tmp_path), ocr=True)


def _ruled_page(rows: int, columns: int, merged: tuple[int, int] | None = None) -> Image.Image:
    """A white page with a ruled grid of ``rows`` × ``columns`` cells 200 × 40 pixels from (100, 300); ``merged``
    (row, column) joins that cell with the one on its right (its inner line left out)."""
    from PIL import ImageDraw

    page = Image.new("L", (1400, 1000), 255)
    draw = ImageDraw.Draw(page)
    for row in range(rows + 1):
        draw.line([(100, 300 + 40 * row), (100 + 200 * columns, 300 + 40 * row)], fill=0, width=2)
    for column in range(columns + 1):
        for row in range(rows):
            if merged == (row, column - 1) and 0 < column < columns:
                continue
            draw.line([(100 + 200 * column, 300 + 40 * row), (100 + 200 * column, 340 + 40 * row)], fill=0, width=2)
    return page


def test_a_ruled_grid_on_a_page_image_gives_its_cells_and_a_merged_cells_span() -> None:
    from nlp.reading.readers.scan_grid import ruled_grids

    [grid] = ruled_grids(_ruled_page(4, 3, merged=(3, 0)))
    assert (grid.rows, grid.cols) == (4, 3)
    spans = {(cell.row, cell.col): cell.colspan for cell in grid.cells}
    assert spans[(3, 0)] == 2 and (3, 1) not in spans
    assert ruled_grids(Image.new("L", (800, 600), 255)) == []


def test_boxes_in_a_ruled_grid_fill_its_cells_however_tightly_its_rows_sit() -> None:
    from nlp.reading.readers.scan_grid import ruled_grids

    [grid] = ruled_grids(_ruled_page(3, 3))
    # rows 40 pixels apart with 20-pixel text: by gaps alone the lines of a wrapped cell and the next row look alike
    boxes = [
        _box(110, 310, "三级指标"),
        _box(310, 310, "指标值"),
        _box(510, 310, "完成值"),
        _box(110, 342, "养护里程"),
        _box(110, 359, "(公里)", height=18),  # a wrapped second line in the same cell
        _box(310, 350, "≥120"),
        _box(510, 350, "126"),
        _box(110, 390, "平均车速"),
        _box(310, 390, "≥80"),
        _box(510, 390, "89"),
        _box(110, 500, "存在问题：资金到位较晚。"),
    ]
    blocks = rebuild(boxes, [grid])
    assert [type(block) for block in blocks] == [RawTable, RawParagraph]
    assert [[cell.text for cell in row] for row in blocks[0].rows] == [
        ["三级指标", "指标值", "完成值"],
        ["养护里程(公里)", "≥120", "126"],
        ["平均车速", "≥80", "89"],
    ]


@pytest.mark.parametrize("degrees", [0.0, 1.0], ids=["straight", "tilted"])
def test_a_scanned_forms_ruled_table_reads_row_by_row(tmp_path: Path, degrees: float) -> None:
    # the annexed form of a development document, its two pages rasterized: rows too tight for gaps to part them;
    # and turned by 1° as a scanner feeding a sheet askew leaves them (straightened before it is read)
    require(ocr.available(), "the ocr extra (rapidocr-onnxruntime)")
    pdf = pdfium.PdfDocument(ROOT / "corpus" / "dev" / "docs" / "w4_shandong_linyi_gongyuanlvdi.pdf")
    images = [pdf[index].render(scale=2.0).to_pil().convert("L").rotate(degrees, fillcolor=255) for index in (3, 4)]
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=144)
    scanned = tmp_path / "scan.pdf"
    scanned.write_bytes(buffer.getvalue())
    found = [i for e in nlp.analyze(scanned, ocr=True).evaluations for i in e.indicators]
    rows = {i.name: (i.target and i.target.value, i.actual and i.actual.value) for i in found}
    assert len(rows) >= 14
    assert rows["行道树修剪株数"] == (52000, 54600) and rows["市民满意度"][1] == 92.4


def test_a_box_within_a_grids_outline_but_in_no_cell_stays_a_line() -> None:
    from nlp.reading.readers.scan_grid import Grid, GridCell

    cells = [GridCell(100, 300, 300, 340, 0, 0, 1, 1), GridCell(300, 300, 500, 340, 0, 1, 1, 1)]
    cells += [GridCell(100, 340, 300, 380, 1, 0, 1, 1)]  # a ragged last row: one cell
    grid = Grid(cells, 2, 2, 300)
    blocks = rebuild(
        [_box(110, 310, "三级指标"), _box(310, 310, "指标值"), _box(110, 350, "甲"), _box(330, 350, "签名")], [grid]
    )
    assert [type(block) for block in blocks] == [RawTable, RawParagraph] and blocks[1].text == "签名"


def _tilted(left: float, top: float, width: float, degrees: float, text: str) -> tuple[list, str, float]:
    """A run's corners as the recogniser gives them on a page turned by ``degrees`` about (0, 0)."""
    import math

    slope = math.tan(math.radians(degrees))
    corners = [(left, top), (left + width, top + width * slope), (left + width, top + width * slope + 20)]
    return [*corners, (left, top + 20)], text, 0.95


def test_a_scan_s_skew_is_its_long_runs_slope_and_its_rows_come_out_level() -> None:
    runs = [_tilted(100, 100 + 30 * k, 400, -0.7, f"第{k}行的一段很长的文字") for k in range(4)]
    runs += [_tilted(100, 300, 40, 0.0, "5")]  # a short run's corners say nothing of the page
    assert ocr.skew_degrees(runs) == pytest.approx(-0.7, abs=0.01)
    assert ocr.skew_degrees([_tilted(100, 100 + 30 * k, 400, 0.1, "一段很长的文字") for k in range(4)]) == 0.0
    assert ocr.skew_degrees(runs[:2]) == 0.0  # too few long runs to tell
    # two cells of one row on a page turned by 1°: 600 pixels apart, 10 pixels apart in height before, level after
    row = [_tilted(100, 500, 400, -1.0, "甲乙丙丁戊己庚辛壬癸"), _tilted(700, 500 - 600 * 0.01745, 40, -1.0, "98")]
    left, right = ocr._boxes(row, -1.0, (600.0, 800.0))
    assert abs(left.top - right.top) < 1.5
