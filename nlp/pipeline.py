"""One document through every stage built so far: ingest → outline → labels → units."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from nlp.blocks import IngestedText
from nlp.claims import claims_pipeline, find_claims
from nlp.corpus_stats import Reference
from nlp.extract import fill_evaluation, scores_from_summaries
from nlp.flags import Flag, check_document
from nlp.ingest import ingest
from nlp.meta import DocumentMeta, extract_meta
from nlp.model_store import model_version, reference, section_model
from nlp.outline import Section, build_outline
from nlp.quality import QualityConfig, assess
from nlp.reading_notes import reading_notes
from nlp.schema import document_json
from nlp.scoring import ScoringConfig
from nlp.sections import label_sections
from nlp.statements import find_statements, mark_boilerplate
from nlp.units import Evaluation, find_evaluations


@dataclass
class DocumentResult:
    document: IngestedText
    meta: DocumentMeta
    sections: list[Section]
    evaluations: list[Evaluation]
    model_version: str | None
    flags: list[Flag]
    notes: list[str] = field(default_factory=list)  # codes of nlp.reading_notes.NOTES

    def to_json(self) -> dict:
        from nlp import PIPELINE_VERSION

        return document_json(self, PIPELINE_VERSION)

    def frames(self) -> dict:
        """The SPEC §4 tables of this document as pandas DataFrames."""
        from nlp import PIPELINE_VERSION
        from nlp.records import document_rows, frames

        return frames(document_rows(self, PIPELINE_VERSION))


def analyze(path: str | Path, scoring: Path | None = None, weights: Path | None = None) -> DocumentResult:
    """Read one document and structure it; raises ``InputError`` for unreadable input.

    ``scoring`` names a scoring config (weights, bands) in place of ``nlp/scoring.toml``;
    ``weights`` a quality config in place of ``nlp/quality.toml``.
    """
    return analyze_document(ingest(path), scoring, weights)


def analyze_document(
    document: IngestedText,
    scoring: Path | None = None,
    weights: Path | None = None,
    group: Reference | None = None,
) -> DocumentResult:
    """Every stage after ingest, on a document already read.

    ``group`` is the comparison group for boilerplate (a batch's own); the seeds' by default.
    """
    meta = extract_meta(document)
    sections = build_outline(document)
    label_sections(document, sections, section_model())
    evaluations = find_evaluations(document, sections, meta)
    config = ScoringConfig.load(scoring)
    by_id = {section.id: section for section in sections}
    pipeline = claims_pipeline()
    group = group or reference()
    for evaluation in evaluations:
        fill_evaluation(document, by_id, evaluation, config)
        evaluation.claims = find_claims(document, sections, evaluation.spans(by_id), pipeline)
        evaluation.statements, _ = find_statements(document, sections, evaluation.sections)
        mark_boilerplate(evaluation.statements, group)
    scores_from_summaries(document, sections, evaluations)
    document_flags = check_document(document, sections, evaluations)
    quality_config = QualityConfig.load(weights)
    for evaluation in evaluations:
        evaluation.quality = assess(evaluation, by_id, evaluation.text(document, by_id), group, quality_config)
    notes = reading_notes(document.text, evaluations)
    return DocumentResult(document, meta, sections, evaluations, model_version(), document_flags, notes)
