"""Notes on what a text shows but was not read (documents written for the tests)."""

from __future__ import annotations

import nlp
from bench.hostile import hostile_pdf
from nlp.quality.reading_notes import NOTES, reading_notes
from nlp.text.blocks import IngestedText


def analyse(tmp_path, text: str):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return nlp.analyze(path)


def test_a_fully_read_document_has_no_note(tmp_path) -> None:
    text = (
        "XX县2023年度培训项目支出绩效自评报告\n一、绩效目标完成情况\n项目自评得分95分。\n"
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\n产出指标\t数量指标\t培训人数\t≥200人\t215人\n"
        "二、存在的问题\n培训覆盖面不足，3个乡镇未开班。\n三、改进措施\n明年增开3个乡镇培训点。\n"
    )
    assert analyse(tmp_path, text).notes == []


def test_parts_shown_but_not_read_are_noted(tmp_path) -> None:
    text = (
        "XX县2023年度培训项目支出绩效自评报告\n一、基本情况\n三级指标 年度指标值 实际完成值 见附件。自评得分见附件。\n"
    )
    notes = analyse(tmp_path, text).notes
    assert notes == ["no_indicators", "no_claimed_score"]
    assert all(note in NOTES for note in notes)


def _text(text: str, dense_table_pages: list[int] | None = None) -> IngestedText:
    return IngestedText("doc.txt", "txt", "utf-8", text, [], dense_table_pages=dense_table_pages or [])


def test_no_evaluation_is_noted_only_for_a_text_that_reads_as_a_self_evaluation() -> None:
    assert reading_notes(_text("自评得分95分，绩效目标全部完成，存在问题：无。"), []) == ["no_evaluation"]
    assert reading_notes(_text("今天召开了全体会议。"), []) == []


def test_pdf_tables_read_as_text_are_noted(tmp_path) -> None:
    """A page over the ruling-line cap loses its cells to keep the time bounded; the document says so."""
    assert reading_notes(_text("今天召开了全体会议。", [3]), []) == ["dense_tables"]
    path = hostile_pdf("dense_grid", 1, tmp_path / "dense.pdf")
    result = nlp.analyze(path)
    assert result.ingested.dense_table_pages == [1] and "dense_tables" in result.notes
    assert "dense_tables" in result.frames()["documents"].iloc[0]["note"].split(",")


def test_batch_documents_row_carries_the_note(tmp_path) -> None:
    result = analyse(tmp_path, "XX县2023年度培训项目支出绩效自评报告\n一、情况\n自评得分见附件。\n")
    row = result.frames()["documents"].iloc[0]
    assert row["status"] == "ok" and row["note"] == "no_claimed_score"
