"""The PDF reader's table pass: ruled tables become cells, and a page too dense for it is read as text."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bench.hostile import PDF_SHAPES, hostile_pdf
from nlp.reading.readers import pdf_reader
from nlp.reading.readers.pdf_reader import read_pdf
from nlp.text.blocks import RawParagraph, RawTable


@pytest.fixture(scope="module")
def grid_pdf(tmp_path_factory) -> bytes:
    """Two pages of a 60 × 10 grid of thin cells: 600 rectangles a page, under the cap."""
    return hostile_pdf("ruled_grid", 2, tmp_path_factory.mktemp("pdf") / "grid.pdf").read_bytes()


def test_a_ruled_grid_is_read_as_one_table_across_its_pages(grid_pdf: bytes) -> None:
    rows, columns, _ = PDF_SHAPES["ruled_grid"]
    blocks, *_ = read_pdf(grid_pdf)
    assert [type(block) for block in blocks] == [RawTable]
    assert len(blocks[0].rows) == 2 * rows
    assert [cell.text for cell in blocks[0].rows[0]] == [f"指标0-{column}" for column in range(columns)]


def test_a_page_with_more_rules_than_the_cap_is_read_as_lines_with_a_warning(
    grid_pdf: bytes, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_RULES_PER_PAGE", 599)
    with caplog.at_level(logging.WARNING, logger=pdf_reader.__name__):
        blocks, *_ = read_pdf(grid_pdf)
    assert all(isinstance(block, RawParagraph) for block in blocks)
    text = "\n".join(block.text for block in blocks)
    assert "指标0-0" in text and "指标59-9" in text
    assert [record.getMessage() for record in caplog.records] == [
        "2 PDF page(s) have more than 599 ruling lines and cell borders (pages 1, 2): their tables are read as text"
    ]


def test_a_grid_beyond_the_cap_keeps_its_text(tmp_path: Path) -> None:
    blocks, *_ = read_pdf(hostile_pdf("dense_grid", 1, tmp_path / "dense.pdf").read_bytes())
    rows, columns, _ = PDF_SHAPES["dense_grid"]
    text = "\n".join(block.text for block in blocks if isinstance(block, RawParagraph))
    assert all(f"指标{row}-{column}" in text for row in (0, rows - 1) for column in (0, columns - 1))


def letter_spaced_pdf(tmp_path: Path) -> bytes:
    """A line set with extra space between its characters, as a justified paragraph is, a line of two cells set
    wide apart, and a tight header whose cells stand a little apart."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "spaced.pdf"
    page = canvas.Canvas(str(path))
    page.setFont("STSong-Light", 12)
    x = 60.0
    for char in "年中追加调整225.32万元，全年预算2865.32万元。":  # each character placed on its own, as justified
        page.drawString(x, 700, char)
        x += pdfmetrics.stringWidth(char, "STSong-Light", 12) + 4
    page.drawString(60, 660, "主管部门")
    page.drawString(200, 660, "某县市场监督管理局")
    x = 60.0  # the cells of a tight header, a little apart
    for cell in ("三级指标", "年度指标值", "分值", "得分"):
        page.drawString(x, 620, cell)
        x += pdfmetrics.stringWidth(cell, "STSong-Light", 12) + 4
    page.save()
    return path.read_bytes()


def test_the_spaces_of_a_letter_spaced_line_go_and_a_gap_between_cells_stays(tmp_path: Path) -> None:
    texts = [b.text for b in read_pdf(letter_spaced_pdf(tmp_path)).blocks if isinstance(b, RawParagraph)]
    assert texts == [
        "年中追加调整225.32万元，全年预算2865.32万元。",
        "主管部门 某县市场监督管理局",
        "三级指标 年度指标值 分值 得分",
    ]
