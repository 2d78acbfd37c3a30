"""Notes on what a document shows but the pipeline did not read: never a silent ``ok``.

A scraped page full of 自评得分 / 存在的问题 / 三级指标 that yields no evaluation, no
indicator or no statement is a reading failure a researcher must see; each note
names the part that the text shows (by the vocabulary in ``nlp/text/vocab/titles.toml``)
and the pipeline did not extract. A PDF page ruled so densely that its tables were read as
lines of text (``nlp.reading.readers.pdf_reader``, to bound the time a page may take) is noted
too: its cells were not read as a table.
"""

from __future__ import annotations

from nlp.text.blocks import IngestedText
from nlp.text.document import Evaluation
from nlp.text.vocabulary import vocabulary

NOTES = {
    "no_evaluation": "读作绩效自评但未识别出评价单元",
    "no_indicators": "有绩效指标表的字样但未读出指标",
    "no_statements": "有存在问题/改进措施的字样但未读出问题或建议",
    "no_claimed_score": "有自评得分的字样但未读出自评得分",
    "dense_tables": "PDF页面表格线过密，表格按正文读取，单元格未分开",
}


def reading_notes(document: IngestedText, evaluations: list[Evaluation]) -> list[str]:
    """Codes of :data:`NOTES` for the parts the text shows and ``evaluations`` lack, and its unread tables."""
    dense = ["dense_tables"] if document.dense_table_pages else []
    return dense + _missing_parts(document.text, evaluations)


def _missing_parts(text: str, evaluations: list[Evaluation]) -> list[str]:
    """The parts ``text`` shows by their vocabulary and ``evaluations`` lack."""
    titles = vocabulary("titles")
    checks = titles["reading_checks"]
    signs = titles["evaluation_signs"]

    def shows(words: list[str]) -> bool:
        return any(word in text for word in words)

    if not evaluations:
        reads_as_evaluation = sum(word in text for word in signs["words"]) >= signs["minimum"]
        return ["no_evaluation"] if reads_as_evaluation else []
    notes = []
    if shows(checks["indicators"]) and not any(e.indicators for e in evaluations):
        notes.append("no_indicators")
    if shows(checks["statements"]) and not any(e.statements for e in evaluations):
        notes.append("no_statements")
    if shows(checks["score"]) and all(e.claimed_score is None for e in evaluations):
        notes.append("no_claimed_score")
    return notes
