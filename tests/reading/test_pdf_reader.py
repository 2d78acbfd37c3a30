"""The PDF reader's table pass: ruled tables become cells, and a page too dense for it is read as text."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from conftest import ROOT

from bench.hostile import PDF_SHAPES, hostile_pdf
from nlp.reading.readers import pdf_reader
from nlp.reading.readers.pdf_reader import read_pdf
from nlp.text.blocks import RawCell, RawParagraph, RawTable


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


def rows_of(*rows: list[str]) -> RawTable:
    return RawTable([[RawCell(text) for text in row] for row in rows])


HEADER = ["一级指标", "二级指标", "三级指标", "指标值", "全年实际值", "分值", "得分"]


def test_a_page_opening_with_the_header_again_goes_on_with_the_table_before_it() -> None:
    before = rows_of(["项目名称", "某项目"], HEADER, ["产出指标", "数量指标", "甲数", "≥5个", "5个", "10", "10"])
    page = pdf_reader._PageTable(
        0.0, 0.0, 0.0, rows_of(HEADER, ["效益指标", "社会效益指标", "乙", "好", "好", "5", "5"])
    )
    assert pdf_reader._repeats_header(before, page)
    other = pdf_reader._PageTable(0.0, 0.0, 0.0, rows_of(["年初预算数", "全年预算数"], ["1", "2"]))
    assert not pdf_reader._repeats_header(before, other)


def test_a_header_of_two_rows_printed_again_on_the_next_page_is_left_out_whole() -> None:
    """A sheet's print titles repeat both header rows (… | 指标完成情况 ⏎ | | 目标值 | 完成情况): neither is a row."""
    upper, lower = ["一级指标", "三级指标", "指标完成情况", "", "自评分"], ["", "", "目标值", "完成情况", ""]
    before = rows_of(["项目名称", "某项目"], upper, lower, ["产出", "甲数", "≥5个", "5个", "10"])
    assert pdf_reader._repeated_rows(before, rows_of(upper, lower, ["效益", "乙", "好", "好", "5"])) == 2
    assert pdf_reader._repeated_rows(before, rows_of(upper, ["效益", "乙", "好", "好", "5"])) == 1


@pytest.mark.parametrize("line", ["第1页，共2页", "第 1 页 共 2 页", "- 3 -", "1/2", "第2页"])
def test_page_numbers_of_every_style_are_furniture(line: str) -> None:
    assert pdf_reader.PAGE_NUMBER.match(line)


@pytest.mark.parametrize("line", ["2024 100", "12 3", "第1项", "共2页面"])
def test_a_line_of_figures_is_no_page_number(line: str) -> None:
    assert not pdf_reader.PAGE_NUMBER.match(line)


def test_a_row_the_page_cut_goes_on_its_cells_and_a_row_of_its_own_does_not() -> None:
    table = rows_of(HEADER, ["", "时效指标", "完成时间", "2023年11月30", "2023年11月20日", "5", "5"])
    assert pdf_reader._rest_of_row(table, [RawCell(t) for t in ["", "", "", "日", "", "", ""]])
    # the rest of a name the page cut (区域性、系统性食品安 ⏎ 全事件), no target or actual beside it, goes on too
    assert pdf_reader._rest_of_row(table, [RawCell(t) for t in ["", "", "全事件", "", "", "", ""]])
    # a row naming itself and stating its values is a row
    assert not pdf_reader._rest_of_row(table, [RawCell(t) for t in ["", "", "丙率", "≥90%", "", "", ""]])
    assert not pdf_reader._rest_of_row(table, [RawCell(t) for t in ["", "质量指标", "丁率", "≥90%", "95%", "5", "5"]])


def test_a_merged_labels_text_alone_on_its_line_is_a_cut_label() -> None:
    assert pdf_reader._cut_label(RawParagraph("效益指标"))
    assert not pdf_reader._cut_label(RawParagraph("三、存在的问题"))


def test_a_printed_sheets_table_goes_on_over_its_repeated_header_and_a_cut_label() -> None:
    # a 自评表 printed from a sheet: page 2 repeats the header, the merged 效益指标 cell's text stands between the pages
    path = ROOT / "corpus" / "dev" / "docs" / "w8_hebei_fudong_qingjiequnuan.pdf"
    blocks, *_ = read_pdf(path.read_bytes())
    headers = [row for b in blocks if isinstance(b, RawTable) for row in b.rows if row[0].text == "一级指标"]
    assert len(headers) == 1
    assert "效益指标" not in [b.text for b in blocks if isinstance(b, RawParagraph)]
    names = [row[2].text for b in blocks if isinstance(b, RawTable) for row in b.rows if len(row) > 2]
    assert {"燃气安全事故发生起数", "改造户满意度"} <= set(names)
    # the 二级 label the page printed into the repeated header's cell goes back to the page's first row
    rows = [row for b in blocks if isinstance(b, RawTable) for row in b.rows if len(row) > 2]
    [row] = [row for row in rows if row[2].text == "燃气安全事故发生起数"]
    assert row[1].text == "社会效益指标"


def test_a_scanned_page_opening_with_rows_of_the_cells_of_the_last_row_before_goes_on_with_its_table() -> None:
    """An OCR'd page break: no geometry to measure, so a headerless first table whose first row has as many cells
    as the last row of the page before is that table going on; a header of its own, or other cells, start anew."""
    before = pdf_reader._PageTable(
        0.0, 0.0, 0.0, rows_of(HEADER, ["产出指标", "数量指标", "甲数", "≥5个", "5个", "10", "10"]), scanned=True
    )
    going_on = rows_of(["满意度指标", "服务对象满意度指标", "乙率", "≥95%", "98%", "10", "10"], ["总分", "100", "99"])
    assert pdf_reader._continues_table(before, pdf_reader._PageTable(0.0, 0.0, 0.0, going_on, scanned=True), 0.0)
    anew = rows_of(HEADER, ["效益指标", "社会效益指标", "丙", "好", "好", "5", "5"])
    assert not pdf_reader._continues_table(before, pdf_reader._PageTable(0.0, 0.0, 0.0, anew, scanned=True), 0.0)
    other = rows_of(["年初预算数", "全年预算数"], ["1", "2"])
    assert not pdf_reader._continues_table(before, pdf_reader._PageTable(0.0, 0.0, 0.0, other, scanned=True), 0.0)
    # a table of no indicator header before the break (a form's budget block) is not what the page goes on with
    budget = pdf_reader._PageTable(0.0, 0.0, 0.0, rows_of(["甲", "1", "2", "3", "4", "5", "6"]), scanned=True)
    assert not pdf_reader._continues_table(budget, pdf_reader._PageTable(0.0, 0.0, 0.0, going_on, scanned=True), 0.0)
