"""Projects a 决算's performance summary scores one clause run each: evaluations of their own.

A 部门决算's 预算绩效管理情况 part may report its key projects' self-evaluations in one paragraph, each project
named at the head of its own run of clauses (after 。 or ；) with its budget figures and its score (…小型水库管护项目
全年预算数468万元，执行数468万元，自评得分95.54分；河湖长制工作经费项目…，自评得分92分。). Two or more such scored
runs make a list, as a results table's rows do (``nlp.structure.result_lists``); a single one is a sentence about the
department. Only the text of parts labelled ``perf_mgmt`` is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from nlp.text.blocks import IngestedText
from nlp.text.document import Section
from nlp.text.vocabulary import alternation, vocabulary

_MIN_PROJECTS = 2
_RUN_END = re.compile(r"[。；;\n]")


@dataclass(frozen=True)
class SummaryProject:
    """One project's run of clauses in a summary: its name and the run's span."""

    name: str
    start: int
    end: int


@cache
def _named_head() -> re.Pattern:
    """A project's name heading a clause: words ending with a project's word (…管护项目, …工作经费项目)."""
    ends = alternation(vocabulary("titles")["summary_projects"]["name_ends"])
    return re.compile(rf"(?:^|[，,：:])\s*(?P<name>[\u4e00-\u9fff“”()（）、]{{2,40}}?(?:{ends})(?:项目)?)")


@cache
def _score() -> re.Pattern:
    """A clause's self-score (自评得分95.54分, 自评得分为92分)."""
    words = alternation(vocabulary("budget")["prose"]["score"])
    return re.compile(rf"(?:{words})\s*(?:为|是|[:：])?\s*\d{{1,3}}(?:\.\d{{1,2}})?\s*分")


def summary_projects(document: IngestedText, sections: list[Section]) -> list[SummaryProject]:
    """The scored project runs of each performance summary, in order; none where a summary scores fewer than two."""
    found: list[SummaryProject] = []
    for section in sections:
        if section.label != "perf_mgmt":
            continue
        runs = []
        cuts = [
            section.heading_end,
            *(m.end() for m in _RUN_END.finditer(document.text, section.heading_end, section.end)),
        ]
        for start, end in zip(cuts, [*cuts[1:], section.end], strict=True):
            run = document.text[start:end]
            score = _score().search(run)
            named = _named_head().search(run, 0, score.start()) if score else None
            if named is not None:
                runs.append(SummaryProject(named.group("name"), start + named.start("name"), end))
        found += runs if len(runs) >= _MIN_PROJECTS else []
    return found
