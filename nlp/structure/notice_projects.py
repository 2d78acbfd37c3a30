"""Projects a notice of results sets out one numbered block each: ``(一)项目名称：X`` ⏎ 预算数… 自评得分… 存在问题….

A finance bureau's notice (绩效自评结果公示) may give its projects' results as prose blocks rather than as a table
(``result_lists``): each block opens with its number and the 项目名称 label and runs to the next block, or to the end
of the section its heading opens. Two or more such blocks, each stating its self-score (自评得分：92分), make a notice;
one is a form's line, and blocks without scores are a report's account of its projects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from nlp.text.blocks import IngestedText
from nlp.text.document import Section
from nlp.text.vocabulary import alternation, marker, vocabulary

_MIN_BLOCKS = 2


@dataclass(frozen=True)
class NoticeProject:
    """One project's block: its name, its span and the section its heading opens (None if the outline has none)."""

    name: str
    start: int
    end: int
    section: Section | None


@cache
def _block_opening() -> re.Pattern:
    labels = alternation(vocabulary("titles")["name_labels"]["project"])
    numbers = "|".join(marker(style) for style in ("cn", "pcn", "ar", "par"))
    return re.compile(rf"^\s*(?:{numbers})\s*(?:{labels})\s*[:：]\s*(?P<name>[^，,。；;:：\s]{{2,60}})")


def notice_projects(document: IngestedText, sections: list[Section]) -> list[NoticeProject]:
    """The numbered project blocks of a notice, in order; none when fewer than two."""
    opened = [
        (block.start, match.group("name"))
        for block in document.blocks
        if block.kind == "paragraph" and (match := _block_opening().match(block.text))
    ]
    if len(opened) < _MIN_BLOCKS:
        return []
    headed = {section.start: section for section in sections}
    projects = []
    for index, (start, name) in enumerate(opened):
        section = headed.get(start)
        following = opened[index + 1][0] if index + 1 < len(opened) else len(document.text)
        end = min(following, section.end) if section is not None else following
        projects.append(NoticeProject(name, start, end, section))
    if not all(_scored().search(document.text, p.start, p.end) for p in projects):
        return []
    return projects


@cache
def _scored() -> re.Pattern:
    """A block's self-score: a score label of the budget vocabulary, then its figure."""
    labels = alternation(vocabulary("budget")["prose"]["score"])
    return re.compile(rf"(?:{labels})\s*[:：为是]?\s*\d")
