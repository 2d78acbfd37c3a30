"""Narrative claims (SPEC §3) on a spaCy pipeline: quantitative statements with their dimension.

Two components, registered as spaCy factories so a spaCy user can add them to a
pipeline of their own (``pipeline.add_pipe("jixiao_claims")``):

- ``jixiao_claims`` puts one span per claim in ``doc.spans["claims"]`` (subject
  through value), with ``span._.jixiao_subject``, ``span._.jixiao_value`` (a SPEC
  §2 Value) and ``span._.jixiao_offsets`` (claim and value, by character); the rules are in
  ``nlp.extraction.claim_rules``.
- ``jixiao_claim_dimensions`` sets ``span._.jixiao_dimension`` and
  ``span._.jixiao_confidence`` with the trained classifier (``models/claims.npz``),
  reading the section's label from ``doc._.jixiao_section``.

The pipeline is ``spacy.blank("zh")`` with the jieba segmenter; jixiao runs it only
on paragraphs that contain a digit or a Chinese numeral, where claims can be.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from nlp.extraction.claim_rules import claims_in
from nlp.structure.keyword_rules import KeywordRules
from nlp.structure.linear_model import LinearModel, text_features
from nlp.text.blocks import IngestedText
from nlp.text.document import Claim, Section, Value
from nlp.text.segment import tokens

CLAIMS_KEY = "claims"
# Sections whose figures describe the organisation (编制, 内设机构), not its work.
SKIPPED_SECTIONS = ("organization", "duties")
_MAY_HOLD_CLAIMS = re.compile(r"[\d零〇一二两三四五六七八九十百千万]")
_C = 10.0

# The keyword rules for a claim's dimension: the baseline, and one feature of the model.
_DIMENSION_RULES = KeywordRules(
    [
        ("满意度指标", r"满意"),
        ("时效指标", r"时限|按时|及时|工作日|小时|天数"),
        ("经济效益指标", r"投资|外资|出口|产值|税收|营业|节约"),
        ("其他", r"执行率|使用率|到位率|执行进度|占比"),
        ("质量指标", r"率$"),
    ]
)

for _name in ("jixiao_subject", "jixiao_value", "jixiao_offsets"):
    Span.set_extension(_name, default=None, force=True)
Span.set_extension("jixiao_dimension", default=None, force=True)
Span.set_extension("jixiao_confidence", default=None, force=True)
Doc.set_extension("jixiao_section", default="none", force=True)


def keyword_dimension(subject: str, value: Value) -> str:
    """The keyword-rule baseline: rules on the subject, else a default by the value's kind."""
    by_kind = {"money": "成本指标", "count": "数量指标", "percent": "质量指标"}
    return _DIMENSION_RULES.first(subject) or by_kind.get(value.kind, "其他")


def claim_features(subject: str, value: Value, section_label: str) -> dict[str, float]:
    """Subject characters and words, the value's kind and unit, the section's label, the rules' guess."""
    feats = text_features(subject, (1, 2), "w")
    feats[f"kind={value.kind}"] = 1.0
    feats[f"unit={value.unit}"] = 1.0
    feats[f"section={section_label}"] = 1.0
    feats[f"rule={keyword_dimension(subject, value)}"] = 1.0
    return feats


def fit_dimension_model(samples: list[dict[str, float]], labels: list[str], seed: int = 0) -> LinearModel:
    return LinearModel.fit(samples, labels, c=_C, seed=seed)


RAW_CLAIMS = "jixiao_raw_claims"  # doc.user_data key: the rules' claims when the caller already has them


class ClaimFinder:
    """spaCy component: claim spans from the rules of ``nlp.extraction.claim_rules``."""

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for raw in doc.user_data.get(RAW_CLAIMS) or claims_in(doc.text):
            span = doc.char_span(raw.start, raw.end, alignment_mode="expand")
            if span is None:
                continue
            span._.jixiao_subject = raw.subject
            span._.jixiao_value = raw.value
            # exact character offsets of the claim and of its value (the span snaps to tokens)
            span._.jixiao_offsets = (raw.start, raw.end, raw.value_start, raw.value_end)
            spans.append(span)
        doc.spans[CLAIMS_KEY] = spans
        return doc


class ClaimDimensions:
    """spaCy component: each claim's dimension from the trained classifier."""

    def __init__(self, model_path: str) -> None:
        from nlp.structure.model_store import (
            load_model,  # shape, dtype and finiteness checked: a damaged file is one line
        )

        self.model = load_model(Path(model_path))

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """Many documents' claims in one prediction (spaCy calls ``pipe`` for a stream of docs)."""
        for batch in minibatch(docs, batch_size):
            spans = [(doc, span) for doc in batch for span in doc.spans.get(CLAIMS_KEY, [])]
            samples = [claim_features(s._.jixiao_subject, s._.jixiao_value, d._.jixiao_section) for d, s in spans]
            for (_, span), prediction in zip(spans, self.model.predict_many(samples), strict=True):
                span._.jixiao_dimension, span._.jixiao_confidence = prediction
            yield from batch


@Language.factory("jixiao_claims")
def create_claim_finder(nlp: Language, name: str) -> ClaimFinder:
    return ClaimFinder()


@Language.factory("jixiao_claim_dimensions", default_config={"model_path": ""})
def create_claim_dimensions(nlp: Language, name: str, model_path: str) -> ClaimDimensions:
    from nlp.structure.model_store import CLAIM_MODEL_FILE, MODELS

    return ClaimDimensions(model_path or str(MODELS / CLAIM_MODEL_FILE))


@cache
def claims_pipeline(model_path: str = "") -> Language:
    """``spacy.blank("zh")`` on the process's jieba, with both claim components."""
    import spacy

    from nlp.text.segment import segmenter

    segmenter()  # spaCy's jieba segmenter then reuses the loaded dictionary
    pipeline = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    pipeline.add_pipe("jixiao_claims")
    pipeline.add_pipe("jixiao_claim_dimensions", config={"model_path": model_path})
    return pipeline


class SectionLookup:
    """The innermost section at any position, found by bisection in one sweep's table.

    Scanning every section for every paragraph was quadratic: 5,700 headings took 4 s of a
    6.6 s extract. One sweep over the section boundaries (a heap of the open sections,
    deepest first) records, between each pair of boundaries, the section ``section_of`` is
    defined to return: the deepest one containing the position, the first listed on a tie.
    """

    def __init__(self, sections: list[Section]) -> None:
        self._bounds = sorted({s.start for s in sections} | {s.end for s in sections})
        self._innermost: list[Section | None] = []
        by_start = sorted(range(len(sections)), key=lambda index: sections[index].start)
        open_sections: list[tuple[int, int]] = []  # (-level, index): the deepest, then the first listed, on top
        opened = 0
        for bound in self._bounds:
            while opened < len(by_start) and sections[by_start[opened]].start <= bound:
                index = by_start[opened]
                heapq.heappush(open_sections, (-sections[index].level, index))
                opened += 1
            while open_sections and sections[open_sections[0][1]].end <= bound:
                heapq.heappop(open_sections)  # closed ones deeper down leave when they reach the top
            self._innermost.append(sections[open_sections[0][1]] if open_sections else None)

    def __call__(self, position: int) -> Section | None:
        at = bisect.bisect_right(self._bounds, position) - 1
        return self._innermost[at] if at >= 0 else None


def section_of(sections: list[Section], position: int) -> Section | None:
    """The innermost section containing ``position`` (one lookup; for many, build a ``SectionLookup`` once)."""
    return SectionLookup(sections)(position)


def find_claims(
    document: IngestedText, sections: list[Section], spans: list[tuple[int, int]], pipeline: Language
) -> list[Claim]:
    """Claims in the paragraphs within ``spans``, outside organisation and duty sections."""
    docs: list[tuple[int, Doc]] = []
    section_at = SectionLookup(sections)
    for block in document.blocks:
        if block.kind != "paragraph" or not any(start <= block.start < end for start, end in spans):
            continue
        section = section_at(block.start)
        label = section.label if section and section.label else "none"
        if label in SKIPPED_SECTIONS or not _MAY_HOLD_CLAIMS.search(block.text):
            continue
        raw_claims = claims_in(block.text)
        if not raw_claims:  # spaCy runs only where the rules found a candidate
            continue
        # The paragraph's cached jieba tokens, not spaCy's own call to jieba: one segmentation serves all stages.
        words = list(tokens(block.text))
        doc = Doc(pipeline.vocab, words=words, spaces=[False] * len(words))
        doc.user_data[RAW_CLAIMS] = raw_claims
        doc._.jixiao_section = label
        docs.append((block.start, doc))
    processed: Iterable[Doc] = (doc for _, doc in docs)
    for _, component in pipeline.pipeline:  # as Language.pipe does: each component's own batching
        processed = component.pipe(processed) if hasattr(component, "pipe") else map(component, processed)
    found: list[Claim] = []
    for (offset, _), doc in zip(docs, processed, strict=True):
        for span in doc.spans[CLAIMS_KEY]:
            start, end, value_start, value_end = (offset + position for position in span._.jixiao_offsets)
            found.append(
                Claim(
                    dimension=span._.jixiao_dimension,
                    subject=span._.jixiao_subject,
                    value=span._.jixiao_value,
                    text=document.text[start:end],
                    start=start,
                    end=end,
                    value_start=value_start,
                    value_end=value_end,
                    confidence=span._.jixiao_confidence,
                )
            )
    return found
