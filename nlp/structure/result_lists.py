"""Tables that list several projects' self-evaluation results, one row each.

A page may publish its projects' results as one table (序号 | 项目名称 | 发行金额 | 评价得分 | 评价结果):
each row with a project's name and a score is that project's evaluation, spanning the row's cells; a table
with no score column grades its rows (评价结果 | 优): each row named and graded is one, claiming no score. A row
whose remark says another body assessed it (财政部门重点评价) is no self-evaluation. Header words are data
(``[result_lists]`` in nlp/text/vocab/titles.toml).
"""

from __future__ import annotations

from dataclasses import dataclass

from nlp.reading.readers.text_tables import TRAILING_NOTE, is_list_figure
from nlp.text.blocks import Block, Cell, IngestedText
from nlp.text.values import parse_value
from nlp.text.vocabulary import vocabulary

_MIN_ROWS = 1  # a list of one project is a list too (its header names the columns)


@dataclass(frozen=True)
class ListedResult:
    """One row of a results list: the project's name, the score it claims (None for a grade only), the row's span."""

    name: str
    score: float | None
    start: int
    end: int


def _column(header: list[Cell], words: list[str]) -> int | None:
    """The column of the first header cell that is one of ``words``, whole (专项(项目)名称) or without a
    trailing bracketed note (评价得分(分)). A label ending in its colon (项目名称: | X | 自评总分: | 99.68) heads no
    column: it is a form's, its value in the next cell."""
    for cell in header:
        if cell.text.rstrip().endswith((":", "：")):
            continue
        text = cell.text.strip()
        if text in words or TRAILING_NOTE.sub("", text) in words:
            return cell.col
    return None


def _score(cell: Cell | None) -> float | None:
    value = parse_value(cell.text) if cell is not None and cell.text else None
    if value is None or value.kind != "number" or value.unit not in (None, "分"):
        return None
    # bonus points (加分项) may take a score past full marks
    return float(value.value) if 0 <= value.value <= vocabulary("budget")["scores"]["most_with_bonus"] else None


def _assessed_by_another(row: list[Cell]) -> bool:
    """Does the row's remark say another body assessed the project (重点评价), not the project itself (自评)?"""
    not_self = vocabulary("titles")["result_lists"]["not_self"]
    texts = [cell.text for cell in row]
    return any(word in text for text in texts for word in not_self) and not any("自评" in text for text in texts)


def _names_a_project(text: str) -> bool:
    """A name cell's text names a project: words, not a figure a row out of place put there, nor a total (合计)."""
    return bool(text) and not is_list_figure(text) and text not in vocabulary("budget")["table"]["score_totals"]


def listed_results(block: Block) -> list[ListedResult]:
    """The rows of a results list, or none when ``block`` is no such table."""
    if block.kind != "table":
        return []
    words = vocabulary("titles")["result_lists"]
    for index, header in enumerate(block.rows):
        name, score = _column(header, words["name_headers"]), _column(header, words["score_headers"])
        grade = _column(header, words["grade_headers"]) if score is None else None
        # a table of how results were applied (项目名称 | 评价结果 | 整改措施) grades projects someone assessed: no list
        applied = any(word in cell.text for cell in header for word in words["applied_results_headers"])
        if name is None or (score is None and (grade is None or applied)):
            continue
        found = []
        for row in block.rows[index + 1 :]:
            cells = {cell.col: cell for cell in row}
            claimed = _score(cells.get(score)) if score is not None else None
            graded = grade is not None and grade in cells and cells[grade].text.strip() in words["grades"]
            named = name in cells and _names_a_project(cells[name].text)
            if named and (claimed is not None or graded) and not _assessed_by_another(row):
                found.append(ListedResult(cells[name].text, claimed, row[0].start, row[-1].end))
        return found if len(found) >= _MIN_ROWS else []
    return []


def results_lists(document: IngestedText) -> list[ListedResult]:
    """Every row of every results list in the document, in order."""
    return [result for block in document.blocks for result in listed_results(block)]
