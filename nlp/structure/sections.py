"""Section labels (SPEC §5): a trained classifier over heading, opening text and tree context.

The model is a ``LinearModel`` (logistic regression kept as plain arrays) over
named features. Labels are predicted
top-down so each section sees its parent's predicted label, as at training time
it saw the annotated one.

The model learned from one province's outline, so where the words leave no doubt
they decide (``decisive_label``): a 自评表 or report title by its form, statement
headings by their variants (存在的问题及原因分析, 下一步拟改进措施 …) and a few
headings of the national outlines (绩效评价工作开展情况, 自评结论). Keyword rules
and those headings are data in ``nlp/text/vocab/sections.toml`` and ``statements.toml``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from nlp.structure.keyword_rules import (
    KeywordRules,
    decisive_heading_rules,
    form_part_label,
    names_whole_unit,
    statement_heading_patterns,
)
from nlp.structure.linear_model import LinearModel, text_features
from nlp.structure.outline import SPACED_CN, TABLE_SIGNS
from nlp.text.blocks import IngestedText
from nlp.text.document import Section
from nlp.text.segment import words
from nlp.text.vocabulary import marker, marker_words, title_sign, vocabulary

LABELS = [
    "duties",
    "organization",
    "key_work",
    "finance",
    "three_public",
    "other_matters",
    "perf_mgmt",
    "glossary",
    "dept_report",
    "project_report",
    "eval_table",
    "overview",
    "goals",
    "funds",
    "implementation",
    "results",
    "application",
    "self_review",
    "conclusion",
    "problems",
    "suggestions",
    "other",
]
# Inverse regularization; chosen among 4, 10, 30, 100 on the same cross-validation (see MODELS.md).
_C = 10.0
_OPENING_CHARS = 40
_REPORT_ROOTS = ("dept_report", "project_report")
_NUMBER_PREFIX = re.compile(
    "^(?:"
    + "|".join(
        (
            marker("part"),
            rf"(?:{marker_words('attachment')})\d*",
            *(marker(style, masked=True) for style in ("cn", "pcn", "ar", "par", "circle")),
            SPACED_CN,
        )
    )
    + ")"
)

# The keyword rules (nlp/text/vocab/sections.toml): the baseline, and one feature among many for the model.
KEYWORD_RULES = KeywordRules([(label, pattern) for label, pattern in vocabulary("sections")["rules"]])
# A title's trailing punctuation and the cell bars of a table scraped one cell per line.
_TITLE_END = re.compile(r"[\s:：.。|]+$")
_STATEMENT_LABELS = {"problem": "problems", "suggestion": "suggestions"}


def keyword_label(heading: str) -> str:
    """The keyword-rule baseline: the first rule the heading matches, else ``other``."""
    return KEYWORD_RULES.first(heading) or "other"


def heading_title(heading: str) -> str:
    """The heading without its number (一、, (二), 1., 第X部分 …)."""
    return _NUMBER_PREFIX.sub("", heading, count=1).strip()


def _title_core(heading: str) -> str:
    """The heading without its number, trailing punctuation or cell bars: what vocabulary matches whole."""
    return _TITLE_END.sub("", heading_title(heading))


def statement_heading(heading: str) -> str | None:
    """``problem``, ``suggestion``, ``combined`` (both) or ``other`` (beside them, none) when a heading
    announces statements by its whole title (存在的问题及原因分析, 下一步拟改进措施 …), else None.

    A combined heading is tried first, so 问题及建议 is not taken for a bare 问题.
    """
    title = _title_core(heading)
    patterns = statement_heading_patterns()
    kinds = ("combined", "problem", "suggestion", "other")
    return next((kind for kind in kinds if patterns[kind].fullmatch(title)), None)


def decisive_label(section: Section) -> str | None:
    """The label a section's form or whole heading decides, whatever the classifier would say.

    A 自评表 (a table standing as a section, or a title naming one) is ``eval_table``; a report
    title is ``dept_report`` when it names a 整体 evaluation, else ``project_report``; a
    statement heading is ``problems`` / ``suggestions`` (a combined one ``problems``, the part it names
    first, unless it holds parts of its own: then the keyword rule's label); a few headings of the national
    outlines decide their label (nlp/text/vocab/sections.toml).
    """
    if section.style == "table":
        return "eval_table"
    if section.style == "form":
        return form_part_label(section.heading)
    if section.style == "title":
        if title_sign("report").search(section.heading):
            return "dept_report" if names_whole_unit(section.heading) else "project_report"
        return "eval_table" if title_sign("table").search(section.heading) else None
    kind = statement_heading(section.heading)
    if kind in _STATEMENT_LABELS:
        return _STATEMENT_LABELS[kind]
    title = _title_core(section.heading)
    if kind == "combined":  # 未完成原因和下一步改进措施: named by the part it names first, unless parts of its own
        return keyword_label(title) if section.children else "problems"
    return next((label for label, pattern in decisive_heading_rules() if pattern.fullmatch(title)), None)


@dataclass
class SectionContext:
    """What the classifier sees of one section."""

    heading: str
    opening: str
    style: str
    depth: int
    position: float  # relative place in the document, 0 … 1
    has_children: bool
    parent_label: str
    root_label: str  # the label of the nearest report root or top-level ancestor
    indicator_table: bool  # the section's own text holds a table of indicators (一级指标 …)


def section_context(
    document: IngestedText, section: Section, by_id: dict[str, Section], labels: dict[str, str]
) -> SectionContext:
    """The context of one section given the labels known so far (annotated or predicted)."""
    parent = by_id.get(section.parent) if section.parent else None
    root = parent
    while root is not None and root.parent and labels.get(root.id) not in _REPORT_ROOTS:
        root = by_id.get(root.parent)
    body = document.text[section.heading_end : section.end].strip()
    own_end = min((by_id[c].start for c in section.children), default=section.end)
    return SectionContext(
        heading=heading_title(section.heading),
        opening=body[:_OPENING_CHARS],
        style=section.style,
        depth=section.level,
        position=section.start / max(len(document.text), 1),
        has_children=bool(section.children),
        parent_label=labels.get(parent.id, "none") if parent else "none",
        root_label=labels.get(root.id, "none") if root else "none",
        indicator_table=_any_between(indicator_tables(document), section.start, own_end),
    )


@lru_cache(maxsize=4)  # the document being labelled; holding more would only keep texts alive
def indicator_tables(document: IngestedText) -> tuple[int, ...]:
    """Start offsets of the document's indicator tables (in order), found once per document."""
    return tuple(b.start for b in document.blocks if b.kind == "table" and TABLE_SIGNS.search(b.text))


def _any_between(offsets: tuple[int, ...], start: int, end: int) -> bool:
    """Is one of the sorted ``offsets`` in ``[start, end)``?"""
    index = bisect_left(offsets, start)
    return index < len(offsets) and offsets[index] < end


def features(context: SectionContext) -> dict[str, float]:
    """Feature names: heading character n-grams and words, opening words, tree context."""
    heading = context.heading
    feats = text_features(heading, (1, 2, 3), "hw")
    for word in words(context.opening):
        feats[f"ow={word}"] = 0.5
    feats[f"style={context.style}"] = 1.0
    feats[f"depth={min(context.depth, 6)}"] = 1.0
    feats[f"pos={int(context.position * 10)}"] = 1.0
    feats[f"children={context.has_children}"] = 1.0
    feats[f"parent={context.parent_label}"] = 1.0
    feats[f"root={context.root_label}"] = 1.0
    feats[f"table={context.indicator_table}"] = 1.0
    feats[f"rule={keyword_label(heading)}"] = 1.0
    feats[f"rule+parent={keyword_label(heading)}|{context.parent_label}"] = 1.0
    return feats


def fit_section_model(samples: list[SectionContext], labels: list[str], seed: int = 0) -> LinearModel:
    return LinearModel.fit((features(c) for c in samples), labels, c=_C, seed=seed)


def label_sections(document: IngestedText, by_id: dict[str, Section], model: LinearModel) -> None:
    """Label the sections of ``by_id`` (the outline's index, in its order) top-down, so each sees its
    parent's and report root's predicted labels.

    Sections whose parents are labelled are predicted together, one generation at a time; a
    label the section's form or heading decides (``decisive_label``) overrides the model's.
    """
    labels: dict[str, str] = {}
    pending = list(by_id.values())
    while pending:
        ready = [s for s in pending if s.parent is None or s.parent in labels or s.parent not in by_id]
        contexts = [section_context(document, section, by_id, labels) for section in ready]
        for section, (label, confidence) in zip(
            ready, model.predict_many([features(c) for c in contexts]), strict=True
        ):
            decided = decisive_label(section)
            if decided is not None and decided != label:
                label, confidence = decided, 1.0
            section.label, section.confidence = label, confidence
            labels[section.id] = label
        pending = [s for s in pending if s.id not in labels]
