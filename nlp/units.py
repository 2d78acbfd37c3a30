"""Evaluation units (SPEC §3): one per 部门整体 report, one per project.

A unit starts at a root of the outline: a report title (…绩效评价报告, …自评报告,
…自评表) or a 自评表 standing as a table. A project's narrative report and its
自评表 are one evaluation: they are matched by name (``保安经费项目`` and
``保安经费`` are the same project), and a report that names no project takes the
next unclaimed table before the next report.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from nlp.blocks import IngestedText
from nlp.meta import DocumentMeta, department_from_title
from nlp.outline import Section

if TYPE_CHECKING:
    from nlp.budget import Budget
    from nlp.claims import Claim
    from nlp.flags import Flag
    from nlp.indicators import Indicator
    from nlp.statements import Statement

_ROOT_TITLE = re.compile(r"评价报告|自评报告|自评表|绩效目标自评")
_DEPARTMENT_SIGN = re.compile(r"整体")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年度?")
_PARENTHESIZED = re.compile(r"\(([^()]{2,60})\)$")
_PROJECT_SUFFIX = re.compile(
    r"(?:专项资金|专项)?(?:部门)?(?:预算)?(?:项目)?(?:支出)?(?:绩效)?(?:自评报告|评价报告|自评表|目标自评|报告)$"
)
_NAME_NOISE = re.compile(r"项目$|[\s()“”\"'、，,]")
# An organisation named with its administrative division: 攀枝花市西区行政审批局.
_ORGANISATION = re.compile(
    r"(?:[\u4e00-\u9fff]{1,8}?(?:省|自治区|市|州|县|区))+[\u4e00-\u9fff]{1,12}?"
    r"(?:人民政府办公室|办公室|委员会|局|中心|院|馆|站|所)"
)


@dataclass
class Evaluation:
    id: str
    kind: str  # department | project
    name: str | None
    start: int
    end: int
    sections: list[str]
    roots: list[str] = field(default_factory=list)  # the report and/or table sections merged
    budget: Budget | None = None
    claimed_score: float | None = None
    recomputed_score: float | None = None
    indicators: list[Indicator] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    quality: dict | None = None
    goal: dict | None = None  # 年度总体目标: expected and actual cells with offsets

    def spans(self, sections: dict[str, Section]) -> list[tuple[int, int]]:
        """(start, end) of each root it merges: its report and/or its 自评表."""
        return [(sections[root].start, sections[root].end) for root in self.roots]

    def text(self, document: IngestedText, sections: dict[str, Section]) -> str:
        """Its report and table text, joined."""
        return "\n".join(document.text[start:end] for start, end in self.spans(sections))

    def to_dict(self) -> dict:
        """SPEC §3 evaluation; the fields later stages fill are null or empty."""
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "start": self.start,
            "end": self.end,
            "sections": self.sections,
            "budget": (
                self.budget.to_dict()
                if self.budget
                else {"planned": None, "executed": None, "rate": None, "unit": "万元"}
            ),
            "claimed_score": self.claimed_score,
            "recomputed_score": self.recomputed_score,
            "goal": self.goal,
            "indicators": [indicator.to_dict() for indicator in self.indicators],
            "claims": [claim.to_dict() for claim in self.claims],
            "problems": [s.to_dict() for s in self.statements if s.kind == "problem"],
            "suggestions": [s.to_dict() for s in self.statements if s.kind == "suggestion"],
            "flags": [flag.to_dict() for flag in self.flags],
            "quality": self.quality,
        }


def _is_root(section: Section) -> bool:
    return section.style == "table" or (section.style == "title" and bool(_ROOT_TITLE.search(section.heading)))


def _is_department(section: Section) -> bool:
    return section.style != "table" and (
        section.label == "dept_report" or bool(_DEPARTMENT_SIGN.search(section.heading))
    )


def project_name(title: str) -> str | None:
    """The project a report or table title names: in parentheses, or between year and report type."""
    parenthesized = _PARENTHESIZED.search(title)
    if parenthesized:
        return parenthesized.group(1)
    year = _YEAR.search(title)
    name = title[year.end() :] if year else title
    name = _PROJECT_SUFFIX.sub("", name).strip()
    return name or None


def _named_in_tables(document: IngestedText, section: Section) -> str | None:
    """A 项目名称 cell's neighbour, in the tables of the section's span."""
    for block in document.blocks:
        if block.kind != "table" or not section.start <= block.start < section.end:
            continue
        for row in block.rows:
            for left, right in pairwise(row):
                if left.text.rstrip(":：") == "项目名称" and right.text:
                    return right.text
    return None


def main_organisation(text: str) -> str | None:
    """The organisation the document names most often (with its division), for unnamed reports."""
    candidates = set(_ORGANISATION.findall(text))
    if not candidates:
        return None
    counts = Counter({name: text.count(name) for name in candidates})
    return max(counts, key=lambda name: (counts[name], len(name)))


def same_project(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    a, b = _NAME_NOISE.sub("", a), _NAME_NOISE.sub("", b)
    return a == b or (min(len(a), len(b)) >= 2 and (a in b or b in a))


def _subtree(sections: list[Section], root: Section) -> list[str]:
    return [s.id for s in sections if root.start <= s.start < root.end]


def find_evaluations(document: IngestedText, sections: list[Section], meta: DocumentMeta) -> list[Evaluation]:
    roots = [s for s in sections if _is_root(s)]
    departments = [r for r in roots if _is_department(r)]
    reports = [r for r in roots if r not in departments and r.style == "title" and "报告" in r.heading]
    tables = [r for r in roots if r not in departments and r not in reports]

    evaluations: list[Evaluation] = []
    fallback_department = meta.department or main_organisation(document.text)
    for root in departments:
        name = department_from_title(_PARENTHESIZED.sub("", root.heading)) or fallback_department
        evaluations.append(
            Evaluation("", "department", name, root.start, root.end, _subtree(sections, root), [root.id])
        )

    names = {r.id: project_name(r.heading) or _named_in_tables(document, r) for r in reports + tables}
    unclaimed = list(tables)
    for index, report in enumerate(reports):
        partner = next((t for t in unclaimed if same_project(names[report.id], names[t.id])), None)
        if partner is None and names[report.id] is None:
            next_report = reports[index + 1].start if index + 1 < len(reports) else len(document.text)
            partner = next(
                (
                    t
                    for t in unclaimed
                    if report.start < t.start < next_report and not _claimed_by_name(t, reports, names)
                ),
                None,
            )
        members = [report] + ([partner] if partner else [])
        if partner:
            unclaimed.remove(partner)
        name = names[report.id] or (names[partner.id] if partner else None)
        evaluations.append(
            Evaluation(
                "",
                "project",
                name,
                report.start,
                report.end,
                [sid for member in members for sid in _subtree(sections, member)],
                [m.id for m in members],
            )
        )
    for table in unclaimed:
        evaluations.append(
            Evaluation("", "project", names[table.id], table.start, table.end, _subtree(sections, table), [table.id])
        )
    evaluations.sort(key=lambda e: e.start)
    for number, evaluation in enumerate(evaluations, start=1):
        evaluation.id = f"e{number}"
    return evaluations


def _claimed_by_name(table: Section, reports: list[Section], names: dict[str, str | None]) -> bool:
    return any(same_project(names[r.id], names[table.id]) for r in reports)
