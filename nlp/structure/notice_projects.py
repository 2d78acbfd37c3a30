"""Projects a notice of results sets out one block each: ``(一)项目名称：X`` ⏎ 预算数… 自评得分… 存在问题….

A finance bureau's notice (绩效自评结果公示) may give its projects' results as prose blocks rather than as a table
(``result_lists``). A block opens with the 项目名称 label (numbered or not), with a line naming the project alone
(【X】, (一)X专项资金: a name ending as a project's or a fund's does), or with a numbered project run into its
account (项目一：X项目。该项目全年预算…, 1.X项目。该项目…), and runs to the next block, or to the end of the section
its heading opens (or it stands in); a name line right above a 项目名称 line of the same project opens one block.
Two or more such blocks, each stating its self-score (自评得分：92分), make a notice (or a 决算's account of its
projects' self-evaluations); one is a form's line, and blocks without scores are a report's account of its projects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from nlp.text.blocks import IngestedText
from nlp.text.document import Section
from nlp.text.vocabulary import alternation, marker, vocabulary

_MIN_BLOCKS = 2
_MAX_BLOCKS = 200  # a county's notice lists a few dozen projects


@dataclass(frozen=True)
class NoticeProject:
    """One project's block: its name, its span and the section its heading opens (None if the outline has none)."""

    name: str
    start: int
    end: int
    section: Section | None


@cache
def _block_openings() -> tuple[re.Pattern, re.Pattern]:
    """A 项目名称 line, numbered or not; a line naming a project alone or a numbered project run into its account."""
    labels = alternation(vocabulary("titles")["name_labels"]["project"])
    numbers = "|".join(marker(style) for style in ("cn", "pcn", "ar", "par"))
    ends = alternation(vocabulary("titles")["project_block_endings"])
    labelled = re.compile(rf"^\s*(?:{numbers})?\s*(?:{labels})\s*[:：]\s*(?P<name>[^，,。；;:：\s]{{2,60}})")
    named = re.compile(
        rf"^\s*(?:【(?P<bracketed>[^【】]{{2,40}})】\s*$"
        rf"|(?:{numbers})\s*(?P<alone>[^，,。；;:：\s]{{2,40}}(?:{ends}))\s*$"
        rf"|(?:项目[一二三四五六七八九十\d]{{1,3}}[:：]|{numbers})\s*(?P<run_in>[^，,。；;:：\s]{{2,40}}(?:{ends}))[。.])"
    )
    return labelled, named


def _opening(text: str) -> tuple[str, bool] | None:
    """The project a paragraph opens a block of, and whether by its 项目名称 label; None if it opens none."""
    labelled, named = _block_openings()
    if (match := labelled.match(text)) is not None:
        return match.group("name"), True
    if (match := named.match(text)) is not None:
        return match.group("bracketed") or match.group("alone") or match.group("run_in"), False
    return None


def _openings(document: IngestedText) -> list[tuple[int, str]]:
    """(start, name) of each block's opening: a name line right above the 项目名称 line naming the same project
    opens one block with it. Where blocks open with their 项目名称 label, a name line elsewhere is a line of a
    block (1.中央补助资金 listing its funds), no block's opening."""
    found = [
        (block.start, opening)
        for block in document.blocks
        if block.kind == "paragraph" and (opening := _opening(block.text))
    ]
    labelled = any(by_label for _, (_, by_label) in found)
    opened: list[tuple[int, str]] = []
    for index, (start, (name, by_label)) in enumerate(found):
        following = found[index + 1][1] if index + 1 < len(found) else None
        heads_its_label = following is not None and following[1] and _same_name(name, following[0])
        if by_label and opened and opened[-1][2] and _same_name(opened[-1][1], name):
            continue  # 【X】 ⏎ 项目名称：X: the block the line above opened
        if by_label or not labelled or heads_its_label:
            opened.append((start, name, not by_label))
    return [(start, name) for start, name, _ in opened]


def _same_name(a: str, b: str) -> bool:
    """One project's name as a heading and as its label's value (农村道路建设项目, 2023年农村道路建设项目)."""
    return a in b or b in a


def notice_projects(document: IngestedText, sections: list[Section]) -> list[NoticeProject]:
    """The project blocks of a notice, in order; none when fewer than two."""
    opened = _openings(document)
    if not _MIN_BLOCKS <= len(opened) <= _MAX_BLOCKS:
        return []  # more blocks than a notice lists are no notice (every evaluation costs a pass over the text)
    headed = {section.start: section for section in sections}
    projects = []
    for index, (start, name) in enumerate(opened):
        section = headed.get(start)
        following = opened[index + 1][0] if index + 1 < len(opened) else len(document.text)
        # a block the outline took for no heading ends with the part it stands in ((二)项目绩效自评结果 … (三)…)
        within = section or min((s for s in sections if s.start < start < s.end), key=lambda s: s.end, default=None)
        end = min(following, within.end) if within is not None else following
        projects.append(NoticeProject(name, start, end, section))
    if not all(_scored().search(document.text, p.start, p.end) for p in projects):
        return []
    return projects


@cache
def _scored() -> re.Pattern:
    """A block's self-score: a score label of the budget vocabulary, then its figure."""
    labels = alternation(vocabulary("budget")["prose"]["score"])
    return re.compile(rf"(?:{labels})\s*[:：为是]?\s*\d")
