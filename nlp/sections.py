"""Section labels (SPEC §5): a trained classifier over heading, opening text and tree context.

The model is a ``LinearModel`` (logistic regression kept as plain arrays) over
named features. Labels are predicted
top-down so each section sees its parent's predicted label, as at training time
it saw the annotated one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nlp.blocks import IngestedText
from nlp.keyword_rules import KeywordRules
from nlp.linear_model import LinearModel, text_features
from nlp.outline import TABLE_SIGNS, Section
from nlp.segment import words

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
    r"^(?:第[^部章]{1,4}(?:部分|章)|附件\d*|[一二三四五六七八九十]+[、.]|\([^)]{1,3}\)|\d{1,2}[、.]|[\u2460-\u2473])"
)

# The keyword rules: the baseline, and one feature among many for the model.
# Order matters: the first rule whose pattern is found in the heading wins.
KEYWORD_RULES = KeywordRules(
    [
        ("glossary", r"名词解释"),
        ("three_public", r"三公"),
        ("eval_table", r"自评表|绩效目标自评"),
        ("dept_report", r"整体.*(?:评价|自评)报告"),
        ("project_report", r"项目.*(?:评价|自评)报告"),
        ("perf_mgmt", r"预算绩效管理情况"),
        ("other_matters", r"其他重要事项|机关运行经费|政府采购|国有资产"),
        ("conclusion", r"评价结论|问题及建议"),
        ("problems", r"存在.{0,2}问题|主要问题"),
        ("suggestions", r"建议|改进措施|整改措施"),
        ("self_review", r"自评质量|自评步骤|评价方法|自评方法"),
        ("application", r"结果应用|自评公开|内部应用|应用反馈"),
        ("goals", r"绩效目标"),
        ("funds", r"资金申报|资金计划|到位|财务管理|资金使用|申报相符"),
        ("implementation", r"实施|组织架构|项目管理|监管"),
        ("key_work", r"重点工作|主要工作|工作任务"),
        ("results", r"绩效分析|完成情况|效益|履职|绩效情况|目标完成"),
        (
            "finance",
            r"决算|财政拨款|一般公共预算|基本支出|政府性基金|国有资本|收支|结转结余|收入情况|支出情况",
        ),
        ("duties", r"职责|职能"),
        ("organization", r"机构设置|机构组成|人员概况|人员情况|人员构成"),
        ("overview", r"基本情况|概况"),
    ]
)


def keyword_label(heading: str) -> str:
    """The keyword-rule baseline: the first rule the heading matches, else ``other``."""
    return KEYWORD_RULES.first(heading) or "other"


def heading_title(heading: str) -> str:
    """The heading without its number (一、, (二), 1., 第X部分 …)."""
    return _NUMBER_PREFIX.sub("", heading, count=1).strip()


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
        indicator_table=any(section.start <= start < own_end for start in indicator_tables(document)),
    )


@lru_cache(maxsize=4)  # the document being labelled; holding more would only keep texts alive
def indicator_tables(document: IngestedText) -> tuple[int, ...]:
    """Start offsets of the document's indicator tables, found once per document."""
    return tuple(b.start for b in document.blocks if b.kind == "table" and TABLE_SIGNS.search(b.text))


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


def label_sections(document: IngestedText, sections: list[Section], model: LinearModel) -> None:
    """Label sections top-down, so each sees its parent's and report root's predicted labels.

    Sections whose parents are labelled are predicted together, one generation at a time.
    """
    by_id = {section.id: section for section in sections}
    labels: dict[str, str] = {}
    pending = sections
    while pending:
        ready = [s for s in pending if s.parent is None or s.parent in labels or s.parent not in by_id]
        contexts = [section_context(document, section, by_id, labels) for section in ready]
        for section, (label, confidence) in zip(
            ready, model.predict_many([features(c) for c in contexts]), strict=True
        ):
            section.label, section.confidence = label, confidence
            labels[section.id] = label
        pending = [s for s in pending if s.id not in labels]
