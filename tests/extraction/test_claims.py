"""Narrative claims: the rules, the spaCy components, the pipeline output and cross-validated quality."""

from __future__ import annotations

import json
import random

import pytest
import spacy
from conftest import ROOT, SEEDS

import nlp
from nlp.corpus.training import evaluate_claims, load_annotated
from nlp.extraction.claim_rules import claims_in
from nlp.extraction.claims import CLAIMS_KEY, SectionLookup, claims_pipeline, section_of
from nlp.extraction.indicators import DIMENSIONS
from nlp.text.document import Section


def found(text: str) -> list[tuple[str, str]]:
    return [(c.subject, text[c.value_start : c.value_end]) for c in claims_in(text)]


def test_two_claims_in_one_sentence() -> None:
    assert found("全年报送信息238篇，省市采纳47篇。") == [("全年报送信息", "238篇"), ("省市采纳", "47篇")]


def test_two_subjects_share_one_value() -> None:
    assert found("办结率、回访率均达100%。") == [("办结率", "100%"), ("回访率", "100%")]


def test_money_and_percentage_points() -> None:
    claims = claims_in("完成年度投资95.9亿元，超计划进度11个百分点。")
    assert [(c.subject, c.value.kind, c.value.value, c.value.unit) for c in claims] == [
        ("完成年度投资", "money", 959000.0, "万元"),
        ("超计划进度", "percent", 11.0, "pp"),
    ]


def test_a_noun_after_the_number_is_the_subject() -> None:
    assert found("做好发展党员工作，1名预备党员顺利转正。") == [("预备党员顺利转正", "1名")]


@pytest.mark.parametrize(
    "text",
    [
        "截至2022年12月31日。",
        "根据《关于做好2023年预算绩效管理工作的通知》(财预〔2021〕10号)。",
        "认真贯彻中央八项规定精神。",
        "在第3季度。",
        "共计。",
    ],
)
def test_dates_references_and_words_are_not_claims(text: str) -> None:
    assert claims_in(text) == []


def test_components_work_in_a_users_own_spacy_pipeline() -> None:
    pipeline = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    pipeline.add_pipe("jixiao_claims")
    pipeline.add_pipe("jixiao_claim_dimensions")
    doc = pipeline("截至年底，我区共受理热线工单26845件，回访群众满意率98.2%。")
    spans = doc.spans[CLAIMS_KEY]
    assert [span._.jixiao_subject for span in spans] == ["我区共受理热线工单", "回访群众满意率"]
    assert [span._.jixiao_dimension for span in spans] == ["数量指标", "满意度指标"]
    assert spans[1]._.jixiao_value.value == 98.2


def test_claims_in_the_document_json_slice_the_text() -> None:
    result = nlp.analyze(SEEDS[2]).to_json()
    claims = [c for e in result["evaluations"] for c in e["claims"]]
    assert len(claims) > 50
    for claim in claims:
        assert result["text"][claim["start"] : claim["end"]] == claim["text"]
        assert claim["dimension"] in DIMENSIONS and claim["value"]["kind"] != "text"


def test_shipped_pipeline_is_built_once() -> None:
    assert claims_pipeline() is claims_pipeline()


def test_annotations_hold_at_least_200_reviewed_claims() -> None:
    lines = (ROOT / "corpus" / "annotations" / "claims.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) >= 200 and all(r["reviewed"] for r in rows)
    assert {r["dimension"] for r in rows} <= set(DIMENSIONS)


def test_cross_validated_claims_meet_the_targets() -> None:
    documents, _ = load_annotated()
    metrics = evaluate_claims(documents)
    assert metrics["precision"] >= 0.90 and metrics["recall"] >= 0.80
    assert metrics["dimension_accuracy"] >= 0.85


def test_section_lookup_is_the_innermost_section_at_every_position() -> None:
    """Against the definition, on random sections that nest, overlap, touch, are empty and tie on level."""
    rng = random.Random(14)
    for _ in range(200):
        sections = []
        for index in range(rng.randint(0, 12)):
            start = rng.randint(0, 60)
            end = start + rng.randint(0, 30)
            sections.append(Section(str(index), None, rng.randint(0, 3), None, "", "", start, end, start))
        lookup = SectionLookup(sections)
        for position in range(-1, 95):
            holding = [s for s in sections if s.start <= position < s.end]
            innermost = max(holding, key=lambda s: s.level) if holding else None
            assert lookup(position) is innermost
            assert section_of(sections, position) is innermost


def test_a_comma_grouping_thousands_ends_no_claims_clause() -> None:
    found = claims_in("全年培训1.08万人次,7,436人取得职业资格证书,合格率91.3%")
    assert [(claim.subject, claim.value.raw) for claim in found] == [
        ("全年培训", "1.08万人次"),
        ("取得职业资格证书", "7,436人"),
        ("合格率", "91.3%"),
    ]
