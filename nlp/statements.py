"""Problems and suggestions (问题与建议) per evaluation: one item per enumerated point.

Read from the evaluation's sections labelled ``problems`` and ``suggestions``;
a combined 问题及建议 section is split where the suggestions begin. A section that
says only 无 / 暂无 / 未发现问题 gives one item marked as a none-statement;
``无重大问题，但存在以下不足：一是…`` is not one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from nlp.blocks import IngestedText
from nlp.corpus_stats import Reference
from nlp.outline import Section

NONE_STATEMENT = re.compile(
    r"^(?:无|暂无|没有|未发现问题|未发现|不存在问题|无问题|暂无问题|没有问题|无相关建议|暂无建议|无建议|无意见)[。.;；]?$"
)
# Where a new point begins: 一是, ①, (1), (一), 1. / 1、 (not 1.5).
_POINT = re.compile(
    r"[一二三四五六七八九十]是|[\u2460-\u2473]|\(\d{1,2}\)|\([一二三四五六七八九十]\)|(?<![\d.])\d{1,2}[.、](?!\d)"
)
_SUGGESTIONS_BEGIN = re.compile(r"(?:改进|相关|下一步|有关)?(?:建议|措施|工作打算)[:：]|^(?:建议|下一步|今后)")
_CAUSE = re.compile(r"由于|因为|原因|导致|造成|受.{1,8}影响")
_NAMED = re.compile(r"《[^》]+》|“[^”]+”|[\u4e00-\u9fff]{2,}(?:局|办公室|中心|委员会|项目|系统|平台|工程)")
TEMPLATE_SHARE = 0.5  # of a statement's words in sentences with the group's common tetragrams
_ATTACHMENT_NOTE = re.compile(r"见附件|详见附|^附表[:：]")  # "…自评表见附件3。": a pointer, not a point


@dataclass
class Statement:
    kind: str  # problem | suggestion
    text: str
    start: int
    end: int
    none_statement: bool
    boilerplate: bool = False

    def to_dict(self) -> dict:
        return {"text": self.text, "boilerplate": self.boilerplate, "start": self.start, "end": self.end}


def has_specifics(text: str) -> bool:
    """A number, a date, a named object or a stated cause: what template phrasing lacks."""
    return bool(re.search(r"\d", text) or _CAUSE.search(text) or _NAMED.search(text))


def _own_text(document: IngestedText, section: Section, sections: dict[str, Section]) -> tuple[int, int]:
    end = min((sections[c].start for c in section.children), default=section.end)
    return section.heading_end, end


def split_points(text: str, offset: int) -> list[tuple[int, int]]:
    """(start, end) of each point: paragraphs, and enumerators after a sentence ends."""
    cuts = {0}
    for match in re.finditer(r"\n", text):
        cuts.add(match.end())
    for match in _POINT.finditer(text):
        before = text[: match.start()].rstrip(" ")
        if not before or before[-1] in "。；;\n:：":
            cuts.add(match.start())
    bounds = [*sorted(cuts), len(text)]
    points = []
    for start, end in pairwise(bounds):
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            points.append((offset + start + lead, offset + start + lead + len(stripped)))
    return points


def _statements(document: IngestedText, start: int, end: int, kind: str) -> list[Statement]:
    body = document.text[start:end]
    stripped = body.strip()
    if not stripped:
        return []
    if NONE_STATEMENT.match(stripped):
        lead = len(body) - len(body.lstrip())
        return [Statement(kind, stripped, start + lead, start + lead + len(stripped), True, True)]
    return [
        Statement(kind, document.text[a:b], a, b, False)
        for a, b in split_points(body, start)
        if document.text[a:b].strip("。；; ") and not _ATTACHMENT_NOTE.search(document.text[a:b])
    ]


def _combined_split(document: IngestedText, start: int, end: int) -> int:
    """Where the suggestions of a combined 问题及建议 section begin (``end`` if nowhere)."""
    body = document.text[start:end]
    for line in re.finditer(r"[^\n]+", body):
        marker = _SUGGESTIONS_BEGIN.search(line.group())
        if marker and (marker.start() == 0 or line.start() > 0):
            return start + line.start() + marker.start()
    return end


def find_statements(
    document: IngestedText, sections: list[Section], section_ids: list[str]
) -> tuple[list[Statement], dict[str, bool]]:
    """Problems and suggestions of one evaluation, and which of the two sections it has."""
    by_id = {s.id: s for s in sections}
    statements: list[Statement] = []
    present = {"problem": False, "suggestion": False}
    for section_id in section_ids:
        section = by_id[section_id]
        start, end = _own_text(document, section, by_id)
        combined = "问题" in section.heading and "建议" in section.heading and not section.children
        if combined:
            split = _combined_split(document, start, end)
            statements += _statements(document, start, split, "problem")
            statements += _statements(document, split, end, "suggestion")
            present.update(problem=True, suggestion=True)
        elif section.label in ("problems", "suggestions"):
            kind = "problem" if section.label == "problems" else "suggestion"
            statements += _statements(document, start, end, kind)
            present[kind] = True
    return statements, present


def mark_boilerplate(statements: list[Statement], reference: Reference, share: float = TEMPLATE_SHARE) -> None:
    """A none-statement, or mostly the group's template phrasing with nothing specific, is boilerplate."""
    for statement in statements:
        templated = reference.boilerplate_share(statement.text) >= share
        statement.boilerplate = statement.none_statement or (templated and not has_specifics(statement.text))
